"""The hunspell-uz word forms: a separately licensed data file that widens the Uzbek lexicon."""

from __future__ import annotations

from english_guard.language import judge
from english_guard.language.lexicon import lookup
from english_guard.language.uzbek_words import DATA, is_uzbek_form, uzbek_forms


def test_the_word_list_is_shipped_with_its_own_licence():
    licence = DATA.with_name("uzbek-hunspell.LICENSE").read_text(encoding="utf-8")
    assert "GNU\nGeneral Public License" in licence and "hunspell-uz" in licence
    assert len(uzbek_forms()) > 50_000


def test_forms_the_curated_list_lacks_are_uzbek():
    # Inflected forms (transliterated from the Cyrillic list) that the curated lexicon does not hold.
    for key in ("birlamchi", "egasiga", "tarjima"):
        assert is_uzbek_form(key)
    assert not lookup("birlamchi").foreign_zipf("uz")
    verdict = judge("# Birlamchi sozlamalarni tarjima qilamiz", "comment")
    assert not verdict.english and verdict.language == "uz"


def test_english_and_code_words_stay_english():
    # Loanwords in the list (`server`, `format`, `model`) are common English or code vocabulary first.
    assert judge("format_server_model", "identifier").english
    assert judge("# Format the server model before the test", "comment").english
