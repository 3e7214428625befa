"""Which messages need an English msgid, and which English literals are worth wrapping."""

from __future__ import annotations

import re
from functools import lru_cache

from english_guard.settings import Settings

# A "word" with digits, underscores, slashes, dots or inner capitals is an id, a key or a path.
_TOKEN_LIKE = re.compile(r"^\S*(?:[_/\\]|\d[A-Za-z]|[A-Za-z]\d|[a-z][A-Z]|\w\.\w)\S*$")


@lru_cache(maxsize=4096)
def language_of(text: str, settings: Settings) -> tuple[bool, str]:
    """(is English, ISO 639-1 code), as `check` judges it (allowed words and project names count as English)."""
    verdict = settings.judge(text, "string")
    return verdict.english, verdict.language


def looks_like_message(text: str) -> bool:
    """An English text a person reads ("Cancel", "Order accepted."), not an id ("AgADBAADr6cxG", "main_menu")."""
    stripped = text.strip()
    if not any(ch.isalpha() for ch in stripped):
        return False
    if " " in stripped:
        return True
    return not _TOKEN_LIKE.match(stripped)
