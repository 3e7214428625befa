#!/usr/bin/env python3
"""Build english_guard/language/data/lexicon.sqlite3 from wordfreq and the hand-made word lists.

Run it when a source list changes: `python tools/build_lexicons.py` (needs the dev extra: wordfreq).
The database is committed, so installing english-guard never needs wordfreq or network.
Word frequencies come from wordfreq (data: CC BY-SA 4.0, see english_guard/language/data/NOTICE).
"""

from __future__ import annotations

import itertools
import math
import os
import sqlite3
import sys
from pathlib import Path

from wordfreq import get_frequency_dict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from english_guard.language.normalize import fold, uzbek_latin_to_cyrillic  # noqa: E402

SOURCES = Path(__file__).resolve().parent / "lexicon_sources"
OUTPUT = ROOT / "english_guard" / "language" / "data" / "lexicon.sqlite3"

ENGLISH_MIN_ZIPF = 1.5
FOREIGN_MIN_ZIPF = 3.0
# Languages whose speakers' code english-guard meets most get a deeper list.
DEEPER_LANGUAGES = {"es": 2.5, "pt": 2.5, "de": 2.5, "tr": 2.5, "id": 2.5, "fr": 2.7, "ru": 2.7}
RUSSIAN_TRANSLIT_MIN_ZIPF = 2.9
# Languages whose speakers english-guard serves less often, and which lend English many look-alikes
# (`nagle`, `plats`, `opname`): their frequencies count half a Zipf point less.
SECONDARY_LANGUAGES = {"it": 0.5, "nl": 0.5, "pl": 0.5, "ro": 0.5, "sv": 0.5, "ms": 0.5, "uk": 0.0}
# Languages with a wordfreq list whose words show up in code written by their speakers.
FOREIGN_LANGUAGES = ("de", "es", "pt", "fr", "it", "nl", "id", "ms", "tr", "ru", "uk", "pl", "ro", "sv")
UZBEK_ZIPF = 4.0

# Russian Cyrillic letters and their usual Latin spellings in identifiers; the first is the most common.
RUSSIAN_LATIN = {
    "а": ["a"],
    "б": ["b"],
    "в": ["v"],
    "г": ["g"],
    "д": ["d"],
    "е": ["e"],
    "ё": ["e", "yo"],
    "ж": ["zh", "j"],
    "з": ["z"],
    "и": ["i"],
    "й": ["i", "y", "j"],
    "к": ["k"],
    "л": ["l"],
    "м": ["m"],
    "н": ["n"],
    "о": ["o"],
    "п": ["p"],
    "р": ["r"],
    "с": ["s"],
    "т": ["t"],
    "у": ["u"],
    "ф": ["f"],
    "х": ["kh", "h", "x"],
    "ц": ["ts", "c"],
    "ч": ["ch"],
    "ш": ["sh"],
    "щ": ["shch", "sch"],
    "ъ": [""],
    "ы": ["y", "i"],
    "ь": [""],
    "э": ["e"],
    "ю": ["yu", "iu", "ju"],
    "я": ["ya", "ia", "ja"],
}
MAX_VARIANTS = 8


def zipf(frequency: float) -> float:
    return math.log10(frequency * 1e9)


def russian_transliterations(word: str) -> set[str]:
    options = []
    for char in word:
        choices = RUSSIAN_LATIN.get(char)
        if choices is None:
            return set()
        options.append(choices)
    variants = set()
    for combination in itertools.islice(itertools.product(*options), MAX_VARIANTS):
        variants.add("".join(combination))
    return variants


def read_word_list(path: Path) -> list[str]:
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0]
        for item in line.split():
            words.extend(part for part in item.replace("-", "_").split("_") if part)
    return words


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    # Build beside the real file and swap it in at the end: running checks never see half a database.
    building = OUTPUT.with_suffix(".building")
    if building.exists():
        building.unlink()
    db = sqlite3.connect(building)
    db.execute("CREATE TABLE english (word TEXT PRIMARY KEY, zipf INTEGER) WITHOUT ROWID")
    # One row per word: "es:53 pt:38" (language:Zipf x 10, most frequent first) keeps the file small.
    db.execute("CREATE TABLE foreign_words (word TEXT PRIMARY KEY, langs TEXT) WITHOUT ROWID")
    db.execute("CREATE TABLE code (word TEXT PRIMARY KEY) WITHOUT ROWID")

    english: dict[str, float] = {}
    for word, frequency in get_frequency_dict("en", "large").items():
        value = zipf(frequency)
        if value < ENGLISH_MIN_ZIPF:
            continue
        key = fold(word)
        if key.isalpha() and value > english.get(key, 0.0):
            english[key] = value
    db.executemany("INSERT INTO english VALUES (?, ?)", ((w, round(z * 10)) for w, z in english.items()))

    foreign: dict[tuple[str, str], float] = {}

    def add(key: str, lang: str, value: float) -> None:
        if len(key) >= 2 and value > foreign.get((key, lang), 0.0):
            foreign[(key, lang)] = value

    for lang in FOREIGN_LANGUAGES:
        try:
            table = get_frequency_dict(lang, "large")
        except (LookupError, ValueError):
            table = get_frequency_dict(lang, "small")
        for word, frequency in table.items():
            value = zipf(frequency)
            if value < DEEPER_LANGUAGES.get(lang, FOREIGN_MIN_ZIPF):
                continue
            key = fold(word)
            if not key.isalpha():
                continue
            value -= SECONDARY_LANGUAGES.get(lang, 0.0)
            add(key, lang, value)
            if lang == "de" and any(char in word for char in "äöüß"):
                # German written without umlauts in identifiers: `puenktlich`, `groesse`
                spelled = word.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
                add(fold(spelled), lang, value)
            if lang == "ru" and value >= RUSSIAN_TRANSLIT_MIN_ZIPF:
                for variant in russian_transliterations(word.lower()):
                    add(variant, "ru", value - 0.5)

    for word in read_word_list(SOURCES / "uz.txt"):
        key = fold(word)
        add(key, "uz", UZBEK_ZIPF)
        add(fold(uzbek_latin_to_cyrillic(word)), "uz", UZBEK_ZIPF)
    by_word: dict[str, list[tuple[float, str]]] = {}
    for (word, lang), value in foreign.items():
        by_word.setdefault(word, []).append((value, lang))
    db.executemany(
        "INSERT INTO foreign_words VALUES (?, ?)",
        (
            (word, " ".join(f"{lang}:{round(value * 10)}" for value, lang in sorted(items, reverse=True)))
            for word, items in by_word.items()
        ),
    )

    code_words = {fold(w) for w in read_word_list(SOURCES / "code_vocab.txt")}
    code_words.update(fold(w) for w in read_word_list(SOURCES / "pypi_names.txt"))
    # Python's own vocabulary: standard library modules, builtins and keywords.
    import builtins
    import keyword

    for name in (*sys.stdlib_module_names, *dir(builtins), *keyword.kwlist):
        code_words.update(fold(part) for part in name.replace(".", "_").split("_") if len(part) >= 3)
    db.executemany("INSERT INTO code VALUES (?)", ((w,) for w in sorted(code_words)))
    db.commit()
    db.execute("VACUUM")
    db.close()
    os.replace(building, OUTPUT)
    print(
        f"{OUTPUT}: {len(english)} English words, {len(foreign)} foreign entries, {len(code_words)} code words, "
        f"{OUTPUT.stat().st_size / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
