"""Word decisions taken at build time: `words.classify_word` answers for frequent words of code from a table.

A cold check decides every distinct word it meets once per process (`classify_word`: the lexicons, English
derivations and compounds, the Uzbek analyser, romanized and pinyin readings), and two worker processes each
decide the words they meet. For the words of code that most runs meet, the table shipped in `DATA` (built by
tools/build_decided_words.py from the words a check of the running interpreter's standard library decides)
holds the answer instead: one read of a compressed file, once a run has decided enough words to pay for it.

Exactness:
- an entry is `classify_word(word, frozenset(), identifier)` for an ASCII word (ASCII words read the same in
  every Unicode version);
- the allowed words change a decision only through `key in allowed` for the word's key or, for the plural of
  an identifier (`klients`), its stem's key: a run with allowed words uses an entry only when neither is
  allowed;
- the table is keyed by a fingerprint of the sources that decide words and of the data they read
  (`fingerprint`): after any change of those, the table is not used until it is rebuilt, so a stale table
  never answers (it only makes the run slower). tests/test_decided.py compares every entry with the live
  classifier and fails while the table is stale.
"""

from __future__ import annotations

import marshal
import os
import threading
from pathlib import Path

_LANGUAGE = Path(__file__).parent
DATA = _LANGUAGE / "data" / "decided_words.bin"
FORMAT = 1

# The modules whose code decides a word (`words.classify_word` and what it calls), and the data they read.
SOURCES = ("words", "lexicon", "morphology", "normalize", "pinyin", "romanized", "scripts", "uzbek_words")
DATA_FILES = (
    "lexicon.sqlite3",
    "lexicon_derived.json",
    "common_words.txt",
    "romanized.txt",
    "uzbek-hunspell.txt.gz",
    "compound_parts.txt.gz",
)
# Of a data file, its size and this many bytes of its start and its end stand for its content (an SQLite
# file's header holds its change counter; every rebuild of a word list changes its size or its ends).
_DATA_SAMPLE = 4096

# ENGLISH_GUARD_DECIDED=off decides every word live: for building the table, and proving it exact.
ENABLED = os.environ.get("ENGLISH_GUARD_DECIDED", "on") != "off"

# Small runs (one file from an editor, a pre-commit run on a few files) decide a few hundred words: each is
# decided live. After this many decisions the table is read (about 15 ms) and answers the frequent words.
LOAD_AFTER = 2000


def fingerprint() -> str:
    """What the table's decisions rest on: the sources of the modules that decide words and the data files."""
    import hashlib  # imported when the table is read: a small run never reads it

    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in SOURCES:
        try:
            source = (_LANGUAGE / f"{name}.py").read_bytes().replace(b"\r\n", b"\n")
        except OSError:  # installed without its sources (bytecode only): the table cannot be checked, so not used
            source = b"\0missing"
        digest.update(name.encode() + b"\n" + source)
    for name in DATA_FILES:
        try:
            with open(_LANGUAGE / "data" / name, "rb") as handle:
                size = handle.seek(0, 2)
                handle.seek(0)
                head = handle.read(_DATA_SAMPLE)
                handle.seek(max(0, size - _DATA_SAMPLE))
                tail = handle.read(_DATA_SAMPLE)
        except OSError:  # a data file left out (the GPL word list, see the README): the table does not apply
            size, head, tail = -1, b"", b""
        digest.update(f"{name} {size}\n".encode() + head + tail)
    return digest.hexdigest()


# An entry: (key, or None when the key is the word in lower case; verdict; strength; languages; reason).
Entry = tuple[str | None, str, int, tuple[tuple[str, float], ...], str]


def read_table(path: Path | None = None) -> tuple[str, dict[str, Entry], dict[str, Entry]] | None:
    """The table's fingerprint and its entries for prose words and for identifier words (`DATA` unless another
    path is given); None without it."""
    import zlib

    try:
        stored = marshal.loads(zlib.decompress((path or DATA).read_bytes()))
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 4 and stored[0] == FORMAT):
        return None
    return stored[1], stored[2], stored[3]


def write_table(path: Path, prose: dict[str, Entry], identifier: dict[str, Entry]) -> None:
    """Store the entries with the current fingerprint (tools/build_decided_words.py). Equal entries and words
    are stored once (marshal refers to an object it wrote before): a third of the entries are distinct."""
    import zlib

    shared: dict = {}

    def sharing(entries: dict[str, Entry]) -> dict[str, Entry]:
        return {
            shared.setdefault(word, word): shared.setdefault(entry, entry) for word, entry in sorted(entries.items())
        }

    stored = (FORMAT, fingerprint(), sharing(prose), sharing(identifier))
    path.write_bytes(zlib.compress(marshal.dumps(stored), 9))


class _Table:
    """The entries, read once a run has decided `LOAD_AFTER` words (and only when the fingerprint matches)."""

    def __init__(self) -> None:
        self._entries: tuple[dict[str, Entry], dict[str, Entry]] | None = None if ENABLED else ({}, {})
        self._decided = 0
        self._lock = threading.Lock()

    def load(self) -> tuple[dict[str, Entry], dict[str, Entry]]:
        with self._lock:
            if self._entries is None:
                table = read_table()
                if table is None or table[0] != fingerprint():
                    self._entries = ({}, {})  # stale or missing: every word is decided live
                else:
                    self._entries = (table[1], table[2])
        return self._entries

    def entry(self, word: str, allowed: frozenset[str], identifier: bool) -> Entry | None:
        """The stored decision of `classify_word(word, allowed, identifier)`, or None to decide it live."""
        entries = self._entries
        if entries is None:
            self._decided += 1
            if self._decided <= LOAD_AFTER:
                return None
            entries = self.load()
        found = entries[identifier].get(word)
        if found is not None and allowed:
            key = word.lower() if found[0] is None else found[0]
            if key in allowed or key[:-1] in allowed:  # the word or its plural's stem is allowed: decided live
                return None
        return found


_table = _Table()


def decided(word: str, allowed: frozenset[str], identifier: bool) -> Entry | None:
    """The build-time decision of `classify_word(word, allowed, identifier)`, or None when the word is to be
    decided live."""
    return _table.entry(word, allowed, identifier)


def load() -> None:
    """Read the table now (before a process pool forks, so that the workers share it)."""
    _table.load()
