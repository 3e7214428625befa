"""Word look-ups: English frequency, foreign lexicons, code vocabulary (a read-only SQLite file).

SQLite keeps start-up cheap: nothing is loaded until a word is looked up, and each distinct
word costs one indexed query per process (answers are memoised).
"""

from __future__ import annotations

import os
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

    def quoted_foreign(self) -> bool:
        """A word English counts as common only because English text quotes another language: a function
        word a thousand times more frequent there (`und`, `para`, `que`), or a word Uzbek code writes that
        is uncommon in English (`ism`, `kun`). Such a word is weak evidence, for the file's language to decide."""
        if self.code or not self.foreign:
            return False
        return self.foreign[0][1] >= self.english + FUNCTION_WORD_MARGIN or (
            self.english < 3.5 and self.foreign_zipf("uz") > self.english
        )

    def shares_frequency(self, key: str) -> tuple[tuple[str, float], ...]:
        """The languages that write this common English word far more often than English (`persona`,
        `valor`, `alter`, `cargo`), as (language, Zipf); () else. The rule that tools/build_lexicon_derived.py
        lists the shared words by (see `shared_with`)."""
        if self.code or not self.foreign or len(key) < SHARED_MIN_LETTERS or self.english * 10 < COMMON_ZIPF_TENTHS:
            return ()
        top = self.foreign[0][1]
        if top < SHARED_MIN_ZIPF or top < self.english + SHARED_MARGIN or self.quoted_foreign():
            return ()
        return tuple(item for item in self.foreign if item[1] >= top - SHARED_CLOSE)

    def shared_with(self, key: str) -> tuple[tuple[str, float], ...]:
        """The languages a common English word is also a word of, when it is one of the listed shared words;
        () else. Such a word is English in an English project and that language's word in a project written
        in it: evidence that counts only with the profile's prior (verdict "shared"). A function word
        English quotes is `quoted_foreign` instead; a word English code names (`alias`, `font`) is not listed."""
        # The frequency rule first: it needs no file, and the list (lexicon_derived.json) is read only once a
        # word passes it.
        languages = self.shares_frequency(key)
        return languages if languages and key in shared_words() else ()


_UNKNOWN = Entry(0.0, (), False)

_local = threading.local()


def _connection() -> sqlite3.Connection:
    connection = getattr(_local, "connection", None)
    if connection is None:
        uri = f"file:{DATA}?mode=ro&immutable=1"
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        _local.connection = connection
    return connection


def _cursor() -> sqlite3.Cursor:
    """The thread's cursor for `lookup`: one cursor executing each query costs less than a new one per query."""
    cursor = getattr(_local, "cursor", None)
    if cursor is None:
        cursor = _local.cursor = _connection().cursor()
    return cursor


def _forget_connection() -> None:
    """A forked worker opens its own connection: an SQLite connection must not be used across a fork."""
    _local.connection = None
    _local.cursor = None


if hasattr(os, "register_at_fork"):  # not on Windows, which never forks
    os.register_at_fork(after_in_child=_forget_connection)


_LOOKUP = (
    "SELECT (SELECT zipf FROM english WHERE word = ?1), (SELECT langs FROM foreign_words WHERE word = ?1),"
    " EXISTS (SELECT 1 FROM code WHERE word = ?1)"
)


@lru_cache(maxsize=200_000)
def lookup(key: str) -> Entry:
    """Everything the lexicons know about a folded word (see normalize.fold)."""
    english_tenths, langs, code = _cursor().execute(_LOOKUP, (key,)).fetchone()
    if not (english_tenths or langs or code):
        return _UNKNOWN  # most parts a word is split into are in no lexicon: one shared answer
    english = english_tenths / 10 if english_tenths else 0.0
    foreign: tuple[tuple[str, float], ...] = ()
    if langs:
        pairs = _PAIRS
        foreign = tuple([pairs.get(item) or _pair(item) for item in langs.split()])
    return Entry(english, foreign, bool(code))


# The (language, Zipf) pair of each `lang:tenths` item of the foreign lexicon's `langs` column: a few hundred
# distinct items make up every row, so each is read once per process.
_PAIRS: dict[str, tuple[str, float]] = {}


def _pair(item: str) -> tuple[str, float]:
    lang, value = item.split(":")
    pair = _PAIRS[item] = (lang, int(value) / 10)
    return pair


def foreign_words_among(keys: list[str]) -> frozenset[str]:
    """The keys (folded words) the foreign lexicons hold, found with one query: the parts a word may be
    split into, most of which no lexicon holds, cost one query instead of one each (at most a few dozen
    keys: far below SQLite's limit of bound parameters)."""
    if not keys:
        return frozenset()
    query = f"SELECT word FROM foreign_words WHERE word IN ({','.join('?' * len(keys))})"
    return frozenset(row[0] for row in _connection().execute(query, keys))


class CompoundParts:
    """The words that a lexicon of a language writing compounds as one word (German, Dutch, Swedish) knows well
    enough to be half of a compound (`words._part_languages`): the only tails and heads a foreign compound is
    made of. The first `LOAD_AFTER` compounds a run looks for ask the lexicon which tails it holds
    (`foreign_words_among`, a superset), later ones test the set read from `COMPOUND_PARTS` (70,000 words, about
    15 ms: as much as 400 searches save; built by tools/build_compound_parts.py). The set is used only when the
    file was built for the same languages and frequency as asked (its first line); both ways answer the same."""

    LOAD_AFTER = 400

    def __init__(self, languages: frozenset[str], minimum_zipf: float) -> None:
        self.languages = languages
        self.minimum_zipf = minimum_zipf
        self._words: frozenset[str] | None = None
        self._usable = True
        self._asked = 0
        self._lock = threading.Lock()

    def _loaded(self) -> frozenset[str] | None:
        if self._words is not None:
            return self._words
        if not self._usable:
            return None
        self._asked += 1
        if self._asked <= self.LOAD_AFTER:
            return None
        with self._lock:
            if self._words is None and self._usable:
                words = read_compound_parts(self.languages, self.minimum_zipf)
                if words is None:
                    self._usable = False
                else:
                    self._words = words
        return self._words

    def among(self, keys: list[str]) -> frozenset[str]:
        """The keys that may be parts of a compound: every key that is one, and perhaps others."""
        words = self._loaded()
        if words is None:
            return foreign_words_among(keys)
        return frozenset(key for key in keys if key in words)

    def may_hold(self, key: str) -> bool:
        """False only when the key is surely no part of a compound (once the set is read)."""
        return self._words is None or key in self._words


COMPOUND_PARTS = Path(__file__).parent / "data" / "compound_parts.txt.gz"


def compound_parts_header(languages: frozenset[str], minimum_zipf: float) -> str:
    return f"# compound parts: {' '.join(sorted(languages))} zipf>={minimum_zipf}"


def compound_parts_from_lexicon(languages: frozenset[str], minimum_zipf: float) -> frozenset[str]:
    """The foreign words with one of `languages` at `minimum_zipf` or more, as `lookup` reads their frequencies."""
    found = set()
    for word, langs in _connection().execute("SELECT word, langs FROM foreign_words"):
        for item in langs.split():
            lang, value = item.split(":")
            if lang in languages and int(value) / 10 >= minimum_zipf:
                found.add(word)
                break
    return frozenset(found)


def read_compound_parts(languages: frozenset[str], minimum_zipf: float) -> frozenset[str] | None:
    """The set of `COMPOUND_PARTS` when it was built for these languages and frequency; None else."""
    import gzip

    try:
        with gzip.open(COMPOUND_PARTS, "rt", encoding="utf-8") as handle:
            header, _newline, body = handle.read().partition("\n")
    except (OSError, EOFError, ValueError):
        return None
    if header != compound_parts_header(languages, minimum_zipf):
        return None
    return frozenset(body.split())


class CommonWords:
    """Common English words and code vocabulary: the fast path for plainly English text.

    A small run (one file from an editor) asks about a few hundred words: each is one memoised indexed
    query. After `LOAD_AFTER` questions the whole set (33,000 words) is read into memory from the word
    list built with the lexicon (`COMMON_WORDS`, a few milliseconds; scanning the lexicon for it takes ten
    times longer). Both answer exactly the same."""

    LOAD_AFTER = 300

    def __init__(self) -> None:
        self._words: frozenset[str] | None = None
        self._asked = 0
        self._lock = threading.Lock()

    def load(self) -> frozenset[str]:
        with self._lock:
            if self._words is None:
                self._words = _prebuilt_common_words() or common_words_from_lexicon()
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
        return entry.code or (
            entry.english * 10 >= COMMON_ZIPF_TENTHS and not entry.quoted_foreign() and not entry.shared_with(word)
        )

    def membership(self) -> frozenset[str] | CommonWords:
        """What to test many words against: the set once it is loaded, else this object (same answers)."""
        return self._words if self._words is not None else self

    def missing(self, words: set[str]) -> set[str]:
        """The words (lowercase) that are not common: one set difference once loaded, else one memoised
        query per word."""
        if self._words is not None:
            return words.difference(self._words)
        return {word for word in words if word not in self}


_common_words = CommonWords()

COMMON_WORDS = Path(__file__).parent / "data" / "common_words.txt"


def common_words_from_lexicon() -> frozenset[str]:
    """The common English words and code vocabulary, the quoted foreign and the shared words left out, read
    from the lexicon."""
    rows = _connection().execute(
        "SELECT word FROM english WHERE zipf >= ? UNION ALL SELECT word FROM code", (COMMON_ZIPF_TENTHS,)
    )
    return frozenset({row[0] for row in rows} - _quoted_foreign_words() - shared_words())


def _prebuilt_common_words() -> frozenset[str] | None:
    """The same set from `COMMON_WORDS` (built by tools/build_lexicon_derived.py), or None without the file."""
    try:
        return frozenset(COMMON_WORDS.read_text(encoding="utf-8").split())
    except OSError:
        return None


def common_words() -> CommonWords:
    return _common_words


COMMON_ZIPF_TENTHS = 30

# How much more frequent (in Zipf points) a function word of another language must be than in English.
FUNCTION_WORD_MARGIN = 3.0
# A common English word is also a word of another language (`Entry.shared_with`) when that language writes it
# at least Zipf 4.5 (once in 30,000 words) and ten times more often than English; its languages are those
# within SHARED_CLOSE of the top one. Shorter words are abbreviations as often (`ora`, `sim`).
SHARED_MIN_ZIPF = 4.5
SHARED_MARGIN = 1.0
SHARED_CLOSE = 1.0
SHARED_MIN_LETTERS = 4


def may_be_common_english(word: str) -> bool:
    """False only when English writes the word (a folded key) less often than Zipf 3.0 and it is no code word: once
    the common words are in memory, a test without a look-up. Every word English writes that often is a common
    word, or was left out of them as quoted foreign or shared (`common_words_from_lexicon`)."""
    return word in _common_words.membership() or word in _left_out_of_common()


@lru_cache(maxsize=1)
def _left_out_of_common() -> frozenset[str]:
    return frozenset(_quoted_foreign_words()) | shared_words()


def _quoted_foreign_words() -> set[str]:
    """The common English words that are `Entry.quoted_foreign` (listed by tools/build_lexicon_derived.py)."""
    return set(derived_data().get("quoted_foreign", ()))


@lru_cache(maxsize=1)
def shared_words() -> frozenset[str]:
    """The common English words that are also words of another language (`Entry.shared_with`), as
    tools/build_lexicon_derived.py lists them."""
    return frozenset(derived_data().get("shared", ()))


DERIVED = Path(__file__).parent / "data" / "lexicon_derived.json"


@lru_cache(maxsize=1)
def derived_data() -> dict:
    """Small tables computed from the lexicon by tools/build_lexicon_derived.py: word endings typical of a
    language (`endings`), the common English words that are `Entry.quoted_foreign` (`quoted_foreign`) and
    those that are `Entry.shared_with` another language (`shared`)."""
    import json

    try:
        return json.loads(DERIVED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
