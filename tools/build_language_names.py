#!/usr/bin/env python3
"""Build english_guard/language/data/language_names.txt: every language's name in that language.

A language picker shows each language by its own name (`🇺🇦 Українська`, `🇷🇺 Русский`, `🇺🇿 O‘zbek`), the way
Django's `LANG_INFO[...]["name_local"]` does: such a label is a name, the same in every locale, and no text to
translate. The names come from the Unicode CLDR through Babel (a dependency already): for every locale Babel
knows, the language's name written in that locale, in lower case with one apostrophe (`'`) for the several
that Uzbek and others write. Names of fewer than five letters are left out (`meta`, `sena`: too close to words).

Run it when Babel's CLDR data changes: `python tools/build_language_names.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel import Locale, __version__
from babel.localedata import locale_identifiers

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "english_guard" / "language" / "data" / "language_names.txt"
sys.path.insert(0, str(ROOT))

from english_guard.language.labels import fold_language_name  # noqa: E402


def language_names() -> list[str]:
    names: set[str] = set()
    for identifier in locale_identifiers():
        locale = Locale.parse(identifier)
        name = locale.get_language_name(locale)
        if not name:
            continue
        folded = fold_language_name(name)
        if sum(ch.isalpha() for ch in folded) >= 5:
            names.add(folded)
    return sorted(names)


def render() -> str:
    lines = [
        f"# Each language's name in that language, from the Unicode CLDR via Babel {__version__}.",
        "# Built by tools/build_language_names.py; lower case, one apostrophe.",
        *language_names(),
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
