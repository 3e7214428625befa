"""`english-guard translate`: offline translation of non-English comments, docstrings and EG402 strings."""

from __future__ import annotations

import sys
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

import click

from english_guard.deep import deep_stack
from english_guard.ui_text import _


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--engine",
    type=click.Choice(["auto", "argos", "multilingual", "glossary"]),
    default="auto",
    show_default=True,
    help=_("Which engine translates: installed models (auto) or the word glossary."),
)
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
@deep_stack
def translate(paths, engine, to_po, from_po, show_diff, write, config_file, no_memory) -> None:
    """Translate non-English comments, docstrings and log, exception and developer-text strings into
    English, offline.

    Without --diff, --write or --to-po it lists what it would translate.
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
        accepted = run.propose(plans)
        if accepted is None:
            sys.exit(2)
        if to_po:
            run.write_po(Path(to_po), plans)
            sys.exit(2 if run.errors else 0)
    run.apply(plans, accepted, show_diff=show_diff, write=write, listing=not (show_diff or write))
    sys.exit(run.exit_code(write))


class _Run:
    def __init__(self, config, engine: str, no_memory: bool) -> None:
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
    def read_files(self, paths: list[str], judged: bool):
        from english_guard.translation.workflow import read_plans

        plans, errors, notes = read_plans(paths, self.config, judged)
        for message in errors:
            self.error(message)
        for message in notes:
            click.echo(message, err=True)
        return plans

    def propose(self, plans) -> dict | None:
        from english_guard.translation.engine_protocol import EngineError
        from english_guard.translation.workflow import propose_plans

        try:
            warnings = propose_plans(plans, self.config, self.engine, not self.no_memory, _progress)
        except EngineError as exc:
            self.error(_("error: {message}").format(message=exc))
            return None
        for warning in warnings:
            click.echo(_("warning: {message}").format(message=warning), err=True)
        return {id(plan): {i: u.proposal for i, u in enumerate(plan.units) if u.proposal is not None} for plan in plans}

    def write_po(self, path: Path, plans) -> None:
        from english_guard.translation.review import ReviewError, write_review

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

    def decisions_from_po(self, path: Path, plans) -> dict:
        from english_guard.translation.review import ReviewError, read_review

        try:
            decisions = read_review(path)
        except ReviewError as exc:
            self.error(str(exc))
            sys.exit(2)
        by_text: dict[tuple[str, str], list[tuple[object, int]]] = defaultdict(list)
        for plan in plans:
            for index, unit in enumerate(plan.units):
                by_text[(Path(plan.path).as_posix(), unit.text)].append((plan, index))
        accepted: dict[int, dict[int, str]] = defaultdict(dict)
        processed = {Path(plan.path).as_posix() for plan in plans}
        elsewhere = sorted({Path(f).as_posix() for d in decisions for f, _line in d.locations} - processed)
        if elsewhere:
            click.echo(
                _("{path}: accepted entries for files not translated in this run: {files}").format(
                    path=path, files=", ".join(elsewhere[:5]) + (" ..." if len(elsewhere) > 5 else "")
                ),
                err=True,
            )
        for decision in decisions:
            for file, line in decision.locations:
                candidates = by_text.get((Path(file).as_posix(), decision.original), [])
                if not candidates:
                    if any(Path(p.path).as_posix() == Path(file).as_posix() for p in plans):
                        click.echo(
                            _("{file}:{line}: not applied: the original text is no longer there").format(
                                file=file, line=line
                            ),
                            err=True,
                        )
                        self.left_for_humans += 1
                    continue
                same_line = [c for c in candidates if c[0].units[c[1]].line == line]
                for plan, index in same_line or candidates:
                    accepted[id(plan)][index] = decision.translation
        return accepted

    # applying ------------------------------------------------------------------------------------
    def apply(self, plans, accepted: dict, *, show_diff: bool, write: bool, listing: bool) -> None:
        from english_guard.fixes.safe_write import UnsafeWriteError, unified_diff, write_python_source
        from english_guard.fixes.translate import TranslateError, apply

        changed_files = 0
        changed_units = 0
        for plan in plans:
            chosen = accepted.get(id(plan), {})
            if listing:
                for index, unit in enumerate(plan.units):
                    if index in chosen and chosen[index] != unit.text:
                        first = chosen[index].split("\n")[0]
                        click.echo(f"{plan.path}:{unit.line}: {unit.role or unit.kind} ({unit.language}) -> {first}")
            try:
                new, applied, refused = apply(plan, chosen)
            except TranslateError as exc:
                self.error(str(exc))
                continue
            for _unit, reason in refused:
                click.echo(reason, err=True)
                self.left_for_humans += 1
            if new == plan.source:
                continue
            if show_diff:
                encoding = plan.module.encoding
                click.echo(unified_diff(plan.path, plan.source.decode(encoding), new.decode(encoding)), nl=False)
            if write:
                try:
                    write_python_source(plan.path, new)
                except (UnsafeWriteError, OSError) as exc:
                    self.error(
                        _("error: {path}: not written: {reason}").format(
                            path=plan.path, reason=getattr(exc, "strerror", None) or exc
                        )
                    )
                    continue  # only files actually written are counted as translated
            else:
                self.pending_changes += len(applied)
            changed_files += 1
            changed_units += len(applied)
        if not self.pending_changes or write:
            self._report_missing([u for plan in plans for u in plan.units])
        elif not listing:
            self._report_missing([u for plan in plans for u in plan.units])
        verb = _("translated") if write else _("would translate")
        click.echo(
            _("{verb} {units} comments, docstrings and strings in {files} files").format(
                verb=verb, units=changed_units, files=changed_files
            ),
            err=True,
        )

    def _report_missing(self, units) -> None:
        from english_guard.translation.languages import describe

        missing = [u for u in units if u.proposal is None and u.problem]
        by_help: dict[str, list] = defaultdict(list)
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


@contextmanager
def _progress(total: int):
    """A progress bar on a terminal; one plain line when the output is a file or a pipe."""
    stream = sys.stderr
    if not stream.isatty():
        click.echo(_("translating {count} sentences").format(count=total), err=True)
        yield lambda _n: None
        return
    with click.progressbar(length=total, label=_("Translating"), file=stream) as bar:
        yield bar.update
