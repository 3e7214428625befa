"""Commit messages and pull-request text: message -> segments -> verdicts -> findings (EG601).

A commit message is read as git writes COMMIT_EDITMSG: lines starting with the comment character are
git's comments and a scissors line ends the message. What is not prose is taken out before the
language detection judges the rest: Conventional Commits type and scope (`feat(bot)!:`), `fixup!`
markers, trailers (`Signed-off-by:`), issue references (#12, GH-3, JIRA-123), commit hashes, gitmoji
codes, tags such as `[skip ci]`, git's own merge subjects, and `Revert "..."` around a subject (the
inner subject is judged). The body and a pull-request description are Markdown: the Markdown reader
turns them into paragraphs and list items and leaves code blocks, inline code and links out.
Masked characters become spaces, so every position stays that of the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from english_guard.config import Config
from english_guard.context import LANGUAGES, resolve
from english_guard.findings import finding_for, harmonise_languages, leaning_only_names, only_names, profile_weight
from english_guard.language import judge
from english_guard.language.prose import plainly_english
from english_guard.records import Candidate, FileResult, Segment
from english_guard.rules import NON_ENGLISH_COMMIT_MESSAGE
from english_guard.sources.text.markdown import read_markdown

CODE = NON_ENGLISH_COMMIT_MESSAGE.code
SCISSORS = "------------------------ >8 ------------------------"
# git interpret-trailers: a token of letters, digits and dashes, a colon, a value.
_TRAILER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*:[ \t]+\S")
_TRAILER_CONTINUATION = re.compile(r"^[ \t]+\S")
# Lines git itself adds, anywhere in the message.
_GIT_LINE = re.compile(r"^\s*\((?:cherry picked from commit [0-9a-f]{7,64}|cherry-picked from [^)]*)\)\s*$")
# Trailers that are recognised wherever they stand, not only in the last paragraph.
_KNOWN_TRAILER = re.compile(
    r"^(?:Signed-off-by|Co-authored-by|Co-Authored-By|Reviewed-by|Acked-by|Tested-by|Reported-by|Suggested-by"
    r"|Helped-by|Requested-by|Approved-by|Reviewed-on|Change-Id|Cc|Fixes|Closes|Resolves|Refs|See-also|Bug|Issue"
    r"|Part-of|Related-to|Ticket|Task|English-Guard):[ \t]*\S",
    re.IGNORECASE,
)
_SUPPRESS = re.compile(r"^English-Guard:[ \t]*ignore\b", re.IGNORECASE | re.MULTILINE)
_AUTOSQUASH = re.compile(r"^(?:(?:fixup|squash|amend)! ?)+")
_REVERT = re.compile(r'^(?:Revert|Reapply) "(.*)"\s*$')
# Subjects git and the forges write: nothing in them is the author's prose.
_MERGE = re.compile(
    r"^(?:Merge (?:(?:remote-tracking )?branch(?:es)? |tags? |commit |pull request |PR |[0-9a-f]{7,64}\b"
    r"|(?:'[^']*'|\S+) (?:of|into) )"
    r"|Auto merge of #\d+ - |Merge #\d+)",  # bors
)
# `feat(bot)!:`, `fix:`, also `docs/text-files.md:` and `.gitignore:` (the area-prefix convention).
_SUBJECT_PREFIX = re.compile(r"^[\w.*/{},+-]+(?:\([^()\n]*\))?!?:(?=\s)")
_BRACKET_TAG = re.compile(r"\[[^\[\]\n]{1,30}\]")
_ISSUE_REFERENCE = re.compile(
    r"(?<![\w&])(?:[\w.-]+/[\w.-]+)?[#!]\d+\b"  # #12, !7 (GitLab), owner/repo#12
    r"|\b(?:GH|gh)-\d+\b"  # GH-3
    r"|\b[A-Z][A-Z0-9_]{1,15}-\d+\b"  # JIRA-123
)
_HASH = re.compile(r"\b[0-9a-f]{7,64}\b")
# File names with an extension, hyphens too (`Create javoblar-03-dars.py`, the forge's web-editor subjects).
_FILE_NAME = re.compile(r"(?<![\w/.-])[\w-]+(?:\.[\w-]+)*\.[A-Za-z][A-Za-z0-9]{0,5}\b(?![.\w])")
_EMOJI_CODE = re.compile(r":[a-z0-9_+-]{2,30}:")
_MENTION = re.compile(r"(?<![\w.@])@[\w-]+(?:/[\w-]+)?")  # @user, @org/team
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_MARKDOWN_CONFIG = Config()  # the Markdown reader takes a configuration but reads none of it


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def mask_non_prose(text: str) -> str:
    """Issue references, hashes, file names, @mentions, gitmoji codes and bracket tags replaced by spaces
    (positions kept)."""
    for pattern in (_ISSUE_REFERENCE, _HASH, _FILE_NAME, _MENTION, _EMOJI_CODE, _BRACKET_TAG):
        text = pattern.sub(_blank, text)
    # `Шаблон (#7)` leaves `Шаблон (  )`, which would read as a call: commented-out code.
    return _EMPTY_BRACKETS.sub(_blank, text)


@dataclass(slots=True)
class MessageText:
    """One message to judge: what it is called in reports, and its segments, each with the text the
    engine judges (the segment's text with what is not prose masked)."""

    path: str
    parts: list[tuple[Segment, str]]
    suppressed: bool = False


def comment_lines_removed(text: str, comment_prefix: str | None) -> str:
    """COMMIT_EDITMSG as git cleans it: comment lines blanked (kept as empty lines, so line numbers
    stay those of the file) and everything from the scissors line on dropped."""
    lines = text.split("\n")
    out = []
    for line in lines:
        stripped = line.strip()
        if comment_prefix and stripped.startswith(comment_prefix):
            if stripped[len(comment_prefix) :].strip() == SCISSORS:
                break
            out.append("")
            continue
        if stripped == SCISSORS:
            break
        out.append(line)
    return "\n".join(out)


def _trailer_lines(lines: list[str]) -> set[int]:
    """Indexes of trailer lines: the last paragraph when it is all trailers, and known trailers anywhere."""
    found = {
        i
        for i, line in enumerate(lines)
        if (":" in line or "(" in line) and (_KNOWN_TRAILER.match(line) or _GIT_LINE.match(line))
    }
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    start = end
    while start > 0 and lines[start - 1].strip():
        start -= 1
    last = list(range(start, end))
    if (
        start > 0
        and last
        and _TRAILER.match(lines[start])
        and all(
            _TRAILER.match(lines[i]) or _TRAILER_CONTINUATION.match(lines[i]) or _GIT_LINE.match(lines[i]) for i in last
        )
    ):
        found.update(last)
    return found


def subject_text(subject: str) -> str:
    """The subject with what is not the author's prose replaced by spaces (same length)."""
    if _MERGE.match(subject):
        return ""
    text = subject
    match = _AUTOSQUASH.match(text)
    if match:
        text = " " * match.end() + text[match.end() :]
    while True:  # Revert "Revert "x"": the innermost subject is the prose
        inner = _REVERT.match(text.lstrip())
        if not inner:
            break
        offset = len(text) - len(text.lstrip())
        text = " " * (offset + inner.start(1)) + inner.group(1) + " " * (len(text) - offset - inner.end(1))
        if _MERGE.match(inner.group(1)):
            return ""
    body = text.lstrip()
    prefix = _SUBJECT_PREFIX.match(body)
    if prefix:
        offset = len(text) - len(body)
        text = " " * (offset + prefix.end()) + body[prefix.end() :]
    return mask_non_prose(text)


def _segment(path: str, text: str, line: int, column: int, symbol: str) -> Segment:
    return Segment(path, "prose", text, line, column, line, column + len(text), symbol)


def commit_message(path: str, text: str, comment_prefix: str | None = "#") -> MessageText:
    """The segments of one commit message: the subject and the body's paragraphs and list items."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if comment_prefix:
        text = comment_lines_removed(text, comment_prefix)
    lines = text.split("\n")
    trailers = _trailer_lines(lines)
    if any(_SUPPRESS.match(lines[i]) for i in trailers):
        return MessageText(path, [], suppressed=True)
    parts: list[tuple[Segment, str]] = []
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return MessageText(path, [])
    subject_end = first
    while subject_end < len(lines) and lines[subject_end].strip() and subject_end not in trailers:
        subject_end += 1
    for index in range(first, subject_end):
        original = lines[index].rstrip()
        masked = subject_text(original) if index == first else mask_non_prose(original)
        if masked.strip():
            column = len(original) - len(original.lstrip()) + 1
            symbol = "commit subject" if index == first else "commit body"
            parts.append((_segment(path, original.strip(), index + 1, column, symbol), masked))
    body_lines = ["" if i < subject_end or i in trailers else line for i, line in enumerate(lines)]
    body = "\n".join(body_lines)
    if body.strip():
        if body.isascii() and plainly_english(body):
            # Every word is common English: so is every paragraph the Markdown reader could make of it.
            # One part keeps the message's English weight for the language profile.
            start = next(i for i, line in enumerate(body_lines) if line.strip())
            parts.append((_segment(path, body.strip(), start + 1, 1, "commit body"), body))
        else:
            parts.extend(_markdown_parts(path, body, "commit body"))
    return MessageText(path, parts)


def pull_request(path: str, title: str, body: str) -> MessageText:
    """A pull or merge request: the title on line 1, the description (Markdown) from line 3."""
    title = " ".join(title.split())
    body = (body or "").replace("\r\n", "\n").replace("\r", "\n")
    if _SUPPRESS.search(body):
        return MessageText(path, [], suppressed=True)
    parts: list[tuple[Segment, str]] = []
    masked = subject_text(title)
    if masked.strip():
        parts.append((_segment(path, title, 1, 1, "pull-request title"), masked))
    if body.strip():
        parts.extend(_markdown_parts(path, "\n\n" + body, "pull-request description"))
    return MessageText(path, parts)


def _markdown_parts(path: str, text: str, symbol: str) -> list[tuple[Segment, str]]:
    parts = []
    for segment in read_markdown(path, text, _MARKDOWN_CONFIG):
        masked = mask_non_prose(segment.text)
        if masked.strip():
            parts.append((replace(segment, symbol=symbol), masked))
    return parts


def judge_messages(
    messages: list[MessageText], allowed: frozenset[str], min_confidence: float, names: frozenset[str] = frozenset()
) -> list[FileResult]:
    """Judge every message with the engine and the project-level step `check` uses: one result per
    message, holding its EG601 findings.

    As files in `check`, each message keeps what it is sure of and, for text whose foreign evidence is
    weak, a candidate; the messages of the run together are the project whose language profile decides
    the candidates (a range of a team's commits, or one message alone).
    """
    results = []
    for message in messages:
        judged = []
        candidates = []
        languages: dict[str, float] = {}
        for segment, text in message.parts:
            verdict = judge(text, "prose", allowed)
            sure = not verdict.english and verdict.confidence >= min_confidence
            weight = profile_weight(segment, verdict)
            language = verdict.language if sure else "en" if verdict.english else ""
            if weight and language:
                languages[language] = round(languages.get(language, 0.0) + weight, 3)
            if sure:
                if not (names and only_names(verdict, names)):
                    judged.append((segment, verdict, CODE))
            elif verdict.leaning and not (names and leaning_only_names(verdict, names)):
                candidates.append(Candidate(finding_for(segment, verdict, CODE), verdict.leaning))
        # A close call is named by the message's own main language (per message: authors differ).
        findings = [finding_for(segment, verdict, code) for segment, verdict, code in harmonise_languages(judged)]
        result = FileResult(message.path, findings, candidates=candidates)
        if languages:
            result.facts[LANGUAGES] = languages
        results.append(result)
    resolve(results, min_confidence)
    for result in results:
        result.candidates = []
    return results


def active(config: Config) -> bool:
    return CODE in config.codes_enabled()
