"""`english-guard rules`: every rule code, one line each (or JSON), from the rule table."""

from __future__ import annotations

import json

import click

from english_guard.ui_text import _


@click.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=_("Output format."),
)
def rules(output_format: str) -> None:
    """List every rule: code, name, whether it is on by default, and what it reports."""
    from english_guard.rules import RULES

    table = [RULES[code] for code in sorted(RULES)]
    if output_format == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "code": rule.code,
                        "name": rule.name,
                        "summary": rule.summary,
                        "explanation": rule.explanation,
                        "default": rule.default,
                    }
                    for rule in table
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    width = max(len(rule.name) for rule in table)
    for rule in table:
        marker = "" if rule.default else " " + _("(off by default)")
        click.echo(f"{rule.code}  {rule.name:<{width}}  {rule.summary}{marker}")
