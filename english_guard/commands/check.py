"""`english-guard check` and `english-guard baseline`."""
from __future__ import annotations

import sys

import click

from english_guard.config import ConfigError, expand_codes, load_config
from english_guard.reporting import FORMATS
from english_guard.texts import _

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part for part in value.replace(" ", ",").split(",") if part]


def _load(config_file: str | None, paths: tuple[str, ...], select: str | None, ignore: str | None):
    start = paths[0] if paths else "."
    config = load_config(config_file, start=start)
    if select is not None:
        config.select = expand_codes(_codes(select))
    if ignore is not None:
        config.ignore = [*config.ignore, *expand_codes(_codes(ignore))]
    return config


def _fail(message: str) -> None:
    click.echo(_("english-guard: error: {message}").format(message=message), err=True)
    sys.exit(EXIT_ERROR)


common_options = [
    click.argument("paths", nargs=-1, type=click.Path()),
    click.option("--select", metavar="CODES", help=_("Only these rule codes or prefixes (comma-separated).")),
    click.option("--ignore", metavar="CODES", help=_("Skip these rule codes or prefixes (comma-separated).")),
    click.option("--jobs", "-j", type=click.IntRange(min=1), help=_("Parallel processes (default: the machine's cores).")),
    click.option("--no-cache", is_flag=True, help=_("Do not read or write the result cache.")),
    click.option("--config", "config_file", type=click.Path(dir_okay=False), help=_("Read settings from this TOML file.")),
    click.option("--force-exclude", is_flag=True,
                 help=_("Apply the configured excludes to files named on the command line too (for pre-commit).")),
]


def with_common_options(function):
    for option in reversed(common_options):
        function = option(function)
    return function


def _run(paths, select, ignore, jobs, no_cache, config_file, force_exclude):
    from english_guard.engine import run_check

    try:
        config = _load(config_file, paths, select, ignore)
    except ConfigError as exc:
        _fail(str(exc))
    return run_check(paths or (".",), config, jobs=jobs, use_cache=not no_cache, force_exclude=force_exclude)


@click.command("check")
@with_common_options
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help=_("Output format."))
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help=_("Report only findings that are not in this baseline file."))
@click.option("--show-stale", is_flag=True, help=_("With --baseline: list baseline entries that match nothing any more."))
@click.option("--since", "since_ref", metavar="GIT_REF", help=_("Report only findings on lines changed since this git ref."))
@click.option("--show-unused-ignores", is_flag=True,
              help=_("Also report english-guard suppression comments that suppress nothing (EG100)."))
@click.option("--exit-zero", is_flag=True, help=_("Exit with 0 even when there are findings."))
@click.option("--output", "-o", "output_file", type=click.Path(dir_okay=False), help=_("Write the report to this file."))
def check(paths, select, ignore, jobs, no_cache, config_file, force_exclude, output_format, baseline_file, show_stale,
          since_ref, show_unused_ignores, exit_zero, output_file):
    """Report non-English identifiers, comments, docstrings, user-facing strings and prose."""
    from english_guard.reporting import render

    # A bad baseline or git ref fails before the check runs, not after.
    entries = changes = None
    if baseline_file:
        from english_guard.baseline import BaselineError, apply_baseline, load_baseline

        try:
            entries = load_baseline(baseline_file)
        except BaselineError as exc:
            _fail(str(exc))
    if since_ref:
        from english_guard.gitdiff import GitError, changed_lines, keep_changed

        try:
            changes = changed_lines(since_ref)
        except GitError as exc:
            _fail(_("--since {ref}: {message}").format(ref=since_ref, message=exc))
    run = _run(paths, select, ignore, jobs, no_cache, config_file, force_exclude)
    for result in run.results:
        if show_unused_ignores:
            result.findings = sorted([*result.findings, *result.unused_directives], key=lambda f: (f.line, f.column))
    notes: list[str] = []
    if entries is not None:
        # Matched against every finding, before --since narrows them: an entry on an unchanged line is not stale.
        match = apply_baseline(run.findings, entries, {r.path for r in run.results}, baseline_file)
        keep = {id(f) for f in match.new}
        for result in run.results:
            result.findings = [f for f in result.findings if id(f) in keep]
        if show_stale:
            for entry in match.stale:
                notes.append(_("{path}: stale baseline entry {code} (no longer found): \"{text}\"").format(
                    path=entry.get("path"), code=entry.get("code"), text=entry.get("text")))
    if changes is not None:
        for result in run.results:
            result.findings = keep_changed(result.findings, changes)
    color = output_format == "text" and output_file is None and sys.stdout.isatty()
    report = render(output_format, run, color=color)
    if output_file:
        with open(output_file, "w", encoding="utf-8") as handle:
            handle.write(report)
    else:
        click.echo(report, nl=False)
    for note in notes:
        click.echo(note, err=True)
    if run.errors:
        sys.exit(EXIT_ERROR)
    if run.findings and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


@click.command("baseline")
@with_common_options
@click.option("--output", "-o", "output_file", default=".english-guard-baseline.json", show_default=True,
              type=click.Path(dir_okay=False), help=_("Where to write the baseline."))
def baseline(paths, select, ignore, jobs, no_cache, config_file, force_exclude, output_file):
    """Record today's findings so that `check --baseline FILE` reports only new ones."""
    from english_guard.baseline import write_baseline

    run = _run(paths, select, ignore, jobs, no_cache, config_file, force_exclude)
    count = write_baseline(output_file, run.findings)
    click.echo(_("Wrote {count} findings to {path}.").format(count=count, path=output_file))
    for error in run.errors:
        click.echo(f"{error.path}: EG900 {error.message}", err=True)
    sys.exit(EXIT_ERROR if run.errors else EXIT_CLEAN)
