"""The string flows' shortcuts give what the long way gives: a callee's kind, a word literal's shape, the
comments read with the string spans of the lines that hold a `#` only."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pytest

from english_guard.config import Config
from english_guard.sources.callpatterns import is_gettext_call, is_user_facing_call
from english_guard.sources.python import _Collector, _lines_with_hash, parse, read_comments, read_python_text
from english_guard.sources.string_roles import _text_shape, call_role, text_shape
from english_guard.sources.user_facing import _CALLBACK_HANDLERS, _call_kind

PACKAGE = Path(__file__).resolve().parents[1] / "english_guard"


def _callees_and_words() -> tuple[set[str], set[str]]:
    """Every callee and every name of the project's own code, and every string literal it writes."""
    callees: set[str] = set()
    words: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                parts = []
                func = node.func
                while isinstance(func, ast.Attribute):
                    parts.append(func.attr)
                    func = func.value
                if isinstance(func, ast.Name):
                    parts.append(func.id)
                callees.add(".".join(reversed(parts)))
            elif isinstance(node, ast.Name):
                words.add(node.id)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                words.add(node.value)
    return callees, words


CALLEES, WORDS = _callees_and_words()


def _slow_kind(callee: str, config: Config) -> tuple[bool, bool, bool, str | None]:
    """A callee's kind from every pattern, without the shortcut by its last part."""
    if callee.rsplit(".", 1)[-1] in _CALLBACK_HANDLERS:
        return True, False, False, None
    if is_gettext_call(callee, config):
        return False, True, False, None
    if is_user_facing_call(callee, config):
        return False, False, True, None
    return False, False, False, call_role(callee)


def _pattern_callees(config: Config) -> set[str]:
    patterns = [
        *config.gettext_functions,
        *config.user_facing_calls,
        *config.user_facing_constructors,
        *config.extend_user_facing_calls,
    ]
    names = {pattern.lstrip(".").replace("*", "Char") for pattern in patterns}
    names |= {pattern.lstrip(".").replace("*", "") for pattern in patterns}
    return names | {f"bot.{name}" for name in names} | {f"{name}.x" for name in names}


@pytest.mark.parametrize(
    "config",
    [
        Config(),
        Config(extend_user_facing_calls=["ui.*", "*.show_text", "notify?", "pop[ul]p", "a*"]),
        Config(gettext_functions=["tr", "i18n.t", "T*"]),
    ],
    ids=["default", "globs", "gettext globs"],
)
def test_a_callees_kind_is_what_every_pattern_says(config):
    callees = CALLEES | _pattern_callees(config) | {"", "models.CharField", "forms.ModelChoiceField", "Field", "x.y.z"}
    for callee in sorted(callees):
        assert _call_kind(callee, config)[:4] == _slow_kind(callee, config), callee


def test_a_word_literals_shape_is_what_every_test_says():
    letters = ["a", "ab", "abc", "abcdef", "ABCDEF", "abcdeg", "Abc", "aB", "Ab", "A", "z"]
    pieces = ["", "_", "1", "123", "select", "FROM", "fooBar", "Yanvar", "x"]
    generated = {"".join(parts) for parts in itertools.product(letters, pieces, pieces)}
    for text in sorted(WORDS | generated | {"_", "1", "__", "1_2", "SELECT", "utf_8", "vwxyz", "uvwxyz"}):
        assert text_shape.__wrapped__(text) == _text_shape(text), text


SOURCE = '''x = "a # b"  # one
y = b"# bytes"  # two
z = """
# inside
"""  # three
w = f"{x!r} # {y}"  # four
# five "quoted"
v = ("#",
     '#')  # six
'''


def test_comments_read_with_the_spans_of_hash_lines_only():
    collector = _Collector("a.py", SOURCE, Config())
    collector.visit(parse("a.py", SOURCE))
    every_span = collector.string_spans(range(1, SOURCE.count("\n") + 2))
    hash_lines = _lines_with_hash(SOURCE)
    assert len(collector.string_spans(hash_lines)) <= len(every_span)
    expected = read_comments("a.py", SOURCE, every_span)
    assert [c.text for c in expected] == ["# one", "# two", "# three", "# four", '# five "quoted"', "# six"]
    comments = [s for s in read_python_text("a.py", SOURCE, Config()) if s.kind == "comment"]
    assert comments == expected


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py"))[::7], ids=lambda p: p.name)
def test_the_readers_comments_are_those_of_every_span(path):
    """The reader takes the lines with a `#` from its own lines and lays out the spans of those lines only."""
    text = path.read_text(encoding="utf-8")
    collector = _Collector("f.py", text, Config())
    collector.visit(parse("f.py", text))
    every_span = collector.string_spans(range(1, text.count("\n") + 2))
    assert {n: line for n, line in enumerate(collector.pos.lines, 1) if "#" in line} == _lines_with_hash(text)
    comments = [s for s in read_python_text("f.py", text, Config()) if s.kind == "comment"]
    assert comments == read_comments("f.py", text, every_span)


def test_the_readers_segments_are_the_dataclasses_own() -> None:
    """`_segment` sets the slots itself: the record is equal to, and hashes as, `Segment(...)`."""
    from english_guard.records import Segment
    from english_guard.sources.python import _segment

    fields = ("a.py", "string", "kitob", 3, 5, 4, 2, "literal", True, "send(...)", "texts.WELCOME")
    assert _segment(*fields) == Segment(*fields)
    assert hash(_segment(*fields)) == hash(Segment(*fields))
    assert _segment(*fields[:8]) == Segment(*fields[:8])
    assert repr(_segment(*fields[:8])) == repr(Segment(*fields[:8]))
