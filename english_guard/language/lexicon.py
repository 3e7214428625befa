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


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Common English words and code vocabulary, in memory: the fast path for plainly English text."""
    connection = _connection()
    rows = connection.execute(
        "SELECT word FROM english WHERE zipf >= ? UNION ALL SELECT word FROM code", (COMMON_ZIPF_TENTHS,)
    )
    return frozenset(row[0] for row in rows)


COMMON_ZIPF_TENTHS = 30
