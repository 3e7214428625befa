#!/usr/bin/env python3
"""Build english_guard/language/data/lexicon_derived.json: small tables computed from the lexicon.

`endings`: word endings typical of a language. A word no lexicon knows is still recognisable by its
ending: `paginacao` (-cao) is Portuguese, `iterativo` (-ivo) Spanish, Portuguese or Italian,
`aktualisierung` (-ung) German. For every language of the lexicon and every three- and four-letter
ending of its words (six letters or longer, Zipf 3.0 or more; English from 2.5), the natural-log ratio
of how often the language's words end so against how often English words do is kept when it is large
(ENDING_MIN_RATIO) and the ending common (ENDING_MIN_WORDS).

`quoted_foreign`: the common English words that `lexicon.Entry.quoted_foreign` calls weak evidence of another
language (`und`, `para`, `ism`), so that the fast path for plainly English text does not need a query per word.

`shared`: the common English words that `lexicon.Entry.shared_with` calls words of another language too: that
language writes them at least Zipf 4.5 and ten times more often than English (`persona`, `valor`, `alter`,
`cargo`, `forma`), less those that names in three or more modules of the running interpreter's standard library
use (`alias`, `font`, `suite`, `plus`: English code vocabulary). They are taken out of the fast path's common
words like `quoted_foreign`; their evidence counts only where the file's and the project's profile show that
language (english_guard.language.profile).

Also `common_words.txt` beside it: the words `lexicon.CommonWords` answers for (common English words and
code vocabulary, the quoted foreign and the shared words left out), one a line, so that a run loads the set in
a few milliseconds instead of scanning the English table.

Run it after the lexicon changes: `python tools/build_lexicon_derived.py` (reads the committed lexicon, and the
running interpreter's standard library for `shared`).
"""

from __future__ import annotations

import json
import math
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "english_guard" / "language" / "data" / "lexicon.sqlite3"
sys.path.insert(0, str(ROOT))
from english_guard.language.lexicon import (  # noqa: E402
    COMMON_WORDS,
    COMMON_ZIPF_TENTHS,
    common_words_from_lexicon,
    derived_data,
    lookup,
)
from english_guard.language.lexicon import shared_words as shared_word_list  # noqa: E402

OUTPUT = ROOT / "english_guard" / "language" / "data" / "lexicon_derived.json"

MIN_LENGTH = 6
FOREIGN_MIN_ZIPF_TENTHS = 30
ENGLISH_MIN_ZIPF_TENTHS = 25
ENDING_LENGTHS = (3, 4)
ENDING_MIN_WORDS = 20
ENDING_MIN_RATIO = 3.0
SMOOTHING = 0.5


def _endings(word: str):
    return (word[-length:] for length in ENDING_LENGTHS)


def endings() -> dict[str, dict[str, float]]:
    connection = sqlite3.connect(f"file:{LEXICON}?mode=ro", uri=True)
    english: Counter[str] = Counter()
    foreign: dict[str, Counter[str]] = defaultdict(Counter)
    words: Counter[str] = Counter()
    for word, _zipf in connection.execute("SELECT word, zipf FROM english WHERE zipf >= ?", (ENGLISH_MIN_ZIPF_TENTHS,)):
        if len(word) >= MIN_LENGTH and word.isalpha():
            words["en"] += 1
            english.update(_endings(word))
    for word, langs in connection.execute("SELECT word, langs FROM foreign_words"):
        if len(word) < MIN_LENGTH or not word.isalpha():
            continue
        for item in langs.split():
            language, tenths = item.split(":")
            if int(tenths) >= FOREIGN_MIN_ZIPF_TENTHS:
                words[language] += 1
                foreign[language].update(_endings(word))
    table: dict[str, dict[str, float]] = {}
    for language, counts in sorted(foreign.items()):
        for ending, count in counts.items():
            if count < ENDING_MIN_WORDS:
                continue
            ratio = math.log((count / words[language]) / ((english[ending] + SMOOTHING) / words["en"]))
            if ratio >= ENDING_MIN_RATIO:
                table.setdefault(ending, {})[language] = round(ratio, 1)
    return dict(sorted(table.items()))


def quoted_foreign() -> list[str]:
    connection = sqlite3.connect(f"file:{LEXICON}?mode=ro", uri=True)
    rows = connection.execute(
        "SELECT e.word FROM english e JOIN foreign_words f ON f.word = e.word WHERE e.zipf >= ?", (COMMON_ZIPF_TENTHS,)
    )
    return sorted(word for (word,) in rows if lookup(word).quoted_foreign())


# A shared word that names in this many modules of the standard library use is English code vocabulary.
CODE_NAME_MIN_MODULES = 3


def standard_library_name_parts(words: set[str]) -> Counter[str]:
    """In how many modules of the running interpreter's standard library (tests left out) each of `words` is
    a part of a defined or used name (`alias`, `font`, `suite`, `plus`)."""
    import ast
    import sysconfig

    from english_guard.language.tokens import split_identifier

    source = Path(sysconfig.get_paths()["stdlib"])
    counts: Counter[str] = Counter()
    for path in sorted(source.rglob("*.py")):
        if {"test", "tests", "idle_test", "site-packages"} & set(path.relative_to(source).parts):
            continue
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            continue
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.arg) or isinstance(node, ast.keyword) and node.arg:
                names.add(node.arg)
        counts.update({part.lower() for name in names for part in split_identifier(name)} & words)
    return counts


def shared() -> list[str]:
    connection = sqlite3.connect(f"file:{LEXICON}?mode=ro", uri=True)
    rows = connection.execute(
        "SELECT e.word FROM english e JOIN foreign_words f ON f.word = e.word WHERE e.zipf >= ?", (COMMON_ZIPF_TENTHS,)
    )
    frequent = {word for (word,) in rows if lookup(word).shares_frequency(word)}
    in_code = standard_library_name_parts(frequent)
    return sorted(word for word in frequent if in_code[word] < CODE_NAME_MIN_MODULES)


def main() -> None:
    table = endings()
    quoted = quoted_foreign()
    shared_words = shared()
    data = {"endings": table, "quoted_foreign": quoted, "shared": shared_words}
    OUTPUT.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"{OUTPUT.relative_to(ROOT)}: {len(table)} endings, {len(quoted)} quoted foreign words,"
        f" {len(shared_words)} shared words"
    )
    # After lexicon_derived.json: the common words leave out the quoted foreign and shared words it lists.
    derived_data.cache_clear()
    shared_word_list.cache_clear()
    common = sorted(common_words_from_lexicon())
    COMMON_WORDS.write_text("\n".join(common) + "\n", encoding="utf-8")
    print(f"{COMMON_WORDS.relative_to(ROOT)}: {len(common)} common words")


if __name__ == "__main__":
    main()
