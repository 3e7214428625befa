"""Short texts of a user interface: a proper name, or a label whose Title Case hides its words.

Two readings the word-level verdict cannot make alone, because they depend on what a word is once its
capital letter is set aside:

- A short string whose every non-English word is capitalised and known to no lexicon of another
  language (`Fotiha😇`, `Muddasir`, `Ibrohim`) is a proper name: a surah, a person, a place, a
  product. A name is not prose in any language, so it is no finding (the policy writes names as they
  are). A name next to a word a lexicon knows (`Fotiha surasi`, `Mutaffifin Surasi`) is text.
- A sentence in capitals (`ILTIMOS TAKLIFINGIZNI QISQA YOZING`) is read in lower case: its words are no
  acronyms.
- A short Title Case label (`📊 Test Tahlili`, `Keyingi Bo'lim`) reads as a run of names, so its words
  carry no evidence. When one of them, written in lower case, is a word a foreign lexicon knows, the
  label is text in that language wherever the project writes it (a candidate the project decides).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from english_guard.language.lexicon import lookup
from english_guard.language.morphology import SUFFIXES, uzbek_stem, uzbek_suffix_shape
from english_guard.language.normalize import fold, uzbek_cyrillic_to_latin
from english_guard.language.profile import MAIN_PREFIX
from english_guard.language.scripts import letter_hint
from english_guard.language.tokens import prose_tokens
from english_guard.language.words import SHARED, classify_word
from english_guard.records import Verdict

# A name is short: a surah, a person with a patronymic, a product with its line.
_NAME_MAX_WORDS = 4
# A label is short: longer Title Case text is a heading or a list of names, decided as before.
_LABEL_MAX_WORDS = 5
_LABEL_MAX_CHARACTERS = 80
# The first letter of each word (after a space, an emoji or punctuation; not after an apostrophe).
_WORD_START = re.compile(r"(?<![\w'’ʻ`])[^\W\d_]")
# Log likelihood ratio of a label's lexicon word for its language (a lone foreign word's, see findings),
# and for the languages that write the same words (Uzbek and Turkish share `tahlil`).
_LABEL_WORD_RATIO = 3.0
_NEIGHBOUR_RATIO = 2.5
# A word English shares with another language (`Juan`, `Pedro`, `Hans`: the lexicons hold names too) is a
# name like any other when capitalised alone.
_LEANING_WORDS = ("foreign", "unknown", "proper", SHARED)
# Reasons that rest on a list of the language's words (a frequency lexicon, the Uzbek word lists, a
# stem the morphology found), not on letters, an ending or pinyin syllables.
_LEXICON_REASON = re.compile(r"lexicon|word list|stem")


def _latin(word: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in word)


@lru_cache(maxsize=65536)
def lexicon_word(word: str) -> tuple[str, ...]:
    """The languages whose lexicon knows `word` written in lower case as a word of theirs (not a guess
    from its letters or its ending); () for a word no lexicon backs."""
    key = word.lower()
    found = classify_word(key, frozenset(), False)
    if found.verdict == "foreign" and uzbek_suffix_shape(key.replace("'", "")):
        return ("uz",)  # an inflected word (`Yechmoqda`, `Sozlamalari`): a name takes no such suffix chain
    if found.verdict != "foreign" or not _LEXICON_REASON.search(found.reason):
        return ()
    if not found.languages:
        return ()
    top = found.languages[0][1]
    return tuple(dict.fromkeys(lang for lang, zipf in found.languages if zipf >= top - 1.0))


# Uzbek suffixes of three letters or more (`-lar`, `-dan`, `-gan`): a Cyrillic word ending in one is inflected
# (`Тузилмалар`, "structures"), not a name. Written in Cyrillic, the endings are told apart from Russian ones.
_CYRILLIC_NAME_ENDINGS = tuple(ending for ending in SUFFIXES if len(ending) >= 3)


# Endings of Russian abstract nouns and adjectives, which no place or person is called.
_RUSSIAN_NOUN_ENDINGS = ("ция", "ние", "ость", "ство", "изм", "ческий")


# A Cyrillic word is read as an unknown name only where a word list could have known it: Russian and Uzbek
# have lists, Kazakh and Kyrgyz none (verdict._UNLISTED_CYRILLIC). Letters only they write (`Әке`), or a
# letter Uzbek lacks next to one Russian lacks (`Қайырымдылық`), name the word's language by its letters.
_UNLISTED_ONLY_LETTERS = frozenset("әңөұүһіӘҢӨҰҮҺІ")
_NOT_UZBEK_LETTERS = frozenset("ыщЫЩ")
_NOT_RUSSIAN_LETTERS = frozenset("қғҳўҚҒҲЎ")


def _unlisted_language_letters(word: str) -> bool:
    letters = set(word)
    return not letters.isdisjoint(_UNLISTED_ONLY_LETTERS) or (
        not letters.isdisjoint(_NOT_UZBEK_LETTERS) and not letters.isdisjoint(_NOT_RUSSIAN_LETTERS)
    )


def _cyrillic(word: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("CYRILLIC") for ch in word)


@lru_cache(maxsize=65536)
def unknown_cyrillic_name(word: str) -> bool:
    """A capitalised Cyrillic word that no lexicon knows (`Тошкент`, `Бухара`, `Наманган`), neither as it is
    nor read as Uzbek Latin, that ends in no Uzbek suffix chain (`Тузилмалар`, `Республикаси` are words) and
    whose letters do not name a language without a word list (`Қайырымдылық` is Kazakh)."""
    if not (word[:1].isupper() and _cyrillic(word)) or _unlisted_language_letters(word):
        return False
    key = fold(word)
    if lookup(key).foreign:
        return False
    latin = fold(uzbek_cyrillic_to_latin(word)).replace("'", "")
    if lookup(latin).foreign or uzbek_stem(latin) or uzbek_suffix_shape(latin):
        return False
    inflected = any(latin.endswith(ending) and len(latin) - len(ending) >= 3 for ending in _CYRILLIC_NAME_ENDINGS)
    if inflected or (latin.endswith("si") and len(latin) >= 6):  # `Республикаси`: "its republic"
        return False
    return not key.endswith(_RUSSIAN_NOUN_ENDINGS)  # `Транзакция`, `Уведомление`: words the lexicon lacks


# Kazakh inflection that a name does not take: the plural (`Курстар`, "courses") and the ablative (`Қаладан`,
# "from the town"), whose first consonant follows the stem's last sound and whose vowel follows the stem's last
# vowel (back а о ұ ы, front ә е ө ү і). Names that end so by chance (`Султан`, `Богдан`: -тан/-дан after the
# wrong sound) do not match.
_VOWEL_LETTERS = frozenset("аәеёиоөуұүыіэюя")
# Voiceless consonants, and б в г д, which Kazakh devoices at the end of a stem.
_VOICELESS = frozenset("кқпстфхцчшщбвгд")
_PLURALS = frozenset("лар лер дар дер тар тер".split())
_ABLATIVES = frozenset("дан ден тан тен нан нен".split())
_AFTER_PLURAL_L = _VOWEL_LETTERS | frozenset("рй")
_AFTER_PLURAL_D = frozenset("лмнңзж")
_AFTER_ABLATIVE_D = _VOWEL_LETTERS | frozenset("лрйзж")
_AFTER_ABLATIVE_N = frozenset("мнң")


def _ending_fits(ending: str, last: str) -> bool:
    """Whether a Kazakh plural or ablative ending takes this first consonant after a stem's last letter."""
    first = ending[0]
    if first == "т":
        return last in _VOICELESS
    if ending in _PLURALS:
        return last in (_AFTER_PLURAL_L if first == "л" else _AFTER_PLURAL_D)
    return last in (_AFTER_ABLATIVE_D if first == "д" else _AFTER_ABLATIVE_N)


_BACK_VOWELS = frozenset("аоұыя")
_FRONT_VOWELS = frozenset("әеөүіэё")
# A name-shaped Cyrillic word as text of a language without a word list (Kazakh): log likelihood ratios, by
# how Kazakh the word looks. The file's and the project's Kazakh share decide (see findings.evaluate), so a
# town or a person in a Russian or Uzbek project (no Kazakh in its profile) stays a name.
_KAZAKH_INFLECTED_RATIO = 3.0
_NOT_UZBEK_RATIO = 1.5
_NAME_SHAPED_RATIO = 1.0
UNLISTED_CYRILLIC_LANGUAGE = "kk"


def kazakh_inflected(word: str) -> bool:
    """Whether a Cyrillic word ends in a Kazakh plural or ablative that agrees with its stem (`Курстар`,
    `Сөздер`, `Мектептен`): the stem keeps three letters or more."""
    key = word.lower()
    ending = key[-3:]
    stem = key[:-3]
    if ending not in _PLURALS and ending not in _ABLATIVES or len(stem) < 3 or not _ending_fits(ending, stem[-1]):
        return False
    vowels = [ch for ch in stem if ch in _BACK_VOWELS or ch in _FRONT_VOWELS]
    return not vowels or (vowels[-1] in _BACK_VOWELS) == (ending[1] == "а")


def lettered_name_leaning(verdict: Verdict) -> tuple[tuple[str, float], ...]:
    """For a short text whose words look like Latin names (see `only_proper_names`) and hold a letter that
    points to one language (`Təşəkkürlər`, `Nəticə: {x}`: ə): the leaning towards that language, which counts
    where the profile shows it (a name elsewhere: `Məmmədov` in an English project); () else."""
    names = [w.word for w in verdict.words if w.verdict in _LEANING_WORDS and any(ch.isalpha() for ch in w.word)]
    hints = {letter_hint(word, "LATIN") for word in names}
    if not names or len(hints) != 1 or "" in hints or not all(_latin(word) for word in names):
        return ()
    return ((MAIN_PREFIX + hints.pop(), _NAME_SHAPED_RATIO),)


def unlisted_cyrillic_leaning(verdict: Verdict) -> tuple[tuple[str, float], ...]:
    """For a short text whose words are unknown Cyrillic names (see `only_proper_names`): the leaning towards
    Kazakh, a language no word list here knows, so that a Kazakh project's button labels (`Курстар`,
    `Байланыс`) count where its profile shows Kazakh; () when a word is no Cyrillic name."""
    names = [w.word for w in verdict.words if w.verdict in _LEANING_WORDS and any(ch.isalpha() for ch in w.word)]
    if not names or not all(unknown_cyrillic_name(word) for word in names):
        return ()
    ratio = max(
        _KAZAKH_INFLECTED_RATIO
        if kazakh_inflected(word)
        else _NOT_UZBEK_RATIO
        if not _NOT_UZBEK_LETTERS.isdisjoint(word)
        else _NAME_SHAPED_RATIO
        for word in names
    )
    return ((MAIN_PREFIX + UNLISTED_CYRILLIC_LANGUAGE, ratio),)


# A field label in a text (`Тузилма - {structure}`, `Манзил: %s`): the word before it names a field.
_FIELD = re.compile(r"[:{%]| - ")


def only_proper_names(verdict: Verdict, text: str = "") -> bool:
    """The verdict's non-English words are a short run of capitalised words no lexicon knows: Latin words
    (`Fotiha`, `Ibrohim`) or Cyrillic ones (`Тошкент`, `Бухара`; not in a text with a field, `text`)."""
    words = [w for w in verdict.words if any(ch.isalpha() for ch in w.word)]
    leaning = [w for w in words if w.verdict in _LEANING_WORDS]
    if not leaning or len(words) > _NAME_MAX_WORDS:
        return False
    cyrillic_names = not _FIELD.search(text)
    return all(
        (w.word[:1].isupper() and _latin(w.word) and not lexicon_word(w.word))
        or (cyrillic_names and unknown_cyrillic_name(w.word))
        for w in leaning
    )


def title_case_leaning(text: str, neighbours: dict[str, tuple[str, ...]]) -> tuple[tuple[str, float], ...]:
    """The leaning of a short Title Case label whose capitalised words include a lexicon word; () else."""
    if len(text) > _LABEL_MAX_CHARACTERS or text.count(" ") > 2 * _LABEL_MAX_WORDS or text.islower():
        return ()  # most strings, told without tokenising them (a lowercase text has no capital to count)
    if sum(1 for letter in _WORD_START.findall(text) if letter.isupper()) < 2:
        return ()
    tokens = [t.text for t in prose_tokens(text) if any(ch.isalpha() for ch in t.text)]
    if not 2 <= len(tokens) <= _LABEL_MAX_WORDS:
        return ()
    long_tokens = [t for t in tokens if len(t) >= 3]
    capitalised = [t for t in long_tokens if t[:1].isupper() and not t.isupper()]
    if len(long_tokens) < 2 or len(capitalised) < 0.75 * len(long_tokens):
        return ()
    ratios: dict[str, float] = {}
    for token in capitalised:
        for lang in lexicon_word(token):
            ratios[lang] = _LABEL_WORD_RATIO
            for neighbour in neighbours.get(lang, ()):
                ratios.setdefault(neighbour, _NEIGHBOUR_RATIO)
    return tuple(sorted(ratios.items(), key=lambda item: -item[1]))


_CURATED_REASON = re.compile(r"^(?!.*zipf).*(?:lexicon|word list|stem)")


def label_language(text: str) -> str | None:
    """The language of a short Title Case label whose every word of three letters or more is, in lower case,
    a word of that language's lexicon, one of them from a word list (`Bosh Sahifa`, "home page"): a label a flow shows
    is then text in that language whatever the project writes. None when a word is English, a name or
    unknown (`Test Tahlili`, `Café Royale Menu`): the project's profile decides those."""
    if len(text) > _LABEL_MAX_CHARACTERS:
        return None
    tokens = [t.text for t in prose_tokens(text) if any(ch.isalpha() for ch in t.text)]
    long_tokens = [t for t in tokens if len(t) >= 3]
    if not 2 <= len(long_tokens) <= _LABEL_MAX_WORDS or len(tokens) > _LABEL_MAX_WORDS:
        return None
    common: set[str] | None = None
    for token in long_tokens:
        languages = set(lexicon_word(token)) if token[:1].isupper() else set()
        common = languages if common is None else common & languages
        if not common:
            return None
    # Frequency lexicons hold names too (`Emre Çelik` is two Turkish words): one word must come from a word
    # list or the morphology (the Uzbek lists, `Sahifa`, `Bo'limi`), which hold no names.
    if not any(_CURATED_REASON.search(classify_word(t.lower(), frozenset(), False).reason) for t in long_tokens):
        return None
    return min(common) if common else None


# A shouted sentence: every cased letter a capital, at least this many words of three letters or more.
_SHOUTED_WORDS = 3


def shouted(text: str) -> bool:
    """A sentence written in capitals (not an acronym or a constant: several words, spaced)."""
    if not text.isupper() or " " not in text.strip():
        return False
    words = [t.text for t in prose_tokens(text) if sum(ch.isalpha() for ch in t.text) >= 3]
    return len(words) >= _SHOUTED_WORDS


# The apostrophes Uzbek and others write (`oʻzbek`, `o‘zbek`, `o'zbek`), read as one.
_APOSTROPHES = str.maketrans({"‘": "'", "’": "'", "ʻ": "'", "ʼ": "'", "`": "'"})
_NAME_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# What a picker writes after or instead of the name: the adverb "in Uzbek", "in Kazakh" (`O'zbekcha`,
# `Қазақша`) and the word "language" (`O'zbek tili`, `Русский язык`, `Українська мова`, `Türk dili`).
_IN_LANGUAGE = re.compile(r"(.+?)(?:cha|ча|ша|ше)")
_LANGUAGE_WORDS = frozenset({"tili", "тили", "тілі", "язык", "мова", "dili"})


def fold_language_name(text: str) -> str:
    """`Oʻzbek` -> `o'zbek`: lower case, one apostrophe, words joined by one space."""
    return " ".join(_NAME_WORD.findall(text.translate(_APOSTROPHES).casefold()))


@lru_cache(maxsize=1)
def _language_names() -> tuple[frozenset[str], frozenset[str]]:
    """The names of tools/build_language_names.py, and every name's first word (`қазақ` of `қазақ тілі`; a name of
    one word is its own first word)."""
    text = (Path(__file__).parent / "data" / "language_names.txt").read_text(encoding="utf-8")
    names = frozenset(line for line in text.splitlines() if line and not line.startswith("#"))
    return names, frozenset(name.split(" ", 1)[0] for name in names)


def names_a_language(text: str) -> bool:
    """A language's name in that language, as a language picker shows it (`🇺🇦 Українська`, `РУССКИЙ`,
    `O'zbekcha`, `Қазақ тілі`): a name, the same in every locale, not text to translate."""
    if len(text) > _LABEL_MAX_CHARACTERS:
        return False
    folded = fold_language_name(text)
    words = folded.split(" ")
    if not folded or len(words) > 2:
        return False
    names, first_words = _language_names()
    if folded in names:
        return True
    head = words[0]
    if len(words) == 2:
        return words[1] in _LANGUAGE_WORDS and head in first_words
    adverb = _IN_LANGUAGE.fullmatch(head)
    return adverb is not None and adverb.group(1) in first_words
