"""Where tokens are: from `ast` positions (lines, UTF-8 byte columns) to offsets in the decoded text.

`TokenPositions` is the part of the walker that converts positions, finds tokens `ast` does not
locate (a def/class name, a node's exact source text) and records occurrences, each offset once.
A token that is not exactly where it is expected raises `AnalysisError`: the file is then left
unanalysed rather than edited wrongly.
"""

from __future__ import annotations

import re

from english_guard.fixes.rename.records import AnalysisError, Occurrence
from english_guard.fixes.rename.walker_parts import WalkerParts
from english_guard.sources.python_positions import Located

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_DEF_RE = re.compile(r"(?:async(?:\s|\\\r?\n)+)?(?:def|class)(?:\s|\\\r?\n)+")


def line_starts(text: str) -> list[int]:
    """The offset where each line of `text` starts (any of the three line breaks ends a line)."""
    return [0] + [m.end() for m in _LINE_BREAK_RE.finditer(text)]


class TokenPositions(WalkerParts):
    """Mixin of the walker: needs `text`, `starts` (see `line_starts`), `source`, `facts` and `seen`."""

    def offset(self, lineno: int, col: int) -> int:
        start = self.starts[lineno - 1]
        line_end = self.starts[lineno] if lineno < len(self.starts) else len(self.text)
        line = self.text[start:line_end]
        if line.isascii():
            return start + col
        return start + len(line.encode("utf-8")[:col].decode("utf-8", errors="ignore"))

    def line_column(self, offset: int) -> tuple[int, int]:
        low, high = 0, len(self.starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1, offset - self.starts[low] + 1

    def add_at(self, offset: int, text: str, symbol: str, role: str) -> None:
        if self.text[offset : offset + len(text)] != text:
            line, _column = self.line_column(offset)
            raise AnalysisError(f"{self.source.path}:{line}: cannot locate the token {text!r} exactly")
        if offset in self.seen:
            return
        self.seen.add(offset)
        line, column = self.line_column(offset)
        self.facts.occurrences.append(Occurrence(offset, line, column, text, symbol, role))

    def end_offset(self, node: Located) -> int:
        """The offset just after a node (a parsed tree gives every node its end)."""
        assert node.end_lineno is not None and node.end_col_offset is not None
        return self.offset(node.end_lineno, node.end_col_offset)

    def add_node(self, node: Located, text: str, symbol: str, role: str) -> int:
        offset = self.offset(node.lineno, node.col_offset)
        self.add_at(offset, text, symbol, role)
        return offset

    def name_after_keyword(self, node: Located, name: str) -> int:
        """The offset of a def/class name: after `def`, `async def` or `class`."""
        start = self.offset(node.lineno, node.col_offset)
        match = _DEF_RE.match(self.text, start)
        if match is None or not self.text.startswith(name, match.end()):
            raise AnalysisError(f"{self.source.path}:{node.lineno}: cannot locate the name {name!r}")
        return match.end()

    def segment(self, node: Located) -> tuple[int, str]:
        start = self.offset(node.lineno, node.col_offset)
        end = self.end_offset(node)
        return start, self.text[start:end]
