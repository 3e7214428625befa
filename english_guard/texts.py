"""english-guard's own user-facing messages, through gettext.

Every message the CLI prints goes through `_()`, so `LANG=uz_UZ.UTF-8 english-guard check`
speaks Uzbek when the compiled catalog is installed with the package (english_guard/locale).
"""
from __future__ import annotations

import gettext as _gettext
import os
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "english_guard"


def _requested_languages() -> list[str]:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return [part.split(".")[0] for part in value.split(":") if part]
    return []


@lru_cache(maxsize=1)
def _translations() -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=_requested_languages() or None, fallback=True)


def _(message: str) -> str:
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations().ngettext(singular, plural, count)
