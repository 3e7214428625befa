"""The Python reader: every definition kind, at its exact position."""

from __future__ import annotations

from pathlib import Path

from english_guard.config import Config
from english_guard.sources.python import read_python_text

FIXTURE = Path(__file__).parent / "fixtures" / "python_reader" / "all_definitions.py"


def segments():
    text = FIXTURE.read_text(encoding="utf-8")
    return text, read_python_text(str(FIXTURE), text, Config())


def test_every_definition_kind_is_found_once():
    _text, found = segments()
    definitions = {(s.text, s.symbol) for s in found if s.kind == "identifier"}
    assert definitions == {
        ("osp", "import alias"),
        ("Ordered", "import alias"),
        ("LIMIT", "variable"),
        ("counter", "variable"),
        ("first", "variable"),
        ("rest", "variable"),
        ("fetch", "function"),
        ("url", "parameter"),
        ("retries", "parameter"),
        ("args", "parameter"),
        ("timeout", "parameter"),
        ("options", "parameter"),
        ("handle", "variable"),
        ("data", "variable"),
        ("line", "variable"),
        ("problem", "variable"),
        ("size", "variable"),
        ("index", "variable"),
        ("item", "variable"),
        ("callback", "variable"),
        ("event", "parameter"),
        ("Store", "class"),
        ("shelf", "class attribute"),
        ("__init__", "method"),
        ("self", "parameter"),
        ("owner", "parameter"),
        ("cls_name", "variable"),
        ("inner", "function"),
        ("build", "method"),
        ("cls", "parameter"),
        ("registry", "attribute"),
        ("matcher", "function"),
        ("command", "parameter"),
        ("verb", "variable"),
        ("extra", "variable"),
        ("head", "variable"),
        ("tail", "variable"),
        ("text", "variable"),
    }
    names = [s.text for s in found if s.kind == "identifier"]
    assert len(names) == len(set(names)), "a name is reported once, at its first definition"


def test_positions_point_at_the_text():
    text, found = segments()
    lines = text.split("\n")
    for segment in found:
        if segment.kind in ("identifier", "comment"):
            assert lines[segment.line - 1][segment.column - 1 : segment.end_column - 1] == segment.text, segment
    docstrings = sorted((s.line, s.text) for s in found if s.kind == "docstring")
    assert docstrings == [(1, "Module docstring."), (13, "Function docstring."), (30, "Class docstring.")]


def test_non_ascii_lines_count_characters_not_bytes(tmp_path):
    source = "x = 'ўзбек'; malumot = 1  # izoh\n"
    found = read_python_text("a.py", source, Config())
    by_text = {s.text: s for s in found}
    assert by_text["malumot"].column == source.index("malumot") + 1
    assert by_text["# izoh"].column == source.index("#") + 1


def test_hash_inside_strings_is_not_a_comment():
    source = 'url = "https://example.org/#top"  # real comment\nquery = f"{value!r:#>10}"\n'
    comments = [s.text for s in read_python_text("a.py", source, Config()) if s.kind == "comment"]
    assert comments == ["# real comment"]
