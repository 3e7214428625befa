"""Safe writing shared by every fix: atomic, permission-keeping, parse-checked."""

from __future__ import annotations

import os
import stat

import pytest

from english_guard.fixes.runner import apply_changes
from english_guard.fixes.transaction import Change
from english_guard.safe_write import UnsafeWriteError, atomic_write_bytes, unified_diff


def test_new_files_get_the_usual_permissions_and_existing_ones_keep_theirs(tmp_path):
    mask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.po"
        atomic_write_bytes(fresh, b"x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        script = tmp_path / "run.sh"
        script.write_bytes(b"old")
        script.chmod(0o755)
        atomic_write_bytes(script, b"new")
        assert script.read_bytes() == b"new"
        assert stat.S_IMODE(script.stat().st_mode) == 0o755
    finally:
        os.umask(mask)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".eg-tmp")] == []


def test_code_that_does_not_parse_is_never_written(tmp_path):
    target = tmp_path / "a.py"
    target.write_bytes(b"x = 1\n")
    (tmp_path / "b.py").write_bytes(b"y = 1\n")
    changes = [Change("b.py", b"y = 1\n", b"y = 2\n"), Change("a.py", b"x = 1\n", b"def (:\n")]
    with pytest.raises(UnsafeWriteError, match=r"a\.py:1"):
        apply_changes(tmp_path, changes, state=".english-guard/test", verify=None)
    assert target.read_bytes() == b"x = 1\n" and (tmp_path / "b.py").read_bytes() == b"y = 1\n"


def test_unified_diff_marks_a_missing_final_newline():
    diff = unified_diff("a.py", "x = 1\n", "x = 2")
    assert diff.startswith("--- a/a.py\n+++ b/a.py\n")
    assert "\\ No newline at end of file" in diff
