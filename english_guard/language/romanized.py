"""Cyrillic words written in Latin letters (`spysok`, `zamovlennya`, `SPYSOK_TOVARIV`): Ukrainian and Russian.

Teams that write Ukrainian or Russian name things in Latin letters, each in their own romanization: и is
`y` or `i`, й `y`, `i` or `j`, я `ya`, `ia` or `ja`, г `h` or `g`, х `kh` or `x`, ц `ts` or `c`, and the
soft sign is dropped. The lexicon knows Russian transliterations only in a few fixed spellings
(tools/build_lexicons.py); here every spelling of a word is brought to one lossy key, its *skeleton*, and
looked up among the skeletons of the Cyrillic words of the Ukrainian and Russian lexicons.

`data/romanized.txt` holds those skeletons (built from lexicon.sqlite3 by tools/build_romanized.py, so it
carries the lexicon's data licence, see data/NOTICE). It is read once per process (a few milliseconds: sorted
lines searched by bisection, nothing parsed ahead), when the first word no lexicon knows asks for it. Without
the file no word is found this way.

Not merged, to keep the key from meeting too many words: `h` for х (г is `h` in Ukrainian), `sh` for щ.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "romanized.txt"
# The languages whose Cyrillic words are kept: those with a word list in the lexicon.
LANGUAGES = ("uk", "ru")

# One Latin spelling per Cyrillic letter (Ukrainian national romanization; Russian ё ъ ы э added). The
# skeleton merges the other usual spellings into these.
CYRILLIC_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
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
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "ё": "e",
    "ъ": "",
    "ы": "y",
    "э": "e",
    "'": "",
    "’": "",
    "ʼ": "",
}

# Digraphs first (the longest first), each to one placeholder letter, then the letters spelled two ways.
_DIGRAPHS = re.compile(r"shch|sch|zh|kh|ts|ch|sh|x|c")
_DIGRAPH_MARK = {"shch": "4", "sch": "4", "zh": "2", "kh": "5", "x": "5", "ts": "3", "c": "3", "ch": "6", "sh": "7"}
_LETTERS = str.maketrans({"y": "i", "j": "i", "w": "v", "g": "h"})
_REPEATED_I = re.compile(r"i{2,}")


def skeleton(latin: str) -> str:
    """The key all usual romanizations of one Cyrillic word share: `spysok`, `spisok` -> `spisok`;
    `zamovlennya`, `zamovlennia` -> `zamovlennia`; `zberehty`, `zberegty` -> `zberehti`. Lossy on purpose
    (и, і, й and ї all become `i`): a match is evidence, looked for only among words no lexicon knows."""
    marked = _DIGRAPHS.sub(lambda match: _DIGRAPH_MARK[match.group()], latin.lower())
    return _REPEATED_I.sub("i", marked.translate(_LETTERS))


def cyrillic_skeleton(word: str) -> str:
    """The skeleton of a lowercase Cyrillic word, or "" when it holds a letter outside the table."""
    latin = []
    for char in word:
        spelled = CYRILLIC_LATIN.get(char)
        if spelled is None:
            return ""
        latin.append(spelled)
    return skeleton("".join(latin))


@lru_cache(maxsize=1)
def _lines() -> list[str]:
    """The lines of `DATA`, sorted (`skeleton lang:zipf10 ...`); [] without the file."""
    try:
        return DATA.read_text(encoding="ascii").splitlines()
    except (OSError, ValueError):
        return []


@lru_cache(maxsize=50_000)
def romanized_entry(key: str) -> tuple[tuple[str, float], ...]:
    """The (language, Zipf) pairs of the Cyrillic words whose skeleton is `key`, most frequent first."""
    lines = _lines()
    prefix = key + " "
    index = bisect_left(lines, prefix)
    if index == len(lines) or not lines[index].startswith(prefix):
        return ()
    pairs = (pair.split(":") for pair in lines[index][len(prefix) :].split())
    return tuple((lang, int(value) / 10) for lang, value in pairs)


# Words shorter than this are too often abbreviations whose skeleton meets some Cyrillic word (`tabs`).
MIN_LETTERS = 5


def romanized_languages(key: str) -> tuple[tuple[str, float], ...]:
    """The languages whose Cyrillic word the ASCII word `key` spells in Latin letters, as (language, Zipf),
    most frequent first; () when none (or when `key` is shorter than MIN_LETTERS)."""
    if len(key) < MIN_LETTERS or not key.isascii() or not key.isalpha():
        return ()
    return romanized_entry(skeleton(key))
