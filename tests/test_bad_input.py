"""Bad input (issue 2, item 5; issue 3, item 6) and suppression comments that suppress nothing.

A tree with a syntax error, binary content, a Latin-1 file with a coding cookie, CRLF line ends with a
byte order mark, an empty file, invalid UTF-8 (Python and YAML) and a 5 MB generated file: exit code 2,
one EG900 per unreadable file with its path and line, correct findings for the rest, no traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from check_helpers import (
    CLEAN_SOURCE,
    FR_LATIN1_COMMENT,
    RU_COMMENT,
    RU_NEW_COMMENT,
    UZ_COMMENT_2,
    UZ_FUNCTION,
    check_json,
    located,
    make_project,
    run_cli,
)


def _big_module() -> str:
    """A generated data module of about 5 MB with one non-English comment at its very end."""
    rows, size, index = [], 0, 0
    while size < 5 * 1024 * 1024:
        row = f"    {index}: ('item number {index}', {index * 7 % 1000}, True),\n"
        rows.append(row)
        size += len(row)
        index += 1
    return "TABLE = {\n" + "".join(rows) + "}\n" + RU_NEW_COMMENT + "\n"


@pytest.fixture(scope="module")
def bad_tree(tmp_path_factory) -> Path:
    big = _big_module()
    root = make_project(
        tmp_path_factory.mktemp("bad") / "tree",
        {
            "broken.py": "def ok():\n    pass\n\n\ndef broken(:\n    pass\n",
            "binary.py": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4,
            "latin.py": f"# -*- coding: latin-1 -*-\n{FR_LATIN1_COMMENT}\nx = 1\n".encode("latin-1"),
            "crlf_bom.py": f"\ufeff{RU_COMMENT}\r\ndef f():\r\n    {UZ_COMMENT_2}\r\n    return 1\r\n".encode(),
            "empty.py": b"",
            "bad_utf8.py": b"x = 1\ny = 2\n# caf\xe9 au lait\n",
            "chart/values.yaml": b"name: orders\n# \xff\xfe broken bytes\n",
            "big.py": big,
            "fine.py": CLEAN_SOURCE,
        },
    )
    return root


@pytest.fixture(scope="module")
def bad_report(bad_tree) -> tuple[int, dict, str]:
    return check_json(bad_tree, "--no-cache")


def test_exit_code_two_and_no_traceback(bad_report):
    code, report, stderr = bad_report
    assert code == 2
    assert "Traceback" not in stderr
    assert report["summary"]["files"] == 10


def test_one_error_per_unreadable_file_with_path_and_line(bad_report):
    _code, report, _stderr = bad_report
    errors = {e["path"]: e for e in report["errors"]}
    assert sorted(errors) == ["bad_utf8.py", "binary.py", "broken.py", "chart/values.yaml"]
    assert all(e["code"] == "EG900" for e in errors.values())
    assert errors["broken.py"]["line"] == 5 and "syntax" in errors["broken.py"]["message"]
    assert errors["bad_utf8.py"]["line"] == 3 and "0xe9" in errors["bad_utf8.py"]["message"]
    assert errors["chart/values.yaml"]["line"] == 2 and "0xff" in errors["chart/values.yaml"]["message"]
    assert "binary" in errors["binary.py"]["message"]


def test_the_readable_files_are_checked_correctly(bad_report, bad_tree):
    _code, report, _stderr = bad_report
    big_lines = (bad_tree / "big.py").read_text(encoding="utf-8").count("\n")
    assert located(report) == [
        ("big.py", big_lines, "EG201", RU_NEW_COMMENT),
        ("crlf_bom.py", 1, "EG201", RU_COMMENT),  # the byte order mark is not part of the text
        ("crlf_bom.py", 3, "EG201", UZ_COMMENT_2),
        ("latin.py", 2, "EG201", FR_LATIN1_COMMENT),  # decoded with the declared encoding
    ]
    by_line = {(f["path"], f["line"]): f for f in report["findings"]}
    assert by_line[("latin.py", 2)]["language"] == "fr"
    assert (by_line[("crlf_bom.py", 1)]["column"], by_line[("crlf_bom.py", 1)]["end_column"]) == (
        1,
        1 + len(RU_COMMENT),
    )
    assert (by_line[("crlf_bom.py", 3)]["column"], by_line[("crlf_bom.py", 3)]["end_column"]) == (
        5,
        5 + len(UZ_COMMENT_2),
    )


@pytest.mark.parametrize("name", ["text", "sarif", "gitlab", "github"])
def test_every_format_reports_the_errors_without_a_traceback(bad_tree, name):
    small = [
        p for p in ("broken.py", "binary.py", "latin.py", "crlf_bom.py", "empty.py", "bad_utf8.py", "chart/values.yaml")
    ]
    completed = run_cli(bad_tree, "check", "--no-cache", "--format", name, *small)
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    for path in ("broken.py", "binary.py", "bad_utf8.py", "chart/values.yaml"):
        assert path in completed.stdout


def test_a_file_that_disappears_or_cannot_be_read(tmp_path):
    root = make_project(tmp_path / "p", {"ok.py": CLEAN_SOURCE})
    (root / "dangling.py").symlink_to(root / "gone.py")
    code, report, stderr = check_json(root, "--no-cache", "ok.py", "dangling.py")
    assert code == 2 and "Traceback" not in stderr
    assert report["errors"] == [{"path": "dangling.py", "code": "EG900", "message": "broken symbolic link"}]
    fifo = root / "pipe.py"
    os.mkfifo(fifo)  # reading it would block forever
    code, report, stderr = check_json(root, "--no-cache", "ok.py", "pipe.py")
    assert code == 2 and report["errors"] == [{"path": "pipe.py", "code": "EG900", "message": "not a regular file"}]
    code, report, stderr = check_json(root, "--no-cache", ".")  # found by the walk: not a file to read
    assert code == 0 and report["summary"]["files"] == 2


# --- suppression comments that suppress nothing (EG100, like ruff's RUF100) -------------------------------

SUPPRESSIONS = f"""def {UZ_FUNCTION}():  # english-guard: ignore[EG101]
    return 1


def add(left, right):  # english-guard: ignore
    return left + right


{UZ_COMMENT_2}  # noqa: EG201
total = 0  # english-guard: ignore
count = 0  # english-guard: ignore[EG201]
value = 1  # noqa: E501
{RU_NEW_COMMENT}
"""


def test_unused_suppression_comments_are_reported_when_asked(tmp_path):
    root = make_project(tmp_path / "p", {"mod.py": SUPPRESSIONS})
    code, plain, _stderr = check_json(root, "--no-cache")
    assert (code, located(plain)) == (1, [("mod.py", 13, "EG201", RU_NEW_COMMENT)])  # the rest is suppressed
    code, report, _stderr = check_json(root, "--no-cache", "--show-unused-ignores")
    assert code == 1
    unused = [(f["line"], f["column"], f["text"]) for f in report["findings"] if f["code"] == "EG100"]
    # Each unused comment once, at its own position, even when its text repeats another one's; a noqa
    # for another tool (E501) is not ours to judge.
    assert unused == [
        (5, 24, "# english-guard: ignore"),
        (10, 12, "# english-guard: ignore"),
        (11, 12, "# english-guard: ignore[EG201]"),
    ]
    text = run_cli(root, "check", "--no-cache", "--show-unused-ignores")
    assert "mod.py:10:12: EG100 unused english-guard suppression comment" in text.stdout
    # With EG101 not checked, `ignore[EG101]` is not judged; bare `ignore` comments still are.
    code, only_comments, _stderr = check_json(root, "--no-cache", "--show-unused-ignores", "--select", "EG2")
    assert [(f["line"], f["code"]) for f in only_comments["findings"]] == [
        (5, "EG100"),
        (10, "EG100"),
        (11, "EG100"),
        (13, "EG201"),
    ]
    code, no_comments, _stderr = check_json(root, "--no-cache", "--show-unused-ignores", "--select", "EG1")
    assert [(f["line"], f["code"]) for f in no_comments["findings"]] == [(5, "EG100"), (10, "EG100")]


def test_an_internal_error_on_one_file_does_not_end_the_run(tmp_path, monkeypatch):
    """A bug met on one odd file becomes that file's EG900 error; the other files are checked and
    nothing is cached for the failed file. (The failure is injected: no real input is known to cause one.)"""
    from english_guard import checker, findings
    from english_guard.config import load_config

    root = make_project(tmp_path / "p", {"odd.py": f"{RU_NEW_COMMENT}\n", "fine.py": f"{UZ_COMMENT_2}\n"})
    real_evaluate = findings.evaluate  # the checker imports it when a file is judged

    def evaluate(segments, *args, **kwargs):
        if segments and segments[0].path.endswith("odd.py"):
            raise KeyError("unexpected")
        return real_evaluate(segments, *args, **kwargs)

    monkeypatch.setattr(findings, "evaluate", evaluate)
    monkeypatch.setenv("ENGLISH_GUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(root)
    run = checker.run_check(["."], load_config(None, start="."), jobs=1)
    assert [(e.path, e.message) for e in run.errors] == [
        ("odd.py", "internal error while checking this file (KeyError: 'unexpected'); please report it")
    ]
    assert [(f.path, f.line) for f in run.findings] == [("fine.py", 1)]
    [results] = (tmp_path / "cache").glob("*/results.json")
    stored = json.loads(results.read_text(encoding="utf-8"))
    assert len(stored["results"]) == 2  # fine.py and pyproject.toml, not odd.py


def test_form_feeds_and_unicode_line_separators_do_not_shift_positions(tmp_path):
    """Python ends lines at \\n, \\r\\n and \\r only: a form feed between functions (old style) and U+2028 in a
    string are not line ends, so the lines after them keep ast's numbering and their columns."""
    source = (
        f"x = 1\n\x0c\ndef {UZ_FUNCTION}():\n    return 'a\u2028b'\n\n\n"
        f"def   {UZ_FUNCTION}_2():\n    pass\r\n{UZ_COMMENT_2}\n"
    )
    root = make_project(tmp_path / "p", {"ff.py": source})
    _code, report, _stderr = check_json(root, "--no-cache")
    assert [(f["line"], f["column"], f["end_column"], f["text"]) for f in report["findings"]] == [
        (3, 5, 5 + len(UZ_FUNCTION), UZ_FUNCTION),
        (7, 7, 7 + len(UZ_FUNCTION) + 2, f"{UZ_FUNCTION}_2"),
        (9, 1, 1 + len(UZ_COMMENT_2), UZ_COMMENT_2),
    ]


def test_invisible_characters_are_located_after_a_form_feed(tmp_path):
    root = make_project(tmp_path / "p", {"zw.py": "x = 1\n\x0c\ny = 'a\u2028b'\nname = 'in\u200bvisible'\n"})
    _code, report, _stderr = check_json(root, "--no-cache", "--select", "EG103")
    assert [(f["line"], f["column"], f["text"]) for f in report["findings"]] == [(4, 11, "U+200B")]


def test_python_warnings_about_text_tried_as_code_do_not_reach_the_terminal():
    """A comment or a string is tried as Python (commented-out code, code in a string); Python warns about
    some such text (`1in x`: "invalid decimal literal"), and that warning is about our guess, not the file."""
    import warnings

    from english_guard.deep import parse_snippet
    from english_guard.language.prose import _commented_code
    from english_guard.sources.string_roles import looks_like_code

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_snippet("found = 1in x") is not None
        assert _commented_code("found = 1in x") is not None
        assert looks_like_code("found = 1in x")
