"""YAML and Helm chart templates, read with a lexer (Helm templates are not valid YAML).

Prose here is:
- `#` comments, also the `#` lines of block scalars (the shell of a workflow `run: |`, a file
  embedded in a ConfigMap); a `#` is a comment only at the start of a line or after whitespace,
  outside quoted scalars and template actions;
- `{{/* ... */}}` template comments (also `{{- /* ... */ -}}`, over several lines);
- free-text values: the value of a key whose last word is description, summary, message, help or
  title, plain, quoted, multi-line or a block scalar. A value made only of template expressions
  (`{{ .Values.x | quote }}`) has no letters once the template layer is masked, so it is not prose.

Mapping keys are names: a key is an identifier segment (EG101 for a non-English key, EG102 for look-alike
letters such as a Cyrillic `а` in `replicаs`), once per file; a key with spaces (`Getting started: ...`)
is a label, so prose. Keys made by a template action are not read.
"""

from __future__ import annotations

import re

from english_guard.config import Config
from english_guard.records import Segment
from english_guard.sources.text.gotemplate import MASK, mask_templates, template_comment_segments
from english_guard.sources.text.spans import SHEBANG, Spans, comment_segment, is_free_text_key, line_end, stripped_lines

_BLOCK_HEADER = re.compile(r"[|>](?:[1-9][+-]?|[+-][1-9]?)?(?=[ \t]|$)")
_PROPERTY = re.compile(r"(?:[&!][^ \t]*[ \t]+)+")  # anchors and tags before a node
_HASH_AFTER_SPACE = re.compile(r"[ \t]#")
_SEQUENCE_ENTRY = re.compile(r"-(?=[ \t]|$)[ \t]*")
_BLANK_OR_MASK = " \t\r" + MASK


def read_yaml(path: str, text: str, config: Config) -> list[Segment]:
    masked, template_comments = mask_templates(text)
    spans = Spans(path, text)
    segments = template_comment_segments(spans, template_comments)
    _YamlLexer(spans, masked, segments).run()
    segments.sort(key=lambda s: (s.line, s.column))
    return segments


class _YamlLexer:
    """One pass over the masked lines; the pending state is a block scalar or a multi-line scalar."""

    def __init__(self, spans: Spans, masked: str, out: list[Segment]) -> None:
        self.spans = spans
        self.masked = masked
        self.out = out
        # A block scalar in progress: (parent indent, free text?, content lines as (start, end)).
        self.block: tuple[int, bool, list[tuple[int, int]]] | None = None
        self.block_indent: int | None = None
        # A free-text key with nothing after its colon: its value may start on the next line.
        self.free_key_indent: int | None = None
        # A multi-line flow scalar in progress: (key indent, quote or "" for plain, free text?, start).
        self.flow: tuple[int, str, bool, int] | None = None
        # Keys already read: a key is reported once per file, like a name at its definition.
        self.keys: set[str] = set()

    def run(self) -> None:
        masked = self.masked
        for line_start in self.spans.line_starts:
            stop = line_end(masked, line_start)
            if stop > line_start and masked[stop - 1] == "\r":
                stop -= 1
            line = masked[line_start:stop]
            if not line.strip(_BLANK_OR_MASK) and (line.strip(" \t") or self.block is None):
                continue  # a line of template actions only; and blank lines outside block scalars
            if self.block is not None and self._block_line(self.block, line, line_start, stop):
                continue
            if self.flow is not None and self._flow_line(self.flow, line, line_start, stop):
                continue
            self._line(line, line_start)
        self._end_block()
        self._end_flow(len(masked))

    # ---- block scalars -------------------------------------------------------------------------
    def _block_line(self, block: tuple[int, bool, list[tuple[int, int]]], line: str, start: int, end: int) -> bool:
        """Consume a line of the block scalar in progress; False when the line ends it."""
        parent, free_text, lines = block
        stripped = line.lstrip(" ")
        if not stripped.strip(" \t"):
            lines.append((start, end))
            return True
        indent = len(line) - len(stripped)
        if indent <= parent or (self.block_indent is not None and indent < self.block_indent):
            self._end_block()
            return False
        if self.block_indent is None:
            self.block_indent = indent
        lines.append((start, end))
        if not free_text:
            self._embedded_comment(line, start)
        return True

    def _embedded_comment(self, line: str, start: int) -> None:
        """`#` comments of the text a block scalar embeds (a shell script, a config file)."""
        content = line.lstrip(" \t")
        if content.startswith("#"):
            self._comment(start + len(line) - len(content), SHEBANG if content.startswith("#!") else None)
            return
        hash_at = _shell_comment_start(line)
        if hash_at != -1:
            self._comment(start + hash_at)

    def _end_block(self) -> None:
        if self.block is None:
            return
        _parent, free_text, lines = self.block
        self.block = None
        self.block_indent = None
        if not free_text or not lines:
            return
        first, last = lines[0][0], lines[-1][1]
        body = self.spans.text[first:last]
        if not _has_letters(self.masked[first:last]):
            return
        segment = self.spans.segment(first, last, "value", text=stripped_lines(body))
        if segment is not None:
            self.out.append(segment)

    # ---- multi-line flow scalars ---------------------------------------------------------------
    def _flow_line(self, flow: tuple[int, str, bool, int], line: str, start: int, end: int) -> bool:
        """Consume a continuation line of a multi-line scalar; False when the line is not one."""
        key_indent, quote, free_text, value_start = flow
        stripped = line.lstrip(" \t")
        indent = len(line) - len(stripped)
        if not stripped or indent <= key_indent:
            self._end_flow(self._previous_line_end(start))
            return False
        if quote:
            close = _quote_end(line, 0, quote)
            if close == -1:
                return True
            self.flow = None
            self._value(value_start, start + close - 1, free_text)
            self._trailing_comment(line, close, start)
            return True
        if stripped.startswith("#"):
            self._end_flow(self._previous_line_end(start))
            return False
        hash_at = _plain_end(line, indent)
        if hash_at < len(line):
            self.flow = None
            self._value(value_start, start + hash_at, free_text)
            self._comment(start + hash_at + 1)
        return True

    def _end_flow(self, end: int) -> None:
        if self.flow is None:
            return
        _indent, _quote, free_text, value_start = self.flow
        self.flow = None
        self._value(value_start, end, free_text)

    def _previous_line_end(self, line_start: int) -> int:
        return max(line_start - 1, 0)

    # ---- ordinary lines ------------------------------------------------------------------------
    def _line(self, line: str, start: int) -> None:
        pos = len(line) - len(line.lstrip(" \t"))
        if line.startswith("#", pos):
            self._comment(start + pos)
            return
        key_indent, self.free_key_indent = self.free_key_indent, None
        if (
            key_indent is not None
            and pos > key_indent
            and not _SEQUENCE_ENTRY.match(line, pos)
            and _key_at(line, pos)[0] is None
        ):
            self._node(line, start, pos, key_indent, True)
            return
        if line.startswith(("---", "..."), pos) and line[pos + 3 : pos + 4] in ("", " ", "\t"):
            self._trailing_comment(line, pos + 3, start)
            return
        if line.startswith("%", pos):
            return  # %YAML / %TAG directive
        # A node's content must be indented more than its key, or than the `-` of its sequence entry.
        node_indent = pos
        entry = _SEQUENCE_ENTRY.match(line, pos)
        while entry is not None:
            node_indent = pos
            pos = entry.end()
            entry = _SEQUENCE_ENTRY.match(line, pos)
        if pos >= len(line):
            return
        key, after_key = _key_at(line, pos)
        if key is not None:
            self._key(key, start + pos + (1 if line[pos] in "\"'" else 0))
            node_indent = pos
            free_text = is_free_text_key(self.spans.text[start + pos : start + after_key - 1])
            pos = after_key
            while pos < len(line) and line[pos] in " \t":
                pos += 1
            if free_text and (pos >= len(line) or line[pos] == "#"):
                self.free_key_indent = node_indent
        else:
            free_text = False
        self._node(line, start, pos, node_indent, free_text)

    def _node(self, line: str, start: int, pos: int, indent: int, free_text: bool) -> None:
        """The value node at `pos` (after `key:` or `- `, or a bare scalar)."""
        prop = _PROPERTY.match(line, pos)
        if prop is not None:
            pos = prop.end()
        if pos >= len(line):
            return
        char = line[pos]
        if char == "#":
            self._comment(start + pos)
            return
        if char in "|>":
            header = _BLOCK_HEADER.match(line, pos)
            if header is not None:
                self.block = (indent, free_text, [])
                self._trailing_comment(line, header.end(), start)
                return
        if char in "\"'":
            close = _quote_end(line, pos + 1, char)
            if close == -1:
                self.flow = (indent, char, free_text, start + pos + 1)
                return
            self._value(start + pos + 1, start + close - 1, free_text)
            self._trailing_comment(line, close, start)
            return
        if char in "[{":
            self._trailing_comment_flow(line, pos, start)
            return
        end = _plain_end(line, pos)
        if end < len(line):
            self._value(start + pos, start + end, free_text)
            self._comment(start + end + 1)
        elif free_text:
            self.flow = (indent, "", free_text, start + pos)

    # ---- emitting ------------------------------------------------------------------------------
    def _key(self, key: str, offset: int) -> None:
        """A mapping key at `offset` (inside its quotes): an identifier, or a label when it has spaces."""
        if key in self.keys or not _has_letters(key) or MASK in self.masked[offset : offset + len(key)]:
            return
        self.keys.add(key)
        label = any(char.isspace() for char in key)
        segment = self.spans.segment(offset, offset + len(key), "key", kind="prose" if label else "identifier")
        if segment is not None and "\n" not in segment.text:
            self.out.append(segment)

    def _comment(self, hash_offset: int, context: str | None = None) -> None:
        """A `#` comment starting at `hash_offset` and running to the end of its line."""
        end = line_end(self.spans.text, hash_offset)
        if end > hash_offset and self.spans.text[end - 1] == "\r":
            end -= 1
        if not _has_letters(self.masked[hash_offset:end]):
            return
        segment = comment_segment(self.spans, hash_offset, end, context=context)
        if segment is not None:
            self.out.append(segment)

    def _value(self, start: int, end: int, free_text: bool) -> None:
        if not free_text or not _has_letters(self.masked[start:end]):
            return
        body = self.spans.text[start:end]
        text = stripped_lines(body) if "\n" in body else None
        segment = self.spans.segment(start, end, "value", text=text)
        if segment is not None:
            self.out.append(segment)

    def _trailing_comment(self, line: str, pos: int, start: int) -> None:
        match = _HASH_AFTER_SPACE.search(line, pos - 1 if pos > 0 else 0)
        if match is not None and match.start() >= pos - 1:
            self._comment(start + match.start() + 1)

    def _trailing_comment_flow(self, line: str, pos: int, start: int) -> None:
        """A comment after a flow collection `[a, "b # c"]`: skip quoted scalars."""
        while pos < len(line):
            char = line[pos]
            if char in "\"'":
                close = _quote_end(line, pos + 1, char)
                if close == -1:
                    return
                pos = close
                continue
            if char == "#" and pos > 0 and line[pos - 1] in " \t":
                self._comment(start + pos)
                return
            pos += 1


def _key_at(line: str, pos: int) -> tuple[str | None, int]:
    """(key, offset after its colon) when a mapping key starts at `pos`, else (None, pos)."""
    if pos < len(line) and line[pos] in "\"'":
        close = _quote_end(line, pos + 1, line[pos])
        if close == -1:
            return None, pos
        colon = close
        while colon < len(line) and line[colon] in " \t":
            colon += 1
        if line.startswith(":", colon) and (colon + 1 == len(line) or line[colon + 1] in " \t"):
            return line[pos + 1 : close - 1], colon + 1
        return None, pos
    if pos < len(line) and line[pos] in "[{|>#&!*%@`":
        return None, pos
    end = _plain_end(line, pos)
    segment = line[pos:end]
    colon = segment.find(": ")
    tab_colon = segment.find(":\t")
    if tab_colon != -1 and (colon == -1 or tab_colon < colon):
        colon = tab_colon
    if colon == -1 and segment.endswith(":"):
        colon = len(segment) - 1
    if colon <= 0:
        return None, pos
    return segment[:colon].rstrip(), pos + colon + 1


def _plain_end(line: str, pos: int) -> int:
    """The end of a plain scalar starting at `pos`: the whitespace before a ` #` comment, or the line end."""
    match = _HASH_AFTER_SPACE.search(line, pos)
    return match.start() if match else len(line)


def _quote_end(line: str, pos: int, quote: str) -> int:
    """The offset after the closing `quote` (`''` escapes in single quotes, `\\"` in double), or -1."""
    while True:
        close = line.find(quote, pos)
        if close == -1:
            return -1
        if quote == "'":
            if line.startswith("''", close):
                pos = close + 2
                continue
            return close + 1
        backslashes = 0
        back = close - 1
        while back >= pos and line[back] == "\\":
            backslashes += 1
            back -= 1
        if backslashes % 2 == 0:
            return close + 1
        pos = close + 1


def _shell_comment_start(line: str) -> int:
    """The offset of a `#` that starts a shell-style comment in `line` (outside quotes, after a blank), or -1."""
    quote = ""
    prev = " "
    for index, char in enumerate(line):
        if quote:
            if char == quote and (quote == "'" or prev != "\\"):
                quote = ""
        elif char in "\"'" and prev != "\\":
            quote = char
        elif char == "#" and prev in " \t;" and index > 0:
            return index
        prev = char
    return -1


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)
