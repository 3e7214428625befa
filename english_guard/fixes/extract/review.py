"""The review file: a PO file where a human supplies the English for messages no engine could translate.

Each msgid is a message exactly as the code shows it today (placeholders named as in the
rewritten code would name them); its msgstr is the English. An empty msgstr means "waiting for
a human": that message stays untouched in the code. A "fuzzy" entry holds a machine proposal
that is already in use; it stays in the file as a reminder to check it. Entries whose English
came from a human are removed once applied, and the file is deleted when nothing is left.
The format and its entries are every fix's review file (`fixes.review_file`); this module words extract's
comments.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from english_guard.fixes import review_file
from english_guard.fixes.review_file import ReviewEntry
from english_guard.i18n.catalogs import CatalogError, catalog_time

HEADER = """English text for user-facing messages found by `english-guard extract`.
Each msgid is a message as the code shows it today. Write its English in
msgstr, keeping every placeholder ({name}, {}, %s, %(name)s) and any leading
or trailing spaces and newlines, then run `english-guard extract` again.
Entries flagged fuzzy hold a machine proposal already used in the code.
"""

ASK = "english-guard: write the English for this message in msgstr"
ASK_PLURAL = (
    "english-guard: write the English singular in msgstr[0] and the plural in msgstr[1] "
    "(or only msgstr[0] for one form)"
)
PROPOSED = "english-guard: English proposed by the {engine} engine and already used in the code; check it"


def load_review(path: Path) -> dict[str, ReviewEntry]:
    """original -> entry; an absent file is an empty review. An entry keeps one comment, the note a machine
    proposal carries (it says which engine proposed it); the request to write the English is made anew."""
    try:
        found = review_file.read_review_file(path)
    except review_file.ReviewFileError as exc:
        raise CatalogError(str(exc)) from exc
    entries = {}
    for entry in found:
        comments = entry.comments
        proposal = entry.fuzzy and comments and comments[0].startswith("english-guard:")
        entry.comments = [" ".join(comments)] if proposal else []
        entries[entry.original] = entry
    return entries


def render_review(entries: list[ReviewEntry], project: str | None, old: bytes | None) -> bytes | None:
    """The review file's new bytes, or None when it should not exist (nothing to review)."""
    if not entries:
        return None
    dates = review_file.dates_of(old)
    written = [
        dataclasses.replace(
            entry,
            locations=sorted(set(entry.locations)),
            comments=entry.comments[:1] or [ASK_PLURAL if entry.plural_like else ASK],
        )
        for entry in entries
    ]
    return review_file.render_review_file(
        written,
        now=catalog_time(),
        project=project,
        header_comment=review_file.comment_block(HEADER),
        created=dates[0] if dates else None,
        revised=dates[1] if dates else None,
        width=76,
    )
