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


def engine_option(help_text: str, extra_choices: tuple[str, ...] = ()) -> Callable:
    """`--engine` of the fixes that translate (translate, extract, migrate): the registered engines
    (`engine_router.ENGINE_CHOICES`) and `auto` by default; each command words what the engine does."""
    from english_guard.translation.engine_router import ENGINE_CHOICES  # not for `check`, which shares this module

    return click.option(
        "--engine",
        type=click.Choice([*ENGINE_CHOICES, *extra_choices]),
        default="auto",
        show_default=True,
        help=help_text,
    )


def report_output_options(function: Callable) -> Callable:
    """`--exit-zero`, `--output` and `--color` of the commands that print a findings report (check,
    check-message)."""
    function = click.option(
        "--color",
        "color_choice",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help=_("Colour the text report (auto: on a terminal, unless NO_COLOR is set)."),
    )(function)
    function = click.option(
        "--output", "-o", "output_file", type=click.Path(dir_okay=False), help=_("Write the report to this file.")
    )(function)
    return click.option("--exit-zero", is_flag=True, help=_("Exit with 0 even when there are findings."))(function)
