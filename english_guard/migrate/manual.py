"""The manual-review list: everything the migration leaves for a human, each with file:line.

Its backbone is the final check: every finding still there after the migration is listed, with the
reason the step responsible for it gave (no model, a refused rename, a message that cannot be
extracted, a low-confidence translation). Items that are not findings but still need a look (a string
that may name a renamed symbol, a file that could not be processed) are added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from english_guard.migrate.workspace import MIGRATION_DIR
from english_guard.rules import UNREADABLE_FILE
from english_guard.ui_text import _

# Category keys, in the order the report lists them.
LOW_CONFIDENCE = "low-confidence"
NO_MODEL = "no-model"
RENAME_REFUSED = "rename-refused"
NOT_EXTRACTABLE = "not-extractable"
CHECK_BY_HAND = "check-by-hand"
OTHER = "other"
ERROR = "error"
CATEGORIES = (LOW_CONFIDENCE, NO_MODEL, RENAME_REFUSED, NOT_EXTRACTABLE, CHECK_BY_HAND, OTHER, ERROR)


@dataclass(frozen=True)
class ReviewItem:
    category: str
    path: str
    line: int
    text: str
    reason: str
    code: str = ""

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


def _normal(text: str) -> str:
    lines = [re.sub(r"^\s*#+:?\s?", "", line) for line in text.splitlines()]
    return " ".join(" ".join(lines).split()).lower()


def _path_of(defined_at: str) -> tuple[str, int]:
    match = re.match(r"^(.*?):(\d+)(?::\d+)?$", defined_at)
    return (match.group(1), int(match.group(2))) if match else (defined_at, 0)


class _Annotator:
    def __init__(self, translation, rename, extract) -> None:
        self.units: list[tuple[str, str, tuple[str, str]]] = []  # path, normalised text, verdict
        if translation is not None:
            for category, units in (
                (LOW_CONFIDENCE, translation.low_confidence),
                (NO_MODEL, translation.without_model),
            ):
                for unit in units:
                    if category == LOW_CONFIDENCE:
                        reason = _("low-confidence proposal, fuzzy in translations.po: {proposal!r}").format(
                            proposal=unit.proposal
                        )
                    else:
                        reason = _("no translation ({problem}); write the English in translations.po").format(
                            problem=unit.problem or _("no engine proposed one")
                        )
                    self.units.append((unit.path, _normal(unit.text), (category, reason)))
            for unit, why in translation.refused:
                self.units.append(
                    (unit.path, _normal(unit.text), (OTHER, _("translation not written: {reason}").format(reason=why)))
                )
        self.renames: dict[tuple[str, str], tuple[str, str]] = {}
        if rename is not None:
            for entry in rename.without_name:
                self.renames[(_path_of(entry.defined_at)[0], entry.name)] = (
                    NO_MODEL,
                    _("no English name proposed ({reason}); fill in new_name for {name} in renames.toml").format(
                        reason=entry.reason or _("no glossary entry"), name=entry.qualified_name
                    ),
                )
            for entry in rename.skipped:
                self.renames[(_path_of(entry.defined_at)[0], entry.name)] = (
                    OTHER,
                    _("skipped in renames.toml: {reason}").format(reason=entry.reason or "action = skip"),
                )
            for entry, why in rename.refused:
                if entry is not None:
                    self.renames[(_path_of(entry.defined_at)[0], entry.name)] = (RENAME_REFUSED, why)
        self.strings: dict[tuple[str, int], tuple[str, str]] = {}
        plan = getattr(extract, "plan", None)
        if plan is not None:
            for entry in plan.pending:
                for path, line in entry.locations:
                    self.strings[(path, line)] = (
                        NO_MODEL,
                        _("no English for this message yet; write it in strings.review.po"),
                    )
            for problem in plan.problems:
                self.strings[(problem.path, problem.line)] = (NOT_EXTRACTABLE, problem.message)

    def for_finding(self, finding) -> tuple[str, str]:
        if finding.kind in ("comment", "docstring"):
            text = _normal(finding.text)
            for path, unit_text, verdict in self.units:
                if path == finding.path and text and text in unit_text:
                    return verdict
            return OTHER, _("not translated by the migration")
        if finding.kind == "identifier":
            found = self.renames.get((finding.path, finding.text))
            if found is not None:
                return found
            return OTHER, _("not in the rename plan (not a symbol the project defines, or one check alone reports)")
        if finding.kind == "string":
            found = self.strings.get((finding.path, finding.line))
            if found is not None:
                return found
            return OTHER, _("not extracted (not found as a message the extraction can wrap)")
        if finding.kind == "prose":
            return OTHER, _("prose outside Python code: the migration does not translate it; translate it by hand")
        return OTHER, finding.message


def manual_review(
    final_findings,
    final_errors,
    translation=None,
    rename=None,
    extract=None,
    step_errors: Sequence[str] = (),
    final_line=None,
    line_text=None,
) -> list[ReviewItem]:
    """`final_line(path, line)` carries positions the rename step reported to the files as they end up;
    `line_text(path, line)` reads a final line (to drop string references a later step rewrote)."""
    final_line = final_line or (lambda _path, line: line)
    line_text = line_text or (lambda _path, _line: None)
    annotator = _Annotator(translation, rename, extract)
    items: list[ReviewItem] = []
    listed: set[tuple[str, int, str]] = set()
    for finding in final_findings:
        category, reason = annotator.for_finding(finding)
        items.append(ReviewItem(category, finding.path, finding.line, finding.text, reason, finding.code))
        listed.add((finding.path, finding.line, category))
    for error in final_errors:
        items.append(
            ReviewItem(ERROR, error.path, getattr(error, "line", None) or 1, "", error.message, UNREADABLE_FILE.code)
        )
    if rename is not None:
        for line in rename.unprovable:
            match = re.match(r"^(.*?):(\d+):\d+: (.*)$", line)
            if match:
                path, number = match.group(1), final_line(match.group(1), int(match.group(2)))
                if _string_gone(match.group(3), line_text(path, number)):
                    continue  # the extraction turned that string into a message: it names nothing now
                items.append(ReviewItem(CHECK_BY_HAND, path, number, "", match.group(3)))
        for entry, why in rename.refused:
            path, line = _path_of(entry.defined_at) if entry is not None else ("", 0)
            if entry is None:
                items.append(ReviewItem(RENAME_REFUSED, f"{MIGRATION_DIR}/renames.toml", 1, "", why))
            elif not any(i.path == path and i.text == entry.name for i in items):
                items.append(ReviewItem(RENAME_REFUSED, path, final_line(path, line), entry.name, why))
    plan = getattr(extract, "plan", None)
    if plan is not None:
        items += _doubtful_message_proposals(plan)
        for problem in plan.problems:
            if (problem.path, problem.line, NOT_EXTRACTABLE) not in listed:
                items.append(ReviewItem(NOT_EXTRACTABLE, problem.path, problem.line, problem.text, problem.message))
    for message in step_errors:
        match = re.match(r"^([^:\s]+):(\d+)(?::\d+)?:? (.*)$", message)
        if match:
            items.append(ReviewItem(ERROR, match.group(1), int(match.group(2)), "", match.group(3)))
        else:
            path = message.split(":", 1)[0] if ":" in message else ""
            items.append(ReviewItem(ERROR, path, 1, "", message))
    unique = {(i.category, i.path, i.line, i.text, i.reason): i for i in _one_error_per_file(items)}
    order = {key: number for number, key in enumerate(CATEGORIES)}
    return sorted(unique.values(), key=lambda i: (order[i.category], i.path, i.line, i.text))


def _string_gone(message: str, line: str | None) -> bool:
    quoted = re.search(r"the string (['\"])(.*?)\1", message)
    if quoted is None or line is None:
        return False
    return not any(f"{quote}{quoted.group(2)}{quote}" in line for quote in ("'", '"'))


def _doubtful_message_proposals(plan) -> list[ReviewItem]:
    """Machine English for messages is used in the code at once; list the proposals that look wrong."""
    from english_guard.fixes.translate.workflow import is_low_confidence
    from english_guard.language import judge

    items = []
    for entry in plan.proposed:
        if not is_low_confidence(entry.original, entry.english, "string", judge):
            continue
        reason = _(
            "low-confidence English msgid, already used in the code: {english!r}; correct it in "
            "strings.review.po and remove the fuzzy flag"
        ).format(english=entry.english)
        for path, line in entry.locations:
            items.append(ReviewItem(LOW_CONFIDENCE, path, line, entry.original, reason))
    return items


def _one_error_per_file(items: list[ReviewItem]) -> list[ReviewItem]:
    """Each step reports a file it cannot parse in its own words: list the file once, with every reason."""
    errors: dict[str, list[ReviewItem]] = {}
    others = []
    for item in items:
        if item.category == ERROR:
            errors.setdefault(item.path, []).append(item)
        else:
            others.append(item)
    for path, group in errors.items():
        reasons = list(dict.fromkeys(item.reason for item in group))
        code = next((item.code for item in group if item.code), "")
        others.append(ReviewItem(ERROR, path, min(item.line for item in group), "", "; ".join(reasons), code))
    return others
