"""reStructuredText prose: section titles, paragraphs, list items, table rows and comments.

Not prose: literal blocks (after `::`), the bodies of code and other non-prose directives (`code-block`,
`literalinclude`, `math`, `raw`, autodoc ...), doctest blocks, hyperlink targets, field lists, table borders,
and inline literals, roles and link targets. The bodies of admonitions (`note`, `warning`, ...) are prose.
One pass over the lines with the indentation of the block being skipped as the only state.
"""

from __future__ import annotations

import re

from english_guard.config import Config
from english_guard.records import Segment
from english_guard.sources.text.spans import Spans, line_bounds, stripped_lines

_ADORNMENT = re.compile(r"""([=\-`:'"~^_*+#<>.!$%&(),/;?@\[\\\]{|}])\1{2,}[ \t]*$""")
_LIST_MARKER = re.compile(r"(?:[-*+•]|#\.|\d+[.)]|\(\d+\)|[a-zA-Z][.)]|[ivxIVX]+[.)])[ \t]+(?=\S)")
_EXPLICIT = re.compile(r"\.\.(?:[ \t]+|$)")
_DIRECTIVE = re.compile(r"\.\.[ \t]+([\w:.+-]+)::(?:[ \t]+|$)")
_TARGET = re.compile(r"\.\.[ \t]+(?:_|\|[^|]+\|[ \t]+\w|__[ \t]*:)")
_FOOTNOTE = re.compile(r"\.\.[ \t]+\[[^\]]+\][ \t]+")
_GRID_BORDER = re.compile(r"[+][-=+:]+[+][ \t]*$")
_SIMPLE_BORDER = re.compile(r"=+(?:[ \t]+=+)+[ \t]*$|=+[ \t]*$")
_FIELD = re.compile(r":[^:\s][^:]*:(?:[ \t]|$)")
_PROSE_DIRECTIVES = frozenset(
    {
        "note",
        "warning",
        "tip",
        "important",
        "hint",
        "attention",
        "caution",
        "danger",
        "error",
        "admonition",
        "seealso",
        "topic",
        "sidebar",
        "rubric",
        "versionadded",
        "versionchanged",
        "deprecated",
        "todo",
        "epigraph",
        "highlights",
        "pull-quote",
        "container",
        "only",
        "tabs",
        "tab",
        "dropdown",
    }
)

# Inline markup that is not prose.
_INLINE_LITERAL = re.compile(r"``.+?``", re.DOTALL)
_ROLE = re.compile(r":[\w:+.-]+:`[^`]*`")
_LINK = re.compile(r"`([^`<]*?)\s*<[^`>]*>`__?")
_INTERPRETED = re.compile(r"`([^`]*)`_{0,2}")
_SPACES = re.compile(r"[ \t]{2,}")


def read_rst(path: str, text: str, config: Config) -> list[Segment]:
    spans = Spans(path, text)
    lines = line_bounds(text)
    out: list[Segment] = []
    skip_deeper_than: int | None = None  # skip the lines indented more than this (code, directive bodies)
    literal_next = False  # the last paragraph ended with `::`
    index = 0
    while index < len(lines):
        start, end = lines[index]
        line = text[start:end]
        if not line.strip():
            index += 1
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        if skip_deeper_than is not None:
            if indent > skip_deeper_than:
                index += 1
                continue
            skip_deeper_than = None
        if literal_next:
            literal_next = False
            if indent > _paragraph_indent(text, lines, index):
                skip_deeper_than = _paragraph_indent(text, lines, index)
                continue
        content = line[indent:]
        if content.startswith(">>>"):
            skip_deeper_than = indent - 1
            index = _group_end(text, lines, index)
            continue
        if _EXPLICIT.match(content) and not _FOOTNOTE.match(content):
            index, skip_deeper_than = _explicit(text, lines, index, indent, content, spans, out)
            continue
        index, literal_next = _block(text, lines, index, indent, spans, out)
    return out


def _explicit(
    text: str, lines: list[tuple[int, int]], index: int, indent: int, content: str, spans: Spans, out: list[Segment]
) -> tuple[int, int | None]:
    """A directive, a target or a comment starting at line `index`; (next index, indent to skip deeper than)."""
    start, end = lines[index]
    directive = _DIRECTIVE.match(content)
    if directive is not None:
        name = directive.group(1).split(":")[-1].lower()
        if name in _PROSE_DIRECTIVES:
            argument_start = start + indent + directive.end()
            _emit(spans, out, "paragraph", [(argument_start, end)])
            return _skip_options(text, lines, index + 1, indent), None
        return index + 1, indent
    if _TARGET.match(content):
        return index + 1, indent
    # A comment: `.. text` and its indented continuation lines.
    explicit = _EXPLICIT.match(content)
    assert explicit is not None  # the caller saw the `..`
    body_start = start + indent + explicit.end()
    last = index
    scan = index + 1
    while scan < len(lines):
        s, e = lines[scan]
        line = text[s:e]
        if line.strip() and len(line) - len(line.lstrip(" \t")) <= indent:
            break
        if line.strip():
            last = scan
        scan += 1
    body_end = lines[last][1]
    if body_end > body_start:
        segment = spans.segment(body_start, body_end, "comment", text=stripped_lines(text[body_start:body_end]))
        if segment is not None:
            out.append(segment)
    return scan, None


def _skip_options(text: str, lines: list[tuple[int, int]], index: int, indent: int) -> int:
    """Skip the `:option: value` lines right after a directive."""
    while index < len(lines):
        s, e = lines[index]
        stripped = text[s:e].strip()
        if not stripped.startswith(":") or not _FIELD.match(stripped):
            break
        index += 1
    return index


def _block(
    text: str, lines: list[tuple[int, int]], index: int, indent: int, spans: Spans, out: list[Segment]
) -> tuple[int, bool]:
    """The text block at line `index`: title, list items, table rows or a paragraph. (next index, literal next?)"""
    end_index = _group_end(text, lines, index, indent)
    group = lines[index:end_index]
    texts = [text[s:e] for s, e in group]
    paragraph: list[tuple[int, int]] = []
    item: list[tuple[int, int]] = []
    item_indent = -1
    literal = False

    def flush() -> None:
        nonlocal paragraph, item
        if paragraph:
            _emit(spans, out, "paragraph", paragraph)
        if item:
            _emit(spans, out, "list_item", item)
        paragraph, item = [], []

    position = 0
    while position < len(group):
        s, e = group[position]
        line = texts[position]
        stripped = line.strip()
        line_indent = len(line) - len(line.lstrip(" \t"))
        following = texts[position + 1].strip() if position + 1 < len(group) else ""
        if _ADORNMENT.match(stripped) or _GRID_BORDER.match(stripped) or _SIMPLE_BORDER.match(stripped):
            flush()
            position += 1
            continue
        if following and _ADORNMENT.match(following) and len(following) >= len(stripped) * 0.8 and not paragraph:
            flush()
            _emit(spans, out, "heading", [(s + line_indent, e)])
            position += 2
            continue
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            flush()
            _emit(spans, out, "table_row", [(s + line_indent, e)])
            position += 1
            continue
        marker = _LIST_MARKER.match(line, line_indent)
        if marker is not None:
            flush()
            item = [(marker.end() + s, e)]
            item_indent = line_indent
        elif item and line_indent > item_indent:
            item.append((s + line_indent, e))
        elif _FIELD.match(stripped) and not paragraph:
            flush()
        else:
            if item:
                flush()
            paragraph.append((s + line_indent, e))
        literal = stripped.endswith("::")
        position += 1
    flush()
    return end_index, literal


def _group_end(text: str, lines: list[tuple[int, int]], index: int, indent: int | None = None) -> int:
    """The index after the run of non-blank lines starting at `index` (stopping at a dedent below `indent`)."""
    scan = index + 1
    while scan < len(lines):
        s, e = lines[scan]
        line = text[s:e]
        if not line.strip():
            break
        if indent is not None and len(line) - len(line.lstrip(" \t")) < indent:
            break
        scan += 1
    return scan


def _paragraph_indent(text: str, lines: list[tuple[int, int]], index: int) -> int:
    """The indent of the last non-blank line before line `index` (the paragraph that ended with `::`)."""
    scan = index - 1
    while scan >= 0:
        s, e = lines[scan]
        line = text[s:e]
        if line.strip():
            return len(line) - len(line.lstrip(" \t"))
        scan -= 1
    return 0


def prose_text(raw: str) -> str:
    """The prose of a reST block: inline literals and roles removed, link targets dropped."""
    text = _INLINE_LITERAL.sub("", raw)
    if "`" in text:
        text = _ROLE.sub("", text)
        text = _LINK.sub(r"\1", text)
        text = _INTERPRETED.sub(r"\1", text)
    if text.endswith("::"):
        text = text[:-1]
    return _SPACES.sub(" ", text).strip()


def _emit(spans: Spans, out: list[Segment], symbol: str, lines: list[tuple[int, int]]) -> None:
    if not lines:
        return
    raw = "\n".join(spans.text[s:e].strip() for s, e in lines)
    prose = prose_text(raw)
    if prose.strip(": ") and any(char.isalpha() for char in prose):
        segment = spans.segment(lines[0][0], lines[-1][1], symbol, text=prose)
        if segment is not None:
            out.append(segment)
