"""Unicode scripts of letters, and what a script or a special letter says about a language."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Scripts whose words are evidence of one language family by themselves.
SCRIPT_LANGUAGE = {
    "HIRAGANA": "ja", "KATAKANA": "ja", "CJK": "zh", "HANGUL": "ko", "ARABIC": "ar", "HEBREW": "he",
    "DEVANAGARI": "hi", "BENGALI": "bn", "THAI": "th", "GEORGIAN": "ka", "ARMENIAN": "hy", "TAMIL": "ta",
    "GREEK": "el", "CYRILLIC": "ru", "ETHIOPIC": "am", "KHMER": "km", "LAO": "lo", "MYANMAR": "my",
    "GUJARATI": "gu", "GURMUKHI": "pa", "TELUGU": "te", "KANNADA": "kn", "MALAYALAM": "ml", "SINHALA": "si",
}

# Letters that point at one language among those written in the same script.
LETTER_HINTS = {
    "ў": "uz", "қ": "uz", "ғ": "uz", "ҳ": "uz",
    "ә": "kk", "ң": "kk", "ө": "kk", "ұ": "kk", "ү": "kk", "һ": "kk", "і": "kk",
    "ї": "uk", "є": "uk", "ґ": "uk",
    "ı": "tr", "ş": "tr", "ğ": "tr", "ñ": "es", "ã": "pt", "õ": "pt", "ß": "de", "ä": "de",
    "ő": "hu", "ű": "hu", "ą": "pl", "ę": "pl", "ł": "pl", "ś": "pl", "ź": "pl", "ż": "pl", "ń": "pl",
    "ř": "cs", "ě": "cs", "ů": "cs", "ș": "ro", "ț": "ro", "ă": "ro", "ʻ": "uz",
}


@lru_cache(maxsize=4096)
def char_script(char: str) -> str:
    """LATIN, CYRILLIC, CJK, ... for a letter (from its Unicode name), or "" for non-letters."""
    if char < "\u0080":
        return "LATIN" if char.isalpha() else ""
    if not char.isalpha():
        return ""
    name = unicodedata.name(char, "")
    if name.startswith("CJK") or "IDEOGRAPH" in name:
        return "CJK"
    first = name.split(" ", 1)[0]
    if first == "MODIFIER":
        return ""  # modifier letters (ʻ ʼ) are apostrophes in Uzbek, not a script
    if first in ("MODIFIER", "SMALL", "LATIN", "FULLWIDTH") and "LATIN" in name:
        return "LATIN"
    return first


def word_scripts(word: str) -> set[str]:
    return {script for script in map(char_script, word) if script}


def letter_hint(word: str, script: str) -> str:
    """A language that a special letter of `word` points to, if any (ў -> uz, ı -> tr, ñ -> es)."""
    if script == "CYRILLIC":
        # Uzbek Cyrillic shares қ/ғ with Kazakh: ў or ҳ decides Uzbek, Kazakh-only letters decide Kazakh.
        letters = set(word.lower())
        if letters & {"ә", "ң", "ө", "ұ", "ү", "һ", "і"}:
            return "kk"
        if letters & {"ў", "ҳ", "қ", "ғ"}:
            return "uz"
        if letters & {"ї", "є", "ґ"}:
            return "uk"
        return ""
    for char in word.lower():
        hint = LETTER_HINTS.get(char)
        if hint:
            return hint
    return ""
