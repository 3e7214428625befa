"""Lines move when a later step edits a file (extract adds an import, translate re-wraps a comment).

`LineMap` carries a line number of an earlier version of a file to the same line in a later one, so
every item in the report points at the file as the migration leaves it.
"""

from __future__ import annotations

from english_guard.safe_write import line_opcodes


class LineMap:
    def __init__(self, old: str, new: str) -> None:
        self._opcodes = [op for op in line_opcodes(old.splitlines(), new.splitlines()) if op[0] != "insert"]

    def line(self, number: int) -> int:
        """The 1-based line in the new text for line `number` of the old one; a line that was rewritten
        maps into the lines that replaced it (a deleted one to where it was)."""
        index = number - 1
        for tag, i1, i2, j1, j2 in self._opcodes:
            if i1 <= index < i2:
                if tag == "equal":
                    return j1 + (index - i1) + 1
                return j1 + min(index - i1, max(j2 - j1 - 1, 0)) + 1
        return number


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

    def final_text_of_line(self, path: str, line: int) -> str | None:
        """The text of a (final) line of a file, or None when the file cannot be read."""
        try:
            with open(path, encoding="utf-8", errors="replace", newline="") as handle:
                lines = handle.read().splitlines()
        except OSError:
            return None
        return lines[line - 1] if 0 < line <= len(lines) else ""

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
