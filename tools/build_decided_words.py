#!/usr/bin/env python3
"""Build english_guard/language/data/decided_words.bin: the word decisions taken at build time.

The words are those a cold check of the running interpreter's standard library (outside its test suites)
asks `words.classify_word` to decide: the names, name parts, prose words and runs of letters of a large
body of English code. Each ASCII one is decided live (the table switched off) and stored with the
fingerprint of the sources and data that decided it (english_guard.language.decided). Words of fewer than
three letters are left out (`classify_word` calls them neutral at once), and so are the words decided by the
hunspell-uz forms (GPL data: the table is derived from the wordfreq lexicon only, CC BY-SA 4.0).

Run it after a change of the word rules or of the lexicons (tests/test_decided.py fails until then):
`python tools/build_decided_words.py` (about 10 seconds).
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ["ENGLISH_GUARD_DECIDED"] = "off"  # before the package is imported: every word is decided live
sys.path.insert(0, str(ROOT))

from english_guard.language import decided, words  # noqa: E402
from english_guard.language.decided import Entry  # noqa: E402

# The standard library's folders left out, as benchmarks/bench_check.py leaves them out.
SKIPPED_FOLDERS = {"test", "tests", "idle_test", "site-packages", "__pycache__"}


def copy_stdlib(target: Path) -> Path:
    """The standard library's .py files outside its test suites, copied to `target`."""
    source = Path(sysconfig.get_paths()["stdlib"])
    for folder, subfolders, files in os.walk(source):
        subfolders[:] = sorted(name for name in subfolders if name not in SKIPPED_FOLDERS)
        for name in sorted(files):
            if name.endswith(".py"):
                path = Path(folder, name)
                copy = target / path.relative_to(source)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, copy)
    return target


def asked_words(corpus: Path) -> set[tuple[str, bool]]:
    """The (word, identifier) pairs a cold check of the corpus decides."""
    from english_guard.cli import main

    asked: set[tuple[str, bool]] = set()
    deciding = words._classify_word

    def recording(word: str, allowed: frozenset[str], identifier: bool):
        if not allowed:
            asked.add((word, identifier))
        return deciding(word, allowed, identifier)

    words._classify_word = recording
    here = os.getcwd()
    try:
        os.chdir(corpus)
        main(["check", "--no-cache", "--jobs", "1", "--exit-zero", "-q", "-o", os.devnull, "."])
    except SystemExit:
        pass
    finally:
        os.chdir(here)
        words._classify_word = deciding
    return asked


# The reasons of the decisions that rest on the hunspell-uz forms (GPL data, see the README): left out, so that the
# table is derived from the wordfreq lexicon only (CC BY-SA 4.0).
_UZBEK_WORD_LIST = "Uzbek word list"


def entry(word: str, identifier: bool) -> Entry:
    found = words.classify_word(word, frozenset(), identifier)
    key = None if found.key == word.lower() else found.key
    return (key, found.verdict, found.strength, found.languages, found.reason)


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Which words a check decides depends on the order of sets (the screen stops at the first word that may
        # be evidence): one fixed order makes the table the same on every build.
        os.execve(sys.executable, [sys.executable, *sys.argv], dict(os.environ, PYTHONHASHSEED="0"))
    with tempfile.TemporaryDirectory() as scratch:
        asked = asked_words(copy_stdlib(Path(scratch)))
    prose: dict[str, Entry] = {}
    identifier: dict[str, Entry] = {}
    for word, as_identifier in sorted(asked):
        # A word of fewer than three letters is decided at once (neutral): not worth storing.
        if word.isascii() and sum(char.isalpha() for char in word) >= 3:
            decision = entry(word, as_identifier)
            if _UZBEK_WORD_LIST not in decision[4]:
                (identifier if as_identifier else prose)[word] = decision
    decided.write_table(decided.DATA, prose, identifier)
    size = decided.DATA.stat().st_size
    print(f"{decided.DATA.relative_to(ROOT)}: {len(prose)} prose and {len(identifier)} identifier words, {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
