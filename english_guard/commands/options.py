"""Options that several commands share, declared once."""

from __future__ import annotations

from collections.abc import Callable

import click

from english_guard.ui_text import _


def test_command_options(test_command_help: str) -> Callable:
    """`--test-command` and `--test-timeout` of the fixes that run the verification gate (rename, translate,
    extract, migrate): the default, the metavar and the timeout are the same; each command words what the
    tests guard."""

    def decorate(function: Callable) -> Callable:
        function = click.option(
            "--test-timeout",
            type=float,
            default=900.0,
            show_default=True,
            help=_("Seconds one run of the test command may take."),
        )(function)
        return click.option("--test-command", default="auto", show_default=True, metavar="CMD", help=test_command_help)(
            function
        )

    return decorate
