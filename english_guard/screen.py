"""The pre-parse screen: a Python file with no word that could be foreign evidence is done without `ast`.

Nearly every file of an English project has no word that could be foreign. For such a file the full
path (parse, segments, verdicts) can only end one way: every segment's text passes
`language.prose.plainly_english` or has no word a lexicon calls foreign, so every verdict is English, and
the file has no finding and no close call. The screen proves that before parsing, in one regex pass:

- the text is ASCII (so no EG102 look-alike, no EG103 invisible character, no non-Latin word),
- no comment holds a suppression (`english-guard: ignore`, `noqa: EG201`, a blanket `noqa`; a `noqa` for
  another tool is none), so there is no directive to report,
- every word of the text, read each way the engine reads words (a run of letters in prose, a prose word
  with inner apostrophes, every part of a name as an identifier), is no evidence of another language
  (`verdict.no_evidence`; each distinct word is decided once per process),
- and the words of every segment are among those words. Segments are identifiers, comments and f-string
  bodies (slices of the text), and the values of string literals, which escapes (`\\x41`, `\\n`, a
  backslash-newline) and implicit concatenation (`"ab" "cd"`) can make differ from the text. So the words
  are taken from the text and from the text with every escape decoded, and a file where two adjacent
  literals join letters (`"ab" "cd"` -> `abcd`) is not screened.

Words in no lexicon (`isdir`, `splitext`, `gencodec`) are the one kind of word that may remain: a segment
with them is still English, but leans towards "any foreign language" (a candidate, `Verdict.leaning`), and
only a project whose profile gives a foreign language a large share can make such a candidate a finding
(`language.profile.resolve`). Such a file is screened too (`Screen.deferred`): its result says that its
candidates were not read, and `checker.run_check` reads those files in full when the project's profile
could use them (`context.candidates_needed`), so the findings are the same either way.

A prose word with an inner apostrophe (`aren't`) is one word of the full analysis unless something cuts it
there: the quote of a literal, which only a keyword or a string prefix may touch (`'x'if y`, `"a" f'b'`); an
inline-code backtick; a camelCase span; or a protected span that reaches into the word from a character
beside it (`x.data'kitob`, `?a=1&foo'kitob`, `"x." "data'kitob"` joined). A word between a space and a space
or punctuation, whose apostrophes none of those can touch, is read whole (`_chains`, `_can_cut`), and a name
that only ever stands beside such an apostrophe (`aren`) is no identifier (`_prose_only`).

Then only a syntax check remains: a file that does not parse must still report EG900, and a parse
that `ast` rejects is rejected by `symtable` too (it parses the same grammar first). `symtable` builds
no Python tree: on the files the screen clears it costs 0.70-0.76 of `ast.parse` (standard library,
Django; compiling to code costs 1.1), so it stays. A file the screen cannot clear takes the full path.

Which files could be settled without the full path, besides these (measured at stop 12). In a file that
parses, is ASCII and holds no directive, a finding that needs no project (a "sure" verdict) needs a segment
with a foreign word of strength STRONG or WEAK (`verdict._decide`); everything else a segment may give is a
candidate, which the project-level step decides (`language.profile.resolve`): a candidate leaning
towards language L becomes a finding when log(share of L / share of English) + its ratio >= 0. A file whose
foreign words are all AMBIGUOUS (`aren`, `klass`, endings such as `-nar`) or in no lexicon could thus be
deferred like the files above, if its candidates' ratios were bounded below the project's need. The
standard library's profile needs a ratio of 8.7 (its largest foreign share is 0.017%), Django's 7.4; the
largest ratio of any candidate in the 142 standard-library files of that kind (17% of the bytes) is 1.8.
But a bound that the text alone gives (per comment, run of joined literals or name, counting every
word that leans and leaving out the English words, which a protected span may remove) stays below 8.7 for
only about 70 of those files (5% of the bytes): not worth a second exactness argument, so they take the
full path.

How far a reader that finds comments and string literals without `ast` could go (measured at stop 13 with
benchmarks/screen_reach.py, which classes each file by the full path's real output). Of the bytes the screen
does not clear, most are in files whose full path gives candidates: standard library 73.8% of all bytes
(Django 63.5%), and 7.1% (4.4%) in files with a finding after the project step. Only 11.9% (8.2%) are in
files where the full path finds nothing at all, 6.4% (1.1%) of them with every segment settling (the
standard library's share is mostly the character tables of `encodings/`). Even those cannot be settled
exactly without the segments: the file's profile weight (`findings.profile_weight`, summed over the
English segments) counts its defined names of four letters or more, and its comments, docstrings and
string segments with two spaces or more outside test data: that takes the definitions and the string roles
that only the walk gives. The screen's cleared files have the profile weight defined from their
words on both paths (`english_weight`). Giving that definition to every file whose profile is English only
was tried at stop 13: the JSON reports stayed byte-identical on the standard library, Django and
`examples/`, the realworld tune part scored the same (per language too) with the same control findings, and
on the two evaluation sets the findings were the same, 11 of them with a confidence 0.01 lower. The weight
would then be no obstacle, but that changes the profile (a detection decision), and a file with candidates
would still need each candidate's leaning bounded below what the profile needs. Until then the cold targets
rest on the full path's own cost.

The file's language profile (see english_guard.context) is the one thing the full path would compute
from its segments. For a file the screen clears, the profile is defined from the screen's words
instead, on both paths (`english_weight`), so a screened file weighs exactly what it would weigh parsed.
"""

from __future__ import annotations

import itertools
import keyword
import os
import re
import string
import unicodedata
from collections import Counter
from dataclasses import dataclass

from english_guard.language.lexicon import common_words
from english_guard.language.tokens import CAMEL_PARTS, INNER_APOSTROPHE, LETTERS_AND_DIGITS
from english_guard.language.verdict import no_evidence
from english_guard.language.words import SHARED, Word, classify_identifier_word, classify_word, one_word_leans
from english_guard.suppression import parse_directives

# ENGLISH_GUARD_SCREEN=off parses every file: only for proving the screen exact (tests) and measuring it.
SKIP_PARSE = os.environ.get("ENGLISH_GUARD_SCREEN", "on") != "off"

# A Python escape sequence as a non-raw literal decodes it (octal, hex, \N{...}, \u, \U, the letter
# escapes, an escaped quote or backslash, and a backslash-newline that joins two lines of a literal).
_ESCAPE = re.compile(
    r"\\(?:\n|\\|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}\n]*\}|[0-7]{1,3}|[abfnrtv'\"])"
)
_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "'": "'", '"': '"'}
# Two string literals with nothing but space, comments, line continuations and empty literals between
# them, where a letter (or an escape that may decode to one, or an apostrophe) touches both quotes: their
# value joins two runs (`"ki" "tob"` is `kitob`). A quote inside a literal can make this match where no
# literals join: such a file only takes the full path.
_GAP = r"(?:[ \t\f\n]|\\\n|#[^\n]*\n)*"
_QUOTE = r"""(?:\"\"\"|'''|"|')"""
# The first quote looks behind for what touches it: a pattern that starts with a quote lets the regex engine
# skip to the next quote, where one that starts with a letter would be tried at every letter.
_JUNCTION = re.compile(
    r"""(?:"(?<=[A-Za-z0-9}'`]")(?:"")?|'(?<=[A-Za-z0-9}'`]')(?:'')?)"""
    + _GAP
    + r"""(?:[rRbBuUfF]{0,2}(?:"{6}|'{6}|""|'')"""
    + _GAP
    + r")*[rRbBuUfF]{0,2}"
    + _QUOTE
    + r"[A-Za-z\\'`]"
)


def _decoded_escape(match: re.Match) -> str:
    escape = match.group()
    kind = escape[1]
    if kind == "\n":
        return ""
    if kind == "\\":
        return "\\"
    if kind in "xuU":
        return chr(int(escape[2:], 16))
    if kind == "N":
        try:
            return unicodedata.lookup(escape[3:-1])
        except KeyError:
            return escape
    if kind in "01234567":
        return chr(int(escape[1:], 8))
    return _SIMPLE_ESCAPES[kind]


def decode_escapes(text: str) -> str:
    """The text with every escape sequence decoded, as a non-raw string literal reads it."""
    return _ESCAPE.sub(_decoded_escape, text) if "\\" in text else text


@dataclass(frozen=True, slots=True)
class Screen:
    clean: bool  # every segment of the file is plainly English (see the module's docstring)
    words: int  # how many words the text has: the base of its profile weight
    # Some words are in no lexicon (`isdir`, `lineno` read as prose): the file has no finding of its own, but
    # its candidates lean towards "any foreign language", which only a foreign project profile can turn
    # into findings (see `candidates_deferred`).
    deferred: bool = False


NOT_CLEAN = Screen(False, 0)

# How sure a word is to be no evidence in one reading: it settles (no evidence whatever its context), it is
# in no lexicon (only ever "any foreign language" leaning, see `english_guard.language.verdict._leaning`),
# or it may be evidence of a language.
SETTLES, UNKNOWN, EVIDENCE = 0, 1, 2


def _level(word: Word) -> int:
    if no_evidence(word):
        return SETTLES
    # A word English shares with another language (`persona`) is evidence only where the profile shows that
    # language, like a word no lexicon knows: deferred too (`language.profile.any_foreign_can_count`).
    return UNKNOWN if word.verdict == "unknown" and not word.languages or word.verdict == SHARED else EVIDENCE


# A cleared file's English weight in its language profile: about what its parsed segments weigh
# (0.5 per defined name, 1 per sentence-long comment, docstring or string) per word of its text.
WEIGHT_PER_WORD = 0.04


def english_weight(screen: Screen) -> float:
    return round(screen.words * WEIGHT_PER_WORD, 3)


# Prose words as `tokens.prose_tokens` reads them in ASCII text: letter runs joined by inner apostrophes.
# A literal's text can start or end at any of those apostrophes (`u'abc'`: the text is `abc`).
_PROSE_WORD = re.compile(r"[A-Za-z]+(?:['`][A-Za-z]+)*")
_APOSTROPHE = re.compile(r"(['`])")
# Identifiers, and the names written in strings that the engine reads as identifiers (`order_id`).
_NAME_WORD = re.compile(r"\w+", re.ASCII)
# The camelCase and CamelCase shapes `tokens._PROTECTED` removes from prose.
_CAMEL_WORD = re.compile(r"[a-z]+(?:[A-Z][a-z0-9]*)+|[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+")
# A printf placeholder (`tokens._PROTECTED`) and the word characters after it: its end may cut a word.
_AFTER_PERCENT = re.compile(r"%\(?\w*\)?[-#0 +]*\d*(?:\.\d+)?\w*(?:['`]\w+)*")


class _Settled:
    """How sure each word is to be no evidence, per set of allowed words: each distinct word is decided once,
    and a file's words are compared with the words already decided in one set operation."""

    def __init__(self, allowed: frozenset[str]) -> None:
        self.allowed = allowed
        # The words known at each level, per way of reading a word.
        self.known: dict[str, tuple[set[str], set[str], set[str]]] = {
            reading: (set(), set(), set()) for reading in ("run", "prose", "chain", "name")
        }
        self.part_levels: dict[str, int] = {}  # the level of each word of a name decided (`part_word`)

    def _common(self, word: str) -> bool:
        # What `plainly_english` calls English without a look-up, and `classify_word` calls English too.
        return len(word) <= 2 and word.isalpha() or word.lower() in common_words().membership()

    def worst(self, words: set[str], reading: str) -> int:
        """The highest level of these words in this reading ("run", "prose" or "name"); it stops at the
        first word that may be evidence."""
        known = self.known[reading]
        new = words - known[SETTLES]
        if not new:
            return SETTLES
        if not new.isdisjoint(known[EVIDENCE]):
            return EVIDENCE
        worst = SETTLES if new.isdisjoint(known[UNKNOWN]) else UNKNOWN
        new -= known[UNKNOWN]
        decide = getattr(self, _DECIDE[reading])
        for word in new:
            level = decide(word)
            known[level].add(word)
            if level == EVIDENCE:
                return EVIDENCE
            worst = max(worst, level)
        return worst

    def plain_run(self, run: str) -> int:
        """A run of letters in a text with no inner apostrophe: such a text is English with no leaning
        (`plainly_english`, `no_foreign_word`) unless one of its runs is foreign."""
        if self._common(run):
            return SETTLES
        verdict = classify_word(run, self.allowed, False).verdict
        return EVIDENCE if verdict == "foreign" else UNKNOWN if verdict == SHARED else SETTLES

    def protected_word(self, word: str) -> bool:
        """A camelCase or CamelCase word (`assertIs`, `IntegerField`) that stands alone is a protected span
        of the full analysis (`tokens.strip_protected`): it only has to be no foreign run elsewhere."""
        return bool(_CAMEL_WORD.fullmatch(word)) and self.worst({word}, "run") == SETTLES

    def prose_word(self, chain: str) -> int:
        """A prose word of the full analysis (inner apostrophes kept), and every part of it that a literal's
        quotes or a protected span may cut off."""
        return self._parts_level(chain, _APOSTROPHE.split(chain), lambda _apostrophe: True)

    def chain_word(self, chain: str) -> int:
        """A prose word whose every occurrence stands between characters that no protected span holds
        (`_chains`): only the apostrophes `_can_cut` allows may cut it."""
        pieces = _APOSTROPHE.split(chain)
        return self._parts_level(chain, pieces, lambda apostrophe: _can_cut(pieces, apostrophe))

    def _parts_level(self, chain: str, pieces: list[str], cuts) -> int:
        """The highest level of the parts of a chain (words and the apostrophes between them) that start at
        its start or after an apostrophe that may cut it, and end at its end or before one."""
        starts = [0] + [index + 1 for index in range(1, len(pieces), 2) if cuts(index)]
        ends = {len(pieces) - 1} | {index - 1 for index in range(1, len(pieces), 2) if cuts(index)}
        return max(
            SETTLES if self._common(part) else _level(classify_word(part, self.allowed, False))
            for part in (
                "".join(pieces[first : last + 1])
                for first in starts
                for last in range(first, len(pieces), 2)
                if last in ends
            )
        )

    def name_word(self, name: str) -> int:
        """Every word the engine can read in this name as an identifier: `split_identifier`'s words and every
        camelCase part (`CAMEL_PARTS`). The text is ASCII here, so both are found from one `findall` and the
        underscores; each distinct part is decided once (`part_word`), as its level depends on the part only."""
        parts = self.part_levels
        if name.isalpha() and name.islower():  # most names: one part, the name itself
            level = parts.get(name)
            if level is None:
                level = self.part_word(name)
        else:
            level = SETTLES
            for part in _name_parts(name):
                part_level = parts.get(part)
                if part_level is None:
                    part_level = self.part_word(part)
                if part_level > level:
                    if part_level == EVIDENCE:
                        return EVIDENCE
                    level = part_level
        # A name of one short word English shares with another language (`fin`) leans where the profile says so.
        return UNKNOWN if level == SETTLES and one_word_leans(name) else level

    def part_word(self, part: str) -> int:
        """The level of one word of a name as an identifier: the strictest reading, where an all-capital part
        of an all-capital name is not taken for an acronym (the identifier `X`)."""
        if len(part) <= 2 and part.isalpha() or part.lower() in common_words().membership():  # `_common`
            level = SETTLES
        else:
            level = _level(classify_identifier_word(part, "X", self.allowed))
        self.part_levels[part] = level
        return level


def _name_parts(name: str) -> set[str]:
    """`set(split_identifier(name)) | set(CAMEL_PARTS.findall(name))` for an ASCII name: no camelCase part
    crosses an underscore, so the second holds the camelCase parts of every piece between underscores, and
    `split_identifier` adds the pieces of lower-case letters and digits it keeps whole (`utf8`)."""
    parts = set(CAMEL_PARTS.findall(name))
    if not name.isalpha():
        parts.update(
            piece for piece in name.split("_") if piece and piece.islower() and LETTERS_AND_DIGITS.fullmatch(piece)
        )
    return parts


# The method of `_Settled` that decides a word in each reading.
_DECIDE = {"run": "plain_run", "prose": "prose_word", "chain": "chain_word", "name": "name_word"}

_settled: dict[frozenset[str], _Settled] = {}


def _printf_remainders(view: str) -> set[str]:
    """Where a printf placeholder ends inside a run of letters (`%(name)sfoo`), the protected-span removal
    of the full analysis leaves a word that is no run of the text (`foo`): every suffix of such a run."""
    words: set[str] = set()
    for match in _AFTER_PERCENT.finditer(view):
        for chain in _PROSE_WORD.findall(match.group()):
            words.update(chain[start:] for start in range(len(chain)))
    return words


def _all_protected(words: set[str], view: str, settled: _Settled) -> bool:
    """Every word is a protected camelCase or CamelCase word wherever it occurs: never a part of a longer
    name (`assertIs__x` is no protected span, so `assertIs` would be a word of the full analysis)."""
    if not all(settled.protected_word(word) for word in words):
        return False
    alone = Counter(_NAME_WORD.findall(view))
    runs = Counter(_PROSE_WORD.findall(view))
    return all(alone[word] == runs[word] for word in words)


def _escaped_lines(text: str) -> str:
    """The lines of the text that hold a backslash (and the line a backslash-newline joins to each),
    with their escapes decoded: only there can a literal's value differ from the text."""
    lines = text.split("\n")
    kept = []
    for number, line in enumerate(lines):
        if "\\" in line or (number and lines[number - 1].endswith("\\")):
            kept.append(line)
        elif kept and kept[-1] != "":
            kept.append("")  # keeps lines that were not next to each other apart
    return decode_escapes("\n".join(kept))


# Every ASCII character that is no part of a name (`_NAME_WORD`) as a space, and every one that is no
# letter: `str.translate` and `split` find the names and count the runs of letters faster than a regex.
_NOT_NAME = {code: " " for code in range(128) if not (chr(code).isalnum() or chr(code) == "_")}
_NOT_LETTER = {code: " " for code in range(128) if not chr(code).isalpha()}
_NOT_LETTER_OR_APOSTROPHE = {code: " " for code in range(128) if not chr(code).isalpha() and chr(code) not in "'`"}

# The first stretch of text whose names are read at once; each next stretch is twice as long. Most files the
# screen cannot clear show a name that may be evidence early: they are not read to the end.
_FIRST_STRETCH = 2048


def _names(text: str, settled: _Settled) -> tuple[set[str], int]:
    """The distinct names of the text and their highest level as identifiers, read stretch by stretch up to
    the first name that may be evidence (a stretch ends at a line end: no name spans one)."""
    names: set[str] = set()
    worst = SETTLES
    start, stretch, size = 0, _FIRST_STRETCH, len(text)
    while start < size:
        end = text.find("\n", start + stretch)
        end = size if end < 0 else end
        new = set(text[start:end].translate(_NOT_NAME).split()) - names  # `_NAME_WORD`, faster
        level = settled.worst(new, "name")
        if level == EVIDENCE:
            if not _beside_an_apostrophe(new & settled.known["name"][EVIDENCE], text):
                return names, EVIDENCE  # a name that may be evidence, and no word of a contraction
            new -= _prose_only(new, text, settled)
            level = settled.worst(new, "name")
            if level == EVIDENCE:
                return names, EVIDENCE
        worst = max(worst, level)
        names |= new
        start, stretch = end, stretch * 2
    return names, worst


def _prose_only(names: set[str], text: str, settled: _Settled) -> set[str]:
    """The names among these that may be evidence as identifiers but can be no identifier of the text: each
    of their occurrences touches an apostrophe between letters (`aren` of `aren't`). An identifier segment
    holds no apostrophe, so that apostrophe would have to be the quote of a literal beside a name, which
    only a keyword or a string prefix may touch (`_TOUCH_QUOTES`): neither the name nor the word across the
    apostrophe is one."""
    if "'" not in text:
        return set()
    beside = names & _beside_apostrophes(text)
    if not beside or _TEMPLATE_STRING.search(text):
        return set()
    away = set()
    for name in beside:
        if name in _TOUCH_QUOTES or settled.worst({name}, "name") != EVIDENCE:
            continue
        occurrences = [match.span() for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]
        if occurrences and all(_touches_apostrophe(text, start, end) for start, end in occurrences):
            away.add(name)
    return away


def _beside_an_apostrophe(names: set[str], text: str) -> bool:
    """Whether each of these names stands somewhere beside an apostrophe between letters (found with
    `str.find`, in C: most names that may be evidence never do)."""
    return "'" in text and all(_touches_once(name, text) for name in names)


def _touches_once(name: str, text: str) -> bool:
    size = len(text)
    start = text.find(name + "'")
    while start >= 0:
        end = start + len(name)
        if (not start or text[start - 1] not in _NAME_CHARACTERS) and end + 1 < size and text[end + 1].isalpha():
            return True
        start = text.find(name + "'", start + 1)
    start = text.find("'" + name)
    while start >= 0:
        end = start + 1 + len(name)
        if start and text[start - 1].isalpha() and (end == size or text[end] not in _NAME_CHARACTERS):
            return True
        start = text.find("'" + name, start + 1)
    return False


def _beside_apostrophes(text: str) -> set[str]:
    """The names just before or after an apostrophe between letters (found from the apostrophes: fast)."""
    names = set()
    for match in INNER_APOSTROPHE.finditer(text):
        position = match.start()
        if text[position] != "'":
            continue
        start = position
        while start and text[start - 1] in _NAME_CHARACTERS:
            start -= 1
        names.add(text[start:position])
        after = _NAME_WORD.match(text, position + 1)
        if after:
            names.add(after.group())
    return names


_NAME_CHARACTERS = frozenset(string.ascii_letters + string.digits + "_")


def _touches_apostrophe(text: str, start: int, end: int) -> bool:
    """Whether the word text[start:end] stands beside an apostrophe between letters whose other side is no
    keyword or string prefix."""
    if end + 1 < len(text) and text[end] == "'" and text[end - 1] in _ASCII_LETTERS and text[end + 1] in _ASCII_LETTERS:
        across = _LETTER_RUN.match(text, end + 1)
        return across is not None and across.group() not in _TOUCH_QUOTES
    if start >= 2 and text[start - 1] == "'" and text[start] in _ASCII_LETTERS and text[start - 2] in _ASCII_LETTERS:
        across = _LETTER_RUN_BEFORE.search(text, 0, start - 1)
        return across is not None and across.group() not in _TOUCH_QUOTES
    return False


# A quote after `t`, `tr` or `rt` (any case) that no other name character precedes; found from the quote.
_TEMPLATE_STRING = re.compile(r"""['"](?<=[tT]['"])(?<!\w\w['"])|['"](?<=[tT][rR]['"]|[rR][tT]['"])(?<!\w\w\w['"])""")
_LETTER_RUN = re.compile(r"[A-Za-z]+")
_LETTER_RUN_BEFORE = re.compile(r"[A-Za-z]+$")


def _has_directive(text: str) -> bool:
    """Whether a comment of the text may hold a suppression (`english-guard: ignore`, `noqa: EG201`, a blanket
    `noqa`) or `english-guard: skip-file`. A comment runs from a `#` to the end of its line
    (`sources.python.read_comments`), so each `#` of a line that names one is read as a comment's start; a
    `noqa` for another tool (`noqa: E501`) is none."""
    for line in text.split("\n"):
        lowered = line.lower()
        if "noqa" not in lowered and "english-guard" not in lowered:
            continue
        start = line.find("#")
        while start >= 0:
            suppressions, skip_file = parse_directives(line[start:].rstrip("\r \t\f"))
            if suppressions or skip_file:
                return True
            start = line.find("#", start + 1)
    return False


def screen_python(text: str, allowed: frozenset[str] = frozenset()) -> Screen:
    """Whether the full path over this Python text could only find plainly English segments, or segments
    whose only leaning is towards any foreign language (`Screen.deferred`)."""
    if not text.isascii():
        return NOT_CLEAN
    lowered = text.lower()
    if ("noqa" in lowered or "english-guard" in lowered) and _has_directive(text):
        return NOT_CLEAN  # a suppression comment: the full path reports what it suppresses and what not
    settled = _settled.get(allowed)
    if settled is None:
        settled = _settled[allowed] = _Settled(allowed)
    names, worst = _names(text, settled)
    if worst == EVIDENCE:
        return NOT_CLEAN  # the most frequent reason, and the cheapest to find
    views = [text]
    if "\\" in text:
        decoded = _escaped_lines(text)
        if not decoded.isascii():
            return NOT_CLEAN
        views.append(decoded)
        decoded_names = set(_NAME_WORD.findall(decoded))
        decoded_names -= _prose_only(decoded_names, decoded, settled)
        worst = max(worst, settled.worst(decoded_names, "name"))
        if worst == EVIDENCE:
            return NOT_CLEAN
        names |= decoded_names
    if ('"' in text or "'" in text) and _JUNCTION.search(text):
        return NOT_CLEAN
    # A text with an inner apostrophe (`don't`) skips the engine's fast paths: its words get the full
    # analysis, where a word no lexicon knows leans towards any foreign language too.
    if not any(INNER_APOSTROPHE.search(view) for view in views):
        # Without apostrophes the prose words are the runs of letters, which are the runs of the names, and
        # a text none of whose runs is foreign is English with no leaning at all.
        level = settled.worst(set(" ".join(names).translate(_NOT_LETTER).split()), "run")
        if level == EVIDENCE:
            return NOT_CLEAN
        return _cleared(text, max(worst, level))
    for view in views:
        distinct = _prose_words(view)
        readings: tuple[tuple[str, set[str]], ...] = (("prose", distinct),)
        level = settled.worst(distinct, "prose")
        if level == EVIDENCE and not _TEMPLATE_STRING.search(text):
            # Read again with the cuts `_can_cut` allows in a chain beside safe characters (every other word
            # with every cut): only a file that would fail otherwise pays for finding the chains.
            free, cut = _chains(view)
            free -= cut
            readings = (("prose", distinct - free), ("chain", free))
            level = max(settled.worst(words, reading) for reading, words in readings)
        if level == EVIDENCE:
            unsettled = {
                word for reading, words in readings for word in words if settled.worst({word}, reading) == EVIDENCE
            }
            if not _all_protected(unsettled, view, settled):
                return NOT_CLEAN
            level = UNKNOWN  # the other words may be unknown: the leaning they give is deferred
        worst = max(worst, level)
        if "%" in view:
            level = settled.worst(_printf_remainders(view), "prose")
            if level == EVIDENCE:
                return NOT_CLEAN
            worst = max(worst, level)
    return _cleared(text, worst)


# Where an apostrophe between two letters is the quote of a string literal, the word beside it outside the
# literal is a keyword (`'kitob'if x else y`, `return'x'`) or a string prefix (`"a"f'kitob'`): nothing else
# may touch a literal in a file that parses. The template-string prefix `t` (Python 3.14) is left out, or
# every `n't` would be a quote: a text that may hold a template string (`_TEMPLATE_STRING`) is not read so.
_TOUCH_QUOTES = frozenset(
    [*keyword.kwlist, *keyword.softkwlist]
    + [
        "".join(case)
        for prefix in ("r", "u", "b", "f", "br", "rb", "fr", "rf")
        for case in itertools.product(*((letter, letter.upper()) for letter in prefix))
    ]
)
# What may stand beside a chain of letters and apostrophes such that no protected span of `tokens._PROTECTED`
# reaches into it from outside: a space before it (a URL holds any other character: `?a=1&foo'kitob`; a quote
# may be where an implicitly joined literal ends: `"x." "aren't"` reads `x.aren't`), and after it a space, a
# punctuation mark no span holds, or a full stop before a space.
_SPACE_CHARACTERS = frozenset(" \t\n\f\v")
_SAFE_AFTER = _SPACE_CHARACTERS | frozenset(",;!?)]")
_ASCII_LETTERS = frozenset(string.ascii_letters)


def _capital_inside(word: str) -> bool:
    return word[1:] != word[1:].lower()


def _can_cut(pieces: list[str], apostrophe: int) -> bool:
    """Whether the full analysis may read a word that starts or ends at this apostrophe of a chain whose
    every occurrence stands where `_chains` calls safe: only a literal's quote, an inline-code backtick or a
    camelCase or CamelCase span (which ends at any non-word character) cuts there. Every other protected
    span holds a character that is neither a letter nor an apostrophe (a digit, `_`, `.`, `/`, `@`, `:`, `(`,
    `%`, `{`, `<`, `$`), so it could only reach an inner apostrophe from beside the chain. (A printf
    placeholder ends inside a run of letters: `_printf_remainders` reads those words.)"""
    if pieces[apostrophe] != "'":
        return True
    before, after = pieces[apostrophe - 1], pieces[apostrophe + 1]
    return before in _TOUCH_QUOTES or after in _TOUCH_QUOTES or _capital_inside(before) or _capital_inside(after)


def _chains(view: str) -> tuple[set[str], set[str]]:
    """The prose words with inner apostrophes (`aren't`): those with an occurrence beside safe characters
    (see `_SAFE_AFTER`), and those with an occurrence that is not."""
    safe: set[str] = set()
    unsafe: set[str] = set()
    end = 0
    size = len(view)
    for match in INNER_APOSTROPHE.finditer(view):
        start = match.start()
        if start < end:
            continue  # a later apostrophe of the chain read last
        while start and view[start - 1] in _ASCII_LETTERS:
            start -= 1
        chain = _PROSE_WORD.match(view, start)
        assert chain is not None  # a letter starts it
        end = chain.end()
        after = view[end] if end < size else " "
        if after == "." and (end + 1 == size or view[end + 1] in _SPACE_CHARACTERS):
            after = " "  # the end of a sentence
        beside_safe = (not start or view[start - 1] in _SPACE_CHARACTERS) and after in _SAFE_AFTER
        (safe if beside_safe else unsafe).add(chain.group())
    return safe, unsafe


def _prose_words(view: str) -> set[str]:
    """The distinct prose words of the text (`_PROSE_WORD`): found in its distinct runs of letters and
    apostrophes, which no prose word crosses."""
    words: set[str] = set()
    for chunk in set(view.translate(_NOT_LETTER_OR_APOSTROPHE).split()):
        if "'" in chunk or "`" in chunk:
            words.update(_PROSE_WORD.findall(chunk))
        else:
            words.add(chunk)  # a run of letters is one prose word
    return words


def _cleared(text: str, worst: int) -> Screen:
    return Screen(worst == SETTLES, _prose_word_count(text), worst == UNKNOWN)


def _prose_word_count(text: str) -> int:
    """How many prose words (`_PROSE_WORD`) the ASCII text has: its runs of letters, less the apostrophes
    that join two runs into one word. The runs are counted as the starts of runs in the text with every letter
    as `a` and every other character as a space (a byte table and `bytes.count`: no string per run)."""
    letters = text.encode("ascii").translate(_LETTER_AS_A)
    runs = letters.count(b" a") + letters.startswith(b"a")
    return runs - len(INNER_APOSTROPHE.findall(text)) if "'" in text or "`" in text else runs


_LETTER_AS_A = bytes(ord("a") if chr(code).isalpha() else ord(" ") for code in range(128)) + b" " * 128


def parses(text: str, path: str) -> bool:
    """Whether `ast.parse` accepts the text, checked without building a tree (False may be a symtable-only
    error such as a misplaced `nonlocal`: the full path then decides)."""
    import symtable

    try:
        symtable.symtable(text, path, "exec")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True
