#!/usr/bin/env python3
"""Build english_guard/language/data/uzbek-hunspell.txt.gz from Debian's hunspell-uz word list.

hunspell-uz (Mashrab Kuvatov's Uzbek word list, GPL-2-or-later) holds 97,000 Cyrillic Uzbek word forms,
inflections included. The check meets Uzbek mostly in Latin script, so each form is transliterated to
Latin and folded (apostrophes dropped, as in identifiers) like every lexicon key. Capitalised entries
(personal and place names) are left out: names are not evidence of a language.

The output is a separately licensed data file (GPL-2-or-later, see uzbek-hunspell.LICENSE next to it),
read at run time; english-guard's own code stays under its licence. Run:

    apt-get install hunspell-uz   # or: apt-get download hunspell-uz && dpkg-deb -x hunspell-uz_*.deb DIR
    python tools/build_uzbek_wordlist.py [/usr/share/hunspell/uz_UZ.dic]
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from english_guard.language.normalize import fold, uzbek_cyrillic_to_latin  # noqa: E402

DEFAULT_SOURCE = Path("/usr/share/hunspell/uz_UZ.dic")
OUTPUT = ROOT / "english_guard" / "language" / "data" / "uzbek-hunspell.txt.gz"


def latin_keys(dic_path: Path) -> list[str]:
    lines = dic_path.read_text(encoding="utf-8").splitlines()
    keys = set()
    for line in lines[1:]:  # the first line is the entry count
        form = line.split("/", 1)[0].strip()
        if not form or not form[0].islower():
            continue
        # A word-initial Cyrillic `е` is `ye` in Latin Uzbek: the plain transliteration writes `e`.
        latin = uzbek_cyrillic_to_latin(form)
        if form[0] == "е":
            latin = "y" + latin
        key = fold(latin)
        if len(key) >= 3 and key.isascii() and key.isalpha():
            keys.add(key)
    return sorted(keys)


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    if not source.is_file():
        print(f"{source}: no such file (install hunspell-uz, or pass the path of uz_UZ.dic)", file=sys.stderr)
        return 2
    keys = latin_keys(source)
    # mtime=0: the same word list gives the same bytes.
    with open(OUTPUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as handle:
        handle.write(("\n".join(keys) + "\n").encode("ascii"))
    print(f"{OUTPUT.relative_to(ROOT)}: {len(keys)} Latin Uzbek forms from {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
