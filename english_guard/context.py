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

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from english_guard.language import profile as language_profile
from english_guard.records import Candidate, FileResult, Finding

LANGUAGES = "languages"  # fact: {language: weight} of one file's sure evidence
LANGUAGE_SHARES = "language shares"  # built: the project profile's shares, for every file's step
ALTERNATIVES = "alternatives"  # fact: [[line, column, code, [[language, share], ...]], ...] of close calls
# fact: true when the screen cleared the file without reading its candidates, all of which could only lean
# towards any foreign language ("*"); the file's profile is English only (see english_guard.screen).
CANDIDATES_DEFERRED = "candidates deferred"
# Cross-file flows of strings held by constants (`texts.py` sent from `handlers.py`):
FLOWS = "flows"  # fact: {"shown" | "callback data": [names of constants this file sends or matches]}
HELD_FINDINGS = "held findings"  # fact: [[holder, line, column, code], ...]: callback-id-shaped findings
HELD_LABELS = "held labels"  # fact: [[holder, candidate JSON], ...]: Title Case labels waiting to be shown
# fact: true when the screen cleared the file without parsing it, so its flows were not read; `flows_needed`
# says which such files the project step needs read in full.
FLOWS_UNREAD = "flows unread"


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
def _project_flows(values: list[tuple[str, object]]) -> dict[str, set[str]]:
    """Every file's flows together: which held names some module shows, which it matches as callback data."""
    flows: dict[str, set[str]] = {}
    for _path, value in values:
        if isinstance(value, dict):
            for flow, names in value.items():
                if isinstance(flow, str) and isinstance(names, list):
                    flows.setdefault(flow, set()).update(name for name in names if isinstance(name, str))
    return flows


PROJECT_FACTS: dict[str, Callable[[list[tuple[str, object]]], object]] = {
    LANGUAGES: _project_languages,
    FLOWS: _project_flows,
}


def _decided(candidate: Candidate, shares: dict[str, float], min_confidence: float) -> Finding | None:
    """The finding a candidate becomes under the language shares, or None (English)."""
    decided = language_profile.resolve(candidate.leaning, shares)
    if decided is None:
        return None
    language, log_odds = decided
    confidence = language_profile.confidence(log_odds)
    if confidence < min_confidence:
        return None
    finding = candidate.finding
    if finding.language != language:
        from english_guard.findings import finding_message  # findings imports the language detection: late import

        finding = replace(
            finding,
            language=language,
            message=finding_message(finding.code, finding.symbol, finding.text, language),
        )
    return replace(finding, confidence=confidence)


def _file_shares(context: ProjectContext, result: FileResult) -> dict[str, float]:
    file_profile = result.facts.get(LANGUAGES) or {}
    return language_profile.blended_shares(file_profile, _built_languages(context), _built_shares(context))


def resolve_language_candidates(context: ProjectContext, result: FileResult, min_confidence: float) -> None:
    """Candidates whose weak evidence agrees with the file's and project's language become findings."""
    if not result.candidates:
        return
    shares = _file_shares(context, result)
    for candidate in result.candidates:
        finding = _decided(candidate, shares, min_confidence)
        if finding is not None:
            result.findings.append(finding)


def _held_label(item: object) -> tuple[str, Candidate] | None:
    """A cached [holder, candidate JSON] pair, or None when it is not one (a tampered cache)."""
    if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], dict)):
        return None
    try:
        finding = Finding(**item[1]["finding"])
        leaning = tuple((str(language), float(ratio)) for language, ratio in item[1]["leaning"])
    except (KeyError, TypeError, ValueError):
        return None
    return item[0], Candidate(finding, leaning)


def cross_file_flows(context: ProjectContext, result: FileResult, min_confidence: float) -> None:
    """Strings a constant holds, decided by where other modules send them: a callback id that some module
    matches as callback data (and none shows) is data, no finding; a Title Case label that some module
    shows is text, decided like a candidate. Runs on every run over cached facts: when the sending module
    changes, the holding module's findings follow without reading it again."""
    flows = context.built.get(FLOWS)
    if not isinstance(flows, dict) or not flows:
        return
    from english_guard.sources.string_roles import CALLBACK_DATA, SHOWN  # its patterns: only for projects with flows

    shown: set[str] = flows.get(SHOWN, set())
    matched: set[str] = flows.get(CALLBACK_DATA, set())
    held = result.facts.get(HELD_FINDINGS)
    if matched and isinstance(held, list):
        data = {
            (item[1], item[2], item[3])
            for item in held
            if isinstance(item, list) and len(item) == 4 and item[0] in matched and item[0] not in shown
        }
        if data:
            result.findings[:] = [f for f in result.findings if (f.line, f.column, f.code) not in data]
    labels = result.facts.get(HELD_LABELS)
    if shown and isinstance(labels, list):
        shares = None
        reported = {(f.line, f.column, f.code) for f in result.findings}
        for item in labels:
            pair = _held_label(item)
            if pair is None or pair[0] not in shown:
                continue
            place = (pair[1].finding.line, pair[1].finding.column, pair[1].finding.code)
            if place in reported:  # its own weak evidence made it a finding already
                continue
            shares = shares or _file_shares(context, result)
            finding = _decided(pair[1], shares, min_confidence)
            if finding is not None:
                result.findings.append(finding)


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


FILE_STEPS: list[Callable[[ProjectContext, FileResult, float], None]] = [
    name_close_calls,
    resolve_language_candidates,
    cross_file_flows,
]


def _holder_word(holder: str) -> str:
    """The identifier a module that sends a held string must write: `WELCOME` for `texts.WELCOME`, `back`
    for `Button.back.value`, `TEXTS` for `TEXTS["welcome"]` (see `user_facing.held_name`)."""
    return holder.split("[", 1)[0] if "[" in holder else holder.rsplit(".", 1)[-1]


def _held_names(results: list[FileResult], fact: str) -> set[str]:
    """The holders (`texts.WELCOME`) of every string of one kind of held fact."""
    names: set[str] = set()
    for result in results:
        held = result.facts.get(fact)
        if isinstance(held, list):
            names.update(item[0] for item in held if isinstance(item, list) and item and isinstance(item[0], str))
    return names


# Every flow that matches callback data writes one of these: an attribute `.data` (`F.data == ...`,
# `call.data.startswith(...)`; Python allows space and line joins after the dot), `callback_data=`,
# `CallbackData`, `callback_query(_handler)` (see `user_facing.visit_Call` and `visit_Compare`).
_CALLBACK_TEXT = re.compile(r"\.[\s\\]*data\b|callback_data|CallbackData|callback_query")


# The one form of callback text that is no fixed string: an attribute `.data`.
_DATA_ATTRIBUTE = re.compile(r"\.[\s\\]*data\b")


def _callback_text(text: str) -> bool:
    """`_CALLBACK_TEXT.search(text)`, one alternative at a time: the three fixed strings found in C, and the
    `.data` pattern only in a text that holds `data`. The alternation tests every position of every file, which
    cost Django's first run about 0.09 s."""
    if "callback_data" in text or "CallbackData" in text or "callback_query" in text:
        return True
    return "data" in text and _DATA_ATTRIBUTE.search(text) is not None


class _Mentions:
    """Whether a text writes one of some words as a whole word (`\\b(?:word|...)\\b`). The pattern runs only on
    a text that holds one of the words as a substring (found in C): a held label's name (`__author__`) is in few
    files, and the pattern's word boundaries make it test every position of every file."""

    def __init__(self, words: set[str]) -> None:
        self.words = sorted(words - {""})
        self.pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, self.words)) + r")\b") if self.words else None

    def search(self, text: str) -> bool:
        return (
            self.pattern is not None
            and any(word in text for word in self.words)
            and self.pattern.search(text) is not None
        )


def flows_needed(results: list[FileResult], read_text: Callable[[str], str | None]) -> list[FileResult]:
    """The files the screen cleared unparsed whose flows the project step may need. A held label changes
    where a module shows it: a file that writes its name may. A held callback id changes only where a module
    matches it as callback data (a file that writes its name and callback text may), and once one does,
    where a module shows it too. Reading those files in full gives the findings a run without the screen
    gives; the rest (most files of a large English project) stay unread."""
    unread = [result for result in results if result.facts.get(FLOWS_UNREAD)]
    if not unread:
        return []
    labels = _held_names(results, HELD_LABELS)
    callback_ids = _held_names(results, HELD_FINDINGS)
    if not (labels or callback_ids):
        return []
    from english_guard.sources.string_roles import CALLBACK_DATA  # its patterns: only for projects with flows

    matched = _project_flows([(result.path, result.facts.get(FLOWS)) for result in results]).get(CALLBACK_DATA, set())
    shown_matters = _Mentions({_holder_word(name) for name in labels | (callback_ids & matched)})
    matching_matters = _Mentions({_holder_word(name) for name in callback_ids})
    needed = []
    for result in unread:
        text = read_text(result.path)
        if text is None:
            continue
        if shown_matters.search(text) or (
            matching_matters.words and _callback_text(text) and matching_matters.search(text)
        ):
            needed.append(result)
    return needed


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
        before = [id(f) for f in result.findings]
        for step in FILE_STEPS:
            step(context, result, min_confidence)
        if [id(f) for f in result.findings] != before:
            result.findings.sort(key=lambda f: (f.line, f.column, f.code))
    return context
