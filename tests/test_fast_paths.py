"""The lint path's speed-ups answer exactly what the plain definitions they replace answer.

Each fast path is compared with the definition written the slow, obvious way, on texts taken from the
project's own examples and test fixtures and, when present, the labelled evaluation set (comments,
docstrings and strings in many languages).
"""

from __future__ import annotations

import ast
import dataclasses
import fnmatch
import random
import re
from pathlib import Path

import pytest
from check_helpers import SAMPLE_SOURCES, sample_texts

from english_guard.language import morphology, words
from english_guard.language.lexicon import CommonWords, common_words
from english_guard.language.prose import _ASCII_LETTER_RUNS, no_foreign_word, plainly_english
from english_guard.language.tokens import _PROTECTED, INNER_APOSTROPHE, _blank, strip_protected
from english_guard.language.words import SHARED, Word, classify_word
from english_guard.records import Segment
from english_guard.sources.callpatterns import NEVER_USER_FACING, matches_any
from english_guard.sources.python import read_comments
from english_guard.sources.python_positions import _LINE_END, Positions
from english_guard.sources.string_roles import _REGEX, _has_alphabet_run, _regex_like

ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    """Every string literal and comment line of the example, fixture and evaluation files."""
    texts = sample_texts()
    texts += ["", "Hello World", "THE END of it", "ok, go", "Xo'jalik va bog'dorchilik", "naïve café", "ﬁle"]
    return texts


TEXTS = _texts()


def _plainly_english_by_word(text: str) -> bool:
    common = common_words()
    return all(len(run) <= 2 or run.lower() in common for run in _ASCII_LETTER_RUNS.findall(text))


def _no_foreign_word_by_word(text: str, allowed: frozenset[str]) -> bool:
    if INNER_APOSTROPHE.search(text):
        return False
    common = common_words()
    for run in _ASCII_LETTER_RUNS.findall(text):
        if (
            len(run) > 2
            and run.lower() not in common
            and classify_word(run, allowed, False).verdict in ("foreign", SHARED)
        ):
            return False
    return True


def test_the_texts_hold_both_answers():
    answers = {plainly_english(text) for text in TEXTS if text.isascii()}
    assert answers == {True, False}
    assert len(TEXTS) > 500


@pytest.mark.parametrize("loaded", [True, False])
def test_plainly_english_answers_as_the_word_by_word_test(loaded, monkeypatch):
    if not loaded:  # the one-query-per-word state of a small run
        monkeypatch.setattr("english_guard.language.lexicon._common_words", CommonWords())
    for text in TEXTS:
        assert plainly_english(text) == _plainly_english_by_word(text), text


def test_no_foreign_word_answers_as_the_word_by_word_test():
    allowed = frozenset({"salom"})
    differ = [text for text in TEXTS if no_foreign_word(text, allowed) != _no_foreign_word_by_word(text, allowed)]
    assert differ == []
    assert {no_foreign_word(text, allowed) for text in TEXTS} == {True, False}


def test_a_word_copy_has_every_field_and_is_a_new_object():
    values = {"text": "Kitob", "key": "kitob", "verdict": "foreign", "strength": 2}
    values |= {"languages": (("uz", 4.0),), "reason": "lexicon"}
    assert {f.name for f in dataclasses.fields(Word)} == set(values)  # a new field must be copied too
    word = Word(**values)
    copy = word.copy()
    assert copy == word and copy is not word
    copy.verdict = "proper"
    assert word.verdict == "foreign"


@pytest.mark.parametrize("text", ["a\nb\n\nc", "a\r\nb\rc\n", "", "x\f\u2028y\nz", "tail\n"])
def test_positions_split_lines_at_python_line_ends_only(text):
    assert Positions(text).lines == _LINE_END.split(text)


def test_strip_protected_blanks_what_the_pattern_blanks_everywhere():
    for text in TEXTS:
        assert strip_protected(text) == _PROTECTED.sub(_blank, text), text


def test_strip_protected_on_random_texts_of_marks_letters_and_spaces():
    # Short texts of the characters the protected spans are made of, in every order a fixed seed draws.
    pieces = list("ab AZ.,_-/@:'\"`{}%$<>()~+\n\t07wvé٣x") + ["www.", "http://", "e.g.", "don't", "camelCase", "Foo"]
    draw = random.Random(15)
    for _ in range(30_000):
        text = "".join(draw.choice(pieces) for _ in range(draw.randint(0, 30)))
        assert strip_protected(text) == _PROTECTED.sub(_blank, text), text


def _read_comments_line_by_line(path: str, text: str, string_spans: list[tuple[int, int, int, int]]) -> list[Segment]:
    inside: dict[int, list[tuple[int, float]]] = {}
    for first_line, column, end_line, end_column in string_spans:
        if first_line == end_line:
            inside.setdefault(first_line, []).append((column, end_column))
            continue
        inside.setdefault(first_line, []).append((column, float("inf")))
        for middle in range(first_line + 1, end_line):
            inside.setdefault(middle, []).append((0, float("inf")))
        inside.setdefault(end_line, []).append((0, end_column))
    segments = []
    for number, line in enumerate(text.split("\n"), start=1):
        index = line.find("#")
        while index >= 0:
            if any(start <= index < end for start, end in inside.get(number, ())):
                index = line.find("#", index + 1)
                continue
            comment = line[index:].rstrip("\r \t\f")
            segments.append(
                Segment(path, "comment", comment, number, index + 1, number, index + 1 + len(comment), "comment")
            )
            break
    return segments


def _string_spans(tree: ast.AST) -> list[tuple[int, int, int, int]]:
    literals = (n for n in ast.walk(tree) if isinstance(n, (ast.Constant, ast.JoinedStr)))
    return [(n.lineno, n.col_offset, n.end_lineno or n.lineno, n.end_col_offset or 0) for n in literals]


MULTI_LINE = '''x = """a # not a comment
# nor this
b"""  # a comment
# one more\r
y = "#" + f"{z}#"  # after strings
#'''


@pytest.mark.parametrize("path", [*SAMPLE_SOURCES, None])
def test_read_comments_finds_what_a_line_by_line_scan_finds(path):
    text = MULTI_LINE if path is None else path.read_text(encoding="utf-8", errors="replace")
    try:
        spans = _string_spans(ast.parse(text))
    except SyntaxError:
        pytest.skip("the file does not parse")
    expected = _read_comments_line_by_line("f.py", text, spans)
    assert read_comments("f.py", text, spans) == expected
    if path is None:
        assert [s.text for s in expected] == ["# a comment", "# one more", "# after strings", "#"]


def _has_alphabet_run_by_character(text: str) -> bool:
    run, previous = 1, -2
    for char in text:
        code = ord(char)
        if code == previous + 1 and char.isalpha():
            run += 1
            if run >= 6:
                return True
        else:
            run = 1
        previous = code
    return False


def test_alphabet_runs_of_ascii_texts_are_found_as_character_by_character():
    # Texts made of stretches of the alphabet and random ASCII characters: windows that start with `@` or a
    # backtick, that cross Z or z, and texts with no run at all.
    draw = random.Random(15)
    printable = [chr(code) for code in range(32, 127)]
    found = 0
    for _ in range(60_000):
        start = draw.randint(32, 126)
        text = "".join(
            draw.choice(printable) if draw.random() < 0.3 else chr(min(126, start + index))
            for index in range(draw.randint(0, 12))
        )
        assert _has_alphabet_run(text) == _has_alphabet_run_by_character(text), text
        found += _has_alphabet_run(text)
    assert found > 1000
    for text in [*TEXTS, "@ABCDE", "`abcde", "VWXYZ[", "uvwxyz", "abcdeX", "ßàáâãä"]:
        assert _has_alphabet_run(text) == _has_alphabet_run_by_character(text), text


def test_alphabet_runs_of_any_texts_are_found_as_character_by_character():
    # Stretches of code points that follow one another (letters of several scripts, digits, symbols, marks,
    # surrogates, the highest code points) between random characters: the step found on whole UTF-32 units
    # must neither miss a run nor borrow across characters.
    draw = random.Random(16)
    starts = [0x40, 0x60, 0xDF, 0x3B1, 0x410, 0x5D0, 0x660, 0x2160, 0x4E00, 0xD7FE, 0xFFFA, 0x1D400, 0x10FFF9]
    found = 0
    for _ in range(40_000):
        start = draw.choice(starts) + draw.randint(-3, 3)
        text = "".join(
            chr(draw.randint(0, 0x10FFFF)) if draw.random() < 0.25 else chr(max(0, min(0x10FFFF, start + index)))
            for index in range(draw.randint(0, 12))
        )
        assert _has_alphabet_run(text) == _has_alphabet_run_by_character(text), ascii(text)
        found += _has_alphabet_run(text)
    assert found > 1000


def test_regex_shapes_are_searched_only_where_a_mark_is():
    draw = random.Random(17)
    pieces = [
        "\\d",
        "\\",
        "(?P<x>",
        "(?",
        "[^a]",
        "[a-z]",
        "[",
        "{2}",
        "{2,5}",
        "{",
        "a.*",
        ".+",
        "x.?",
        ".",
        "^",
        "$",
        "$\n",
        "word",
        " ",
        "Straße",
        "\n",
        "é",
        "*",
        "+",
        "?",
    ]
    for text in [*TEXTS, *("".join(draw.choices(pieces, k=draw.randint(0, 6))) for _ in range(30_000))]:
        assert _regex_like(text) == (_REGEX.search(text) is not None), text


def _english_derivation_through_every_suffix(key: str) -> str:
    saved = words._ENGLISH_SUFFIXES_BY_LAST
    words._ENGLISH_SUFFIXES_BY_LAST = {last: words._ENGLISH_SUFFIXES for last in "abcdefghijklmnopqrstuvwxyz"}
    try:
        return words.english_derivation.__wrapped__(key)
    finally:
        words._ENGLISH_SUFFIXES_BY_LAST = saved


def _peel_through_every_suffix(key: str, depth: int) -> str:
    saved = morphology._SUFFIXES_BY_LAST
    morphology._SUFFIXES_BY_LAST = {last: morphology.SUFFIXES for last in {s[-1] for s in morphology.SUFFIXES}}
    try:
        return morphology._peel.__wrapped__(key, depth)
    finally:
        morphology._SUFFIXES_BY_LAST = saved


def _words_of_the_texts() -> list[str]:
    """The words of the texts, and of the project's own docs (a clean checkout without the shared evaluation
    set still gives well over a thousand, many of them derived: `checked`, `readers`)."""
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    texts = [*TEXTS, *(path.read_text(encoding="utf-8") for path in docs)]
    keys = {word.lower() for text in texts for word in re.findall(r"[^\W\d_]{3,}", text)}
    return sorted(keys)[:6000]


def test_suffix_tables_by_last_letter_try_what_the_full_tables_try():
    keys = _words_of_the_texts()
    assert len(keys) > 1000
    derived = 0
    for key in keys:
        expected = _english_derivation_through_every_suffix(key)
        assert words.english_derivation.__wrapped__(key) == expected, key
        derived += bool(expected)
        assert morphology._peel.__wrapped__(key, 3) == _peel_through_every_suffix(key, 3), key
    assert derived > 50


def _matches_any_by_tail(callee: str, patterns) -> bool:
    if not callee:
        return False
    tails = [".".join(callee.split(".")[i:]) for i in range(callee.count(".") + 1)]
    return any(
        fnmatch.fnmatchcase(tail, pattern.lstrip(".")) if "*" in pattern else tail == pattern.lstrip(".")
        for pattern in patterns
        for tail in tails
    )


def test_call_patterns_match_as_the_tail_by_tail_definition():
    globs = ("bot.send_*", ".answer", "click.echo")
    callees = ["", "print", "bot.send_message", "self.bot.send_photo", "message.answer", "echo", "click.echo", "x.y"]
    for patterns in (NEVER_USER_FACING, globs, list(globs)):
        for callee in callees + [pattern.lstrip(".") for pattern in NEVER_USER_FACING]:
            assert matches_any(callee, patterns) == _matches_any_by_tail(callee, patterns), (callee, patterns)


def test_positions_of_an_ascii_text_are_its_byte_columns():
    assert Positions("x = 1\ny").column(2, 0) == 1
    assert Positions("é = 1\nab = 'é'").column(2, 5) == 6
    assert Positions("é = 1\nab = 'é'").column(1, 4) == 4
