"""The one runner every fix writes through.

Every fix has the same face, the way LibCST's `Codemod` gives every codemod one:

    plan = plan_xxx(paths, settings)      # decides everything and touches nothing: plan.changes
    print(diff_of(plan.changes))          # --diff: what would change
    written = apply_changes(root, plan.changes, state=..., verify=VerifyOptions(...))

`apply_changes` is the only way a fix writes into a project (`rename --apply` and `apply_plan`,
`translate --write` and `translate_paths`, `extract`): a run interrupted before is finished first; the
verification gate (fixes/verify) proves
on a copy that the project still imports, defines its names and passes its tests; then the transaction
(fixes/transaction) writes every file or none. Inside the migration's staging copy the steps write
with `write_in_place` instead: the copy itself is committed as one transaction, verified as a whole.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from english_guard.errors import EnglishGuardError
from english_guard.fixes.transaction import (
    GENERIC,
    Change,
    Messages,
    TransactionError,
    commit,
    finish_interrupted_commit,
    interrupted_commit,
)
from english_guard.safe_write import atomic_write_bytes, check_python_parses, unified_diff

if TYPE_CHECKING:
    from english_guard.fixes.verify import VerifyOptions


class WriteRefused(EnglishGuardError):
    """The changes were not written (a journal that cannot be finished, a write that failed and was put
    back); the message says why. No file is left half changed."""


@dataclass
class Written:
    """What `apply_changes` did."""

    changes: list[Change] = field(default_factory=list)  # written (empty when the gate stopped the write)
    recovered: list[str] = field(default_factory=list)  # files an interrupted run was finished with first
    problems: list[str] = field(default_factory=list)  # the verification's: each stopped the write
    summary: list[str] = field(default_factory=list)  # one line per part of the verification

    @property
    def blocked(self) -> bool:
        return bool(self.problems)


def project_path(path: str | os.PathLike[str], root: Path) -> str:
    """`path` as a change names it: relative to the project root (POSIX), or absolute when outside it.

    A symbolic link inside the project is named by the file it points to, so the write keeps the link."""
    real = Path(os.path.realpath(path))
    try:
        return real.relative_to(root.resolve()).as_posix()
    except ValueError:
        return real.as_posix()


def changes_of(root: Path, files: Iterable[tuple[str | os.PathLike[str], bytes | None, bytes | None]]) -> list[Change]:
    """(path, old, new) triples as changes of the project at `root` (old None: created; new None: deleted)."""
    return [Change(project_path(path, root), old, new) for path, old, new in files if old != new]


def diff_of(changes: Iterable[Change]) -> str:
    """The unified diff of `changes`, as `git diff` would label it (a binary file gets one line)."""
    parts = []
    for change in changes:
        try:
            old = (change.old or b"").decode("utf-8")
            new = (change.new or b"").decode("utf-8")
        except UnicodeDecodeError:
            parts.append(f"Binary file {change.path} {change.kind}\n")
            continue
        parts.append(unified_diff(change.path, old, new))
    return "".join(parts)


def finish_interrupted(root: Path, state: str, messages: Messages = GENERIC) -> list[str]:
    """The files a run of this fix killed mid-write had not yet written, written now (none: no journal)."""
    if interrupted_commit(root, state) is None:
        return []
    try:
        return finish_interrupted_commit(root, state, messages)
    except TransactionError as exc:
        raise WriteRefused(str(exc)) from None


def apply_changes(
    root: Path,
    changes: list[Change],
    *,
    state: str,
    verify: VerifyOptions | None,
    messages: Messages = GENERIC,
) -> Written:
    """Write `changes` into the project at `root`: verified first, then all of them or none.

    `state` is the fix's folder for its commit journal (`.english-guard/<fix>`); `verify`
    (fixes.verify.VerifyOptions) runs the verification gate on a copy first: any problem it finds
    stops the write and is returned in `Written.problems`. Every caller says which gate it wants: `None`
    only inside the migration's staging copy, which is verified as a whole before it is committed.
    Raises `WriteRefused` when a write fails: every file already written is put back first.
    """
    root = root.resolve()
    written = Written(recovered=finish_interrupted(root, state, messages))
    changes = [change for change in changes if change.old != change.new]
    if not changes:
        return written
    for change in changes:  # all of them parse before the gate copies anything
        if change.new is not None and change.path.endswith(".py"):
            check_python_parses(change.path, change.new)
    if verify is not None:
        changes = _verified(root, changes, verify, written)
        if written.blocked:
            return written
    try:
        commit(root, changes, state, messages=messages)
    except TransactionError as exc:
        raise WriteRefused(str(exc)) from None
    written.changes = changes
    return written


def _verified(root: Path, changes: list[Change], options: VerifyOptions, written: Written) -> list[Change]:
    """The verification gate on a copy with the new contents; the changes plus a `.gitignore` negation
    the gate added so that generated files reach git."""
    from english_guard.fixes.verify import verify_new_contents
    from english_guard.walk import project_files

    inside = {c.path: c.new for c in changes if not Path(c.path).is_absolute()}
    try:
        gate, verification = verify_new_contents(root, project_files(root), inside, options)
    except OSError as exc:  # the copy could not be made as the change wants it (a file where a folder must go)
        raise WriteRefused(
            f"{exc.filename or root}: cannot verify the change ({exc.strerror or exc}); nothing was changed"
        ) from None
    written.problems = verification.problems
    written.summary = gate.summary(verification)
    gitignore = inside.get(".gitignore")
    if gitignore is not None and not any(c.path == ".gitignore" and c.new == gitignore for c in changes):
        old = (root / ".gitignore").read_bytes() if (root / ".gitignore").is_file() else None
        changes = [c for c in changes if c.path != ".gitignore"] + [Change(".gitignore", old, gitignore)]
    return changes


def write_in_place(root: Path, changes: Iterable[Change]) -> None:
    """Write `changes` one by one, each atomically: only for a copy that is itself committed as a whole
    (the migration's staging folder). Files other code needs (catalogs, helpers) first, code last."""
    from english_guard.fixes.transaction import _commit_order

    for change in sorted(changes, key=_commit_order):
        target = root / change.path
        if change.new is None:
            target.unlink(missing_ok=True)
            continue
        if change.path.endswith(".py"):
            check_python_parses(change.path, change.new)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, change.new)
