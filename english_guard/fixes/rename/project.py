"""Reading and analysing every Python file of a rename, in parallel when there are many."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from english_guard.config import Config
from english_guard.fixes.rename.analysis import FileFacts, analyze_source
from english_guard.fixes.rename.files import SourceError, SourceFile, discover_python_files, read_source
from english_guard.fixes.rename.index import SymbolIndex

PARALLEL_FROM = 40  # below this many files a process pool costs more than it saves


@dataclass(slots=True)
class Project:
    sources: list[SourceFile] = field(default_factory=list)
    facts: list[FileFacts] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be read or parsed
    index: SymbolIndex = field(default_factory=lambda: SymbolIndex([]))  # load_project builds the real one


def _analyze_path(path: Path) -> tuple[SourceFile | None, FileFacts | None, str]:
    try:
        source = read_source(path)
    except SourceError as exc:
        return None, None, str(exc)
    facts = analyze_source(source)
    return source, facts, facts.error


def _jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def analyze_sources(sources: list[SourceFile]) -> list[FileFacts]:
    if len(sources) < PARALLEL_FROM or _jobs() == 1:
        return [analyze_source(s) for s in sources]
    with ProcessPoolExecutor(_jobs()) as pool:
        return list(pool.map(analyze_source, sources, chunksize=8))


def load_project(paths: list[str], config: Config) -> Project:
    """Read and analyse every Python file under `paths`; unreadable or unparsable ones go to `errors`."""
    project = Project()
    files = discover_python_files(paths, config)
    if len(files) < PARALLEL_FROM or _jobs() == 1:
        _add_results(project, map(_analyze_path, files))
    else:
        with ProcessPoolExecutor(_jobs()) as pool:
            _add_results(project, pool.map(_analyze_path, files, chunksize=8))
    project.index = SymbolIndex(project.facts)
    return project


def _add_results(project: Project, results: Iterable[tuple[SourceFile | None, FileFacts | None, str]]) -> None:
    for source, facts, error in results:
        if error:
            project.errors.append(error)
        if source is not None and facts is not None and not facts.error:
            _share_strings(facts)
            project.sources.append(source)
            project.facts.append(facts)


def _share_strings(facts: FileFacts) -> None:
    """One string object for each symbol, name and role, however many tokens carry it: the facts of a large
    project hold millions of tokens, and those come back from the worker processes as separate copies."""
    intern = sys.intern
    for occurrence in (*facts.occurrences, *facts.strings, *facts.star_calls):
        occurrence.symbol = intern(occurrence.symbol)
        occurrence.text = intern(occurrence.text)
        occurrence.role = intern(occurrence.role)
    for binding in facts.bindings:
        binding.qualname = intern(binding.qualname)
        binding.symbol = intern(binding.symbol)
        binding.kind = intern(binding.kind)
