"""english-guard's own user-facing messages, through gettext.

Every message the CLI prints goes through `_()`, so `LANG=uz_UZ.UTF-8 english-guard check`
speaks Uzbek when the compiled catalog is installed with the package (english_guard/locale).
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import lru_cache
from pathlib import Path

from english_guard.rules import Rule

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "english_guard"


def requested_languages() -> list[str]:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return [part.split(".")[0] for part in value.split(":") if part]
    return []


@lru_cache(maxsize=1)
def _translations() -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=requested_languages() or None, fallback=True)


def _(message: str) -> str:
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations().ngettext(singular, plural, count)


@lru_cache(maxsize=256)
def language_display_name(code: str, english_name: str) -> str:
    """A language's name in the user's own language when the CLI speaks it (Babel's CLDR data),
    else the English name. Babel is imported only for a non-English interface."""
    wanted = [lang for lang in requested_languages() if not lang.startswith(("en", "C", "POSIX"))]
    if not wanted or not _translations().info():
        return english_name
    try:
        from babel import Locale

        name = Locale.parse(wanted[0].split("@")[0]).languages.get(code)
    except Exception:  # an unknown or malformed locale name only costs the translation of the name
        return english_name
    return name or english_name


LANGUAGE_NAMES = {
    "uz": "Uzbek",
    "ru": "Russian",
    "kk": "Kazakh",
    "tr": "Turkish",
    "de": "German",
    "es": "Spanish",
    "pt": "Portuguese",
    "fr": "French",
    "id": "Indonesian",
    "zh": "Chinese",
    "ja": "Japanese",
    "ar": "Arabic",
    "uk": "Ukrainian",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
    "ro": "Romanian",
    "sv": "Swedish",
    "ms": "Malay",
    "ko": "Korean",
    "he": "Hebrew",
    "fa": "Persian",
    "hi": "Hindi",
    "el": "Greek",
    "bg": "Bulgarian",
    "ky": "Kyrgyz",
    "tg": "Tajik",
    "az": "Azerbaijani",
    "cs": "Czech",
    "hu": "Hungarian",
    "fi": "Finnish",
    "no": "Norwegian",
    "da": "Danish",
    "ca": "Catalan",
    "th": "Thai",
    "vi": "Vietnamese",
    "be": "Belarusian",
    "und": "unknown language",
}


def language_name(code: str) -> str:
    return language_display_name(code, LANGUAGE_NAMES.get(code, code))


# A sentence is quoted in a finding's message up to this many characters, its white space folded.
EXCERPT_LENGTH = 80


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def rule_message(rule: Rule, variant: str = "", **fields: object) -> str:
    """A finding's message: its rule's template (or the named variant) in the user's language, filled in.
    A `text` field is quoted as an excerpt unless the rule quotes the whole text (a name)."""
    template = rule.variants[variant] if variant else rule.message
    text = fields.get("text")
    if isinstance(text, str) and not rule.quotes_whole_text:
        fields["text"] = excerpt(text)
    return _(template).format(**fields)
