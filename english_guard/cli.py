"""The command line: a thin click group whose commands live in `english_guard.commands`.

Commands are imported only when they run, so `english-guard check` never pays for
(or even imports) the translation, rename or catalog code.
"""

from __future__ import annotations

import atexit
import importlib
import os
import sys
import threading
from typing import NoReturn

import click

from english_guard import __version__
from english_guard.errors import EnglishGuardError

# command name -> (module in english_guard.commands, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": ("check", "check", "Report non-English identifiers, comments, docstrings, strings and prose."),
    "check-message": ("message", "check_message", "Report non-English commit messages and pull-request text."),
    "baseline": ("check", "baseline", "Record today's findings so that `check --baseline` reports only new ones."),
    "detect": ("detect", "detect", "Judge one text and print the evidence behind the verdict."),
    "explain": ("detect", "explain", "Explain a rule code."),
    "rules": ("rules", "rules", "List every rule code, one line each (--format json for tools)."),
    "rename": ("rename", "rename", "Plan and apply English names for non-English identifiers."),
    "translate": ("translate", "translate", "Translate non-English comments and docstrings offline."),
    "models": ("models", "models", "List, install and remove offline translation models."),
    "extract": ("extract", "extract", "Move user-facing strings into Babel gettext catalogs."),
    "migrate": ("migrate", "migrate", "Run the whole migration: check, translate, rename, extract, check."),
    "server": ("server", "server", "Run the language server for editors (LSP over stdio)."),
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attribute, _help = entry
        try:
            module = importlib.import_module(f"english_guard.commands.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("english_guard.commands"):
                return None
            raise
        return getattr(module, attribute)

    def invoke(self, ctx: click.Context):
        """An english-guard error that no command handled is still its one line and exit code 2."""
        try:
            return super().invoke(ctx)
        except EnglishGuardError as exc:
            from english_guard.ui_text import _

            click.echo(_("error: {message}").format(message=exc), err=True)
            ctx.exit(2)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="english-guard")
def main() -> None:
    """english-guard: enforce an English-only code policy and help a team get there."""


def console_main() -> NoReturn:
    """The console script (`english-guard`, `python -m english_guard`): `main`, then a quick exit. The
    interpreter's own exit frees a run's objects one by one (word caches, decisions, tables: about 0.2 s
    after a cold check of the standard library, 5% of it); once the streams are flushed and the exit
    handlers have run, nothing of that is needed (as mypy does). With another thread still running (the
    language server's), the interpreter's own exit joins it."""
    try:
        main()
        status: str | int | None = 0
    except SystemExit as exit_:
        status = exit_.code
    if threading.active_count() > 1:
        sys.exit(status)
    if status is None or isinstance(status, int):
        code = status or 0
    else:  # `sys.exit("message")`, as the interpreter reports it
        print(status, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)  # a closed pipe: the interpreter's exit reports it as it always has
    atexit._run_exitfuncs()  # what the interpreter would run first (it then forgets them)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # all the run had to say was flushed above
    os._exit(code)
