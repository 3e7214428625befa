"""The staging copy and the journaled commit, in process (the tests that kill a real run are elsewhere)."""

from __future__ import annotations

import json
import os
import stat
import subprocess

import pytest

from english_guard.migrate.workspace import (
    MIGRATION_DIR,
    Change,
    Staging,
    WorkspaceError,
    commit,
    finish_interrupted_commit,
    interrupted_commit,
)
from english_guard.safe_write import UnsafeWriteError


def _tree(root, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_staging_copies_the_project_and_finds_what_changed(tmp_path):
    root = tmp_path / "project"
    _tree(
        root,
        {
            "app/a.py": "x = 1\n",
            "app/b.py": "y = 2\n",
            "notes.md": "hi\n",
            ".gitignore": "build/\n",
            "build/out.py": "junk = 1\n",
            ".english-guard/migration/renames.toml": "version = 1\n",
        },
    )
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    staging = Staging.create(root)
    try:
        copied = sorted(str(p.relative_to(staging.folder)) for p in staging.folder.rglob("*") if p.is_file())
        assert "app/a.py" in copied and "notes.md" in copied
        assert "build/out.py" not in copied  # ignored by git
        assert not any(name.startswith(".english-guard/migration") for name in copied)
        (staging.folder / "app" / "a.py").write_text("x = 10\n", encoding="utf-8")
        (staging.folder / "app" / "b.py").unlink()
        (staging.folder / "app" / "i18n.py").write_text("_ = str\n", encoding="utf-8")
        changes = {c.path: c.kind for c in staging.changes()}
        assert changes == {"app/a.py": "modified", "app/b.py": "deleted", "app/i18n.py": "created"}
    finally:
        staging.remove()
    assert not staging.folder.exists()


def test_commit_writes_catalogs_before_code_keeps_modes_and_cleans_up(tmp_path):
    root = tmp_path / "project"
    _tree(root, {"run.py": "print(1)\n", "old.py": "z = 0\n"})
    os.chmod(root / "run.py", 0o755)
    changes = [
        Change("run.py", b"print(1)\n", b"print(2)\n"),
        Change("old.py", b"z = 0\n", None),
        Change("app/i18n.py", None, b"_ = str\n"),
        Change("locales/uz/LC_MESSAGES/m.po", None, b"# po\n"),
    ]
    order = []
    commit(root, changes, progress=lambda change: order.append(change.path))
    assert order == ["locales/uz/LC_MESSAGES/m.po", "app/i18n.py", "run.py", "old.py"]
    assert (root / "run.py").read_text() == "print(2)\n" and not (root / "old.py").exists()
    assert stat.S_IMODE((root / "run.py").stat().st_mode) == 0o755
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE((root / "app" / "i18n.py").stat().st_mode) == 0o666 & ~umask  # not a temp file's 0600
    assert interrupted_commit(root) is None
    assert not (root / MIGRATION_DIR / "pending").exists()


def test_commit_refuses_code_that_does_not_parse_before_writing_anything(tmp_path):
    root = tmp_path / "project"
    _tree(root, {"a.py": "a = 1\n", "b.py": "b = 1\n"})
    with pytest.raises(UnsafeWriteError, match="b.py:1"):
        commit(root, [Change("a.py", b"a = 1\n", b"a = 2\n"), Change("b.py", b"b = 1\n", b"def (:\n")])
    assert (root / "a.py").read_text() == "a = 1\n"
    assert interrupted_commit(root) is None


def _half_done_commit(root, changes, done: int) -> None:
    """A commit whose process died after moving `done` files into place."""

    class Stop(BaseException):
        pass

    moved = []

    def die(change):
        moved.append(change)
        if len(moved) == done:
            raise Stop

    with pytest.raises(Stop):
        commit(root, changes, progress=die)


def test_an_interrupted_commit_is_finished_from_its_journal(tmp_path):
    root = tmp_path / "project"
    _tree(root, {f"m{n}.py": f"v = {n}\n" for n in range(4)})
    changes = [Change(f"m{n}.py", f"v = {n}\n".encode(), f"value = {n}\n".encode()) for n in range(4)]
    _half_done_commit(root, changes, 2)
    journal = interrupted_commit(root)
    assert journal is not None and len(json.loads(journal.read_text())["files"]) == 4
    assert [(root / f"m{n}.py").read_text() for n in range(4)] == ["value = 0\n", "value = 1\n", "v = 2\n", "v = 3\n"]
    assert sorted(finish_interrupted_commit(root)) == ["m2.py", "m3.py"]
    assert [(root / f"m{n}.py").read_text() for n in range(4)] == [f"value = {n}\n" for n in range(4)]
    assert interrupted_commit(root) is None


def test_finishing_refuses_a_file_edited_meanwhile_or_a_damaged_staged_copy(tmp_path):
    root = tmp_path / "project"
    _tree(root, {"a.py": "a = 1\n", "b.py": "b = 1\n", "c.py": "c = 1\n"})
    changes = [Change(n, f"{n[0]} = 1\n".encode(), f"{n[0]} = 2\n".encode()) for n in ("a.py", "b.py", "c.py")]
    _half_done_commit(root, changes, 1)
    (root / "b.py").write_text("b = 99\n")
    with pytest.raises(WorkspaceError, match="b.py: changed since the interrupted migration started"):
        finish_interrupted_commit(root)
    (root / "b.py").write_text("b = 1\n")
    for staged in (root / MIGRATION_DIR / "pending").iterdir():
        staged.write_text("tampered\n")
    with pytest.raises(WorkspaceError, match="missing or damaged"):
        finish_interrupted_commit(root)
    assert (root / "b.py").read_text() == "b = 1\n"


def test_one_migration_at_a_time_and_a_dead_holder_is_taken_over(tmp_path):
    from english_guard.migrate.workspace import RunLock

    state = tmp_path / "state"
    state.mkdir()
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        (state / "lock").write_text(str(sleeper.pid))
        with pytest.raises(
            WorkspaceError, match=f"another migration of this project is running \\(process {sleeper.pid}\\)"
        ):
            with RunLock(state):
                pass
    finally:
        sleeper.kill()
        sleeper.wait()
    with RunLock(state):  # the holder is gone now
        assert (state / "lock").read_text() == str(os.getpid())
    assert not (state / "lock").exists()
