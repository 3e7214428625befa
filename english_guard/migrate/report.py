"""`migration-report.md`: what the migration did, per language and kind, and what a human must review.

The report is plain Markdown with no timings or dates, so two runs over the same tree write the same
report and a reviewer can diff it. Headings and labels go through english-guard's gettext catalogs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from english_guard.migrate import manual
from english_guard.ui_text import _

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
    verification: list[str] = field(default_factory=list)  # one line per part of the proof (fixes.verify)
    blocked: bool = False  # --write refused: the verification found a problem


ACTION_BY_KIND = {"identifier": "renamed", "comment": "translated", "docstring": "translated", "string": "extracted"}


def _summary_rows(before: list, after: list) -> list[tuple[str, str, int, int, int]]:
    found = Counter((f.language or "und", f.kind) for f in before)
    left = Counter((f.language or "und", f.kind) for f in after)
    rows = []
    for key in sorted(set(found) | set(left)):
        rows.append((key[0], key[1], found[key], max(0, found[key] - left[key]), left[key]))
    return rows


def _heading(level: int, title: str, count: int | None = None) -> list[str]:
    suffix = f" ({count})" if count is not None else ""
    return ["#" * level + " " + title + suffix, ""]


def _table_head(*titles: str, right: tuple[int, ...] = ()) -> list[str]:
    rules = ["---:" if number in right else "---" for number in range(len(titles))]
    return ["| " + " | ".join(titles) + " |", "|" + "|".join(rules) + "|"]


def _header(data: ReportData) -> list[str]:
    mode = (
        _("--write: the changes below were written")
        if data.write
        else _("dry run: nothing was changed; run again with --write to apply the review files")
    )
    paths = ", ".join(f"`{p}`" for p in data.paths)
    lines = [
        _("Project: {project}; paths: {paths}").format(project=f"`{data.project}`", paths=paths),
        _("Mode: {mode}").format(mode=mode),
        _("Translation engine: {engine}").format(engine=f"`{data.engine}`"),
    ]
    if data.source_lang:
        how = _("guessed from the user-facing strings") if data.source_lang_guessed else _("configured")
        lines.append(
            _("Language of the user-facing strings: {language}, {how}").format(
                language=_language_name(data.source_lang), how=how
            )
        )
    if data.review_files:
        lines.append(_("Review files: {files}").format(files=", ".join(f"`{p}`" for p in data.review_files)))
    lines.append(
        _("Findings: {before} before, {after} after; {items} items for manual review").format(
            before=len(data.before), after=len(data.after), items=len(data.items)
        )
    )
    if not data.write:
        lines.append(_("Positions refer to the files as --write would leave them."))
    lines += data.notes
    return ["- " + line for line in lines] + [""]


def render(data: ReportData) -> str:
    out: list[str] = _heading(1, _("Migration report")) + _header(data)

    out += _heading(2, _("By language and kind"))
    out += _table_head(_("language"), _("kind"), _("found"), _("fixed"), _("left"), _("how"), right=(2, 3, 4))
    actions = {"renamed": _("renamed"), "translated": _("translated"), "extracted": _("extracted")}
    for language, kind, found, fixed, left in _summary_rows(data.before, data.after):
        how = actions.get(ACTION_BY_KIND.get(kind, ""), _("by hand"))
        out.append(f"| {_language_name(language)} | {kind} | {found} | {fixed} | {left} | {how} |")
    out.append("")

    out += _heading(2, _("Translated comments and docstrings"), len(data.translated))
    if data.translated:
        out += _table_head(_("where"), _("language"), _("kind"), _("original"), _("English"))
        for unit in sorted(data.translated, key=lambda u: (u.path, u.line)):
            out.append(
                f"| `{unit.path}:{unit.line}` | {unit.language} | {unit.kind} | {_cell(unit.text)} | "
                f"{_cell(unit.proposal or '')} |"
            )
        out.append("")

    out += _heading(2, _("Renamed identifiers"), len(data.renamed))
    if data.renamed:
        out += _table_head(_("symbol"), _("kind"), _("new name"), _("defined at"), _("references"), right=(4,))
        for entry, references in sorted(data.renamed, key=lambda pair: pair[0].qualified_name):
            out.append(
                f"| `{entry.qualified_name}` | {entry.kind} | `{entry.new_name}` | `{entry.defined_at}` | "
                f"{references} |"
            )
        out.append("")

    out += _heading(2, _("Extracted messages"), len(data.extracted))
    if data.extracted:
        out += _table_head(_("where"), _("original"), _("English msgid"))
        for english, original, locations in data.extracted:
            where = ", ".join(f"`{path}:{line}`" for path, line in locations[:3])
            out.append(f"| {where} | {_cell(original)} | {_cell(english)} |")
        out.append("")

    out += _heading(2, manual_review_title(), len(data.items))
    if not data.items:
        out += [_("Nothing is left for a human."), ""]
    for category in manual.CATEGORIES:
        items = [item for item in data.items if item.category == category]
        if not items:
            continue
        out += _heading(3, category_title(category), len(items))
        for item in items:
            code = f"{item.code} " if item.code else ""
            text = f"{_cell(item.text, 70)} — " if item.text else ""
            out.append(f"- `{item.location}` {code}{text}{_cell(item.reason, 240)}")
        out.append("")

    if data.verification:
        out += _heading(2, _("Verification"))
        if data.blocked:
            out += [_("**Nothing was written**: the staged result failed the verification (see the errors)."), ""]
        out += [f"- {_cell(line, 400)}" for line in data.verification]
        out.append("")

    out += _heading(2, _("Files changed"), len(data.changed_files))
    kinds = {"created": _("created"), "modified": _("modified"), "deleted": _("deleted")}
    for path, kind in data.changed_files:
        out.append(f"- `{path}` ({kinds.get(kind, kind)})")
    if not data.changed_files:
        out.append(_("No file changes."))
    out.append("")
    return "\n".join(out)


def manual_review_title() -> str:
    return _("Manual review")


def manual_locations(markdown: str) -> set[str]:
    """The `path:line` locations listed under the manual-review heading of a rendered report."""
    import re

    section = markdown.split("## " + manual_review_title(), 1)
    if len(section) < 2:
        return set()
    body = section[1].split("\n## ", 1)[0]
    return set(re.findall(r"^- `([^`]+:\d+)`", body, flags=re.MULTILINE))
