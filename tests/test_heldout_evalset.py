"""The held-out labelled set: labels.json is what its build gives, and every label points to a real item."""

from __future__ import annotations

import ast
import importlib.util
import io
import json
import subprocess
import sys
import tokenize
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SET_DIR = ROOT / "benchmarks" / "heldout-evalset"
LANGS = {"en", "uz", "ru", "uk", "kk", "tr", "de", "es", "pt", "fr", "id", "zh", "ja", "ar"}
KINDS = {"identifier", "comment", "docstring", "string"}


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_heldout_labels", ROOT / "benchmarks" / "build_heldout_labels.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def labels() -> list[dict]:
    return json.loads((SET_DIR / "labels.json").read_text(encoding="utf-8"))


def test_labels_are_what_the_build_gives(labels):
    # Every item the build lists has a label and no label is left over: the build lists items with ast/tokenize.
    assert _build_module().build() == labels


def test_every_label_points_to_its_item(labels):
    sources = {p.relative_to(SET_DIR).as_posix(): p.read_text(encoding="utf-8") for p in SET_DIR.rglob("*.py")}
    assert 20 <= len(sources) <= 28
    for label in labels:
        assert label["kind"] in KINDS and label["lang"] in LANGS, label
        lines = sources[label["file"]].splitlines()
        row = lines[label["line"] - 1]
        if label["kind"] == "identifier":
            assert label["name"] in row or label.get("defined") is False, label
            assert label.get("defined", True) or label["lang"] != "en", label  # English used names get no label
        elif label["kind"] == "comment":
            assert row.rstrip().endswith(label["text"]), label
        elif label["kind"] == "string":
            # `col` counts UTF-8 bytes, as ast's col_offset and the public set's labels do.
            literal = row.encode("utf-8")[label["col"] :].decode("utf-8")
            assert isinstance(label["user_facing"], bool) and literal.lstrip("rRbBuUfF")[0] in "'\"", label
        else:
            assert label["end_line"] >= label["line"], label


def test_every_comment_and_docstring_has_one_label(labels):
    for path in SET_DIR.rglob("*.py"):
        rel = path.relative_to(SET_DIR).as_posix()
        source = path.read_text(encoding="utf-8")
        comments = [
            t.start[0] for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.COMMENT
        ]
        assert comments == [lab["line"] for lab in labels if lab["file"] == rel and lab["kind"] == "comment"], rel
        docstrings = sum(
            1
            for node in ast.walk(ast.parse(source))
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and ast.get_docstring(node, clean=False) is not None
        )
        assert docstrings == sum(1 for lab in labels if lab["file"] == rel and lab["kind"] == "docstring"), rel


def test_the_public_scorer_reads_every_label(tmp_path, labels):
    scorer = ROOT.parent / "shared" / "evalset" / "score.py"
    if not scorer.is_file():
        pytest.skip("the public set's score.py is not on this machine")
    empty = tmp_path / "findings.json"
    empty.write_text('{"findings": []}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(scorer), str(SET_DIR), "--findings", str(empty)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    positives = sum(
        1
        for lab in labels
        if lab["lang"] != "en" and lab.get("defined", True) and not (lab["kind"] == "string" and not lab["user_facing"])
    )
    assert f"28 files, {len(labels)} labels: {positives} positive" in done.stdout
    assert f"fp=0 fn={positives}" in done.stdout
