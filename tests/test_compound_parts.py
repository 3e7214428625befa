"""The words a foreign compound can be made of, in memory (`lexicon.CompoundParts`): the same compounds as
asking the lexicon."""

from __future__ import annotations

from check_helpers import sample_texts

from english_guard.language import lexicon, words
from english_guard.language.lexicon import (
    CompoundParts,
    compound_parts_from_lexicon,
    read_compound_parts,
)

REBUILD = "compound_parts.txt.gz is stale: run `python tools/build_compound_parts.py` and commit its output"


def test_the_prebuilt_set_is_the_lexicon_s():
    built = read_compound_parts(words._COMPOUNDING, words._PART_ZIPF)
    assert built is not None, REBUILD
    assert built == compound_parts_from_lexicon(words._COMPOUNDING, words._PART_ZIPF), REBUILD
    assert {"rechnung", "nummer", "kunden"} <= built and "kwargs" not in built


def test_a_set_built_for_other_languages_or_frequencies_is_not_used():
    assert read_compound_parts(frozenset({"de", "nl"}), words._PART_ZIPF) is None
    assert read_compound_parts(words._COMPOUNDING, 3.5) is None
    other = CompoundParts(frozenset({"de"}), 3.0)
    other.LOAD_AFTER = 0
    assert other.among(["nummer", "zzzq"]) == lexicon.foreign_words_among(["nummer", "zzzq"])
    assert other.may_hold("zzzq")


def _compounds(parts: CompoundParts, keys: list[str]) -> list:
    saved = words._PARTS
    words._PARTS = parts
    try:
        words.foreign_compound.cache_clear()
        return [words.foreign_compound(key) for key in keys]
    finally:
        words._PARTS = saved
        words.foreign_compound.cache_clear()


def test_compounds_are_the_same_from_the_set_and_from_the_lexicon():
    keys = ["rechnungsnummer", "kundennummer", "mehrwertsteuersatz", "lieferadresse", "hilfsfunktionen"]
    keys += ["seitenlaenge", "dateiname", "hostname", "filemode", "qualname", "vartheta", "bestellnummer"]
    for text in sample_texts(with_names=True):
        keys += [word.lower() for word in text.split() if word.isalpha() and 8 <= len(word) <= 40]
    keys = sorted(set(keys))
    asking = CompoundParts(words._COMPOUNDING, words._PART_ZIPF)
    asking.LOAD_AFTER = 10**9
    holding = CompoundParts(words._COMPOUNDING, words._PART_ZIPF)
    holding.LOAD_AFTER = 0
    found = _compounds(asking, keys)
    assert holding._words is None
    assert _compounds(holding, keys) == found
    assert holding._words is not None  # the set did answer
    assert sum(compound is not None for compound in found) >= 5
