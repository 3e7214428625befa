"""Step 2: comments and docstrings, through a PO review file (`translations.po`).

The review file has one entry per distinct original text. Its meaning is gettext's: an entry is
applied when its msgstr is not empty and it is not fuzzy. A new machine proposal is written as an
applied entry, unless it is of low confidence: it comes from the word-for-word glossary (always), the
language of the original was uncertain, or the check's own language detection finds a foreign or unknown word left in
the proposal. Then it is fuzzy, is not applied, and is listed for review.
An entry a human answered keeps its answer on every later run; an entry with an empty msgstr is
open, and a model installed later may fill it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from english_guard.config import Config

LOW_CONFIDENCE = 0.6  # below this, the detector's language for a text is a guess
_WORD = re.compile(r"[^\W\d_]+(?:['\u02bb\u02bc\u2019][^\W\d_]+)*")


HEADER = """\
# Comments and docstrings found by the english-guard migration (translate_comments.py).
# msgid is the text as the code has it; msgstr is the English that `--write` puts in its place.
# An entry is applied when its msgstr is not empty and it is not marked fuzzy. Fill in the empty
# ones, check the fuzzy (low-confidence) ones and remove their fuzzy flag, change any you like.
#"""


@dataclass
class PoEntry:
    text: str
    translation: str
    fuzzy: bool


@dataclass
class TranslationOutcome:
    applied: list = field(default_factory=list)  # fixes.translate.Unit, with .proposal = the text written
    low_confidence: list = field(default_factory=list)  # units with a fuzzy proposal, not applied
    without_model: list = field(default_factory=list)  # units no engine translated and no human answered
    refused: list = field(default_factory=list)  # (unit, reason): an answer that cannot be written there
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    entries: int = 0


def read_po(path: Path) -> dict[str, PoEntry]:
    """Every entry of an existing review file (fuzzy ones too); an absent file is empty."""
    from babel.messages.pofile import read_po as babel_read_po

    if not path.is_file():
        return {}
    with open(path, "rb") as handle:
        catalog = babel_read_po(handle, abort_invalid=True)
    entries = {}
    for message in catalog:
        if message.id and isinstance(message.id, str):
            string = message.string if isinstance(message.string, str) else ""
            entries[message.id] = PoEntry(message.id, string, message.fuzzy)
    return entries


def is_low_confidence(
    original: str, proposal: str, kind: str, judge, confidence: float = 0.0, needs_review: bool = False
) -> bool:
    """A proposal a human must check before it is written: one from an engine whose output is only ever
    a proposal (the word-for-word glossary), of an uncertain language, or one the check's own language detection does
    not read as plain English word by word (a foreign or unknown word left, a word of the original kept)."""
    if needs_review:
        return True
    if confidence and confidence < LOW_CONFIDENCE:
        return True
    verdict = judge(proposal, kind, explain=True)
    if not verdict.english or any(w.verdict in ("foreign", "unknown") for w in verdict.words):
        return True
    foreign = {w.word.lower() for w in judge(original, kind).words if w.verdict in ("foreign", "unknown")}
    kept = {word.lower() for word in _WORD.findall(proposal)}
    return bool(foreign & kept)


def write_po(path: Path, units: list, decided: dict[str, PoEntry]) -> int:
    """The review file for `units`: one entry per distinct text, its locations, why it is how it is."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po as babel_write_po

    from english_guard.i18n.catalogs import catalog_time
    from english_guard.migrate.workspace import write_file
    from english_guard.translation.languages import describe

    now = catalog_time()
    catalog = Catalog(
        locale="en",
        project="english-guard migration",
        version="1",
        header_comment=HEADER,
        fuzzy=False,
        creation_date=now,
        revision_date=now,
    )
    if path.is_file():  # a rerun with nothing new leaves the file byte for byte as it was
        from babel.messages.pofile import read_po as babel_read_po

        with open(path, "rb") as handle:
            catalog.creation_date = babel_read_po(handle).creation_date
    for unit in units:
        existing = catalog.get(unit.text)
        if existing is not None:
            existing.locations.append((unit.path, unit.line))
            continue
        entry = decided.get(unit.text)
        comments = [f"{unit.kind} in {describe(unit.language)}"]
        if entry is None or not entry.translation:
            comments.append(f"no translation: {unit.problem or 'no engine proposed one'}; write the English in msgstr")
        elif entry.fuzzy:
            comments.append("low-confidence proposal: check it, then remove the fuzzy flag to apply it")
        else:
            comments.append("applied by --write unless you change it or mark it fuzzy")
        catalog.add(
            unit.text,
            string=entry.translation if entry else "",
            locations=[(unit.path, unit.line)],
            flags=["fuzzy"] if entry is not None and entry.fuzzy else [],
            auto_comments=comments,
        )
    buffer = io.BytesIO()
    babel_write_po(buffer, catalog, width=0, sort_output=False, include_previous=False, omit_header=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, buffer.getvalue())
    return len(catalog)


def run(
    paths: list[str],
    config: Config,
    review_file: Path,
    engine: str,
    use_memory: bool = True,
    progress_factory: Callable | None = None,
) -> TranslationOutcome:
    """Translate in the current (staging) tree what the review file and the engines say; update the file."""
    from english_guard.fixes.safe_write import UnsafeWriteError, write_python_source
    from english_guard.fixes.translate import TranslateError, apply
    from english_guard.settings import settings_for
    from english_guard.translation.engine_protocol import EngineError
    from english_guard.translation.workflow import propose_plans, read_plans

    outcome = TranslationOutcome()
    decided = read_po(review_file)
    plans, outcome.errors, outcome.notes = read_plans(paths, config)
    open_plans = []
    for plan in plans:
        fresh = [u for u in plan.units if u.text not in decided or not decided[u.text].translation]
        if fresh:
            open_plans.append(plan)
    try:
        outcome.notes += propose_plans(open_plans, config, engine, use_memory, progress_factory)
    except EngineError as exc:
        outcome.errors.append(str(exc))
    units = [unit for plan in plans for unit in plan.units]
    judge = settings_for(config).text_judge()
    for unit in units:
        entry = decided.get(unit.text)
        if (entry is None or not entry.translation) and unit.proposal is not None:
            fuzzy = is_low_confidence(unit.text, unit.proposal, unit.kind, judge, unit.confidence, unit.needs_review)
            decided[unit.text] = PoEntry(unit.text, unit.proposal, fuzzy)
    for unit in units:
        entry = decided.get(unit.text)
        if entry is not None and entry.translation:
            unit.proposal = entry.translation  # the review file's text is what --write writes
    for plan in plans:
        accepted = {}
        for index, unit in enumerate(plan.units):
            entry = decided.get(unit.text)
            if entry is None or not entry.translation:
                outcome.without_model.append(unit)
            elif entry.fuzzy:
                outcome.low_confidence.append(unit)
            else:
                accepted[index] = entry.translation
        try:
            new, applied, refused = apply(plan, accepted)
        except TranslateError as exc:
            outcome.errors.append(str(exc))
            continue
        outcome.refused += refused
        outcome.applied += applied
        if new != plan.source:
            try:
                write_python_source(plan.path, new)
            except (UnsafeWriteError, OSError) as exc:
                outcome.errors.append(str(exc))
    outcome.entries = write_po(review_file, units, decided)
    return outcome
