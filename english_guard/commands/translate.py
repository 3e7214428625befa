"""`english-guard translate`: offline translation of non-English comments, docstrings and EG402 strings."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from english_guard.commands.options import engine_option, test_command_options
from english_guard.deep import deep_stack
from english_guard.ui_text import _

if TYPE_CHECKING:
    from english_guard.config import Config
    from english_guard.fixes.translate import FilePlan, Unit
    from english_guard.fixes.translate.workflow import Rewrite, Rewritten
    from english_guard.fixes.verify import VerifyOptions

# The English chosen for each file's units: id(plan) -> unit index -> English (see workflow.rewrite_plans).
Accepted = dict[int, dict[int, str]]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path())
@engine_option(_("Which engine translates: installed models (auto) or the word glossary."))
@click.option(
    "--to-po", "to_po", type=click.Path(dir_okay=False), help=_("Write the proposals to a PO file for review.")
)
@click.option(
    "--from-po",
    "from_po",
    type=click.Path(dir_okay=False),
    help=_("Apply the accepted (non-fuzzy) entries of a reviewed PO file."),
)
@click.option("--diff", "show_diff", is_flag=True, help=_("Print the changes as a unified diff."))
@click.option("--write", "write", is_flag=True, help=_("Write the changes into the files."))
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help=_("Configuration file."))
@click.option("--no-memory", is_flag=True, help=_("Do not read or update the translation memory."))
@test_command_options(
    _(
        "With --write: shell command that runs the project's tests on a copy before and after the "
        "translation; a test that passed before and fails after stops the write. `none`: no tests."
    )
)
@deep_stack
def translate(
    paths: tuple[str, ...],
    engine: str,
    to_po: str | None,
    from_po: str | None,
    show_diff: bool,
    write: bool,
    config_file: str | None,
    no_memory: bool,
    test_command: str | None,
    test_timeout: float,
) -> None:
    """Translate non-English comments, docstrings and log, exception and developer-text strings into
    English, offline.

    Without --diff, --write or --to-po it lists what it would translate. Without --from-po, only
    proposals that need no review are written: the others wait for the review file (--to-po).
    """
    from english_guard.config import ConfigError, load_config

    if to_po and from_po:
        raise click.UsageError(_("--to-po and --from-po cannot be used together"))
    if show_diff and write:
        raise click.UsageError(_("--diff and --write cannot be used together"))
    if to_po and (show_diff or write):
        raise click.UsageError(_("--to-po only writes the review file; apply it later with --from-po"))
    try:
        config = load_config(config_file, start=paths[0] if paths else ".")
    except ConfigError as exc:
        click.echo(_("error: {message}").format(message=exc), err=True)
        sys.exit(2)

    run = _Run(config, engine, no_memory)
    plans = run.read_files(list(paths) or ["."], judged=from_po is None)
    if from_po:
        accepted = run.decisions_from_po(Path(from_po), plans)
    else:
        if not run.propose(plans):
            sys.exit(2)
        if to_po:
            run.write_po(Path(to_po), plans)
            sys.exit(2 if run.errors else 0)
        accepted = run.without_review(plans)
    from english_guard.fixes.verify import VerifyOptions

    verify = VerifyOptions(test_command=test_command, test_timeout=test_timeout, fix_gitignore=False)
    run.apply(plans, accepted, show_diff=show_diff, write=write, listing=not (show_diff or write), verify=verify)
    sys.exit(run.exit_code(write))


class _Run:
    def __init__(self, config: Config, engine: str, no_memory: bool) -> None:
        self.config = config
        self.engine = engine
        self.no_memory = no_memory
        self.errors = 0
        self.left_for_humans = 0
        self.pending_changes = 0

    def error(self, message: str) -> None:
        self.errors += 1
        click.echo(message, err=True)

    # reading and proposing ----------------------------------------------------------------------
    def read_files(self, paths: list[str], judged: bool) -> list[FilePlan]:
        from english_guard.fixes.translate.workflow import read_plans

        plans, errors, notes = read_plans(paths, self.config, judged)
        for message in errors:
            self.error(message)
        for message in notes:
            click.echo(message, err=True)
        return plans

    def propose(self, plans: list[FilePlan]) -> bool:
        """Fill each unit's proposal; false when the engine failed (the error is reported)."""
        from english_guard.fixes.translate.workflow import propose_plans
        from english_guard.translation.engine_protocol import EngineError

        try:
            warnings = propose_plans(plans, self.config, self.engine, not self.no_memory, _progress)
        except EngineError as exc:
            self.error(_("error: {message}").format(message=exc))
            return False
        for warning in warnings:
            click.echo(_("warning: {message}").format(message=warning), err=True)
        return True

    def without_review(self, plans: list[FilePlan]) -> Accepted:
        """Only reviewed English is written: without a review file, the proposals that need no review."""
        from english_guard.fixes.translate.workflow import confident_proposals

        chosen = confident_proposals(plans, self.config)
        for plan in plans:
            picked = chosen.get(id(plan), {})
            for index, unit in enumerate(plan.units):
                if unit.proposal is not None and unit.proposal != unit.text and index not in picked:
                    click.echo(f"{plan.path}:{unit.line}: {unit.problem}", err=True)
                    self.left_for_humans += 1
        return chosen

    def write_po(self, path: Path, plans: list[FilePlan]) -> None:
        from english_guard.fixes.translate.review import ReviewError, write_review

        units = [unit for plan in plans for unit in plan.units]
        try:
            count = write_review(units, path)
        except ReviewError as exc:
            self.error(str(exc))
            return
        self._report_missing(units)
        proposed = sum(1 for u in units if u.proposal is not None)
        click.echo(
            _("{path}: {count} entries ({proposed} with a proposal to review)").format(
                path=path, count=count, proposed=proposed
            ),
            err=True,
        )

    def decisions_from_po(self, path: Path, plans: list[FilePlan]) -> Accepted:
        from english_guard.fixes.translate.review import ReviewError, accepted_from_review, read_review

        try:
            decisions = read_review(path)
        except ReviewError as exc:
            self.error(str(exc))
            sys.exit(2)
        matched = accepted_from_review(decisions, plans)
        if matched.elsewhere:
            files = matched.elsewhere
            click.echo(
                _("{path}: accepted entries for files not translated in this run: {files}").format(
                    path=path, files=", ".join(files[:5]) + (" ..." if len(files) > 5 else "")
                ),
                err=True,
            )
        for file, line in matched.gone:
            click.echo(
                _("{file}:{line}: not applied: the original text is no longer there").format(file=file, line=line),
                err=True,
            )
            self.left_for_humans += 1
        return matched.accepted

    # applying ------------------------------------------------------------------------------------
    def apply(
        self,
        plans: list[FilePlan],
        accepted: Accepted,
        *,
        show_diff: bool,
        write: bool,
        listing: bool,
        verify: VerifyOptions | None = None,
    ) -> None:
        from english_guard.fixes.translate.workflow import rewrite_plans

        if listing:
            _list_accepted(plans, accepted)
        rewrite = rewrite_plans(plans, accepted)
        for error in rewrite.errors:
            self.error(error)
        for item in rewrite.files:
            for _unit, reason in item.refused:
                click.echo(reason, err=True)
                self.left_for_humans += 1
        changed = rewrite.changed
        if show_diff:
            _print_diff(changed)
        if write:
            if changed and not self._write(rewrite, verify):
                changed = []  # nothing was written: only files actually written are counted as translated
        else:
            self.pending_changes += sum(len(item.applied) for item in changed)
        if write or not listing or not self.pending_changes:  # a plain listing already names them
            self._report_missing([u for plan in plans for u in plan.units])
        verb = _("translated") if write else _("would translate")
        click.echo(
            _("{verb} {units} comments, docstrings and strings in {files} files").format(
                verb=verb, units=sum(len(item.applied) for item in changed), files=len(changed)
            ),
            err=True,
        )

    def _write(self, rewrite: Rewrite, verify: VerifyOptions | None) -> bool:
        """Through the one runner of every fix: verified on a copy, then all files or none."""
        from english_guard.fixes.runner import WriteRefused, apply_changes
        from english_guard.fixes.translate.workflow import STATE
        from english_guard.safe_write import UnsafeWriteError

        root = Path(self.config.root)
        try:
            written = apply_changes(root, rewrite.changes(root), state=STATE, verify=verify)
        except (WriteRefused, UnsafeWriteError) as exc:
            self.error(_("error: {reason}").format(reason=exc))
            return False
        for path in written.recovered:
            click.echo(_("finished the interrupted translation of {path}").format(path=path), err=True)
        if written.blocked:
            for problem in written.problems:
                self.error(_("error: {message}").format(message=problem))
            click.echo(_("Nothing was written: the translated copy failed the verification (errors above)."), err=True)
            return False
        return True

    def _report_missing(self, units: list[Unit]) -> None:
        from english_guard.translation.languages import describe

        missing = [u for u in units if u.proposal is None and u.problem]
        by_help: dict[str, list[Unit]] = defaultdict(list)
        for unit in missing:
            click.echo(
                _("{path}:{line}: {kind} in {language} left as it is").format(
                    path=unit.path, line=unit.line, kind=unit.role or unit.kind, language=describe(unit.language)
                ),
                err=True,
            )
            by_help[unit.problem].append(unit)
        for problem, group in by_help.items():
            click.echo(f"{problem} ({len(group)})", err=True)
        self.left_for_humans += len(missing)

    def exit_code(self, write: bool) -> int:
        if self.errors:
            return 2
        if self.left_for_humans or (self.pending_changes and not write):
            return 1
        return 0


def _list_accepted(plans: list[FilePlan], accepted: Accepted) -> None:
    """One line per unit that would change: where, what, and the first line of its English."""
    for plan in plans:
        chosen = accepted.get(id(plan), {})
        for index, unit in enumerate(plan.units):
            if index in chosen and chosen[index] != unit.text:
                first = chosen[index].split("\n")[0]
                click.echo(f"{plan.path}:{unit.line}: {unit.role or unit.kind} ({unit.language}) -> {first}")


def _print_diff(changed: list[Rewritten]) -> None:
    from english_guard.safe_write import unified_diff

    for item in changed:
        encoding = item.plan.module.encoding
        source = item.plan.source
        old = source if isinstance(source, str) else source.decode(encoding)
        new = item.new.decode(encoding)
        click.echo(unified_diff(item.plan.path, old, new), nl=False)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on a terminal; one plain line when the output is a file or a pipe."""
    stream = sys.stderr
    if not stream.isatty():
        click.echo(_("translating {count} sentences").format(count=total), err=True)
        yield lambda _n: None
        return
    with click.progressbar(length=total, label=_("Translating"), file=stream) as bar:
        yield bar.update
