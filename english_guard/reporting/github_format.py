"""`--format github`: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(run, **_options) -> str:
    lines = []
    for f in run.findings:
        lines.append(
            f"::error title={_escape_property('english-guard ' + f.code)},file={_escape_property(f.path)},"
            f"line={f.line},col={f.column},endLine={f.end_line},endColumn={f.end_column}::"
            f"{_escape_data(f.code + ' ' + f.message)}"
        )
    for e in run.errors:
        line = f",line={e.line}" if e.line else ""
        lines.append(
            f"::error title=english-guard EG900,file={_escape_property(e.path)}{line}::{_escape_data(e.message)}"
        )
    return "\n".join(lines) + ("\n" if lines else "")
