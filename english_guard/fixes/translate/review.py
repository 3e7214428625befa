"""The translate fix's review files, in the one review-file format of every fix (`fixes.review_file`).

`translate --to-po FILE` writes one entry per distinct original text: msgid = the original comment or
docstring text, msgstr = the machine proposal flagged `fuzzy`, references = file:line of every place it
occurs, and automatic comments naming the language and the engine. Texts no engine could translate get an
empty msgstr and a comment saying what is missing: they are listed for a human, never invented.
`translate --from-po FILE` applies exactly what the file says, with gettext's own meaning: an entry is
applied when its msgstr is not empty and it is not fuzzy. A reviewer accepts a proposal by removing the
fuzzy flag (PO editors do this when an entry is confirmed) and may change the msgstr on the way.

The migration's `translations.po` (`write_migration_review`) is the same format; there a proposal that
needs no review (`workflow.is_low_confidence` is false) starts accepted, and an answer a human gave stays on
every later run.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from english_guard.fixes.review_file import (
    ReviewEntry,
    ReviewFileError,
    comment_block,
    dates_of,
    read_review_file,
    render_review_file,
)
from english_guard.translation.languages import describe

MIGRATION_HEADER = """\
Comments and docstrings found by the english-guard migration (translate_comments.py).
msgid is the text as the code has it; msgstr is the English that `--write` puts in its place.
An entry is applied when its msgstr is not empty and it is not marked fuzzy. Fill in the empty
ones, check the fuzzy (low-confidence) ones and remove their fuzzy flag, change any you like.

"""


class ReviewError(ReviewFileError):
    """A translate review file that cannot be read or written; the message names it."""


@dataclass(frozen=True)
class Decision:
    """One accepted translation from a review file."""

    original: str
    translation: str
    locations: tuple[tuple[str, int], ...]


def _distinct(units, comments_for) -> list[ReviewEntry]:
    """One entry per distinct text, with every place it occurs; `comments_for(unit, entry)` words each."""
    by_text: dict[str, ReviewEntry] = {}
    for unit in units:
        entry = by_text.get(unit.text)
        if entry is None:
            entry = by_text[unit.text] = ReviewEntry(unit.text)
            entry.locations.append((unit.path, unit.line))
            comments_for(unit, entry, True)
        else:
            entry.locations.append((unit.path, unit.line))
            comments_for(unit, entry, False)
    return list(by_text.values())


def write_review(units, path: Path) -> int:
    """`--to-po`: every unit into a review file, proposals fuzzy; returns the number of entries."""
    from english_guard.i18n.catalogs import catalog_time
    from english_guard.safe_write import atomic_write_bytes

    def comments_for(unit, entry: ReviewEntry, first: bool) -> None:
        comments = [f"{unit.role or unit.kind} in {describe(unit.language)}"]
        if unit.proposal is not None:
            comments.append(f"proposed by {unit.engine}; remove the fuzzy flag to accept")
        else:
            comments.append(f"no proposal: {unit.problem}")
        if first:
            entry.english, entry.fuzzy = unit.proposal or "", unit.proposal is not None
        entry.comments += [comment for comment in comments if comment not in entry.comments]

    entries = _distinct(units, comments_for)
    data = render_review_file(entries, now=catalog_time(), project="english-guard translate review")
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise ReviewError(f"{path}: cannot write the review file: {exc.strerror or exc}") from exc
    return len(entries)


def read_review(path: Path) -> list[Decision]:
    """`--from-po`: the accepted entries of a reviewed file (msgstr not empty, not fuzzy)."""
    if not path.is_file():
        raise ReviewError(f"{path}: no such review file")
    try:
        entries = read_review_file(path)
    except ReviewFileError as exc:
        raise ReviewError(str(exc)) from exc
    return [
        Decision(entry.original, entry.english, tuple(entry.locations))
        for entry in entries
        if entry.accepted and not entry.plural_like
    ]


@dataclass
class Matched:
    """A reviewed file's decisions matched with this run's units."""

    accepted: dict[int, dict[int, str]]  # id(plan) -> {unit index: English}
    elsewhere: list[str]  # files the review file has answers for that this run did not translate
    gone: list[tuple[str, int]]  # (file, line) of answers whose original text is no longer there


def accepted_from_review(decisions: list[Decision], plans: list) -> Matched:
    """Which unit each accepted answer goes to: the same text in the same file, on the same line when the
    text occurs more than once."""
    by_text: dict[tuple[str, str], list[tuple[object, int]]] = defaultdict(list)
    for plan in plans:
        for index, unit in enumerate(plan.units):
            by_text[(Path(plan.path).as_posix(), unit.text)].append((plan, index))
    processed = {Path(plan.path).as_posix() for plan in plans}
    matched = Matched(
        defaultdict(dict), sorted({Path(f).as_posix() for d in decisions for f, _line in d.locations} - processed), []
    )
    for decision in decisions:
        for file, line in decision.locations:
            candidates = by_text.get((Path(file).as_posix(), decision.original), [])
            if not candidates:
                if Path(file).as_posix() in processed:
                    matched.gone.append((file, line))
                continue
            same_line = [c for c in candidates if c[0].units[c[1]].line == line]  # type: ignore[attr-defined]
            for plan, index in same_line or candidates:
                matched.accepted[id(plan)][index] = decision.translation
    return matched


def read_migration_review(path: Path) -> dict[str, ReviewEntry]:
    """Every entry of the migration's review file (fuzzy ones too), by original text; absent: empty."""
    try:
        entries = read_review_file(path)
    except ReviewFileError as exc:
        raise ReviewError(str(exc)) from exc
    return {entry.original: entry for entry in entries if not entry.plural_like}


def write_migration_review(path: Path, units: list, decided: dict[str, ReviewEntry]) -> int:
    """The migration's review file for `units`: one entry per distinct text, where it is, why it is how it is."""
    from english_guard.i18n.catalogs import catalog_time
    from english_guard.safe_write import atomic_write_bytes

    def comments_for(unit, entry: ReviewEntry, first: bool) -> None:
        if not first:
            return
        known = decided.get(unit.text)
        comments = [f"{unit.kind} in {describe(unit.language)}"]
        if known is None or not known.english:
            comments.append(f"no translation: {unit.problem or 'no engine proposed one'}; write the English in msgstr")
        elif known.fuzzy:
            comments.append("low-confidence proposal: check it, then remove the fuzzy flag to apply it")
        else:
            comments.append("applied by --write unless you change it or mark it fuzzy")
        entry.comments = comments
        if known is not None:
            entry.english, entry.fuzzy = known.english, known.fuzzy

    entries = _distinct(units, comments_for)
    dates = dates_of(path.read_bytes()) if path.is_file() else None  # a rerun leaves the file as it was
    data = render_review_file(
        entries,
        now=catalog_time(),
        project="english-guard migration",
        version="1",
        header_comment=comment_block(MIGRATION_HEADER),
        created=dates[0] if dates else None,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, data)
    return len(entries)
