"""Segments + verdicts -> findings: which rule a non-English text breaks, and the message that says so."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from english_guard.deceptive_characters import mixed_script_finding
from english_guard.language import judge, settled
from english_guard.language import profile as language_profile
from english_guard.language.labels import (
    label_language,
    lettered_name_leaning,
    names_a_language,
    only_proper_names,
    shouted,
    title_case_leaning,
    unlisted_cyrillic_leaning,
)
from english_guard.language.lexicon import lookup
from english_guard.language.normalize import fold
from english_guard.language.scripts import TURKIC_LATIN
from english_guard.language.tokens import prose_tokens
from english_guard.language.verdict import NEIGHBOURS
from english_guard.language.words import SHARED
from english_guard.records import Finding, Segment, Verdict, WordEvidence
from english_guard.rules import KIND_CODES, MIXED_SCRIPT_IDENTIFIER, RULES
from english_guard.sources.settled_literals import read_again_when_settled
from english_guard.sources.string_roles import (
    PRESUMED,
    TEST_DATA,
    TRANSLATED_TABLE,
    USER_FACING,
    is_callback_token,
    is_test_data_path,
    judge_kind,
    looks_like_code,
    rule_for,
)
from english_guard.ui_text import language_name, rule_message


def finding_message(code: str, symbol: str, text: str, language_code: str) -> str:
    """The message of a finding on a text, from its rule's template (`rules.Rule.message`)."""
    return rule_message(
        RULES[code], text=text, language=language_name(language_code), role=symbol, form=symbol or "prose"
    )


def finding_for(segment: Segment, verdict: Verdict, code: str) -> Finding:
    message = finding_message(code, segment.symbol, segment.text, verdict.language)
    return Finding.of_segment(segment, code, verdict.language, verdict.confidence, message)


def harmonise_languages(judged: list[tuple[Segment, Verdict, str]]) -> list[tuple[Segment, Verdict, str]]:
    """Name close calls by the file's main languages: `usuario`, `carga` and `Operador` are Spanish or
    Portuguese alone, and Portuguese in a file whose comments are Portuguese."""
    prior: dict[str, float] = {}
    for segment, verdict, _code in judged:
        weight = 1.0 if segment.kind == "identifier" else 2.0
        for lang, share in verdict.candidates:
            prior[lang] = prior.get(lang, 0.0) + weight * share
    total = sum(prior.values()) or 1.0
    out = []
    for segment, verdict, code in judged:
        close = _close_candidates(verdict)
        if close:
            best = max(close, key=lambda item: item[1] * (0.5 + prior.get(item[0], 0.0) / total))[0]
            if best != verdict.language:
                verdict = dataclasses.replace(verdict, language=best)
        out.append((segment, verdict, code))
    return out


def only_names(verdict: Verdict, names: frozenset[str]) -> bool:
    foreign = verdict.foreign_words
    return bool(foreign) and all(fold(word) in names for word in foreign)


def leaning_only_names(verdict: Verdict, names: frozenset[str]) -> bool:
    leaning = [w.word for w in verdict.words if w.verdict in ("foreign", "unknown", "proper", SHARED)]
    return not leaning or all(fold(word) in names for word in leaning)


@dataclass(slots=True)
class FileEvidence:
    """What a file's segments say beyond its sure findings (see english_guard.context): segments with weak
    foreign evidence, and the file's language profile {language: weight of sure evidence}."""

    candidates: list[tuple[Segment, Verdict, str]] = dataclasses.field(default_factory=list)
    languages: dict[str, float] = dataclasses.field(default_factory=dict)
    # Findings whose language is a close call: [line, column, code, [[language, share], ...]].
    alternatives: list[list[Any]] = dataclasses.field(default_factory=list)  # JSON-ready, as cached
    # Strings held by a constant that another module may send or match (english_guard.context):
    # a finding that is a callback id if some module matches it, [holder, line, column, code]; and a
    # Title Case label that is text if some module shows it, (holder, segment, verdict, code).
    held_findings: list[list[Any]] = dataclasses.field(default_factory=list)
    held_labels: list[tuple[str, Segment, Verdict, str]] = dataclasses.field(default_factory=list)


# The log likelihood ratio a sure verdict on test data carries into the project-level step: with
# posterior = log(share / English share) + ratio >= ACCEPT_LOG_ODDS (0.5), the test data's language must
# hold about a twelfth of the English share of the file's and project's profile to be reported.
TEST_DATA_LOG_RATIO = 3.0
# A label a flow shows whose every word is a word of one foreign lexicon (`labels.label_language`).
_LABEL_CONFIDENCE = 0.8
_LABEL_REASON = "a Title Case label whose every word is a word of the language"


def _test_data_leaning(verdict: Verdict) -> tuple[tuple[str, float], ...]:
    """A sure verdict as strong evidence for its language and, a little less, for the close alternatives
    (`Katalog`: German or Uzbek), so that the project's profile names it."""
    alternatives = [(language, share) for language, share in verdict.candidates if share > 0]
    if not alternatives:
        return ((verdict.language, TEST_DATA_LOG_RATIO),)
    top = alternatives[0][1]
    return tuple((language, round(TEST_DATA_LOG_RATIO + math.log(share / top), 3)) for language, share in alternatives)


def _profile_parts(verdict: Verdict, sure: bool) -> list[tuple[str, float]]:
    """The languages a segment adds to its file's profile, with the part of its weight each gets: a close
    call (`Профиль табылмады`: Russian, Kazakh or Uzbek) is shared among its close languages, so that the
    first-listed one does not outweigh the language the file's letters show."""
    if not sure:
        return [("en", 1.0)] if verdict.english else []
    close = _close_candidates(verdict)
    if len(close) < 2:
        return [(verdict.language, 1.0)]
    if {language for language, _share in close} == set(TURKIC_LATIN):
        # Turkish or Azerbaijani without ə: evidence of either, in full (a Turkish word is an Azerbaijani one too,
        # and Azerbaijani has no word list here), so the letter ə in other texts tips an Azerbaijani project and
        # a Turkish project's profile stays as Turkish as before.
        return [(language, 1.0) for language, _share in close]
    total = sum(share for _language, share in close)
    return [(language, share / total) for language, share in close]


def _close_candidates(verdict: Verdict) -> list[tuple[str, float]]:
    """The candidates of a verdict within half of the top share (the languages it is a close call between)."""
    if len(verdict.candidates) < 2:
        return []
    top = verdict.candidates[0][1]
    return [(language, share) for language, share in verdict.candidates if share >= 0.5 * top]


def _lone_foreign_word(verdict: Verdict, kind: str) -> bool:
    """A sure verdict that rests on one foreign word among English ones: `REDIRECT_STATI`, a product name in
    a changelog, a loanword, a typo in a long docstring. In English code such a word is a name, a loanword,
    jargon or a typo; in a project written in that language it is the language.
    Only a word known by a lexicon alone counts: letters of its own (ş, ä, o'), a script or a second
    foreign word keep the verdict sure."""
    foreign = {fold(word.word) for word in verdict.words if word.verdict == "foreign"}
    if len(foreign) != 1:
        return False
    word = next(word for word in verdict.words if word.verdict == "foreign")
    if not word.word.isascii() or word.reason.startswith("letters typical"):
        return False
    english = sum(1 for word in verdict.words if word.verdict in ("english", "code", SHARED) or _short_english(word))
    return english >= (1 if kind == "identifier" else 2)


def _capitalised_only(verdict: Verdict) -> bool:
    return all(word.word[:1].isupper() for word in verdict.words if word.verdict == "foreign")


def _names_in_english_sentences(segments: list[Segment], allowed: frozenset[str]) -> frozenset[str]:
    """Capitalised words that a document's English sentences use inside a sentence: names of the document."""
    names: set[str] = set()
    for segment in segments:
        if segment.kind != "prose" or segment.text.count(" ") < 4:
            continue
        verdict = judge(segment.text, "prose", allowed)
        if not verdict.english and not _lone_foreign_word(verdict, "prose"):
            continue
        tokens = prose_tokens(segment.text)
        names.update(fold(t.text) for t in tokens if t.text[:1].isupper() and not t.sentence_start)
    return frozenset(names)


def _short_english(word: WordEvidence) -> bool:
    """A two-letter word English writes more than any other language or code uses (`ok`, `is`, `to`): no
    evidence of a language alone, but the English half of `ok_plats`."""
    if word.verdict != "neutral" or not word.reason.startswith("too short") or not word.word.isascii():
        return False
    entry = lookup(fold(word.word))
    return entry.code or entry.english >= entry.best_foreign()[1]


# Profile weights: an identifier is one or two words, a comment or docstring a sentence.
_PROFILE_WEIGHT = {"identifier": 0.5}


def profile_weight(segment: Segment, verdict: Verdict) -> float:
    """How much a judged segment tells about the file's language (0 for texts too short to tell)."""
    if segment.kind == "identifier":
        return 0.5 if len(segment.text) >= 4 or not verdict.english else 0.0
    if verdict.reason == _LABEL_REASON:
        return 0.0  # a label of two or three words: sure of itself, too short to tell the file's language
    if verdict.english and segment.text.count(" ") < 2:
        return 0.0
    return 1.0


def _plain_english_weight(segment: Segment) -> float:
    """`profile_weight(segment, PLAIN_ENGLISH)`, asked of most segments: an English verdict that is no label."""
    if segment.kind == "identifier":
        return 0.5 if len(segment.text) >= 4 else 0.0
    return 0.0 if segment.text.count(" ") < 2 else 1.0


def _settles(segment: Segment, kind: str, settle: Callable[[str, str], bool], collecting: bool) -> bool:
    """Whether the segment's verdict is surely English with no leaning, and nothing else in `evaluate` reads the
    text of such a segment: a shouted string is judged again in small letters, and a user-facing Title Case label
    may lean through a lexicon word (`title_case_leaning`) while its verdict is English. Both are read as strings
    only: a string read as a name (`MAX_REPEAT`, `CONTENT_LENGTH`) settles like any name (`read_again_when_settled`)."""
    if (
        kind == "string"
        and segment.kind == "string"
        and read_again_when_settled(segment.text, collecting and segment.symbol == USER_FACING)
    ):
        return False
    return settle(segment.text, kind)


def _code_names(
    segments: list[Segment], names: frozenset[str], allowed: frozenset[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The file's English identifiers with the project's names, and apart the identifiers that are English only
    until the profile decides their leaning (`Siparis`: Turkish in a Turkish project)."""
    plain: set[str] = set(names)
    weak: set[str] = set()
    settle = settled.settler(allowed) if settled.ENABLED else None
    for s in segments:
        if s.kind in ("identifier", "reference"):
            if settle is not None and settle(s.text, "identifier"):
                plain.add(fold(s.text))  # English with no leaning: no verdict needed (see `settled`)
                continue
            verdict = judge(s.text, "identifier", allowed)
            if verdict.english:
                (weak if verdict.leaning else plain).add(fold(s.text))
    return frozenset(plain), frozenset(weak - plain)


def _names_weak_code(verdict: Verdict, code_names: frozenset[str], weak_code_names: frozenset[str]) -> bool:
    """Whether a text's foreign words name the file's identifiers, one of them an identifier that leans."""
    return (
        bool(weak_code_names)
        and not only_names(verdict, code_names)
        and only_names(verdict, code_names | weak_code_names)
    )


def evaluate(
    segments: list[Segment],
    enabled: frozenset[str],
    allowed: frozenset[str],
    min_confidence: float,
    names: frozenset[str] = frozenset(),
    evidence: FileEvidence | None = None,
    catalog_texts: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Judge every segment and turn the non-English ones into findings of the enabled codes.

    `names` are the project's own names (see `project_names`): a text whose only foreign words are
    such names is English. With `evidence`, the file's language profile and its candidates (segments
    whose weak foreign evidence the project-level step decides) are collected there too. `catalog_texts`
    are the source-locale translations of the project's catalog: a test that asserts one of them checks
    the UI in the source locale, so it is not a finding.
    """
    findings: list[Finding] = []
    judged: list[tuple[Segment, Verdict, str]] = []
    # A comment or docstring that names the file's own (English) identifiers (`opname`, `evalue`) refers to
    # code. Collected on first need: most files have no non-English comment at all.
    code_names: frozenset[str] | None = None
    weak_code_names: frozenset[str] = frozenset()
    # A heading or a short line of a document that only names what its English sentences name (`### Flama`
    # above "Flama is a framework ..."). Collected on first need.
    prose_names: frozenset[str] | None = None
    mixed_scripts = MIXED_SCRIPT_IDENTIFIER.code in enabled
    settle = settled.settler(allowed) if settled.ENABLED else None
    for segment in segments:
        code = rule_for(segment.symbol) if segment.kind == "string" else KIND_CODES.get(segment.kind)
        if segment.kind == "identifier" and mixed_scripts and not segment.text.isascii():
            mixed = mixed_script_finding(segment)
            if mixed is not None:
                findings.append(mixed)
                continue
        if code is None:
            continue
        # A segment of a code that is not reported still tells what the file is written in.
        profile_only = code not in enabled
        if profile_only and (
            evidence is None
            or segment.kind == "string"
            and segment.symbol == TEST_DATA
            or is_test_data_path(segment.path)
        ):
            continue
        if segment.kind == "string" and segment.symbol == TEST_DATA and segment.text in catalog_texts:
            continue
        kind = judge_kind(segment.symbol, segment.text) if segment.kind == "string" else segment.kind
        if settle is not None and _settles(segment, kind, settle, evidence is not None):
            # English with no leaning: all such a verdict does below is weigh in the file's profile.
            if evidence is not None and not (
                segment.kind == "string" and segment.symbol == TEST_DATA or is_test_data_path(segment.path)
            ):
                weight = _plain_english_weight(segment)
                if weight:
                    evidence.languages["en"] = round(evidence.languages.get("en", 0.0) + weight, 3)
            continue
        verdict = judge(segment.text, kind, allowed)
        if kind == "string" and verdict.english and shouted(segment.text):
            # "ILTIMOS QISQA VA TUSHUNARLI YOZING": capitals hide the words, which are no acronyms
            verdict = judge(segment.text.lower(), kind, allowed)
        if (
            kind == "string"
            and (not verdict.english or verdict.leaning)
            and segment.context != TRANSLATED_TABLE  # kept in two languages, a name is translated UI text
            and ((language_name := names_a_language(segment.text)) or only_proper_names(verdict, segment.text))
        ):
            # `Fotiha😇`, `Ibrohim`, `Бухара`, a picker's `🇺🇦 Українська`: a name is no prose and no evidence of
            # a language. A Cyrillic name may be a Kazakh word (`Курстар`, `Байланыс`), which no word list knows:
            # the Kazakh profile decides.
            kazakh = (
                evidence is not None
                and not (language_name or profile_only)
                and (unlisted_cyrillic_leaning(verdict) or lettered_name_leaning(verdict))
            )
            if kazakh and evidence is not None:
                evidence.candidates.append((segment, dataclasses.replace(verdict, leaning=kazakh), code))
            continue
        if kind == "string" and verdict.english and evidence is not None and segment.symbol == USER_FACING:
            label = title_case_leaning(segment.text, NEIGHBOURS)
            if label:  # `📊 Test Tahlili`: a label's lexicon word, hidden by Title Case
                merged = dict(verdict.leaning)
                for language, ratio in label:
                    merged[language] = max(merged.get(language, ratio), ratio)
                merged.setdefault(language_profile.FOREIGN, TEST_DATA_LOG_RATIO)
                leaning = tuple(sorted(merged.items(), key=lambda item: -item[1]))
                shown_in = label_language(segment.text) if segment.context != PRESUMED else None
                if shown_in:  # `Bosh Sahifa` on a button: every word is a word of one language
                    verdict = Verdict(False, shown_in, _LABEL_CONFIDENCE, verdict.words, _LABEL_REASON)
                elif segment.context != PRESUMED:  # a button, a reply: a flow shows it to users
                    verdict = dataclasses.replace(verdict, leaning=leaning)
                elif segment.holder:  # a constant: text if another module shows it
                    labelled = dataclasses.replace(verdict, leaning=leaning)
                    evidence.held_labels.append((segment.holder, segment, labelled, code or ""))
        sure = not verdict.english and verdict.confidence >= min_confidence
        if evidence is not None and (
            segment.kind == "string" and segment.symbol == TEST_DATA or is_test_data_path(segment.path)
        ):
            # Test data is foreign on purpose in an English project (Unicode, IDN and charset fixtures) and
            # written in the team's language in a project that is not English: the project decides. It is
            # a candidate whose language must be a real part of the profile, and it never shapes the profile.
            if segment.kind == "string" and looks_like_code(segment.text):
                continue
            if sure:
                verdict = dataclasses.replace(verdict, leaning=_test_data_leaning(verdict))
            if verdict.leaning:
                evidence.candidates.append((segment, verdict, code))
            continue
        # Decided by the profile like test data; it does not shape the profile.
        lone = evidence is not None and sure and _lone_foreign_word(verdict, kind)
        if evidence is not None and sure and not lone and segment.kind in ("comment", "docstring"):
            if code_names is None:
                code_names, weak_code_names = _code_names(segments, names, allowed)
            if _names_weak_code(verdict, code_names, weak_code_names):
                # `Siparis model` above `class Siparis`: it names a class whose own name the profile decides (a
                # Turkish word in a Turkish project, a name in an English one): decided with it, not shaping it.
                if not profile_only:
                    leaning = _test_data_leaning(verdict)
                    evidence.candidates.append((segment, dataclasses.replace(verdict, leaning=leaning), code))
                continue
        if evidence is not None and not lone:
            weight = profile_weight(segment, verdict)
            if weight:
                for language, part in _profile_parts(verdict, sure):
                    evidence.languages[language] = round(evidence.languages.get(language, 0.0) + weight * part, 3)
        if profile_only:
            continue
        if not sure and not (evidence is not None and verdict.leaning):
            continue
        if segment.kind == "string" and looks_like_code(segment.text):
            continue
        if segment.kind in ("comment", "docstring"):
            if code_names is None:
                code_names, weak_code_names = _code_names(segments, names, allowed)
            # A name whose own verdict leans (`class Siparis`) is decided by the profile: so is a text naming it.
            known = code_names if evidence is not None else code_names | weak_code_names
        else:
            known = names
        if not sure:  # only reached when evidence is collected (see above)
            if evidence is not None and not (known and leaning_only_names(verdict, known)):
                evidence.candidates.append((segment, verdict, code))
                if segment.holder and is_callback_token(segment.text):
                    evidence.held_findings.append([segment.holder, segment.line, segment.column, code])
            continue
        if known and only_names(verdict, known):
            continue
        if segment.kind == "prose" and _capitalised_only(verdict):
            if prose_names is None:
                prose_names = _names_in_english_sentences(segments, allowed)
            if only_names(verdict, prose_names):
                continue
        if lone and evidence is not None:
            leaning = (*_test_data_leaning(verdict), (language_profile.FOREIGN, TEST_DATA_LOG_RATIO))
            evidence.candidates.append((segment, dataclasses.replace(verdict, leaning=leaning), code))
            continue
        judged.append((segment, verdict, code))
    for segment, verdict, code in harmonise_languages(judged):
        findings.append(finding_for(segment, verdict, code))
        if evidence is not None and segment.holder and is_callback_token(segment.text):
            evidence.held_findings.append([segment.holder, segment.line, segment.column, code])
        if evidence is not None:
            close = _close_candidates(verdict)
            if len(close) > 1:
                evidence.alternatives.append([segment.line, segment.column, code, [list(item) for item in close]])
    return findings
