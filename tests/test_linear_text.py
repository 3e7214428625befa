"""Text processing grows linearly with the text (issue 16, item 2).

A comment that is one long run of one character class used to take seconds to minutes: alternatives of
`tokens._PROTECTED` without a left anchor were retried at every position of the run. Each class below is
timed at n and 2n characters (best of three, so a busy machine does not fail the test); quadratic growth
shows as a ratio near 4, linear as 2.
"""
from __future__ import annotations

import time

import pytest

from english_guard.language import judge
from english_guard.language.tokens import prose_tokens

RUNS = {
    "letters": "a", "cyrillic": "б", "digits": "1", "underscores": "a_", "dashes": "a-", "plus": "a+", "dots": ".",
    "dotted": "a.", "at signs": "a@", "e-mail tails": "a@a-", "slashes": "a/", "tildes": "~/", "quotes": "'a",
    "double quotes": '"a', "braces": "{a", "percents": "%(a", "dollars": "$", "angles": "<a", "backticks": "`a",
    "spaces": "a ", "colons": "a:", "calls": "a()", "camel case": "aA", "hyphenated cyrillic": "б-",
    "mixed": "a1.b-c_d/e@f", "words": "hello world. ", "russian words": "Привет мир. ",
}
SIZE = 20_000
FLOOR = 0.02  # seconds: below this, timer noise on a shared machine is larger than the growth measured
TOO_SLOW = 2.0  # seconds for 40,000 characters: linear code takes milliseconds, quadratic code took minutes


def _best_time(function, text: str) -> float:
    best = float("inf")
    for attempt in range(3):
        started = time.perf_counter()
        function(text + " x" * attempt)  # a different text each time: nothing is answered from a cache
        best = min(best, time.perf_counter() - started)
        assert best < TOO_SLOW, f"{len(text)} characters took {best:.1f} s"
    return best


@pytest.mark.parametrize("unit", RUNS.values(), ids=RUNS.keys())
def test_prose_tokens_grow_linearly(unit):
    small = _best_time(prose_tokens, "# " + unit * (SIZE // len(unit)))
    large = _best_time(prose_tokens, "# " + unit * (2 * SIZE // len(unit)))
    assert large < 3 * max(small, FLOOR), (small, large)


@pytest.mark.parametrize("unit", RUNS.values(), ids=RUNS.keys())
def test_judging_a_comment_grows_linearly(unit):
    small = _best_time(lambda text: judge(text, "comment"), "# " + unit * (SIZE // len(unit)))
    large = _best_time(lambda text: judge(text, "comment"), "# " + unit * (2 * SIZE // len(unit)))
    assert large < 3 * max(small, FLOOR), (small, large)
