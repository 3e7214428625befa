"""Word look-ups: English frequency, foreign lexicons, code vocabulary (a read-only SQLite file).

SQLite keeps start-up cheap: nothing is loaded until a word is looked up, and each distinct
word costs one indexed query per process (answers are memoised).
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "lexicon.sqlite3"


@dataclass(frozen=True, slots=True)
class Entry:
    english: float  # English Zipf frequency (0 when not an English word)
    foreign: tuple[tuple[str, float], ...]  # (language, Zipf) pairs, most frequent first
    code: bool  # programming vocabulary

    def best_foreign(self, exclude: str = "") -> tuple[str, float]:
        for lang, value in self.foreign:
            if lang != exclude:
                return lang, value
        return "", 0.0

    def foreign_zipf(self, lang: str) -> float:
        for candidate, value in self.foreign:
            if candidate == lang:
                return value
        return 0.0


_local = threading.local()


def _connection() -> sqlite3.Connection:
    connection = getattr(_local, "connection", None)
    if connection is None:
        uri = f"file:{DATA}?mode=ro&immutable=1"
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        _local.connection = connection
    return connection


_LOOKUP = (
    "SELECT (SELECT zipf FROM english WHERE word = ?), (SELECT langs FROM foreign_words WHERE word = ?),"
    " EXISTS (SELECT 1 FROM code WHERE word = ?)"
)


@lru_cache(maxsize=200_000)
def lookup(key: str) -> Entry:
    """Everything the lexicons know about a folded word (see normalize.fold)."""
    english_tenths, langs, code = _connection().execute(_LOOKUP, (key, key, key)).fetchone()
    english = english_tenths / 10 if english_tenths else 0.0
    foreign: tuple[tuple[str, float], ...] = ()
    if langs:
        pairs = (item.split(":") for item in langs.split())
        foreign = tuple((lang, int(value) / 10) for lang, value in pairs)
    code = bool(code)
    return Entry(english, foreign, code)


class CommonWords:
    """Common English words and code vocabulary: the fast path for plainly English text.

    A small run (one file from an editor or a pre-commit hook) asks about a few hundred words: each is
    one memoised indexed query. After `LOAD_AFTER` questions the whole set (33,000 words, 25 ms to load)
    is read into memory, which a large run amortises. Both answer exactly the same."""

    LOAD_AFTER = 1500

    def __init__(self) -> None:
        self._words: frozenset[str] | None = None
        self._asked = 0
        self._lock = threading.Lock()

    def load(self) -> frozenset[str]:
        with self._lock:
            if self._words is None:
                rows = _connection().execute(
                    "SELECT word FROM english WHERE zipf >= ? UNION ALL SELECT word FROM code", (COMMON_ZIPF_TENTHS,)
                )
                self._words = frozenset(row[0] for row in rows)
        return self._words

    def __contains__(self, word: object) -> bool:
        if self._words is not None:
            return word in self._words
        if not isinstance(word, str):
            return False
        self._asked += 1
        if self._asked > self.LOAD_AFTER:
            return word in self.load()
        entry = lookup(word)
        return entry.code or entry.english * 10 >= COMMON_ZIPF_TENTHS


_common_words = CommonWords()


def common_words() -> CommonWords:
    return _common_words


COMMON_ZIPF_TENTHS = 30
