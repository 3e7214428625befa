"""The one-off migration, in order: check, translate, rename, extract, check again; then commit.

All the steps run on a staging copy of the project (see `workspace`), each with the public API of its
fix and the review file a human edits:

    .english-guard/migration/translations.po     comments and docstrings (translate)
    .english-guard/migration/renames.toml        identifiers (rename)
    .english-guard/migration/strings.review.po   user-facing strings (extract)
    .english-guard/migration/migration-report.md what happened, and the manual-review list
    .english-guard/migration/changes.diff        what --write would change (dry runs)

Without `write` only those files change. With `write` the staged result is committed into the tree.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from english_guard.errors import EnglishGuardError
from english_guard.fixes.runner import diff_of
from english_guard.migrate import extract_step, manual, rename_step, translation_step
from english_guard.migrate.gitstate import uncommitted_changes
from english_guard.migrate.positions import Snapshot
from english_guard.migrate.progress import Progress
from english_guard.migrate.report import ReportData, render
from english_guard.migrate.workspace import (
    MIGRATION_DIR,
    RunLock,
    Staging,
    WorkspaceError,
    commit,
    ensure_state_dir,
    finish_interrupted_commit,
    interrupted_commit,
    write_file,
)
from english_guard.ui_text import _

if TYPE_CHECKING:
    from english_guard.checker import RunResult
    from english_guard.config import Config
    from english_guard.fixes.transaction import Change
    from english_guard.fixes.verify import Gate, Verification

TRANSLATIONS_PO = "translations.po"
RENAME_PLAN = "renames.toml"
STRINGS_PO = "strings.review.po"
REPORT = "migration-report.md"
DIFF = "changes.diff"
MEMORY = "translation-memory.json"


class MigrationError(EnglishGuardError):
    """The migration cannot start or finish (dirty tree, bad configuration); nothing was changed."""


@dataclass
class MigrationOptions:
    path: str = "."
    write: bool = False
    engine: str = "auto"
    source_lang: str | None = None
    allow_dirty: bool = False
    runtime_module: str | None = None
    config_file: str | None = None
    use_memory: bool = True
    test_command: str | None = "auto"  # the project's tests, run before and after on the staged copy (--write)
    test_timeout: float = 900.0


@dataclass
class MigrationResult:
    root: Path
    report_path: Path | None = None
    report: ReportData | None = None
    changed: list[Change] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)  # files an interrupted commit was finished with
    errors: list[str] = field(default_factory=list)
    verification: Verification | None = None  # of the staged result
    blocked: bool = False  # --write refused because the verification found a problem

    @property
    def exit_code(self) -> int:
        if self.errors:
            return 2
        if self.report is not None and self.report.items:
            return 1
        return 0


def _locate(options: MigrationOptions) -> tuple[Config, Path, str]:
    from english_guard.config import ConfigError, load_config

    target = Path(options.path)
    if not target.exists():
        raise MigrationError(_("{path}: no such file or directory").format(path=options.path))
    try:
        config = load_config(options.config_file, start=target)
    except ConfigError as exc:
        raise MigrationError(str(exc)) from exc
    root = Path(config.root).resolve()
    try:
        relative = target.resolve().relative_to(root).as_posix()
    except ValueError as exc:
        raise MigrationError(
            _("{path} is outside the project {root} its configuration belongs to").format(path=options.path, root=root)
        ) from exc
    return config, root, relative or "."


def _check(paths: list[str], config: Config, progress: Progress) -> RunResult:
    from english_guard.checker import run_check

    update: Callable[[int], None] | None = None  # the file counter, opened when the check knows the total
    reported = 0

    with ExitStack() as counter:

        def on_progress(done: int, total: int) -> None:
            nonlocal update, reported
            if update is None:
                update = counter.enter_context(progress.counter(total, _("files")))
            update(done - reported)
            reported = done

        return run_check(paths, config, use_cache=False, progress=on_progress)


def _copy_if_exists(source: Path, target: Path) -> None:
    if source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def _sync_back(source: Path, target: Path) -> None:
    """Make `target` what `source` is now (a copy, or absent)."""
    if source.is_file():
        data = source.read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_file(target, data)
    elif target.is_file():
        target.unlink()


def run_migration(options: MigrationOptions, progress: Progress | None = None) -> MigrationResult:
    """Run the whole migration; raises MigrationError when it must not start."""
    progress = progress or Progress()
    config, root, relative = _locate(options)
    result = MigrationResult(root)
    if interrupted_commit(root) is not None:
        if not options.write:
            raise MigrationError(
                _("an interrupted `--write` left {journal}; run with --write to finish it").format(
                    journal=f"{MIGRATION_DIR}/commit.json"
                )
            )
        try:
            result.recovered = finish_interrupted_commit(root)
        except WorkspaceError as exc:
            raise MigrationError(str(exc)) from exc
        return result
    if options.write and not options.allow_dirty:
        dirty = uncommitted_changes(root)
        if dirty:
            shown = "\n".join(f"  {line}" for line in dirty[:10]) + ("\n  ..." if len(dirty) > 10 else "")
            raise MigrationError(
                _(
                    "the git working tree has uncommitted changes; commit or stash them first so that "
                    "the migration is one reviewable diff, or pass --allow-dirty:\n{files}"
                ).format(files=shown)
            )
    state = ensure_state_dir(root)
    try:
        with RunLock(state):
            staging = Staging.create(root)
            gate = _gate(options, root, staging)
            previous_cwd, previous_path = os.getcwd(), list(sys.path)
            # The steps run inside the copy: a project module there (a `gettext.py`, a `tests` package) must
            # never shadow what english-guard imports later, so the current folder leaves the import path.
            sys.path[:] = [entry for entry in sys.path if entry not in ("", ".")]
            try:
                os.chdir(staging.folder)
                return _run_in_staging(options, config, root, relative, staging, state, progress, result, gate)
            finally:
                os.chdir(previous_cwd)
                sys.path[:] = previous_path
                staging.remove()
    except WorkspaceError as exc:
        raise MigrationError(str(exc)) from exc


@dataclass
class _Steps:
    """What each step of one run did (in the staging copy)."""

    before: RunResult  # the first check
    translation: translation_step.TranslationOutcome
    rename: rename_step.RenameOutcome
    snapshot: Snapshot  # files as the rename step left them, to carry its positions forward
    extraction: extract_step.ExtractOutcome
    after: RunResult  # the final check

    @property
    def errors(self) -> list[str]:
        return self.translation.errors + self.rename.errors + self.extraction.errors


def _run_steps(
    options: MigrationOptions,
    config: Config,
    staged_config: Config,
    paths: list[str],
    staged_strings: Path,
    state: Path,
    progress: Progress,
) -> _Steps:
    progress.stage(_("check: what is there"))
    before = _check(paths, staged_config, progress)

    progress.stage(_("translate comments and docstrings"))
    translation = translation_step.run(
        paths,
        staged_config,
        state / TRANSLATIONS_PO,
        options.engine,
        options.use_memory,
        progress_factory=lambda total: progress.counter(total, _("sentences")),
    )
    progress.note(
        _("{applied} translated, {open} without a translation, {fuzzy} of low confidence").format(
            applied=len(translation.applied), open=len(translation.without_model), fuzzy=len(translation.low_confidence)
        )
    )

    progress.stage(_("rename identifiers"))
    rename = rename_step.run(paths, staged_config, state / RENAME_PLAN)
    snapshot = Snapshot(
        sorted(
            {line.split(":", 1)[0] for line in rename.unprovable}
            | {e.defined_at.split(":", 1)[0] for e, _why in rename.refused if e is not None}
        )
    )
    progress.note(
        _("{renamed} renamed, {open} without a name, {refused} refused").format(
            renamed=len(rename.renamed), open=len(rename.without_name), refused=len(rename.refused)
        )
    )

    progress.stage(_("extract user-facing strings"))
    source_lang = options.source_lang or (config.source_lang if config.source_lang not in ("", "und") else "")
    guessed = not source_lang
    if guessed:
        source_lang = extract_step.guess_source_lang(before.findings)
    if source_lang:
        extraction = extract_step.run(
            paths, staged_config, source_lang, staged_strings, options.engine, options.runtime_module
        )
        plan = extraction.plan
        progress.note(
            _("{wrapped} wrapped, {pending} waiting for English, {problems} not extractable").format(
                wrapped=plan.applied if plan else 0,
                pending=len(plan.pending) if plan else 0,
                problems=len(plan.problems) if plan else 0,
            )
        )
    else:
        extraction = extract_step.ExtractOutcome()
        progress.note(_("no non-English user-facing strings: nothing to extract"))
    extraction.source_lang_guessed = guessed and bool(source_lang)

    progress.stage(_("check again: what is left"))
    # The configuration the extraction used also knows the gettext function it wrapped the strings in.
    after = _check(paths, extraction.config or staged_config, progress)
    return _Steps(before, translation, rename, snapshot, extraction, after)


def _report_data(
    options: MigrationOptions, root: Path, relative: str, steps: _Steps, changes: list[Change]
) -> ReportData:
    items = manual.manual_review(
        steps.after.findings,
        steps.after.errors,
        steps.translation,
        steps.rename,
        steps.extraction,
        steps.errors,
        final_line=steps.snapshot.final_line,
        line_text=steps.snapshot.final_text_of_line,
    )
    notes = [_("note: {note}").format(note=note) for note in steps.translation.notes]
    if steps.extraction.plan is not None:
        notes += [_("note: {note}").format(note=note) for note in steps.extraction.plan.notes]
    return ReportData(
        project=root.name,
        paths=[relative],
        write=options.write,
        engine=options.engine,
        source_lang=steps.extraction.source_lang,
        source_lang_guessed=steps.extraction.source_lang_guessed,
        before=steps.before.findings,
        after=steps.after.findings,
        translated=steps.translation.applied,
        renamed=steps.rename.renamed,
        extracted=steps.extraction.extracted,
        changed_files=[(c.path, c.kind) for c in changes],
        items=items,
        notes=notes,
    )


def _write(root: Path, changes: list[Change], progress: Progress) -> None:
    from english_guard.safe_write import UnsafeWriteError

    progress.stage(_("write the changes"))
    if not changes:
        progress.note(_("nothing to change"))
        return
    with progress.counter(len(changes), _("files")) as update:
        try:
            commit(root, changes, progress=lambda _change: update(1))
        except (OSError, WorkspaceError, UnsafeWriteError) as exc:
            raise MigrationError(_("cannot write the changes: {reason}").format(reason=exc)) from exc


def _gate(options: MigrationOptions, root: Path, staging: Staging) -> Gate:
    from english_guard.fixes.verify import Gate, VerifyOptions

    return Gate(
        root,
        staging.files,
        VerifyOptions(test_command=options.test_command, test_timeout=options.test_timeout, run_tests=options.write),
    )


def _verify(gate: Gate, staging: Staging, progress: Progress) -> Verification:
    """Prove on the staged copy that the project still works (and reaches git) before anything is written."""
    from english_guard.walk import project_files_plain

    progress.stage(_("verify the result (imports, names, tests, git)"))
    verification = gate.finish(staging.folder, project_files_plain(staging.folder))
    for line in gate.summary(verification):
        progress.note(line)
    return verification


def _run_in_staging(
    options: MigrationOptions,
    config: Config,
    root: Path,
    relative: str,
    staging: Staging,
    state: Path,
    progress: Progress,
    result: MigrationResult,
    gate: Gate,
) -> MigrationResult:
    staged_config = dataclasses.replace(config, root=str(staging.folder))
    cache = Path(config.cache_dir)
    _copy_if_exists(root / cache / MEMORY, staging.folder / cache / MEMORY)
    staged_strings = staging.folder / MIGRATION_DIR / STRINGS_PO
    _copy_if_exists(state / STRINGS_PO, staged_strings)
    progress.stages = 7 if options.write else 6

    steps = _run_steps(options, config, staged_config, [relative], staged_strings, state, progress)
    verification = _verify(gate, staging, progress)
    result.verification = verification
    changes = staging.changes()
    if options.use_memory and (staging.folder / cache / MEMORY).is_file():
        if not (root / cache).exists():  # a cache folder of our own making stays out of git, as check's does
            (root / cache).mkdir(parents=True)
            write_file(root / cache / ".gitignore", b"*\n")
        _sync_back(staging.folder / cache / MEMORY, root / cache / MEMORY)
    report = _report_data(options, root, relative, steps, changes)
    report.verification = gate.summary(verification)
    result.report, result.changed = report, changes
    result.errors = steps.errors + [f"{error.path}: {error.message}" for error in steps.after.errors]
    result.errors += verification.problems
    result.blocked = options.write and bool(verification.problems)
    report.blocked = result.blocked

    if options.write and result.blocked:
        progress.stage(_("write the changes"))
        progress.note(_("nothing written: the verification found problems"))
    elif options.write:
        _write(root, changes, progress)
        # The answers the code now holds leave the review file only once the code is written.
        _sync_back(staged_strings, state / STRINGS_PO)
    else:
        kept = extract_step.review_file_keeping_answers(state / STRINGS_PO, staged_strings)
        if kept is None:
            _sync_back(staged_strings, state / STRINGS_PO)
        else:
            write_file(state / STRINGS_PO, kept)
    diff_path = state / DIFF
    if not options.write and changes:
        write_file(diff_path, diff_of(changes).encode("utf-8"))
    elif diff_path.exists():
        diff_path.unlink()
    report.review_files = [
        f"{MIGRATION_DIR}/{name}" for name in (TRANSLATIONS_PO, RENAME_PLAN, STRINGS_PO) if (state / name).is_file()
    ]
    result.report_path = state / REPORT
    write_file(result.report_path, render(report).encode("utf-8"))
    return result
