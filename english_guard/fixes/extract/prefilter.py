"""The check's view of a file for extract: where its user-facing strings are (one model of string roles).

`check` reads a file with Python's own parser and gives every string literal a role
(`english_guard.sources.string_roles`). `extract` wraps exactly the literals whose role is
user-facing, found again in the LibCST tree by their start positions. A file without one is not
parsed by LibCST at all: the C parser answers in a fraction of the time.
"""

from __future__ import annotations

from english_guard.config import Config
from english_guard.fixes.roles import strings_by_role
from english_guard.records import Segment
from english_guard.sources.string_roles import USER_FACING


def user_facing_strings(path: str, data: bytes, config: Config) -> dict[tuple[int, int], Segment] | None:
    """(line, 1-based column) -> the user-facing string segment starting there; None when the file
    cannot be read by the check (LibCST then reports the problem with its position)."""
    from english_guard.checker import decode

    try:
        text = decode(path, data, "python")
    except Exception:  # noqa: BLE001 - any decoding error: LibCST decides and reports
        return None
    # extract decides about test files itself (`--include-tests`): here every file is read as code
    return strings_by_role(path, text, config, (USER_FACING,), test_file=False)
