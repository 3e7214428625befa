"""Which messages need an English msgid, and which English literals are worth wrapping."""

from __future__ import annotations

import re
from functools import lru_cache

# A "word" with digits, underscores, slashes, dots or inner capitals is an id, a key or a path.
_TOKEN_LIKE = re.compile(r"^\S*(?:[_/\\]|\d[A-Za-z]|[A-Za-z]\d|[a-z][A-Z]|\w\.\w)\S*$")


@lru_cache(maxsize=4096)
def language_of(text: str) -> tuple[bool, str]:
    """(is English, ISO 639-1 code) from the shared language detection."""
    from english_guard.language import judge  # lazy: the engine loads its lexicons on first use

    verdict = judge(text, "string")
    return verdict.english, verdict.language


def looks_like_message(text: str) -> bool:
    """An English text a person reads ("Cancel", "Order accepted."), not an id ("AgADBAADr6cxG", "main_menu")."""
    stripped = text.strip()
    if not any(ch.isalpha() for ch in stripped):
        return False
    if " " in stripped:
        return True
    return not _TOKEN_LIKE.match(stripped)
