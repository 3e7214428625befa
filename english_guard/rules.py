"""Rule codes and messages; segments + verdicts -> findings; suppression comments."""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from dataclasses import dataclass

from english_guard.invisible_table import DEFAULT_IGNORABLE
from english_guard.language import judge
from english_guard.language.normalize import fold
from english_guard.language.scripts import word_scripts
from english_guard.records import Finding, Segment, Verdict
from english_guard.sources.string_roles import TEST_DATA, judge_kind, looks_like_code, rule_for
from english_guard.ui_text import _, language_display_name

LANGUAGE_NAMES = {
    "uz": "Uzbek",
    "ru": "Russian",
    "kk": "Kazakh",
    "tr": "Turkish",
    "de": "German",
    "es": "Spanish",
    "pt": "Portuguese",
    "fr": "French",
    "id": "Indonesian",
    "zh": "Chinese",
    "ja": "Japanese",
    "ar": "Arabic",
    "uk": "Ukrainian",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
    "ro": "Romanian",
    "sv": "Swedish",
    "ms": "Malay",
    "ko": "Korean",
    "he": "Hebrew",
    "fa": "Persian",
    "hi": "Hindi",
    "el": "Greek",
    "bg": "Bulgarian",
    "ky": "Kyrgyz",
    "tg": "Tajik",
    "az": "Azerbaijani",
    "cs": "Czech",
    "hu": "Hungarian",
    "fi": "Finnish",
    "no": "Norwegian",
    "da": "Danish",
    "ca": "Catalan",
    "th": "Thai",
    "vi": "Vietnamese",
    "be": "Belarusian",
    "und": "unknown language",
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule. `RULES` below is the only list of codes: configuration, `explain`, `rules` and the SARIF
    metadata all derive from it, so a new rule is added there and nowhere else."""

    code: str
    name: str
    summary: str
    explanation: str
    # Checked unless configured otherwise; a rule that is off by default is turned on by selecting it.
    default: bool = True


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "EG101",
            "non-english-identifier",
            "non-English identifier at its definition",
            "A function, class, method, parameter, variable, attribute, loop/with/except/comprehension target, "
            "import alias or global/nonlocal name whose words are not English. Names are reported once, where "
            "they are defined. Fix: `english-guard rename --plan renames.toml`, review, `--apply`.",
        ),
        Rule(
            "EG102",
            "mixed-script-identifier",
            "identifier mixes scripts or uses look-alike characters",
            "An identifier that mixes Latin with Cyrillic or Greek letters (a Cyrillic `а` in a Latin name) "
            "looks like one name and is another. Retype the name in one script.",
        ),
        Rule(
            "EG103",
            "invisible-or-bidi-character",
            "bidirectional control or invisible character in source",
            "Bidirectional controls and zero-width characters can make code read differently from how it "
            "runs (Trojan Source, CVE-2021-42574). Remove the character or write it as an escape.",
        ),
        Rule(
            "EG201",
            "non-english-comment",
            "non-English comment",
            "A comment whose words are not English. Directives, commented-out code, URLs, paths, proper "
            "nouns and jargon are English. Fix: `english-guard translate --diff`, review, `--write`.",
        ),
        Rule(
            "EG301",
            "non-english-docstring",
            "non-English docstring",
            "A module, class or function docstring that is not English. Fix with `english-guard translate`.",
        ),
        Rule(
            "EG401",
            "untranslated-user-facing-string",
            "non-English user-facing string not routed through gettext",
            "A string an end user reads (a bot reply, a button label, CLI output, an HTTP error detail) written "
            "in another language directly in the code. Fix: `english-guard extract` moves it into a gettext "
            "catalog, so the code speaks English and the users keep their language. A string is user-facing when "
            "it goes to a reply, button, CLI output, HTTP response or Django label, sits in a message table or "
            "constant that is sent, or is prose whose destination the file does not show (logs, exceptions, "
            "assertions, keys and data are told apart first). Strings in test files are test data (EG402).",
        ),
        Rule(
            "EG402",
            "non-english-string",
            "non-English string that is not user-facing (log, exception, name, test data)",
            "A log message, exception message, assertion or warning text, test data, or a name written inside a "
            "string (a dict key, a Django lookup such as `oquvchi__ism_familiya`, a table or Celery task name) "
            "that is not English. Developers read these, so they must be in English: `english-guard translate` "
            "proposes English for prose through its review file. A name inside a string usually follows a "
            "rename of the code it names (`english-guard rename`), so change both together. Data-shaped "
            "strings (SQL, regular expressions, URLs, paths, file names, format specs, dates) are never reported.",
        ),
        Rule(
            "EG403",
            "non-english-msgid",
            "non-English msgid inside a gettext call",
            "Text inside `_()`/`gettext()` is the msgid: the catalog key every translation is made from. The code "
            "must speak English; the source language belongs in the catalog. Fix: `english-guard extract` gives "
            "the message an English msgid and keeps the original text as the source locale's translation.",
        ),
        Rule(
            "EG501",
            "non-english-prose",
            "non-English prose in a non-Python file",
            "A comment, Helm template comment, free-text value or Markdown text in a YAML/Helm, Dockerfile, "
            "shell, TOML/INI/.env or Markdown file that is not English.",
        ),
        Rule(
            "EG601",
            "non-english-commit-message",
            "non-English commit message or pull-request text",
            "A commit subject or body, or a pull/merge request title or description, that is not English "
            "(`english-guard check-message`). Conventional Commits types and scopes, trailers, issue references, "
            'hashes, code spans, URLs, paths and git\'s own merge subjects are not prose; a `Revert "..."` '
            "subject is judged by the reverted subject. Fix: `git commit --amend` (or reword the commits of the "
            "branch with `git rebase -i`); a message that must stay as it is carries the trailer "
            "`English-Guard: ignore`.",
        ),
        Rule(
            "EG100",
            "unused-suppression",
            "english-guard suppression comment that suppresses nothing",
            "An `# english-guard: ignore[...]` or `# noqa: EG...` comment on a line where no finding of those codes "
            "remains. Off by default: reported with `check --show-unused-ignores` or when selected "
            '(`--select EG100`, `select = ["ALL"]`); remove the comment so it cannot hide a future finding.',
            default=False,
        ),
        Rule(
            "EG900",
            "unreadable-file",
            "file could not be read or parsed",
            "english-guard could not decode or parse the file (syntax error, binary content, bytes that are "
            "not valid in the declared encoding). The rest of the run goes on; the exit code is 2.",
        ),
    )
}

KIND_CODES = {"comment": "EG201", "docstring": "EG301", "string": "EG401", "prose": "EG501", "identifier": "EG101"}

# Every Default_Ignorable_Code_Point (Unicode's invisible characters, bidirectional controls among them).
_BIDI_OR_INVISIBLE = re.compile(
    "[" + "".join(f"\\U{first:08X}-\\U{last:08X}" for first, last in DEFAULT_IGNORABLE) + "]"
)
_DIRECTIVE = re.compile(
    r"(?:english-guard:\s*(?P<kind>ignore|skip-file)(?:\[(?P<codes>[^\]]*)\])?)|(?:\bnoqa:\s*(?P<noqa>[A-Z]+\d+(?:[\s,]+[A-Z]+\d+)*))"
    # A blanket noqa comment (no codes) at the start of a comment or after a `#`, any case, as ruff reads it.
    r"|(?P<blanket>(?:^|\#)\s*(?i:noqa)\b(?!\s*:\s*[A-Za-z]+\d))"
)


def language_name(code: str) -> str:
    return language_display_name(code, LANGUAGE_NAMES.get(code, code))


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def finding_message(kind: str, symbol: str, text: str, language_code: str) -> str:
    language = language_name(language_code)
    if kind == "identifier":
        return _("identifier '{text}' is not English ({language})").format(text=text, language=language)
    if kind == "comment":
        return _('non-English comment ({language}): "{text}"').format(language=language, text=_short(text))
    if kind == "docstring":
        return _('non-English docstring ({language}): "{text}"').format(language=language, text=_short(text))
    if kind == "string" and rule_for(symbol) == "EG403":
        return _('non-English msgid inside a gettext call ({language}): "{text}"').format(
            language=language, text=_short(text)
        )
    if kind == "string" and rule_for(symbol) == "EG402":
        return _('non-English {role} ({language}): "{text}"').format(role=symbol, language=language, text=_short(text))
    if kind == "string":
        return _('non-English user-facing string ({language}) not routed through gettext: "{text}"').format(
            language=language, text=_short(text)
        )
    return _('non-English {form} ({language}): "{text}"').format(
        form=symbol or "prose", language=language, text=_short(text)
    )


def finding_for(segment: Segment, verdict: Verdict, code: str) -> Finding:
    message = finding_message(segment.kind, segment.symbol, segment.text, verdict.language)
    return Finding(
        segment.path,
        segment.line,
        segment.column,
        segment.end_line,
        segment.end_column,
        code,
        segment.kind,
        segment.symbol,
        segment.text,
        verdict.language,
        verdict.confidence,
        message,
    )


# Cyrillic and Greek letters that look like Latin ones: inside a Latin word they hide a different name.
CONFUSABLES = frozenset("аеорсухіјѕԁԛԝвкмнтАВЕКМНОРСТУХІЈЅοαντυικρΑΒΕΖΗΙΚΜΝΟΡΤΥΧ")


def _mixes_scripts(word: str) -> bool:
    scripts = word_scripts(word)
    if "LATIN" not in scripts or len(scripts) == 1:
        return False
    # Cyrillic never belongs in a Latin word; Greek does in math names (Δt, λ_l2) unless it is a look-alike.
    return "CYRILLIC" in scripts or any(char in CONFUSABLES for char in word)


def mixed_script_finding(segment: Segment) -> Finding | None:
    normalized = unicodedata.normalize("NFKC", segment.text)
    if normalized != segment.text and normalized.isascii():
        # Python reads `ｐassword` as `password` (identifiers are NFKC-normalised): a name in disguise.
        message = _("identifier '{text}' uses look-alike compatibility characters; Python reads it as '{name}'").format(
            text=segment.text, name=normalized
        )
        return Finding(
            segment.path,
            segment.line,
            segment.column,
            segment.end_line,
            segment.end_column,
            "EG102",
            "identifier",
            segment.symbol,
            segment.text,
            "und",
            1.0,
            message,
        )
    scripts = word_scripts(segment.text)
    if any(_mixes_scripts(part) for part in re.split(r"[_\d]+", segment.text)) or (
        "LATIN" in scripts and any(char in CONFUSABLES for char in segment.text)
    ):
        message = _("identifier '{text}' mixes {scripts} letters (look-alike characters)").format(
            text=segment.text, scripts=" and ".join(sorted(s.title() for s in scripts))
        )
        return Finding(
            segment.path,
            segment.line,
            segment.column,
            segment.end_line,
            segment.end_column,
            "EG102",
            "identifier",
            segment.symbol,
            segment.text,
            "und",
            1.0,
            message,
        )
    return None


# Invisible characters that belong to writing next to a visible non-ASCII character: zero-width
# (non-)joiners in emoji sequences (👨‍👩‍👧) and Persian and Indic spelling, variation selectors (❤️, CJK
# variants), the combining grapheme joiner, Mongolian selectors and separator, Khmer inherent vowels and
# Hangul fillers inside Hangul. Next to ASCII, alone, or used as a name (a Hangul filler alone is a valid
# Python name) they hide something.
_JOINERS = frozenset(
    "\u200c\u200d\u034f\u180b\u180c\u180d\u180e\u180f\u17b4\u17b5\u115f\u1160\u3164\uffa0"
    + "".join(chr(code) for code in range(0xFE00, 0xFE10))
    + "".join(chr(code) for code in range(0xE0100, 0xE01F0))
)
# A flag emoji (🏴 and tag letters, ended by the cancel tag) is the one use of the tag characters.
_TAG_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")


def _visible_non_ascii(char: str) -> bool:
    return bool(char) and not char.isascii() and not _BIDI_OR_INVISIBLE.match(char)


def _joins_script_text(line: str, index: int) -> bool:
    """A joiner next to a visible non-ASCII character is writing, not hiding: one between ASCII (or
    between other invisible characters) is suspect."""
    return _visible_non_ascii(line[index - 1 : index]) or _visible_non_ascii(line[index + 1 : index + 2])


def invisible_character_findings(path: str, text: str) -> list[Finding]:
    if not _BIDI_OR_INVISIBLE.search(text):
        return []  # the common case, found in one pass over the file
    findings = []
    # `text` has "\n" line ends (checker.decode); str.splitlines would also split at form feeds and U+2028.
    for line_number, line in enumerate(text.split("\n"), start=1):
        flags = [match.span() for match in _TAG_FLAG.finditer(line)] if "\U0001f3f4" in line else []
        for match in _BIDI_OR_INVISIBLE.finditer(line):
            if match.group() == "\ufeff" and line_number == 1 and match.start() == 0:
                continue  # a byte order mark at the start of the file is not hidden text
            char = match.group()
            if char in _JOINERS and _joins_script_text(line, match.start()):
                continue
            if any(start < match.start() < end for start, end in flags):
                continue
            message = _("invisible or bidirectional control character U+{code:04X} in source").format(code=ord(char))
            findings.append(
                Finding(
                    path,
                    line_number,
                    match.start() + 1,
                    line_number,
                    match.start() + 2,
                    "EG103",
                    "identifier",
                    "character",
                    f"U+{ord(char):04X}",
                    "und",
                    1.0,
                    message,
                )
            )
    return findings


@dataclass(slots=True)
class Directive:
    line: int
    codes: frozenset[str] | None  # None: every code
    text: str
    used: bool = False
    # Where the comment holding the directive starts: one comment is one directive, however many lines it covers.
    start_line: int = 0
    column: int = 1


def directives_in(segments: list[Segment]) -> tuple[list[Directive], bool]:
    """Suppression comments (`english-guard: ignore[...]`, `noqa: EG201`) and whether the file is skipped."""
    directives: list[Directive] = []
    skip_file = False
    for segment in segments:
        if segment.kind not in ("comment", "prose") or (
            "english-guard" not in segment.text and "noqa" not in segment.text.lower()
        ):
            continue
        for match in _DIRECTIVE.finditer(segment.text):
            if match.group("kind") == "skip-file":
                skip_file = True
                continue
            raw = match.group("codes") if match.group("kind") else match.group("noqa")
            codes = None
            if raw and not match.group("blanket"):
                codes = frozenset(code.strip().upper() for code in re.split(r"[\s,]+", raw) if code.strip())
                if match.group("noqa") and not any(code.startswith("EG") for code in codes):
                    continue  # a noqa for another tool
                codes = frozenset(code for code in codes if code.startswith("EG")) or None
            for line in range(segment.line, segment.end_line + 1):
                directives.append(Directive(line, codes, segment.text, start_line=segment.line, column=segment.column))
    return directives, skip_file


def suppress(findings: list[Finding], directives: list[Directive]) -> list[Finding]:
    if not directives:
        return findings
    by_line: dict[int, list[Directive]] = {}
    for directive in directives:
        by_line.setdefault(directive.line, []).append(directive)
    kept = []
    for finding in findings:
        suppressed = False
        for line in range(finding.line, finding.end_line + 1):
            for directive in by_line.get(line, ()):
                if directive.codes is None or finding.code in directive.codes:
                    directive.used = True
                    suppressed = True
        if not suppressed:
            kept.append(finding)
    return kept


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
        if len(verdict.candidates) > 1:
            top = verdict.candidates[0][1]
            close = [(lang, share) for lang, share in verdict.candidates if share >= 0.5 * top]
            best = max(close, key=lambda item: item[1] * (0.5 + prior.get(item[0], 0.0) / total))[0]
            if best != verdict.language:
                verdict = dataclasses.replace(verdict, language=best)
        out.append((segment, verdict, code))
    return out


def _only_names(verdict: Verdict, names: frozenset[str]) -> bool:
    foreign = verdict.foreign_words
    return bool(foreign) and all(fold(word) in names for word in foreign)


def _leaning_only_names(verdict: Verdict, names: frozenset[str]) -> bool:
    leaning = [w.word for w in verdict.words if w.verdict in ("foreign", "unknown", "proper")]
    return not leaning or all(fold(word) in names for word in leaning)


@dataclass(slots=True)
class FileEvidence:
    """What a file's segments say beyond its sure findings (see english_guard.context): segments with weak
    foreign evidence, and the file's language profile {language: weight of sure evidence}."""

    candidates: list[tuple[Segment, Verdict, str]] = dataclasses.field(default_factory=list)
    languages: dict[str, float] = dataclasses.field(default_factory=dict)
    # Findings whose language is a close call: [line, column, code, [[language, share], ...]].
    alternatives: list[list] = dataclasses.field(default_factory=list)


# The log likelihood ratio a sure verdict on test data carries into the project-level step: with
# posterior = log(share / English share) + ratio >= ACCEPT_LOG_ODDS (0.5), the test data's language must
# hold about a twelfth of the English share of the file's and project's profile to be reported.
TEST_DATA_LOG_RATIO = 3.0


def _test_data_leaning(verdict: Verdict) -> tuple[tuple[str, float], ...]:
    """A sure verdict as strong evidence for its language and, a little less, for the close alternatives
    (`Katalog`: German or Uzbek), so that the project's profile names it."""
    alternatives = [(language, share) for language, share in verdict.candidates if share > 0]
    if not alternatives:
        return ((verdict.language, TEST_DATA_LOG_RATIO),)
    top = alternatives[0][1]
    return tuple((language, round(TEST_DATA_LOG_RATIO + math.log(share / top), 3)) for language, share in alternatives)


# Profile weights: an identifier is one or two words, a comment or docstring a sentence.
_PROFILE_WEIGHT = {"identifier": 0.5}


def _profile_weight(segment: Segment, verdict: Verdict) -> float:
    """How much a judged segment tells about the file's language (0 for texts too short to tell)."""
    if segment.kind == "identifier":
        return 0.5 if len(segment.text) >= 4 or not verdict.english else 0.0
    if verdict.english and segment.text.count(" ") < 2:
        return 0.0
    return 1.0


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
    for segment in segments:
        code = rule_for(segment.symbol) if segment.kind == "string" else KIND_CODES.get(segment.kind)
        if segment.kind == "identifier" and "EG102" in enabled and not segment.text.isascii():
            mixed = mixed_script_finding(segment)
            if mixed is not None:
                findings.append(mixed)
                continue
        if code not in enabled:
            continue
        if segment.kind == "string" and segment.symbol == TEST_DATA and segment.text in catalog_texts:
            continue
        kind = judge_kind(segment.symbol, segment.text) if segment.kind == "string" else segment.kind
        verdict = judge(segment.text, kind, allowed)
        sure = not verdict.english and verdict.confidence >= min_confidence
        if evidence is not None and segment.kind == "string" and segment.symbol == TEST_DATA:
            # Test data is foreign on purpose in an English project (Unicode, IDN and charset fixtures) and
            # written in the team's language in a project that is not English: the project decides. It is
            # a candidate whose language must be a real part of the profile, and it never shapes the profile.
            if looks_like_code(segment.text):
                continue
            if sure:
                verdict = dataclasses.replace(verdict, leaning=_test_data_leaning(verdict))
            if verdict.leaning:
                evidence.candidates.append((segment, verdict, code))
            continue
        if evidence is not None:
            weight = _profile_weight(segment, verdict)
            if weight:
                language = verdict.language if sure else "en" if verdict.english else ""
                if language:
                    evidence.languages[language] = round(evidence.languages.get(language, 0.0) + weight, 3)
        if not sure and not (evidence is not None and verdict.leaning):
            continue
        if segment.kind == "string" and looks_like_code(segment.text):
            continue
        if segment.kind in ("comment", "docstring"):
            if code_names is None:
                code_names = names | {
                    fold(s.text)
                    for s in segments
                    if s.kind in ("identifier", "reference") and judge(s.text, "identifier", allowed).english
                }
            known = code_names
        else:
            known = names
        if not sure:  # only reached when evidence is collected (see above)
            if evidence is not None and not (known and _leaning_only_names(verdict, known)):
                evidence.candidates.append((segment, verdict, code))
            continue
        if known and _only_names(verdict, known):
            continue
        judged.append((segment, verdict, code))
    for segment, verdict, code in harmonise_languages(judged):
        findings.append(finding_for(segment, verdict, code))
        if evidence is not None and len(verdict.candidates) > 1:
            top = verdict.candidates[0][1]
            close = [[lang, share] for lang, share in verdict.candidates if share >= 0.5 * top]
            if len(close) > 1:
                evidence.alternatives.append([segment.line, segment.column, code, close])
    return findings
