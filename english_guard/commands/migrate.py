"""`english-guard migrate` (also `python translate_comments.py`): the whole one-off migration."""

from __future__ import annotations

import sys

import click

from english_guard.commands.options import engine_option, test_command_options
from english_guard.deep import deep_stack
from english_guard.ui_text import _, ngettext

HELP = _(
    "Run the migration: check, translate comments and docstrings, rename identifiers, extract user-facing "
    "strings, check again.\n\nWithout --write it writes only the review files and the report into "
    ".english-guard/migration/. With --write it applies what the review files say, as one change of the "
    "working tree."
)


@click.command("migrate", help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", required=False, default=".", type=click.Path())
@click.option("--write", is_flag=True, help=_("Apply what the review files say (otherwise only report)."))
@engine_option(_("Translation engine for comments, docstrings and messages."))
@click.option("--source-lang", help=_("Language the user-facing strings are written in today, e.g. uz."))
@click.option("--allow-dirty", is_flag=True, help=_("Write even when the git working tree has uncommitted changes."))
@click.option(
    "--runtime-module",
    type=click.Path(dir_okay=False),
    help=_("Where to generate the gettext helper module when no gettext import is configured."),
)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help=_("Configuration file."))
@click.option("--no-memory", is_flag=True, help=_("Do not read or update the translation memory."))
@test_command_options(
    _(
        "Shell command that runs the project's tests before and after the change on the staged copy "
        "(with --write); `auto`: its pytest or unittest when it has tests; `none`: do not run tests."
    )
)
@deep_stack
def migrate(
    path, write, engine, source_lang, allow_dirty, runtime_module, config_file, no_memory, test_command, test_timeout
) -> None:
    """The whole migration; the help text is HELP, so that it is translated."""
    from english_guard.migrate import MigrationError, MigrationOptions, Progress, run_migration

    options = MigrationOptions(
        path=path,
        write=write,
        engine=engine,
        source_lang=source_lang,
        allow_dirty=allow_dirty,
        runtime_module=runtime_module,
        config_file=config_file,
        use_memory=not no_memory,
        test_command=test_command,
        test_timeout=test_timeout,
    )
    try:
        result = run_migration(options, Progress())
    except MigrationError as exc:
        click.echo(_("error: {message}").format(message=exc), err=True)
        click.echo(_("Nothing was changed."), err=True)
        sys.exit(2)
    if result.recovered:
        click.echo(
            ngettext(
                "Finished an interrupted migration: {count} file written.",
                "Finished an interrupted migration: {count} files written.",
                len(result.recovered),
            ).format(count=len(result.recovered))
        )
        click.echo(_("Review the changes with `git diff`, commit them, then run the migration again."))
        sys.exit(0)
    for error in result.errors:
        click.echo(_("error: {message}").format(message=error), err=True)
    _summary(result, write)
    if result.blocked:
        click.echo(_("Nothing was written: the staged result failed the verification (errors above)."), err=True)
    sys.exit(result.exit_code)


def _summary(result, write: bool) -> None:
    report = result.report
    click.echo(
        _(
            "{translated} comments and docstrings translated, {renamed} identifiers renamed, "
            "{extracted} messages extracted"
        ).format(translated=len(report.translated), renamed=len(report.renamed), extracted=len(report.extracted))
    )
    if write and not result.blocked:
        click.echo(
            ngettext("{count} file changed.", "{count} files changed.", len(result.changed)).format(
                count=len(result.changed)
            )
        )
    else:
        click.echo(
            ngettext(
                "{count} file would change (nothing was written).",
                "{count} files would change (nothing was written).",
                len(result.changed),
            ).format(count=len(result.changed))
        )
    click.echo(
        ngettext("{count} item for manual review.", "{count} items for manual review.", len(report.items)).format(
            count=len(report.items)
        )
    )
    click.echo(_("Report: {path}").format(path=_shown(result.report_path)))
    for name in report.review_files:
        click.echo(_("Review file: {path}").format(path=_shown(result.root / name)))
    if not write:
        click.echo(_("Review and edit those files, then run again with --write."))


def _shown(path) -> str:
    from pathlib import Path

    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
