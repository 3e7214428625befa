"""Propose English texts for units: sentence by sentence, code protected, through the memory and the engines."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from english_guard.fixes import protect
from english_guard.fixes.translate.units import Unit
from english_guard.fixes.translate.wrapping import Block, layout, render_blocks
from english_guard.translation.engine_protocol import Engine
from english_guard.translation.sentences import split_sentences


class _Requests:
    """Sentences waiting for an engine, deduplicated, answered from the memory or in batches."""

    def __init__(self, memory, batch_size: int = 32) -> None:
        self.memory = memory
        self.batch_size = batch_size
        self.pending: dict[tuple[int, str], list[str]] = {}
        self.engines: dict[int, Engine] = {}
        self.results: dict[tuple[str, str, str], str | None] = {}

    def want(self, engine, language: str, sentence: str) -> None:
        key = (engine.name, language, sentence)
        if key in self.results:
            return
        remember = self.memory is not None and getattr(engine, "remember", True)
        cached = self.memory.get(engine.name, language, sentence) if remember else None
        if cached is not None:
            self.results[key] = cached
            return
        self.results[key] = None
        self.engines[id(engine)] = engine
        self.pending.setdefault((id(engine), language), []).append(sentence)

    def count(self) -> int:
        return sum(len(v) for v in self.pending.values())

    def run(self, progress: Callable[[int], None] | None = None) -> None:
        for (engine_id, language), sentences in self.pending.items():
            engine = self.engines[engine_id]
            for start in range(0, len(sentences), self.batch_size):
                chunk = sentences[start : start + self.batch_size]
                for sentence, result in zip(chunk, engine.translate(chunk, language), strict=True):
                    self.results[(engine.name, language, sentence)] = result
                    if result is not None and self.memory is not None and getattr(engine, "remember", True):
                        self.memory.put(engine.name, language, sentence, result)
                if progress is not None:
                    progress(len(chunk))
        self.pending.clear()

    def get(self, engine, language: str, sentence: str) -> str | None:
        return self.results.get((engine.name, language, sentence))


def _needs_translation(sentence: str, kind: str, judge: Callable | None) -> bool:
    if not protect.has_words(sentence):
        return False
    stripped = re.sub(r"X+\d+X+", " ", sentence)
    if not protect.has_words(stripped):
        return False
    if judge is None:
        return True
    verdict = judge(stripped, kind)
    if not verdict.english:
        return True
    # "English" for want of evidence (a lone short word such as a conjunction between two code spans):
    # translate it when it is written in another alphabet.
    has_evidence = any(w.verdict in ("english", "code", "proper") for w in verdict.words)
    return not has_evidence and any(ch.isalpha() and not ch.isascii() for ch in stripped)


def propose(
    units: list[Unit],
    router,
    memory=None,
    judge: Callable | None = None,
    progress_factory: Callable[[int], Callable[[int], None]] | None = None,
) -> None:
    """Fill `proposal` (or `problem`) for every unit."""
    requests = _Requests(memory)
    plans = [plan for unit in units if (plan := _plan_unit(unit, router, requests, judge)) is not None]

    _run(requests, progress_factory)

    # Assemble; paragraphs whose protected tokens did not survive are retried piece by piece.
    retry: list[_UnitPlan] = []
    for plan in plans:
        pending_pieces = _assemble(plan, router, requests, judge)
        if plan.unit.problem:
            continue
        if pending_pieces:
            retry.append(plan)
        else:
            _finish(plan.unit, plan.blocks, plan.texts)

    if retry:
        _run(requests, progress_factory)
        for plan in retry:
            _assemble_by_pieces(plan, router, requests, judge)
            if not plan.unit.problem:
                _finish(plan.unit, plan.blocks, plan.texts)


@dataclass
class _UnitPlan:
    """One unit on its way: its engine, its blocks, the masked text of each block to translate, and the
    translated text of each block done."""

    unit: Unit
    engine: Engine
    blocks: list[Block]
    masks: dict[int, protect.Masked]
    texts: dict[int, str] = field(default_factory=dict)


def _plan_unit(unit: Unit, router, requests: _Requests, judge: Callable | None) -> _UnitPlan | None:
    """Choose the unit's engine and ask for its sentences (None: no engine, `unit.problem` says why)."""
    engine = router.engine_for(unit.language)
    if engine is None:
        unit.problem = router.missing_help(unit.language)
        return None
    unit.engine = engine.name
    unit.needs_review = getattr(engine, "needs_review", False)
    blocks = layout(unit.text)
    masks = {}
    for index, block in enumerate(blocks):
        if block.verbatim:
            continue
        masked = protect.mask(" ".join(block.lines))
        masks[index] = masked
        for sentence in split_sentences(masked.text):
            if _needs_translation(sentence, unit.kind, judge):
                requests.want(engine, unit.language, sentence)
    return _UnitPlan(unit, engine, blocks, masks)


def _assemble(plan: _UnitPlan, router, requests: _Requests, judge: Callable | None) -> bool:
    """Translate each block whole; true when a block lost a protected token and its pieces were asked for
    instead (translated by `_assemble_by_pieces` after the next run)."""
    unit, engine, blocks = plan.unit, plan.engine, plan.blocks
    pending_pieces = False
    for index, masked in plan.masks.items():
        translated = _translate_sentences(masked.text, unit, engine, requests, judge)
        if translated is None:
            unit.problem = router.incomplete_help(engine.name, unit.language)
            break
        restored = protect.unmask(translated, masked)
        if restored is None:
            pending_pieces = True
            for piece, protected in protect.runs(" ".join(blocks[index].lines)):
                if not protected:
                    for sentence in split_sentences(_edges(piece)[1]):
                        if _needs_translation(sentence, unit.kind, judge):
                            requests.want(engine, unit.language, sentence)
            continue
        plan.texts[index] = restored
    return pending_pieces


def _assemble_by_pieces(plan: _UnitPlan, router, requests: _Requests, judge: Callable | None) -> None:
    """The blocks left: each piece between protected spans translated on its own."""
    unit, engine = plan.unit, plan.engine
    for index in plan.masks:
        if index in plan.texts:
            continue
        pieces = []
        for piece, protected in protect.runs(" ".join(plan.blocks[index].lines)):
            if protected or not protect.has_words(piece):
                pieces.append(piece)
                continue
            lead, core, trail = _edges(piece)
            translated = _translate_sentences(core, unit, engine, requests, judge)
            if translated is None:
                unit.problem = router.incomplete_help(engine.name, unit.language)
                break
            pieces.append(lead + translated + trail)
        if unit.problem:
            break
        plan.texts[index] = "".join(pieces)


_EDGE = re.compile(r"^([\W\d_]*)(.*?)([\W\d_]*)$", re.DOTALL)


def _edges(piece: str) -> tuple[str, str, str]:
    """Split a piece between protected spans into (leading non-letters, words, trailing non-letters).

    Only the words go to the engine, so a comment marker or bracket next to a protected span survives.
    A sentence's own final stop stays with the words.
    """
    edges = _EDGE.match(piece)
    assert edges is not None  # every part of the pattern may be empty
    lead, core, trail = edges.groups()
    stop = re.match(r"^[.!?\u2026]+", trail)
    if stop and core:
        core, trail = core + stop.group(), trail[stop.end() :]
    return lead, core, trail


def _run(requests: _Requests, progress_factory) -> None:
    total = requests.count()
    if not total:
        return
    if progress_factory is None:
        requests.run()
        return
    with progress_factory(total) as update:
        requests.run(update)


def _translate_sentences(text: str, unit: Unit, engine, requests: _Requests, judge) -> str | None:
    out = []
    for sentence in split_sentences(text):
        if not _needs_translation(sentence, unit.kind, judge):
            out.append(sentence)
            continue
        translated = requests.get(engine, unit.language, sentence)
        if translated is None:
            return None
        out.append(translated)
    return " ".join(out)


def _finish(unit: Unit, blocks: list[Block], texts: dict[int, str]) -> None:
    proposal = render_blocks(
        blocks, texts, unit.width, wrap=not unit.inline, first_offset=unit.render.get("first_offset", 0)
    )
    if unit.inline:
        proposal = " ".join(proposal.split("\n"))
    unit.proposal = proposal
