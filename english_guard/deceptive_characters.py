"""EG102 and EG103: characters that make code read differently from what it is.

Look-alike letters from another script inside a Latin name (EG102), and invisible or bidirectional
control characters anywhere in a file (EG103, Trojan Source).
"""

from __future__ import annotations

import re
import unicodedata

from english_guard.invisible_table import DEFAULT_IGNORABLE
from english_guard.language.scripts import word_scripts
from english_guard.records import Finding, Segment
from english_guard.rules import INVISIBLE_OR_BIDI_CHARACTER, MIXED_SCRIPT_IDENTIFIER
from english_guard.ui_text import rule_message

# Every Default_Ignorable_Code_Point (Unicode's invisible characters, bidirectional controls among them).
_BIDI_OR_INVISIBLE = re.compile(
    "[" + "".join(f"\\U{first:08X}-\\U{last:08X}" for first, last in DEFAULT_IGNORABLE) + "]"
)


# Cyrillic and Greek letters that look like Latin ones: inside a Latin word they hide a different name.
CONFUSABLES = frozenset("аеорсухіјѕԁԛԝвкмнтАВЕКМНОРСТУХІЈЅοαντυικρΑΒΕΖΗΙΚΜΝΟΡΤΥΧ")


def _mixes_scripts(word: str) -> bool:
    scripts = word_scripts(word)
    if "LATIN" not in scripts or len(scripts) == 1:
        return False
    # Cyrillic never belongs in a Latin word; Greek does in math names (Δt, λ_l2) unless it is a look-alike.
    return "CYRILLIC" in scripts or any(char in CONFUSABLES for char in word)


def mixed_script_finding(segment: Segment) -> Finding | None:
    normalized = unicodedata.normalize("NFKC", segment.text)
    if normalized != segment.text and normalized.isascii():
        # Python reads `ｐassword` as `password` (identifiers are NFKC-normalised): a name in disguise.
        message = rule_message(MIXED_SCRIPT_IDENTIFIER, "compatibility", text=segment.text, name=normalized)
        return Finding.of_segment(segment, MIXED_SCRIPT_IDENTIFIER.code, "und", 1.0, message)
    scripts = word_scripts(segment.text)
    if any(_mixes_scripts(part) for part in re.split(r"[_\d]+", segment.text)) or (
        "LATIN" in scripts and any(char in CONFUSABLES for char in segment.text)
    ):
        message = rule_message(
            MIXED_SCRIPT_IDENTIFIER, text=segment.text, scripts=" and ".join(sorted(s.title() for s in scripts))
        )
        return Finding.of_segment(segment, MIXED_SCRIPT_IDENTIFIER.code, "und", 1.0, message)
    return None


# Invisible characters that belong to writing next to a visible non-ASCII character: zero-width
# (non-)joiners in emoji sequences (👨‍👩‍👧) and Persian and Indic spelling, variation selectors (❤️, CJK
# variants), the combining grapheme joiner, Mongolian selectors and separator, Khmer inherent vowels and
# Hangul fillers inside Hangul. Next to ASCII, alone, or used as a name (a Hangul filler alone is a valid
# Python name) they hide something.
_JOINERS = frozenset(
    "\u200c\u200d\u034f\u180b\u180c\u180d\u180e\u180f\u17b4\u17b5\u115f\u1160\u3164\uffa0"
    + "".join(chr(code) for code in range(0xFE00, 0xFE10))
    + "".join(chr(code) for code in range(0xE0100, 0xE01F0))
)
# A flag emoji (🏴 and tag letters, ended by the cancel tag) is the one use of the tag characters.
_TAG_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")


def _visible_non_ascii(char: str) -> bool:
    return bool(char) and not char.isascii() and not _BIDI_OR_INVISIBLE.match(char)


def _joins_script_text(line: str, index: int) -> bool:
    """A joiner next to a visible non-ASCII character is writing, not hiding: one between ASCII (or
    between other invisible characters) is suspect."""
    return _visible_non_ascii(line[index - 1 : index]) or _visible_non_ascii(line[index + 1 : index + 2])


def _range_end(line: str, index: int) -> bool:
    """The character is an end of a literal code-point range between non-ASCII characters (`[\U000e0100-
    \U000e01ef]` written out in a generated character class): a table of characters, not hidden text."""
    before = line[index - 2 : index] if index >= 2 else ""
    after = line[index + 1 : index + 3]
    return (len(before) == 2 and before[1] == "-" and not before[0].isascii()) or (
        len(after) == 2 and after[0] == "-" and not after[1].isascii()
    )


def invisible_character_findings(path: str, text: str) -> list[Finding]:
    # The common case, found in one pass over the file (every such character is outside ASCII, and
    # str.isascii is many times faster than the search).
    if text.isascii() or not _BIDI_OR_INVISIBLE.search(text):
        return []
    findings = []
    # `text` has "\n" line ends (checker.decode); str.splitlines would also split at form feeds and U+2028.
    for line_number, line in enumerate(text.split("\n"), start=1):
        flags = [match.span() for match in _TAG_FLAG.finditer(line)] if "\U0001f3f4" in line else []
        for match in _BIDI_OR_INVISIBLE.finditer(line):
            if match.group() == "\ufeff" and line_number == 1 and match.start() == 0:
                continue  # a byte order mark at the start of the file is not hidden text
            char = match.group()
            if char in _JOINERS and _joins_script_text(line, match.start()):
                continue
            if any(start < match.start() < end for start, end in flags):
                continue
            if _range_end(line, match.start()):
                continue
            message = rule_message(INVISIBLE_OR_BIDI_CHARACTER, code=ord(char))
            findings.append(
                Finding(
                    path,
                    line_number,
                    match.start() + 1,
                    line_number,
                    match.start() + 2,
                    INVISIBLE_OR_BIDI_CHARACTER.code,
                    "identifier",
                    "character",
                    f"U+{ord(char):04X}",
                    "und",
                    1.0,
                    message,
                )
            )
    return findings
