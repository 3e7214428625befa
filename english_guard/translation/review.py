"""The review step as a gettext PO file, read and written with Babel.

`--to-po` writes one entry per distinct original text: msgid = the original comment or docstring text,
msgstr = the machine proposal flagged `fuzzy`, references = file:line of every place it occurs, and
automatic comments naming the language and the engine. Texts no engine could translate get an empty
msgstr and a comment saying what is missing: they are listed for a human, never invented.

`--from-po` applies exactly what the file says, with gettext's own meaning: an entry is applied when
its msgstr is not empty and it is not fuzzy. A reviewer accepts a proposal by removing the fuzzy flag
(PO editors do this when an entry is confirmed) and may change the msgstr on the way.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from english_guard.errors import EnglishGuardError
from english_guard.translation.languages import describe


class ReviewError(EnglishGuardError):
    """A review file that cannot be read or written; the message names it."""


@dataclass(frozen=True)
class Decision:
    """One accepted translation from a review file."""

    original: str
    translation: str
    locations: tuple[tuple[str, int], ...]


def write_review(units, path: Path) -> int:
    """Write every unit into a PO file; returns the number of entries."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale="en", project="english-guard translate review", fuzzy=False)
    for unit in units:
        comments = [f"{unit.role or unit.kind} in {describe(unit.language)}"]
        if unit.proposal is not None:
            comments.append(f"proposed by {unit.engine}; remove the fuzzy flag to accept")
        else:
            comments.append(f"no proposal: {unit.problem}")
        existing = catalog.get(unit.text)
        if existing is not None:
            existing.locations.append((unit.path, unit.line))
            for comment in comments:
                if comment not in existing.auto_comments:
                    existing.auto_comments.append(comment)
            continue
        catalog.add(
            unit.text,
            string=unit.proposal or "",
            locations=[(unit.path, unit.line)],
            flags=["fuzzy"] if unit.proposal is not None else [],
            auto_comments=comments,
        )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, include_previous=False)
    from english_guard.fixes.safe_write import atomic_write_bytes

    try:
        atomic_write_bytes(path, buffer.getvalue())
    except OSError as exc:
        raise ReviewError(f"{path}: cannot write the review file: {exc.strerror or exc}") from exc
    return len(catalog)


def read_review(path: Path) -> list[Decision]:
    """The accepted entries of a reviewed PO file (non-empty msgstr, not fuzzy)."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        with open(path, "rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except FileNotFoundError as exc:
        raise ReviewError(f"{path}: no such review file") from exc
    except OSError as exc:
        raise ReviewError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        raise ReviewError(f"{path}: not a valid PO file: {exc}") from exc
    decisions = []
    for message in catalog:
        if not message.id or message.fuzzy or isinstance(message.id, tuple):
            continue
        if not isinstance(message.string, str) or not message.string:
            continue
        locations = tuple((str(p), int(n)) for p, n in message.locations if n is not None)
        decisions.append(Decision(message.id, message.string, locations))
    return decisions
