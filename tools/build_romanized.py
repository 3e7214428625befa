#!/usr/bin/env python3
"""Build english_guard/language/data/romanized.txt: the skeletons of the lexicon's Ukrainian and Russian words.

Run it after tools/build_lexicons.py: `python tools/build_romanized.py`. It reads only the committed
lexicon.sqlite3 (no network, no wordfreq). Each line is `skeleton lang:zipf10 ...` (see
english_guard/language/romanized.py), for Cyrillic words of MIN_CYRILLIC_LETTERS letters or more whose Zipf
frequency is MIN_ZIPF or more. A skeleton that is also an English word of Zipf MAX_ENGLISH_ZIPF or more is left
out: such a spelling is read as English (`bank`, `plan`, `tabs`) before any romanization is tried.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from english_guard.language.lexicon import DATA as LEXICON  # noqa: E402
from english_guard.language.romanized import DATA as OUTPUT  # noqa: E402
from english_guard.language.romanized import LANGUAGES, cyrillic_skeleton, skeleton  # noqa: E402

MIN_ZIPF = {"uk": 3.0, "ru": 3.0}
MIN_CYRILLIC_LETTERS = 4
MAX_ENGLISH_ZIPF = 1.5


def main() -> None:
    db = sqlite3.connect(f"file:{LEXICON}?mode=ro", uri=True)
    english = {
        skeleton(word) for (word,) in db.execute("SELECT word FROM english WHERE zipf >= ?", (MAX_ENGLISH_ZIPF * 10,))
    }
    best: dict[str, dict[str, int]] = {}
    for word, langs in db.execute("SELECT word, langs FROM foreign_words WHERE word >= 'а'"):
        if len(word) < MIN_CYRILLIC_LETTERS:
            continue
        key = cyrillic_skeleton(word)
        if not key or key in english:
            continue
        for pair in langs.split():
            lang, value = pair.split(":")
            if lang in LANGUAGES and int(value) >= MIN_ZIPF[lang] * 10:
                known = best.setdefault(key, {})
                known[lang] = max(known.get(lang, 0), int(value))
    # Sorted lines: romanized.py finds a skeleton by bisection without parsing the file.
    lines = sorted(
        " ".join([key] + [f"{lang}:{value}" for lang, value in sorted(langs.items(), key=lambda item: -item[1])])
        for key, langs in best.items()
    )
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="ascii")
    print(f"{OUTPUT}: {len(lines)} skeletons, {OUTPUT.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
