"""Lines move when a later step edits a file (extract adds an import, translate re-wraps a comment).

`LineMap` carries a line number of an earlier version of a file to the same line in a later one, so
every item in the report points at the file as the migration leaves it.
"""
from __future__ import annotations

import difflib


class LineMap:
    def __init__(self, old: str, new: str) -> None:
        self._blocks = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False) \
            .get_matching_blocks()

    def line(self, number: int) -> int:
        """The 1-based line in the new text for line `number` of the old one (the nearest kept line before it
        when that line itself was rewritten)."""
        index = number - 1
        best = number
        for block in self._blocks:
            if block.size == 0:
                continue
            if block.a <= index < block.a + block.size:
                return block.b + (index - block.a) + 1
            if block.a + block.size <= index:
                best = block.b + block.size + (index - block.a - block.size) + 1
        return max(1, best)


class Snapshot:
    """The text of files at one point of the migration, to map their lines to the final files later."""

    def __init__(self, paths) -> None:
        self.texts: dict[str, str] = {}
        for path in paths:
            try:
                with open(path, encoding="utf-8", errors="replace", newline="") as handle:
                    self.texts[path] = handle.read()
            except OSError:
                continue

    def final_line(self, path: str, line: int) -> int:
        old = self.texts.get(path)
        if old is None:
            return line
        try:
            with open(path, encoding="utf-8", errors="replace", newline="") as handle:
                new = handle.read()
        except OSError:
            return line
        return line if old == new else LineMap(old, new).line(line)
