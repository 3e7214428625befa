"""A small sentence splitter for comments and docstrings (no model, nothing downloaded).

Engines translate sentence by sentence: shorter inputs translate better and repeat more often, so the
translation memory catches more. A split happens after `.`, `!`, `?` or `…` followed by space and an
upper-case letter, digit, quote or bracket, unless the word before the stop is a known abbreviation
or a single letter (an initial).
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    """e.g i.e etc vs cf approx no nr fig mr mrs dr prof st
    т.е т.к т.д т.п т.н см напр др гг г стр рис им проф
    z.b usw bzw d.h ca evtl ggf inkl bsp
    p.ex cf env ex
    va b.n""".split()
)
_BOUNDARY = re.compile(
    r"(?<=[.!?\u2026])[\"'\u00bb\u201d)\]]*\s+(?=[\"'\u00ab\u201c(\[]?[^\W_a-z\u0430-\u044f])", re.UNICODE
)


def _ends_with_abbreviation(text: str) -> bool:
    word = re.split(r"\s", text.rstrip())[-1] if text.strip() else ""
    word = word.rstrip(".").lstrip("(\"'\u00ab").lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[str]:
    """Split one paragraph (no line breaks needed) into sentences; joining them with spaces restores it."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        candidate = text[start : match.start()]
        if text[match.start() - 1] == "." and _ends_with_abbreviation(candidate):
            continue
        sentences.append(candidate.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]
