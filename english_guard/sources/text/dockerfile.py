"""Dockerfiles: comment lines and the free-text values of LABEL instructions.

A comment is a line whose first non-blank character is `#` (a `#` later in an instruction is an
argument, not a comment), also between the continuation lines of an instruction. Parser directives
(`# syntax=`, `# escape=`, `# check=`) at the top are returned with the `directive` context hint.
Here-document bodies (`RUN <<EOF`) are scripts or files: their `#` lines are read as shell comments.
LABEL values are free text when the last word of the key is description, title, summary, ...
"""

from __future__ import annotations

import re

from english_guard.config import Config
from english_guard.records import Segment
from english_guard.sources.text.shell import shell_comments
from english_guard.sources.text.spans import DIRECTIVE, Spans, comment_segment, is_free_text_key, line_bounds

_DIRECTIVE = re.compile(r"#[ \t]*(syntax|escape|check)[ \t]*=[ \t]*(\S*)[ \t]*", re.IGNORECASE)
_INSTRUCTION = re.compile(r"[ \t]*([A-Za-z]+)\b")
_HEREDOC = re.compile(r"<<(-)?[ \t]*[\"']?([A-Za-z_][A-Za-z_0-9]*)[\"']?")


def read_dockerfile(path: str, text: str, config: Config) -> list[Segment]:
    spans = Spans(path, text)
    lines = line_bounds(text)
    segments: list[Segment] = []
    escape = "\\"
    index = 0
    # Parser directives: only before the first comment, blank line or instruction.
    while index < len(lines):
        start, end = lines[index]
        directive = _DIRECTIVE.fullmatch(text, start + _bom(text, start), end) if end > start else None
        if directive is None:
            break
        if directive.group(1).lower() == "escape" and directive.group(2):
            escape = directive.group(2)[0]
        _add(segments, comment_segment(spans, start + _bom(text, start), end, context=DIRECTIVE))
        index += 1
    while index < len(lines):
        start, end = lines[index]
        body = start + len(text[start:end]) - len(text[start:end].lstrip(" \t\ufeff"))
        if body < end and text[body] == "#":
            _add(segments, comment_segment(spans, body, end))
            index += 1
            continue
        if body >= end:
            index += 1
            continue
        index = _instruction(text, lines, index, escape, spans, segments)
    return segments


def _instruction(
    text: str, lines: list[tuple[int, int]], index: int, escape: str, spans: Spans, segments: list[Segment]
) -> int:
    """Read the instruction starting at line `index` with its continuation lines; the next line's index."""
    parts: list[tuple[int, int]] = []  # physical pieces of the logical line, comment lines left out
    heredocs: list[tuple[str, bool]] = []
    while index < len(lines):
        start, end = lines[index]
        index += 1
        stripped = text[start:end].strip(" \t")
        if parts and stripped.startswith("#"):
            _add(segments, comment_segment(spans, start + text[start:end].index("#"), end))
            continue
        content_end = end
        while content_end > start and text[content_end - 1] in " \t":
            content_end -= 1
        continued = content_end > start and text[content_end - 1] == escape
        piece_end = content_end - 1 if continued else end
        parts.append((start, piece_end))
        for match in _HEREDOC.finditer(text, start, piece_end):
            heredocs.append((match.group(2), bool(match.group(1))))
        if not continued or not stripped:
            break
    first_start, first_end = parts[0]
    keyword = _INSTRUCTION.match(text, first_start, first_end)
    if keyword is not None and keyword.group(1).upper() == "LABEL":
        _labels(text, parts, keyword.end(), spans, segments)
    for delimiter, strip_tabs in heredocs:
        index = _heredoc(text, lines, index, delimiter, strip_tabs, spans, segments)
    return index


def _heredoc(
    text: str,
    lines: list[tuple[int, int]],
    index: int,
    delimiter: str,
    strip_tabs: bool,
    spans: Spans,
    segments: list[Segment],
) -> int:
    body_start = lines[index][0] if index < len(lines) else len(text)
    while index < len(lines):
        start, end = lines[index]
        line = text[start:end]
        if (line.lstrip("\t") if strip_tabs else line) == delimiter:
            for marker, stop, context in shell_comments(text, body_start, start):
                _add(segments, comment_segment(spans, marker, stop, context=context))
            return index + 1
        index += 1
    for marker, stop, context in shell_comments(text, body_start, len(text)):
        _add(segments, comment_segment(spans, marker, stop, context=context))
    return index


def _labels(text: str, parts: list[tuple[int, int]], after_keyword: int, spans: Spans, segments: list[Segment]) -> None:
    """The free-text values of `LABEL key="value" key2=value2` and of the old `LABEL key value`."""
    offsets: list[int] = []  # logical character -> offset in text
    for number, (start, end) in enumerate(parts):
        begin = after_keyword if number == 0 else start
        offsets.extend(range(begin, end))
    logical = "".join(text[o] for o in offsets)
    for key, value_start, value_end in _label_pairs(logical):
        if value_end > value_start and is_free_text_key(key):
            value = logical[value_start:value_end]
            if any(char.isalpha() for char in value):
                segment = spans.segment(
                    offsets[value_start], offsets[value_end - 1] + 1, "value", text=" ".join(value.split())
                )
                _add(segments, segment)


def _label_pairs(logical: str) -> list[tuple[str, int, int]]:
    """(key, value start, value end) in the logical LABEL line; quotes excluded from the value."""
    pairs: list[tuple[str, int, int]] = []
    pos = 0
    n = len(logical)
    while pos < n:
        while pos < n and logical[pos] in " \t\r":
            pos += 1
        if pos >= n:
            break
        key, pos = _word(logical, pos, stop_at="=")
        if pos < n and logical[pos] == "=":
            value_start, value_end, pos = _value(logical, pos + 1)
            pairs.append((key, value_start, value_end))
        elif not pairs:
            # The old form: `LABEL key the rest of the line is the value`.
            rest = pos
            while rest < n and logical[rest] in " \t":
                rest += 1
            pairs.append((key, rest, len(logical.rstrip())))
            break
    return pairs


def _word(logical: str, pos: int, stop_at: str) -> tuple[str, int]:
    start = pos
    n = len(logical)
    if pos < n and logical[pos] in "\"'":
        quote = logical[pos]
        close = logical.find(quote, pos + 1)
        close = n if close == -1 else close
        return logical[pos + 1 : close], min(close + 1, n)
    while pos < n and logical[pos] not in " \t" + stop_at:
        pos += 1
    return logical[start:pos], pos


def _value(logical: str, pos: int) -> tuple[int, int, int]:
    n = len(logical)
    if pos < n and logical[pos] in "\"'":
        quote = logical[pos]
        scan = pos + 1
        while scan < n and logical[scan] != quote:
            scan += 2 if logical[scan] == "\\" and quote == '"' else 1
        close = min(scan, n)
        return pos + 1, close, min(close + 1, n)
    end = pos
    while end < n and logical[end] not in " \t":
        end += 2 if logical[end] == "\\" else 1
    end = min(end, n)
    return pos, end, end


def _bom(text: str, start: int) -> int:
    return 1 if start == 0 and text.startswith("\ufeff") else 0


def _add(segments: list[Segment], segment: Segment | None) -> None:
    if segment is not None:
        segments.append(segment)
