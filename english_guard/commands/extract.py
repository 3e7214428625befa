"""`english-guard extract`: move user-facing strings into Babel gettext catalogs (thin: options in, report out)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from english_guard.commands.options import engine_option, test_command_options
from english_guard.deep import deep_stack
from english_guard.ui_text import _


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _print_plan(plan, show_diff: bool) -> None:
    from english_guard.safe_write import unified_diff

    for planned in plan.changes():
        if show_diff and (planned.is_text or planned.path.suffix == ".py"):
            old = (planned.old or b"").decode("utf-8", errors="replace")
            click.echo(unified_diff(_shown(planned.path), old, planned.new.decode("utf-8", errors="replace")), nl=False)
        elif show_diff:
            click.echo(_("{path}: compiled catalog would be updated").format(path=_shown(planned.path)))
        else:
            verb = _("created") if planned.old is None else _("updated")
            click.echo(f"{_shown(planned.path)}: {verb}")
    if plan.review_removed is not None:
        click.echo(_("{path}: nothing left to review, removed").format(path=_shown(plan.review_removed)))


def _write(plan, settings, test_command: str, test_timeout: float) -> bool:
    """Through the one runner of every fix: verified on a copy (imports, names, tests, git), all files or none."""
    from english_guard.fixes.extract import STATE
    from english_guard.fixes.runner import apply_changes
    from english_guard.fixes.verify import VerifyOptions

    root = Path(settings.config.root)
    verify = VerifyOptions(test_command=test_command, test_timeout=test_timeout)
    written = apply_changes(root, plan.file_changes(root), state=STATE, verify=verify)
    for path in written.recovered:
        click.echo(_("finished the interrupted extraction of {path}").format(path=path), err=True)
    if written.blocked:
        for problem in written.problems:
            click.echo(_("error: {message}").format(message=problem), err=True)
        click.echo(_("Nothing was written: the extracted copy failed the verification (errors above)."), err=True)
        return False
    if any(c.path == ".gitignore" for c in written.changes):
        click.echo(_(".gitignore: generated files re-included so that they reach git"))
    return True


@click.command("extract")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--locales", "locales_dir", help=_("Locales folder (default: locales-dir from the configuration)."))
@click.option("--domain", help=_("Gettext domain, the catalogs' file name (default: messages)."))
@click.option("--source-lang", help=_("Language the strings are written in today, e.g. uz."))
@click.option(
    "--review-file",
    type=click.Path(dir_okay=False),
    help=_("PO file where a human writes the English (default: LOCALES/DOMAIN.review.po)."),
)
@click.option(
    "--from-po",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help=_("Another PO file with English for messages (msgid = original, msgstr = English)."),
)
@click.option(
    "--import",
    "import_statement",
    help=_("Import that binds the gettext function, e.g. 'from app.i18n import gettext as _'."),
)
@click.option(
    "--runtime-module",
    type=click.Path(dir_okay=False),
    help=_("Generate this runtime helper module (per-user locale, English fallback) if missing."),
)
@engine_option(_("Translation engine for English proposals; `none` sends everything to review."), ("none",))
@click.option(
    "--english/--no-english",
    "include_english",
    default=True,
    show_default=True,
    help=_("Also wrap user-facing strings that are already English."),
)
@click.option(
    "--include-tests",
    is_flag=True,
    help=_(
        "Also extract strings of test files (tests/, test_*.py, *_test.py, conftest.py); by default "
        "their texts are test data and stay as they are."
    ),
)
@click.option("--diff", "show_diff", is_flag=True, help=_("Show what would change; write nothing."))
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help=_("Configuration file."))
@test_command_options(
    _(
        "Shell command that runs the project's tests on a copy before and after the extraction; a "
        "test that passed before and fails after stops the write. `none`: no tests."
    )
)
@deep_stack
def extract(
    paths,
    locales_dir,
    domain,
    source_lang,
    review_file,
    from_po,
    import_statement,
    runtime_module,
    engine,
    include_english,
    include_tests,
    show_diff,
    config_file,
    test_command,
    test_timeout,
):
    """Wrap user-facing strings in gettext calls and keep the Babel catalogs in step."""
    from english_guard.config import ConfigError, load_config
    from english_guard.fixes.extract import ExtractSetupError, extract_settings, plan_extract
    from english_guard.fixes.runner import WriteRefused
    from english_guard.i18n.catalogs import CatalogError
    from english_guard.safe_write import UnsafeWriteError

    paths = list(paths) or ["."]
    try:
        config = load_config(config_file, start=paths[0])
        settings = extract_settings(
            paths,
            config,
            source_lang=source_lang,
            locales_dir=locales_dir,
            domain=domain,
            review_file=review_file,
            extra_review_files=from_po,
            import_statement=import_statement,
            runtime_module=runtime_module,
            engine=engine,
            include_english=include_english,
            include_tests=include_tests,
        )
        for note in settings.notes:
            click.echo(_("note: {note}").format(note=note))
        plan = plan_extract(paths, settings)
        if show_diff:
            _print_plan(plan, show_diff)
        elif _write(plan, settings, test_command, test_timeout):
            _print_plan(plan, show_diff)  # after the write: all of it was written
        else:
            sys.exit(2)
    except (ConfigError, ExtractSetupError, CatalogError, UnsafeWriteError, WriteRefused) as exc:
        click.echo(_("error: {message}").format(message=exc), err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(_("error: {path}: {message}").format(path=exc.filename or "", message=exc.strerror or exc), err=True)
        sys.exit(2)

    for error in plan.errors:
        click.echo(f"{error.location()}: {error.message}", err=True)
    for problem in plan.problems:
        click.echo(f"{problem.location()}: {problem.message}")
    for note in plan.notes:
        click.echo(_("note: {note}").format(note=note))
    if plan.pending:
        click.echo(
            _("{count} message(s) wait for their English in {path}; fill in msgstr and run extract again").format(
                count=len(plan.pending), path=_shown(settings.review_file)
            )
        )
    if plan.proposed:
        click.echo(
            _("{count} English text(s) proposed by a translation engine: check them in {path}").format(
                count=len(plan.proposed), path=_shown(settings.review_file)
            )
        )
    action = _("would wrap") if show_diff else _("wrapped")
    click.echo(_("{action} {count} message(s)").format(action=action, count=plan.applied))
    if plan.errors:
        sys.exit(2)
    sys.exit(1 if plan.problems or plan.pending else 0)
