"""The ways the first verdict on a word or text was made cheaper answer what the plain definitions answer.

Each is compared with the definition it replaces, written the slow way, on the words and texts of the
project's examples and fixtures (and the labelled evaluation set when it is beside the checkout), and on
random texts of the characters that matter.
"""

from __future__ import annotations

import ast
import random
import re
import unicodedata
from pathlib import Path

import pytest
from check_helpers import sample_texts

from english_guard.findings import _plain_english_weight, profile_weight
from english_guard.language import lexicon, settled, words
from english_guard.language.lexicon import foreign_words_among, lookup
from english_guard.language.normalize import APOSTROPHES, fold
from english_guard.language.prose import PLAIN_ENGLISH, classify_prose
from english_guard.language.tokens import _MARKED_RUN, _WORD, Token, _marked_runs, prose_tokens, strip_protected
from english_guard.records import Segment

ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    texts = sample_texts()
    return texts + ["", "Hello World. Next one", "a\u00a0b\u2003c.d", "www. x", "see www.example", "f() x_y"]


TEXTS = _texts()
WORDS = sorted({word for text in TEXTS for word in re.findall(r"[^\W\d_]+", text)})
# The characters marks, protected spans, sentence ends and Unicode spaces are made of.
PIECES = list("ab AZ.,_-/@:;!?'\"`{}%$<>()~+\n\t07wvé٣x\u00a0\u2003\x1cш’") + ["www.", "http://", "\n\n", "e.g."]


def _random_texts(seed: int, count: int) -> list[str]:
    draw = random.Random(seed)
    return ["".join(draw.choice(PIECES) for _ in range(draw.randint(0, 24))) for _ in range(count)]


def test_marked_runs_are_the_runs_the_marked_run_pattern_finds():
    for text in TEXTS + _random_texts(1, 30_000):
        assert list(_marked_runs(text)) == [match.span() for match in _MARKED_RUN.finditer(text)], text


def test_strip_protected_still_blanks_what_the_pattern_blanks():
    for text in _random_texts(2, 10_000):
        assert strip_protected(text) == strip_protected.__globals__["_PROTECTED"].sub(
            strip_protected.__globals__["_blank"], text
        )


def _prose_tokens_word_by_word(text: str) -> list[Token]:
    cleaned = strip_protected(text)
    tokens: list[Token] = []
    previous_end = 0
    for match in _WORD.finditer(cleaned):
        if tokens:
            before = cleaned[previous_end : match.start()]
            stripped = before.strip()
            starts = bool(stripped) and (stripped[-1] in ".!?:;" or stripped[0] == "-") or "\n\n" in before
        else:
            starts = True
        tokens.append(Token(match.group(0), starts))
        previous_end = match.end()
    return tokens


def test_prose_tokens_are_the_word_by_word_reading():
    for text in TEXTS + _random_texts(3, 30_000):
        assert prose_tokens(text) == _prose_tokens_word_by_word(text), text


def test_long_texts_read_as_the_patterns_and_the_word_by_word_reading_read_them():
    # Long texts with long runs and long stretches without a mark (the run's start is found by splitting the
    # text since the last run; the tokens of many words are made by maps, of a few word by word).
    draw = random.Random(5)
    pieces = PIECES + ["word", "Wörter", "слово", " ", "  \n", "\u2028", "ab" * 30]
    texts = ["".join(draw.choice(pieces) for _ in range(draw.randint(100, 1_500))) for _ in range(300)]
    texts += [" ".join(["naïve«mot»"] * count) + " x_y" for count in range(12)]
    for text in texts:
        assert list(_marked_runs(text)) == [match.span() for match in _MARKED_RUN.finditer(text)], text
        assert strip_protected(text) == strip_protected.__globals__["_PROTECTED"].sub(
            strip_protected.__globals__["_blank"], text
        )
        assert prose_tokens(text) == _prose_tokens_word_by_word(text), text


def _fold_letter_by_letter(word: str) -> str:
    out = []
    for char in word.lower():
        if char in APOSTROPHES:
            continue
        if char < "\u0080":
            out.append(char)
            continue
        out.append(fold(char))  # a non-ASCII letter takes the general path either way
    return "".join(out)


def test_the_fold_of_an_ascii_word_is_the_letter_by_letter_fold():
    draw = random.Random(4)
    samples = [w for w in WORDS if w.isascii()] + ["don't", "O`Neil", "A'B'C", "", "x1_y"]
    samples += ["".join(draw.choice("aZ'`_1 -") for _ in range(draw.randint(0, 8))) for _ in range(5_000)]
    for word in samples:
        assert fold.__wrapped__(word) == _fold_letter_by_letter(word), word
    assert unicodedata.is_normalized("NFC", fold("Straße"))  # the general path is unchanged


@pytest.mark.parametrize("kind", ["identifier", "comment", "docstring", "string", "prose", "reference"])
def test_plain_english_weight_is_the_profile_weight_of_a_plain_english_verdict(kind):
    for text in ["", "ab", "abcd", "a b", "a b c", "one two three four", "x  y", "long_name_here"]:
        segment = Segment("f.py", kind, text, 1, 0, 1, len(text))
        assert _plain_english_weight(segment) == profile_weight(segment, PLAIN_ENGLISH), (kind, text)


def test_the_tails_no_foreign_lexicon_holds_are_no_compound_part():
    keys = [fold(word) for word in WORDS if 8 <= len(word) <= 40][:400]
    tails = sorted({key[cut:] for key in keys for cut in range(4, len(key) - 2)})
    listed = foreign_words_among(tails)
    assert listed and len(listed) < len(tails)
    for tail in tails:
        assert (tail in listed) or lookup(tail).foreign == (), tail
    assert foreign_words_among([]) == frozenset()


class _EveryPart:
    """Every tail "listed" and every part looked up: the plain definition of `words._PARTS`."""

    def among(self, keys: list[str]) -> frozenset[str]:
        return frozenset(keys)

    def may_hold(self, key: str) -> bool:
        return True


def test_foreign_compounds_are_found_as_with_a_look_up_of_every_tail(monkeypatch):
    keys = [fold(word) for word in WORDS if 8 <= len(word) <= 40]
    keys += ["rechnungsnummer", "kundennummer", "hilfsfunktionen", "seitenlaenge", "lieferadresse", "dateiname"]
    found: list[dict] = []
    # Asking the lexicon which tails it holds (a run's first compounds), the parts in memory (later ones), and
    # looking up every tail and part.
    asking = lexicon.CompoundParts(words._COMPOUNDING, words._PART_ZIPF)
    asking.LOAD_AFTER = 10**9
    holding = lexicon.CompoundParts(words._COMPOUNDING, words._PART_ZIPF)
    holding.LOAD_AFTER = 0
    try:
        for parts in (asking, holding, _EveryPart()):
            words.foreign_compound.cache_clear()
            monkeypatch.setattr(words, "_PARTS", parts)
            found.append({key: words.foreign_compound(key) for key in keys})
    finally:
        words.foreign_compound.cache_clear()
    assert found[0] == found[1] == found[2]
    assert sum(1 for compound in found[2].values() if compound) >= 6


def test_a_word_no_lexicon_holds_has_the_empty_entry():
    entry = lookup("qzxqzxnotaword")
    assert (entry.english, entry.foreign, entry.code) == (0.0, (), False)
    assert lookup("qzxqzxnotaword2") is entry  # one shared answer
    assert lookup("the").english > 5 and lookup("the") is not entry


def test_english_compounds_are_the_same_in_both_readings():
    for word in [w.lower() for w in WORDS if len(w) >= 6][:3000] + ["ishandlerrunning", "getfqdn", "tojson"]:
        assert words.english_compound(word, True) == words.english_compound(word, False), word


def test_common_word_membership_answers_as_the_common_words():
    common = lexicon.CommonWords()
    before = common.membership()
    assert before is common  # not loaded: the object itself, one query per word
    sample = [w.lower() for w in WORDS[:2000]]
    answers = [word in before for word in sample]
    common.load()
    assert [word in common.membership() for word in sample] == answers
    assert isinstance(common.membership(), frozenset)


def test_classify_prose_relabels_copies_and_leaves_the_cached_words_alone():
    allowed = frozenset()
    text = "Guido van Rossum wrote Kitob Tarjima Hello."
    before = {token.text: words.classify_word(token.text, allowed, False) for token in prose_tokens(text)}
    states = {key: (w.verdict, w.strength, w.reason) for key, w in before.items()}
    classified = classify_prose(prose_tokens(text), allowed)
    assert any(word.verdict == "proper" for word in classified)
    for key, word in before.items():
        assert words.classify_word(key, allowed, False) is word
        assert (word.verdict, word.strength, word.reason) == states[key], key


def test_the_settler_of_a_set_of_allowed_words_answers_as_settles():
    allowed = frozenset({"salom"})
    settle = settled.settler(allowed)
    for text in TEXTS[:3000]:
        for kind in ("identifier", "comment", "string", "docstring"):
            assert settle(text, kind) == settled.settles(text, kind, allowed)


def test_classify_word_is_called_with_positional_arguments_everywhere():
    # `lru_cache` keeps `f(w, a, False)` and `f(w, a, identifier=False)` apart: a keyword at one call site
    # would decide every word it reads a second time.
    calls = []
    for path in sorted((ROOT / "english_guard").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "classify_word"
            ):
                calls.append((path.name, node.lineno, [keyword.arg for keyword in node.keywords]))
    assert len(calls) >= 8
    assert [call for call in calls if call[2]] == []


def _one_word_name_by_pattern(identifier: str) -> bool:
    match = re.fullmatch(r"_*([A-Za-z]+)_*", identifier)
    return bool(match) and 3 <= len(match.group(1)) <= 5 and (match.group(1).islower() or match.group(1).istitle())


def test_one_word_names_are_told_as_the_pattern_tells_them():
    draw = random.Random(5)
    names = [w for w in WORDS if w.isascii()] + ["", "_", "___", "fin", "_nom_", "Amal", "FIN", "a_b", "abc1", "__ab__"]
    names += ["".join(draw.choice("aB_1") for _ in range(draw.randint(0, 8))) for _ in range(20_000)]
    for name in names:
        assert words.one_word_name(name) == _one_word_name_by_pattern(name), name


def test_code_names_take_settled_identifiers_as_plain_english_names():
    from english_guard.findings import _code_names

    segments = [
        Segment("f.py", kind, text, 1, 0, 1, len(text))
        for kind, text in [
            ("identifier", "user_name"),
            ("reference", "getValue"),
            ("identifier", "kitob"),
            ("comment", "x"),
        ]
    ]
    plain, weak = _code_names(segments, frozenset({"project"}), frozenset())
    settle = settled.settler(frozenset())
    for segment in segments[:3]:
        if settle(segment.text, "identifier"):
            assert fold(segment.text) in plain
    assert "project" in plain and "x" not in plain | weak
