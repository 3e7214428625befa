"""`--format text`: `path:line:col: CODE message`, coloured on a terminal."""
from __future__ import annotations

import click

from english_guard.texts import _, ngettext


def render(run, color: bool = False, **_options) -> str:
    lines = []
    for finding in run.findings:
        location = f"{finding.path}:{finding.line}:{finding.column}:"
        code = finding.code
        if color:
            location = click.style(location, bold=True)
            code = click.style(code, fg="red", bold=True)
        lines.append(f"{location} {code} {finding.message}")
    for error in run.errors:
        where = f"{error.path}:{error.line}:" if error.line else f"{error.path}:"
        if color:
            where = click.style(where, bold=True)
        lines.append(f"{where} {click.style('EG900', fg='magenta', bold=True) if color else 'EG900'} {error.message}")
    found = len(run.findings)
    errors = len(run.errors)
    summary = ngettext("Found {count} problem", "Found {count} problems", found).format(count=found)
    if errors:
        summary += " " + ngettext("and {count} file that could not be checked",
                                  "and {count} files that could not be checked", errors).format(count=errors)
    summary += " " + ngettext("in {count} file.", "in {count} files.", run.files).format(count=run.files)
    if not found and not errors:
        summary = _("All checks passed ({count} files).").format(count=run.files)
    lines.append(summary)
    return "\n".join(lines) + "\n"
