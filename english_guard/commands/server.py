"""`english-guard server`: the language server for editors (LSP over stdin/stdout)."""

from __future__ import annotations

import sys

import click

from english_guard.ui_text import _


@click.command("server")
@click.option("--stdio", is_flag=True, help=_("Talk LSP over stdin and stdout (the default and only transport)."))
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help=_("Read settings from this TOML file instead of each document's pyproject.toml."),
)
@click.option(
    "--debounce-ms",
    type=click.IntRange(min=0),
    default=300,
    show_default=True,
    help=_("Check a changed document after this pause in typing."),
)
def server(stdio: bool, config_file: str | None, debounce_ms: int) -> None:
    """Run the language server: diagnostics as you type, rename and translation fixes, evidence on hover."""
    try:
        from english_guard.lsp.server import serve
    except ImportError as exc:
        click.echo(
            _(
                "english-guard: error: the language server needs pygls ({reason}); install it with: "
                "pip install 'english-guard[server]'"
            ).format(reason=exc),
            err=True,
        )
        sys.exit(2)
    serve(config_file, debounce_ms / 1000)
