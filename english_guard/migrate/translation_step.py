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

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from english_guard.config import Config


@dataclass
class TranslationOutcome:
    applied: list = field(default_factory=list)  # fixes.translate.Unit, with .proposal = the text written
    low_confidence: list = field(default_factory=list)  # units with a fuzzy proposal, not applied
    without_model: list = field(default_factory=list)  # units no engine translated and no human answered
    refused: list = field(default_factory=list)  # (unit, reason): an answer that cannot be written there
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    entries: int = 0


def run(
    paths: list[str],
    config: Config,
    review_file: Path,
    engine: str,
    use_memory: bool = True,
    progress_factory: Callable | None = None,
) -> TranslationOutcome:
    """Translate in the current (staging) tree what the review file and the engines say; update the file."""
    from english_guard.fixes.review_file import ReviewEntry
    from english_guard.fixes.runner import write_in_place
    from english_guard.fixes.translate.review import ReviewError, read_migration_review, write_migration_review
    from english_guard.fixes.translate.workflow import is_low_confidence, propose_plans, read_plans, rewrite_plans
    from english_guard.safe_write import UnsafeWriteError
    from english_guard.settings import settings_for
    from english_guard.translation.engine_protocol import EngineError

    outcome = TranslationOutcome()
    try:
        decided = read_migration_review(review_file)
    except ReviewError as exc:
        outcome.errors.append(f"{exc}; fix the review file or delete it to start again")
        return outcome
    plans, outcome.errors, outcome.notes = read_plans(paths, config)
    open_plans = []
    for plan in plans:
        fresh = [u for u in plan.units if u.text not in decided or not decided[u.text].english]
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
        if (entry is None or not entry.english) and unit.proposal is not None:
            fuzzy = is_low_confidence(unit.text, unit.proposal, unit.kind, judge, unit.confidence, unit.needs_review)
            decided[unit.text] = ReviewEntry(unit.text, unit.proposal, fuzzy)
    for unit in units:
        entry = decided.get(unit.text)
        if entry is not None and entry.english:
            unit.proposal = entry.english  # the review file's text is what --write writes
    chosen: dict[int, dict[int, str]] = {}
    for plan in plans:
        for index, unit in enumerate(plan.units):
            entry = decided.get(unit.text)
            if entry is None or not entry.english:
                outcome.without_model.append(unit)
            elif entry.fuzzy:
                outcome.low_confidence.append(unit)
            else:
                chosen.setdefault(id(plan), {})[index] = entry.english
    rewrite = rewrite_plans(plans, chosen)
    outcome.errors += rewrite.errors
    for item in rewrite.files:
        outcome.refused += item.refused
        outcome.applied += item.applied
    try:  # in the staging copy: the migration commits the copy as one transaction, verified as a whole
        write_in_place(Path(config.root), rewrite.changes(Path(config.root)))
    except (UnsafeWriteError, OSError) as exc:
        outcome.errors.append(str(exc))
    outcome.entries = write_migration_review(review_file, units, decided)
    return outcome
