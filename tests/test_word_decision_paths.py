"""The shortcuts that make a word's first decision cheaper answer as the long way would."""

from __future__ import annotations

import random
import re
from functools import cache

from english_guard.language import lexicon
from english_guard.language.pinyin import SYLLABLES, pinyin_syllables
from english_guard.language.settled import _piece_chains, _words_and_piece_chains


def test_every_word_english_writes_often_or_code_may_be_common() -> None:
    """`may_be_common_english` spares the look-up of a word only when its English Zipf is below 3.0 and it is no
    code word: every other word of the lexicon passes it, and a rare word does not."""
    connection = lexicon._connection()
    often = [row[0] for row in connection.execute("SELECT word FROM english WHERE zipf >= ?", (30,))]
    code = [row[0] for row in connection.execute("SELECT word FROM code")]
    assert len(often) > 10_000 and code
    assert all(lexicon.may_be_common_english(word) for word in often + code)
    rare = [row[0] for row in connection.execute("SELECT word FROM english WHERE zipf < 20 LIMIT 200")]
    assert rare and not any(lexicon.may_be_common_english(word) for word in rare if not lexicon.lookup(word).code)


def test_a_looked_up_entry_reads_every_language_of_its_row() -> None:
    connection = lexicon._connection()
    for word, langs in connection.execute("SELECT word, langs FROM foreign_words LIMIT 3000"):
        expected = tuple((lang, int(value) / 10) for lang, value in (item.split(":") for item in langs.split()))
        assert lexicon.lookup(word).foreign == expected


def _syllables_the_long_way(word: str) -> int:
    @cache
    def most(end: int) -> int:  # the most syllables word[:end] splits into, -1 when it does not split
        if end == 0:
            return 0
        counts = [most(start) + 1 for start in range(end) if word[start:end] in SYLLABLES and most(start) >= 0]
        return max(counts, default=-1)

    return max(most(len(word)), 0)


def test_pinyin_syllables_are_counted_as_the_long_way_counts_them() -> None:
    rng = random.Random(16)
    words = ["zhongguo", "dingdan", "lineno", "xiangmu", "shuju", "hello", "", "a", "ang", "zhuangzhuang"]
    words += ["".join(rng.choice("zhangshiuoexqjwr") for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    for word in words:
        assert pinyin_syllables.__wrapped__(word) == _syllables_the_long_way(word), word


def test_settles_reads_the_runs_and_chains_of_a_text_as_the_patterns_of_its_docstring_say() -> None:
    """The runs outside the apostrophe chains (three letters or more) and every piece chain of each chain, as the
    chains' own pattern finds them."""
    long_run = re.compile(r"[A-Za-z]{3,}")
    chain = re.compile(r"[A-Za-z]+(?:['`][A-Za-z]+)+")
    rng = random.Random(17)
    texts = ["it's the server's job", "y'all'd `x` don't", "o'zbek tili''s", "ab'", "'abc", "a'b'c'", ""]
    texts += ["".join(rng.choice("abc'` %\n") for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in texts:
        expected = set(long_run.findall(chain.sub(" ", text)))
        for found in set(chain.findall(text)):
            expected |= _piece_chains(found)
        assert _words_and_piece_chains(text) == expected, text
