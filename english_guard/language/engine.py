"""The verdict: is a text English? Decided word by word, then named with a language-ID model.

Document-level language identification fails on code text (a five-word comment with one English
jargon word, an identifier of two words), so the decision is made from evidence about each word:
is it English, code vocabulary, a proper noun, or a word of another language (another script, a
foreign lexicon, Uzbek morphology, transliterated Russian). The model only names the language of
text the words already showed to be foreign.
"""
from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from english_guard.language.lexicon import common_words, lookup
from english_guard.language.morphology import uzbek_letter_shape, uzbek_stem, uzbek_suffix_shape
from english_guard.language.pinyin import pinyin_syllables
from english_guard.language.normalize import APOSTROPHES, fold, uzbek_cyrillic_to_latin
from english_guard.language.scripts import SCRIPT_LANGUAGE, letter_hint, word_scripts
from english_guard.language.tokens import Token, prose_tokens, split_identifier
from english_guard.model import Verdict, WordEvidence

STRONG, WEAK = 2, 1

# Tool directives and file headers: English whatever words they contain.
_DIRECTIVE = re.compile(
    r"""^\s*(?:
        !                                   # shebang
      | -\*-                                # editor modelines
      | vim?:
      | (?:noqa|nosec|type:|pragma\b|fmt:|pylint:|isort:|mypy:|pyright:|ruff:|flake8[:\s]|english-guard:
         |yamllint|shellcheck|hadolint|eslint|prettier|cspell|codespell|spellchecker|language=|syntax=|escape=
         |SPDX-|coding[:=]|Copyright\b|\(c\)|©|nolint|nocover|no\s?cover|lgtm|skipcq|sourcery|pyre-)
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_THREE_WORDS = re.compile(r"[^\W\d_]{2,} [^\W\d_]{2,} [^\W\d_]{2,}")
_CODE_HINT = re.compile(r"[()\[\]=.{}]|^\s*(?:import|from|return|raise|del|assert|yield|await|print)\b")
_CONFIG_LINE = re.compile(r"^\s*-?\s*[\w.\-/\"']+\s*[:=]\s*\S*\s*$|^\s*--?[\w-]+(?:[ =]\S+)?\s*$")
_DOCTEST = re.compile(r"^\s*(?:>>>|\.\.\.)")
_FIELD_MARKER = re.compile(r":(?:param|type|returns?|rtype|raises?|var|ivar|cvar|meta)\b[^:]*:")
_KANA = re.compile(r"[\u3040-\u30ff]")
# o' and g' inside a word (`o'quvchi`, `bog'lanadi`), but not English contractions and possessives (dog's).
_UZBEK_APOSTROPHE = re.compile(r"(?i)[og][ʻ'’`‘ʼ](?!(?:s|t|ll|re|ve|d|m)\b)[^\W\d_]")

_FASTTEXT_ALIASES = {"no": "nb", "iw": "he", "in": "id", "ji": "yi"}
_OUTPUT_ALIASES = {"nb": "no"}


@dataclass(slots=True)
class _Word:
    text: str
    key: str
    verdict: str
    strength: int = 0
    languages: tuple[tuple[str, float], ...] = ()
    reason: str = ""

    def evidence(self) -> WordEvidence:
        language = self.languages[0][0] if self.languages else ""
        return WordEvidence(self.text, self.verdict, _OUTPUT_ALIASES.get(language, language), self.reason)


def judge(text: str, kind: str, allowed: frozenset[str] = frozenset(), explain: bool = False) -> Verdict:
    """Judge `text` of the given kind (identifier, comment, docstring, string, prose).

    The evidence for each word is kept on non-English verdicts, and on English ones only when
    `explain` is asked for (it is the lint path's hottest allocation).
    """
    return _judge(text, kind, allowed, explain)


@lru_cache(maxsize=100_000)
def _judge(text: str, kind: str, allowed: frozenset[str], explain: bool) -> Verdict:
    if not explain and text.isascii() and _plainly_english(text):
        return _PLAIN_ENGLISH
    if kind == "identifier":
        words = _pinyin_context([_classify_identifier_word(w, text, allowed) for w in split_identifier(text)])
        return _decide(words, text, kind, explain)
    if not explain and text.isascii() and _no_foreign_word(text, allowed):
        return _PLAIN_ENGLISH
    body = _prose_body(text, kind)
    if body is None:
        return Verdict(True, "en", 1.0, (), "directive, code or header")
    tokens = prose_tokens(body)
    words = _classify_prose(tokens, allowed)
    return _decide(words, body, kind, explain)


def _pinyin_context(words: list[_Word]) -> list[_Word]:
    """Next to a pinyin word, short words that are pinyin syllables (`hou`, `shu`) are pinyin too."""
    if not any(w.reason == "pinyin syllables" for w in words):
        return words
    out = []
    for word in words:
        if word.verdict == "english" and len(word.key) <= 4 and pinyin_syllables(word.key) == 1 \
                and lookup(word.key).english < 4.0:
            word = _Word(word.text, word.key, "foreign", WEAK, (("zh", 2.9),), "pinyin syllable next to pinyin")
        out.append(word)
    return out


# ---------------------------------------------------------------- prose ---

_ASCII_LETTER_RUNS = re.compile(r"[A-Za-z]+")
_PLAIN_ENGLISH = Verdict(True, "en", 1.0, (), "only common English words")


def _plainly_english(text: str) -> bool:
    """Every run of letters is a common English word, code vocabulary or too short to matter.

    Most comments and docstrings of an English code base pass this test, and the full analysis
    (protected spans, proper nouns, lexicon look-ups) could only call them English too.
    """
    common = common_words()
    return all(len(run) <= 2 or run.lower() in common for run in _ASCII_LETTER_RUNS.findall(text))


_INNER_APOSTROPHE = re.compile(r"[A-Za-z]['`][A-Za-z]")


def _no_foreign_word(text: str, allowed: frozenset[str]) -> bool:
    """No word of an ASCII prose text is foreign even out of context.

    The context rules of the full analysis (proper nouns, acronyms, protected spans) only ever
    turn foreign words into non-evidence, so a text without a single foreign word is English
    without them. Words with inner apostrophes (`o'quvchi`) need the full analysis.
    """
    if _INNER_APOSTROPHE.search(text):
        return False
    common = common_words()
    for run in _ASCII_LETTER_RUNS.findall(text):
        if len(run) > 2 and run.lower() not in common and _classify_word(run, allowed, False).verdict == "foreign":
            return False
    return True


def _prose_body(text: str, kind: str) -> str | None:
    """The part of a comment, docstring or string that can carry language, or None when none can."""
    body = text
    if kind in ("comment", "prose"):
        body = text.lstrip()
        if body.startswith("#!"):
            return None
        body = body.lstrip("#/;*").strip()
        if kind == "comment" and text.lstrip().startswith("#!"):
            return None
        if _DIRECTIVE.match(body):
            return None
        if _is_commented_code(body) or (kind == "prose" and _CONFIG_LINE.match(body)):
            return None
    elif kind == "docstring":
        lines = []
        in_doctest = False
        for line in body.splitlines():
            if _DOCTEST.match(line):
                in_doctest = True
                continue
            if in_doctest and line.strip():
                continue  # doctest output
            in_doctest = False
            lines.append(_FIELD_MARKER.sub(" ", line) if ":" in line else line)
        body = "\n".join(lines)
    if not any(char.isalpha() for char in body):
        return None
    return body


def _is_commented_code(body: str) -> bool:
    if not _CODE_HINT.search(body) or _THREE_WORDS.search(body):
        return False
    try:
        ast.parse(body.strip())
    except (SyntaxError, ValueError):
        return False
    return True


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _classify_prose(tokens: list[Token], allowed: frozenset[str]) -> list[_Word]:
    latin_english = 0
    words: list[_Word] = []
    for token in tokens:
        words.append(_classify_word(token.text, allowed, identifier=False))
    latin_english = sum(1 for w in words if w.verdict in ("english", "code"))
    # German capitalises its nouns: a capitalised foreign word next to lowercase foreign words is not a name.
    lowercase_foreign = any(w.verdict == "foreign" and t.text[:1].islower() for t, w in zip(tokens, words)) \
        or latin_english == 0 or sum(
            1 for t, w in zip(tokens, words)
            if w.verdict == "foreign" and w.strength == STRONG and "lexicon" in w.reason and t.text[:1].isupper()) >= 2
    for index, (token, word) in enumerate(zip(tokens, words)):
        if word.verdict in ("english", "code", "neutral"):
            continue
        text = token.text
        # Proper nouns: a capitalised word inside a sentence, or a run of capitalised words (a name).
        if _is_capitalised(text) or text.isupper():
            neighbours = [tokens[j] for j in (index - 1, index + 1) if 0 <= j < len(tokens)]
            in_name_run = any(_is_capitalised(n.text) and not n.sentence_start for n in neighbours) or any(
                _is_capitalised(n.text) for n in neighbours if n is not token and not token.sentence_start
            )
            lexicon_evidence = "lexicon" in word.reason or word.reason.startswith("Uzbek stem")
            lexicon_backed = lexicon_evidence and lowercase_foreign
            if text.isupper() and not word.reason.startswith("script"):
                # acronyms, constants, Unicode character names, licence shouting: not language evidence
                word.verdict, word.strength, word.reason = "neutral", 0, "all capitals"
            elif token.sentence_start and not lexicon_evidence and not word.reason.startswith("script") \
                    and latin_english >= 2:
                word.verdict, word.strength, word.reason = "proper", 0, "capitalised word unknown to the lexicons"
            elif (not token.sentence_start or in_name_run) and not (lexicon_backed and word.strength == STRONG):
                if word.reason.startswith("script") and latin_english == 0:
                    continue  # a whole non-Latin sentence is not a list of names
                word.verdict, word.strength, word.reason = "proper", 0, "capitalised inside a sentence"
    return words


# ---------------------------------------------------------------- words ---

def _classify_identifier_word(word: str, identifier: str, allowed: frozenset[str]) -> _Word:
    # An acronym inside a mixed-case identifier (HTTPServer, parse_URL) is code, not language.
    if word.isupper() and (len(word) <= 3 or (len(word) <= 5 and not identifier.isupper())):
        return _Word(word, word.lower(), "code", reason="acronym")
    return _classify_word(word, allowed, identifier=True)


@lru_cache(maxsize=200_000)
def _classify_word(word: str, allowed: frozenset[str], identifier: bool) -> _Word:
    key = fold(word)
    letters = sum(1 for char in word if char.isalpha() and char not in APOSTROPHES)
    scripts = word_scripts(word)
    if letters == 0:
        return _Word(word, key, "neutral", reason="no letters")
    non_latin = scripts - {"LATIN"}
    if non_latin:
        script = sorted(non_latin)[0]
        if script == "GREEK" and letters <= 3:
            return _Word(word, key, "neutral", reason="Greek letter (math)")
        if letters < 2 and script != "CJK":
            return _Word(word, key, "neutral", reason="a single letter")
        if key in allowed:
            return _Word(word, key, "english", reason="allowed word")
        hint = letter_hint(word, script)
        entry = lookup(key)
        languages = entry.foreign or ()
        if script == "CYRILLIC" and not entry.foreign_zipf("uz") and uzbek_stem(fold(uzbek_cyrillic_to_latin(word))):
            languages = (("uz", 4.0),) + tuple(languages)  # Uzbek Cyrillic inflected forms such as `базасига`
        if hint:
            languages = ((hint, 5.0),) + tuple(item for item in languages if item[0] != hint)
        elif not languages:
            # Only the script is known: a weak vote for the script's main language.
            return _Word(word, key, "foreign", STRONG, ((SCRIPT_LANGUAGE.get(script, "und"), 0.5),), "script only")
        return _Word(word, key, "foreign", STRONG, languages, "script")
    if letters < 3:
        return _Word(word, key, "neutral", reason="too short to be evidence")
    if key in allowed:
        return _Word(word, key, "english", reason="allowed word")
    entry = lookup(key)
    if entry.code:
        return _Word(word, key, "code", reason="code vocabulary")
    english = entry.english
    lang, foreign = entry.best_foreign()
    hint = letter_hint(word, "LATIN")
    if not hint and not identifier and _UZBEK_APOSTROPHE.search(word):
        hint = "uz"
    if english >= 3.0:
        return _Word(word, key, "english", languages=entry.foreign, reason=f"English zipf {english:.1f}")
    if len(key) <= 5 and not any(vowel in key for vowel in "aeiouy"):
        return _Word(word, key, "code", reason="abbreviation (no vowels)")
    english_form = english_derivation(key) or (
        english_compound(key, identifier) if foreign < 3.5 else "") or (
        _english_affixed(key, entry) if identifier else "")
    if english_form:
        return _Word(word, key, "english", languages=entry.foreign, reason=english_form)
    # Short words are often abbreviations (lang, dir, tok, sel): alone they are weak evidence,
    # unless the curated Uzbek list knows them and English does not.
    short = len(key) <= 4
    uzbek = entry.foreign_zipf("uz")
    if uzbek and (english < 2.5 if not short else english == 0.0):
        return _Word(word, key, "foreign", STRONG, (("uz", uzbek),) + entry.foreign, "Uzbek lexicon")
    if uzbek and english < (3.0 if not short else 2.5):
        return _Word(word, key, "foreign", WEAK, (("uz", uzbek),) + entry.foreign, "Uzbek lexicon (also rare English)")
    if english >= 1.5:
        # A word English uses (modulo, quanta, possibles) stays English unless another language
        # uses it far more (`datos`, `papel`, `pagina`).
        if foreign > english + 2.5:
            return _Word(word, key, "foreign", WEAK if short else STRONG, entry.foreign,
                         f"{lang} lexicon zipf {foreign:.1f}, English {english:.1f}")
        return _Word(word, key, "english", languages=entry.foreign, reason=f"English zipf {english:.1f}")
    if foreign >= 3.0:
        return _Word(word, key, "foreign", WEAK if short else STRONG, entry.foreign, f"{lang} lexicon zipf {foreign:.1f}")
    stem = uzbek_stem(key)
    if stem:
        return _Word(word, key, "foreign", STRONG, (("uz", 4.0),), f"Uzbek stem {stem!r}")
    if hint:
        languages = ((hint, 5.0),) + tuple(entry.foreign)
        return _Word(word, key, "foreign", WEAK if short else STRONG, languages, f"letters typical of {hint}")
    if foreign >= 2.5:
        return _Word(word, key, "foreign", WEAK, entry.foreign, f"{lang} lexicon zipf {foreign:.1f}")
    if english == 0.0 and not short and (uzbek_suffix_shape(key) or (not identifier and uzbek_letter_shape(key))):
        return _Word(word, key, "foreign", WEAK, (("uz", 2.0),), "Uzbek word shape")
    if identifier and english == 0.0 and len(key) >= 5 and pinyin_syllables(key) >= 2:
        # Alone it is no evidence (`lineno` splits into syllables too): see _pinyin_context.
        return _Word(word, key, "foreign", WEAK, (("zh", 2.9),), "pinyin syllables")
    if english > 0.0:
        return _Word(word, key, "english", reason=f"rare English word (zipf {english:.1f})")
    return _Word(word, key, "unknown", reason="in no lexicon")


# English inflections and derivations: (suffix, what replaces it to make the stem).
_ENGLISH_SUFFIXES = (
    ("ations", "e"), ("ation", "e"), ("ations", ""), ("ation", ""), ("ings", ""), ("ing", ""), ("ing", "e"),
    ("ers", ""), ("ers", "e"), ("er", ""), ("er", "e"), ("ier", "y"), ("iers", "y"), ("r", ""), ("ors", ""),
    ("or", ""), ("or", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("ied", "y"), ("ies", "y"), ("es", ""), ("s", ""),
    ("ly", ""), ("ness", ""), ("ment", ""), ("ments", ""), ("able", ""), ("able", "e"), ("ize", ""), ("ized", ""),
    ("izer", ""), ("ise", ""), ("ity", ""), ("ity", "e"), ("ic", ""), ("al", ""), ("less", ""), ("ful", ""),
)
_STEM_ZIPF = 3.0
_LONG_STEM_ZIPF = 2.5  # decrypt + er: a long stem is rarely a foreign word by accident


@lru_cache(maxsize=100_000)
def english_derivation(key: str) -> str:
    """`matcher` is match + er, `possibles` is possible + s: English words the list lacks."""
    for suffix, replacement in _ENGLISH_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            stem = key[: -len(suffix)] + replacement
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


def _solid(part: str) -> bool:
    """A part of a glued word that is surely English: common, or code vocabulary."""
    if part not in common_words():
        return False  # neither code nor Zipf 3.0: no database look-up needed
    entry = lookup(part)
    return entry.code or (entry.english >= _COMPOUND_ZIPF and entry.english >= entry.best_foreign()[1] - 0.5)


_COMPOUND_ZIPF = 3.5


@lru_cache(maxsize=100_000)
def english_compound(key: str, identifier: bool, depth: int = 2) -> str:
    """`ishandlerrunning`, `getfqdn`, `envar`: words glued from English words and code vocabulary."""
    if len(key) < 6:
        return ""
    for cut in range(3, len(key) - 2):
        head, tail = key[:cut], key[cut:]
        if _solid(head) and (_solid(tail) or (depth > 1 and english_compound(tail, identifier, depth - 1))):
            return f"compound of {head!r} and {tail!r}"
    return ""


_CORE_LANGUAGES = frozenset({"uz", "ru", "kk"})


def _english_affixed(key: str, entry) -> str:
    """A one- or two-letter prefix or suffix glued to an English word in an identifier:
    `qsize`, `xatom`, `fqname`, `starty`, `eline`. Not for words Russian or Uzbek spell this way."""
    if any(lang in _CORE_LANGUAGES for lang, _value in entry.foreign):
        return ""
    candidates = [(key[1:], key[:1]), (key[2:], key[:2])]
    if key[-1] in "xyzt":
        candidates.append((key[:-1], key[-1]))  # `starty`, `totalt`
    for part, affix in candidates:
        if len(part) >= 4 and (lookup(part).english >= 4.0 or english_compound(part, True)):
            return f"{affix!r} glued to English {part!r}"
    return ""


# ---------------------------------------------------------------- verdict ---

def _decide(words: list[_Word], text: str, kind: str, explain: bool = True) -> Verdict:
    strong = [w for w in words if w.verdict == "foreign" and w.strength == STRONG]
    weak = [w for w in words if w.verdict == "foreign" and w.strength == WEAK]
    english = [w for w in words if w.verdict in ("english", "code")]
    unknown = [w for w in words if w.verdict == "unknown"]
    evidence = tuple(w.evidence() for w in words) if (explain or strong or weak) else ()
    foreign = strong + weak
    if strong:
        share = len(foreign) / max(1, len(foreign) + len(english))
        confidence = min(0.99, 0.7 + 0.3 * share)
    elif weak and len(weak) + len(unknown) > len(english) and (
            len(weak) >= 2 or any(len(w.key) >= 5 and w.languages and w.languages[0][1] >= 3.0 for w in weak)):
        share = len(weak) / max(1, len(weak) + len(english) + len(unknown))
        confidence = 0.5 + 0.3 * share
    else:
        return Verdict(True, "en", _english_confidence(english, unknown), evidence, "no foreign word evidence")
    language, candidates = _name_language(foreign, words, text, kind)
    return Verdict(False, language, round(confidence, 2), evidence,
                   f"{len(foreign)} foreign word(s) against {len(english)} English", candidates)


def _english_confidence(english: list[_Word], unknown: list[_Word]) -> float:
    if not english and not unknown:
        return 1.0
    return round(0.6 + 0.4 * len(english) / (len(english) + len(unknown)), 2)


_KAZAKH_ONLY = frozenset("әңөұүһі")
_UZBEK_ONLY = frozenset("ўҳ")
_UZBEK_OR_KAZAKH = frozenset("ғқ")


def _cyrillic_hint(text: str, scores: dict[str, float]) -> str:
    """Letters decide among Russian, Uzbek and Kazakh Cyrillic better than any model on short text."""
    letters = set(text.lower())
    if letters & _UZBEK_ONLY:
        return "uz"
    if letters & _KAZAKH_ONLY:
        return "kk"
    if letters & _UZBEK_OR_KAZAKH:
        return "kk" if scores.get("kk", 0.0) > scores.get("uz", 0.0) else "uz"
    return ""


def _name_language(foreign: list[_Word], words: list[_Word], text: str, kind: str) -> tuple[str, tuple]:
    """The language of the foreign words, and the runner-up candidates with their shares."""
    from english_guard.language.naming import language_scores  # loads the model on first use only

    if _KANA.search(text):
        return "ja", (("ja", 1.0),)
    sample = " ".join(w.text for w in foreign) if kind == "identifier" else text
    scores = {_FASTTEXT_ALIASES.get(lang, lang): p for lang, p in language_scores(sample)}
    if any(w.reason.startswith("script") for w in foreign):
        hint = _cyrillic_hint(" ".join(w.text for w in foreign), scores)
        if hint:
            return hint, ((hint, 1.0),)
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
    else:
        votes.update({lang: p for lang, p in scores.items() if lang != "en"})
    if not votes:
        return "und", ()
    total = sum(votes.values()) or 1.0
    ranked = sorted(((lang, value / total) for lang, value in votes.items()), key=lambda item: -item[1])
    candidates = tuple((_OUTPUT_ALIASES.get(lang, lang), round(share, 3)) for lang, share in ranked[:4])
    return candidates[0][0], candidates
