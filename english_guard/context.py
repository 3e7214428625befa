"""The project-level step: per-file facts -> a project context -> resolved findings.

Every file's result stays context-free, so it can be cached by the file's content alone and checked in
any worker. Besides the findings it is sure of, a file's result carries `candidates` (segments with weak
foreign evidence) and `facts` (small JSON-ready data by name, such as its language profile). After all
files are read, fresh or from the cache, `resolve` gathers the facts of every file into one
`ProjectContext` and lets each step turn the context into findings. It runs on every run, over cached
and fresh results alike, so it is never stale; it is cheap (no file is read again).

Adding a step: write `build(facts) -> value` for what it needs from the whole project (registered in
`PROJECT_FACTS` under the fact's name) and `step(context, result, config)` that adds or drops findings of
one file; append it to `FILE_STEPS`.

Only the files of this run make up the project: `check a.py b.py` (pre-commit, an editor) builds the
project profile from those files. Each file's own profile still decides for it once it has some
evidence; a file with little evidence of its own leans on the profile of the files given with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from english_guard.language import profile as language_profile
from english_guard.records import FileResult

LANGUAGES = "languages"  # fact: {language: weight} of one file's sure evidence
LANGUAGE_SHARES = "language shares"  # built: the project profile's shares, for every file's step
ALTERNATIVES = "alternatives"  # fact: [[line, column, code, [[language, share], ...]], ...] of close calls
# fact: true when the screen cleared the file without reading its candidates, all of which could only lean
# towards any foreign language ("*"); the file's profile is English only (see english_guard.screen).
CANDIDATES_DEFERRED = "candidates deferred"


@dataclass(slots=True)
class ProjectContext:
    """What the whole run knows: each fact by name as [(path, value)], and what steps built from them."""

    facts: dict[str, list[tuple[str, object]]] = field(default_factory=dict)
    built: dict[str, object] = field(default_factory=dict)


def _built_languages(context: ProjectContext) -> dict[str, float]:
    """The project's language profile, as `_project_languages` built it (empty before it runs)."""
    built = context.built.get(LANGUAGES)
    return built if isinstance(built, dict) else {}


def _built_shares(context: ProjectContext) -> dict[str, float] | None:
    """The project profile's shares, computed once by `build_context` (None before it runs)."""
    built = context.built.get(LANGUAGE_SHARES)
    return built if isinstance(built, dict) else None


def _project_languages(values: list[tuple[str, object]]) -> dict[str, float]:
    return language_profile.merge(value for _path, value in values if isinstance(value, dict))


# fact name -> how the project-wide value is built from every file's value.
PROJECT_FACTS: dict[str, Callable[[list[tuple[str, object]]], object]] = {LANGUAGES: _project_languages}


def resolve_language_candidates(context: ProjectContext, result: FileResult, min_confidence: float) -> None:
    """Candidates whose weak evidence agrees with the file's and project's language become findings."""
    if not result.candidates:
        return
    file_profile = result.facts.get(LANGUAGES) or {}
    shares = language_profile.blended_shares(file_profile, _built_languages(context), _built_shares(context))
    for candidate in result.candidates:
        decided = language_profile.resolve(candidate.leaning, shares)
        if decided is None:
            continue
        language, log_odds = decided
        confidence = language_profile.confidence(log_odds)
        if confidence < min_confidence:
            continue
        finding = candidate.finding
        if finding.language != language:
            from english_guard.findings import finding_message  # findings imports the language detection: late import

            finding = replace(
                finding,
                language=language,
                message=finding_message(finding.code, finding.symbol, finding.text, language),
            )
        result.findings.append(replace(finding, confidence=confidence))


def name_close_calls(context: ProjectContext, result: FileResult, min_confidence: float) -> None:
    """A finding whose language is a close call (`agencia`: Spanish or Portuguese) takes the language the
    file and the project write most."""
    alternatives = result.facts.get(ALTERNATIVES)
    if not alternatives:
        return
    shares = language_profile.blended_shares(
        result.facts.get(LANGUAGES) or {}, _built_languages(context), _built_shares(context)
    )
    by_position = {(line, column, code): close for line, column, code, close in alternatives}
    for index, finding in enumerate(result.findings):
        close = by_position.get((finding.line, finding.column, finding.code))
        if not close:
            continue
        best = max(close, key=lambda item: item[1] * (0.02 + shares.get(item[0], 0.0)))[0]  # likelihood x prior
        if best != finding.language:
            from english_guard.findings import finding_message  # findings imports the language detection: late import

            result.findings[index] = replace(
                finding, language=best, message=finding_message(finding.code, finding.symbol, finding.text, best)
            )


FILE_STEPS: list[Callable[[ProjectContext, FileResult, float], None]] = [name_close_calls, resolve_language_candidates]


def candidates_needed(results: list[FileResult]) -> bool:
    """Whether a candidate that leans only towards any foreign language could become a finding in this
    project: only where a foreign language holds a large enough share of the profile
    (`language_profile.resolve`). A file whose own profile is English only blends its shares with the
    project's, so its foreign shares are at most the project's."""
    project = _project_languages([(result.path, result.facts.get(LANGUAGES)) for result in results])
    return language_profile.any_foreign_can_count(language_profile.shares(project))


def build_context(results: list[FileResult]) -> ProjectContext:
    context = ProjectContext()
    for result in results:
        for name, value in result.facts.items():
            context.facts.setdefault(name, []).append((result.path, value))
    for name, build in PROJECT_FACTS.items():
        context.built[name] = build(context.facts.get(name, []))
    # Every file's candidates are decided against the same project shares: computed once.
    context.built[LANGUAGE_SHARES] = language_profile.shares(_built_languages(context))
    return context


def resolve(results: list[FileResult], min_confidence: float) -> ProjectContext:
    """Run every project-level step over every file's result (in place); returns the context built."""
    context = build_context(results)
    for result in results:
        if result.error is not None and not result.candidates:
            continue
        before = len(result.findings)
        for step in FILE_STEPS:
            step(context, result, min_confidence)
        if len(result.findings) != before:
            result.findings.sort(key=lambda f: (f.line, f.column, f.code))
    return context
