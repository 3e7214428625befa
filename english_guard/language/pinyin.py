"""Pinyin without tones: Chinese speakers' identifiers (`hebing_hou`, `shuju_qingxi`) are made of these syllables."""

from __future__ import annotations

from functools import lru_cache

_INITIALS = (
    "",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "j",
    "q",
    "x",
    "zh",
    "ch",
    "sh",
    "r",
    "z",
    "c",
    "s",
    "y",
    "w",
)
_FINALS = (
    "a",
    "o",
    "e",
    "ai",
    "ei",
    "ao",
    "ou",
    "an",
    "en",
    "ang",
    "eng",
    "ong",
    "er",
    "i",
    "ia",
    "ie",
    "iao",
    "iu",
    "ian",
    "in",
    "iang",
    "ing",
    "iong",
    "u",
    "ua",
    "uo",
    "uai",
    "ui",
    "uan",
    "un",
    "uang",
    "v",
    "ve",
    "ue",
)
# Initials that cannot start a syllable with i/u-glide finals and the like are over-generated here;
# the segmenter only needs to reject English, which real syllables alone already do well.
SYLLABLES = frozenset(initial + final for initial in _INITIALS for final in _FINALS) - {"", "i", "u", "v"}
_LONGEST = max(map(len, SYLLABLES))


@lru_cache(maxsize=65536)
def pinyin_syllables(word: str) -> int:
    """How many pinyin syllables `word` splits into (0 when it does not split)."""
    # The most syllables that end at each position (-1: none), filled forward from the positions a split
    # reaches: most words stop splitting after a letter or two, and their other positions cost nothing.
    size = len(word)
    best = [0] + [-1] * size
    for start in range(size):
        count = best[start] + 1
        if not count:
            continue  # no split reaches this position
        for end in range(start + 1, min(size, start + _LONGEST) + 1):
            if count > best[end] and word[start:end] in SYLLABLES:
                best[end] = count
    return max(best[size], 0)
