"""The language detection on texts of many languages, and on English that looks foreign."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from english_guard.language import judge, split_identifier

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CASES = tomllib.loads((Path(__file__).parent / "fixtures" / "language" / "cases.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["non_english"], ids=lambda c: c["text"][:40])
def test_non_english_is_found_and_named(case):
    verdict = judge(case["text"], case["kind"])
    assert not verdict.english, verdict
    assert verdict.language == case["lang"], verdict


@pytest.mark.parametrize("case", CASES["english"], ids=lambda c: c["text"][:40])
def test_english_is_english(case):
    verdict = judge(case["text"], case["kind"])
    assert verdict.english, verdict


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("foydalanuvchi_analytics", ["foydalanuvchi", "analytics"]),
        ("getHTTPResponse", ["get", "HTTP", "Response"]),
        ("XMLParser", ["XML", "Parser"]),
        ("__init__", ["init"]),
        ("utf8_decode", ["utf8", "decode"]),
        ("MAX_RETRY_COUNT", ["MAX", "RETRY", "COUNT"]),
    ],
)
def test_split_identifier(name, words):
    assert split_identifier(name) == words


def test_a_two_letter_token_is_not_evidence():
    assert judge("va", "identifier").english
    assert judge("bu_x", "identifier").english


def test_allowed_words_are_english():
    assert not judge("savat_total", "identifier").english
    assert judge("savat_total", "identifier", frozenset({"savat"})).english


def test_evidence_is_explained():
    verdict = judge("Foydalanuvchi uchun analytics hisoblash.", "docstring", explain=True)
    verdicts = {w.word: w.verdict for w in verdict.words}
    assert verdicts["analytics"] == "english"
    assert verdicts["uchun"] == "foreign"
    assert verdict.language == "uz"


def test_lorem_ipsum_is_filler_not_a_language():
    """Typesetting's filler text, in a docstring or as a generator's word list, is no language; Italian
    with a few of the same words is Italian."""
    assert judge("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.", "docstring").english
    assert judge("Example output: Lorem ipsum dolor sit amet, sed diam nonumy tempor.", "docstring").english
    words = "lorem ipsum amet arcu auctor blandit cubilia curae dictumst dolor erat habitasse iaculis nascetur"
    assert judge(words, "string").english
    assert not judge("Il sistema non riesce a leggere il file, nulla da fare qui", "string").english


def test_a_word_taken_for_a_name_in_one_text_is_judged_afresh_in_the_next():
    """Inside an English sentence a capitalised foreign word is a name; that is about the sentence, not the
    word: the next text that holds it alone is judged on its own (verdicts do not depend on what the
    process judged before)."""
    assert judge("Ask us in the Gitter room of the project.", "prose").english
    assert not judge("Gitter", "prose").english
