"""`--apply`: exactly the plan, everywhere, or nothing at all.

Every entry is checked first (the symbol still exists, the target is a safe identifier, the symbol is
the project's own, the new name is free in every namespace it lands in). Then the tokens are replaced
in memory, every changed file is analysed again, and each token must still name what it named before
(a new name that captures or shadows another reference shows up here). Only when every check passes
is any file written; a single refusal leaves every file untouched.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from english_guard.config import Config
from english_guard.fixes.rename.analysis import FileFacts
from english_guard.fixes.rename.files import SourceFile, rename_root
from english_guard.fixes.rename.index import Group, SymbolIndex
from english_guard.fixes.rename.namespaces import Namespaces
from english_guard.fixes.rename.planfile import PlanEntry
from english_guard.fixes.rename.project import Project, analyze_sources, load_project
from english_guard.fixes.rename.safety import KEYWORDS, alternative_for, outside_owner, target_problem
from english_guard.fixes.runner import WriteRefused, apply_changes
from english_guard.fixes.transaction import (
    Change,
    Messages,
    TransactionError,
    finish_interrupted_commit,
    interrupted_commit,
)
from english_guard.fixes.verify import DEFAULT_OPTIONS, VerifyOptions
from english_guard.safe_write import (
    UnsafeWriteError,
    check_python_parses,
    unified_diff,
)

RENAME_STATE = ".english-guard/rename"  # the commit journal of an --apply (see fixes.transaction)


def _messages() -> Messages:
    return Messages(
        changed_before="{path}: changed since the plan was checked; nothing was renamed, run --apply again",
        changed_since=(
            "{path}: changed since the interrupted rename started; the journal {journal} cannot be "
            "finished safely. Restore the file (git checkout) or delete the journal and apply again"
        ),
        staged_damaged=("{path}: the staged copy in {pending} is missing or damaged; delete {journal} and apply again"),
        unreadable_journal="{journal}: unreadable commit journal ({reason}); delete it and apply again",
    )


def finish_interrupted_rename(paths: list[str], config: Config) -> list[str]:
    """Files an interrupted `--apply` had not yet written, written now from its journal (none: no journal)."""
    root = rename_root(paths, config)
    if interrupted_commit(root, RENAME_STATE) is None:
        return []
    try:
        return finish_interrupted_commit(root, RENAME_STATE, _messages())
    except TransactionError as exc:
        raise UnsafeWriteError(str(exc)) from None


def _relative(path: str, root: Path) -> str:
    return Path(os.path.realpath(path)).relative_to(root).as_posix()


def _original_bytes(source: SourceFile) -> bytes:
    """The file's bytes as read for the plan (a file changed since makes the commit refuse)."""
    try:
        data = Path(source.path).read_bytes()
    except OSError:
        return source.encode(source.text)
    expected = source.encode(source.text)
    return data if data == expected else expected


@dataclass(slots=True)
class Refusal:
    qualified_name: str
    message: str


@dataclass(slots=True)
class ApplyReport:
    renamed: list[tuple[PlanEntry, int]] = field(default_factory=list)  # (entry, tokens changed)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (qualified name, why)
    refused: list[Refusal] = field(default_factory=list)
    unprovable: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files_changed: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    written: bool = False
    verification: list[str] = field(default_factory=list)  # the gate's problems: nothing was written
    recovered: list[str] = field(default_factory=list)  # files an interrupted --apply left, written now

    @property
    def references(self) -> int:
        return sum(count for _entry, count in self.renamed)


def _resolve_module(
    project: Project,
    entry: PlanEntry,
    new_names: dict[str, str],
    chosen: dict[str, tuple[Group, PlanEntry]],
    moves: dict[int, tuple[str, str]],
    report: ApplyReport,
) -> None:
    """A module file rename (opt-in): the file moves, every import and `pkg.module` reference follows."""
    index = project.index
    module = entry.qualified_name
    if module not in index.modules:
        if renamed_qualname(module, new_names) in index.modules:
            report.skipped.append((module, f"already renamed to {entry.new_name}"))
        else:
            report.refused.append(Refusal(module, f"module {module} no longer exists; run --plan again"))
        return
    fact = index.modules[module]
    package, _, stem = module.rpartition(".")
    new_module = f"{package}.{entry.new_name}" if package else entry.new_name
    if stem != entry.name:
        report.refused.append(
            Refusal(
                module,
                f"the plan says module {module} is called {entry.name!r}, but it is {stem!r} now; run --plan again",
            )
        )
        return
    old_path = Path(fact.path)
    new_path = old_path.with_name(entry.new_name + old_path.suffix)
    problem = None
    if not entry.new_name.isidentifier() or entry.new_name in KEYWORDS:
        problem = f"{entry.new_name!r} is not a valid module name"
    elif new_module in index.modules or new_path.exists() or old_path.with_name(entry.new_name).exists():
        problem = f"{new_path} (or a package {entry.new_name}/) already exists"
    elif not package and entry.new_name in sys.stdlib_module_names:
        problem = f"a top-level module {entry.new_name!r} would shadow the standard library's {entry.new_name}"
    if problem:
        report.refused.append(
            Refusal(
                module,
                f"cannot rename module {module} to {new_module}: {problem}; "
                f"use another name, for example {entry.new_name + '_module'!r}",
            )
        )
        return
    group = index.module_group(module)
    assert group is not None  # the module is one of the project's files
    chosen[group.root] = (group, entry)
    file_index = next(i for i, f in enumerate(index.facts) if f is fact)
    moves[file_index] = (str(new_path), new_module)


def _resolve_entries(
    project: Project, entries: list[PlanEntry], report: ApplyReport, moves: dict[int, tuple[str, str]]
) -> dict[str, tuple[Group, PlanEntry]]:
    """Group root -> (group, entry) for every entry to apply; refusals and skips go to the report."""
    index = project.index
    namespaces = Namespaces(index)
    chosen: dict[str, tuple[Group, PlanEntry]] = {}
    new_names = {e.qualified_name: e.new_name for e in entries if e.wanted}
    for entry in entries:
        if entry.action == "skip":
            report.skipped.append((entry.qualified_name, entry.reason or "skipped in the plan"))
            continue
        if not entry.new_name:
            report.skipped.append((entry.qualified_name, "no new_name in the plan"))
            continue
        if entry.new_name == entry.name:
            continue
        if entry.kind == "module" or entry.qualified_name in index.modules:
            _resolve_module(project, entry, new_names, chosen, moves, report)
            continue
        group = index.find_group(entry.qualified_name)
        if group is None:
            done = index.find_group(renamed_qualname(entry.qualified_name, new_names))
            if done is not None and done.name == entry.new_name:
                report.skipped.append((entry.qualified_name, f"already renamed to {entry.new_name}"))
                continue
            report.refused.append(
                Refusal(
                    entry.qualified_name,
                    (
                        f"{entry.qualified_name} no longer exists (the plan saw it at {entry.defined_at or '?'}); "
                        f"the code changed since the plan was made: run --plan again"
                    ),
                )
            )
            continue
        if group.name != entry.name:
            report.refused.append(
                Refusal(
                    entry.qualified_name,
                    (
                        f"the plan says {entry.qualified_name} is called {entry.name!r}, but it is {group.name!r} now; "
                        f"run --plan again"
                    ),
                )
            )
            continue
        problem = target_problem(entry.new_name)
        if problem:
            report.refused.append(
                Refusal(
                    entry.qualified_name,
                    (
                        f"cannot rename {entry.name} to {entry.new_name!r}: {problem}; "
                        f"use another name, for example {alternative_for(entry.new_name)!r}"
                    ),
                )
            )
            continue
        owner = outside_owner(index, group)
        if owner:
            report.refused.append(Refusal(entry.qualified_name, f"cannot rename {entry.name}: {owner}"))
            continue
        previous = chosen.get(group.root)
        if previous is not None:
            if previous[1].new_name != entry.new_name:
                report.refused.append(
                    Refusal(
                        entry.qualified_name,
                        (
                            f"{entry.qualified_name} and {previous[1].qualified_name} are one symbol (they are renamed "
                            f"together) but the plan gives them different names: {previous[1].new_name!r} and "
                            f"{entry.new_name!r}"
                        ),
                    )
                )
            continue
        chosen[group.root] = (group, entry)
    claimed: dict[str, set[str]] = {}
    for group, entry in chosen.values():
        if entry.kind == "module" or entry.qualified_name in index.modules:
            continue
        clash = namespaces.clash(group, entry.new_name, claimed)
        if clash:
            suggestion = namespaces.free_variant(group, entry.new_name, claimed)
            report.refused.append(
                Refusal(
                    entry.qualified_name,
                    (
                        f"cannot rename {entry.name} to {entry.new_name!r}: {clash}; use another name, "
                        f"for example {suggestion!r}"
                    ),
                )
            )
        namespaces.claim(group, entry.new_name, claimed)
    return chosen


def renamed_qualname(qualified_name: str, new_names: dict[str, str]) -> str:
    """The qualified name after the plan: `m.Savat.qoshish` -> `m.Cart.add` when both are renamed."""
    parts = qualified_name.split(".")
    out = list(parts)
    for i in range(len(parts)):
        new = new_names.get(".".join(parts[: i + 1]))
        if new:
            out[i] = new
    return ".".join(out)


def _keyword_only_groups(
    index: SymbolIndex, chosen: dict[str, tuple[Group, PlanEntry]], report: ApplyReport
) -> dict[str, str]:
    """Keyword arguments whose callee is unknown (`handler(soni=2)` with handler a local): rename them only
    when every parameter and field with that name is renamed the same way."""
    extra: dict[str, str] = {}
    by_name: dict[str, list[Group]] = defaultdict(list)
    for group in index.groups.values():
        if group.definitions and any(b.kind in {"parameter", "attribute"} for _p, b in group.definitions):
            by_name[group.name].append(group)
    for group in index.groups.values():
        if not group.root.startswith("k?:"):
            continue
        name = group.name
        candidates = by_name.get(name, [])
        targets = {chosen[g.root][1].new_name if g.root in chosen else None for g in candidates}
        if not candidates or targets == {None}:
            continue
        if len(targets) == 1:
            (target,) = targets
            assert target is not None  # {None} was passed over above
            extra[group.root] = target
            continue
        sites = ", ".join(f"{index.facts[i].path}:{index.facts[i].occurrences[p].line}" for i, p in group.occurrences)
        for g in candidates:
            if g.root in chosen:
                entry = chosen[g.root][1]
                report.refused.append(
                    Refusal(
                        entry.qualified_name,
                        (
                            f"keyword argument {name}= at {sites} goes to a callee the rename cannot identify, and the "
                            f"symbols called {name!r} are not all renamed the same way; rename them alike or edit the "
                            f"call by hand first"
                        ),
                    )
                )
    return extra


def _edits(project: Project, new_names: dict[str, str]) -> dict[int, list[tuple[int, str, str]]]:
    index = project.index
    edits: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for root, new_name in new_names.items():
        group = index.groups[root]
        for file_index, position in group.occurrences:
            occurrence = index.facts[file_index].occurrences[position]
            edits[file_index].append((occurrence.offset, occurrence.text, new_name))
    return edits


def _rewrite(text: str, edits: list[tuple[int, str, str]]) -> str:
    pieces: list[str] = []
    last = 0
    for offset, old, new in sorted(set(edits)):
        if offset < last or text[offset : offset + len(old)] != old:
            raise UnsafeWriteError(f"internal error: overlapping or stale edit at offset {offset}")
        pieces.append(text[last:offset])
        pieces.append(new)
        last = offset + len(old)
    pieces.append(text[last:])
    return "".join(pieces)


def _verify(
    project: Project,
    changed: dict[int, str],
    new_names: dict[str, str],
    chosen: dict[str, tuple[Group, PlanEntry]],
    moves: dict[int, tuple[str, str]],
    report: ApplyReport,
) -> None:
    """Every token must name the same symbol after the rename as before it."""
    before = project.index
    new_sources = {
        i: _replace_text(project.sources[i], text, moves.get(i, (None, None))[1]) for i, text in changed.items()
    }
    for i in moves:
        if i not in new_sources:
            new_sources[i] = _replace_text(project.sources[i], project.sources[i].text, moves[i][1])
    new_facts = analyze_sources(list(new_sources.values()))
    facts: list[FileFacts] = list(project.facts)
    for i, fact in zip(new_sources, new_facts, strict=True):
        if fact.error:
            report.refused.append(Refusal("", f"internal error: the renamed {fact.error}"))
            return
        facts[i] = fact
    after = SymbolIndex(facts)
    new_to_entry: dict[str, PlanEntry] = {}
    for _group, planned in chosen.values():
        new_to_entry.setdefault(planned.new_name, planned)
    blamed: set[str] = set()
    for i in new_sources:
        old_occurrences = before.facts[i].occurrences
        new_occurrences = after.facts[i].occurrences
        if len(old_occurrences) != len(new_occurrences):
            report.refused.append(Refusal("", f"internal error: {before.facts[i].path} changed shape after renaming"))
            return
        for position, (old, new) in enumerate(zip(old_occurrences, new_occurrences, strict=True)):
            if not old.symbol.startswith(_SCOPED):
                continue  # attributes and keywords are matched by name; the namespace check covers them
            was = before.identity(before.group_at(i, position), i, position)
            now = after.identity(after.group_at(i, position), i, position)
            if was == now:
                continue
            old_group = before.group_at(i, position)
            entry: PlanEntry | None
            if old_group is not None and old_group.root in chosen:
                entry = chosen[old_group.root][1]
            else:
                entry = new_to_entry.get(new.text)
            if entry is None or entry.qualified_name in blamed:
                continue
            blamed.add(entry.qualified_name)
            report.refused.append(
                Refusal(
                    entry.qualified_name,
                    (
                        f"renaming {entry.name} to {entry.new_name!r} would change what {old.text!r} at "
                        f"{before.facts[i].path}:{old.line}:{old.column} refers to (the new name is already used "
                        f"there or in an enclosing scope); use another name, for example {entry.new_name + '_'!r}"
                    ),
                )
            )


# Tokens resolved through scopes (names, module attributes): the ones a new name can capture or shadow.
_SCOPED = ("q:", "u:", "b:", "d:")


def _replace_text(source: SourceFile, text: str, module: str | None = None) -> SourceFile:
    return SourceFile(source.path, module or source.module, text, source.encoding, source.bom)


def _file_changes(
    project: Project, changed: dict[int, str], moves: dict[int, tuple[str, str]], root: Path
) -> list[Change]:
    """The new texts as changes of the project at `root`, every one encoded and parsed before any is written
    (a moved module: created at its new path, deleted at the old one)."""
    encoded = {}
    for i in changed:
        source = project.sources[i]
        try:
            encoded[i] = source.encode(changed[i])
        except UnicodeEncodeError as exc:
            name = changed[i][exc.start : exc.end]
            raise UnsafeWriteError(
                f"{source.path}: the new name's {name!r} cannot be written in the file's "
                f"encoding ({source.encoding}); choose another name or change the coding "
                f"line"
            ) from None
    for i, data in encoded.items():  # all of them parse before the first one is written
        check_python_parses(project.sources[i].path, data)
    changes: list[Change] = []
    for i in sorted(changed, key=lambda i: project.sources[i].path):
        source = project.sources[i]
        old = _original_bytes(source)
        if i in moves:
            changes.append(Change(_relative(moves[i][0], root), None, encoded[i]))
            changes.append(Change(_relative(source.path, root), old, None))
        else:
            changes.append(Change(_relative(source.path, root), old, encoded[i]))
    return changes


def _unprovable(project: Project, new_names: dict[str, str], moves: dict[int, tuple[str, str]]) -> list[str]:
    index = project.index
    old_names = {index.groups[root].name: new for root, new in new_names.items()}
    old_modules = {module: new for _i, (_path, new) in moves.items() for module in [project.facts[_i].module]}
    out = []
    for fact in project.facts:
        for string in fact.strings:
            module = next((m for m in old_modules if string.text == m or string.text.startswith(m + ".")), None)
            if module:
                out.append(
                    f"{fact.path}:{string.line}:{string.column}: the string {string.text!r} names the "
                    f"renamed module {module} (now {old_modules[module]}); not changed, check it by hand"
                )
            elif string.text in old_names:
                out.append(
                    f"{fact.path}:{string.line}:{string.column}: the string {string.text!r} may name the "
                    f"renamed {string.text} (now {old_names[string.text]!r}); not changed, check it by hand"
                )
    out.extend(_star_calls(project, new_names))
    return out


def _star_calls(project: Project, new_names: dict[str, str]) -> list[str]:
    """Calls with `**mapping` into something whose parameters or fields were renamed: keys are data."""
    index = project.index
    renamed_keywords: set[str] = set()
    for root in new_names:
        group = index.groups[root]
        if any(b.kind in {"parameter", "attribute"} for _p, b in group.definitions):
            renamed_keywords.add(group.name)
    if not renamed_keywords:
        return []
    out = []
    for fact in project.facts:
        if not fact.star_calls:
            continue
        literals = {s.text for s in fact.strings} & renamed_keywords
        for call in fact.star_calls:
            node = index.resolve(call.symbol, fact) if call.symbol else None
            names: set[str] = set()
            if node is not None and not node.startswith("k?"):
                for _path, binding in index.definitions_of(node):
                    if binding.kind in {"function", "method"}:
                        function = index.functions.get(binding.qualname)
                        names |= set(function.params if function else ()) & renamed_keywords
                    elif binding.kind == "class":
                        info = index.classes.get(binding.qualname)
                        names |= (info.members if info else set()) & renamed_keywords
                        names |= {
                            p
                            for f in index.functions.values()
                            if f.qualname == f"{binding.qualname}.__init__"
                            for p in f.params
                        } & renamed_keywords
            elif not call.symbol.startswith(("b:", "x:")):
                names = literals  # an unknown callee: the names that appear as strings in this file
            if names:
                out.append(
                    f"{fact.path}:{call.line}:{call.column}: a call with **mapping passes keyword names as "
                    f"data; renamed here: {', '.join(sorted(names))}; check the mapping's keys by hand"
                )
    return out


def _diff(old_path: str, new_path: str, old: str, new: str) -> str:
    if old_path == new_path:
        return unified_diff(old_path, old, new)
    return f"rename from {old_path}\nrename to {new_path}\n" + unified_diff(old_path, old, new, new_path)


@dataclass(slots=True)
class RenamePreview:
    """A plan resolved, edited in memory and verified against a project, nothing written."""

    report: ApplyReport
    chosen: dict[str, tuple[Group, PlanEntry]] = field(default_factory=dict)
    new_names: dict[str, str] = field(default_factory=dict)  # group root -> new name
    moves: dict[int, tuple[str, str]] = field(default_factory=dict)  # file index -> (new path, new module)
    edits: dict[int, list[tuple[int, str, str]]] = field(default_factory=dict)  # file index -> (offset, old, new)
    changed: dict[int, str] = field(default_factory=dict)  # file index -> new text


def preview_plan(project: Project, entries: list[PlanEntry]) -> RenamePreview:
    """Every token the plan renames, and the new texts, checked as `--apply` checks them (refusals in
    `report.refused`). The language server uses it for one open document; `apply_plan` for a repository."""
    preview = RenamePreview(ApplyReport())
    report = preview.report
    preview.chosen = chosen = _resolve_entries(project, entries, report, preview.moves)
    extra = _keyword_only_groups(project.index, chosen, report)
    if report.refused:
        return preview
    new_names = {root: entry.new_name for root, (_group, entry) in chosen.items()}
    new_names.update(extra)
    preview.new_names = new_names
    preview.edits = _edits(project, new_names)
    changed = {i: _rewrite(project.sources[i].text, file_edits) for i, file_edits in preview.edits.items()}
    preview.changed = {i: text for i, text in changed.items() if text != project.sources[i].text}
    _verify(project, preview.changed, new_names, chosen, preview.moves, report)
    return preview


def apply_plan(
    paths: list[str],
    entries: list[PlanEntry],
    config: Config,
    *,
    diff: bool = False,
    verify: VerifyOptions | None = DEFAULT_OPTIONS,
) -> ApplyReport:
    """Apply `entries`, first proven on a copy by the verification gate with `verify` (default: the
    project's tests, found as `rename --apply` finds them); a problem it finds leaves every file as it was
    and is listed in `report.verification`. `verify=None` only in the migration's staging copy."""
    recovered = finish_interrupted_rename(paths, config) if not diff else []  # a killed --apply is finished first
    project = load_project(paths, config)
    if project.errors:
        report = ApplyReport(recovered=recovered)
        report.errors = [
            f"{error} (its references could not be updated, so nothing was renamed)" for error in project.errors
        ]
        return report
    preview = preview_plan(project, entries)
    report, chosen, new_names, moves, changed = (
        preview.report,
        preview.chosen,
        preview.new_names,
        preview.moves,
        preview.changed,
    )
    report.recovered = recovered
    if report.refused:
        return report
    counts: dict[str, int] = {}
    for group_root, (group, _entry) in chosen.items():
        counts[group_root] = sum(
            1 for i, p in group.occurrences if project.index.facts[i].occurrences[p].role != "definition"
        )
    report.renamed = [(entry, counts[group_root]) for group_root, (_group, entry) in chosen.items()]
    report.unprovable = _unprovable(project, new_names, moves)
    for i in moves:
        changed.setdefault(i, project.sources[i].text)
    for i in sorted(changed, key=lambda i: project.sources[i].path):
        source = project.sources[i]
        target = moves[i][0] if i in moves else source.path
        report.files_changed.append(source.path if target == source.path else f"{source.path} -> {target}")
        if diff:
            report.diffs.append(_diff(source.path, target, source.text, changed[i]))
    if diff:
        return report
    root = rename_root(paths, config)
    changes = _file_changes(project, changed, moves, root)
    try:  # the one runner of every fix: the verification gate on a copy, then all files or none
        written = apply_changes(root, changes, state=RENAME_STATE, verify=verify, messages=_messages())
    except WriteRefused as exc:
        raise UnsafeWriteError(str(exc)) from None
    if written.blocked:
        report.verification = written.problems
        return report
    report.written = bool(changed)
    return report
