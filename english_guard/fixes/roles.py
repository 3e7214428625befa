"""The check's string roles by position, for the fixes (one model of string roles).

`check` reads a file with Python's own parser and gives every string literal a role
(`english_guard.sources.string_roles`). The fixes find the literals of the roles they handle again in
their LibCST tree by start position: `extract` wraps the user-facing ones, `translate` proposes English
for log, exception and developer text, and `extract` moves non-English msgids into the catalog.
"""

from __future__ import annotations

from collections.abc import Collection

from english_guard.config import Config
from english_guard.records import Segment


def strings_by_role(
    path: str, text: str, config: Config, roles: Collection[str], test_file: bool | None = None
) -> dict[tuple[int, int], Segment] | None:
    """(line, 1-based column) -> the string segment with one of `roles` starting there; None when the
    check cannot read the file (LibCST then reports the problem with its position). `test_file`: read
    the file as a test (True), as code (False) or as its path and content say (None)."""
    from english_guard.sources.python import read_python_text

    try:
        segments = read_python_text(path, text, config, test_file=test_file)
    except Exception:  # noqa: BLE001 - any reader error: LibCST decides and reports
        return None
    return {
        (s.line, s.column): s
        for s in segments
        if s.kind == "string" and s.symbol in roles and any(ch.isalpha() for ch in s.text)
    }
