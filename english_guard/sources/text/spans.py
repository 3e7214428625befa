"""Shared helpers of the text readers: character offsets -> positions, segments, free-text keys.

Readers work on character offsets into the whole decoded text; `Spans` turns an offset range into
1-based lines and columns (columns count characters, end_column is exclusive) and builds the
Segment. A line ends at "\\n"; a "\\r" before it belongs to the line break, not to the text.
"""

from __future__ import annotations

import bisect
import re

from english_guard.language.tokens import split_identifier
from english_guard.records import Segment

# A value is free text when the last word of its key is one of these
# (`description`, `trialEndedMessage`, `org.opencontainers.image.title`, `slack-message`, `HELP_TEXT` is not).
FREE_TEXT_KEY_WORDS = frozenset({"description", "summary", "message", "help", "title"})

# Context hints for segments that are not prose although they sit where prose sits.
SHEBANG = "shebang"
DIRECTIVE = "directive"


def key_last_word(key: str) -> str:
    """The last word of a configuration key: `trialEndedMessage` -> message, `org.x.title` -> title."""
    words = split_identifier(key)
    return words[-1].lower() if words else ""


def is_free_text_key(key: str) -> bool:
    return key_last_word(key) in FREE_TEXT_KEY_WORDS


class Spans:
    """Turns character offsets of one text into Segments with exact positions."""

    __slots__ = ("path", "text", "_starts")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    @property
    def line_starts(self) -> list[int]:
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of the character at `offset`."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def segment(
        self, start: int, end: int, symbol: str, text: str | None = None, context: str = "", kind: str = "prose"
    ) -> Segment | None:
        """The segment for text[start:end] with surrounding whitespace trimmed; None when nothing is left.

        `text` replaces the segment's text (block scalars, multi-line comments) while the position
        still covers start..end.
        """
        source = self.text
        while start < end and source[start].isspace():
            start += 1
        while end > start and source[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
        if text is None:
            text = source[start:end].replace("\r\n", "\n")
        if not text.strip():
            return None
        line, column = self.position(start)
        end_line, end_column = self.position(end - 1)
        return Segment(
            path=self.path,
            kind=kind,
            text=text,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column + 1,
            symbol=symbol,
            context=context,
        )


def line_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line; the line break and a "\\r" before it are excluded."""
    result: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start <= n:
        end = text.find("\n", start)
        if end == -1:
            end = n
        stop = end - 1 if end > start and text[end - 1] == "\r" else end
        result.append((start, stop))
        start = end + 1
    return result


def line_end(text: str, offset: int) -> int:
    """The offset of the line break (or the end of the text) after `offset`."""
    end = text.find("\n", offset)
    return len(text) if end == -1 else end


def comment_segment(
    spans: Spans, marker: int, end: int, markers: str = "#", context: str | None = None, symbol: str = "comment"
) -> Segment | None:
    """The comment whose marker starts at `marker`: its body after the run of marker characters."""
    body = marker
    text = spans.text
    while body < end and text[body] in markers:
        body += 1
    if context is None:
        context = comment_context(text[body:end])
    return spans.segment(body, end, symbol, context=context)


def stripped_lines(text: str) -> str:
    """Each line stripped; empty first and last lines dropped (template, HTML comments and block scalars)."""
    lines = [line.strip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def comment_context(body: str) -> str:
    """A hint for comment bodies that are tool directives rather than prose."""
    head = body.lstrip()
    if _DIRECTIVE.match(head):
        return DIRECTIVE
    return ""


# Directives of the linters that live in these files: they are English by construction.
_DIRECTIVE = re.compile(
    r"(?:yamllint\s+(?:disable|enable)|shellcheck\s+(?:disable|enable|source|shell)=|hadolint\s+(?:ignore|global)"
    r"|checkov:skip=|noqa\b|type:\s*ignore|pragma\b|english-guard:|fmt:\s*(?:on|off|skip)"
    r"|prettier-ignore|markdownlint-(?:disable|enable|capture|restore)|renovate:|nosec\b|trivy:ignore"
    r"|kics-scan\s|tfsec:ignore|-\*-.*-\*-|vim?:\s)",
    re.IGNORECASE,
)
