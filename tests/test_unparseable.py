"""A file that does not parse keeps its EG900 and still has its comments, docstrings and names checked."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from check_helpers import CLI, cli_env

from english_guard.sources.python_tolerant import tolerant_segments

FIXTURES = Path(__file__).parent / "fixtures" / "unparseable"


def _check(tmp_path: Path, *extra: str) -> dict:
    root = tmp_path / "project"
    if not root.exists():
        shutil.copytree(FIXTURES, root)
        (root / "pyproject.toml").write_text('[project]\nname = "demo"\n', encoding="utf-8")
    done = subprocess.run(
        [*CLI, "check", "--format", "json", *extra, "."],
        cwd=root,
        capture_output=True,
        text=True,
        env=cli_env(tmp_path / "cache"),
    )
    assert done.returncode == 2, done.stderr
    return json.loads(done.stdout)


def _summary(report: dict) -> tuple[set, set]:
    findings = {(f["path"], f["line"], f["code"], f["language"]) for f in report["findings"]}
    errors = {(e["path"], e["line"]) for e in report["errors"]}
    return findings, errors


def test_comments_survive_syntax_errors_merge_markers_and_python_2(tmp_path):
    findings, errors = _summary(_check(tmp_path, "--no-cache"))
    assert errors == {("merge_conflict.py", 5), ("python2.py", 7), ("unterminated.py", 2)}
    assert {
        ("merge_conflict.py", 1, "EG301", "uz"),
        ("merge_conflict.py", 6, "EG201", "uz"),
        ("merge_conflict.py", 9, "EG201", "uz"),
        ("python2.py", 2, "EG201", "ru"),
        ("python2.py", 5, "EG101", "uz"),
        ("python2.py", 6, "EG301", "ru"),
        ("unterminated.py", 6, "EG201", "tr"),  # after an unterminated string, the lexer starts again
    } <= findings


def test_the_cache_keeps_both_the_error_and_the_findings(tmp_path):
    cold = _check(tmp_path)
    warm = _check(tmp_path)
    assert _summary(warm) == _summary(cold)


def test_the_tolerant_lexer_reads_positions_like_the_parser():
    text = 'x = (\n# один\ndef имя():\n    """Документ."""\n'  # english-guard: ignore[EG401]
    segments = tolerant_segments("a.py", text)
    assert [(s.kind, s.text, s.line, s.column) for s in segments] == [
        ("comment", "# один", 2, 1),
        ("identifier", "имя", 3, 5),
        ("docstring", "Документ.", 4, 5),
    ]
