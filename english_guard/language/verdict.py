"""The verdict: is a text English? Decided word by word, then named with a language-ID model.

Document-level language identification fails on code text (a five-word comment with one English
jargon word, an identifier of two words), so the decision is made from evidence about each word
(`words`): is it English, code vocabulary, a proper noun, or a word of another language. The model
only names the language of text the words already showed to be foreign.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from english_guard.language.lexicon import lookup
from english_guard.language.profile import ANY, SHARED_PREFIX
from english_guard.language.prose import (
    PLAIN_ENGLISH,
    TITLE_CASE_REASON,
    classify_prose,
    no_foreign_word,
    plainly_english,
    prose_body,
)
from english_guard.language.scripts import (
    TURKIC_LATIN,
    cyrillic_languages,
    latin_language,
    latin_letters_decide,
    russian_letters,
)
from english_guard.language.tokens import prose_tokens, split_identifier
from english_guard.language.words import (
    AMBIGUOUS,
    ENDING_REASON,
    OUTPUT_ALIASES,
    SHARED,
    STRONG,
    WEAK,
    Word,
    classify_identifier_word,
    one_word_leans,
    pinyin_context,
)
from english_guard.records import Verdict

_KANA = re.compile(r"[\u3040-\u30ff]")
_FASTTEXT_ALIASES = {"no": "nb", "iw": "he", "in": "id", "ji": "yi"}


def judge(text: str, kind: str, allowed: frozenset[str] = frozenset(), explain: bool = False) -> Verdict:
    """Judge `text` of the given kind (identifier, comment, docstring, string, prose).

    The evidence for each word is kept on non-English verdicts, and on English ones only when
    `explain` is asked for (it is the lint path's hottest allocation).
    """
    return _judge(text, kind, allowed, explain)


@lru_cache(maxsize=100_000)
def _judge(text: str, kind: str, allowed: frozenset[str], explain: bool) -> Verdict:
    if not explain and text.isascii() and plainly_english(text) and not (kind == "identifier" and one_word_leans(text)):
        return PLAIN_ENGLISH
    if kind == "identifier":
        words = pinyin_context([classify_identifier_word(w, text, allowed) for w in split_identifier(text)])
        return _decide(words, text, kind, explain)
    if not explain and text.isascii() and no_foreign_word(text, allowed):
        return PLAIN_ENGLISH
    body = prose_body(text, kind)
    if body is None:
        return Verdict(True, "en", 1.0, (), "directive, code or header")
    tokens = prose_tokens(body)
    words = classify_prose(tokens, allowed)
    return _decide(words, body, kind, explain)


# ---------------------------------------------------------------- verdict ---

# The word verdicts that are no evidence of another language at all: a text whose every word has one of
# them, or is a word no lexicon knows that `_unknown_weighs` leaves out, is English with no leaning in
# `_decide`, whatever its kind and context. The pre-parse screen (english_guard.screen) clears whole files
# on this (`no_evidence`); the check's exactness test holds both to it.
SETTLED_ENGLISH = frozenset({"english", "code", "neutral"})


def _unknown_weighs(word: Word) -> bool:
    """A word no lexicon knows leans towards another language when it is long enough and all letters."""
    return word.verdict == "unknown" and len(word.key) >= 4 and word.key.isalpha()


def no_evidence(word: Word) -> bool:
    return word.verdict in SETTLED_ENGLISH or (word.verdict == "unknown" and not _unknown_weighs(word))


def _decide(words: list[Word], text: str, kind: str, explain: bool = True) -> Verdict:
    strong: list[Word] = []
    weak: list[Word] = []
    english: list[Word] = []
    unknown: list[Word] = []
    shared = 0
    ambiguous = False
    for w in words:  # one pass: this runs for every text that takes the full analysis
        if w.verdict == "foreign":
            if w.strength == STRONG:
                strong.append(w)
            elif w.strength == WEAK:
                weak.append(w)
        elif w.verdict in ("english", "code"):
            english.append(w)
        elif w.verdict == "unknown":
            unknown.append(w)
        elif w.verdict == SHARED:
            shared += 1
        if w.strength == AMBIGUOUS:
            ambiguous = True
    if strong or weak or ambiguous:
        # `von`, `bis`, `die`, `con`, `los`: English words, but next to words of the language they are the
        # everyday function words of, no evidence of English.
        function_words = _function_words_beside(words)
        if function_words:
            english = [w for w in english if w not in function_words]
    # Words English shares with another language count as English in a sure decision; only the profile
    # makes them evidence (`_leaning`).
    english_or_shared = len(english) + shared
    evidence = tuple(w.evidence() for w in words) if (explain or strong or weak) else ()
    foreign = strong + weak
    if strong:
        share = len(foreign) / max(1, len(foreign) + english_or_shared)
        confidence = min(0.99, 0.7 + 0.3 * share)
    elif (
        weak
        and len(weak) + len(unknown) > english_or_shared
        and (len(weak) >= 2 or any(len(w.key) >= 5 and w.languages and w.languages[0][1] >= 3.0 for w in weak))
    ):
        share = len(weak) / max(1, len(weak) + english_or_shared + len(unknown))
        confidence = 0.5 + 0.3 * share
    else:
        leaning = _leaning(words, english, kind)
        if leaning and not evidence:
            evidence = tuple(w.evidence() for w in words)
        return Verdict(
            True, "en", _english_confidence(english, unknown), evidence, "no foreign word evidence", leaning=leaning
        )
    language, candidates = _name_language(foreign, words, text, kind)
    return Verdict(
        False,
        language,
        round(confidence, 2),
        evidence,
        f"{len(foreign)} foreign word(s) against {len(english)} English",
        candidates,
    )


# Natural-log likelihood ratios (foreign against English) of the evidence too weak to decide alone.
_WEAK_WORD = 1.6  # a short or ambiguous word of a foreign lexicon (`tuman`, `campo`), pinyin syllables
_NAME_WORD = 1.0  # a capitalised word a foreign lexicon knows, taken for a name without context
_UNKNOWN_WORD = 0.9  # a word no lexicon knows (`poisk`, `shirota`): towards whatever the project writes
_ENGLISH_WORD = -1.6  # an English word next to them
_CODE_WORD = -0.6  # code vocabulary next to them
# In an identifier, English words next to a foreign word are the rule, not evidence against it: teams that
# name in their language glue it to English verbs and nouns (`getKontostand`, `neuerText`, `getTupla`).
# The project's profile still decides: on an English project no such identifier can win.
_IDENTIFIER_ENGLISH_WORD = -0.5
_IDENTIFIER_CODE_WORD = -0.2
_BORROWED_WORD = 0.8  # a weak word of a neighbouring language's lexicon
_FUNCTION_WORD = 0.6  # a two-letter function word of a language other words of the text lean to
# A word English shares with another language (`persona`): this much per Zipf point that language writes it
# more often than English, at most a weak word's ratio.
_SHARED_PER_ZIPF = 0.8
# Languages whose code borrows each other's words or shares their spellings.
NEIGHBOURS = {
    "ru": ("uz", "kk", "uk", "be", "ky", "tg"),
    "uk": ("ru",),
    "kk": ("uz", "ky"),
    "uz": ("kk", "tr"),
    "tr": ("az", "uz"),
    "az": ("tr",),
    "es": ("pt", "ca", "gl"),
    "pt": ("es", "gl"),
    "it": ("es", "pt"),
    "de": ("nl",),
    "nl": ("de",),
    "ms": ("id",),
    "id": ("ms",),
    "fa": ("uz", "tg"),
    "ar": ("uz", "fa"),
}


def _leaning(words: list[Word], english: list[Word], kind: str) -> tuple[tuple[str, float], ...]:
    """Per-language evidence of the words that could not decide alone; () when there is none or English
    outweighs it whatever the context. Words English shares with another language (`persona`) give a
    second ratio per language, under SHARED_PREFIX, that counts only where the profile shows that
    language (profile.resolve)."""
    leaning = _ratios(words, english, kind, with_shared=False)
    if any(word.verdict == SHARED for word in words):
        for lang, value in _ratios(words, english, kind, with_shared=True).items():
            if lang != ANY and value > leaning.get(lang, float("-inf")):
                leaning[SHARED_PREFIX + lang] = value
    if not leaning or max(leaning.values()) < 0.0:
        return ()
    return tuple(sorted(((lang, round(value, 2)) for lang, value in leaning.items()), key=lambda item: -item[1]))


def _shared_ratio(word: Word) -> float:
    """The log likelihood ratio of a word English shares with another language: larger the more often that
    language writes it than English does (`vida`, `forma` more than `font`, `cargo`), never above a weak word's."""
    gap = word.languages[0][1] - lookup(word.key).english
    return min(_WEAK_WORD, _SHARED_PER_ZIPF * gap)


def _ratios(words: list[Word], english: list[Word], kind: str, with_shared: bool) -> dict[str, float]:
    """The leaning's ratios by language ({} when there is no evidence), with or without the shared words."""
    ratios: dict[str, float] = defaultdict(float)
    any_foreign = 0.0
    borrowed: dict[str, float] = {}
    for word in words:
        shared = with_shared and word.verdict == SHARED
        if (
            word.verdict == "foreign"
            and word.strength in (WEAK, AMBIGUOUS)
            or word.verdict == "proper"
            and word.languages
            or shared
        ):
            value = _shared_ratio(word) if shared else _WEAK_WORD if word.verdict == "foreign" else _NAME_WORD
            ending = word.reason.startswith(ENDING_REASON)
            if ending:
                # A word no lexicon knows: evidence for any language the profile shows, a little more for
                # the languages its ending points to (`concatenar`: -nar is Swedish too, but a Spanish file's).
                any_foreign += _UNKNOWN_WORD
                value = _WEAK_WORD - _UNKNOWN_WORD
            if not word.languages:
                continue
            top = word.languages[0][1]
            for lang, zipf in word.languages:
                if zipf >= top - 1.0:
                    lang = OUTPUT_ALIASES.get(lang, lang)
                    ratios[lang] = max(ratios[lang], 0.0) + value if lang in ratios else value
                    # A neighbour's word is weak evidence of the neighbour too: Uzbek and Kazakh code
                    # borrows Russian words (`avto`), Portuguese code has Spanish spellings.
                    for neighbour in () if ending or shared else NEIGHBOURS.get(lang, ()):
                        borrowed[neighbour] = max(borrowed.get(neighbour, 0.0), _BORROWED_WORD)
        elif word.verdict == "unknown" and _unknown_weighs(word):  # the test of most words, without a call
            any_foreign += _UNKNOWN_WORD
    if ratios:
        # Two-letter function words (`en`, `la`, `ve`, `zu`) are no evidence alone, but next to weak words of
        # their language they are what a reader recognises it by ("Funciones en Python"); so are the English
        # words that are its function words too (`von`, `bis`: `_function_words_beside`).
        for word in words:
            if (word.verdict == "neutral" and len(word.key) == 2 or word.verdict == "english") and word.key.isalpha():
                for lang in _function_word_languages(word.key):
                    if lang in ratios:
                        ratios[lang] += _FUNCTION_WORD
    if not ratios and not any_foreign and not borrowed:
        return {}
    # Each entry is the whole ratio if the text is in that language; "*" is for any other language.
    # Code vocabulary (`doc`, `imp`, `str`) is jargon every language's code writes: little evidence of English.
    if kind == "identifier":
        against = sum(
            _IDENTIFIER_ENGLISH_WORD if word.verdict == "english" else _IDENTIFIER_CODE_WORD for word in english
        )
    elif kind in ("comment", "docstring") and any(word.reason == TITLE_CASE_REASON for word in words):
        # A title (`Benutzer Model`): its capitalised English words are as much names of code as English prose.
        # (A string's Title Case label has its own reading, `labels.title_case_leaning`.)
        against = sum(
            _ENGLISH_WORD if word.verdict == "english" and not word.text[:1].isupper() else _CODE_WORD
            for word in english
        )
    else:
        against = sum(_ENGLISH_WORD if word.verdict == "english" else _CODE_WORD for word in english)
    for lang, value in borrowed.items():
        if lang not in ratios:
            ratios[lang] = value
    turkish, azerbaijani = TURKIC_LATIN
    if turkish in ratios:
        # Azerbaijani has no word list here: a Turkish word is an Azerbaijani one too, a little less likely (the
        # Azerbaijani share of the profile must be clearly larger than the Turkish one to name it so).
        ratios[azerbaijani] = max(ratios.get(azerbaijani, float("-inf")), ratios[turkish] - _AZERBAIJANI_MARGIN)
    leaning = {lang: value + any_foreign + against for lang, value in ratios.items()}
    if any_foreign:
        leaning[ANY] = any_foreign + against
    return leaning


@lru_cache(maxsize=4096)
def _function_word_languages(key: str) -> tuple[str, ...]:
    """The languages whose very common word `key` is while English rarely writes it (`en`, `la`, `ve`), or,
    for a word of three or four letters, writes it a hundred times less often (`von`, `bis`, `die`, `con`)."""
    if len(key) > _FUNCTION_WORD_LETTERS:
        return ()
    entry = lookup(key)
    if not entry.foreign or entry.code:
        return ()
    top = entry.foreign[0][1]
    margin = _FUNCTION_WORD_MARGIN if len(key) == 2 else _LONGER_FUNCTION_WORD_MARGIN
    if top < _FUNCTION_WORD_MIN_ZIPF or top < entry.english + margin:
        return ()
    return tuple(OUTPUT_ALIASES.get(lang, lang) for lang, value in entry.foreign if value >= top - 0.5)


_FUNCTION_WORD_LETTERS = 4
_FUNCTION_WORD_MIN_ZIPF = 6.0  # once in a million words or more often
_FUNCTION_WORD_MARGIN = 2.5
_LONGER_FUNCTION_WORD_MARGIN = 2.0


def _function_words_beside(words: list[Word]) -> list[Word]:
    """The English words of a text that are function words of a language one of its foreign words is in
    (`von` and `bis` beside `Wert`): such a word is no evidence of English there."""
    languages = {
        OUTPUT_ALIASES.get(w.languages[0][0], w.languages[0][0])
        for w in words
        if w.verdict == "foreign" and w.languages
    }
    return [w for w in words if w.verdict == "english" and languages.intersection(_function_word_languages(w.key))]


def _english_confidence(english: list[Word], unknown: list[Word]) -> float:
    if not english and not unknown:
        return 1.0
    return round(0.6 + 0.4 * len(english) / (len(english) + len(unknown)), 2)


# Shares of the languages the letters allow, by how many they allow (the first is the likelier one).
_OPEN_LETTER_SHARES = {1: (1.0,), 2: (0.6, 0.4), 3: (0.5, 0.3, 0.2)}


def _name_language(foreign: list[Word], words: list[Word], text: str, kind: str) -> tuple[str, tuple]:
    """The language of the foreign words, and the runner-up candidates with their shares."""
    from english_guard.language.naming import language_scores  # loads the model on first use only

    if _KANA.search(text):
        return "ja", (("ja", 1.0),)
    sample = " ".join(w.text for w in foreign) if kind == "identifier" else text
    scores = {_FASTTEXT_ALIASES.get(lang, lang): p for lang, p in language_scores(sample)}
    foreign_text = " ".join(w.text for w in foreign)
    cyrillic_unknown = turkic_endings = cyrillic_open = False
    if any(w.reason.startswith("script") for w in foreign):
        allowed = cyrillic_languages(foreign_text if kind == "identifier" else text)
        if allowed[0]:
            # Letters that leave neighbours open (қ ғ: Uzbek or Kazakh) make a close call that the file's
            # and the project's languages decide (rules.harmonise_languages, context.name_close_calls).
            return allowed[0], tuple(zip(allowed, _OPEN_LETTER_SHARES[len(allowed)], strict=True))
        cyrillic_open = True
        cyrillic_unknown, turkic_endings = _unknown_cyrillic(foreign)
    votes: dict[str, float] = defaultdict(float)
    for word in foreign:
        if not word.languages:
            continue
        top = word.languages[0][1]
        close = [lang for lang, value in word.languages if value >= top - 0.5]
        weight = (0.5 if word.reason == "script only" else 1.5 if word.strength == STRONG else 1.0) / len(close)
        for lang in close:
            votes[lang] += weight
    # Two-letter function words (va, bu, da, do) are no evidence alone but help to name the language.
    for word in words:
        if word.verdict == "neutral" and word.reason.startswith("too short"):
            for lang, _value in lookup(word.key).foreign[:3]:
                if lang in votes:
                    votes[lang] += 0.25
    model_weight = 1.0 if kind == "identifier" else 2.0
    if votes:
        for lang in list(votes):
            votes[lang] += model_weight * scores.get(lang, 0.0)
        if cyrillic_unknown:
            # Words no lexicon knows vote for Russian by their script only: the model may know their language.
            for lang in _UNLISTED_CYRILLIC:
                votes[lang] += model_weight * scores.get(lang, 0.0)
    else:
        votes.update({lang: p for lang, p in scores.items() if lang != "en"})
    if not votes:
        return "und", ()
    total = sum(votes.values()) or 1.0
    ranked = sorted(((lang, value / total) for lang, value in votes.items()), key=lambda item: -item[1])
    # Letters that only one of the likely languages writes decide (ə, ı ş ğ, ã õ ñ; Portuguese or Spanish
    # by their function words): the model and the lexicons often confuse these neighbours.
    lettered = foreign_text if kind == "identifier" else text
    decided = latin_language(lettered, tuple(lang for lang, _ in ranked))
    if decided and decided != ranked[0][0]:
        ranked = [(decided, 1.0)] + [(lang, share) for lang, share in ranked if lang != decided]
    if decided and latin_letters_decide(lettered):
        # A letter only this language writes (ə, ã, ñ): no neighbour is a close call, whatever the file writes.
        ranked = [ranked[0]] + [(lang, share * _NOT_CLOSE) for lang, share in ranked[1:]]
    elif ranked[0][0] in TURKIC_LATIN:
        # Turkish or Azerbaijani without ə: the same letters, and no Azerbaijani word list: a close call that the
        # file's and the project's language decide, Turkish unless they show clearly more Azerbaijani.
        top = ranked[0][1]
        turkish, azerbaijani = TURKIC_LATIN
        ranked = [(turkish, top), (azerbaijani, top * _AZERBAIJANI_SHARE)] + [
            (lang, share) for lang, share in ranked[1:] if lang not in TURKIC_LATIN
        ]
    ranked = [(lang, share) for lang, share in ranked if share > 0.0] or ranked[:1]
    if cyrillic_unknown:
        ranked = _open_to_unlisted_cyrillic(ranked, turkic_endings, _not_uzbek(foreign))
    elif cyrillic_open and ranked[0][0] in _EAST_SLAVIC and _words_decide_east_slavic(foreign):
        # A word only the Ukrainian list knows (`Головне`, `Скасувати`) and none only the Russian one knows (or
        # the other way round): the words name the text, not the file's language.
        decided_language = _words_decide_east_slavic(foreign)
        top = ranked[0][1]
        ranked = [(decided_language, top)] + [
            (lang, share * _NOT_CLOSE) for lang, share in ranked if lang != decided_language
        ]
    elif cyrillic_open and ranked[0][0] == "ru" and not russian_letters(text) and _ukrainian_words_too(foreign):
        # Words both Russian and Ukrainian write (`Назад`, `Меню`) and no letter of either: the file's and
        # the project's profile names them.
        top = ranked[0][1]
        ranked = [ranked[0], ("uk", max(top, dict(ranked).get("uk", 0.0)))] + [
            (lang, share) for lang, share in ranked[1:] if lang != "uk"
        ]
    if not decided and not cyrillic_open:  # letters that decide (ã, ñ, і) are never a tie
        ranked = _lexicon_ties(ranked, foreign)
    candidates = tuple((OUTPUT_ALIASES.get(lang, lang), round(share, 3)) for lang, share in ranked[:4])
    return candidates[0][0], candidates


# Below half the top share: not a close call (findings._close_candidates).
_NOT_CLOSE = 0.45
# A Turkic text without ə is Azerbaijani where the profile's Azerbaijani share is about a third larger than the
# Turkish one: its share of the close call, and the margin of its log likelihood ratio (log 0.75 = -0.29).
_AZERBAIJANI_SHARE = 0.75
_AZERBAIJANI_MARGIN = 0.3
_EAST_SLAVIC = ("ru", "uk")
# A word a lexicon lists at least this often is a word of that language, not a stray form.
_SURE_WORD_ZIPF = 3.0


def _words_decide_east_slavic(foreign: list[Word]) -> str:
    """ "uk" when a Cyrillic word of four letters or more is a word of the Ukrainian list and not of the Russian
    one, and no word is the other way round; "ru" the other way round; else "" (the words are shared, or
    both)."""
    only: set[str] = set()
    for word in foreign:
        if word.reason != "script" or len(word.key) < 4:
            continue
        listed = {lang for lang, zipf in word.languages if zipf >= _SURE_WORD_ZIPF}
        known = {lang for lang, _zipf in word.languages}
        for language, other in (("uk", "ru"), ("ru", "uk")):
            if language in listed and other not in known:
                only.add(language)
    return next(iter(only)) if len(only) == 1 else ""


def _lexicon_ties(ranked: list[tuple[str, float]], foreign: list[Word]) -> list[tuple[str, float]]:
    """The ranking with the languages every foreign word's lexicon entry lists about as often as the top one
    (`brutto`: Italian 4.2, German 3.7, Polish 3.7) raised to a close call: the words cannot tell them apart,
    so the file's and project's languages name the text (findings.harmonise_languages), not the model alone."""
    if not ranked or not foreign or any(not w.languages or w.reason.startswith("script") for w in foreign):
        return ranked
    tied: set[str] | None = None
    for word in foreign:
        top = word.languages[0][1]
        close = {OUTPUT_ALIASES.get(lang, lang) for lang, value in word.languages if value >= top - _TIE_ZIPF}
        tied = close if tied is None else tied & close
    top_language, top_share = ranked[0]
    if not tied or top_language not in tied or len(tied) == 1:
        return ranked
    floor = top_share * _TIE_SHARE
    raised = [(lang, max(share, floor) if lang in tied else share) for lang, share in ranked[1:]]
    missing = [(lang, floor) for lang in sorted(tied) if lang not in dict(ranked)]
    return [ranked[0], *sorted(raised + missing, key=lambda item: -item[1])]


# Languages whose lexicons list a word within this many Zipf points of each other are a close call for the
# profile (`zapisano`: transliterated Russian 3.3, Polish 2.6; `brutto`: Italian 4.2, German and Polish 3.7).
_TIE_ZIPF = 1.0
_TIE_SHARE = 0.51  # above the half of the top share that `findings._close_candidates` counts as a close call


# Cyrillic languages with no word list of their own: a text of their words is known to no lexicon, and
# only letters (ә ұ һ, ң ө ү, қ ғ) or the file's language can tell it from Russian.
_UNLISTED_CYRILLIC = ("kk", "ky")
# The languages such a text is a close call between when its letters say nothing (`Профиль табылмады`):
# Russian by its script, Kazakh by the words Russian does not know, Uzbek Cyrillic (names, words its list
# lacks): the file's and the project's languages decide (findings.harmonise_languages, context.name_close_calls).
_CYRILLIC_CLOSE_CALL = ("ru", "kk", "uz")


# Endings of Kazakh (and Uzbek, Kyrgyz) inflection: past tense (`табылмады`), plural (`сұрақтар`), the polite
# second person (`жазыңыз`), infinitive (`бастау`). Russian words end so too (`воды`, `компьютер`), but
# those the Russian word list knows: only a word no lexicon knows is read by this ending.
_TURKIC_ENDINGS = (
    "ды", "ді", "ты", "ті", "ған", "ген", "қан", "кен", "лар", "лер", "дар", "дер", "тар", "тер",
    "мыз", "міз", "сыз", "сіз", "ңыз", "ңіз", "ау", "еу",
    # the infinitive after a consonant (`тексеру`, `жазу`, `кету`) and agent nouns (`пайдаланушы`): Russian
    # spelling never ends a word in `шы` or `жы`
    "ру", "лу", "зу", "ту", "шы", "ші", "жы",
)  # fmt: skip
# How much less likely Russian is than a Turkic language for a text whose unknown words end so.
_RUSSIAN_AGAINST_TURKIC_ENDINGS = 0.3


def _unknown_cyrillic(foreign: list[Word]) -> tuple[bool, bool]:
    """(are at least half of the Cyrillic words of three letters or more known to no lexicon, do at least
    half of those unknown words end like Turkic inflection)."""
    cyrillic = [w for w in foreign if w.reason.startswith("script") and len(w.key) >= 3]
    unknown = [w for w in cyrillic if w.reason == "script only"]
    if not cyrillic or 2 * len(unknown) < len(cyrillic):
        return False, False
    turkic = sum(1 for w in unknown if w.key.endswith(_TURKIC_ENDINGS))
    return True, 2 * turkic >= len(unknown)


def _ukrainian_words_too(foreign: list[Word]) -> bool:
    """Does the Ukrainian word list know every Cyrillic word of three letters or more that a list knows?"""
    known = [w for w in foreign if w.reason == "script" and len(w.key) >= 3]
    return bool(known) and all(any(lang == "uk" for lang, _zipf in w.languages) for w in known)


def _open_to_unlisted_cyrillic(
    ranked: list[tuple[str, float]], turkic: bool, not_uzbek: bool
) -> list[tuple[str, float]]:
    """The ranking with the Cyrillic close-call languages at the top share, so that the file's and the
    project's profile names the text; with no profile the top one stays. Words with Turkic endings make
    Russian the less likely reading; a letter the Uzbek alphabet lacks (`ы` in `Ауысымды бастау`) leaves
    Uzbek out, so such a text is Kazakh (or Russian) even in an Uzbek project."""
    top_language, top = ranked[0]
    if top_language not in _CYRILLIC_CLOSE_CALL:
        return ranked
    open_languages = tuple(lang for lang in _CYRILLIC_CLOSE_CALL if not (not_uzbek and lang == "uz"))
    rest = [(lang, share) for lang, share in ranked[1:] if lang not in _CYRILLIC_CLOSE_CALL]
    if top_language not in open_languages:
        return [(lang, top) for lang in open_languages] + rest
    close = [(lang, top) for lang in open_languages if lang != top_language]
    if turkic and top_language == "ru":
        return [*close, ("ru", top * _RUSSIAN_AGAINST_TURKIC_ENDINGS), *rest]
    return [ranked[0], *close, *rest]


# Letters of Russian and Kazakh that the Uzbek Cyrillic alphabet does not have.
_NOT_UZBEK_LETTERS = frozenset("ыщ")


def _not_uzbek(foreign: list[Word]) -> bool:
    """Does a Cyrillic word no lexicon knows hold a letter Uzbek does not write?"""
    return any(w.reason == "script only" and not _NOT_UZBEK_LETTERS.isdisjoint(w.key) for w in foreign)
