"""Prose before judgement: what in a comment, docstring or string can carry language at all.

Directives, headers and commented-out code are skipped whole; protected spans (URLs, paths, code)
are removed by `tokens.prose_tokens`; capitalised words inside a sentence are proper nouns.
"""

from __future__ import annotations

import ast
import keyword
import re

from english_guard.deep import parse_snippet
from english_guard.language.lexicon import common_words
from english_guard.language.tokens import INNER_APOSTROPHE, Token
from english_guard.language.words import AMBIGUOUS, SHARED, STRONG, Word, classify_word, compound_noun
from english_guard.records import Verdict

# Tool directives and file headers: English whatever words they contain.
_DIRECTIVE = re.compile(
    r"""^\s*(?:
        !                                   # shebang
      | -\*-                                # editor modelines
      | vim?:
      | (?:noqa|nosec|type:|pragma\b|fmt:|pylint:|isort:|mypy:|pyright:|ruff:|flake8[:\s]|english-guard:
         |yamllint|shellcheck|hadolint|eslint|prettier|cspell|codespell|spellchecker|language=|syntax=|escape=
         |SPDX-|coding[:=]|Copyright\b|\(c\)|©|nolint|nocover|no\s?cover|lgtm|skipcq|sourcery|pyre-)
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_THREE_WORDS = re.compile(r"[^\W\d_]{2,} [^\W\d_]{2,} [^\W\d_]{2,}")
_CODE_HINT = re.compile(r"[()\[\]=.{}]|^\s*(?:import|from|return|raise|del|assert|yield|await|print)\b")
_CONFIG_LINE = re.compile(r"^\s*-?\s*[\w.\-/\"']+\s*[:=]\s*\S*\s*$|^\s*--?[\w-]+(?:[ =]\S+)?\s*$")
_DOCTEST = re.compile(r"^\s*(?:>>>|\.\.\.)")
_FIELD_MARKER = re.compile(r":(?:param|type|returns?|rtype|raises?|var|ivar|cvar|meta)\b[^:]*:")

_ASCII_LETTER_RUNS = re.compile(r"[A-Za-z]+")
# The runs `plainly_english` looks up, in lowercased text: maximal runs of three or more ASCII letters
# (a shorter run is never looked up). english_guard.screen clears whole files with the same runs.
LONG_LETTER_RUNS = re.compile(r"[a-z]{3,}")
PLAIN_ENGLISH = Verdict(True, "en", 1.0, (), "only common English words")


# The reason of a word that is taken for a name because its text is in Title Case (`Benutzer Model`).
TITLE_CASE_REASON = "a word of Title Case text"


def plainly_english(text: str) -> bool:
    """Every run of letters is a common English word, code vocabulary or too short to matter.

    Most comments and docstrings of an English code base pass this test, and the full analysis
    (protected spans, proper nouns, lexicon look-ups) could only call them English too. The pre-parse
    screen (english_guard.screen) relies on this being the whole test for ASCII text: keep them together.
    """
    common = common_words()
    if text.isascii():
        # The same runs, found in one pass over the lowercased text and looked up as one set difference:
        # this test runs on every segment, and a Python-level test per word was most of its cost.
        return not common.missing(set(LONG_LETTER_RUNS.findall(text.lower())))
    return all(len(run) <= 2 or run.lower() in common for run in _ASCII_LETTER_RUNS.findall(text))


def no_foreign_word(text: str, allowed: frozenset[str]) -> bool:
    """No word of an ASCII prose text is foreign even out of context.

    The context rules of the full analysis (proper nouns, acronyms, protected spans) only ever
    turn foreign words into non-evidence, so a text without a single foreign word is English
    without them. Words with inner apostrophes (`o'quvchi`) need the full analysis.
    """
    if INNER_APOSTROPHE.search(text):
        return False
    runs = [run for run in _ASCII_LETTER_RUNS.findall(text) if len(run) > 2]
    # Only the runs outside the common words need a verdict: one set difference finds them.
    uncommon = common_words().missing({run.lower() for run in runs})
    for run in runs:
        if run.lower() in uncommon and classify_word(run, allowed, False).verdict in ("foreign", SHARED):
            return False  # a word English shares with another language is evidence where the profile says so
    return True


# A tool directive followed by the reason for it (`# pragma: no cover - перевірка безпеки`, `# type: ignore  # sabab`,
# `# noqa: E501 -- lange Zeile`): the reason is prose. Only for directives of linters and type checkers; headers
# (copyright, licence, coding) stay skipped whole, and english-guard's own directives too.
_DIRECTIVE_REASON = re.compile(
    r"""^\s*(?:noqa|nosec|type:|pragma\b|fmt:|pylint:|isort:|mypy:|pyright:|ruff:|flake8[:\s]|nolint|nocover
        |no\s?cover|lgtm|skipcq|sourcery|pyre-)
        [^#]*?(?:[ \t][-–—]{1,2}[ \t]|[ \t]\#[ \t]*)(?P<reason>.*[^\W\d_]{2}.*)$""",
    re.VERBOSE | re.IGNORECASE,
)


def _directive_reason(body: str) -> str | None:
    """The reason written after a tool directive, or None when there is none."""
    match = _DIRECTIVE_REASON.match(body)
    return match.group("reason").strip() if match else None


# A shebang names an interpreter's path (`#!/usr/bin/env python3`); `#!` before words is a highlighted comment
# (`#! Ejercicio 3: ...`, the Better Comments convention), prose like any other.
_SHEBANG = re.compile(r"#!\s*(?:/|[\w.-]*$)")


def prose_body(text: str, kind: str) -> str | None:
    """The part of a comment, docstring or string that can carry language, or None when none can."""
    body = text
    if kind in ("comment", "prose"):
        body = text.lstrip()
        if _SHEBANG.match(body):
            return None
        body = body.lstrip("#/;*!").strip()
        if _DIRECTIVE.match(body):
            return _directive_reason(body)
        if kind == "prose" and _CONFIG_LINE.match(body):
            return None
        code = _commented_code(body)
        if code is not None:
            # Commented-out code is not prose, but the prose in its string literals is (`# print("Salom")`), and
            # so is its own comment (`# x = 5  # o'zgaruvchi`).
            return _string_prose(code, _inline_comment(body))
        shaped = _code_shaped_prose(body)
        if shaped is not None:
            # A line of commented-out code that does not parse alone (a line of a block, `print "x"` of
            # Python 2): its string literals and non-ASCII names are its prose, its English names are code.
            return shaped or None
    elif kind == "docstring":
        lines = []
        in_doctest = False
        for line in body.splitlines():
            if _DOCTEST.match(line):
                in_doctest = True
                continue
            if in_doctest and line.strip():
                continue  # doctest output
            in_doctest = False
            lines.append(_FIELD_MARKER.sub(" ", line) if ":" in line else line)
        body = "\n".join(lines)
    if "(" in body and not body.isascii():  # the name in parentheses is in another script
        body = _NATIVE_NAME.sub(r"\1", body)
    if not any(char.isalpha() for char in body):
        return None
    return body


# A person's name followed by the same name in its owner's script: "Wasim Akram (وسیم اکرم)",
# "Yu Cheng Gu (顾宇成)". The name in parentheses is a name, not text in that language.
# Bounded, with one way to match each character: linear time on any text.
_NATIVE_NAME = re.compile(
    r"\b((?:[A-Z][a-z'’-]{0,30}[ \t]){1,4}[A-Z][a-z'’-]{0,30})[ \t]?"
    r"\([ \t]?[^\x00-\x7f()]{1,40}(?:[ \t][^\x00-\x7f()]{1,40}){0,4}[ \t]?\)"
)


# A line of a block cut out of its context: `elif x:`, `else:`, `except E:` and `for x in y:` parse inside one.
_CONTINUATION = re.compile(r"^(?:elif|else|except|finally)\b")
_OPENS_BLOCK = re.compile(r":\s*$")
_THREE_LETTERS = re.compile(r"[^\W\d_]{3}")
_BLOCK_KEYWORD = re.compile(r"^(?:if|elif|else|for|while|with|def|class|try|except|finally|async)\b")


def _commented_code(body: str) -> ast.AST | None:
    """The parsed code when a comment's body is commented-out code, else None."""
    block_header = bool(_OPENS_BLOCK.search(body) and _BLOCK_KEYWORD.match(body.strip()))
    if not (_CODE_HINT.search(body) or block_header) or (_THREE_WORDS.search(body) and not block_header):
        return None
    code = body.strip()
    if _CONTINUATION.match(code):
        code = ("try:\n pass\n" if code.startswith(("except", "finally")) else "if 1:\n pass\n") + code
    if _OPENS_BLOCK.search(code):
        code += "\n pass"
    try:
        return parse_snippet(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _inline_comment(code: str) -> str:
    """The comment at the end of a line of code (after a `#` outside its string literals), unless it is a tool's
    directive; "" when there is none."""
    if "#" not in code:
        return ""
    index = _STRING_LITERAL.sub(lambda match: " " * len(match.group()), code).find("#")
    if index < 0:
        return ""
    comment = code[index:].lstrip("#").strip()
    return "" if _DIRECTIVE.match(comment) else comment


def _string_prose(tree: ast.AST, comment: str = "") -> str | None:
    """The text of the string literals in a piece of code (f-string text parts too), of its non-ASCII names
    (`# cities = [Ташкент, Бухара]`) and of its own comment, or None if none has words."""
    parts = [comment] if comment else []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            parts.append(node.value)
        elif isinstance(node, ast.Name) and not node.id.isascii():
            parts.append(node.id.replace("_", " "))
        elif isinstance(node, ast.Attribute) and not node.attr.isascii():
            parts.append(node.attr.replace("_", " "))
    return _joined_prose(parts)


def _joined_prose(parts: list[str]) -> str | None:
    """The pieces of prose of a piece of code as one text, each its own paragraph (a button label, a message:
    a capitalised word that starts one is no name next to the word that ends the one before)."""
    text = "\n\n".join(part for part in parts if _THREE_LETTERS.search(part))
    return text or None


# A string literal on one line, with its prefix (`f"Natija: {x}"`, `'Salom'`); a quote right after a letter is an
# apostrophe (`o'zi`), not the start of a literal.
_STRING_LITERAL = re.compile(
    r"""(?<![\w'"])(?:[rRbBuUfF]{1,2}(?=["']))?(?:"(?P<double>(?:[^"\\\n]|\\.)*)"|'(?P<single>(?:[^'\\\n]|\\.)*)')"""
)
# What stands for a literal in the code around it.
_LITERAL_MARK = "\x00"
# Operands of code: a name, a number or a literal.
_OPERAND = re.compile(r"[^\W\d]\w*|\d[\w.]*|\x00")
# Keywords that stand next to an operand with only a space between them (`print "x"`, `return x`, `a if b else c`).
_SPACED_KEYWORDS = frozenset(keyword.kwlist) | {"print", "exec"}
# Code brackets and assignment: what a line of commented-out code writes and prose rarely does.
_CODE_MARK = re.compile(r"[()\[\]{}=]|^\s*(?:print|return|raise|yield|await|assert)\b")
# Characters of prose, not of code outside its literals.
_PROSE_MARK = re.compile(r"[?«»“”—–]|!(?!=)")


def _code_shaped_prose(body: str) -> str | None:
    """For a comment body that is shaped like a line of code (brackets or assignment, operands joined by
    operators or keywords, never two words in a row) and holds string literals or non-ASCII names: the
    prose they hold ("" when none has words). None when the body is not shaped so."""
    if ('"' not in body and "'" not in body and body.isascii()) or not _CODE_MARK.search(body):
        return None
    literals: list[str] = []

    def mark(match: re.Match) -> str:
        literals.append(match.group("double") if match.group("double") is not None else match.group("single"))
        return f" {_LITERAL_MARK} "

    rest = _STRING_LITERAL.sub(mark, body)
    if not _CODE_MARK.search(rest) or _PROSE_MARK.search(rest) or "'" in rest or '"' in rest:
        return None
    names = []
    previous_end, previous = -1, ""
    for operand in _OPERAND.finditer(rest):
        word = operand.group()
        if (
            previous
            and not rest[previous_end : operand.start()].strip()
            and previous not in _SPACED_KEYWORDS
            and word not in _SPACED_KEYWORDS
        ):
            return None  # two operands in a row: words of prose
        if not word.isascii():
            names.append(word.replace("_", " "))
        previous_end, previous = operand.end(), word
    if not literals and not names:
        return None
    return _joined_prose(literals + names) or ""


# The filler text of typesetting ("Lorem ipsum dolor sit amet ...") and the words its generators draw from:
# a placeholder, not a language.
LOREM_IPSUM = frozenset(
    """lorem ipsum dolor sit amet consectetur consectetuer adipiscing adipisicing elit sed do eiusmod tempor
    incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris
    nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum eu fugiat
    nulla pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim
    id est laborum aenean aliquam aliquet ante arcu auctor augue bibendum blandit condimentum congue convallis
    cras curabitur cursus dapibus diam dictum dignissim donec egestas eget eleifend elementum etiam eros
    euismod facilisis faucibus felis fermentum feugiat fringilla fusce gravida hendrerit iaculis imperdiet
    integer interdum justo lacinia lacus laoreet lectus leo libero ligula lobortis luctus maecenas massa
    mattis mauris maximus metus mi molestie mollis morbi nam nec neque nibh nisl nullam nunc odio orci
    ornare pellentesque pharetra phasellus placerat porta porttitor posuere praesent pretium proin pulvinar
    purus quam quisque rhoncus risus rutrum sagittis sapien scelerisque semper sodales sollicitudin
    suscipit suspendisse tellus tincidunt tortor tristique turpis ultrices ultricies urna varius vehicula
    vel vestibulum vitae vivamus viverra volutpat vulputate accumsan aptent class conubia litora nostra
    inceptos himenaeos sociosqu taciti torquent per fames habitant senectus netus malesuada""".split()
)
# Lorem ipsum is recognised by its own two words and a few more of its vocabulary.
_LOREM_MARKERS = frozenset({"lorem", "ipsum"})
_LOREM_MIN_WORDS = 4


def _lorem_ipsum(tokens: list[Token]) -> float:
    """The share of the text's words that are lorem ipsum, when the text holds lorem ipsum; else 0."""
    distinct = {token.text.lower() for token in tokens}
    if distinct.isdisjoint(_LOREM_MARKERS) or len(distinct & LOREM_IPSUM) < _LOREM_MIN_WORDS:
        return 0.0
    return sum(1 for token in tokens if token.text.lower() in LOREM_IPSUM) / len(tokens)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


# A lowercase word this common in its language (`der`, `und`, `fuer`) is that language's function word.
_FUNCTION_WORD_ZIPF = 5.0


def _plainly_foreign(text: str, word: Word) -> bool:
    """A lowercase word of three letters or more that is sure foreign evidence or a function word of its
    language: text that holds one between capitalised words is a sentence, not a run of names."""
    if word.verdict != "foreign" or len(text) < 3 or not text.islower():
        return False
    return word.strength == STRONG or bool(word.languages and word.languages[0][1] >= _FUNCTION_WORD_ZIPF)


def _relabel(words: list[Word], index: int, verdict: str, reason: str, strength: int = 0) -> None:
    """Give the word at `index` a new verdict (no evidence unless a strength is given) in this text only: a copy
    replaces it."""
    word = words[index].copy()
    word.verdict, word.strength, word.reason = verdict, strength, reason
    words[index] = word


# The reason of a word with a letter only some languages write (`XƏTA`): evidence in capitals too.
_LETTERS_REASON = "letters typical of"
# A word in capitals this long or longer is looked up (shorter ones are acronyms: `ID`, `OK`, `SMS`).
_CAPITALS_WORD_LETTERS = 4


def _lowercase_english(tokens: list[Token], words: list[Word]) -> bool:
    """Does the text hold a lowercase English word of three letters or more?"""
    return any(
        w.verdict in ("english", "code") and len(t.text) >= 3 and t.text.islower()
        for t, w in zip(tokens, words, strict=True)
    )


# The words `classify_prose` keeps as they are, whatever their place in the text.
_NEVER_RELABELLED = frozenset({"english", "code", "neutral", SHARED})


def classify_prose(tokens: list[Token], allowed: frozenset[str]) -> list[Word]:
    # `classify_word` hands out one cached object per word to every text of the process: a word re-labelled
    # below by its place in this text (a name, Title Case) is a copy (`_relabel`).
    words = [classify_word(token.text, allowed, False) for token in tokens]
    lorem = _lorem_ipsum(tokens)
    if lorem:
        # Its words are filler; so is the rest of a text made mostly of them (a generator's word list).
        for index, (token, word) in enumerate(zip(tokens, words, strict=True)):
            if word.verdict not in ("english", "code") and (lorem >= 0.8 or token.text.lower() in LOREM_IPSUM):
                _relabel(words, index, "neutral", "lorem ipsum filler text")
    if all(w.verdict in _NEVER_RELABELLED for w in words):
        return words  # the loop below reads only the other words
    latin_english = sum(1 for w in words if w.verdict in ("english", "code", SHARED))
    # The tests below ask about foreign words only: most texts here have none or a few.
    foreign = [(t, w) for t, w in zip(tokens, words, strict=True) if w.verdict == "foreign"]
    # German capitalises its nouns: a capitalised foreign word next to lowercase foreign words is not a name.
    lowercase_foreign = (
        any(t.text[:1].islower() for t, _w in foreign)
        or latin_english == 0
        or sum(1 for t, w in foreign if w.strength == STRONG and "lexicon" in w.reason and t.text[:1].isupper()) >= 2
    )
    # Title Case text (Unicode character names, headings, product lists) is a run of names; not when a
    # lowercase word between its capitalised ones is plainly foreign (German: `Rueckgabe der Groesse`).
    long_tokens = [t.text for t in tokens if len(t.text) >= 3]
    title_case = (
        len(long_tokens) >= 2
        and sum(1 for text in long_tokens if text[:1].isupper() and not text.isupper()) >= 0.75 * len(long_tokens)
        and not any(_plainly_foreign(t.text, w) for t, w in foreign)
    )
    # A sentence of few English words (a label, a column list, "Eingabefelder Position") may hold nouns of
    # a language that capitalises them; one of many English words is a name ("codename Schraubschlüssel").
    nouns_capitalised = latin_english <= 1 or lowercase_foreign
    for index, (token, word) in enumerate(zip(tokens, words, strict=True)):
        if word.verdict in _NEVER_RELABELLED:
            continue  # a shared word (`Alter`, `Persona`) stays one: no name, evidence only with the profile
        text = token.text
        if nouns_capitalised and word.strength == STRONG and compound_noun(word):
            continue  # a sure German compound (`Kundennummer`): German capitalises nouns, names are not so built
        if title_case and _is_capitalised(text) and not word.reason.startswith("script"):
            _relabel(words, index, "proper", TITLE_CASE_REASON)
            continue
        # Proper nouns: a capitalised word inside a sentence, or a run of capitalised words (a name).
        if _is_capitalised(text) or text.isupper():
            neighbours = [tokens[j] for j in (index - 1, index + 1) if 0 <= j < len(tokens)]
            if word.reason.startswith("script"):
                # A word of another script is no part of a name written in Latin letters: `Пайдаланушы` after
                # `user (User):`, `Користувач` before `Returns:` in a docstring's field list.
                neighbours = [n for n in neighbours if not n.text.isascii()]
            in_name_run = any(_is_capitalised(n.text) and not n.sentence_start for n in neighbours) or any(
                _is_capitalised(n.text) for n in neighbours if n is not token and not token.sentence_start
            )
            lexicon_evidence = "lexicon" in word.reason or word.reason.startswith("Uzbek stem")
            lexicon_backed = lexicon_evidence and lowercase_foreign
            if text.isupper() and not word.reason.startswith(("script", _LETTERS_REASON)):
                if len(text) >= _CAPITALS_WORD_LETTERS and lexicon_evidence and not _lowercase_english(tokens, words):
                    # `XATOLIK`, `DİKKAT`: a word of a foreign lexicon in capitals is a shouted word where the
                    # file and the project write that language, an acronym or a constant elsewhere; an acronym
                    # among lowercase English words (`100 KLOC over all files`) stays one.
                    _relabel(words, index, "foreign", "all capitals, a word of its lexicon", AMBIGUOUS)
                    continue
                # acronyms, constants, Unicode character names, licence shouting: not language evidence
                _relabel(words, index, "neutral", "all capitals")
            elif (
                token.sentence_start
                and not lexicon_evidence
                and not word.reason.startswith("script")
                and latin_english >= 2
            ):
                _relabel(words, index, "proper", "capitalised word unknown to the lexicons")
            elif (not token.sentence_start or in_name_run) and not (lexicon_backed and word.strength == STRONG):
                if word.reason.startswith("script") and latin_english == 0:
                    continue  # a whole non-Latin sentence is not a list of names
                _relabel(words, index, "proper", "capitalised inside a sentence")
    return words
