"""Ukrainian and Russian words written in Latin letters (`spysok`, `zamovlennya`, `SPYSOK_TOVARIV`).

Every usual romanization of a Cyrillic word shares one skeleton (english_guard/language/romanized.py); a word
no lexicon knows whose skeleton is a common Ukrainian or Russian word is evidence of that language. English
words and the abbreviations of English code (`lasti`, `objid`, `epilog`, `ustar`) must stay English. The
sample projects are written by the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_profile_naming import _languages as _findings
from test_profile_naming import _write

from english_guard.language import judge
from english_guard.language.romanized import cyrillic_skeleton, romanized_languages, skeleton
from english_guard.language.words import AMBIGUOUS, STRONG, classify_word


@pytest.mark.parametrize(
    ("spellings", "cyrillic"),
    [
        (("spysok", "spisok"), "список"),
        (("zamovlennya", "zamovlennia", "zamovlennja"), "замовлення"),
        (("korystuvach",), "користувач"),
        (("zberehty", "zberegty"), "зберегти"),
        (("poshuk",), "пошук"),
        (("polzovatel",), "пользователь"),
        (("prizvyshche", "prizvysche"), "прізвище"),
        (("tovaryi", "tovari", "tovary"), "товари"),
        (("khranilishche", "xranilishche"), "хранилище"),
    ],
)
def test_every_usual_spelling_shares_the_cyrillic_words_skeleton(spellings: tuple[str, ...], cyrillic: str) -> None:
    expected = cyrillic_skeleton(cyrillic)
    assert expected
    assert {skeleton(spelling) for spelling in spellings} == {expected}


def test_a_word_outside_the_table_has_no_skeleton() -> None:
    # ў and ң are Uzbek and Kazakh letters: those languages are not looked up this way.
    assert cyrillic_skeleton("ўзбек") == ""
    assert cyrillic_skeleton("таңдау") == ""


@pytest.mark.parametrize(
    ("word", "language"),
    [
        ("spysok", "uk"),
        ("zamovlennya", "uk"),
        ("korystuvach", "uk"),
        ("otrymaty", "uk"),
        ("vydalyty", "uk"),
        ("povidomlennya", "uk"),
        ("nalashtuvannya", "uk"),
        ("kilkist", "uk"),
        ("audytoriya", "uk"),
        ("polzovatelya", "ru"),
    ],
)
def test_a_long_common_word_in_latin_letters_decides_alone(word: str, language: str) -> None:
    verdict = classify_word(word, frozenset(), True)
    assert (verdict.verdict, verdict.strength) == ("foreign", STRONG), verdict
    assert verdict.languages[0][0] == language
    # The same word as a constant: split, lowercased and found the same way.
    assert not judge(word.upper(), "identifier").english


@pytest.mark.parametrize("word", ["tabs", "bank", "plan", "lasti", "objid", "epilog", "ustar", "kwargs"])
def test_english_words_and_code_abbreviations_are_no_evidence(word: str) -> None:
    verdict = classify_word(word, frozenset(), True)
    assert verdict.verdict != "foreign" or verdict.strength == AMBIGUOUS, verdict
    assert judge(word, "identifier").english


def test_a_short_word_counts_only_with_the_profile() -> None:
    # `holovaty` is a rare Ukrainian word (and a surname), `tsinu` and `knyha` have five letters: the file's
    # language decides.
    for word in ("holovaty", "tsinu", "knyha"):
        verdict = classify_word(word, frozenset(), True)
        assert (verdict.verdict, verdict.strength) == ("foreign", AMBIGUOUS), verdict
        assert judge(word, "identifier").english
    assert romanized_languages("tabs") == ()  # shorter than any skeleton looked up


def test_a_capitalised_word_in_text_is_taken_for_a_name() -> None:
    # `Korystuvach` in a sentence may be a name; the same word in an identifier is not.
    assert classify_word("Korystuvach", frozenset(), False).verdict == "unknown"
    assert classify_word("korystuvach", frozenset(), False).verdict == "foreign"


UKRAINIAN_ROMANIZED = """\
SPYSOK_TOVARIV = []


def otrymaty_zamovlennya(korystuvach):
    return [item for item in SPYSOK_TOVARIV if item.owner == korystuvach]


def zberehty_kilkist(kilkist):
    return kilkist


def pokazaty(knyha):
    return knyha
"""

RUSSIAN_ROMANIZED = """\
def poluchit_polzovatelya(identifikator):
    return identifikator


def sohranit_zakaz(zakaz):
    return zakaz
"""

# Unknown-word abbreviations whose skeletons meet a Cyrillic word: what English code writes; and one short
# romanized word (a name, a loanword) that only a Ukrainian project's profile would make a finding.
ENGLISH_CODE = """\
def trace(frame):
    lasti = frame.f_lasti
    objid = id(frame)
    return lasti, objid


def make_parser(epilog, ustar):
    return epilog, ustar


def show(knyha):
    return knyha
"""


def test_a_ukrainian_project_in_latin_letters_is_found_and_named(tmp_path: Path, monkeypatch) -> None:
    findings = _findings(_write(tmp_path, {"magazyn.py": UKRAINIAN_ROMANIZED}), monkeypatch)
    for name in ("SPYSOK_TOVARIV", "otrymaty_zamovlennya", "korystuvach", "zberehty_kilkist", "kilkist"):
        assert findings.get(name) == "uk", findings
    # A five-letter word alone is weak evidence: the project's language makes it a finding here.
    assert findings.get("knyha") == "uk", findings


def test_a_russian_project_in_latin_letters_is_found_and_named(tmp_path: Path, monkeypatch) -> None:
    findings = _findings(_write(tmp_path, {"magazin.py": RUSSIAN_ROMANIZED}), monkeypatch)
    assert findings.get("poluchit_polzovatelya") == "ru", findings


def test_an_english_project_gets_no_finding_from_skeletons(tmp_path: Path, monkeypatch) -> None:
    assert _findings(_write(tmp_path, {"trace.py": ENGLISH_CODE}), monkeypatch) == {}


@pytest.mark.parametrize(
    ("comment", "language"),
    [
        ("# otrymaty spysok tovariv dlya korystuvacha", "uk"),
        ("# TODO: perevirka dostupu korystuvacha", "uk"),
        ("# poluchaem spisok zakazov polzovatelya", "ru"),
    ],
)
def test_a_comment_in_latin_letters_is_found_and_named(comment: str, language: str) -> None:
    verdict = judge(comment, "comment")
    assert (verdict.english, verdict.language) == (False, language), verdict
