"""Suppression comments: `# english-guard: ignore[...]`, `# noqa: EG...`, `# english-guard: skip-file`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from english_guard.records import Finding, Segment

_DIRECTIVE = re.compile(
    r"(?:english-guard:\s*(?P<kind>ignore|skip-file)(?:\[(?P<codes>[^\]]*)\])?)|(?:\bnoqa:\s*(?P<noqa>[A-Z]+\d+(?:[\s,]+[A-Z]+\d+)*))"
    # A blanket noqa comment (no codes) at the start of a comment or after a `#`, any case, as ruff reads it.
    r"|(?P<blanket>(?:^|\#)\s*(?i:noqa)\b(?!\s*:\s*[A-Za-z]+\d))"
)


@dataclass(slots=True)
class Directive:
    line: int
    codes: frozenset[str] | None  # None: every code
    text: str
    used: bool = False
    # Where the comment holding the directive starts: one comment is one directive, however many lines it covers.
    start_line: int = 0
    column: int = 1


def parse_directives(text: str) -> tuple[list[frozenset[str] | None], bool]:
    """The suppressions one comment holds, each as its codes (None: every code), and whether it skips the file.

    The one reading of `english-guard: ignore[...]`, `noqa: EG201`, a blanket `noqa` and
    `english-guard: skip-file`, for `check` and for every fix (what `check` does not report, no fix touches).
    """
    suppressions: list[frozenset[str] | None] = []
    skip_file = False
    for match in _DIRECTIVE.finditer(text):
        if match.group("kind") == "skip-file":
            skip_file = True
            continue
        raw = match.group("codes") if match.group("kind") else match.group("noqa")
        codes = None
        if raw and not match.group("blanket"):
            codes = frozenset(code.strip().upper() for code in re.split(r"[\s,]+", raw) if code.strip())
            if match.group("noqa") and not any(code.startswith("EG") for code in codes):
                continue  # a noqa for another tool
            codes = frozenset(code for code in codes if code.startswith("EG")) or None
        suppressions.append(codes)
    return suppressions, skip_file


def directives_in(segments: list[Segment]) -> tuple[list[Directive], bool]:
    """Suppression comments (`english-guard: ignore[...]`, `noqa: EG201`) and whether the file is skipped."""
    directives: list[Directive] = []
    skip_file = False
    for segment in segments:
        if segment.kind not in ("comment", "prose") or (
            "english-guard" not in segment.text and "noqa" not in segment.text.lower()
        ):
            continue
        suppressions, skips = parse_directives(segment.text)
        skip_file = skip_file or skips
        for codes in suppressions:
            for line in range(segment.line, segment.end_line + 1):
                directives.append(Directive(line, codes, segment.text, start_line=segment.line, column=segment.column))
    return directives, skip_file


def line_suppresses(line: str, code: str) -> bool:
    """Does the comment on a source line suppress `code`? (For the fixes, which read lines, not segments.)"""
    comment = line.find("#")
    if comment < 0:
        return False
    suppressions, _skip_file = parse_directives(line[comment:])
    return any(codes is None or code in codes for codes in suppressions)


def file_is_skipped(text: str) -> bool:
    """Does a comment of this source say `english-guard: skip-file`?"""
    if "skip-file" not in text:
        return False
    return any(
        parse_directives(line[line.find("#") :])[1] for line in text.splitlines() if "skip-file" in line and "#" in line
    )


def suppress(findings: list[Finding], directives: list[Directive]) -> list[Finding]:
    if not directives:
        return findings
    by_line: dict[int, list[Directive]] = {}
    for directive in directives:
        by_line.setdefault(directive.line, []).append(directive)
    kept = []
    for finding in findings:
        suppressed = False
        for line in range(finding.line, finding.end_line + 1):
            for directive in by_line.get(line, ()):
                if directive.codes is None or finding.code in directive.codes:
                    directive.used = True
                    suppressed = True
        if not suppressed:
            kept.append(finding)
    return kept
