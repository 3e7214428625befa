"""String literals whose verdict can change nothing: the check reads them without a segment.

`findings.evaluate` settles a string segment (`language.settled`: English with no leaning, so its verdict is
never taken) unless it is shouted (`ILTIMOS QISQA ...` is judged again in small letters) or a user-facing
Title Case label that may lean through a lexicon word (`labels.title_case_leaning`). A settled segment only adds
its English weight to the file's profile (`findings._plain_english_weight`), and that weight is 0 for a string
with fewer than two spaces and for test data, whatever the file. Such a literal makes no finding, no candidate
and no fact, so the check's reader leaves it out: no positions, no sort, no pass through `evaluate`. Most string
literals are such (`"utf-8"`, `"__main__"`, keys, short messages, English test data).

The decision depends on the text, its role and the project's allowed words only; it is taken once per text and
role per process. The fixes (`extract`, `translate`) read every literal with `read_python_text`.
tests/test_settled_literals.py holds each literal left out to `evaluate`, and tests/test_settled.py compares the
check with and without settling (this shortcut is off with it).
"""

from __future__ import annotations

from collections.abc import Callable

from english_guard.language import settled
from english_guard.language.labels import title_case_leaning
from english_guard.language.verdict import NEIGHBOURS
from english_guard.sources.string_roles import TEST_DATA, USER_FACING, judge_kind

# Decisions kept per set of allowed words: beyond this many texts, new ones are decided each time they are met.
_KEPT = 200_000


class _Decisions:
    """Which (text, role) pairs need no segment, for one set of allowed words."""

    def __init__(self, allowed: frozenset[str]) -> None:
        self.settle = settled.settler(allowed)
        self.known: dict[tuple[str, str], bool] = {}

    def needs_no_segment(self, text: str, role: str) -> bool:
        if role != TEST_DATA and text.count(" ") >= 2:
            return False  # settled or not, it weighs in the file's profile
        key = (text, role)
        known = self.known.get(key)
        if known is None:
            known = self._settled_quietly(text, role)
            if len(self.known) < _KEPT:
                self.known[key] = known
        return known

    def _settled_quietly(self, text: str, role: str) -> bool:
        """`findings._settles` for a string segment of this text and role, while the profile is collected."""
        kind = judge_kind(role, text)
        if kind == "string" and read_again_when_settled(text, role == USER_FACING):
            return False
        return self.settle(text, kind)


def read_again_when_settled(text: str, user_facing: bool) -> bool:
    """A string `evaluate` reads again even when its verdict settles: a shouted one is judged again in small
    letters (what `labels.shouted` asks first), and a user-facing Title Case label may lean through a lexicon
    word (`title_case_leaning`) while its verdict is English."""
    return text.isupper() and " " in text.strip() or user_facing and bool(title_case_leaning(text, NEIGHBOURS))


_decisions: dict[frozenset[str], _Decisions] = {}


def literals_needing_no_segment(allowed: frozenset[str]) -> Callable[[str, str], bool] | None:
    """A test of (text, role): True for a string literal whose segment the check can leave out. None while
    settling is off (ENGLISH_GUARD_SETTLED=off): then every literal is judged."""
    if not settled.ENABLED:
        return None
    decisions = _decisions.get(allowed)
    if decisions is None:
        decisions = _decisions[allowed] = _Decisions(allowed)
    return decisions.needs_no_segment
