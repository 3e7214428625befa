"""The whole translation of a set of paths, without any printing: for the CLI and the migration script.

    result = translate_paths(["src"], load_config(), write=True)
    result.untranslated   # units left for a human, each with `problem` saying why
    result.errors         # files that could not be read, parsed or written

The CLI (`english-guard translate`) uses the same steps and adds the PO review, listing and progress bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from english_guard.config import Config
from english_guard.fixes.translate import FilePlan, TranslateError, Unit, apply, collect, propose
from english_guard.own_files import read_source_file
from english_guard.settings import settings_for
from english_guard.translation.engine_protocol import EngineError


@dataclass
class TranslationResult:
    plans: list[FilePlan] = field(default_factory=list)
    changed: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)  # path -> (old, new)
    applied: list[Unit] = field(default_factory=list)
    untranslated: list[Unit] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # files skipped on purpose


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


def translate_paths(
    paths: list[str],
    config: Config,
    engine: str = "auto",
    write: bool = False,
    use_memory: bool = True,
    progress_factory: Callable | None = None,
) -> TranslationResult:
    """Translate the non-English comments and docstrings under `paths`; write them when `write`."""
    from english_guard.fixes.safe_write import UnsafeWriteError, write_python_source

    result = TranslationResult()
    result.plans, result.errors, result.notes = read_plans(paths, config)
    try:
        result.notes += propose_plans(result.plans, config, engine, use_memory, progress_factory)
    except EngineError as exc:
        result.errors.append(str(exc))
        return result
    for plan in result.plans:
        accepted = {i: u.proposal for i, u in enumerate(plan.units) if u.proposal is not None}
        result.untranslated += [u for u in plan.units if u.proposal is None]
        try:
            new, applied, refused = apply(plan, accepted)
        except TranslateError as exc:
            result.errors.append(str(exc))
            continue
        for unit, reason in refused:
            unit.problem = reason
            result.untranslated.append(unit)
        if new == plan.source:
            continue
        if write:
            try:
                write_python_source(plan.path, new)
            except (UnsafeWriteError, OSError) as exc:
                result.errors.append(str(exc))
                continue
        result.changed[plan.path] = (plan.source, new)
        result.applied += applied
    return result
