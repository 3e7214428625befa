"""`english-guard check-message`: commit messages and pull/merge-request text (EG601)."""

from __future__ import annotations

import os
import sys

import click

from english_guard.commands.check import EXIT_CLEAN, EXIT_FINDINGS, _codes, _fail, use_color
from english_guard.commands.options import report_output_options
from english_guard.config import ConfigError, expand_codes, load_config
from english_guard.reporting import FORMATS
from english_guard.ui_text import _


@click.command("check-message")
@click.argument("message_file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--range",
    "revision_range",
    metavar="RANGE",
    help=_("Check every commit message of a git revision range (origin/main..HEAD)."),
)
@click.option(
    "--github-event",
    "github_event",
    type=click.Path(dir_okay=False),
    metavar="PATH",
    help=_("Check the pull request title and description in a GitHub event file ($GITHUB_EVENT_PATH)."),
)
@click.option(
    "--gitlab-mr",
    is_flag=True,
    help=_("Check the merge request title and description (CI_MERGE_REQUEST_TITLE/_DESCRIPTION)."),
)
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True, help=_("Output format.")
)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help=_("Read settings from this TOML file."))
@click.option("--select", metavar="CODES", help=_("Only these rule codes or prefixes (comma-separated)."))
@click.option("--ignore", metavar="CODES", help=_("Skip these rule codes or prefixes (comma-separated)."))
@report_output_options
@click.option("--quiet", "-q", is_flag=True, help=_("Print the findings only: no summary line."))
def check_message(
    message_file,
    revision_range,
    github_event,
    gitlab_mr,
    output_format,
    config_file,
    select,
    ignore,
    exit_zero,
    output_file,
    color_choice,
    quiet,
):
    """Report non-English commit messages and pull-request titles and descriptions (EG601).

    MESSAGE_FILE is a commit message in COMMIT_EDITMSG format (`-` reads standard input), as the
    commit-msg hook passes it. Any of --range, --github-event and --gitlab-mr may be combined.
    """
    from english_guard.checker import RunResult
    from english_guard.message_sources import (
        MessageSourceError,
        read_github_event,
        read_gitlab_merge_request,
        read_message_file,
        read_range,
    )
    from english_guard.messages import CODE, judge_messages
    from english_guard.project_names import project_names
    from english_guard.records import FileResult
    from english_guard.reporting import render

    if not (message_file or revision_range or github_event or gitlab_mr):
        _fail(_("give a message file (or - for standard input), --range, --github-event or --gitlab-mr"))
    try:
        config = load_config(config_file, start=".")
        if select is not None:
            config.select = expand_codes(_codes(select))
        if ignore is not None:
            config.ignore = [*config.ignore, *expand_codes(_codes(ignore))]
        allowed = config.all_allowed_words()
    except ConfigError as exc:
        _fail(str(exc))
    try:
        messages = []
        if message_file:
            stdin = sys.stdin.buffer.read() if message_file == "-" else None
            messages.append(read_message_file(message_file, stdin))
        if revision_range:
            messages.extend(read_range(revision_range))
        if github_event:
            messages.append(read_github_event(github_event))
        if gitlab_mr:
            messages.append(read_gitlab_merge_request())
    except MessageSourceError as exc:
        _fail(str(exc))
    if CODE in config.codes_enabled():
        names = project_names(os.path.join(config.root, "pyproject.toml"))
        results = judge_messages(messages, allowed, config.min_confidence, names)
    else:
        results = [FileResult(message.path) for message in messages]
    run = RunResult(results, files=len(messages))
    color = output_format == "text" and (
        color_choice == "always" if output_file else use_color(color_choice, sys.stdout)
    )
    report = render(output_format, run, color=color, quiet=quiet)
    if output_file:
        with open(output_file, "w", encoding="utf-8") as handle:
            handle.write(report)
    else:
        click.echo(report, nl=False, color=color)
    if run.findings and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)
