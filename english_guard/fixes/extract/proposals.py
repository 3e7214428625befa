"""English proposals from an offline translation engine, when one is installed for the language.

Imported lazily: without the `translate` extra or without a model for the language, extract
simply sends every message to the review file. Placeholders are masked before translation
and must all come back, or the proposal is dropped (a human then writes the English).
"""

from __future__ import annotations

from dataclasses import dataclass

from english_guard.fixes.extract.placeholders_check import same_placeholders


@dataclass(frozen=True)
class Proposal:
    english: str
    engine: str


def _split_edges(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def propose(texts_by_language: dict[str, list[str]], choice: str) -> tuple[dict[str, Proposal], list[str]]:
    """original -> proposal for the texts an engine could translate, plus notes on what could not run."""
    if choice == "none" or not texts_by_language:
        return {}, []
    try:
        from english_guard.fixes.protect import mask, unmask
        from english_guard.translation.engine_protocol import EngineError
        from english_guard.translation.engine_router import EngineRouter
    except ImportError as exc:  # the translation package is optional at run time
        return {}, [f"no translation engine available ({exc})"]
    try:
        router = EngineRouter(choice)
    except Exception as exc:  # an unreadable model folder must not stop the extraction
        return {}, [f"no translation engine available ({exc})"]
    proposals: dict[str, Proposal] = {}
    notes: list[str] = []
    for language, texts in sorted(texts_by_language.items()):
        if not texts:
            continue
        engine = router.engine_for(language)
        if engine is None:
            notes.append(router.missing_help(language))
            continue
        prepared = []
        for text in texts:
            lead, core, trail = _split_edges(text)
            prepared.append((text, lead, trail, mask(core)))
        try:
            results = engine.translate([masked.text for _t, _l, _r, masked in prepared], language)
        except Exception as exc:  # EngineError and anything a broken model raises: humans take over
            kind = "" if isinstance(exc, EngineError) else f"{type(exc).__name__}: "
            notes.append(f"the {engine.name} engine failed for {language}: {kind}{exc}")
            continue
        for (text, lead, trail, masked), result in zip(prepared, results, strict=True):
            if not result:
                continue
            restored = unmask(result, masked)
            if restored is None or not restored.strip():
                continue
            english = lead + restored.strip() + trail
            if same_placeholders(text, english):
                proposals[text] = Proposal(english, engine.name)
    return proposals, notes
