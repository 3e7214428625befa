"""The built-in word glossary: English for the words non-English code is written with.

`translate_words(words, source_lang)` translates word by word; `propose_identifier(name, ...)` turns a
whole identifier into an English one in the same naming style. Nothing is ever guessed: a word the
glossary does not know (after the simple suffix rules below) gives no translation, and an identifier
with such a word gives no proposal, so a human names it.

Data lives in `data/<lang>.tsv`: `word<TAB>english<TAB>part of speech` (n noun, v verb stem, a
adjective, x other). Uzbek is written in Latin with apostrophes (o' g'); Uzbek Cyrillic input is
transliterated to it. Russian is written in Cyrillic; identifiers spelled in Latin letters are
matched through every common transliteration (zh/j, kh/h/x, ts/c, shch/sch, ya/ia, yu/iu, й -> i/y).

Suffix rules (Uzbek): -lar plural; -i/-si possessive; -ni -ning -da -dan -ga (-ka -qa -ta) case
endings; -lik on a noun (adjectival use); verb + -(i)sh verbal noun (`qo'shish` -> add); verb +
-(u)vchi agent (`foydalanuvchi` -> user); verb (+ passive -il/-l/-n) + -gan participle
(`yuborilgan` -> sent). Russian: the common plural and case endings. Turkish: -lar/-ler plural,
possessive -i/-si. Romance and German: plural endings.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from english_guard.language.normalize import UZBEK_CYRILLIC_TO_LATIN
from english_guard.language.normalize import fold as normalize_fold
from english_guard.language.tokens import split_identifier

LANGUAGES = ("uz", "ru", "tr", "de", "es", "pt", "fr", "id")

# Keys are apostrophe-free (o' -> o); щ and ы are Russian letters, left for the Russian lookup.
_UZ_CYRILLIC = {c: latin.replace("'", "") for c, latin in UZBEK_CYRILLIC_TO_LATIN.items() if c not in "щы"}
# Russian letter -> the Latin spellings programmers use for it
_RU_LATIN = {
    "а": ("a",),
    "б": ("b",),
    "в": ("v", "w"),
    "г": ("g",),
    "д": ("d",),
    "е": ("e", "ye"),
    "ё": ("e", "yo"),
    "ж": ("zh", "j"),
    "з": ("z",),
    "и": ("i",),
    "й": ("i", "y", "j"),
    "к": ("k",),
    "л": ("l",),
    "м": ("m",),
    "н": ("n",),
    "о": ("o",),
    "п": ("p",),
    "р": ("r",),
    "с": ("s",),
    "т": ("t",),
    "у": ("u",),
    "ф": ("f",),
    "х": ("kh", "h", "x"),
    "ц": ("ts", "c", "tc"),
    "ч": ("ch",),
    "ш": ("sh",),
    "щ": ("shch", "sch", "sh"),
    "ъ": ("",),
    "ы": ("y", "i"),
    "ь": ("",),
    "э": ("e",),
    "ю": ("yu", "iu", "ju"),
    "я": ("ya", "ia", "ja"),
}
_MAX_VARIANTS = 512

_UNCOUNTABLE = frozenset(
    {
        "data",
        "information",
        "info",
        "money",
        "feedback",
        "news",
        "software",
        "hardware",
        "equipment",
        "advice",
        "progress",
        "research",
        "traffic",
        "weather",
        "luggage",
        "baggage",
        "furniture",
        "music",
        "history",
        "metadata",
        "content",
        "analytics",
        "evidence",
        "staff",
        "media",
        "series",
        "status",
    }
)
_IRREGULAR_PLURALS = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "foot": "feet",
    "tooth": "teeth",
    "mouse": "mice",
    "index": "indexes",
    "criterion": "criteria",
    "analysis": "analyses",
    "leaf": "leaves",
    "life": "lives",
    "knife": "knives",
    "wife": "wives",
    "half": "halves",
}
_IRREGULAR_PARTICIPLES = {
    "send": "sent",
    "get": "received",
    "make": "made",
    "pay": "paid",
    "buy": "bought",
    "find": "found",
    "write": "written",
    "read": "read",
    "set": "set",
    "put": "put",
    "build": "built",
    "sell": "sold",
    "take": "taken",
    "give": "given",
    "do": "done",
    "see": "seen",
    "show": "shown",
    "run": "run",
    "begin": "begun",
    "choose": "chosen",
    "know": "known",
    "hide": "hidden",
    "break": "broken",
    "lose": "lost",
    "keep": "kept",
    "leave": "left",
    "hold": "held",
    "tell": "told",
    "say": "said",
    "cut": "cut",
    "bring": "brought",
    "think": "thought",
    "teach": "taught",
    "catch": "caught",
    "stop": "stopped",
    "ship": "shipped",
    "plan": "planned",
    "log": "logged",
    "drop": "dropped",
    "map": "mapped",
    "submit": "submitted",
    "commit": "committed",
    "transfer": "transferred",
    "cancel": "cancelled",
    "forget": "forgotten",
    "win": "won",
    "load": "loaded",
    "upload": "uploaded",
    "download": "downloaded",
    "come": "come",
    "go": "gone",
    "enter": "entered",
    "open": "opened",
    "fill": "filled",
    "sign": "signed",
    "print": "printed",
    "sort": "sorted",
}
_IRREGULAR_AGENTS = {
    "use": "user",
    "edit": "editor",
    "visit": "visitor",
    "sell": "seller",
    "buy": "buyer",
    "pay": "payer",
    "run": "runner",
    "ship": "shipper",
    "plan": "planner",
    "log": "logger",
    "drive": "driver",
    "deliver": "courier",
    "provide": "provider",
    "supply": "supplier",
    "conduct": "conductor",
    "invest": "investor",
    "subscribe": "subscriber",
    "own": "owner",
    "read": "reader",
    "write": "writer",
    "work": "worker",
    "teach": "teacher",
    "learn": "learner",
    "manage": "manager",
    "serve": "server",
    "check": "checker",
    "send": "sender",
    "receive": "receiver",
    "handle": "handler",
    "listen": "listener",
    "produce": "producer",
    "consume": "consumer",
    "process": "processor",
    "control": "controller",
}


@dataclass(frozen=True, slots=True)
class Entry:
    english: str  # one or more English words separated by spaces
    pos: str  # n, v, a, x


def fold(word: str) -> str:
    """The lexicon's key (`language.normalize.fold`: lowercase, no apostrophes, no accents, ё -> е), with
    Turkish `İ` read as `I`: lowercased it is `i` + a combining dot, which the key would keep."""
    return normalize_fold(word.replace("İ", "I"))


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


def uzbek_latin(word: str) -> str:
    """Uzbek Cyrillic to the apostrophe-free Latin used as keys (`фойдаланувчи` -> `foydalanuvchi`)."""
    return "".join(_UZ_CYRILLIC.get(c, c) for c in fold(word))


def russian_latin_variants(word: str) -> list[str]:
    """Every common Latin spelling of a Russian word (bounded)."""
    options = [_RU_LATIN.get(c, (c,)) for c in fold(word)]
    count = 1
    for option in options:
        count *= len(option)
    if count > _MAX_VARIANTS:  # keep the first spelling of each letter for the rarer combinations
        options = [option if len(option) == 1 or i < 6 else option[:1] for i, option in enumerate(options)]
    return ["".join(parts) for parts in itertools.product(*options)]


@cache
def _table(lang: str) -> dict[str, Entry]:
    """The lookup table of one language: folded (and for Russian, transliterated) word -> entry."""
    table: dict[str, Entry] = {}
    text = resources.files("english_guard.translation").joinpath("data").joinpath(f"{lang}.tsv").read_text("utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        word, english = parts[0].strip(), parts[1].strip()
        pos = parts[2].strip() if len(parts) > 2 else "x"
        entry = Entry(english, pos)
        keys = [fold(word)]
        if lang == "ru":
            keys += russian_latin_variants(word)
        for key in keys:
            table.setdefault(key, entry)
    return table


def _plural(english: str) -> str | None:
    words = english.split()
    last = words[-1]
    if last in _UNCOUNTABLE:
        plural = last
    elif last in _IRREGULAR_PLURALS:
        plural = _IRREGULAR_PLURALS[last]
    elif re.search(r"(s|x|z|ch|sh)$", last):
        plural = last + "es"
    elif re.search(r"[^aeiou]y$", last):
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return " ".join([*words[:-1], plural])


def _participle(english: str) -> str:
    words = english.split()
    verb = words[0]
    if verb in _IRREGULAR_PARTICIPLES:
        done = _IRREGULAR_PARTICIPLES[verb]
    elif verb.endswith("e"):
        done = verb + "d"
    elif re.search(r"[^aeiou]y$", verb):
        done = verb[:-1] + "ied"
    else:
        done = verb + "ed"
    return " ".join([done, *words[1:]])


def _agent(english: str) -> str | None:
    words = english.split()
    if len(words) != 1:
        return None
    verb = words[0]
    if verb in _IRREGULAR_AGENTS:
        return _IRREGULAR_AGENTS[verb]
    if verb.endswith("ate"):
        return verb[:-1] + "or"
    if verb.endswith("e"):
        return verb + "r"
    return verb + "er"


# ----- per-language lookups with suffix rules ------------------------------------------------------
def _uz_direct(word: str) -> Entry | None:
    table = _table("uz")
    entry = table.get(word)
    if entry is None and ("h" in word or "x" in word):  # x/h are often swapped in Uzbek Latin spelling
        entry = table.get(word.replace("x", "h")) or table.get(word.replace("h", "x"))
    return entry


_UZ_CASE = ("ning", "dan", "ni", "da", "ga", "ka", "qa", "ta", "gi")
_UZ_POSSESSIVE = ("imiz", "ingiz", "im", "ing", "si", "i")


def _uz(word: str, depth: int = 0) -> Entry | None:
    entry = _uz_direct(word)
    if entry is not None or depth > 3 or len(word) < 4:
        return entry
    for suffix in _UZ_CASE + _UZ_POSSESSIVE:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = _uz(word[: -len(suffix)], depth + 1)
            if base is not None and base.pos in {"n", "a", "x"}:
                return base
    if word.endswith("lar") and len(word) > 5:
        base = _uz(word[:-3], depth + 1)
        if base is not None and base.pos == "n":
            plural = _plural(base.english)
            return Entry(plural, "n") if plural else None
    if word.endswith("lik") and len(word) > 5:
        base = _uz(word[:-3], depth + 1)
        if base is not None and base.pos == "n":
            return Entry(base.english, "a")
    for suffix in ("uvchi", "vchi"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = _uz_verb(word[: -len(suffix)])
            agent = _agent(base.english) if base else None
            if agent:
                return Entry(agent, "n")
    if word.endswith("gan") and len(word) > 5:
        stem = word[:-3]
        for passive in ("il", "in", "l", "n", ""):
            if stem.endswith(passive) and len(stem) - len(passive) >= 2:
                base = _uz_verb(stem[: len(stem) - len(passive)])
                if base is not None:
                    return Entry(_participle(base.english), "a")
    for suffix in ("ish", "sh", "moq", "mak"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = _uz_verb(word[: -len(suffix)])
            if base is not None and (suffix != "sh" or word[-3] in "aeiou"):
                return base
    return None


def _uz_verb(stem: str) -> Entry | None:
    entry = _uz_direct(stem)
    return entry if entry is not None and entry.pos == "v" else None


_RU_PLURAL = ("ami", "akh", "ah", "ov", "ev", "ei", "ey", "ej", "y", "i")
_RU_SINGULAR = ("ogo", "ego", "omu", "om", "em", "oi", "oy", "ya", "iu", "yu", "a", "u", "e")
_RU_RESTORE = ("", "a", "ya", "o", "e", "ie", "iya", "y", "i", "iy", "yi")


def _ru(word: str) -> Entry | None:
    table = _table("ru")
    if _is_cyrillic(word):
        direct = table.get(word)
        if direct is not None:
            return direct
        word = russian_latin_variants(word)[0]
    entry = table.get(word)
    if entry is not None:
        return entry
    for suffixes, plural in ((_RU_PLURAL, True), (_RU_SINGULAR, False)):
        for suffix in suffixes:
            if not word.endswith(suffix) or len(word) - len(suffix) < 3:
                continue
            stem = word[: -len(suffix)]
            for restore in _RU_RESTORE:
                base = table.get(stem + restore)
                if base is not None and base.pos in {"n", "a"}:
                    if plural and base.pos == "n":
                        english = _plural(base.english)
                        return Entry(english, "n") if english else None
                    return base
    return None


_SIMPLE_PLURALS = {
    "tr": (
        ("lari", True),
        ("leri", True),
        ("lar", True),
        ("ler", True),
        ("si", False),
        ("i", False),
        ("u", False),
        ("su", False),
        ("in", False),
        ("nin", False),
        ("da", False),
        ("de", False),
    ),
    "de": (("en", True), ("n", True), ("er", True), ("e", True), ("s", True)),
    "es": (("es", True), ("s", True)),
    "pt": (("oes", True), ("es", True), ("s", True)),
    "fr": (("aux", True), ("s", True), ("x", True)),
    "id": (),
}


def _simple(lang: str, word: str) -> Entry | None:
    table = _table(lang)
    entry = table.get(word)
    if entry is not None:
        return entry
    for suffix, plural in _SIMPLE_PLURALS.get(lang, ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: -len(suffix)]
            base = (
                table.get(stem)
                or (table.get(stem + "ao") if lang == "pt" and suffix == "oes" else None)
                or (table.get(stem + "al") if lang == "fr" and suffix == "aux" else None)
            )
            if base is not None and base.pos in {"n", "a"}:
                if plural and base.pos == "n":
                    return Entry(_plural(base.english) or base.english, "n")
                return base
    return None


def lookup(word: str, lang: str) -> Entry | None:
    """The glossary entry for one word of `lang` (suffix rules applied), or None."""
    if not word:
        return None
    if lang == "uz":
        return _uz(uzbek_latin(word) if _is_cyrillic(word) else fold(word))
    if lang == "ru":
        return _ru(fold(word))
    if lang in _SIMPLE_PLURALS:
        return _simple(lang, fold(word))
    return None


def _languages_for(source_lang: str) -> tuple[str, ...]:
    lang = (source_lang or "").lower().split("-")[0].split("_")[0]
    if lang in LANGUAGES:
        return (lang, *(other for other in LANGUAGES if other != lang))
    return LANGUAGES


def translate_word(word: str, source_lang: str = "und", strict: bool = False) -> Entry | None:
    """The entry for `word`: `source_lang` first, then (unless strict) the other languages."""
    languages = _languages_for(source_lang)
    if strict and languages[0] == (source_lang or "").lower().split("-")[0].split("_")[0]:
        languages = languages[:1]
    for lang in languages:
        entry = lookup(word, lang)
        if entry is not None:
            return entry
    return None


def _strict(word: str, source_lang: str) -> tuple[Entry | None, str]:
    lang = (source_lang or "").lower().split("-")[0].split("_")[0]
    if lang not in LANGUAGES or word.lower() in _CODE_WORDS:
        return None, ""
    return lookup(word, lang), lang


def _translate_with_language(word: str, source_lang: str) -> tuple[Entry | None, str]:
    for lang in _languages_for(source_lang):
        entry = lookup(word, lang)
        if entry is not None:
            return entry, lang
    return None, ""


def translate_words(words: list[str], source_lang: str) -> list[str | None]:
    """English for each word (lowercase, several words separated by spaces), or None when unknown.

    `source_lang` is an ISO 639-1 code; only that language's words are translated (a Turkish `ad`
    must not turn an English "ad" into "name"). "und", "" or a language the glossary does not know
    tries every language it knows.
    """
    out: list[str | None] = []
    for word in words:
        entry = translate_word(word, source_lang, strict=True)
        out.append(entry.english if entry is not None else None)
    return out


# ----- identifiers -----------------------------------------------------------------------------------
_CODE_WORDS = frozenset(
    {
        "id",
        "ids",
        "url",
        "uri",
        "api",
        "db",
        "sql",
        "http",
        "https",
        "json",
        "xml",
        "html",
        "css",
        "csv",
        "pdf",
        "ui",
        "io",
        "os",
        "tg",
        "sms",
        "otp",
        "uuid",
        "utc",
        "dt",
        "tz",
        "ok",
        "max",
        "min",
        "num",
        "str",
        "int",
        "bool",
        "dict",
        "obj",
        "args",
        "kwargs",
        "cls",
        "self",
        "test",
        "tests",
        "pk",
        "fk",
    }
)


@lru_cache(maxsize=1)
def _english_vocabulary() -> frozenset[str]:
    """Every English word the glossary produces: words that need no translation."""
    words: set[str] = set(_CODE_WORDS)
    for lang in LANGUAGES:
        for entry in _table(lang).values():
            words.update(entry.english.split())
    return frozenset(words)


def is_known_english(word: str) -> bool:
    return word.lower() in _english_vocabulary()


def split_identifier_parts(name: str) -> list[str]:
    """The words and numbers of an identifier: `foydalanuvchiID2` -> ['foydalanuvchi', 'ID', '2'] (the
    check's splitter, with the digits apart)."""
    return split_identifier(name, digits_apart=True)


def _style(core: str) -> str:
    letters = [c for c in core if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return "upper"
    if "_" in core:
        return "snake"
    if core[:1].isupper():
        return "pascal"
    if any(c.isupper() for c in core):
        return "camel"
    return "snake"


def _format(words: list[str], style: str, separators: list[str]) -> str:
    if style == "upper":
        return "_".join(w.upper() for w in words) if not separators else _join(words, separators, str.upper)
    if style == "snake":
        return _join(words, separators, str.lower)
    if style == "pascal":
        return "".join(w[:1].upper() + w[1:] for w in words)
    return words[0].lower() + "".join(w[:1].upper() + w[1:] for w in words[1:])


def _join(words: list[str], separators: list[str], case) -> str:
    del separators  # snake and upper case always join with one underscore
    return "_".join(case(w) for w in words)


def propose_identifier(name: str, source_lang: str = "und", keep=None) -> str | None:
    """An English identifier for `name` in the same style, or None when any word has no translation.

    `keep(word) -> bool` says which words are already English and stay as they are (the caller's
    language detection knows best); by default, words the glossary itself produces or common code
    abbreviations. Leading/trailing underscores are kept; dunders are never renamed.
    """
    if not name or (name.startswith("__") and name.endswith("__")):
        return None
    stripped = name.lstrip("_")
    lead = name[: len(name) - len(stripped)]
    core = stripped.rstrip("_")
    trail = stripped[len(core) :]
    if not core:
        return None
    keep = keep or is_known_english
    parts: list[str] = []
    # digits written right after a word stay glued to it (`mahsulot2`), `mahsulot_2` keeps its underscore
    glued: set[int] = set()
    for chunk in core.split("_"):
        chunk_parts = split_identifier_parts(chunk)
        glued.update(len(parts) + i for i, part in enumerate(chunk_parts) if i and part.isdigit())
        parts.extend(chunk_parts)
    if not parts or "".join(parts) != core.replace("_", ""):
        return None
    style = _style(core)
    words: list[str] = []
    verb_last_at = -1  # where a verb-final (Uzbek, Turkish) verb's words start in `words`
    index = 0
    while index < len(parts):
        part = parts[index]
        if part.isdigit():
            if index in glued and words:
                words[-1] += part
            else:
                words.append(part)
            index += 1
            continue
        phrase = _phrase(parts, index, source_lang)
        if phrase is not None:
            english, used = phrase
            words.extend(english.split())
            index += used
            continue
        # The identifier's own language wins over an English look-alike (`jami`, `nomi` are Uzbek here).
        entry, lang = _strict(part, source_lang)
        if entry is None and part.isascii() and keep(part):
            words.append(part.lower() if style != "upper" else part)
            index += 1
            continue
        if entry is None:
            entry, lang = _translate_with_language(part, source_lang)
        if entry is None:
            return None
        is_last = index == len(parts) - 1
        if is_last and index > 0 and entry.pos == "v" and lang in {"uz", "tr"}:
            verb_last_at = len(words)
        words.extend(entry.english.split())
        index += 1
    if verb_last_at > 0 and words[0].lower() != "test":  # `narxni_ol` is "price get": English puts the verb first
        words = words[verb_last_at:] + words[:verb_last_at]
    proposal = lead + _format(words, style, []) + trail
    if proposal == name or not proposal.isidentifier():
        return None
    return proposal


def restyle(name: str, english_words: list[str]) -> str | None:
    """`english_words` written in the naming style of `name` (its case, separators and underscores)."""
    stripped = name.lstrip("_")
    lead = name[: len(name) - len(stripped)]
    core = stripped.rstrip("_")
    trail = stripped[len(core) :]
    words = [w for w in english_words if w]
    if not core or not words or (name.startswith("__") and name.endswith("__")):
        return None
    proposal = lead + _format(words, _style(core), []) + trail
    return proposal if proposal.isidentifier() and proposal != name else None


def _phrase(parts: list[str], index: int, source_lang: str) -> tuple[str, int] | None:
    """A multi-word glossary entry starting at `index` (`tug'ilgan kun` -> birthday), longest first."""
    for size in (3, 2):
        chunk = parts[index : index + size]
        if len(chunk) < size or any(p.isdigit() for p in chunk):
            continue
        key = " ".join(chunk)
        for lang in _languages_for(source_lang):
            folded = uzbek_latin(key) if lang == "uz" and _is_cyrillic(key) else fold(key)
            entry = _table(lang).get(folded)
            if entry is not None:
                return entry.english, size
    return None
