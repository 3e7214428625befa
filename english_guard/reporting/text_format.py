"""`--format text`: `path:line:col: CODE message`, coloured on request, with an optional source excerpt."""

from __future__ import annotations

import click

from english_guard.rules import UNREADABLE_FILE
from english_guard.ui_text import _, ngettext


def render(run, color: bool = False, quiet: bool = False, show_source: bool = False, sources=None, **_options) -> str:
    lines = []
    excerpts = SourceLines(sources or {}) if show_source else None
    for finding in run.findings:
        location = f"{finding.path}:{finding.line}:{finding.column}:"
        code = finding.code
        if color:
            location = click.style(location, bold=True)
            code = click.style(code, fg="red", bold=True)
        lines.append(f"{location} {code} {finding.message}")
        if excerpts is not None:
            lines.extend(excerpts.excerpt(finding, color))
    for error in run.errors:
        where = f"{error.path}:{error.line}:" if error.line else f"{error.path}:"
        if color:
            where = click.style(where, bold=True)
        code = click.style(UNREADABLE_FILE.code, fg="magenta", bold=True) if color else UNREADABLE_FILE.code
        lines.append(f"{where} {code} {error.message}")
    if not quiet:
        lines.append(summary_line(run))
    return "\n".join(lines) + ("\n" if lines else "")


def summary_line(run) -> str:
    """`Found 3 problems in 2 files.`: the files counted are the files with problems."""
    found = len(run.findings)
    errors = len(run.errors)
    if not found and not errors:
        if not run.files:
            return _("No files to check.")
        return ngettext("All checks passed ({count} file).", "All checks passed ({count} files).", run.files).format(
            count=run.files
        )
    unreadable = ngettext("{count} file could not be checked.", "{count} files could not be checked.", errors).format(
        count=errors
    )
    if not found:
        return unreadable
    with_problems = len({finding.path for finding in run.findings})
    summary = ngettext("Found {count} problem", "Found {count} problems", found).format(count=found)
    summary += " " + ngettext("in {count} file.", "in {count} files.", with_problems).format(count=with_problems)
    return summary + (" " + unreadable if errors else "")


def statistics(run, color: bool = False, quiet: bool = False, **_options) -> str:
    """`--statistics`: how many findings of each rule and language, most frequent first."""
    from english_guard.rules import RULES
    from english_guard.ui_text import language_name

    counts: dict[tuple[str, str], int] = {}
    for finding in run.findings:
        key = (finding.code, finding.language)
        counts[key] = counts.get(key, 0) + 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(str(count)) for _key, count in rows), default=1)
    lines = []
    for (code, language), count in rows:
        shown_code = click.style(code, fg="red", bold=True) if color else code
        rule = RULES.get(code)
        name = rule.name if rule else ""
        lines.append(f"{count:>{width}}  {shown_code}  {name}  ({language_name(language)})")
    for error in run.errors:
        lines.append(f"{error.path}: EG900 {error.message}")
    if not quiet:
        lines.append(summary_line(run))
    return "\n".join(lines) + ("\n" if lines else "")


def statistics_payload(run) -> list[dict]:
    from english_guard.rules import RULES
    from english_guard.ui_text import language_name

    counts: dict[tuple[str, str], int] = {}
    for finding in run.findings:
        key = (finding.code, finding.language)
        counts[key] = counts.get(key, 0) + 1
    return [
        {
            "code": code,
            "name": RULES[code].name if code in RULES else "",
            "language": language,
            "language_name": language_name(language),
            "count": count,
        }
        for (code, language), count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


class SourceLines:
    """The lines of the files findings point at, read once each, for `--show-source`."""

    def __init__(self, sources: dict[str, str]) -> None:
        self.sources = {path: text.split("\n") for path, text in sources.items()}

    def lines_of(self, path: str) -> list[str]:
        if path not in self.sources:
            self.sources[path] = _read_lines(path)
        return self.sources[path]

    def excerpt(self, finding, color: bool) -> list[str]:
        lines = self.lines_of(finding.path)
        if not 1 <= finding.line <= len(lines):
            return []
        text = lines[finding.line - 1].expandtabs(1)
        number = str(finding.line)
        gutter = " " * len(number) + " |"
        end = finding.end_column if finding.end_line == finding.line else len(text) + 1
        start = max(1, finding.column)
        marks = " " * (start - 1) + "^" * max(1, end - start)
        if color:
            gutter = click.style(gutter, fg="blue", bold=True)
            marks = click.style(marks, fg="red", bold=True)
            numbered = click.style(number + " |", fg="blue", bold=True)
        else:
            numbered = number + " |"
        return [gutter, f"{numbered} {text}", f"{gutter} {marks}"]


def _read_lines(path: str) -> list[str]:
    from english_guard.checker import DecodeError, decode
    from english_guard.sources.registry import reader_name_for

    try:
        with open(path, "rb") as handle:
            data = handle.read()
        return decode(path, data, reader_name_for(path) or "text").split("\n")
    except (OSError, DecodeError):
        return []
