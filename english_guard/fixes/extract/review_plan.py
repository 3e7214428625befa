"""The review file as extract leaves it: the messages waiting for English, the machine proposals already in
the code (fuzzy), and the answers kept for files this run did not scan."""

from __future__ import annotations

from pathlib import Path

from english_guard.fixes.extract.after_rewrite import RewrittenFiles
from english_guard.fixes.extract.english_msgids import takes_plural_forms
from english_guard.fixes.extract.plan import ExtractPlan, Message
from english_guard.fixes.extract.review import PROPOSED, ReviewEntry, load_review, render_review
from english_guard.fixes.extract.settings import ExtractSettings
from english_guard.i18n.catalogs import same_apart_from_dates
from english_guard.i18n.sync import PlannedFile


def plan_review(
    plan: ExtractPlan,
    settings: ExtractSettings,
    messages: list[Message],
    rewritten: RewrittenFiles,
    root: Path,
    msgid_entries: list[ReviewEntry],
    *,
    scanned: set[str],
    template_ids: set[str],
    used_templates: set[str],
) -> None:
    """Set `plan.review` (or `plan.review_removed` when nothing is left to review) and list the entries
    waiting (`plan.pending`) and proposed (`plan.proposed`).

    `msgid_entries` are the non-English msgids moved or waiting (`EnglishMsgids`); `scanned` the files this
    run read, `template_ids` the msgids of the new template and `used_templates` the messages with an
    occurrence rewritten decide which answers already in the review file stay."""
    entries = _message_entries(plan, settings, messages, rewritten, root, used_templates)
    for entry in msgid_entries:
        entries.append(entry)
        if not entry.english or (entry.plural_like and not entry.english_plural):
            plan.pending.append(entry)
    seen = {entry.original for entry in entries}
    for entry in load_review(settings.review_file).values():
        if entry.original in seen:
            continue
        files = {ref for ref, _line in entry.locations}
        if (entry.fuzzy and entry.english in template_ids) or (files and not files & scanned):
            entries.append(entry)
    entries.sort(key=lambda e: (sorted(e.locations) or [("", 0)])[0])
    path = settings.review_file
    old = path.read_bytes() if path.is_file() else None
    new = render_review(entries, None, old)
    if new is None:
        if old is not None:
            plan.review_removed = path
            plan.review_removed_data = old
    elif not same_apart_from_dates(old, new):
        plan.review = PlannedFile(path, old, new)


def _message_entries(
    plan: ExtractPlan,
    settings: ExtractSettings,
    messages: list[Message],
    rewritten: RewrittenFiles,
    root: Path,
    used_templates: set[str],
) -> list[ReviewEntry]:
    """An entry for each message without usable English (waiting), reviewed but left in the code (kept for
    later), or translated by the engine (fuzzy)."""
    entries: list[ReviewEntry] = []
    for message in messages:
        if message.english_source:
            continue
        locations = rewritten.locations(message, root)
        plural_like = takes_plural_forms(message, settings)
        if message.english is None or message.origin == "invalid":
            entry = ReviewEntry(
                message.template,
                message.english or "",
                False,
                locations,
                plural_like=plural_like,
                english_plural=message.english_plural,
            )
            entries.append(entry)
            plan.pending.append(entry)
        elif message.origin == "review" and message.template not in used_templates:
            # reviewed, but every occurrence was left (made at import time): the answer is kept for later
            entries.append(
                ReviewEntry(
                    message.template,
                    message.english,
                    False,
                    locations,
                    plural_like=plural_like,
                    english_plural=message.english_plural,
                )
            )
        elif message.origin == "machine":
            entry = ReviewEntry(
                message.template,
                message.english,
                True,
                locations,
                [PROPOSED.format(engine=message.engine or "translation")],
                plural_like=plural_like,
                english_plural=message.english_plural,
            )
            entries.append(entry)
            plan.proposed.append(entry)
    return entries
