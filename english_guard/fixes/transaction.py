"""All-or-nothing writes of many files, shared by every fix (rename, migrate; translate and extract next).

A commit is journaled in a state folder of the project (`.english-guard/<fix>/`):

1. every change is verified first (the file is still as it was read, Python still parses, no read-only
   file); nothing is written when one fails;
2. the new bytes of every changed file are written under `<state>/pending/`;
3. `commit.json` (old and new SHA-256 of each file) is written atomically: the commit point;
4. each file is moved into place with one `os.replace` (non-code files first, code last);
5. the journal and the pending folder are removed.

A failure during step 4 (a folder that refuses the write, a full disk) puts back the files already
moved and raises one error; a run killed during it leaves each file old or new, and the next run
finishes it from the journal (`finish_interrupted_commit`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from english_guard.errors import EnglishGuardError
from english_guard.safe_write import atomic_write_bytes, check_python_parses
from english_guard.ui_text import _

JOURNAL = "commit.json"
PENDING = "pending"
STATE_GITIGNORE = "# english-guard's working files (review files, report, commit journal): not project files\n*\n"


class TransactionError(EnglishGuardError):
    """The changes cannot be committed safely; the message says why and what to do. Nothing was changed."""


@dataclass(frozen=True)
class Messages:
    """What a fix says when its commit cannot go on (each fix words it for its own users and translations)."""

    changed_before: str = "{path}: changed while the fix ran; nothing was written, run it again"
    changed_since: str = (
        "{path}: changed since the interrupted run started; the journal {journal} cannot be "
        "finished safely. Restore the file (git checkout) or delete the journal and run again"
    )
    staged_damaged: str = "{path}: the staged copy in {pending} is missing or damaged; delete {journal} and run again"
    unreadable_journal: str = "{journal}: unreadable commit journal ({reason}); delete it and run again"


GENERIC = Messages()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Change:
    path: str  # relative to the project root, POSIX
    old: bytes | None  # None: a new file
    new: bytes | None  # None: the file is deleted

    @property
    def kind(self) -> str:
        return "created" if self.old is None else "deleted" if self.new is None else "modified"


def _commit_order(change: Change) -> tuple[int, str]:
    """Catalogs, helpers and other files before the code that needs them; deletions last."""
    if change.new is None:
        return 3, change.path
    if change.path.endswith(".py"):
        return 1 if change.old is None else 2, change.path
    return 0, change.path


def umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def current_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except (FileNotFoundError, NotADirectoryError):
        return None


def ensure_state_folder(root: Path, state: str) -> Path:
    folder = root / state
    folder.mkdir(parents=True, exist_ok=True)
    ignore = root / state.split("/")[0] / ".gitignore"
    if not ignore.exists():
        atomic_write_bytes(ignore, STATE_GITIGNORE.encode("utf-8"))
    return folder


def verify(root: Path, changes: list[Change], changed_message: str) -> None:
    """Everything that can be checked before the first write: a failure here changes nothing."""
    for change in changes:
        target = root / change.path
        if change.new is not None and change.path.endswith(".py"):
            check_python_parses(change.path, change.new)
        if current_digest(target) != (digest(change.old) if change.old is not None else None):
            # Checked before the journal exists: a journal whose old state never held cannot be finished.
            raise TransactionError(changed_message.format(path=change.path))
        if change.old is not None and target.exists() and not target.stat().st_mode & 0o222:
            raise TransactionError(_("{path}: read-only file; nothing was changed").format(path=change.path))


def commit(
    root: Path,
    changes: list[Change],
    state: str,
    progress: Callable[[Change], None] | None = None,
    messages: Messages = GENERIC,
) -> None:
    """Write `changes` into the tree under `root`: all of them or none (see the module's text)."""
    try:
        verify(root, changes, messages.changed_before)
        folder = ensure_state_folder(root, state)
        pending = folder / PENDING
        shutil.rmtree(pending, ignore_errors=True)
        ordered = sorted(changes, key=_commit_order)
        entries = []
        for number, change in enumerate(ordered):
            staged = None
            if change.new is not None:
                staged = f"{number:06d}"
                pending.mkdir(parents=True, exist_ok=True)
                atomic_write_bytes(pending / staged, change.new)
            entries.append(
                {
                    "path": change.path,
                    "old": digest(change.old) if change.old is not None else None,
                    "new": digest(change.new) if change.new is not None else None,
                    "staged": staged,
                }
            )
        journal = folder / JOURNAL
        atomic_write_bytes(journal, json.dumps({"version": 1, "files": entries}, indent=1).encode("utf-8"))
    except OSError as exc:  # before the commit point: nothing in the tree was touched
        raise TransactionError(
            _("{path}: cannot write ({reason}); nothing was changed").format(
                path=exc.filename or root / state, reason=exc.strerror or exc
            )
        ) from None
    try:
        roll_forward(
            root,
            entries,
            state,
            progress_paths={e["path"]: c for e, c in zip(entries, ordered, strict=True)},
            progress=progress,
            messages=messages,
        )
    except OSError as exc:
        _roll_back(root, ordered)
        journal.unlink(missing_ok=True)
        shutil.rmtree(pending, ignore_errors=True)
        where = exc.filename or ""
        raise TransactionError(
            _("{path}: cannot write ({reason}); every file was put back as it was").format(
                path=where, reason=exc.strerror or exc
            )
        ) from None
    journal.unlink()
    shutil.rmtree(pending, ignore_errors=True)


def _roll_back(root: Path, ordered: list[Change]) -> None:
    """Put every file of a failed commit back as it was (the old bytes are still in memory)."""
    for change in ordered:
        target = root / change.path
        try:
            now = current_digest(target)
            if change.old is None:
                if now is not None:
                    target.unlink()
            elif now != digest(change.old):
                atomic_write_bytes(target, change.old)
        except OSError:
            continue  # it was never replaced: the folder refuses writes, so it still holds the old file


def roll_forward(
    root: Path,
    entries: list[dict],
    state: str,
    progress_paths: dict | None = None,
    progress: Callable | None = None,
    messages: Messages = GENERIC,
) -> list[str]:
    pending = root / state / PENDING
    done = []
    for entry in entries:
        target = root / entry["path"]
        current = current_digest(target)
        if current == entry["new"]:
            continue  # moved into place before the interruption
        if current != entry["old"]:
            raise TransactionError(messages.changed_since.format(path=entry["path"], journal=f"{state}/{JOURNAL}"))
        if entry["new"] is None:
            target.unlink()
        else:
            source = pending / entry["staged"]
            if not source.is_file() or current_digest(source) != entry["new"]:
                raise TransactionError(
                    messages.staged_damaged.format(
                        path=entry["path"], pending=f"{state}/{PENDING}", journal=f"{state}/{JOURNAL}"
                    )
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                shutil.copymode(target, source)
            else:
                os.chmod(source, 0o666 & ~umask())
            os.replace(source, target)
        done.append(entry["path"])
        if progress is not None and progress_paths is not None:
            progress(progress_paths[entry["path"]])
    return done


def interrupted_commit(root: Path, state: str) -> Path | None:
    journal = root / state / JOURNAL
    return journal if journal.is_file() else None


def finish_interrupted_commit(root: Path, state: str, messages: Messages = GENERIC) -> list[str]:
    """Complete a commit that was killed half-way; returns the files moved into place now."""
    from english_guard.own_files import OwnFileError, load_json_document

    journal = root / state / JOURNAL
    try:
        entries = load_json_document(journal, "commit journal")["files"]
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise TypeError("no list of files")
    except (OwnFileError, KeyError, TypeError) as exc:
        raise TransactionError(messages.unreadable_journal.format(journal=journal, reason=exc)) from exc
    done = roll_forward(root, entries, state, messages=messages)
    journal.unlink()
    shutil.rmtree(root / state / PENDING, ignore_errors=True)
    return done
