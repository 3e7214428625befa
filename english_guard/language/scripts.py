"""Unicode scripts of letters, and what a script or a special letter says about a language."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Scripts whose words are evidence of one language family by themselves.
SCRIPT_LANGUAGE = {
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "CJK": "zh",
    "HANGUL": "ko",
    "ARABIC": "ar",
    "HEBREW": "he",
    "DEVANAGARI": "hi",
    "BENGALI": "bn",
    "THAI": "th",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "TAMIL": "ta",
    "GREEK": "el",
    "CYRILLIC": "ru",
    "ETHIOPIC": "am",
    "KHMER": "km",
    "LAO": "lo",
    "MYANMAR": "my",
    "GUJARATI": "gu",
    "GURMUKHI": "pa",
    "TELUGU": "te",
    "KANNADA": "kn",
    "MALAYALAM": "ml",
    "SINHALA": "si",
}

# Letters that point at one language among those written in the same script.
LETTER_HINTS = {
    "ў": "uz",
    "қ": "uz",
    "ғ": "uz",
    "ҳ": "uz",
    "ә": "kk",
    "ң": "kk",
    "ө": "kk",
    "ұ": "kk",
    "ү": "kk",
    "һ": "kk",
    "ї": "uk",
    "є": "uk",
    "ґ": "uk",
    "ə": "az",
    "ı": "tr",
    "ş": "tr",
    "ğ": "tr",
    "ñ": "es",
    "ã": "pt",
    "õ": "pt",
    "ß": "de",
    "ä": "de",
    "ő": "hu",
    "ű": "hu",
    "ą": "pl",
    "ę": "pl",
    "ł": "pl",
    "ś": "pl",
    "ź": "pl",
    "ż": "pl",
    "ń": "pl",
    "ř": "cs",
    "ě": "cs",
    "ů": "cs",
    "ș": "ro",
    "ț": "ro",
    "ă": "ro",
    "ʻ": "uz",
}


# Letters that are unit symbols in code and docs (µs, 5 Ω, 3 Å), not words of a language.
_UNIT_LETTERS = frozenset("\u00b5\u2126\u212b\u212a\u2113\u00b0")


@lru_cache(maxsize=4096)
def char_script(char: str) -> str:
    """LATIN, CYRILLIC, CJK, ... for a letter (from its Unicode name), or "" for non-letters."""
    if char < "\u0080":
        return "LATIN" if char.isalpha() else ""
    if not char.isalpha() or char in _UNIT_LETTERS:
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


# Cyrillic letters that only some languages use.
_UKRAINIAN_ONLY = frozenset("їєґ")
_KAZAKH_ONLY = frozenset("әұһ")  # ң ө ү are Kyrgyz too; і is Ukrainian and Belarusian too
_KAZAKH_OR_KYRGYZ = frozenset("ңөү")
_UZBEK_OR_TAJIK = frozenset("ўҳ")  # ў is Belarusian too (with і, and without и)
_TAJIK_ONLY = frozenset("ӣӯҷ")
_UZBEK_OR_KAZAKH = frozenset("қғ")
_RUSSIAN_NOT_UKRAINIAN = frozenset("ыэъё")
_LATIN_I_IN_CYRILLIC = re.compile(r"(?<=[\u0400-\u04ff])[iI]|[iI](?=[\u0400-\u04ff])")
_KYRGYZ_LONG_VOWEL = re.compile(r"(уу|оо|үү|өө|ээ|аа|ыы|ее)")


def cyrillic_language(text: str) -> str:
    """The language that the letters of a Cyrillic text decide, or "" when they do not.

    Letters decide among Russian, Ukrainian, Belarusian, Uzbek, Kazakh, Kyrgyz and Tajik better than any
    model on short text: ї є ґ are Ukrainian, ў ҳ Uzbek (ў also Belarusian), ә ұ һ Kazakh, ң ө ү Kazakh
    or Kyrgyz. і is Ukrainian, Kazakh or Belarusian; қ ғ are Uzbek or Kazakh (see `cyrillic_languages`
    for the languages a text's letters leave open)."""
    return cyrillic_languages(text)[0]


def cyrillic_languages(text: str) -> tuple[str, ...]:
    """The languages the letters of a Cyrillic text allow, likeliest first: ("",) when they say nothing,
    one language when they decide, several when they leave neighbours open (the file's and project's
    language then decide, see english_guard.context)."""
    letters = set(text.lower())
    if "i" in letters and _LATIN_I_IN_CYRILLIC.search(text):
        # A Latin i typed for і inside a Cyrillic word (`Бiлiм`): Kazakh and Ukrainian writers often do.
        letters.add("і")
    if letters & _UKRAINIAN_ONLY:
        return ("uk",)
    if letters & _TAJIK_ONLY:
        return ("tg",)
    if "ў" in letters:
        return ("be",) if "і" in letters and "и" not in letters else ("uz",)
    if letters & _KAZAKH_ONLY:
        return ("kk",)
    if "ҳ" in letters:
        return ("uz",)
    if letters & _KAZAKH_OR_KYRGYZ:
        if letters & (_UZBEK_OR_KAZAKH | {"і"}):
            return ("kk",)
        # Kyrgyz writes long vowels double (`колдонуучу`, `жооп`), Kazakh does not (`Жаңа пайдаланушы`).
        return ("ky", "kk") if _KYRGYZ_LONG_VOWEL.search(text.lower()) else ("kk", "ky")
    if "і" in letters:
        # Russian has no і; Ukrainian has no ы, which Kazakh (and Belarusian, with ў) writes constantly.
        if letters & _UZBEK_OR_KAZAKH or "ы" in letters:
            return ("kk",)
        if not letters & _RUSSIAN_NOT_UKRAINIAN:
            return ("uk", "kk")
        return ("",)
    if letters & _UZBEK_OR_KAZAKH:
        # The Uzbek Cyrillic alphabet has no ы, which Kazakh writes constantly; Uzbek writes the hard
        # sign in Arabic loanwords (`маълумот`), which Kazakh does not.
        if "ъ" in letters:
            return ("uz",)
        if "ы" in letters:
            return ("kk",)
        # Only қ ғ: the letters of both. The Uzbek word list (97,000 forms) knows Uzbek words; a text
        # whose қ/ғ words it does not know (`Қате`, `Бағалар`, `Қазақша`) is Kazakh.
        return ("uz", "kk") if _mostly_uzbek(text) else ("kk", "uz")
    return ("",)


def russian_letters(text: str) -> bool:
    """Does a Cyrillic text hold a letter Russian writes and Ukrainian does not (ы э ъ ё)?"""
    return not _RUSSIAN_NOT_UKRAINIAN.isdisjoint(text.lower())


def _mostly_uzbek(text: str) -> bool:
    """Do the Uzbek lexicons know at least half of the words of a Cyrillic text that hold қ or ғ?"""
    from english_guard.language.lexicon import lookup
    from english_guard.language.morphology import uzbek_stem
    from english_guard.language.normalize import fold, uzbek_cyrillic_to_latin
    from english_guard.language.uzbek_words import is_uzbek_form

    words = [
        word
        for word in "".join(c if c.isalpha() else " " for c in text.lower()).split()
        if set(word) & _UZBEK_OR_KAZAKH
    ]
    known = 0
    for word in words:
        key = fold(uzbek_cyrillic_to_latin(word))
        if is_uzbek_form(key) or lookup(key).foreign_zipf("uz") or uzbek_stem(key):
            known += 1
    return bool(words) and 2 * known >= len(words)


# Latin letters that only some languages use: (letters, language), checked in order. ə is Azerbaijani's alone;
# ı ş ğ are Turkish and Azerbaijani letters both (`TURKIC_LATIN`: the file's and project's language decide).
_LATIN_DECIDERS = (
    (frozenset("ə"), "az"),
    (frozenset("ışğ"), "tr"),
    (frozenset("ãõ"), "pt"),
    (frozenset("ñ¿¡"), "es"),
)
# The languages whose letters above decide alone: no neighbour writes them.
_UNIQUE_LETTER_LANGUAGES = frozenset({"az", "pt", "es"})
# Turkish and Azerbaijani: the same letters but ə, and Azerbaijani has no word list here: a text without ə is
# a close call between them, which the file's and the project's language decide.
TURKIC_LATIN = ("tr", "az")


def latin_letters_decide(text: str) -> bool:
    """Does a letter of the text that only one language writes (ə, ã õ, ñ) decide its language?"""
    letters = set(text.lower())
    for deciding, language in _LATIN_DECIDERS:
        if letters & deciding:
            return language in _UNIQUE_LETTER_LANGUAGES
    return False


# Between Spanish and Portuguese, letters one of them has: ç ê ô â à are Portuguese, not Spanish.
_PORTUGUESE_NOT_SPANISH = frozenset("çêôâà")
# Short function words each language writes constantly and the other does not (accents folded away).
_PORTUGUESE_WORDS = frozenset(
    {
        "nao",
        "do",
        "da",
        "dos",
        "das",
        "uma",
        "um",
        "com",
        "no",
        "na",
        "nos",
        "ao",
        "os",
        "em",
        "pelo",
        "pela",
        "voce",
        "isso",
        "esta",
        "seu",
        "sua",
    }
)
_SPANISH_WORDS = frozenset(
    {
        "el",
        "la",
        "los",
        "las",
        "del",
        "una",
        "un",
        "con",
        "es",
        "al",
        "por",
        "lo",
        "si",
        "pero",
        "esta",
        "su",
        "sus",
        "muy",
        "esto",
    }
)


def latin_language(text: str, candidates: tuple[str, ...] = ()) -> str:
    """The language that the letters (and, between Spanish and Portuguese, the function words) of a Latin
    text decide, or "" when they do not. `candidates` are the languages still in question."""
    letters = set(text.lower())
    for deciding, language in _LATIN_DECIDERS:
        if letters & deciding:
            return language
    if {"es", "pt"} <= set(candidates[:3]):
        if letters & _PORTUGUESE_NOT_SPANISH:
            return "pt"
        from english_guard.language.normalize import fold

        words = [fold(word) for word in text.lower().split()]
        portuguese = sum(word in _PORTUGUESE_WORDS for word in words)
        spanish = sum(word in _SPANISH_WORDS for word in words)
        if portuguese != spanish and max(portuguese, spanish) >= 2:
            return "pt" if portuguese > spanish else "es"
    return ""


def letter_hint(word: str, script: str) -> str:
    """A language that a special letter of `word` points to, if any (ў -> uz, ı -> tr, ñ -> es)."""
    if script == "CYRILLIC":
        return cyrillic_language(word)
    for char in word.lower():
        hint = LETTER_HINTS.get(char)
        if hint:
            return hint
    return ""
