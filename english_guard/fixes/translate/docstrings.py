"""Find the docstring to translate at the top of a module, class or function body, as a unit."""

from __future__ import annotations

import libcst as cst

from english_guard.fixes.translate.units import MIN_WIDTH, Position, Unit, is_ignored


def docstring_string(body) -> cst.SimpleString | None:
    """The string literal that opens `body` as its docstring, if there is one (bytes are none)."""
    if not body:
        return None
    statement = body[0]
    if isinstance(statement, cst.SimpleStatementLine):
        if not statement.body:
            return None
        statement = statement.body[0]
    if not isinstance(statement, cst.Expr) or not isinstance(statement.value, cst.SimpleString):
        return None
    string = statement.value
    return None if "b" in string.prefix.lower() else string


def docstring_unit(path: str, lines: list[str], body, position: Position) -> Unit | None:
    """The unit of the docstring that opens `body`, or None when there is none to translate."""
    string = docstring_string(body)
    if string is None:
        return None
    found = position(string)
    quote = string.quote
    content = string.value[len(string.prefix) + len(quote) : -len(quote)]
    head = content[: len(content) - len(content.lstrip())]
    tail = content[len(content.rstrip()) :]
    body_text = content.strip()
    if not body_text:
        return None
    text_lines = body_text.split("\n")
    first_inline = "\n" not in head
    # The first line follows the quotes or `head` (which then ends with its indentation).
    indent = _common_indent(text_lines[1:])
    if indent is None:
        indent = head.rsplit("\n", 1)[-1] if not first_inline else " " * found.start.column
    logical = [text_lines[0]] + [ln[len(indent) :] if ln.startswith(indent) else ln.lstrip() for ln in text_lines[1:]]
    text = "\n".join(ln.rstrip() for ln in logical)
    if is_ignored(lines[found.start.line - 1], "docstring"):
        return None
    source_lines = lines[found.start.line - 1 : found.end.line]
    longest = max(len(ln.rstrip("\r\n")) for ln in source_lines)
    unit = Unit(
        path,
        "docstring",
        found.start.line,
        found.end.line,
        text,
        found.start.column + 1,
        found.end.column + 1,
        width=max(MIN_WIDTH, longest) - len(indent),
        inline=len(quote) == 1 or "\n" not in content,
        anchor=("doc", id(string)),
    )
    unit.render = {
        "prefix": string.prefix,
        "quote": quote,
        "head": head,
        "tail": tail,
        "indent": indent,
        "first_offset": len(string.prefix) + len(quote) if first_inline else 0,
    }
    return unit


def _common_indent(lines: list[str]) -> str | None:
    indents = [ln[: len(ln) - len(ln.lstrip())] for ln in lines if ln.strip()]
    if not indents:
        return None
    common = indents[0]
    for other in indents[1:]:
        while not other.startswith(common):
            common = common[:-1]
    return common
