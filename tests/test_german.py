"""German as real code writes it (issue 10): ASCII spellings without umlauts, long compounds, nouns
capitalised in column lists and labels, function words beside German words. Fixture words and sentences
written for these tests; English text of the same shapes must stay English."""

from __future__ import annotations

import pytest

from english_guard.language.verdict import judge
from english_guard.language.words import STRONG, classify_word, foreign_compound


@pytest.mark.parametrize(
    "word,head,tail",
    [
        ("kundennummer", "kunden", "nummer"),  # a plural head (Kunde + n)
        ("lieferadresse", "liefern", "adresse"),  # a verb's stem in -er + n
        ("bestellnummer", "bestellen", "nummer"),  # a verb's stem + en
        ("ergebnisseite", "ergebnis", "seite"),
        ("mehrwertsteuersatz", "mehrwertsteuer", "satz"),  # three parts, the last one short
    ],
)
def test_german_compounds_split_into_their_words(word, head, tail):
    found = foreign_compound(word)
    assert found == ("de", head, tail, True)
    assert classify_word(word, frozenset(), True).strength == STRONG


@pytest.mark.parametrize("word", ["getatime", "notanapp", "understand", "handout", "anderson", "startswith"])
def test_english_and_code_words_are_no_sure_compounds(word):
    found = foreign_compound(word)
    assert found is None or not found[3]
    assert classify_word(word, frozenset(), True).strength != STRONG


def test_a_rare_lexicon_word_that_is_a_sure_compound_is_strong():
    """`kundennummer` is rare in the German word list, but its parts are common German words."""
    word = classify_word("kundennummer", frozenset(), True)
    assert word.verdict == "foreign" and word.strength == STRONG and "compound" in word.reason


def test_a_lowercase_rare_word_with_its_own_letters_is_strong():
    """`ungültige` is rare in the German word list; with its umlaut and lowercase it is no English word and
    no name. The ASCII spelling and the capitalised form stay weak (a name's shape)."""
    assert classify_word("ungültige", frozenset(), False).strength == STRONG
    assert classify_word("ungueltige", frozenset(), False).strength != STRONG
    assert classify_word("Ungültige", frozenset(), False).strength != STRONG


@pytest.mark.parametrize(
    "text",
    [
        "# Spalten: Kundennummer, Rechnungsbetrag, Steuerjahr",
        "# Kundennummer, Name, Strasse, Postleitzahl",
        "# --- Kundenauswahl-Dropdown ---",
        "# --- Eingabefelder Position ---",
        "# Rueckgabe der Groesse in Bytes",
        "# Test ungültige Position",
    ],
)
def test_german_nouns_in_lists_and_labels_are_german(text):
    verdict = judge(text, "comment")
    assert not verdict.english and verdict.language == "de"


@pytest.mark.parametrize(
    "text",
    [
        "Released on July 24th 2011, codename Schraubschlüssel",  # a German name in an English sentence
        "BerkeleyMono, MonoLisa, ui-monospace, SFMono-Regular, Menlo, Consolas, Liberation Mono, monospace",
        "The Rosenthal Collection and the Goldstein Papers",
        "Unicode names: Latin Small Letter A With Grave",
    ],
)
def test_english_text_with_names_stays_english(text):
    assert judge(text, "prose").english


def test_german_function_words_are_no_english_beside_german_words():
    """`von` and `bis` are English words (von Neumann, encore), but beside a German word they are German."""
    beside = dict(judge("# Wert von 1 bis 10", "comment").leaning).get("de", -9.0)
    alone = dict(judge("# Wert 1 10", "comment").leaning).get("de", -9.0)
    assert beside > alone
    # English sentences keep them English: no German word beside them.
    assert judge("# John von Neumann wrote this for 1 to 10", "comment").english
    assert not judge("# John von Neumann wrote this", "comment").leaning


def _findings(tmp_path, files: dict[str, str], monkeypatch) -> set[tuple[str, int, str]]:
    from english_guard.checker import run_check
    from english_guard.config import load_config

    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = run_check(["."], load_config(None, start="."), jobs=1, use_cache=False)
    return {(f.path.rsplit("/", 1)[-1], f.line, f.language) for f in run.findings}


ENGLISH_MODULE = '''"""Read the rows of an export file."""


def read_rows(path):
    """Return the rows of the file at path."""
    with open(path) as handle:
        return handle.readlines()


def write_rows(path, rows):
    # Spalten: Kundennummer, Rechnungsbetrag, Steuerjahr
    with open(path, "w") as handle:
        handle.writelines(rows)


def release_notes():
    # Released on July 24th, codename Schraubschlüssel
    return []
'''


def test_a_german_column_list_in_an_english_project_is_found(tmp_path, monkeypatch):
    found = _findings(tmp_path, {"rows.py": ENGLISH_MODULE}, monkeypatch)
    assert ("rows.py", 11, "de") in found
    assert not any(line == 17 for _name, line, _language in found)  # the codename is a name


def test_a_word_the_lexicons_cannot_place_is_named_by_the_file(tmp_path, monkeypatch):
    """`brutto` is Italian, German and Polish about as often: in a German module it is German, whatever the
    language model guesses for the word alone."""
    shares = dict(judge("brutto", "identifier").candidates)
    top = max(shares.values())
    assert all(shares.get(language, 0.0) >= 0.5 * top for language in ("it", "de", "pl"))  # a close call
    module = '''"""Berechnet die Summe einer Rechnung."""


def berechne_rechnung(positionen, steuersatz):
    """Addiert die Preise aller Positionen und rechnet die Steuer dazu."""
    netto = sum(position.preis for position in positionen)  # Summe ohne Steuer
    brutto = netto * (1 + steuersatz)
    return brutto
'''
    found = _findings(tmp_path, {"rechnung.py": module}, monkeypatch)
    assert ("rechnung.py", 7, "de") in found
