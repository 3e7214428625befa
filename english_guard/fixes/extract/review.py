"""The review file: a PO file where a human supplies the English for messages no engine could translate.

Each msgid is a message exactly as the code shows it today (placeholders named as in the
rewritten code would name them); its msgstr is the English. An empty msgstr means "waiting for
a human": that message stays untouched in the code. A "fuzzy" entry holds a machine proposal
that is already in use; it stays in the file as a reminder to check it. Entries whose English
came from a human are removed once applied, and the file is deleted when nothing is left.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from english_guard.i18n.catalogs import CatalogError, catalog_time, read_catalog, render_po

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


@dataclass
class ReviewEntry:
    original: str
    english: str = ""
    fuzzy: bool = False
    locations: list[tuple[str, int]] = field(default_factory=list)
    note: str = ""
    # a counting message ("{n} items"): msgstr[0] is the English singular, msgstr[1] the plural
    plural_like: bool = False
    english_plural: str = ""


def load_review(path: Path) -> dict[str, ReviewEntry]:
    """original -> entry; an absent file is an empty review."""
    if not path.is_file():
        return {}
    catalog = read_catalog(path)
    entries = {}
    for message in catalog:
        if not message.id:
            continue
        comments = list(message.auto_comments)
        note = " ".join(comments) if message.fuzzy and comments and comments[0].startswith("english-guard:") else ""
        if message.pluralizable:
            forms = [form or "" for form in message.string or ()]
            singular, plural = (forms + ["", ""])[:2]
            entries[message.id[0]] = ReviewEntry(
                message.id[0],
                singular,
                message.fuzzy,
                list(message.locations),
                note,
                plural_like=True,
                english_plural=plural,
            )
            continue
        msgid = message.id
        if not isinstance(msgid, str):
            continue  # a singular message's id is a string
        english = message.string if isinstance(message.string, str) else ""
        entries[msgid] = ReviewEntry(msgid, english, message.fuzzy, list(message.locations), note)
    return entries


def render_review(entries: list[ReviewEntry], project: str | None, old: bytes | None) -> bytes | None:
    """The review file's new bytes, or None when it should not exist (nothing to review)."""
    if not entries:
        return None
    now = catalog_time()
    catalog = Catalog(
        locale="en",
        project=project,
        header_comment=_header_comment(),
        charset="utf-8",
        fuzzy=False,
        creation_date=now,
        revision_date=now,
    )
    if old:
        try:
            previous = read_catalog_bytes(old)
            catalog.creation_date = previous.creation_date
            catalog.revision_date = previous.revision_date
        except CatalogError:
            pass
    for entry in entries:
        flags = {"fuzzy"} if entry.fuzzy else set()
        comment = entry.note or (ASK_PLURAL if entry.plural_like else ASK)
        if entry.plural_like:
            catalog.add(
                (entry.original, entry.original),
                (entry.english, entry.english_plural),
                sorted(set(entry.locations)),
                flags=flags,
                auto_comments=[comment],
            )
        else:
            catalog.add(
                entry.original, entry.english, sorted(set(entry.locations)), flags=flags, auto_comments=[comment]
            )
    return render_po(catalog)


def read_catalog_bytes(data: bytes):
    from babel.messages.pofile import read_po

    try:
        return read_po(io.BytesIO(data))
    except Exception as exc:
        raise CatalogError(f"not a valid PO file: {exc}") from exc


def _header_comment() -> str:
    return "\n".join("# " + line if line else "#" for line in HEADER.splitlines())
