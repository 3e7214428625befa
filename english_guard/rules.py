"""The rule registry: every rule code, its name, summary, explanation, README text, message and default, in
one place.

Configuration (`ALL_CODES`, `DEFAULT_SELECT`), `explain`, `rules`, the SARIF rule metadata, the README's
rule table and the findings' messages all derive from `RULES`; code that emits or tests for a rule refers to
it by its constant here (`NON_ENGLISH_COMMENT.code`), never by a string literal. This module imports nothing
of the project, so every layer may use it. Adding a rule: CONTRIBUTING.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


def N_(message: str) -> str:
    """Marks a message for the catalog without translating it here (gettext's no-op marker): a finding's
    message is translated where it is made, in the user's language (`findings.rule_message`)."""
    return message


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule. `RULES` below is the only list of codes."""

    code: str
    name: str
    summary: str
    explanation: str
    # What it reports, as the README's rule table says it (tests/test_docs_literal.py compares them).
    detail: str
    # What a finding says: a `str.format` template, translated through gettext where the finding is made
    # (`findings.rule_message`). Its fields: {text} the text (shortened to 80 characters unless the rule
    # quotes it whole), {language} the language's name, {role} and {form} what the text is (a string's role,
    # a prose segment's form). Empty for EG900, whose message is the reader's own error.
    message: str = ""
    # The message quotes the whole text (a name), not an 80-character excerpt (a sentence).
    quotes_whole_text: bool = False
    # Other shapes of the message, by name (EG102: a name Python reads as another one).
    variants: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Checked unless configured otherwise; a rule that is off by default is turned on by selecting it.
    default: bool = True


NON_ENGLISH_IDENTIFIER = Rule(
    "EG101",
    "non-english-identifier",
    "non-English identifier at its definition",
    "A function, class, method, parameter, variable, attribute, loop/with/except/comprehension target, "
    "import alias or global/nonlocal name whose words are not English. Names are reported once, where "
    "they are defined. Fix: `english-guard rename --plan renames.toml`, review, `--apply`.",
    detail=(
        "non-English identifier at its definition (function, class, method, parameter, variable, attribute "
        "set on self/cls, loop/with/except/comprehension/walrus/match target, import alias, global/nonlocal)"
    ),
    message=N_("identifier '{text}' is not English ({language})"),
    quotes_whole_text=True,
)
MIXED_SCRIPT_IDENTIFIER = Rule(
    "EG102",
    "mixed-script-identifier",
    "identifier mixes scripts or uses look-alike characters",
    "An identifier that mixes Latin with Cyrillic or Greek letters (a Cyrillic `а` in a Latin name) "
    "looks like one name and is another. Retype the name in one script.",
    detail=(
        "identifier that mixes scripts or uses look-alike characters (a Cyrillic `а` in a Latin name, a "
        "full-width `ｐassword` that Python reads as `password`)"
    ),
    message=N_("identifier '{text}' mixes {scripts} letters (look-alike characters)"),
    quotes_whole_text=True,
    variants=MappingProxyType(
        {
            # Python reads `ｐassword` as `password` (identifiers are NFKC-normalised): a name in disguise.
            "compatibility": N_(
                "identifier '{text}' uses look-alike compatibility characters; Python reads it as '{name}'"
            ),
        }
    ),
)
INVISIBLE_OR_BIDI_CHARACTER = Rule(
    "EG103",
    "invisible-or-bidi-character",
    "bidirectional control or invisible character in source",
    "Bidirectional controls and zero-width characters can make code read differently from how it "
    "runs (Trojan Source, CVE-2021-42574). Remove the character or write it as an escape.",
    detail=(
        "bidirectional control or invisible characters in source (Trojan Source): every Unicode "
        "default-ignorable character (Hangul fillers used as names, variation selectors, tag characters...), "
        "in every file type; joiners and selectors inside emoji and non-Latin writing are not findings"
    ),
    message=N_("invisible or bidirectional control character U+{code:04X} in source"),
)
NON_ENGLISH_COMMENT = Rule(
    "EG201",
    "non-english-comment",
    "non-English comment",
    "A comment whose words are not English. Directives, commented-out code, URLs, paths, proper "
    "nouns and jargon are English. Fix: `english-guard translate --diff`, review, `--write`.",
    detail="non-English comment",
    message=N_('non-English comment ({language}): "{text}"'),
)
NON_ENGLISH_DOCSTRING = Rule(
    "EG301",
    "non-english-docstring",
    "non-English docstring",
    "A module, class or function docstring that is not English. Fix with `english-guard translate`.",
    detail="non-English docstring",
    message=N_('non-English docstring ({language}): "{text}"'),
)
UNTRANSLATED_USER_FACING_STRING = Rule(
    "EG401",
    "untranslated-user-facing-string",
    "non-English user-facing string not routed through gettext",
    "A string an end user reads (a bot reply, a button label, CLI output, an HTTP error detail) written "
    "in another language directly in the code. Fix: `english-guard extract` moves it into a gettext "
    "catalog, so the code speaks English and the users keep their language. A string is user-facing when "
    "it goes to a reply, button, CLI output, HTTP response or Django label, sits in a message table or "
    "constant that is sent, or is prose whose destination the file does not show (logs, exceptions, "
    "assertions, keys and data are told apart first). Strings in test files are test data (EG402).",
    detail="non-English user-facing string literal not routed through gettext",
    message=N_('non-English user-facing string ({language}) not routed through gettext: "{text}"'),
)
NON_ENGLISH_STRING = Rule(
    "EG402",
    "non-english-string",
    "non-English string that is not user-facing (log, exception, name, test data)",
    "A log message, exception message, assertion or warning text, test data, or a name written inside a "
    "string (a dict key, a Django lookup such as `oquvchi__ism_familiya`, a table or Celery task name) "
    "that is not English. Developers read these, so they must be in English: `english-guard translate` "
    "proposes English for prose through its review file. A name inside a string usually follows a "
    "rename of the code it names (`english-guard rename`), so change both together. Data-shaped "
    "strings (SQL, regular expressions, URLs, paths, file names, format specs, dates) are never reported.",
    detail=(
        "non-English string that is not user-facing: log or exception message, assertion, test data, a name "
        'inside a string (`"oquvchi__ism_familiya"`, a dict key, a Celery task path); `translate` proposes '
        "English for log, exception and developer text"
    ),
    message=N_('non-English {role} ({language}): "{text}"'),
)
NON_ENGLISH_MSGID = Rule(
    "EG403",
    "non-english-msgid",
    "non-English msgid inside a gettext call",
    "Text inside `_()`/`gettext()` is the msgid: the catalog key every translation is made from. The code "
    "must speak English; the source language belongs in the catalog. Fix: `english-guard extract` gives "
    "the message an English msgid and keeps the original text as the source locale's translation.",
    detail=(
        'non-English msgid inside a gettext call (`_("Buyurtma qabul qilindi")`); `extract` gives it an '
        "English msgid and moves the original into the source catalog"
    ),
    message=N_('non-English msgid inside a gettext call ({language}): "{text}"'),
)
NON_ENGLISH_PROSE = Rule(
    "EG501",
    "non-english-prose",
    "non-English prose in a non-Python file",
    "A comment, Helm template comment, free-text value or Markdown text in a YAML/Helm, Dockerfile, "
    "shell, TOML/INI/.env or Markdown file that is not English.",
    detail="non-English prose in a non-Python file",
    message=N_('non-English {form} ({language}): "{text}"'),
)
NON_ENGLISH_COMMIT_MESSAGE = Rule(
    "EG601",
    "non-english-commit-message",
    "non-English commit message or pull-request text",
    "A commit subject or body, or a pull/merge request title or description, that is not English "
    "(`english-guard check-message`). Conventional Commits types and scopes, trailers, issue references, "
    'hashes, code spans, URLs, paths and git\'s own merge subjects are not prose; a `Revert "..."` '
    "subject is judged by the reverted subject. Fix: `git commit --amend` (or reword the commits of the "
    "branch with `git rebase -i`); a message that must stay as it is carries the trailer "
    "`English-Guard: ignore`.",
    detail="non-English commit message or pull/merge-request title or description (`check-message`)",
    message=N_('non-English {form} ({language}): "{text}"'),
)
UNUSED_SUPPRESSION = Rule(
    "EG100",
    "unused-suppression",
    "english-guard suppression comment that suppresses nothing",
    "An `# english-guard: ignore[...]` or `# noqa: EG...` comment on a line where no finding of those codes "
    "remains. Off by default: reported with `check --show-unused-ignores` or when selected "
    '(`--select EG100`, `select = ["ALL"]`); remove the comment so it cannot hide a future finding.',
    detail=(
        "a suppression comment that suppresses nothing (off by default: `--show-unused-ignores`, or select "
        'it: `--select EG100`, `select = ["ALL"]`)'
    ),
    message=N_("unused english-guard suppression comment"),
    default=False,
)
UNREADABLE_FILE = Rule(
    "EG900",
    "unreadable-file",
    "file could not be read or parsed",
    "english-guard could not decode or parse the file (syntax error, binary content, bytes that are "
    "not valid in the declared encoding). The rest of the run goes on; the exit code is 2.",
    detail="file could not be read or parsed (reported, never crashes the run)",
)

# Every rule, in the order `explain` names them.
RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        NON_ENGLISH_IDENTIFIER,
        MIXED_SCRIPT_IDENTIFIER,
        INVISIBLE_OR_BIDI_CHARACTER,
        NON_ENGLISH_COMMENT,
        NON_ENGLISH_DOCSTRING,
        UNTRANSLATED_USER_FACING_STRING,
        NON_ENGLISH_STRING,
        NON_ENGLISH_MSGID,
        NON_ENGLISH_PROSE,
        NON_ENGLISH_COMMIT_MESSAGE,
        UNUSED_SUPPRESSION,
        UNREADABLE_FILE,
    )
}

# The rule each kind of segment is reported under (strings: by their role, `sources.string_roles.rule_for`).
KIND_CODES = {
    "comment": NON_ENGLISH_COMMENT.code,
    "docstring": NON_ENGLISH_DOCSTRING.code,
    "string": UNTRANSLATED_USER_FACING_STRING.code,
    "prose": NON_ENGLISH_PROSE.code,
    "identifier": NON_ENGLISH_IDENTIFIER.code,
}


def markdown_table() -> str:
    """The README's rule table (`### Rules`), made from `RULES`."""
    rows = [f"| {rule.code} | {rule.detail} |" for rule in RULES.values()]
    return "\n".join(["| code | what |", "|---|---|", *rows])


if __name__ == "__main__":  # `python -m english_guard.rules` prints the README table
    print(markdown_table())
