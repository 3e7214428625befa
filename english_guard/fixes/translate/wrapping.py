"""Cut a logical text into verbatim blocks and prose paragraphs, and re-wrap the prose after translation."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from english_guard.fixes import protect

_ITEM = re.compile(
    r"^(?:[-*+\u2022]\s+|\d+[.)]\s+|:[\w ]+:\s+|[A-Za-z_][\w.]*(?:\s*\([^)]*\))?\s*:\s+|\*\*?\w+\s*:\s+)"
)
_UNDERLINE = re.compile(r"^([-=~^*#])\1{2,}\s*$")
SHORT_LINE = 40


@dataclass
class Block:
    verbatim: bool
    lines: list[str]  # verbatim: the lines; prose: the body lines (stripped)
    indent: str = ""
    marker: str = ""
    continuation: str | None = None


def layout(text: str) -> list[Block]:
    """Cut a logical text into verbatim blocks (blank lines, doctests, literal blocks, rules) and prose items."""
    blocks: list[Block] = []
    lines = text.split("\n")
    literal_indent: int | None = None  # inside a reST literal block introduced by "::"
    in_doctest = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        indent = line[: len(line) - len(line.lstrip())]
        if not stripped:
            in_doctest = False
            blocks.append(Block(True, [line]))
            continue
        if literal_indent is not None:
            if len(indent) > literal_indent:
                blocks.append(Block(True, [line]))
                continue
            literal_indent = None
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        if in_doctest or stripped.startswith(">>>") or _UNDERLINE.match(stripped) or not protect.has_words(stripped):
            in_doctest = in_doctest or stripped.startswith(">>>")
            blocks.append(Block(True, [line]))
            continue
        current = blocks[-1] if blocks and not blocks[-1].verbatim else None
        item = _ITEM.match(stripped)
        heading = bool(_UNDERLINE.match(next_line.strip()))
        continues = current is not None and not item and not heading and _continues(current, indent, stripped)
        if continues and current is not None:
            if current.continuation is None:
                current.continuation = indent
            current.lines.append(stripped)
        else:
            marker = item.group() if item else ""
            blocks.append(Block(False, [stripped[len(marker) :]], indent=indent, marker=marker))
        if stripped.endswith("::"):
            literal_indent = len(indent)
    return blocks


def _continues(current: Block, indent: str, line: str) -> bool:
    """Whether `line` continues the prose block `current` rather than starting a new one."""
    if current.lines[-1].endswith("::"):
        return False
    if current.continuation is not None:
        return indent == current.continuation
    if indent == current.indent:
        return not _hard_break(current.lines[-1], line)
    # A deeper line continues a list item or field ("path: text" / "    more text"); under a plain
    # paragraph it is an example or a quotation and keeps its own place.
    return bool(current.marker) and len(indent) > len(current.indent)


def _hard_break(previous: str, line: str) -> bool:
    """Whether the author ended a paragraph here: a short line, or a full stop before a capital letter."""
    if len(previous) < SHORT_LINE:
        return True
    return previous[-1] in ".!?:;" and line[:1].isupper()


def render_blocks(blocks: list[Block], texts: dict[int, str], width: int, wrap: bool, first_offset: int = 0) -> str:
    """Re-wrap the prose blocks; `first_offset` is how far the first line starts to the right (after quotes)."""
    out: list[str] = []
    for index, block in enumerate(blocks):
        if block.verbatim:
            out.extend(block.lines)
            continue
        body = texts.get(index, " ".join(block.lines))
        first = block.indent + block.marker
        if not wrap:
            out.append(first + body)
            continue
        rest = (
            block.continuation
            if block.continuation is not None
            else (
                block.indent + " " * len(block.marker)
                if block.marker and not block.marker.strip().endswith(":")
                else block.indent + ("    " if block.marker else "")
            )
        )
        offset = first_offset if not out else 0
        wrapped = textwrap.wrap(
            body,
            width=max(20, width),
            initial_indent=" " * offset + first,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        if wrapped:
            wrapped[0] = wrapped[0][offset:]
        out.extend(wrapped or [first.rstrip()])
    return "\n".join(out)
