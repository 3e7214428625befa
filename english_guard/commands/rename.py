"""`english-guard rename PATHS (--plan FILE | --apply FILE) [--diff]`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from english_guard.commands.options import test_command_options
from english_guard.deep import deep_stack
from english_guard.ui_text import _, ngettext

if TYPE_CHECKING:
    from english_guard.fixes.verify import VerifyOptions


def _config(config_path: str | None, paths: tuple[str, ...]):
    from english_guard.config import ConfigError, load_config

    try:
        return load_config(config_path, start=paths[0] if paths else ".")
    except ConfigError as exc:
        click.echo(_("error: {message}").format(message=exc), err=True)
        sys.exit(2)


@click.command("rename")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--plan", "plan_file", type=click.Path(dir_okay=False), help=_("Write the reviewable rename plan (TOML) to FILE.")
)
@click.option("--apply", "apply_file", type=click.Path(dir_okay=False), help=_("Apply the reviewed plan in FILE."))
@click.option("--diff", is_flag=True, help=_("With --apply: print the changes as a unified diff, write nothing."))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help=_("Read settings from FILE."))
@test_command_options(
    _(
        "With --apply: shell command that runs the project's tests on a copy before and after the "
        "renames; a test that passed before and fails after stops the write. `none`: no tests."
    )
)
@deep_stack
def rename(
    paths: tuple[str, ...],
    plan_file: str | None,
    apply_file: str | None,
    diff: bool,
    config_path: str | None,
    test_command: str,
    test_timeout: float,
) -> None:
    """Plan and apply English names for non-English identifiers, across the whole repository."""
    if (plan_file is None) == (apply_file is None):
        raise click.UsageError(_("give exactly one of --plan FILE or --apply FILE"))
    if diff and plan_file:
        raise click.UsageError(_("--diff previews an --apply; it does nothing with --plan"))
    if apply_file is None:
        assert plan_file is not None  # exactly one of them, checked above
        paths = paths or (".",)
        sys.exit(_plan(list(paths), plan_file, _config(config_path, paths)))
    from english_guard.fixes.verify import VerifyOptions

    sys.exit(
        _apply(
            list(paths),
            apply_file,
            config_path,
            diff,
            VerifyOptions(test_command=test_command, test_timeout=test_timeout, fix_gitignore=False),
        )
    )


def _plan(paths: list[str], plan_file: str, config) -> int:
    from english_guard.fixes.rename import dump_plan, plan_paths
    from english_guard.fixes.rename.files import SourceError
    from english_guard.safe_write import atomic_write_bytes

    try:
        entries, errors = plan_paths(paths, config)
    except SourceError as exc:
        click.echo(_("error: {message}").format(message=exc), err=True)
        return 2
    for error in errors:
        click.echo(_("error: {message}").format(message=error), err=True)
    try:
        atomic_write_bytes(plan_file, dump_plan(entries, Path(plan_file).name, paths).encode("utf-8"))
    except OSError as exc:
        click.echo(
            _("error: {path}: cannot write the plan: {reason}").format(path=plan_file, reason=exc.strerror or exc),
            err=True,
        )
        return 2
    proposed = sum(1 for e in entries if e.new_name and e.action == "rename")
    open_entries = sum(1 for e in entries if not e.new_name and e.action == "rename")
    modules = sum(1 for e in entries if e.action == "skip" and e.kind == "module")
    skipped = sum(1 for e in entries if e.action == "skip" and e.kind != "module")
    click.echo(
        ngettext("Wrote {path}: {count} symbol", "Wrote {path}: {count} symbols", len(entries)).format(
            path=plan_file, count=len(entries)
        )
    )
    click.echo(
        _(
            "  {proposed} with a proposed English name, {open} waiting for a name from you, "
            "{skipped} not the project's to rename, {modules} module file renames you can opt in to"
        ).format(proposed=proposed, open=open_entries, skipped=skipped, modules=modules)
    )
    click.echo(
        _("Review it, then run: english-guard rename {paths} --apply {plan}").format(
            paths=" ".join(paths), plan=plan_file
        )
    )
    return 2 if errors else 0


def _apply(paths: list[str], plan_file: str, config_path: str | None, diff: bool, verify: VerifyOptions) -> int:
    from english_guard.fixes.rename import PlanError, apply_plan, load_plan
    from english_guard.fixes.rename.files import SourceError
    from english_guard.fixes.rename.planfile import plan_paths_of
    from english_guard.own_files import OwnFileError, check_nesting, read_own_file
    from english_guard.safe_write import UnsafeWriteError

    try:
        text = read_own_file(plan_file, "plan").decode("utf-8")
        check_nesting(text, plan_file, "plan")
    except OwnFileError as exc:
        click.echo(_("error: {message}").format(message=exc), err=True)
        return 2
    except UnicodeDecodeError as exc:
        click.echo(_("error: {path}: cannot read the plan: {reason}").format(path=plan_file, reason=exc), err=True)
        return 2
    planned_paths = plan_paths_of(text)
    if not paths:
        paths = planned_paths or ["."]
    elif planned_paths and sorted(paths) != sorted(planned_paths):
        click.echo(
            _(
                "warning: the plan was made for {planned}; references in files outside {paths} will not be updated"
            ).format(planned=" ".join(planned_paths), paths=" ".join(paths)),
            err=True,
        )
    config = _config(config_path, tuple(paths))
    try:
        entries = load_plan(text, plan_file)
    except PlanError as exc:
        click.echo(_("error: {message}").format(message=exc), err=True)
        click.echo(_("Nothing was changed."), err=True)
        return 2
    try:
        report = apply_plan(paths, entries, config, diff=diff, verify=verify)
    except (SourceError, UnsafeWriteError) as exc:
        click.echo(_("error: {message}").format(message=exc), err=True)
        click.echo(_("Nothing was changed."), err=True)
        return 2
    for path in report.recovered:
        click.echo(_("finished the interrupted rename of {path}").format(path=path), err=True)
    if report.errors:
        for error in report.errors:
            click.echo(_("error: {message}").format(message=error), err=True)
        return 2
    if report.verification:
        for problem in report.verification:
            click.echo(_("error: {message}").format(message=problem), err=True)
        click.echo(_("Nothing was written: the renamed copy failed the verification (errors above)."), err=True)
        return 2
    if report.refused:
        for refusal in report.refused:
            label = refusal.qualified_name or _("(plan)")
            click.echo(_("refused: {name}: {message}").format(name=label, message=refusal.message), err=True)
        click.echo(
            ngettext(
                "{count} entry refused; nothing was changed.",
                "{count} entries refused; nothing was changed.",
                len(report.refused),
            ).format(count=len(report.refused)),
            err=True,
        )
        return 1
    for patch in report.diffs:
        click.echo(patch, nl=False)
    _print_report(report, diff)
    return 0


def _print_report(report, diff: bool) -> None:
    for entry, count in report.renamed:
        click.echo(
            _("renamed {name} -> {new} ({qualified}): {count} references").format(
                name=entry.name, new=entry.new_name, qualified=entry.qualified_name, count=count
            )
        )
    for name, reason in report.skipped:
        click.echo(_("skipped {name}: {reason}").format(name=name, reason=reason))
    for line in report.unprovable:
        click.echo(_("check by hand: {line}").format(line=line))
    verb = _("would change") if diff else _("changed")
    click.echo(
        _(
            "{symbols} symbols renamed, {references} references updated, {files} files {verb}, "
            "{skipped} entries skipped, {unprovable} string references to check by hand."
        ).format(
            symbols=len(report.renamed),
            references=report.references,
            files=len(report.files_changed),
            verb=verb,
            skipped=len(report.skipped),
            unprovable=len(report.unprovable),
        )
    )
