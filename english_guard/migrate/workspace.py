"""Where the migration happens: a staging copy, then one journaled commit into the real tree.

Every step of the migration runs on a copy of the project in a temporary folder, so an interrupted
run never leaves a half-migrated file behind. Committing is journaled:

1. the new bytes of every changed file are written under `.english-guard/migration/pending/`;
2. `commit.json` (old and new SHA-256 of each file) is written atomically: the commit point;
3. each file is moved into place with one `os.replace` (catalogs and other files first, code last);
4. the journal and the pending folder are removed.

A run killed before step 2 changed nothing in the tree; a run killed after it left each file either
as it was or fully migrated, and `finish_interrupted_commit` completes the rest. The journal itself is
`english_guard.fixes.transaction`, shared with the other fixes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from english_guard.fixes import transaction
from english_guard.fixes.transaction import JOURNAL, PENDING, Change, Messages, TransactionError, digest  # noqa: F401
from english_guard.safe_write import atomic_write_bytes
from english_guard.ui_text import _
from english_guard.walk import COPY_SKIPPED, project_files, project_files_plain

STATE_DIR = ".english-guard"
MIGRATION_DIR = f"{STATE_DIR}/migration"
# Never copied into the staging tree and never part of the migration's diff.
SKIPPED_DIRS = COPY_SKIPPED
STATE_GITIGNORE = "# english-guard's working files (review files, report, commit journal): not project files\n*\n"


# The tree cannot be staged or committed safely; the message says why and what to do.
WorkspaceError = TransactionError


def write_file(path: Path, data: bytes) -> None:
    """An atomic write that gives a new file the usual permissions (umask), not a temporary file's 0600."""
    new = not path.exists()
    atomic_write_bytes(path, data)
    if new:
        os.chmod(path, 0o666 & ~transaction.umask())


def ensure_state_dir(root: Path) -> Path:
    """`.english-guard/migration/`, with a .gitignore that keeps git and `check` out of it."""
    folder = root / MIGRATION_DIR
    folder.mkdir(parents=True, exist_ok=True)
    ignore = root / STATE_DIR / ".gitignore"
    if not ignore.exists():
        write_file(ignore, STATE_GITIGNORE.encode("utf-8"))
    return folder


class RunLock:
    """One migration at a time per project: `.english-guard/migration/lock` holds the running process's id.

    A lock left by a process that no longer exists (a killed run) is taken over.
    """

    def __init__(self, state: Path) -> None:
        self.path = state / "lock"

    def __enter__(self) -> RunLock:
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if self._holder_alive():
                    raise WorkspaceError(
                        _(
                            "another migration of this project is running (process {pid}); wait for "
                            "it to finish, or delete {path} if that process is not a migration"
                        ).format(pid=self._holder(), path=self.path)
                    ) from None
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            return self
        raise WorkspaceError(_("cannot take the lock {path}").format(path=self.path))

    def __exit__(self, *exc_info) -> None:
        self.path.unlink(missing_ok=True)

    def _holder(self) -> int | None:
        try:
            return int(self.path.read_text().strip())
        except (OSError, ValueError):
            return None

    def _holder_alive(self) -> bool:
        pid = self._holder()
        if pid is None or pid == os.getpid():
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


@dataclass
class Staging:
    """A copy of the project to migrate in; `root` is the real project, `folder` the copy."""

    root: Path
    folder: Path
    files: list[str] = field(default_factory=list)

    @classmethod
    def create(cls, root: Path) -> Staging:
        folder = Path(tempfile.mkdtemp(prefix="english-guard-migration-"))
        staging = cls(root, folder)
        try:
            for name in project_files(root):
                source = root / name
                target = folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                if source.is_symlink():
                    os.symlink(os.readlink(source), target)
                else:
                    shutil.copy2(source, target)
                staging.files.append(name)
            (folder / STATE_DIR).mkdir(exist_ok=True)
            (folder / STATE_DIR / ".gitignore").write_text(STATE_GITIGNORE, encoding="utf-8")
        except OSError as exc:
            staging.remove()
            raise WorkspaceError(
                _("cannot copy the project into a staging folder: {reason}").format(reason=exc)
            ) from exc
        return staging

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def changes(self) -> list[Change]:
        """What the migration changed in the copy, compared with the real tree."""
        after = set(project_files_plain(self.folder))
        changes: list[Change] = []
        for name in sorted(after | set(self.files)):
            old_path, new_path = self.root / name, self.folder / name
            if new_path.is_symlink() or old_path.is_symlink():
                continue  # links are never rewritten by a fix
            # A file git ignores (a compiled catalog from an earlier run) is not copied, but it may exist:
            # its bytes in the real tree are the old ones, so a second run that makes the same file changes nothing.
            old = old_path.read_bytes() if old_path.is_file() and not old_path.is_symlink() else None
            new = new_path.read_bytes() if new_path.is_file() else None
            if old != new:
                changes.append(Change(name, old, new))
        return changes


def _messages() -> Messages:
    return Messages(
        changed_before=_("{path}: changed while the migration ran; nothing was written, run it again"),
        changed_since=_(
            "{path}: changed since the interrupted migration started; the journal {journal} cannot be "
            "finished safely. Restore the file (git checkout) or delete the journal and run the migration "
            "again"
        ),
        staged_damaged=_(
            "{path}: the staged copy in {pending} is missing or damaged; delete {journal} and run the migration again"
        ),
        unreadable_journal=_("{journal}: unreadable commit journal ({reason}); delete it and run the migration again"),
    )


def commit(root: Path, changes: list[Change], progress: Callable[[Change], None] | None = None) -> None:
    """Write `changes` into the real tree: all of them, or (if killed) each file old or new, never half."""
    ensure_state_dir(root)
    transaction.commit(root, changes, MIGRATION_DIR, progress, _messages())


def interrupted_commit(root: Path) -> Path | None:
    return transaction.interrupted_commit(root, MIGRATION_DIR)


def finish_interrupted_commit(root: Path) -> list[str]:
    """Complete a commit that was killed half-way; returns the files moved into place now."""
    return transaction.finish_interrupted_commit(root, MIGRATION_DIR, _messages())
