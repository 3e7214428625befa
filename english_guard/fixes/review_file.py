"""The review file of every fix: one format, a gettext PO file, read and written with Babel.

msgid is the original text as the code has it; msgstr is the English the fix writes in its place (for a
counting message, msgstr[0] the singular and msgstr[1] the plural); the references say where the text
occurs; automatic comments say what the entry is and what to do. gettext's meaning holds everywhere: an
entry is applied when its msgstr is not empty and it is not fuzzy. Any PO editor (Poedit, Lokalize, a
text editor) edits it.

Used by `translate --to-po/--from-po` and the migration's `translations.po` (fixes/translate/review.py)
and by `extract`'s review file (fixes/extract/review.py); each words its own comments and header. Rename's
plan file (fixes/rename/planfile.py) is TOML, because a human edits a table of fields there rather than a
text, but it is the same concept: its header is a `comment_block` and its errors are `ReviewFileError`s.
Babel is imported when a file is read or written, so the plan file does not load it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from english_guard.errors import EnglishGuardError

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog


class ReviewFileError(EnglishGuardError):
    """A review file (or plan file) that cannot be read or used; the message names it and says why."""


def comment_block(text: str) -> str:
    """`text` as the comment lines a review or plan file starts with: "# " before each line, "#" alone for
    an empty one."""
    return "\n".join("# " + line if line else "#" for line in text.splitlines())


@dataclass
class ReviewEntry:
    original: str
    english: str = ""
    fuzzy: bool = False
    locations: list[tuple[str, int]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # the automatic (#.) comments
    # a counting message ("{n} items"): msgstr[0] is the English singular, msgstr[1] the plural
    plural_like: bool = False
    english_plural: str = ""

    @property
    def accepted(self) -> bool:
        """Applied, in gettext's meaning: an English text that is not marked fuzzy."""
        return bool(self.english) and not self.fuzzy


def _catalog_of(data: bytes, name: str) -> Catalog:
    from babel.messages.pofile import read_po

    try:
        return read_po(io.BytesIO(data), abort_invalid=True)
    except Exception as exc:  # Babel raises several types (PoFileError, ValueError, UnicodeDecodeError)
        raise ReviewFileError(f"{name}: not a valid PO file: {exc}") from exc


def read_review_file(path: Path) -> list[ReviewEntry]:
    """Every entry of a review file, fuzzy ones too, in the file's order; an absent file has none."""
    if not path.is_file():
        return []
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReviewFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return entries_of(_catalog_of(data, str(path)))


def entries_of(catalog: Catalog) -> list[ReviewEntry]:
    entries = []
    for message in catalog:
        if not message.id:
            continue  # the header
        locations = [(str(p), int(n)) for p, n in message.locations if n is not None]
        original = message.id if isinstance(message.id, str) else message.id[0]
        if message.pluralizable:
            strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
            forms = [form or "" for form in strings]
            singular, plural = (forms + ["", ""])[:2]
            entry = ReviewEntry(original, singular, message.fuzzy, locations, list(message.auto_comments))
            entry.plural_like, entry.english_plural = True, plural
        else:
            english = message.string if isinstance(message.string, str) else ""
            entry = ReviewEntry(original, english, message.fuzzy, locations, list(message.auto_comments))
        entries.append(entry)
    return entries


def dates_of(previous: bytes | None) -> tuple[datetime, datetime] | None:
    """(creation, revision) dates of an earlier version of a review file, to keep a rerun byte for byte."""
    if not previous:
        return None
    try:
        catalog = _catalog_of(previous, "review file")
    except ReviewFileError:
        return None
    created, revised = catalog.creation_date, catalog.revision_date
    if not isinstance(created, datetime) or not isinstance(revised, datetime):
        return None
    return created, revised


def render_review_file(
    entries: list[ReviewEntry],
    *,
    now: datetime,
    project: str | None = None,
    version: str | None = None,
    header_comment: str | None = None,
    created: datetime | None = None,
    revised: datetime | None = None,
    width: int = 0,
) -> bytes:
    """The bytes of a review file holding `entries` (the same original twice is one entry: its locations and
    comments are merged)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    options: dict[str, str] = {"header_comment": header_comment} if header_comment is not None else {}
    catalog = Catalog(
        locale="en",
        project=project,
        version=version,
        charset="utf-8",
        fuzzy=False,
        creation_date=created or now,
        revision_date=revised or now,
        **options,
    )
    for entry in entries:
        key = (entry.original, entry.original) if entry.plural_like else entry.original
        existing = catalog.get(key)
        if existing is not None:
            existing.locations.extend(loc for loc in entry.locations if loc not in existing.locations)
            existing.auto_comments.extend(c for c in entry.comments if c not in existing.auto_comments)
            continue
        catalog.add(
            key,
            (entry.english, entry.english_plural) if entry.plural_like else entry.english,
            list(entry.locations),
            flags=["fuzzy"] if entry.fuzzy else [],
            auto_comments=list(entry.comments),
        )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=width, sort_output=False, include_previous=False)
    return buffer.getvalue()
