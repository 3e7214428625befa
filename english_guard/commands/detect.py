"""`english-guard detect TEXT` and `english-guard explain CODE`."""

from __future__ import annotations

import sys

import click

from english_guard.ui_text import _


@click.command("detect")
@click.argument("text")
@click.option(
    "--kind",
    type=click.Choice(["identifier", "comment", "docstring", "string", "prose"]),
    default=None,
    help=_("What the text is (default: identifier for one word, else comment)."),
)
def detect(text: str, kind: str | None) -> None:
    """Judge one text and print the evidence behind the verdict."""
    from english_guard.language import judge
    from english_guard.ui_text import language_name

    if kind is None:
        kind = "identifier" if text.strip() and not any(c.isspace() for c in text.strip()) else "comment"
    verdict = judge(text, kind, explain=True)
    if verdict.english:
        click.echo(
            _("English (confidence {confidence:.2f}): {reason}").format(
                confidence=verdict.confidence, reason=verdict.reason
            )
        )
    else:
        click.echo(
            _("Not English: {language} [{code}] (confidence {confidence:.2f}): {reason}").format(
                language=language_name(verdict.language),
                code=verdict.language,
                confidence=verdict.confidence,
                reason=verdict.reason,
            )
        )
    for word in verdict.words:
        language = f" [{word.language}]" if word.language and word.verdict not in ("english", "code") else ""
        click.echo(f"  {word.word:<24} {word.verdict}{language}  {word.reason}")
    sys.exit(0)


@click.command("explain")
@click.argument("code")
def explain(code: str) -> None:
    """Explain a rule code."""
    from english_guard.rules import RULES

    rule = RULES.get(code.upper())
    if rule is None:
        click.echo(
            _("Unknown rule code {code}. Known codes: {codes}").format(code=code, codes=", ".join(RULES)), err=True
        )
        sys.exit(2)
    click.echo(f"{rule.code} ({rule.name}): {rule.summary}\n\n{rule.explanation}")
