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
    best = [0] + [-1] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - _LONGEST), end):
            if best[start] >= 0 and word[start:end] in SYLLABLES:
                best[end] = max(best[end], best[start] + 1) if best[end] >= 0 else best[start] + 1
    return max(best[len(word)], 0)
