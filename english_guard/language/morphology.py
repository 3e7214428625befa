"""Uzbek morphology: Uzbek glues suffixes onto stems, so a word list alone misses most forms.

`uzbek_stem(key)` peels suffixes (plural, possessive, case, verb forms) until a known Uzbek stem
remains. `uzbek_suffix_shape(key)` recognises a chain of suffixes that English words do not end with,
which is weaker evidence used only for words no lexicon knows.
"""

from __future__ import annotations

from functools import lru_cache

from english_guard.language.lexicon import lookup

# Folded (apostrophe-free) suffixes, longest first within the search.
SUFFIXES = tuple(
    sorted(
        {
            "lar",
            "lari",
            "larni",
            "larning",
            "larga",
            "larda",
            "lardan",
            "larimiz",
            "laringiz",
            "larim",
            "ni",
            "ning",
            "ga",
            "ka",
            "qa",
            "da",
            "ta",
            "dan",
            "tan",
            "dagi",
            "dek",
            "gacha",
            "cha",
            "lik",
            "likka",
            "li",
            "siz",
            "chi",
            "chilar",
            "im",
            "ing",
            "i",
            "si",
            "imiz",
            "ingiz",
            "miz",
            "ngiz",
            "m",
            "ng",
            "moq",
            "moqda",
            "ish",
            "uvchi",
            "vchi",
            "gan",
            "kan",
            "qan",
            "gani",
            "ganda",
            "gach",
            "guncha",
            "ib",
            "b",
            "adi",
            "ydi",
            "di",
            "dim",
            "ding",
            "dik",
            "dingiz",
            "dilar",
            "sin",
            "sinlar",
            "aman",
            "asan",
            "amiz",
            "asiz",
            "ayapti",
            "yapti",
            "yotgan",
            "ayotgan",
            "mas",
            "ma",
            "sa",
            "ilgan",
            "ildi",
            "iladi",
            "ilsin",
            "inadi",
            "ingan",
            "lash",
            "lashtir",
            "la",
            "lan",
            "ladi",
            "langan",
            "landi",
            "lanadi",
            "aymiz",
            "ymiz",
            "ylik",
            "tir",
            "dir",
            "il",
            "in",
            "gi",
            "ki",
            "qi",
            "mi",
            "ku",
            "u",
            "yu",
            "ydigan",
            "adigan",
            "gina",
            "kina",
            "qina",
            "roq",
            "simon",
            "dosh",
            "xona",
            "zor",
            "kor",
            "vchilar",
            "sh",
        },
        key=len,
        reverse=True,
    )
)

# Endings that English words practically never have, but Uzbek inflected words often do.
SHAPE_ENDINGS = (
    "larni",
    "larning",
    "larga",
    "larda",
    "lardan",
    "lari",
    "dagi",
    "moqda",
    "moq",
    "ishni",
    "ishga",
    "ishda",
    "uvchi",
    "vchi",
    "ganda",
    "gani",
    "yapti",
    "aymiz",
    "ymiz",
    "ladi",
    "lanadi",
    "lash",
    "iladi",
    "ilgan",
    "imiz",
    "ingiz",
    "ydi",
    "amiz",
    "asiz",
    "gacha",
)
MIN_STEM = 3


def _is_uzbek_stem(stem: str) -> bool:
    return len(stem) >= MIN_STEM and lookup(stem).foreign_zipf("uz") > 0


def uzbek_stem(key: str, depth: int = 3) -> str:
    """The known Uzbek stem under `key` after peeling up to `depth` suffixes, or "".

    A three-letter stem needs a short ending (`uni` + `ng` is Uzbek; `uni` + `data` is not)."""
    stem = _peel(key, depth)
    if stem and len(stem) == MIN_STEM and len(key) - len(stem) > MIN_STEM:
        return ""
    return stem


# The suffixes by their last letter, in the list's order: a word is tried only against those it can end with.
_SUFFIXES_BY_LAST: dict[str, tuple[str, ...]] = {
    last: tuple(suffix for suffix in SUFFIXES if suffix[-1] == last) for last in {suffix[-1] for suffix in SUFFIXES}
}


@lru_cache(maxsize=65536)
def _peel(key: str, depth: int) -> str:
    if depth == 0 or len(key) <= MIN_STEM:
        return ""
    for suffix in _SUFFIXES_BY_LAST.get(key[-1:], ()):
        if key.endswith(suffix) and len(key) - len(suffix) >= MIN_STEM:
            stem = key[: -len(suffix)]
            if _is_uzbek_stem(stem):
                return stem
            deeper = _peel(stem, depth - 1)
            if deeper:
                return deeper
    return ""


def uzbek_suffix_shape(key: str) -> bool:
    """True when the word ends with an Uzbek suffix chain and keeps a stem of at least three letters."""
    # One `endswith` of the whole tuple first: most words end with none of them.
    return key.endswith(SHAPE_ENDINGS) and any(
        key.endswith(ending) and len(key) - len(ending) >= MIN_STEM for ending in SHAPE_ENDINGS
    )


def uzbek_letter_shape(key: str) -> bool:
    """An ASCII Uzbek spelling habit: q not followed by u (`qabul`, `qiymat`)."""
    for index, char in enumerate(key):
        if char == "q" and key[index + 1 : index + 2] != "u":
            return True
    return False


# An English loanword with an Uzbek plural chain (`userlar`, `tasklarni`, `serverlarga`): Uzbek IT writing
# inflects English nouns as its own, with no apostrophe and with -lar after any vowel (Turkish writes
# `user'lar`, and -ler after a front vowel). The stem is a common English word of four letters or more, so
# names that end so by chance (`Sad-ler`, `But-ler`) do not match.
_PLURAL_CHAINS = tuple(sorted((suffix for suffix in SUFFIXES if suffix.startswith("lar")), key=len, reverse=True))
_LOAN_STEM_MIN = 4
_LOAN_STEM_ENGLISH_ZIPF = 3.5


@lru_cache(maxsize=65536)
def english_stem_uzbek_plural(key: str) -> str:
    """The English stem of a word that is an English noun with an Uzbek plural chain, or "" (also for a word
    English itself knows: `templar` is no `temp` + -lar)."""
    if not key.endswith(_PLURAL_CHAINS) or lookup(key).english > 0.0:
        return ""  # most words end with no plural chain: told without the loop
    for chain in _PLURAL_CHAINS:
        if key.endswith(chain):
            stem = key[: -len(chain)]
            if len(stem) >= _LOAN_STEM_MIN and lookup(stem).english >= _LOAN_STEM_ENGLISH_ZIPF:
                return stem
            return ""
    return ""
