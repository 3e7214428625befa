"""Step 3: identifiers, through the rename plan (`renames.toml`).

The plan is made fresh from the code on every run and merged with the plan on disk: for a symbol
the reviewed plan already lists, its `new_name` and `action` win; an entry only the reviewed plan has
(added by hand) is kept and applied, or reported with the reason it cannot be. The merged plan is applied with
the rename codemod, which refuses an entry that would change behaviour (a clash, a captured name,
a symbol that is not the project's own). A refused entry is set aside with its reason and the rest
is applied; the plan file records the reason so the reviewer sees it next to the entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from english_guard.config import Config
from english_guard.ui_text import _

MAX_ROUNDS = 8  # each round sets aside at least one refused entry


@dataclass
class RenameOutcome:
    renamed: list = field(default_factory=list)  # (PlanEntry, references updated)
    without_name: list = field(default_factory=list)  # PlanEntry with no new_name
    skipped: list = field(default_factory=list)  # PlanEntry the plan says to skip
    refused: list = field(default_factory=list)  # (PlanEntry or None, reason)
    unprovable: list[str] = field(default_factory=list)  # "path:line:col: ..." strings to check by hand
    errors: list[str] = field(default_factory=list)
    entries: list = field(default_factory=list)


def _carried_forward(reviewed: list) -> dict:
    """The reviewed entries by qualified name, also under the name they have once their owners are renamed.

    After `--write` renames `handlers.miqdor_qabul_qilish` to `handlers.accept_amount`, the parameter the
    reviewer skipped is `handlers.accept_amount.<locals>.miqdor`: the skip must still hold there, or a
    second run would propose the rename again and the migration would never settle.
    """
    renamed = {e.qualified_name: e.new_name for e in reviewed if e.action == "rename" and e.new_name}
    by_name = {entry.qualified_name: entry for entry in reviewed}
    for entry in reviewed:
        parts = entry.qualified_name.split(".")
        carried = list(parts)
        for end in range(1, len(parts)):
            new = renamed.get(".".join(parts[:end]))
            if new:
                carried[end - 1] = new
        by_name.setdefault(".".join(carried), entry)
    return by_name


def _merge(fresh: list, reviewed: list) -> list:
    """The fresh plan with the reviewer's decisions, plus every reviewed entry the fresh plan does not list.

    An entry the reviewer added by hand (a name the planner took for English, a symbol it does not
    list) is kept as it is: `apply_plan` renames it, says it is already renamed, or refuses it with the
    reason, and the plan file keeps it. Nothing the reviewer wrote is dropped silently.
    """
    by_name = _carried_forward(reviewed)
    merged = []
    used = set()
    for entry in fresh:
        old = by_name.get(entry.qualified_name)
        if old is not None and old.name == entry.name:
            entry.new_name = old.new_name
            entry.action = old.action
            if old.action == "skip" and old.reason:
                entry.reason = old.reason
            used.add(id(old))
        merged.append(entry)
    listed = {entry.qualified_name for entry in fresh}
    merged += [old for old in reviewed if id(old) not in used and old.qualified_name not in listed]
    return merged


def run(paths: list[str], config: Config, plan_file: Path) -> RenameOutcome:
    """Plan, merge with the reviewed plan, apply in the current (staging) tree, and rewrite the plan file."""
    from english_guard.fixes.rename import PlanError, apply_plan, dump_plan, load_plan, plan_paths
    from english_guard.fixes.rename.files import SourceError
    from english_guard.migrate.workspace import write_file
    from english_guard.safe_write import UnsafeWriteError

    outcome = RenameOutcome()
    reviewed = []
    if plan_file.is_file():
        try:
            reviewed = load_plan(plan_file.read_text(encoding="utf-8"), str(plan_file))
        except (PlanError, OSError, UnicodeDecodeError) as exc:
            outcome.errors.append(f"{exc}; fix the plan or delete it to start again")
            return outcome
    try:
        fresh, errors = plan_paths(paths, config)
    except SourceError as exc:
        outcome.errors.append(str(exc))
        return outcome
    outcome.errors += errors
    entries = _merge(fresh, reviewed)
    outcome.entries = entries
    outcome.without_name = [e for e in entries if e.action == "rename" and not e.new_name]
    outcome.skipped = [e for e in entries if e.action == "skip"]
    by_name = {e.qualified_name: e for e in entries}
    active = [e for e in entries if e.wanted]
    for _round in range(MAX_ROUNDS):
        if not active or outcome.errors:
            break
        try:
            # In the staging copy: the migration verifies the copy as a whole before it commits it.
            report = apply_plan(paths, active, config, verify=None)
        except (SourceError, UnsafeWriteError) as exc:
            outcome.errors.append(str(exc))
            break
        if report.errors:
            outcome.errors += report.errors
            break
        if not report.refused:
            outcome.renamed = list(report.renamed)
            outcome.unprovable = list(report.unprovable)
            break
        named = [r for r in report.refused if r.qualified_name in by_name]
        if len(named) < len(report.refused):  # a refusal of the whole plan: nothing can be renamed safely
            outcome.refused += [(None, r.message) for r in report.refused if r.qualified_name not in by_name]
            break
        refused_names = {r.qualified_name for r in named}
        for refusal in named:
            entry = by_name[refusal.qualified_name]
            outcome.refused.append((entry, refusal.message))
        active = [e for e in active if e.qualified_name not in refused_names]
    if outcome.errors and any(e.wanted for e in entries) and not outcome.renamed:
        outcome.refused.append(
            (
                None,
                _(
                    "no identifier was renamed: a file that cannot be read or parsed may refer "
                    "to the renamed names; fix it and run the migration again"
                ),
            )
        )
    for entry, reason in outcome.refused:
        if entry is not None:
            entry.reason = f"refused: {reason}"
    plan_file.parent.mkdir(parents=True, exist_ok=True)
    write_file(plan_file, dump_plan(entries, plan_file.name).encode("utf-8"))
    return outcome
