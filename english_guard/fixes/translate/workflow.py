"""The translate fix from end to end, without any printing: for `english-guard translate`, the migration
and the migration script alike.

    plans = read_plans(paths, config)                 # the units of every Python file, judged as check judges
    propose_plans(plans, config, engine)               # fill each unit's proposal (memory, then the engines)
    rewrite = rewrite_plans(plans, chosen)             # in memory: new bytes per file, units applied and refused
    apply_changes(root, rewrite.changes(root), ...)    # fixes.runner: verified, all files or none

    result = translate_paths(["src"], load_config(), write=True)
    result.untranslated   # units left for a human, each with `problem` saying why
    result.errors         # files that could not be read, parsed or written
    result.verification   # why the verification gate stopped the write (nothing was written)

Only reviewed English is written: `write=True` (and `english-guard translate --write`) writes the proposals
that need no review (`is_low_confidence` is false: a model's translation of a language named with
confidence that the check's own language detection reads as English word by word) and leaves the others, each with
the reason, for the review file (`--to-po`, then `--from-po`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from english_guard.config import Config
from english_guard.fixes.transaction import Change
from english_guard.fixes.translate import FilePlan, TranslateError, Unit, apply, collect, propose
from english_guard.fixes.verify import DEFAULT_OPTIONS, VerifyOptions
from english_guard.own_files import read_source_file
from english_guard.settings import settings_for
from english_guard.translation.engine_protocol import EngineError

LOW_CONFIDENCE = 0.6  # below this, the detector's language for a text is a guess
STATE = ".english-guard/translate"  # the commit journal of `translate --write` (see fixes.transaction)
UNREVIEWED = "not written: a low-confidence proposal ({why}); review it: --to-po FILE, then --from-po FILE --write"


@dataclass
class TranslationResult:
    plans: list[FilePlan] = field(default_factory=list)
    changed: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)  # path -> (old, new)
    applied: list[Unit] = field(default_factory=list)
    untranslated: list[Unit] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # files skipped on purpose
    recovered: list[str] = field(default_factory=list)  # files an interrupted --write was finished with
    verification: list[str] = field(default_factory=list)  # the gate's problems: nothing was written


def read_plans(paths: list[str], config: Config, judged: bool = True) -> tuple[list[FilePlan], list[str], list[str]]:
    """Collect the translation units of every Python file under `paths`: (plans, errors, notes)."""
    from english_guard.sources.registry import reader_name_for
    from english_guard.walk import collect_files

    walked = collect_files(paths, config)
    errors = [f"{path}: {problem}" for path, problem in walked.problems]
    notes: list[str] = []
    settings = settings_for(config) if judged else None
    plans = []
    for path in walked.files:
        if reader_name_for(path, config.file_types) != "python":
            if path in walked.explicit:
                notes.append(f"{path}: skipped: only Python comments, docstrings and strings are translated")
            continue
        try:
            source = read_source_file(path)
        except OSError as exc:
            errors.append(f"{path}: cannot read: {exc.strerror or exc}")
            continue
        try:
            plans.append(collect(path, source, settings.text_judge(path) if settings is not None else None, config))
        except TranslateError as exc:
            errors.append(str(exc))
    return plans, errors, notes


def memory_for(config: Config, enabled: bool = True):
    from english_guard.translation.memory import TranslationMemory

    return TranslationMemory(Path(config.root) / config.cache_dir / "translation-memory.json" if enabled else None)


def propose_plans(
    plans: list[FilePlan],
    config: Config,
    engine: str = "auto",
    use_memory: bool = True,
    progress_factory: Callable | None = None,
) -> list[str]:
    """Fill every unit's proposal or problem; returns warnings (a memory that could not be saved)."""
    from english_guard.translation.engine_router import EngineRouter

    units = [unit for plan in plans for unit in plan.units]
    if not units:
        return []
    memory = memory_for(config, use_memory)
    router = EngineRouter(engine)
    warnings = [f"skipped a broken model package: {item.problem}" for item in router.broken]
    propose(units, router, memory, judge=settings_for(config).text_judge(), progress_factory=progress_factory)
    try:
        memory.save()
    except OSError as exc:  # a memory that cannot be saved only costs time next run
        warnings.append(f"cannot save the translation memory: {exc}")
    return warnings


def is_low_confidence(
    original: str, proposal: str, kind: str, judge, confidence: float = 0.0, needs_review: bool = False
) -> bool:
    """A proposal a human must check before it is written: one from an engine whose output is only ever
    a proposal (the word-for-word glossary), of an uncertain language, or one the check's own language detection does
    not read as plain English word by word (a foreign or unknown word left, a word of the original kept)."""
    return bool(low_confidence_reason(original, proposal, kind, judge, confidence, needs_review))


def low_confidence_reason(
    original: str, proposal: str, kind: str, judge, confidence: float = 0.0, needs_review: bool = False
) -> str:
    """Why a proposal needs a human's review ("" when it does not); see `is_low_confidence`."""
    if needs_review:
        return "a word-for-word glossary rendering"
    if confidence and confidence < LOW_CONFIDENCE:
        return "the language of the original is uncertain"
    verdict = judge(proposal, kind, explain=True)
    if not verdict.english or any(w.verdict in ("foreign", "unknown") for w in verdict.words):
        return "it does not read as English"
    foreign = {w.word.lower() for w in judge(original, kind).words if w.verdict in ("foreign", "unknown")}
    # The words of the prose as the engine reads it: a doctest or code span kept verbatim is not prose.
    kept = {w.word.lower() for w in verdict.words}
    return "it keeps a word of the original" if foreign & kept else ""


def confident_proposals(plans: list[FilePlan], config: Config) -> dict[int, dict[int, str]]:
    """The proposals `--write` may write without a review file: id(plan) -> {unit index: English}.

    Every other proposal gets its reason in `unit.problem` and is left as it is."""
    judge = settings_for(config).text_judge()
    chosen: dict[int, dict[int, str]] = {}
    for plan in plans:
        for index, unit in enumerate(plan.units):
            if unit.proposal is None or unit.proposal == unit.text:
                continue
            why = low_confidence_reason(unit.text, unit.proposal, unit.kind, judge, unit.confidence, unit.needs_review)
            if why:
                unit.problem = UNREVIEWED.format(why=why)
                continue
            chosen.setdefault(id(plan), {})[index] = unit.proposal
    return chosen


@dataclass
class Rewritten:
    """One file with the chosen translations written in (in memory)."""

    plan: FilePlan
    new: bytes
    applied: list[Unit]
    refused: list[tuple[Unit, str]]  # (unit, reason): a translation that cannot be written there

    @property
    def changed(self) -> bool:
        return self.new != self.plan.source


@dataclass
class Rewrite:
    files: list[Rewritten] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def changed(self) -> list[Rewritten]:
        return [item for item in self.files if item.changed]

    def changes(self, root: Path) -> list[Change]:
        """The changed files as changes of the project at `root`, for `fixes.runner.apply_changes`."""
        from english_guard.fixes.runner import changes_of

        return changes_of(
            root,
            [
                (item.plan.path, item.plan.source, item.new)
                for item in self.changed
                if isinstance(item.plan.source, bytes)
            ],
        )


def rewrite_plans(plans: list[FilePlan], chosen: dict[int, dict[int, str]]) -> Rewrite:
    """Every file with its chosen translations (id(plan) -> {unit index: English}) written in, in memory:
    the one apply step of `translate` and of the migration."""
    rewrite = Rewrite()
    for plan in plans:
        try:
            new, applied, refused = apply(plan, chosen.get(id(plan), {}))
        except TranslateError as exc:
            rewrite.errors.append(str(exc))
            continue
        rewrite.files.append(Rewritten(plan, new, applied, refused))
    return rewrite


def translate_paths(
    paths: list[str],
    config: Config,
    engine: str = "auto",
    write: bool = False,
    use_memory: bool = True,
    progress_factory: Callable | None = None,
    verify: VerifyOptions | None = DEFAULT_OPTIONS,
) -> TranslationResult:
    """Translate the non-English comments and docstrings under `paths`; with `write`, write the proposals
    that need no review (see the module's text), through the verification gate, all files or none.

    `verify` is the gate's options (default: the project's tests, found as `translate --write` finds
    them); when it finds a problem nothing is written and `result.verification` says why."""
    from english_guard.fixes.runner import WriteRefused, apply_changes
    from english_guard.safe_write import UnsafeWriteError

    result = TranslationResult()
    result.plans, result.errors, result.notes = read_plans(paths, config)
    try:
        result.notes += propose_plans(result.plans, config, engine, use_memory, progress_factory)
    except EngineError as exc:
        result.errors.append(str(exc))
        return result
    chosen = confident_proposals(result.plans, config)
    rewrite = rewrite_plans(result.plans, chosen)
    result.errors += rewrite.errors
    for item in rewrite.files:
        picked = chosen.get(id(item.plan), {})
        result.untranslated += [u for i, u in enumerate(item.plan.units) if i not in picked]
        for unit, reason in item.refused:
            unit.problem = reason
            result.untranslated.append(unit)
    if write and rewrite.changed:
        try:
            written = apply_changes(Path(config.root), rewrite.changes(Path(config.root)), state=STATE, verify=verify)
        except (WriteRefused, UnsafeWriteError) as exc:
            result.errors.append(str(exc))
            return result
        result.recovered = written.recovered
        if written.blocked:
            result.verification = written.problems
            return result
    for item in rewrite.changed:
        if isinstance(item.plan.source, bytes):  # a file's bytes (a text only comes from the language server)
            result.changed[item.plan.path] = (item.plan.source, item.new)
        result.applied += item.applied
    return result
