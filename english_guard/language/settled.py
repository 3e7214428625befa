"""Texts whose words all settle as English: their verdict is known without taking it.

`settles(text, kind, allowed)` is True only where `verdict.judge(text, kind, allowed)` is English with no
leaning (`Verdict.leaning == ()`). Such a verdict makes no finding and no candidate, and only adds the
segment's English weight to its file's profile (see `findings.evaluate`), so the check skips the verdict.
Each word is decided once per process and set of allowed words; a text is then one set difference.

When it answers True (anything else answers False, and the verdict is taken as before):
- the text is ASCII;
- read as prose (comment, docstring, string, prose) with no inner apostrophe (`don't`), `judge` ends in
  `plainly_english` or `no_foreign_word`: English with no leaning exactly when no run of three letters or more
  is a foreign word, which is what is tested here, run by run;
- read as prose with inner apostrophes, `judge` takes the full analysis, whose words are the apostrophe
  chains of the text cut where protected spans (`tokens.strip_protected`) begin and end: those cuts fall on
  apostrophes or non-letters, so every word is a chain of consecutive pieces of a chain of the text, and each
  such piece chain must be no evidence (`verdict.no_evidence`), which leaves `_decide` nothing to lean on.
  A printf placeholder (`%sfoo`) is the one span that ends inside a run of letters, so a text with `%` is not
  settled here; nor a comment or prose text (commented-out code reads string literals, whose escapes and
  implicit concatenation make words that are not the text's);
- read as an identifier, every word `judge` splits it into (`split_identifier`, `classify_identifier_word`
  with the identifier itself) is no evidence: no foreign word, no word that leans (and so no pinyin syllable,
  which `pinyin_context` needs a foreign pinyin word for);
- or, read as a string, the text is not ASCII and holds one letter at most, which is no CJK ideograph (`в`,
  `Æ`, `≤ n`: a character table's entries): `classify_word` calls a word of fewer than two letters neutral
  in every script but CJK, so `judge` finds no word that is evidence.
tests/test_settled.py holds this to `judge` on every text and kind, and the check's output with and without
the skip to each other.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from english_guard.language.lexicon import common_words
from english_guard.language.prose import plainly_english
from english_guard.language.scripts import char_script
from english_guard.language.tokens import INNER_APOSTROPHE, split_identifier
from english_guard.language.verdict import no_evidence
from english_guard.language.words import (
    SHARED,
    classify_identifier_word,
    classify_word,
    one_word_leans,
    one_word_name,
)

# ENGLISH_GUARD_SETTLED=off takes every verdict: only for proving the skip exact (tests) and measuring it.
ENABLED = os.environ.get("ENGLISH_GUARD_SETTLED", "on") != "off"

# `prose._ASCII_LETTER_RUNS` longer than two letters, and the words with inner apostrophes of `tokens._WORD` in
# ASCII text.
_LONG_RUN = re.compile(r"[A-Za-z]{3,}")
# A run of letters, or a chain of runs joined by inner apostrophes (a word with inner apostrophes of `tokens._WORD`).
_RUN_OR_CHAIN = re.compile(r"[A-Za-z]+(?:['`][A-Za-z]+)*")
_APOSTROPHE = re.compile(r"(['`])")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# Every character `str.isalpha` calls a letter (and a few numeric ones, such as `²`: counting those too only
# leaves a text to the verdict).
_LETTER = re.compile(r"[^\W\d_]")


class _Known:
    """The words decided so far for one set of allowed words, per reading."""

    def __init__(self, allowed: frozenset[str]) -> None:
        self.allowed = allowed
        self.not_foreign: set[str] = set()  # runs `no_foreign_word` lets pass
        self.foreign: set[str] = set()
        self.quiet: set[str] = set()  # prose words that are no evidence
        self.telling: set[str] = set()
        self.names: dict[str, bool] = {}  # identifiers whose every word is no evidence

    def runs_pass(self, runs: set[str]) -> bool:
        new = runs - self.not_foreign
        if not new:
            return True
        if not new.isdisjoint(self.foreign):
            return False
        common = common_words().membership()
        for run in new:
            # As `no_foreign_word`: a word English shares with another language (`persona`) may lean.
            if run.lower() not in common and classify_word(run, self.allowed, False).verdict in ("foreign", SHARED):
                self.foreign.add(run)
                return False
            self.not_foreign.add(run)
        return True

    def words_quiet(self, words: set[str]) -> bool:
        new = words - self.quiet
        if not new:
            return True
        if not new.isdisjoint(self.telling):
            return False
        common = common_words().membership()
        for word in new:
            # A common word is English or code to `classify_word` too (`lexicon.CommonWords`).
            if word.lower() not in common and not no_evidence(classify_word(word, self.allowed, False)):
                self.telling.add(word)
                return False
            self.quiet.add(word)
        return True

    def settles(self, text: str, kind: str) -> bool:
        """`settles` with this object's allowed words."""
        if kind == "identifier":
            quiet = self.names.get(text)  # the names decided so far, all ASCII
            if quiet is None:
                return text.isascii() and self.name_quiet(text)
            return quiet
        if not text.isascii():
            return kind == "string" and _one_letter_at_most(text)
        if not (("'" in text or "`" in text) and INNER_APOSTROPHE.search(text)):  # `in` first: much faster
            return self.runs_pass(set(_LONG_RUN.findall(text)))
        if kind in ("comment", "prose") or "%" in text:
            return False
        return self.words_quiet(_words_and_piece_chains(text))

    def name_quiet(self, name: str) -> bool:
        known = self.names.get(name)
        if known is None:
            # `judge` calls a name that `plainly_english` passes English at once, and else reads its words.
            known = self.names[name] = (plainly_english(name) and not one_word_leans(name)) or self._parts_quiet(name)
        return known

    def _parts_quiet(self, name: str) -> bool:
        """Every word `judge` reads in the name is no evidence. A word of letters that is common (or of two letters
        at most) is English, code or too short to `classify_identifier_word` (`lexicon.CommonWords`), unless the
        name is one short word, which may be a word English shares (`one_word_shared`): no call for it."""
        common = None if one_word_name(name) else common_words().membership()
        for part in split_identifier(name):
            if common is not None and part.isalpha() and (len(part) <= 2 or part.lower() in common):
                continue
            if not no_evidence(classify_identifier_word(part, name, self.allowed)):
                return False
        return True


_known: dict[frozenset[str], _Known] = {}


def _one_letter_at_most(text: str) -> bool:
    """No two letters, and no CJK ideograph (alone, an ideograph is a Chinese word): see the module's docstring.
    The search stops at the second letter: a long text of words costs no more than a short one."""
    letters = _LETTER.finditer(text)
    first = next(letters, None)
    if first is None:
        return True
    return next(letters, None) is None and char_script(first.group()) != "CJK"


def _words_and_piece_chains(text: str) -> set[str]:
    """The runs of three letters or more outside the text's apostrophe chains, and every piece chain of each chain
    (`_piece_chains`): one pass that finds runs and chains alike, each where its first letter is."""
    words: set[str] = set()
    for token in set(_RUN_OR_CHAIN.findall(text)):
        if "'" in token or "`" in token:
            words |= _piece_chains(token)
        elif len(token) > 2:
            words.add(token)  # shorter runs are neutral
    return words


def _piece_chains(chain: str) -> set[str]:
    """Every run of consecutive pieces of an apostrophe chain (`y'all'd` -> y, all, d, y'all, all'd, y'all'd)."""
    pieces = _APOSTROPHE.split(chain)
    return {
        "".join(pieces[first : last + 1]) for first in range(0, len(pieces), 2) for last in range(first, len(pieces), 2)
    }


def settles(text: str, kind: str, allowed: frozenset[str] = frozenset()) -> bool:
    """Whether `judge(text, kind, allowed)` is surely English with no leaning (see the module's docstring)."""
    return settler(allowed)(text, kind)


def settler(allowed: frozenset[str]) -> Callable[[str, str], bool]:
    """`settles` for one set of allowed words, as a function of the text and kind (a caller that asks for
    every segment of a file looks up the set's decisions once)."""
    known = _known.get(allowed)
    if known is None:
        known = _known[allowed] = _Known(allowed)
    return known.settles
