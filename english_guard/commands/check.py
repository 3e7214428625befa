"""`english-guard check` and `english-guard baseline`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from english_guard.commands.options import report_output_options
from english_guard.config import ConfigError, expand_codes, load_config
from english_guard.reporting import FORMATS
from english_guard.rules import UNUSED_SUPPRESSION
from english_guard.ui_text import _

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str) -> list[str]:
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
    click.option(
        "--jobs", "-j", type=click.IntRange(min=1), help=_("Parallel processes (default: the machine's cores).")
    ),
    click.option("--no-cache", is_flag=True, help=_("Do not read or write the result cache.")),
    click.option(
        "--config", "config_file", type=click.Path(dir_okay=False), help=_("Read settings from this TOML file.")
    ),
    click.option(
        "--force-exclude",
        is_flag=True,
        help=_("Apply the configured excludes to files named on the command line too (for pre-commit)."),
    ),
]


def with_common_options(function):
    for option in reversed(common_options):
        function = option(function)
    return function


def _run(paths, select, ignore, jobs, no_cache, config_file, force_exclude, progress=None):
    from english_guard.checker import run_check

    try:
        config = _load(config_file, paths, select, ignore)
    except ConfigError as exc:
        _fail(str(exc))
    return config, run_check(
        paths or (".",), config, jobs=jobs, use_cache=not no_cache, force_exclude=force_exclude, progress=progress
    )


def use_color(choice: str, stream, environ=None) -> bool:
    """`--color auto` follows NO_COLOR (https://no-color.org) and FORCE_COLOR, then whether the stream is a
    terminal; `always` and `never` win over both variables."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return _is_terminal(stream)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """`Checking 120/4031 files` on a terminal's stderr, redrawn in place, for runs longer than a moment.

    Nothing at all is written when the stream is not a terminal (CI logs, pipes, editors)."""

    DELAY = 0.5  # seconds before the first line: short runs never flash it
    INTERVAL = 0.1

    def __init__(self, stream, clock=None) -> None:
        import time

        self.stream = stream
        self.clock = clock or time.monotonic
        self.started = self.clock()
        self.shown_at: float | None = None
        self.enabled = _is_terminal(stream)

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or done >= total:
            return
        now = self.clock()
        if now - self.started < self.DELAY or (self.shown_at is not None and now - self.shown_at < self.INTERVAL):
            return
        self.shown_at = now
        message = _("Checking {done}/{total} files").format(done=done, total=total)
        self.stream.write("\r" + message + "\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        if self.shown_at is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown_at = None


def _run_stdin(stdin_filename, select, ignore, config_file, force_exclude):
    """`check -`: the text on stdin, checked as if it were the file `--stdin-filename` (Python if none)."""
    from english_guard.checker import RunResult, check_source
    from english_guard.records import FileResult
    from english_guard.sources.registry import reader_name_for
    from english_guard.walk import Excluder

    shown = stdin_filename or "-"
    start = os.path.dirname(os.path.abspath(stdin_filename)) if stdin_filename else "."
    try:
        config = _load(config_file, (start,) if os.path.isdir(start) else (), select, ignore)
    except ConfigError as exc:
        _fail(str(exc))
    data = sys.stdin.buffer.read()
    run = RunResult()
    if stdin_filename and force_exclude and Excluder(config).excluded(Path(stdin_filename).absolute()):
        return config, run, {}
    reader = reader_name_for(stdin_filename, config.file_types) if stdin_filename else "python"
    if reader is None:
        return config, run, {}
    result: FileResult = check_source(shown, data, config, reader)
    run.results.append(result)
    run.files = 1
    return config, run, {shown: data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")}


@click.command("check")
@with_common_options
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True, help=_("Output format.")
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help=_("Report only findings that are not in this baseline file."),
)
@click.option(
    "--show-stale", is_flag=True, help=_("With --baseline: list baseline entries that match nothing any more.")
)
@click.option(
    "--since", "since_ref", metavar="GIT_REF", help=_("Report only findings on lines changed since this git ref.")
)
@click.option(
    "--show-unused-ignores",
    is_flag=True,
    help=_("Also report english-guard suppression comments that suppress nothing (EG100)."),
)
@report_output_options
@click.option("--quiet", "-q", is_flag=True, help=_("Print the findings only: no summary line, no progress."))
@click.option(
    "--statistics", is_flag=True, help=_("Print how many findings each rule and language has, not the findings.")
)
@click.option("--show-source", is_flag=True, help=_("Print the source line under each finding."))
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help=_("With `-` as the path: the file name the text on stdin is checked as (its type and settings)."),
)
def check(
    paths,
    select,
    ignore,
    jobs,
    no_cache,
    config_file,
    force_exclude,
    output_format,
    baseline_file,
    show_stale,
    since_ref,
    show_unused_ignores,
    exit_zero,
    output_file,
    color_choice,
    quiet,
    statistics,
    show_source,
    stdin_filename,
):
    """Report non-English identifiers, comments, docstrings, user-facing strings and prose."""
    from english_guard.reporting import render

    from_stdin = "-" in paths
    if from_stdin and len(paths) > 1:
        _fail(_("`-` (stdin) cannot be combined with other paths"))
    if stdin_filename and not from_stdin:
        _fail(_("--stdin-filename needs `-` as the path"))
    if statistics and output_format not in ("text", "json"):
        _fail(_("--statistics prints text or JSON (--format text or --format json)"))
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
    progress = None
    sources: dict[str, str] = {}
    if from_stdin:
        config, run, sources = _run_stdin(stdin_filename, select, ignore, config_file, force_exclude)
    else:
        progress = None if quiet else Progress(sys.stderr)
        config, run = _run(paths, select, ignore, jobs, no_cache, config_file, force_exclude, progress)
        if progress is not None:
            progress.clear()
    if show_unused_ignores or UNUSED_SUPPRESSION.code in config.codes_enabled():
        for result in run.results:
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
                notes.append(
                    _('{path}: stale baseline entry {code} (no longer found): "{text}"').format(
                        path=entry.get("path"), code=entry.get("code"), text=entry.get("text")
                    )
                )
    if changes is not None:
        for result in run.results:
            result.findings = keep_changed(result.findings, changes)
    # A report written to a file is coloured only on request.
    color = output_format == "text" and (
        color_choice == "always" if output_file else use_color(color_choice, sys.stdout)
    )
    if statistics:
        from english_guard.reporting.text_format import statistics as statistics_text
        from english_guard.reporting.text_format import statistics_payload

        if output_format == "json":
            from english_guard.reporting import indented_json

            report = indented_json.dumps(statistics_payload(run)) + "\n"
        else:
            report = statistics_text(run, color=color, quiet=quiet)
    else:
        report = render(output_format, run, color=color, quiet=quiet, show_source=show_source, sources=sources)
    if output_file:
        try:
            with open(output_file, "w", encoding="utf-8") as handle:
                handle.write(report)
        except OSError as exc:
            _fail(f"{output_file}: cannot write the report: {exc.strerror or exc}")
    else:
        click.echo(report, nl=False, color=color)
    for note in notes:
        click.echo(note, err=True)
    if run.errors:
        sys.exit(EXIT_ERROR)
    if run.findings and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


@click.command("baseline")
@with_common_options
@click.option(
    "--output",
    "-o",
    "output_file",
    default=".english-guard-baseline.json",
    show_default=True,
    type=click.Path(dir_okay=False),
    help=_("Where to write the baseline."),
)
def baseline(paths, select, ignore, jobs, no_cache, config_file, force_exclude, output_file):
    """Record today's findings so that `check --baseline FILE` reports only new ones."""
    from english_guard.baseline import write_baseline

    _config, run = _run(paths, select, ignore, jobs, no_cache, config_file, force_exclude)
    count = write_baseline(output_file, run.findings)
    click.echo(_("Wrote {count} findings to {path}.").format(count=count, path=output_file))
    for error in run.errors:
        click.echo(f"{error.path}: EG900 {error.message}", err=True)
    sys.exit(EXIT_ERROR if run.errors else EXIT_CLEAN)
