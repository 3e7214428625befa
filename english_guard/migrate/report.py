"""`migration-report.md`: what the migration did, per language and kind, and what a human must review.

The report is plain Markdown with no timings or dates, so two runs over the same tree write the same
report and a reviewer can diff it. Headings and labels go through english-guard's gettext catalogs.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from english_guard.migrate import manual
from english_guard.texts import _

MAX_TEXT = 90


def _cell(text: str, limit: int = MAX_TEXT) -> str:
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("|", "\\|").replace("`", "'")


def _language_name(code: str) -> str:
    from english_guard.translation.languages import describe

    return describe(code) if code and code != "und" else _("unknown")


def category_title(category: str) -> str:
    return {
        manual.LOW_CONFIDENCE: _("Low-confidence translations"),
        manual.NO_MODEL: _("Entries without a model (write the English by hand)"),
        manual.RENAME_REFUSED: _("Renames refused"),
        manual.NOT_EXTRACTABLE: _("Strings that cannot be extracted"),
        manual.CHECK_BY_HAND: _("Strings that may name a renamed symbol"),
        manual.OTHER: _("Other findings left"),
        manual.ERROR: _("Files that could not be processed"),
    }[category]


@dataclass
class ReportData:
    project: str
    paths: list[str]
    write: bool
    engine: str
    source_lang: str
    source_lang_guessed: bool
    before: list = field(default_factory=list)  # findings of the first check
    after: list = field(default_factory=list)  # findings of the final check
    translated: list = field(default_factory=list)  # fixes.translate.Unit
    renamed: list = field(default_factory=list)  # (PlanEntry, references)
    extracted: list = field(default_factory=list)  # (English, original, locations)
    changed_files: list = field(default_factory=list)  # (path, "created" | "modified" | "deleted")
    review_files: list[str] = field(default_factory=list)
    items: list = field(default_factory=list)  # manual.ReviewItem
    notes: list[str] = field(default_factory=list)


ACTION_BY_KIND = {"identifier": "renamed", "comment": "translated", "docstring": "translated", "string": "extracted"}


def _summary_rows(before: list, after: list) -> list[tuple[str, str, int, int, int]]:
    found = Counter((f.language or "und", f.kind) for f in before)
    left = Counter((f.language or "und", f.kind) for f in after)
    rows = []
    for key in sorted(set(found) | set(left)):
        rows.append((key[0], key[1], found[key], max(0, found[key] - left[key]), left[key]))
    return rows


def render(data: ReportData) -> str:
    out: list[str] = [f"# {_('Migration report')}", ""]
    mode = _("--write: the changes below were written") if data.write else \
        _("dry run: nothing was changed; run again with --write to apply the review files")
    out += [
        f"- {_('Project')}: `{data.project}`; {_('paths')}: {', '.join(f'`{p}`' for p in data.paths)}",
        f"- {_('Mode')}: {mode}",
        f"- {_('Translation engine')}: `{data.engine}`",
    ]
    if data.source_lang:
        how = _("guessed from the user-facing strings") if data.source_lang_guessed else _("configured")
        out.append(f"- {_('Language of the user-facing strings')}: {_language_name(data.source_lang)}, {how}")
    if data.review_files:
        out.append(f"- {_('Review files')}: " + ", ".join(f"`{p}`" for p in data.review_files))
    out.append(f"- {_('Findings')}: {len(data.before)} {_('before')}, {len(data.after)} {_('after')}; "
               f"{len(data.items)} {_('items for manual review')}")
    if not data.write:
        out.append(f"- {_('Positions refer to the files as --write would leave them.')}")
    for note in data.notes:
        out.append(f"- {note}")
    out.append("")

    out += [f"## {_('By language and kind')}", "",
            f"| {_('language')} | {_('kind')} | {_('found')} | {_('fixed')} | {_('left')} | {_('how')} |",
            "|---|---|---:|---:|---:|---|"]
    for language, kind, found, fixed, left in _summary_rows(data.before, data.after):
        how = {"renamed": _("renamed"), "translated": _("translated"), "extracted": _("extracted")}.get(
            ACTION_BY_KIND.get(kind, ""), _("by hand"))
        out.append(f"| {_language_name(language)} | {kind} | {found} | {fixed} | {left} | {how} |")
    out.append("")

    out += [f"## {_('Translated comments and docstrings')} ({len(data.translated)})", ""]
    if data.translated:
        out += [f"| {_('where')} | {_('language')} | {_('kind')} | {_('original')} | {_('English')} |",
                "|---|---|---|---|---|"]
        for unit in sorted(data.translated, key=lambda u: (u.path, u.line)):
            out.append(f"| `{unit.path}:{unit.line}` | {unit.language} | {unit.kind} | {_cell(unit.text)} | "
                       f"{_cell(unit.proposal or '')} |")
        out.append("")

    out += [f"## {_('Renamed identifiers')} ({len(data.renamed)})", ""]
    if data.renamed:
        out += [f"| {_('symbol')} | {_('kind')} | {_('new name')} | {_('defined at')} | {_('references')} |",
                "|---|---|---|---|---:|"]
        for entry, references in sorted(data.renamed, key=lambda pair: pair[0].qualified_name):
            out.append(f"| `{entry.qualified_name}` | {entry.kind} | `{entry.new_name}` | `{entry.defined_at}` | "
                       f"{references} |")
        out.append("")

    out += [f"## {_('Extracted messages')} ({len(data.extracted)})", ""]
    if data.extracted:
        out += [f"| {_('where')} | {_('original')} | {_('English msgid')} |", "|---|---|---|"]
        for english, original, locations in data.extracted:
            where = ", ".join(f"`{path}:{line}`" for path, line in locations[:3])
            out.append(f"| {where} | {_cell(original)} | {_cell(english)} |")
        out.append("")

    out += [f"## {_('Manual review')} ({len(data.items)})", ""]
    if not data.items:
        out += [_("Nothing is left for a human."), ""]
    for category in manual.CATEGORIES:
        items = [item for item in data.items if item.category == category]
        if not items:
            continue
        out += [f"### {category_title(category)} ({len(items)})", ""]
        for item in items:
            code = f"{item.code} " if item.code else ""
            text = f" {_cell(item.text, 70)!s} —" if item.text else ""
            out.append(f"- `{item.location}` {code}{text} {_cell(item.reason, 240)}".replace("  ", " "))
        out.append("")

    out += [f"## {_('Files changed')} ({len(data.changed_files)})", ""]
    for path, kind in data.changed_files:
        out.append(f"- `{path}` ({kind})")
    if not data.changed_files:
        out.append(_("No file changes."))
    out.append("")
    return "\n".join(out)


def manual_locations(markdown: str) -> set[str]:
    """The `path:line` locations listed under the manual-review heading of a rendered report."""
    import re

    section = markdown.split(f"## {_('Manual review')}", 1)
    if len(section) < 2:
        return set()
    body = section[1].split("\n## ", 1)[0]
    return set(re.findall(r"^- `([^`]+:\d+)`", body, flags=re.MULTILINE))
