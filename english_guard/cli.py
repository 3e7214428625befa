"""The command line: a thin click group whose commands live in `english_guard.commands`.

Commands are imported only when they run, so `english-guard check` never pays for
(or even imports) the translation, rename or catalog code.
"""

from __future__ import annotations

import importlib

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
