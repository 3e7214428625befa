"""The built-in glossary as an engine: word-for-word, for short code-vocabulary comments only.

A sentence is translated only when every word is either in the glossary or already English; otherwise
the engine answers None and the sentence is left for a human. A word-for-word rendering of real prose
would be wrong more often than right, so this engine is used only when asked for (`--engine glossary`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from english_guard.translation.engine_protocol import EngineError

# Letters and digits, joined by the apostrophes that Uzbek Latin spelling uses inside words.
_WORD = re.compile(r"[^\W_]+(?:['\u02bb\u02bc\u2019][^\W_]+)*")


def _translate_words():
    try:
        from english_guard.translation.glossary import translate_words
    except ImportError as exc:
        raise EngineError("the built-in glossary (english_guard.translation.glossary) is not available") from exc
    return translate_words


@lru_cache(maxsize=4096)
def _is_english_word(word: str) -> bool:
    if not word.isascii():
        return False
    from english_guard.language import judge

    return judge(word, "identifier").english


class GlossaryEngine:
    name = "glossary"
    # Why a text was left for a human (`EngineRouter.incomplete_help`).
    why_incomplete = "the glossary could not translate every word of this {language} text; translate it by hand"
    # Word lookups are cheap and the glossary grows between releases: the memory would only serve stale text.
    remember = False
    # A word-for-word rendering ("Handlers messageses bot.") can read as English and still be wrong:
    # it is only ever a proposal for a human, never written unreviewed.
    needs_review = True

    def translate(self, sentences: list[str], source_lang: str) -> list[str | None]:
        translate_words = _translate_words()
        out: list[str | None] = []
        for sentence in sentences:
            words = [m for m in _WORD.finditer(sentence) if not m.group().isdigit()]
            found = translate_words([m.group() for m in words], source_lang) if words else []
            pieces: list[str] = []
            last = 0
            complete = True
            for match, english in zip(words, found, strict=True):
                pieces.append(sentence[last : match.start()])
                if english is None:
                    if not _is_english_word(match.group()):
                        complete = False
                        break
                    english = match.group()
                elif match.group()[:1].isupper():
                    english = english[:1].upper() + english[1:]
                pieces.append(english)
                last = match.end()
            pieces.append(sentence[last:])
            out.append("".join(pieces) if complete else None)
        return out
