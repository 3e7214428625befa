"""Find the comments to translate: blocks of full-line comments and inline comments, as units."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import libcst as cst

from english_guard.fixes.translate.units import MIN_WIDTH, Position, Unit, is_ignored

_CODING = re.compile(r"^#.*coding[:=]\s*[-\w.]+")
_MARKER = re.compile(r"^#+[:!]?")


def comment_prefix(values: list[str]) -> str:
    """The marker shared by the lines of a comment block ("# ", "#: ", "#")."""
    markers = {found.group() if (found := _MARKER.match(v)) else "#" for v in values}
    marker = markers.pop() if len(markers) == 1 else "#"
    bodies = [v[len(marker) :] for v in values if v[len(marker) :].strip()]
    if bodies and all(b.startswith(" ") for b in bodies):
        return marker + " "
    return marker


def comment_blocks(empty_lines: Iterable[cst.EmptyLine]) -> Iterator[list[cst.EmptyLine]]:
    """Runs of consecutive comment lines with the same indentation."""
    block: list[cst.EmptyLine] = []
    ended: list[cst.EmptyLine | None] = [*empty_lines, None]
    for line in ended:
        if (
            line is not None
            and line.comment is not None
            and block
            and line.indent == block[0].indent
            and line.whitespace.value == block[0].whitespace.value
        ):
            block.append(line)
            continue
        if block:
            yield block
        block = [line] if line is not None and line.comment is not None else []


def block_unit(path: str, lines: list[str], block: list[cst.EmptyLine], position: Position) -> Unit | None:
    """The unit of one comment block, or None when there is nothing to translate."""
    comments = [line.comment for line in block if line.comment is not None]  # every line of a block has one
    first = position(comments[0])
    last = position(comments[-1])
    # Never touch the shebang or the encoding declaration (lines 1 and 2 only).
    while (
        comments and first.start.line <= 2 and (comments[0].value.startswith("#!") or _CODING.match(comments[0].value))
    ):
        block, comments = block[1:], comments[1:]
        if comments:
            first = position(comments[0])
    if not block:
        return None
    values = [comment.value for comment in comments]
    prefix = comment_prefix(values)
    bare = prefix.rstrip()
    texts = [v[len(prefix) :] if v.startswith(prefix) else v[len(bare) :] for v in values]
    text = "\n".join(texts)
    if not text.strip() or is_ignored(" ".join(values), "comment"):
        return None
    column = first.start.column
    longest = max(len(lines[n - 1].rstrip("\r\n")) for n in range(first.start.line, last.start.line + 1))
    unit = Unit(
        path,
        "comment",
        first.start.line,
        last.end.line,
        text,
        column + 1,
        last.end.column + 1,
        width=max(MIN_WIDTH, longest) - column - len(prefix),
        anchor=("block", id(block[0])),
    )
    unit.render = {"prefix": prefix, "lines": len(block)}
    return unit


def inline_unit(path: str, comment: cst.Comment, position: Position) -> Unit | None:
    """The unit of one comment at the end of a code line, or None when there is nothing to translate."""
    value = comment.value
    found = position(comment)
    line = found.start.line
    if line <= 2 and (value.startswith("#!") or _CODING.match(value)):
        return None
    prefix = comment_prefix([value])
    text = value[len(prefix) :] if value.startswith(prefix) else value[len(prefix.rstrip()) :]
    if not text.strip() or is_ignored(value, "comment"):
        return None
    unit = Unit(
        path,
        "comment",
        line,
        line,
        text.strip(),
        found.start.column + 1,
        found.end.column + 1,
        inline=True,
        anchor=("inline", id(comment)),
    )
    unit.render = {
        "prefix": prefix,
        "trailing": text[len(text.rstrip()) :],
        "leading": text[: len(text) - len(text.lstrip())],
    }
    return unit
