"""The Go template layer of Helm charts: `{{ action }}`, `{{- trimmed -}}` and `{{/* comments */}}`.

Helm runs the template before anything parses the YAML, so the template layer comes off first:
`mask_templates` returns the text with every action and comment replaced by MASK characters (line
breaks kept, so offsets and positions stay the same) and the spans of the comment bodies. The scan is
one linear pass; an unterminated `{{/*` runs to the end of the file, and an action that never closes
turns action scanning off for the rest of the file (the text is then read as plain YAML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from english_guard.records import Segment
from english_guard.sources.text.spans import Spans, stripped_lines

MASK = "\ue000"  # a private-use character: not a space, not a letter, never in real text

# Inside an action: the closing delimiter, Go strings (interpreted strings end at a line break,
# raw strings may span lines), character constants, a `{{` that no action can hold, and anything else.
_ACTION_TOKEN = re.compile(r"""\}\}|\{\{|"(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\\n]|\\.)*'|[^{}"`']+|.""", re.DOTALL)
_COMMENT_OPEN = re.compile(r"-?[ \t\r\n]*/\*")
_COMMENT_CLOSE_TAIL = re.compile(r"[ \t\r\n]*-?[ \t\r\n]*\}\}")


@dataclass(frozen=True, slots=True)
class TemplateComment:
    """The body of one `{{/* ... */}}` comment, as offsets into the text (delimiters excluded)."""

    body_start: int
    body_end: int


def template_comment_segments(spans: Spans, comments: list[TemplateComment]) -> list[Segment]:
    """The segments of the template comments (their text without the lines' indentation), for every Helm
    reader."""
    segments = []
    for comment in comments:
        body = spans.text[comment.body_start : comment.body_end]
        segment = spans.segment(comment.body_start, comment.body_end, "template_comment", text=stripped_lines(body))
        if segment is not None:
            segments.append(segment)
    return segments


def mask_templates(text: str) -> tuple[str, list[TemplateComment]]:
    """The text with template actions and comments masked out, and the comments found."""
    if "{{" not in text:
        return text, []
    pieces: list[str] = []
    comments: list[TemplateComment] = []
    done = 0  # text[:done] is already in `pieces`
    actions_on = True
    n = len(text)
    start = text.find("{{")
    while start != -1:
        after = start + 2
        opener = _COMMENT_OPEN.match(text, after)
        if opener is not None:
            body_start = opener.end()
            close = text.find("*/", body_start)
            if close == -1:
                body_end = end = n
            else:
                body_end = close
                tail = _COMMENT_CLOSE_TAIL.match(text, close + 2)
                end = tail.end() if tail else close + 2
            comments.append(TemplateComment(body_start, body_end))
        elif actions_on:
            end = _action_end(text, after)
            if end == -1:  # never closed: read the rest as plain text
                actions_on = False
                start = text.find("{{", after)
                continue
            if end < 0:  # another `{{` before any `}}`: this one was literal text
                start = -end
                continue
        else:
            start = text.find("{{", after)
            continue
        pieces.append(text[done:start])
        pieces.append(_mask(text[start:end]))
        done = end
        start = text.find("{{", end)
    pieces.append(text[done:])
    return "".join(pieces), comments


def _action_end(text: str, pos: int) -> int:
    """The offset just after the `}}` that closes the action starting at `pos`; -1 when nothing closes
    it, and minus the offset of a `{{` met before any `}}` (an action cannot hold one)."""
    match = _ACTION_TOKEN.match
    n = len(text)
    while pos < n:
        token = match(text, pos)
        assert token is not None  # the last alternative matches any character
        if token.group() == "}}":
            return token.end()
        if token.group() == "{{":
            return -token.start()
        pos = token.end()
    return -1


def _mask(chunk: str) -> str:
    """MASK characters in place of `chunk`, keeping its line breaks."""
    if "\n" not in chunk:
        return MASK * len(chunk)
    return "\n".join(MASK * len(part) for part in chunk.split("\n"))
