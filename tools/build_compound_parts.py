#!/usr/bin/env python3
"""Build english_guard/language/data/compound_parts.txt.gz: the words a foreign compound can be made of.

A German, Dutch or Swedish compound (`rechnungsnummer`) is two words of that language's lexicon at Zipf 3.0 or
more (`words._part_languages`). The check looks for compounds in every long word no lexicon knows; once a run
has looked for enough of them it tests the parts against this set instead of asking the lexicon
(`lexicon.CompoundParts`). The first line names the languages and the frequency it was built for: a set built
for others is not used.

Run it after the lexicon changes: `python tools/build_compound_parts.py` (reads the committed lexicon).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from english_guard.language import words  # noqa: E402
from english_guard.language.lexicon import (  # noqa: E402
    COMPOUND_PARTS,
    compound_parts_from_lexicon,
    compound_parts_header,
)


def main() -> int:
    languages, minimum = words._COMPOUNDING, words._PART_ZIPF
    parts = sorted(compound_parts_from_lexicon(languages, minimum))
    text = compound_parts_header(languages, minimum) + "\n" + "\n".join(parts) + "\n"
    # mtime=0: the same lexicon gives the same bytes.
    COMPOUND_PARTS.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{COMPOUND_PARTS.relative_to(ROOT)}: {len(parts)} words, {COMPOUND_PARTS.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
