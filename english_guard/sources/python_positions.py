"""Positions in Python source: ast's UTF-8 byte columns as character columns, and dotted callee names."""

from __future__ import annotations

import ast
import re

# The nodes that carry a source position (ast.AST itself declares none).
Located = ast.expr | ast.stmt | ast.pattern | ast.arg | ast.keyword | ast.alias | ast.excepthandler

_LINE_END = re.compile(r"\r\n|\r|\n")


class Positions:
    """Converts ast's UTF-8 byte columns into character columns (1-based)."""

    def __init__(self, text: str) -> None:
        # Python's own line ends only: str.splitlines also splits at form feeds, U+2028 and other
        # characters, which would shift every later line against ast's line numbers. The check's text has
        # "\n" line ends already (checker.decode), and str.split is several times faster than the pattern.
        self.lines = text.split("\n") if "\r" not in text else _LINE_END.split(text)
        self.ascii = text.isascii()  # then every byte column is a character column

    def column(self, line: int, byte_offset: int) -> int:
        if self.ascii:
            return byte_offset + 1
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if source.isascii():
            return byte_offset + 1
        return len(source.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore")) + 1

    def segment(self, node: Located) -> str:
        """The source text of a node (like ast.get_source_segment, without re-splitting the file)."""
        line, end_line = node.lineno, node.end_lineno or node.lineno
        start, end = self.column(line, node.col_offset) - 1, self.column(end_line, node.end_col_offset or 0) - 1
        if line == end_line:
            return self.line_text(line)[start:end]
        pieces = [self.line_text(line)[start:], *self.lines[line : end_line - 1], self.line_text(end_line)[:end]]
        return "\n".join(pieces)  # the reader's text has "\n" line ends (checker.decode)

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def find_name(self, line: int, name: str, start_column: int = 1) -> int:
        """The 1-based column of `name` as a whole word on `line`, searching from `start_column`."""
        text = self.line_text(line)
        # str.find with a word-boundary test: a regular expression per name filled re's cache and cost
        # more than a tenth of a cold check in compiling patterns.
        index = text.find(name, max(0, start_column - 1))
        while index >= 0 and name:
            end = index + len(name)
            if not (index > 0 and _is_word_char(text[index - 1])) and not (
                end < len(text) and _is_word_char(text[end])
            ):
                return index + 1
            index = text.find(name, index + 1)
        return start_column


def _is_word_char(char: str) -> bool:
    """What `\\w` matches in a str pattern."""
    return char.isalnum() or char == "_"


def dotted_name(node: ast.AST) -> str:
    """`a.b.c` for a Name/Attribute chain; calls in the chain keep their callee (`bot.get().send` -> `bot.get.send`)."""
    if node.__class__ is ast.Attribute and node.value.__class__ is ast.Name:  # `obj.method`, most callees
        return f"{node.value.id}.{node.attr}"
    parts: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            break
        else:
            break
    return ".".join(reversed(parts))
