"""Language profiles: what a file and a project are written in, and what that says about weak evidence.

A reader decides a short or ambiguous text (`tuman`, `poisk`, `yonghu`, `campo`) from the file and the
project around it. The check does the same in the Bayesian way: the profile of the file and the project
(built from segments whose verdict is sure) gives prior odds that a text is in a language rather than
English, and the text's own weak words give a likelihood ratio (`Verdict.leaning`). A candidate becomes
a finding when the posterior odds favour the foreign language.

A profile is a dict {language: weight}; "en" is the weight of segments with real English words.
On an English project the foreign weight stays near zero, so the prior odds are tiny and no candidate
can win: the false-alarm rate does not depend on how many weak words English code happens to contain.
"""

from __future__ import annotations

import math

ENGLISH = "en"
ANY = "*"  # leaning towards any foreign language: words no lexicon knows
# Leaning towards the text's own language (the first one listed) wherever the file and project write any
# foreign language at all: one foreign word among English ones (see rules._lone_foreign_word).
FOREIGN = "+"

# Leaning towards a language with the words English shares with it (`persona`, `valor`): "~es" is the ratio
# for Spanish that counts only where the profile shows Spanish well (see words.SHARED).
SHARED_PREFIX = "~"

# Leaning towards a language without a word list (Kazakh) from a word that may as well be a name (`Байланыс`,
# `Курстар`): "^kk" counts only where that language holds a real part of the profile's foreign weight, not the
# sliver a close call between Russian, Kazakh and Uzbek gives it in a Russian or Uzbek project.
MAIN_PREFIX = "^"
_MAIN_NEEDS_FOREIGN_PART = 0.25

# Pseudo-counts: before any evidence, code is English (most code is).
_ENGLISH_PSEUDO = 3.0
# How many weighted segments a file needs before its own profile outweighs the project's.
_FILE_STRENGTH = 8.0
# Posterior log odds a candidate needs: above zero, so that the foreign reading is the likelier one.
ACCEPT_LOG_ODDS = 0.0
# Evidence from words no lexicon knows, and from words English shares with a language, counts only where the
# profile is foreign already: the pre-parse screen defers files with such words on this (`any_foreign_can_count`).
_ANY_NEEDS_SHARE = 0.15


def add(profile: dict[str, float], language: str, weight: float) -> None:
    profile[language] = round(profile.get(language, 0.0) + weight, 3)


def merge(profiles) -> dict[str, float]:
    total: dict[str, float] = {}
    for profile in profiles:
        for language, weight in profile.items():
            total[language] = total.get(language, 0.0) + weight
    return total


def _shares(profile: dict[str, float]) -> dict[str, float]:
    counts = dict(profile)
    counts[ENGLISH] = counts.get(ENGLISH, 0.0) + _ENGLISH_PSEUDO
    total = sum(counts.values())
    return {language: weight / total for language, weight in counts.items()}


def shares(profile: dict[str, float]) -> dict[str, float]:
    """A profile's language shares, English's pseudo-count included (for `blended_shares`)."""
    return _shares(profile)


def blended_shares(
    file_profile: dict[str, float], project_profile: dict[str, float], project_shares: dict[str, float] | None = None
) -> dict[str, float]:
    """The file's language shares, leaning on the project's while the file itself has little evidence.
    `project_shares` is `shares(project_profile)` when the caller computed it once for many files."""
    own = sum(file_profile.values())
    trust = own / (own + _FILE_STRENGTH)
    file_shares = _shares(file_profile)
    if project_shares is None:
        project_shares = _shares(project_profile)
    languages = set(file_shares) | set(project_shares)
    return {
        language: trust * file_shares.get(language, 0.0) + (1 - trust) * project_shares.get(language, 0.0)
        for language in languages
    }


def _count_main_languages(ratios: dict[str, float], shares: dict[str, float]) -> None:
    """Turn each MAIN_PREFIX ratio into a plain one where its language holds a real part of the foreign shares,
    and drop it elsewhere."""
    main_only = {key[1:]: ratios.pop(key) for key in [key for key in ratios if key.startswith(MAIN_PREFIX)]}
    if not main_only:
        return
    foreign_total = sum(share for language, share in shares.items() if language != ENGLISH)
    for language, ratio in main_only.items():
        if shares.get(language, 0.0) >= _MAIN_NEEDS_FOREIGN_PART * foreign_total:
            ratios.setdefault(language, ratio)


def resolve(leaning: tuple[tuple[str, float], ...], shares: dict[str, float]) -> tuple[str, float] | None:
    """The language a candidate is in, with its posterior log odds against English, or None (English).

    `leaning` holds, per language, the log likelihood ratio of the candidate's words if it is in that
    language; "*" is the ratio for any other language (only words no lexicon knows), which counts only
    for a language the profile already shows well, and so is a ratio under SHARED_PREFIX (the words English
    shares with the language counted too); MAIN_PREFIX marks a ratio that counts only for a language that holds
    a real part of the profile's foreign weight; FOREIGN is the ratio for the first language listed
    against every foreign language of the profile together."""
    english = shares.get(ENGLISH, 1.0)
    ratios = dict(leaning)
    any_foreign = ratios.pop(ANY, None)
    foreign_at_all = ratios.pop(FOREIGN, None)
    with_shared = {key[1:]: ratios.pop(key) for key in [key for key in ratios if key.startswith(SHARED_PREFIX)]}
    _count_main_languages(ratios, shares)
    best: tuple[str, float] | None = None
    for language, share in shares.items():
        if language == ENGLISH or share <= 0.0:
            continue
        ratio = ratios.get(language)
        if language in with_shared and share >= _ANY_NEEDS_SHARE:
            ratio = with_shared[language]
        if ratio is None:
            if any_foreign is None or share < _ANY_NEEDS_SHARE:
                continue
            ratio = any_foreign
        posterior = math.log(share / english) + ratio
        if posterior >= ACCEPT_LOG_ODDS and (best is None or posterior > best[1]):
            best = (language, posterior)
    if best is None and foreign_at_all is not None and ratios and english < 1.0:
        posterior = math.log((1.0 - english) / english) + foreign_at_all
        if posterior >= ACCEPT_LOG_ODDS:
            best = (next(iter(ratios)), posterior)
    return best


def any_foreign_can_count(shares: dict[str, float]) -> bool:
    """Whether leaning towards any foreign language ("*") can count in `resolve` with these shares or with
    shares that blend them with an English-only profile."""
    return any(share >= _ANY_NEEDS_SHARE for language, share in shares.items() if language != ENGLISH)


def confidence(log_odds: float) -> float:
    """A finding's confidence from posterior log odds (capped: a context decision is never certain)."""
    return round(min(0.85, 1.0 / (1.0 + math.exp(-log_odds))), 2)
