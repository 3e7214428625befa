"""Evidence about one word: English, code vocabulary, a proper noun, or a word of another language.

A word is looked up in the lexicons (English frequencies, fourteen foreign word lists, transliterated
Russian, the curated Uzbek list and its suffix analyser, code vocabulary); English derivations
(`matcher`), glued words (`getfqdn`) and affixed identifiers (`qsize`) are recognised as English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from english_guard.language.lexicon import CompoundParts, common_words, derived_data, lookup, may_be_common_english
from english_guard.language.morphology import (
    english_stem_uzbek_plural,
    uzbek_letter_shape,
    uzbek_stem,
    uzbek_suffix_shape,
)
from english_guard.language.normalize import APOSTROPHES, fold, uzbek_cyrillic_to_latin
from english_guard.language.pinyin import pinyin_syllables
from english_guard.language.romanized import romanized_entry, romanized_languages, skeleton
from english_guard.language.scripts import (
    SCRIPT_LANGUAGE,
    char_script,
    letter_hint,
    word_scripts,
)
from english_guard.language.uzbek_words import is_uzbek_form
from english_guard.records import WordEvidence

STRONG, WEAK = 2, 1
# A word that is foreign only if the file's language says so (`fator`: Portuguese, or fate + -or):
# never evidence alone, weak evidence for the project-level resolution (english_guard.context).
AMBIGUOUS = 3
OUTPUT_ALIASES = {"nb": "no"}
# The verdict of a common English word that is a far more common word of another language
# (`lexicon.Entry.shared_with`): no evidence in an English project, evidence of that language where the
# file's and project's profile show it (see verdict._leaning and profile.resolve).
SHARED = "shared"
# How much more frequent (in Zipf points) a rare English word must be in another language to be weak
# evidence of it (`summe`, `suma`); common English words: see lexicon.Entry.quoted_foreign.
_HOMOGRAPH_MARGIN = 1.0
# How much more frequent a word English reads as a derivation (`todos`: todo + -s) must be in another
# language for that language's reading to stay open.
_DERIVED_HOMOGRAPH_MARGIN = 3.0
# A homograph must be a common word there (Zipf 4: once in 100,000 words); names rank lower (`Bradesco`).
_HOMOGRAPH_ZIPF = 4.0

# o' and g' inside a word (`o'quvchi`, `bog'lanadi`), but not English contractions and possessives (dog's).
_UZBEK_APOSTROPHE = re.compile(r"(?i)[og][ʻ'’`‘ʼ](?!(?:s|t|ll|re|ve|d|m)\b)[^\W\d_]")


@dataclass(slots=True)
class Word:
    text: str
    key: str
    verdict: str
    strength: int = 0
    languages: tuple[tuple[str, float], ...] = ()
    reason: str = ""

    def copy(self) -> Word:
        """A copy to re-label. Every field by name: `copy.copy` of a slotted dataclass goes through
        __reduce_ex__ and costs several times more (the prose verdict copies each of its words)."""
        return Word(self.text, self.key, self.verdict, self.strength, self.languages, self.reason)

    def evidence(self) -> WordEvidence:
        language = self.languages[0][0] if self.languages else ""
        return WordEvidence(self.text, self.verdict, OUTPUT_ALIASES.get(language, language), self.reason)


def pinyin_context(words: list[Word]) -> list[Word]:
    """Next to a pinyin word, short words that are pinyin syllables (`hou`, `shu`) are pinyin too."""
    if not any(w.reason == _PINYIN_REASON for w in words):
        return words
    out = []
    for word in words:
        if (
            word.verdict == "english"
            and len(word.key) <= 4
            and pinyin_syllables(word.key) == 1
            and lookup(word.key).english < 4.0
        ):
            word = Word(
                word.text,
                word.key,
                "foreign",
                WEAK,
                (("zh", 2.9),),
                "pinyin syllable next to pinyin",
            )
        out.append(word)
    return out


_NUMBERED = re.compile(r"([^\W\d_]{4,})\d+")
_VOWEL = re.compile("[aeiouy]")


def classify_identifier_word(word: str, identifier: str, allowed: frozenset[str]) -> Word:
    # An acronym inside a mixed-case identifier (HTTPServer, parse_URL) is code, not language.
    if word.isupper() and (len(word) <= 3 or (len(word) <= 5 and not identifier.isupper())):
        return Word(word, word.lower(), "code", reason="acronym")
    numbered = _NUMBERED.fullmatch(word)
    if numbered:
        # A numbered word (`talaba2`, `base64`, `python3`) is the word: digits carry no language.
        return classify_word(numbered.group(1), allowed, True)
    found = classify_word(word, allowed, True)
    if found.verdict == "english" and not found.reason.startswith(_NOT_BY_FREQUENCY) and one_word_name(identifier):
        shared = one_word_shared(found.key)
        if shared:
            lang, zipf = shared[0]
            reason = f"one-word name: English zipf {lookup(found.key).english:.1f}, {lang} {zipf:.1f}"
            return Word(word, found.key, SHARED, AMBIGUOUS, shared, reason)
    elif found.verdict == "unknown" and one_word_name(identifier):
        romanized = _short_romanized(found.key)
        if romanized:
            reason = f"{romanized[0][0]} word in Latin letters, one word"
            return Word(word, found.key, SHARED, AMBIGUOUS, romanized, reason)
    return found


# English readings that rest on a word list or an analysis, not on the word's own English frequency.
_NOT_BY_FREQUENCY = ("allowed word", "acronym")
# One-word names (`fin`, `nom`, `amal`): a short word that English writes now and then, and another language
# far more often (`one_word_shared`). Alone it is a name like any English one; in a file and project written
# in that language it is that language's word, as a reader of the file takes it: the profile decides
# (verdict "shared", counted through profile.SHARED_PREFIX only where the profile shows the language well).
_ONE_WORD_LETTERS = (3, 5)
_ONE_WORD_MAX_ENGLISH = 4.0
_ONE_WORD_MIN_ZIPF = 4.5
_ONE_WORD_MARGIN = 1.5
# The Uzbek word list has no frequencies: its forms count as the curated list's words do (lexicon.py).
_UZBEK_FORM_ZIPF = 4.0
_ONE_WORD = re.compile(r"_*([A-Za-z]+)_*")


def one_word_name(identifier: str) -> bool:
    """A name of one short word of letters, lower case or capitalised (`fin`, `_nom`, `Amal`; not `FIN`)."""
    if not _ONE_WORD_LETTERS[0] <= len(identifier.strip("_")) <= _ONE_WORD_LETTERS[1]:
        return False  # the word would be `identifier.strip("_")`: most names are longer, told without the pattern
    match = _ONE_WORD.fullmatch(identifier)
    if match is None:
        return False
    word = match.group(1)
    return _ONE_WORD_LETTERS[0] <= len(word) <= _ONE_WORD_LETTERS[1] and (word.islower() or word.istitle())


def one_word_leans(identifier: str) -> bool:
    """Whether `classify_identifier_word` may read this name as a word English shares (`one_word_shared`): the
    fast paths that call a name English from its words alone (`prose.plainly_english`, the screen) must not."""
    return one_word_name(identifier) and bool(one_word_shared(identifier.strip("_").lower()))


@lru_cache(maxsize=65536)
def one_word_shared(key: str) -> tuple[tuple[str, float], ...]:
    """The languages that write this short, not very common English word (Zipf below 4, code vocabulary left
    out) far more often than English (`fin`: French and Spanish; `nom`: French), and Uzbek when its word list
    knows the form (`nom`, `amal`), as (language, Zipf) with the most frequent first; () else."""
    entry = lookup(key)
    if entry.code or not 1.5 <= entry.english < _ONE_WORD_MAX_ENGLISH:
        return ()
    floor = max(_ONE_WORD_MIN_ZIPF, entry.english + _ONE_WORD_MARGIN)
    languages = tuple(item for item in entry.foreign if item[1] >= floor)
    return _with_uzbek_form(key, tuple(sorted(languages, key=lambda item: -item[1])))


# A four-letter name in Latin letters (`Zvit`, `imya`) spells a common Ukrainian or Russian word this often
# (romanized.py reads words of five letters or more alone: shorter ones meet some Cyrillic word by chance).
_SHORT_ROMANIZED_ZIPF = 4.0


def _short_romanized(key: str) -> tuple[tuple[str, float], ...]:
    """The languages whose common word a four-letter name no lexicon knows spells in Latin letters; () else."""
    if len(key) != 4 or not key.isascii() or not key.isalpha():
        return ()
    languages = romanized_entry(skeleton(key))
    return languages if languages and languages[0][1] >= _SHORT_ROMANIZED_ZIPF else ()


def _with_uzbek_form(key: str, languages: tuple[tuple[str, float], ...]) -> tuple[tuple[str, float], ...]:
    """The languages with Uzbek added when the Uzbek word list knows the form (`amal`, "operation"); the same
    tuple when it adds nothing."""
    if any(lang == "uz" for lang, _zipf in languages) or not is_uzbek_form(key):
        return languages
    return tuple(sorted((*languages, ("uz", _uzbek_form_zipf(languages))), key=lambda item: -item[1]))


def _uzbek_form_zipf(languages: tuple[tuple[str, float], ...]) -> float:
    """The frequency an Uzbek word-list form counts with beside other languages' readings: as common as the
    curated list's words, and close enough to the most frequent reading to lean as much (the profile decides)."""
    return max(_UZBEK_FORM_ZIPF, languages[0][1] - 0.5) if languages else _UZBEK_FORM_ZIPF


@lru_cache(maxsize=200_000)
def classify_word(word: str, allowed: frozenset[str], identifier: bool) -> Word:
    found = _classify_word(word, allowed, identifier)
    if found.verdict == "foreign" and found.strength == AMBIGUOUS and found.key.isascii():
        # A word that leans towards other languages (`amal`, `sana`, `dona`) leans towards Uzbek too when the Uzbek
        # word list knows it: in an Uzbek project it is the Uzbek word ("operation", "date", "piece").
        languages = _with_uzbek_form(found.key, found.languages)
        if languages is not found.languages:
            return Word(found.text, found.key, "foreign", AMBIGUOUS, languages, found.reason + "; Uzbek word list")
    return found


_NO_SCRIPTS: frozenset[str] = frozenset()


def _classify_word(word: str, allowed: frozenset[str], identifier: bool) -> Word:
    key = fold(word)
    ascii_word = word.isascii()
    if ascii_word:  # the classification's most frequent case: ASCII letters are Latin, no ASCII apostrophe a letter
        letters = len(word) if word.isalpha() else sum(1 for char in word if char.isalpha())
        non_latin: set[str] | frozenset[str] = _NO_SCRIPTS
    else:
        letters = sum(1 for char in word if char.isalpha() and char not in APOSTROPHES)
        non_latin = word_scripts(word) - {"LATIN"}
    if letters == 0:
        return Word(word, key, "neutral", reason="no letters")
    if non_latin:
        script = sorted(non_latin)[0]
        if script == "GREEK" and letters <= 3:
            return Word(word, key, "neutral", reason="Greek letter (math)")
        if letters < 2 and script != "CJK":
            return Word(word, key, "neutral", reason="a single letter")
        if key in allowed:
            return Word(word, key, "english", reason="allowed word")
        hint = letter_hint(word, script)
        entry = lookup(key)
        languages = entry.foreign or ()
        if script == "CYRILLIC" and not entry.foreign_zipf("uz") and uzbek_stem(fold(uzbek_cyrillic_to_latin(word))):
            languages = (("uz", 4.0),) + tuple(languages)  # Uzbek Cyrillic inflected forms such as `базасига`
        if hint:
            languages = ((hint, 5.0),) + tuple(item for item in languages if item[0] != hint)
        elif not languages:
            # Only the script is known: a weak vote for the script's main language.
            return Word(
                word,
                key,
                "foreign",
                STRONG,
                ((SCRIPT_LANGUAGE.get(script, "und"), 0.5),),
                "script only",
            )
        return Word(word, key, "foreign", STRONG, languages, "script")
    if letters < 3:
        return Word(word, key, "neutral", reason="too short to be evidence")
    if key in allowed:
        return Word(word, key, "english", reason="allowed word")
    entry = lookup(key)
    if entry.code:
        return Word(word, key, "code", reason="code vocabulary")
    english = entry.english
    lang, foreign = entry.best_foreign()
    hint = "" if ascii_word else letter_hint(word, "LATIN")  # every letter that hints at a language is non-ASCII
    typographic = False
    # An ASCII word holds none of the Uzbek apostrophes but ' and `: most words need no search.
    if (
        not hint
        and not identifier
        and (not ascii_word or "'" in word or "`" in word)
        and _UZBEK_APOSTROPHE.search(word)
    ):
        hint = "uz"
        # ʻ (U+02BB) is the Uzbek letter sign; ' and ’ are also everyday English typography
        # ("wrong’un"): without the Uzbek sign, the apostrophe alone is weak evidence.
        typographic = "ʻ" not in word
    if (
        english >= 3.0
        and not word.isascii()
        and foreign >= 3.0
        and any(char_script(char) == "LATIN" for char in word if not char.isascii())
    ):
        # English matched only once the accents were folded away (`für` is not `fur`): English writes
        # its words without them, the other language with them. Weak alone: loans such as `café` exist.
        return Word(
            word,
            key,
            "foreign",
            WEAK,
            entry.foreign,
            f"{lang} spelling (English only without accents)",
        )
    if english >= 3.0:
        if entry.quoted_foreign():
            # A function word of another language that English text quotes (`und`, `para`, `der`, `que`), or a
            # word Uzbek code writes that is uncommon in English (`ism`, `kun`): the file's language decides.
            return _foreign_by_frequency(word, key, entry, AMBIGUOUS)
        shared = entry.shared_with(key)
        if shared:
            # A common English word that another language writes far more often (`persona`, `valor`, `alter`):
            # English in an English project, that word of the language where the profile shows it.
            return Word(word, key, SHARED, AMBIGUOUS, shared, f"English zipf {english:.1f}, {lang} zipf {foreign:.1f}")
        return _english_by_frequency(word, key, entry)
    if len(key) <= 5 and not _VOWEL.search(key):
        return Word(word, key, "code", reason="abbreviation (no vowels)")
    # Letters English spells its words without (`Réserver`, `Catálogo`): a word of the lexicon that writes them,
    # not an English derivation or a rare English word whose accents were folded away.
    accented = not ascii_word and foreign >= 3.0 and _accented(word)
    english_form = (
        ""
        if accented
        else english_derivation(key)
        or (english_compound(key, identifier) if foreign < 3.5 else "")
        or (_english_affixed(key, entry) if identifier else "")
    )
    if english_form:
        if (
            english == 0.0
            and foreign >= 4.0
            or (english_form.endswith(_AFFIXED) and foreign >= english + 2.5)
            or (foreign >= _HOMOGRAPH_ZIPF and foreign >= english + _DERIVED_HOMOGRAPH_MARGIN)
        ):
            # The exact form is a common word of another language that English does not list (`fator`,
            # `agencia`): English only by analysis, so weak evidence that the file's language decides.
            return Word(
                word,
                key,
                "foreign",
                AMBIGUOUS,
                entry.foreign,
                f"{lang} lexicon zipf {foreign:.1f}, or {english_form}",
            )
        stem = uzbek_stem(key) if english_form.endswith(_AFFIXED) and english == 0.0 else ""
        if stem:
            # `xatom`: x + atom in an IMAP client, "my mistake" in an Uzbek bot.
            return Word(word, key, "foreign", AMBIGUOUS, (("uz", 4.0),), f"Uzbek stem {stem!r}, or {english_form}")
        return Word(word, key, "english", languages=entry.foreign, reason=english_form)
    # Short words are often abbreviations (lang, dir, tok, sel): alone they are weak evidence,
    # unless the curated Uzbek list knows them and English does not.
    short = len(key) <= 4
    uzbek = entry.foreign_zipf("uz")
    if uzbek and (english < 2.5 if not short else english == 0.0):
        return Word(
            word,
            key,
            "foreign",
            STRONG,
            (("uz", uzbek),) + entry.foreign,
            "Uzbek lexicon",
        )
    if uzbek and english < (3.0 if not short else 2.5):
        return Word(
            word,
            key,
            "foreign",
            WEAK,
            (("uz", uzbek),) + entry.foreign,
            "Uzbek lexicon (also rare English)",
        )
    if english >= 1.5:
        # A word English uses (modulo, quanta, possibles) stays English unless another language
        # uses it far more (`datos`, `papel`, `pagina`).
        if foreign > english + 2.5:
            return _foreign_by_frequency(word, key, entry, WEAK if short else STRONG)
        if accented and foreign >= english + _HOMOGRAPH_MARGIN:
            return Word(word, key, "foreign", WEAK, entry.foreign, f"{lang} spelling (English only without accents)")
        if foreign >= english + _HOMOGRAPH_MARGIN and foreign >= _HOMOGRAPH_ZIPF:
            # A rare English word that is a common word elsewhere (`summe`, `datum`, `suma`, `contador`, and
            # capitalised `Pronto`, `Ciao`, `Lisboa`): English alone, but a reader of a German or Spanish file
            # reads it as German or Spanish (a capitalised one, a name or a word, as the file's language says).
            return _foreign_by_frequency(word, key, entry, AMBIGUOUS)
        return _english_by_frequency(word, key, entry)
    if foreign >= 3.0:
        return Word(
            word,
            key,
            "foreign",
            WEAK if short else STRONG,
            entry.foreign,
            f"{lang} lexicon zipf {foreign:.1f}",
        )
    stem = uzbek_stem(key)
    if stem:
        return Word(word, key, "foreign", STRONG, (("uz", 4.0),), f"Uzbek stem {stem!r}")
    loan = english_stem_uzbek_plural(key)
    if loan:  # `userlar`, `Tasklarni`: an English noun inflected in Uzbek, capitalised or not
        return Word(word, key, "foreign", STRONG, (("uz", 4.0),), f"Uzbek plural of English {loan!r}")
    if not uzbek and english < 1.5 and is_uzbek_form(key):
        # The hunspell-uz forms have no frequencies: a long form English does not know decides alone,
        # a short one or one English also writes is weak evidence that the file's language decides.
        # A capitalised match is more often a name (the list leaves names out, but not their homographs).
        strength = STRONG if english == 0.0 and len(key) >= 6 and word[:1].islower() else WEAK
        return Word(
            word,
            key,
            "foreign",
            strength,
            (("uz", 2.9),) + entry.foreign,
            "Uzbek word list (hunspell-uz)",
        )
    romanized = _romanized(word, key, english, identifier)
    if romanized:
        return romanized
    if hint:
        languages = ((hint, 5.0),) + tuple(entry.foreign)
        return Word(
            word,
            key,
            "foreign",
            WEAK if short or typographic else STRONG,
            languages,
            f"letters typical of {hint}",
        )
    compound = foreign_compound(key) if english == 0.0 and _COMPOUND_MIN <= len(key) <= _COMPOUND_MAX else None
    if foreign >= 2.5 and not (compound and compound[3]):
        # A rare word of a lexicon, unless it is a sure compound there (`kundennummer`: the list has it
        # rarely, its parts `kunden` and `nummer` are common). Written with the letters English lacks and
        # lowercase (`ungültige`, `größten`), it is that word and no English one: English spells even its
        # loans without them, and a name is capitalised.
        spelled = not ascii_word and english == 0.0 and not short and word[:1].islower()
        return Word(
            word,
            key,
            "foreign",
            STRONG if spelled else WEAK,
            entry.foreign,
            f"{lang} lexicon zipf {foreign:.1f}" + (" with its own letters" if spelled else ""),
        )
    if compound:
        compound_language, head, tail, sure = compound
        tail_entry = lookup(tail)
        # A short tail or a loan English writes too (`konto` + `typ`, `datei` + `name`): the file's language decides.
        loose = len(tail) < 4 or tail_entry.foreign_zipf(compound_language) < tail_entry.english + 1.0
        return Word(
            word,
            key,
            "foreign",
            AMBIGUOUS if loose else STRONG if sure else WEAK,
            ((compound_language, 3.5),) + tuple(item for item in entry.foreign if item[0] != compound_language),
            f"{compound_language} compound of {head!r} and {tail!r}",
        )
    if english == 0.0 and not short and (uzbek_suffix_shape(key) or (not identifier and uzbek_letter_shape(key))):
        return Word(word, key, "foreign", WEAK, (("uz", 2.0),), "Uzbek word shape")
    # In text, a capitalised word no lexicon knows is as often a name (`Davolio`): its ending says nothing.
    typical_ending = english == 0.0 and len(key) >= _ENDING_MIN_LENGTH and (identifier or word[:1].islower())
    ending = word_ending_languages(key) if typical_ending else ()
    if ending and (ending[0][1] >= _DECISIVE_ENDING or not identifier or pinyin_syllables(key) < 2):
        # No lexicon knows the word, but its ending is typical of a language (`paginacao`, `iterativo`): weak
        # evidence that the file's language decides. Only a very typical ending
        # outweighs a reading as pinyin syllables (`dingdan` is pinyin, not Turkish -dan).
        return Word(
            word,
            key,
            "foreign",
            AMBIGUOUS,
            tuple((lang, _ENDING_ZIPF) for lang, _ratio, _ending in ending),
            f"{ENDING_REASON} -{ending[0][2]} ({ending[0][0]})",
        )
    if identifier and english == 0.0 and len(key) >= 5 and pinyin_syllables(key) >= 2:
        # Alone it is no evidence (`lineno` splits into syllables too): see pinyin_context.
        return Word(word, key, "foreign", WEAK, (("zh", 2.9),), _PINYIN_REASON)
    if english > 0.0:
        return Word(word, key, "english", reason=f"rare English word (zipf {english:.1f})")
    plural = _english_plural_of_foreign(word, key, allowed) if identifier else None
    return plural or Word(word, key, "unknown", reason="in no lexicon")


_PINYIN_REASON = "pinyin syllables"


def _english_plural_of_foreign(word: str, key: str, allowed: frozenset[str]) -> Word | None:
    """`klients`, `zakazs`, `spisoks`: a foreign noun a name gives the English plural -s. The stem is that
    language's word; the profile decides (a foreign stem is found in English code now and then by chance)."""
    if len(key) < 5 or not key.endswith("s") or key.endswith("ss") or not key.isascii():
        return None
    stem = classify_word(word[:-1], allowed, True)
    # A stem read as pinyin syllables (`Lvalore`) is no word of a lexicon: the word stays unknown.
    if stem.verdict != "foreign" or stem.strength not in (STRONG, WEAK) or stem.reason == _PINYIN_REASON:
        return None
    return Word(word, key, "foreign", AMBIGUOUS, stem.languages, f"{stem.reason}, with the English plural -s")


# A Ukrainian or Russian word in Latin letters decides alone when it is this long and this common there.
_ROMANIZED_STRONG_LETTERS = 6
_ROMANIZED_STRONG_ZIPF = 3.5


def _romanized(word: str, key: str, english: float, identifier: bool) -> Word | None:
    """`spysok`, `zamovlennya`, `TOVARIV`: a Cyrillic word of a lexicon spelled in Latin letters (romanized.py).
    Asked only of words no lexicon knows (English below Zipf 1.5). In text, a capitalised one is as often a name
    (`Petrenko`). A short, rare or rare-English match counts only where the file's language says so."""
    if not identifier and not word[:1].islower():
        return None
    languages = romanized_languages(key)
    if not languages:
        return None
    lang, zipf = languages[0]
    sure = english == 0.0 and len(key) >= _ROMANIZED_STRONG_LETTERS and zipf >= _ROMANIZED_STRONG_ZIPF
    return Word(word, key, "foreign", STRONG if sure else AMBIGUOUS, languages, f"{lang} word in Latin letters")


# English inflections and derivations: (suffix, what replaces it to make the stem).
_ENGLISH_SUFFIXES = (
    ("ations", "e"),
    ("ation", "e"),
    ("ations", ""),
    ("ation", ""),
    ("ings", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ers", ""),
    ("ers", "e"),
    ("er", ""),
    ("er", "e"),
    ("ier", "y"),
    ("iers", "y"),
    ("r", ""),
    ("ors", ""),
    ("or", ""),
    ("or", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ied", "y"),
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
    ("ness", ""),
    ("ment", ""),
    ("ments", ""),
    ("able", ""),
    ("able", "e"),
    ("ize", ""),
    ("ized", ""),
    ("izer", ""),
    ("ise", ""),
    ("ity", ""),
    ("ity", "e"),
    ("ic", ""),
    ("al", ""),
    ("less", ""),
    ("ful", ""),
)
_STEM_ZIPF = 3.0
# Stem endings after which English forms a plural or third person with -es (boxes, matches, heroes).
_ES_PLURAL_STEMS = ("s", "x", "z", "ch", "sh", "o")
_LONG_STEM_ZIPF = 2.5  # decrypt + er: a long stem is rarely a foreign word by accident


def _accented(word: str) -> bool:
    """A word with a Latin letter outside ASCII (`é`, `á`, `ñ`)."""
    return any(char_script(char) == "LATIN" for char in word if not char.isascii())


def _english_by_frequency(word: str, key: str, entry) -> Word:
    """English because English uses the word often enough."""
    return Word(word, key, "english", languages=entry.foreign, reason=f"English zipf {entry.english:.1f}")


def _foreign_by_frequency(word: str, key: str, entry, strength) -> Word:
    """Another language's word by how much more often that language uses it than English does."""
    lang, foreign = entry.best_foreign()
    return Word(
        word, key, "foreign", strength, entry.foreign, f"{lang} lexicon zipf {foreign:.1f}, English {entry.english:.1f}"
    )


# The suffixes by their last letter, in the table's order: a word is tried only against those it can end with.
_ENGLISH_SUFFIXES_BY_LAST: dict[str, tuple[tuple[str, str], ...]] = {
    last: tuple(item for item in _ENGLISH_SUFFIXES if item[0][-1] == last)
    for last in {s[-1] for s, _r in _ENGLISH_SUFFIXES}
}


@lru_cache(maxsize=100_000)
def english_derivation(key: str) -> str:
    """`matcher` is match + er, `possibles` is possible + s: English words the list lacks."""
    for suffix, replacement in _ENGLISH_SUFFIXES_BY_LAST.get(key[-1:], ()):
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            stem = key[: -len(suffix)] + replacement
            if suffix == "es" and not stem.endswith(_ES_PLURAL_STEMS):
                continue  # English writes -es only after a hissing sound or o: `errores` is not error + -es
            stems = [stem]
            if not replacement and len(stem) >= 4 and stem[-1] == stem[-2]:
                stems.append(stem[:-1])  # running -> run, planned -> plan
            for candidate in stems:
                if len(candidate) < 6 and candidate not in common_words():
                    continue  # a short stem must be common English or code: no look-up needed
                entry = lookup(candidate)
                minimum = _STEM_ZIPF if len(candidate) < 6 else _LONG_STEM_ZIPF
                long_enough = len(candidate) >= (5 if suffix in ("r", "d") else 4)
                known = entry.english >= minimum or entry.code
                if long_enough and known and (entry.code or entry.english >= entry.best_foreign()[1] - 1.0):
                    return f"English {candidate!r} + -{suffix}"
    return ""


@lru_cache(maxsize=100_000)
def _solid(part: str) -> bool:
    """A part of a glued word that is surely English: common, or code vocabulary."""
    if part not in common_words():
        return False  # neither code nor Zipf 3.0: no database look-up needed
    entry = lookup(part)
    return entry.code or (entry.english >= _COMPOUND_ZIPF and entry.english >= entry.best_foreign()[1] - 0.5)


_COMPOUND_ZIPF = 3.5
_LONGEST_WORD = 30  # letters; "antidisestablishmentarianism" has 28


def _common_tail(part: str) -> bool:
    if not may_be_common_english(part):
        return False  # neither code nor Zipf 3.0: no look-up needed
    entry = lookup(part)
    return entry.code or entry.english >= 4.0


_FUNCTION_WORD_ZIPF = 6.0  # to, in, of, on, is, by, at


def english_compound(key: str, identifier: bool, depth: int = 2) -> str:
    """`ishandlerrunning`, `getfqdn`, `envar`: words glued from English words and code vocabulary."""
    return _english_compound(key, depth)


@lru_cache(maxsize=100_000)
def _english_compound(key: str, depth: int) -> str:
    # The same in an identifier and in text: decided once for both readings of a word.
    if len(key) < 6:
        return ""
    common = common_words().membership()
    # A head longer than any English word is never solid: bounding the cut keeps a 40,000-letter run linear.
    for cut in range(2, min(len(key) - 2, _LONGEST_WORD + 1)):
        head = key[:cut]
        if head not in common:
            continue  # never `_solid`: tested here first, the most frequent case costs no call
        tail = key[cut:]
        if cut == 2 and (lookup(head).english < _FUNCTION_WORD_ZIPF or not _common_tail(tail)):
            continue  # a two-letter head only as a function word before a common word (`tojson`, `isvalid`)
        if _solid(head) and (_solid(tail) or (depth > 1 and _english_compound(tail, depth - 1))):
            return f"compound of {head!r} and {tail!r}"
    return ""


_CORE_LANGUAGES = frozenset({"uz", "ru", "kk"})
_AFFIXED = " (affixed)"


def _english_affixed(key: str, entry) -> str:
    """A one- or two-letter prefix or suffix glued to an English word in an identifier:
    `qsize`, `xatom`, `fqname`, `starty`, `eline`. Not for words Russian or Uzbek spell this way."""
    if any(lang in _CORE_LANGUAGES for lang, _value in entry.foreign):
        return ""
    # A one-letter prefix (`echar`, `xatom`, `nbytes`) may stand before any solid English word; the other
    # affixes only before common ones.
    candidates = [(key[1:], key[:1], True), (key[2:], key[:2], False)]
    if key[-1] in "xyzt":
        candidates.append((key[:-1], key[-1], False))  # `starty`, `totalt`
    for part, affix, prefix_letter in candidates:
        if len(part) < 4:
            continue  # too short to be the English word: no look-up needed
        common = may_be_common_english(part) and lookup(part).english >= 4.0  # no look-up for most parts
        if common or prefix_letter and _solid(part) or english_compound(part, True):
            return f"{affix!r} glued to English {part!r}{_AFFIXED}"
    return ""


_COMPOUND_MIN = 8
_COMPOUND_MAX = 40  # longer runs of letters are no words (and each cut costs a look-up)
# Languages that write compounds as one word, with a linking -s- between the parts (`rechnungsnummer`).
_COMPOUNDING = frozenset({"de", "nl", "sv"})
_PART_ZIPF = 3.0
_SHORT_TAIL_ZIPF = 4.5
_LOAN_TAIL_HEAD_ZIPF = 4.0


# The words that can be half of a compound, in memory once a run looks for enough compounds.
_PARTS = CompoundParts(_COMPOUNDING, _PART_ZIPF)


@lru_cache(maxsize=100_000)
def _part_languages(part: str) -> dict[str, float]:
    """The compounding languages whose lexicon knows `part` well enough to be half of a compound."""
    if not _PARTS.may_hold(part):
        return {}  # surely none: no look-up
    return {lang: value for lang, value in lookup(part).foreign if value >= _PART_ZIPF and lang in _COMPOUNDING}


# How a German (Dutch, Swedish) compound's head may be written before the next part: the bare word
# (`rechnung` + `betrag`), with a linking -s-, -es-, -n- or -en- (`rechnungs`, `tages`, `kunden`, `strassen`),
# or a verb's stem without its -en, or -n after -er/-el (`bestell` + `nummer` from `bestellen`, `liefer` +
# `adresse` from `liefern`). Each is (what the head ends with, what to cut, what to add) to reach the word.
_HEAD_FORMS = (("s", 1, ""), ("es", 2, ""), ("n", 1, ""), ("en", 2, ""), ("er", 0, "n"), ("el", 0, "n"), ("", 0, "en"))
_HEAD_MIN = 4  # a shorter head is found in many random splits (`ab`, `an`, `ein`)


@lru_cache(maxsize=100_000)
def _head_forms(head: str) -> tuple[tuple[str, dict[str, float]], ...]:
    """The words a compound's head may stand for (`head` itself, its forms without a linking letter, the
    verb it is the stem of, or a compound itself: `mehrwert` + `steuer`), with their compounding languages."""
    forms = [(head, _part_languages(head))]
    for ending, cut, added in _HEAD_FORMS:
        if head.endswith(ending) and len(head) - cut >= _HEAD_MIN:
            word = head[: len(head) - cut] + added
            languages = _part_languages(word)
            if added and languages and lookup(head).english >= _PART_ZIPF:
                # A verb's stem is no word alone: it must not be an English word (`start` + `en`).
                languages = {}
            forms.append((word, languages))
    if len(head) >= _COMPOUND_MIN and not forms[0][1]:
        inner = foreign_compound(head)
        if inner and inner[3]:
            forms.append((head, {inner[0]: _NESTED_ZIPF}))  # three parts: `mehrwert` + `steuer` + `satz`
    return tuple((word, languages) for word, languages in forms if languages)


_NESTED_ZIPF = 3.5  # the weight of a head that is a sure compound itself


@lru_cache(maxsize=100_000)
def foreign_compound(key: str) -> tuple[str, str, str, bool] | None:
    """A word glued from two words of a language that writes compounds as one word (`rechnungsnummer`,
    `hilfsfunktionen`, `seitenlaenge`, `lieferadresse`): (language, head, tail, sure) or None. The head may
    carry a linking letter or be a verb's stem, or be such a compound itself (`_head_forms`). Sure when both
    parts are long, common there and rare or absent in English; otherwise weak evidence that the file's
    language decides (a random split finds short words: `vart` + `heta`). English compounds are found first
    (english_compound), so `hostname` never gets here."""
    best: tuple[float, tuple[str, str, str, bool]] | None = None
    # Most tails of a word are no part of a compound: those are found at once (`_PARTS`), only the others looked up.
    listed = _PARTS.among([key[cut:] for cut in range(_HEAD_MIN, len(key) - 2)])
    for cut in range(_HEAD_MIN, len(key) - 2):
        head, tail = key[:cut], key[cut:]
        if tail not in listed:
            continue  # no foreign lexicon holds it: no part of a compound (`_part_languages` is empty)
        tail_languages = _part_languages(tail)
        if len(tail) == 3:
            # A three-letter tail (`konto` + `typ`) only when it is a very common word there and rare in English.
            tail_languages = {
                lang: value
                for lang, value in tail_languages.items()
                if value >= _SHORT_TAIL_ZIPF and value >= lookup(tail).english + 2.0 and len(head) >= 5
            }
        if not tail_languages:
            continue
        for head_part, head_languages in _head_forms(head):
            if max(len(head_part), len(tail)) < 5:
                continue  # two four-letter words are found in many random splits
            for lang in head_languages.keys() & tail_languages.keys():
                found = _compound_reading(lang, head_part, head_languages[lang], tail, tail_languages[lang])
                if found and (best is None or found[0] > best[0]):
                    best = found
    return best[1] if best else None


# A part of a sure compound: at least this long, this common in its language, and this much more common
# there than in English (`felder`: German 4.1, English 2.4).
_SURE_PART_LETTERS = 5
_SURE_PART_ZIPF = 3.5
_SURE_PART_MARGIN = 1.5
_SURE_PART_ENGLISH = 2.5
_SURE_SHORT_TAIL_ZIPF = 4.5


def _compound_reading(
    lang: str, head: str, head_zipf: float, tail: str, tail_zipf: float
) -> tuple[float, tuple[str, str, str, bool]] | None:
    """(score, (language, head, tail, sure)) when `head` + `tail` reads as a compound of `lang`, else None."""
    head_entry, tail_entry = lookup(head), lookup(tail)
    # Both parts are words of this language more than of English: foreign lexicons hold English
    # loans (`mode`, `name`, `chars`), and English code glues those (`filemode`, `qualname`).
    # A loan after a head English does not write at all is the language's compound (`dateiname`).
    foreign_head = head_entry.english == 0.0 and head_zipf >= _LOAN_TAIL_HEAD_ZIPF and len(head) >= 5
    if head_zipf < head_entry.english + 1.0 or (
        tail_zipf < tail_entry.english + 1.0 and not (foreign_head and tail_zipf >= _PART_ZIPF + 1.0)
    ):
        return None
    score = min(head_zipf, tail_zipf)
    sure = all(
        zipf >= _SURE_PART_ZIPF and entry.english < _SURE_PART_ENGLISH and zipf >= entry.english + _SURE_PART_MARGIN
        for zipf, entry in ((head_zipf, head_entry), (tail_zipf, tail_entry))
    ) and (
        min(len(head), len(tail)) >= _SURE_PART_LETTERS
        # A four-letter tail that is one of the language's most common words after a long head (`steuer` +
        # `jahr`, `mehrwertsteuer` + `satz`): German compounds end so at least as often as with longer words.
        or (len(tail) == 4 and len(head) >= 6 and tail_zipf >= _SURE_SHORT_TAIL_ZIPF)
    )
    return score, (lang, head, tail, sure)


def compound_noun(word: Word) -> bool:
    """A capitalised word that is a sure compound of a language that writes compounds as one word and
    capitalises its nouns (`Kundennummer`, `Rechnungsbetrag`): a noun of that language, not a name."""
    key = word.key
    if word.verdict != "foreign" or lookup(key).english or not _COMPOUND_MIN <= len(key) <= _COMPOUND_MAX:
        return False
    compound = foreign_compound(key)
    return bool(compound and compound[3])


_ENDING_MIN_LENGTH = 6
ENDING_REASON = "word ending"
_DECISIVE_ENDING = 5.0  # a log ratio of 5: the ending is 150 times more frequent there than in English
# The weight of an ending among a word's languages: below the Zipf 3.0 that lets one weak word decide.
_ENDING_ZIPF = 2.0


@lru_cache(maxsize=100_000)
def word_ending_languages(key: str) -> tuple[tuple[str, float, str], ...]:
    """The languages whose words end like `key` far more often than English words do (tools/build_lexicon_derived.py),
    as (language, log ratio, ending), likeliest first; the longest known ending decides."""
    table = derived_data().get("endings", {})
    for length in (4, 3):
        ratios = table.get(key[-length:])
        if ratios:
            top = max(ratios.values())
            return tuple(
                sorted(
                    ((lang, ratio, key[-length:]) for lang, ratio in ratios.items() if ratio >= top - 1.0),
                    key=lambda item: -item[1],
                )
            )
    return ()
