"""Uzbek word forms from Debian's hunspell-uz word list, in Latin script (a separately licensed data file).

`data/uzbek-hunspell.txt.gz` is derived from Mashrab Kuvatov's Uzbek word list (hunspell-uz, GPL-2 or
later; see data/uzbek-hunspell.LICENSE) by tools/build_uzbek_wordlist.py: 59,000 inflected forms
(`tarjima`, `birlamchi`, `egasiga`), transliterated from Cyrillic and folded like every lexicon key.
It is data read at run time, kept apart from the code and from the other lexicons so its licence stays
its own. Without the file (a packager may leave it out) the check runs with the curated list only.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "uzbek-hunspell.txt.gz"


@lru_cache(maxsize=1)
def uzbek_forms() -> frozenset[str]:
    try:
        with gzip.open(DATA, "rt", encoding="ascii") as handle:
            return frozenset(handle.read().split())
    except OSError:
        return frozenset()


def is_uzbek_form(key: str) -> bool:
    """Is the folded Latin `key` an Uzbek word form the hunspell-uz list knows?"""
    return key in uzbek_forms()
