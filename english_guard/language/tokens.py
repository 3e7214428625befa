"""Turning identifiers and prose into words, after removing what is English whatever it contains."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import NamedTuple

# Spans inside prose that are code, addresses or numbers, never language evidence.
# Every alternative that can fail after a long run starts only where such a run starts (a look-behind or
# \b): without that, a 40,000-character comment took seconds to minutes (quadratic retries).
_PROTECTED = re.compile(
    r"""
      ``[^`\n]*``                                 # reST inline literals
    | `[^`\n]*`                                   # inline code
    | (?<![a-z0-9+.-])\b[a-z][a-z0-9+.-]*://[^\s<>"')\]]*   # URLs with a scheme
    | \bwww\.[^\s<>"')\]]+                         # bare www. addresses
    | (?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+     # e-mail addresses
    | (?<![\w.+-])@[A-Za-z0-9][\w-]*               # @handles of people and bots: @yuvipanda, @admin_bot
    | (?:~|\.{1,2})?(?:/[\w.@%+-]+){2,}/?          # absolute and relative paths
    | (?<![\w.-])[\w.-]+/[\w./-]+                  # a/b style paths and package names
    | "[^"\s]{1,40}"|(?<!\w)'[^'\s]{1,40}'(?!\w)    # a quoted token is data: "qwertydkjf", 'µ'
    | "\w+\s\w+"|(?<!\w)'\w+\s\w+'(?!\w)            # and so is a quoted pair of words: "e volatil"
                                                 # (not o'zbekchaga o'zgartirildi: those are apostrophes)
    | \{[^{}\n]*\}                                 # format placeholders
    | %\(?\w*\)?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGcoa%]   # printf placeholders
    | \$\{?\w+\}?                                  # shell and template variables
    | (?<![\w/])/[a-z][a-z_]*\b                    # bot commands: /start, /tarif
    | <(?![^\W\d_][\w\- ]{0,30}:\s)[^<>\n]{1,80}>     # tags and <placeholders>, not a `<Manzil: {x}>` repr
    | \bv?\d+(?:[.:\-]\d+)+\w*                     # versions, times, dates
    | \b(?!\d{1,3}\.(?![a-z])[^\W\d_]+\b(?!\.))      # (not a numbered menu item: `1.Shartnomalar`)
      \w+(?:\.\w+)+(?:\(\))?                       # dotted names: os.path.join, file.py, a.b()
    | (?P<digits>\b\w*\d\w*)                       # anything with a digit: utf8, k8s, 5km
    | \b[A-Za-z]+(?:_[A-Za-z0-9]+)+\b              # snake_case identifiers
    | \b[a-z]+(?:[A-Z][a-z0-9]*)+\b                # camelCase identifiers
    | \b[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+\b           # CamelCase identifiers
    | \b\w+\(\)                                    # call references: foo()
    """,
    re.VERBOSE,
)

# A word: letters, with inner apostrophes (`o'quvchi`, don't) kept together. Hyphens split words.
_WORD = re.compile(r"[^\W\d_]+(?:['’ʻʼ`‘][^\W\d_]+)*")


class Token(NamedTuple):
    """A word of prose. A named tuple: a text's tokens are made by the hundred, and a frozen dataclass costs
    more to build."""

    text: str
    sentence_start: bool


# Letters of scripts written without spaces between words (CJK, kana, Hangul, Thai, Lao, Myanmar, Khmer).
_NO_SPACE_SCRIPT = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
_DIGIT = re.compile(r"\d")


def _blank(match: re.Match) -> str:
    span = match.group(0)
    if match.group("digits") and _NO_SPACE_SCRIPT.search(span):
        # Those scripts glue numbers to words: `当前价格1` is "current price 1", not a code token like `utf8`.
        return _DIGIT.sub(" ", span)
    return " " * len(span)


# Every protected span holds one of these, in the same run of non-space characters as the span's start:
# a backtick, @, /, a quote, {, %, $, <, a digit, _, a quote after a non-word character, a dot between word
# characters, `www.`, a small letter before a capital, `()`. (No alternative of `_PROTECTED` can start in a run
# without one: what an alternative matches before its mark is never a space.)
_MARK = r"""[`@/"{%$<\d_]|(?<!\w)'|\w\.\w|www\.|[a-z][A-Z]|\(\)"""
# A run of non-space characters that holds a mark.
_MARKED_RUN = re.compile(r"(?<!\S)\S*?(?:" + _MARK + r")\S*")
# The same marks, each found from the one character that is sure to be in it (the others looked at behind or
# ahead of it): every alternative starts with a fixed character, so the search skips all other characters.
_MARK_AT = re.compile(r"""[`@/"{%$<\d_]|'(?<!\w')|\.(?<=\w\.)(?=\w)|\.(?<=www\.)|[A-Z](?<=[a-z][A-Z])|\((?=\))""")
_SPACE = re.compile(r"\s")
_NON_SPACES = re.compile(r"\S*")


def _marked_runs(text: str) -> Iterator[tuple[int, int]]:
    """The spans of `_MARKED_RUN.finditer(text)`, found from the marks: trying `_MARKED_RUN` at the start of
    every run of a long docstring cost more than the rest of `strip_protected`. (`str.isspace` is what `\\s`
    matches.)"""
    end = 0
    search = _MARK_AT.search
    mark = search(text)
    while mark is not None:
        position = mark.start()
        if position and not text[position - 1].isspace():
            # The run's start: after the last space before the mark. The text before the mark and after the
            # run found last holds no mark, so the split looks at that text only (its whitespace is `isspace`).
            start = position - len(text[end:position].rsplit(None, 1)[-1])
        else:
            start = position
        end = _NON_SPACES.match(text, position + 1).end()  # type: ignore[union-attr]  # `\S*` always matches
        yield start, end
        mark = search(text, end)  # a mark inside the run belongs to it (the look-behinds still see before `end`)


def strip_protected(text: str) -> str:
    """Replace protected spans (code, URLs, paths, numbers, placeholders) with spaces.

    Exactly `_PROTECTED.sub(_blank, text)`, but the pattern is tried only in runs that hold a mark: trying
    its twenty alternatives at every character of a long docstring was a fifth of the verdicts' time. The
    positions are tried in the order `sub` tries them, and a span that ends in a later run goes on there.
    """
    pieces = []
    done = 0  # text[:done] is in `pieces`
    for run_start, run_end in _marked_runs(text):
        position, end = max(done, run_start), run_end
        while position < end:
            match = _PROTECTED.match(text, position)
            if match is None:
                position += 1
                continue
            pieces.append(text[done:position])
            pieces.append(_blank(match))
            done = position = match.end()
            if position > end:
                space = _SPACE.search(text, position)
                end = space.start() if space else len(text)
    pieces.append(text[done:])
    return "".join(pieces)


# `_WORD` as the separator of `re.split`: the words at odd indices, what stands between them at even ones.
_WORD_APART = re.compile(f"({_WORD.pattern})")
# Whether a word after this text between two words starts a sentence, per distinct text (most are a space).
_STARTS_AFTER: dict[str, bool] = {}
_STARTS_AFTER_MAX = 50_000


def _starts_sentence(between: str) -> bool:
    starts = _STARTS_AFTER.get(between)
    if starts is None:
        stripped = between.strip()
        starts = bool(stripped) and (stripped[-1] in ".!?:;" or stripped[0] == "-") or "\n\n" in between
        if len(_STARTS_AFTER) < _STARTS_AFTER_MAX:
            _STARTS_AFTER[between] = starts
    return starts


def _few_tokens(pieces: list[str]) -> list[Token]:
    """`prose_tokens` word by word: for a text of a few words, cheaper than setting up the maps."""
    tokens = [Token(pieces[1], True)]
    for index in range(3, len(pieces), 2):
        starts = _STARTS_AFTER.get(pieces[index - 1])
        if starts is None:
            starts = _starts_sentence(pieces[index - 1])
        tokens.append(Token(pieces[index], starts))
    return tokens


# Up to three words (seven pieces of the split), the word-by-word loop costs less than the maps.
_FEW_WORDS_PIECES = 9
# `Token(word, starts)` from a pair, without a Python call per token (what `Token._make` does, through C).
_NEW_TOKEN = partial(tuple.__new__, Token)


def prose_tokens(text: str) -> list[Token]:
    """The words of a prose text, each marked if it starts a sentence (for telling proper nouns)."""
    pieces = _WORD_APART.split(strip_protected(text))
    if len(pieces) == 1:
        return []
    if len(pieces) < _FEW_WORDS_PIECES:
        return _few_tokens(pieces)
    # Built in C, not one Python step per word: what stands between two words, looked up once each; the
    # first word starts a sentence.
    starts: list[bool | None] = [True]
    starts += map(_STARTS_AFTER.get, pieces[2:-1:2])
    if None in starts:  # a separator not seen before (`None == False` is false: only the unknown ones match)
        starts = [_starts_sentence(pieces[2 * index]) if start is None else start for index, start in enumerate(starts)]
    return list(map(_NEW_TOKEN, zip(pieces[1::2], starts, strict=True)))


_UNDERSCORES = re.compile(r"_+")
# A word glued to digits stays one token (utf8, k8s, s3).
LETTERS_AND_DIGITS = re.compile(r"[A-Za-z]+\d+|[A-Za-z]\d+[A-Za-z]+")
# An apostrophe between two ASCII letters, searched from the apostrophe (a fixed set of characters the search skips
# to), the letters looked at around it: `prose.no_foreign_word`, `settled` and the screen tell words by it.
INNER_APOSTROPHE = re.compile(r"['`](?<=[A-Za-z]['`])(?=[A-Za-z])")
CAMEL_PARTS = _CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[^\W\d_]+|\d+")


def split_identifier(name: str, *, digits_apart: bool = False) -> list[str]:
    """Split snake_case, camelCase, CamelCase, UPPER_CASE and digits into words (acronyms kept whole).

    `getHTTPResponse` -> `get`, `HTTP`, `Response`; `foydalanuvchi_analytics` -> `foydalanuvchi`,
    `analytics`; `utf8_decode` -> `utf8`, `decode` (a word with digits stays one token: utf8, k8s, s3).
    With `digits_apart`, digits are always a word of their own (`narx2` -> `narx`, `2`): the glossary, which
    translates the words and writes the name again, needs the number apart from the word.
    """
    if name.islower() and name.isascii() and name.replace("_", "").isalpha():
        # snake_case of small letters, most names of Python code: each part is one word of `_CAMEL`.
        return [part for part in name.split("_") if part]
    words: list[str] = []
    for part in _UNDERSCORES.split(name):  # compiled once: every identifier of every file is split here
        if not part:
            continue
        if not digits_apart and LETTERS_AND_DIGITS.fullmatch(part) and part.islower():
            words.append(part)
            continue
        words.extend(_CAMEL.findall(part) if part.isascii() else _split_cases(part))
    return words


def _split_cases(part: str) -> list[str]:
    """`_CAMEL` for any alphabet (`kullanıcıAdı` -> `kullanıcı`, `Adı`; `pedidoNúmero` -> `pedido`,
    `Número`): a word starts at a capital after a small letter, at the last capital of a run of capitals
    followed by a small letter, and where letters and digits meet."""
    words: list[str] = []
    start = 0
    for index in range(1, len(part)):
        before, char = part[index - 1], part[index]
        after = part[index + 1 : index + 2]
        if char.isdigit() != before.isdigit() or not char.isalnum() or not before.isalnum():
            boundary = True
        elif char.isupper():
            boundary = before.islower() or (before.isupper() and after.islower())
        else:
            boundary = False
        if boundary:
            words.append(part[start:index])
            start = index
    words.append(part[start:])
    return [word for word in words if word.isalnum()]
