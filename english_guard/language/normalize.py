"""Word normalisation shared by the lexicon builder and the engine: one key per spelling family.

Keys are lowercase, Latin letters lose their accents (real Spanish, Portuguese and Turkish code
often drops them), Uzbek apostrophes (o' g' oʻ gʻ) disappear as they do in identifiers, and
Cyrillic letters stay Cyrillic.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

APOSTROPHES = "'’ʻʼ`‘ʹ"
_SPECIAL_LATIN = {
    "ı": "i",
    "ß": "ss",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ə": "a",
    "ŋ": "ng",
}


# What `str.lower` leaves of the dot of the Turkish and Azerbaijani capital `İ` (`İptal` -> `i̇ptal`): the word's
# small letter is a plain `i` (`iptal`), as the lexicons write it.
_COMBINING_DOT_ABOVE = "\u0307"


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    if word.isascii():  # the most frequent case by far: lowercase without the ASCII apostrophes
        lowered = word.lower()
        return lowered.replace("'", "").replace("`", "") if "'" in lowered or "`" in lowered else lowered
    out = []
    for char in word.lower():
        if char in APOSTROPHES or char == _COMBINING_DOT_ABOVE:
            continue
        if char < "\u0080":
            out.append(char)
            continue
        if char in _SPECIAL_LATIN:
            out.append(_SPECIAL_LATIN[char])
            continue
        if char == "ё":
            out.append("е")
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        if base < "\u0080" and base.isalpha():
            out.append(base)
        else:
            out.append(char)
    return "".join(out)


_UZ_DIGRAPHS = (("o'", "ў"), ("g'", "ғ"), ("sh", "ш"), ("ch", "ч"), ("ya", "я"), ("yo", "ё"), ("yu", "ю"), ("ye", "е"))
_UZ_LETTERS = {
    "a": "а",
    "b": "б",
    "d": "д",
    "e": "е",
    "f": "ф",
    "g": "г",
    "h": "ҳ",
    "i": "и",
    "j": "ж",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "q": "қ",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "v": "в",
    "x": "х",
    "y": "й",
    "z": "з",
    "'": "ъ",
    "c": "с",
    "w": "в",
}


def uzbek_latin_to_cyrillic(word: str) -> str:
    """A plain Uzbek Latin -> Cyrillic transliteration (enough to build lexicon keys)."""
    text = word.lower()
    for apostrophe in APOSTROPHES:
        text = text.replace(apostrophe, "'")
    out = []
    index = 0
    while index < len(text):
        pair = text[index : index + 2]
        for latin, cyrillic in _UZ_DIGRAPHS:
            if pair == latin:
                out.append("э" if cyrillic == "е" and index == 0 else cyrillic)
                index += 2
                break
        else:
            char = text[index]
            mapped = _UZ_LETTERS.get(char, char)
            out.append("э" if mapped == "е" and index == 0 else mapped)
            index += 1
    return "".join(out)


# Uzbek Cyrillic -> Latin, the one table (the glossary's keys and the display spelling derive from it).
UZBEK_CYRILLIC_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "x",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "ъ": "'",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "ў": "o'",
    "қ": "q",
    "ғ": "g'",
    "ҳ": "h",
    "щ": "sh",
    "ы": "i",
}


def uzbek_cyrillic_to_latin(word: str) -> str:
    """Uzbek Cyrillic -> Latin, letter by letter (enough to reuse the Latin morphology)."""
    return "".join(UZBEK_CYRILLIC_TO_LATIN.get(char, char) for char in word.lower())
