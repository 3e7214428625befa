"""`--plan`: find the project's non-English symbols and propose English names for them."""
from __future__ import annotations

from english_guard.fixes.rename.index import Group, SymbolIndex
from english_guard.fixes.rename.namespaces import Namespaces
from english_guard.fixes.rename.planfile import PlanEntry
from english_guard.fixes.rename.safety import alternative_for, is_dunder, outside_owner, target_problem

_KIND_RANK = {"class": 0, "function": 1, "method": 2, "constant": 3, "variable": 4, "attribute": 5,
              "import-alias": 6, "parameter": 7}
_ENGLISH_VERDICTS = frozenset({"english", "code", "proper", "neutral"})


def _judge(name: str):
    from english_guard.language import judge  # the detection engine is imported only when planning

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


def make_plan(index: SymbolIndex, source_lang: str = "und", judge=None) -> list[PlanEntry]:
    """One entry per project symbol whose name is not English. `judge(name) -> Verdict` defaults to the
    detection engine (`english_guard.language.judge(name, "identifier")`)."""
    judge = judge or _judge
    namespaces = Namespaces(index)
    claimed: dict[str, set[str]] = {}
    candidates: list[tuple[Group, object]] = []
    for group in index.groups.values():
        if not group.definitions or is_dunder(group.name) or group.root.startswith("k?:"):
            continue
        verdict = judge(group.name)
        if _foreign(verdict):
            candidates.append((group, verdict))
    entries: list[PlanEntry] = []
    # definitions in order of the files, so the plan reads like the code
    candidates.sort(key=lambda c: (primary_definition(index, c[0])[0], primary_definition(index, c[0])[1].line))
    for group, verdict in candidates:
        path, binding = primary_definition(index, group)
        also = sorted({b.qualname for _p, b in group.definitions if b.qualname != binding.qualname})
        uses = sum(1 for i, p in group.occurrences if index.facts[i].occurrences[p].role != "definition")
        entry = PlanEntry(binding.qualname, group.name, binding.kind, f"{path}:{binding.line}:{binding.column}",
                          uses, also=also)
        owner = outside_owner(index, group)
        if owner:
            entry.action, entry.reason = "skip", f"not the project's to rename: {owner}"
            entries.append(entry)
            continue
        proposal = propose(group.name, verdict, source_lang)
        if proposal is None:
            entry.reason = "no proposal: a word has no glossary translation; fill in new_name"
        else:
            problem = target_problem(proposal)
            if problem:
                alternative = alternative_for(proposal)
                entry.reason = f"the glossary says {proposal!r}, but {problem}; proposing {alternative!r} instead"
                proposal = alternative
            clash = namespaces.clash(group, proposal, claimed)
            if clash:
                suggestion = namespaces.free_variant(group, proposal, claimed)
                entry.reason = (f"the glossary says {proposal!r}, but {clash}; "
                                f"choose another name (for example {suggestion!r})")
                proposal = None
        if proposal:
            entry.new_name = proposal
            namespaces.claim(group, proposal, claimed)
        if verdict.english:
            entry.reason = (entry.reason + "; " if entry.reason else "") + \
                "weak evidence: `check` does not report this name"
        entries.append(entry)
    entries.extend(_module_entries(index, judge, source_lang))
    return entries


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
        entry = PlanEntry(module, stem, "module", f"{fact.path}:1:1", uses, action="skip",
                          reason="renaming a module file is opt-in: set action = \"rename\" to rename the file "
                                 "and update every import of it")
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
