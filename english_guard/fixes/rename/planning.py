"""`--plan`: find the project's non-English symbols and propose English names for them."""

from __future__ import annotations

import functools
import re
from collections import defaultdict

from english_guard.fixes.rename.index import Group, SymbolIndex
from english_guard.fixes.rename.namespaces import Namespaces
from english_guard.fixes.rename.planfile import PlanEntry
from english_guard.fixes.rename.safety import alternative_for, is_dunder, outside_owner, target_problem
from english_guard.records import Verdict
from english_guard.rules import NON_ENGLISH_IDENTIFIER
from english_guard.suppression import file_is_skipped, line_suppresses

_KIND_RANK = {
    "class": 0,
    "function": 1,
    "method": 2,
    "constant": 3,
    "variable": 4,
    "attribute": 5,
    "import-alias": 6,
    "parameter": 7,
}
_ENGLISH_VERDICTS = frozenset({"english", "code", "proper", "neutral"})


def _judge(name: str):
    """Without a project's settings (a lone index, as in tests): the plain verdict."""
    from english_guard.language import judge  # the language detection is imported only when planning

    return judge(name, "identifier")


def primary_definition(index: SymbolIndex, group: Group):
    return min(group.definitions, key=lambda d: (_KIND_RANK.get(d[1].kind, 9), d[0], d[1].line, d[1].column))


def _foreign(verdict) -> bool:
    return not verdict.english or any(w.verdict == "foreign" for w in verdict.words)


def propose(name: str, verdict, default_lang: str) -> str | None:
    from english_guard.translation.glossary import is_known_english, propose_identifier

    english_words = {w.word.lower() for w in verdict.words if w.verdict in _ENGLISH_VERDICTS}
    lang = verdict.language if verdict.language not in {"", "und", "en"} else default_lang

    def keep(word: str) -> bool:
        return word.lower() in english_words or is_known_english(word)

    return propose_identifier(name, lang, keep=keep)


@functools.lru_cache(maxsize=16)
def _lines_of(text: str) -> tuple[bool, list[str]]:
    """A file's skip-file marker and lines, found once per file (not once per symbol: that was quadratic)."""
    return file_is_skipped(text), text.splitlines()


def suppressed(text: str | None, line: int) -> bool:
    """Is EG101 suppressed for `line` (`# english-guard: ignore[EG101]`, `# noqa: EG101`, skip-file)?"""
    if not text:
        return False
    skip_file, lines = _lines_of(text)
    if skip_file:
        return True
    if not 0 < line <= len(lines):
        return False
    return line_suppresses(lines[line - 1], NON_ENGLISH_IDENTIFIER.code)


DATA_SKIP = (
    'data depends on this name: {reasons}. It stays unless you set action = "rename": that renames '
    "every binding found in the code; the data listed here must then be migrated by hand"
)


def make_plan(
    index: SymbolIndex,
    source_lang: str = "und",
    judge=None,
    texts: dict[str, str] | None = None,
    data: dict[str, list[str]] | None = None,
) -> list[PlanEntry]:
    """One entry per project symbol whose name is not English. `judge(name) -> Verdict` is the project's
    (`Settings.identifier_judge`: allowed words and project names count as English); without one, the
    plain verdict of `english_guard.language.judge(name, "identifier")`. `texts` (path -> source) lets
    suppression comments on a definition line keep the name; `data` (index node -> reasons, see
    `data_names`) starts the symbols that data or strings depend on as "skip"."""
    judge = judge or _judge
    texts = texts or {}
    data_reasons: dict[str, list[str]] = defaultdict(list)
    for node, reasons in (data or {}).items():
        if node in index.parent:
            data_reasons[index.find(node)] += [r for r in reasons if r not in data_reasons[index.find(node)]]
    namespaces = Namespaces(index)
    claimed: dict[str, set[str]] = {}
    candidates: list[tuple[Group, Verdict]] = []
    for group in index.groups.values():
        if not group.definitions or is_dunder(group.name) or group.root.startswith("k?:"):
            continue
        verdict = judge(group.name)
        if _foreign(verdict):
            candidates.append((group, verdict))
    entries: list[PlanEntry] = []
    pending: list[tuple[PlanEntry, Group, str]] = []  # no glossary proposal: ask a translation engine
    # definitions in order of the files, so the plan reads like the code
    candidates.sort(key=lambda c: (primary_definition(index, c[0])[0], primary_definition(index, c[0])[1].line))
    for group, verdict in candidates:
        path, binding = primary_definition(index, group)
        also = sorted({b.qualname for _p, b in group.definitions if b.qualname != binding.qualname})
        uses = sum(1 for i, p in group.occurrences if index.facts[i].occurrences[p].role != "definition")
        entry = PlanEntry(
            binding.qualname, group.name, binding.kind, f"{path}:{binding.line}:{binding.column}", uses, also=also
        )
        owner = outside_owner(index, group)
        if owner:
            entry.action, entry.reason = "skip", f"not the project's to rename: {owner}"
            entries.append(entry)
            continue
        if suppressed(texts.get(path), binding.line):
            entry.action = "skip"
            entry.reason = f"kept: EG101 is suppressed on {path}:{binding.line}"
        proposal = propose(group.name, verdict, source_lang)
        if proposal is None:
            entry.reason = "no proposal: a word has no glossary translation; fill in new_name"
            pending.append((entry, group, _language(verdict, source_lang)))
        else:
            _take(entry, group, proposal, "the glossary", namespaces, claimed)
        if verdict.english:
            entry.reason = (
                entry.reason + "; " if entry.reason else ""
            ) + "weak evidence: `check` does not report this name"
        if group.root in data_reasons and entry.action == "rename":
            entry.action = "skip"
            reasons = data_reasons[group.root]
            shown = "; ".join(reasons[:4]) + (f"; and {len(reasons) - 4} more" if len(reasons) > 4 else "")
            entry.reason = DATA_SKIP.format(reasons=shown) + (f" ({entry.reason})" if entry.reason else "")
        entries.append(entry)
    _engine_proposals(pending, namespaces, claimed)
    entries.extend(_module_entries(index, judge, source_lang))
    return entries


def _language(verdict, default_lang: str) -> str:
    return verdict.language if verdict.language not in {"", "und", "en"} else default_lang


def _take(
    entry: PlanEntry, group: Group, proposal: str, source: str, namespaces: Namespaces, claimed: dict[str, set[str]]
) -> None:
    """Use `proposal` for `entry` unless it is unsafe: a builtin/keyword gets an alternative, a clash none."""
    problem = target_problem(proposal)
    if problem:
        alternative = alternative_for(proposal)
        entry.reason = f"{source} says {proposal!r}, but {problem}; proposing {alternative!r} instead"
        proposal = alternative
    clash = namespaces.clash(group, proposal, claimed)
    if clash:
        suggestion = namespaces.free_variant(group, proposal, claimed)
        entry.reason = f"{source} says {proposal!r}, but {clash}; choose another name (for example {suggestion!r})"
        return
    entry.new_name = proposal
    namespaces.claim(group, proposal, claimed)


_ENGLISH_WORD = re.compile(r"[a-z][a-z0-9]*")


def _engine_proposals(
    pending: list[tuple[PlanEntry, Group, str]], namespaces: Namespaces, claimed: dict[str, set[str]]
) -> None:
    """Names the glossary could not translate, through an installed translation model (when there is one).

    A machine translation of two or three words is a guess worth reviewing, so the reason says so.
    Without the `translate` extra or a model for the language, the entries stay open for a human.
    """
    if not pending:
        return
    try:
        from english_guard.translation.engine_router import EngineRouter
        from english_guard.translation.glossary import restyle, split_identifier_parts

        router = EngineRouter("auto")
    except Exception:  # the translation extra or its models are not usable here
        return
    by_language: dict[str, list[tuple[PlanEntry, Group]]] = defaultdict(list)
    for entry, group, language in pending:
        by_language[language].append((entry, group))
    for language, items in by_language.items():
        try:
            engine = router.engine_for(language)
            if engine is None:
                continue
            phrases = [" ".join(split_identifier_parts(entry.name)).lower() for entry, _group in items]
            results = engine.translate(phrases, language)
        except Exception:  # a broken model must not cost the user the plan
            continue
        for (entry, group), result in zip(items, results, strict=True):
            words = _ENGLISH_WORD.findall((result or "").lower())
            if not result or not result.isascii() or not words or len(words) > 5:
                continue
            proposal = restyle(entry.name, words)
            if proposal:
                entry.reason = ""
                _take(entry, group, proposal, f"the {engine.name} engine", namespaces, claimed)
                if entry.new_name:
                    entry.reason = (
                        entry.reason + "; " if entry.reason else ""
                    ) + f"machine translation by the {engine.name} engine: review it"


def _module_entries(index: SymbolIndex, judge, source_lang: str) -> list[PlanEntry]:
    """Module files with non-English names. Renaming a file is opt-in: the entry starts as "skip"."""
    entries = []
    for module, fact in sorted(index.modules.items()):
        stem = module.rpartition(".")[2]
        if fact.path.endswith(("__init__.py", "__init__.pyi")) or is_dunder(stem):
            continue
        verdict = judge(stem)
        if not _foreign(verdict):
            continue
        group = index.module_group(module)
        uses = len(group.occurrences) if group is not None else 0
        entry = PlanEntry(
            module,
            stem,
            "module",
            f"{fact.path}:1:1",
            uses,
            action="skip",
            reason='renaming a module file is opt-in: set action = "rename" to rename the file '
            "and update every import of it",
        )
        proposal = propose(stem, verdict, source_lang)
        if proposal is None:
            entry.reason += "; no proposal: a word has no glossary translation"
        else:
            problem = target_problem(proposal)
            if problem:
                entry.reason += f"; the glossary says {proposal!r}, but {problem}"
                proposal = alternative_for(proposal)
            entry.new_name = proposal
        entries.append(entry)
    return entries
