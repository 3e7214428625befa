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
    "letters": "a",
    "cyrillic": "б",
    "digits": "1",
    "underscores": "a_",
    "dashes": "a-",
    "plus": "a+",
    "dots": ".",
    "dotted": "a.",
    "at signs": "a@",
    "e-mail tails": "a@a-",
    "slashes": "a/",
    "tildes": "~/",
    "quotes": "'a",
    "double quotes": '"a',
    "braces": "{a",
    "percents": "%(a",
    "dollars": "$",
    "angles": "<a",
    "backticks": "`a",
    "spaces": "a ",
    "colons": "a:",
    "calls": "a()",
    "camel case": "aA",
    "hyphenated cyrillic": "б-",
    "mixed": "a1.b-c_d/e@f",
    "words": "hello world. ",
    "russian words": "Привет мир. ",
}
SIZE = 20_000
FLOOR = 0.02  # seconds: below this, timer noise on a shared machine is larger than the growth measured
# Seconds for 40,000 characters, best of three: linear code takes well under a second even on a loaded
# machine, quadratic code took minutes.
TOO_SLOW = 10.0


def _best_time(function, text: str) -> float:
    best = float("inf")
    for attempt in range(3):
        started = time.perf_counter()
        function(text + " x" * attempt)  # a different text each time: nothing is answered from a cache
        best = min(best, time.perf_counter() - started)
    assert best < TOO_SLOW, f"{len(text)} characters took {best:.1f} s"
    return best


def _assert_linear(function, unit: str) -> None:
    """time(2n) < 3 x time(n) in at least one of a few rounds: a busy machine can spoil one round, while
    quadratic code fails every round (its ratio is near 4)."""
    measured = []
    for _round in range(4):
        small = _best_time(function, "# " + unit * (SIZE // len(unit)))
        large = _best_time(function, "# " + unit * (2 * SIZE // len(unit)))
        if large < 3 * max(small, FLOOR):
            return
        measured.append((round(small, 4), round(large, 4)))
    raise AssertionError(f"time grows faster than the text: (n, 2n) seconds per round {measured}")


@pytest.mark.parametrize("unit", RUNS.values(), ids=RUNS.keys())
def test_prose_tokens_grow_linearly(unit):
    _assert_linear(prose_tokens, unit)


@pytest.mark.parametrize("unit", RUNS.values(), ids=RUNS.keys())
def test_judging_a_comment_grows_linearly(unit):
    _assert_linear(lambda text: judge(text, "comment"), unit)


def _generated(functions: int, docstring: str) -> str:
    return "".join(
        f'def function_{i}(value):\n    """{docstring}"""\n    return value + {i}\n\n\n' for i in range(functions)
    )


def test_the_fixes_diff_grows_linearly():
    """translate --diff on a generated file of 10,000 functions took 195 s in difflib (issue 16, item 8)."""
    from english_guard.safe_write import unified_diff

    def timed(functions: int) -> float:
        old, new = _generated(functions, "Foydalanuvchi uchun."), _generated(functions, "For the user.")
        started = time.perf_counter()
        unified_diff("generated.py", old, new)
        elapsed = time.perf_counter() - started
        assert elapsed < TOO_SLOW * 5, f"{functions} functions took {elapsed:.1f} s"
        return elapsed

    for _round in range(3):  # see _assert_linear: one calm round is enough, quadratic code has none
        small, large = timed(2_000), timed(4_000)
        if large < 3 * max(small, FLOOR):
            return
    raise AssertionError(f"diff time grows faster than the file: {small:.2f} s, then {large:.2f} s")


def _patched(old: str, diff: str) -> str:
    """Apply a unified diff (as `patch` would) to check that it says exactly what changed."""
    import re

    old_lines, out, position = old.splitlines(keepends=True), [], 0
    lines = diff.splitlines(keepends=True)[2:]
    for line in lines:
        header = re.match(r"@@ -(\d+)(?:,(\d+))? ", line)
        if header:
            start = int(header.group(1)) - (0 if header.group(2) == "0" else 1)
            out += old_lines[position:start]
            position = start
        elif line.startswith("\\"):
            out[-1] = out[-1][:-1]
        elif line[0] == " ":
            out.append(old_lines[position])
            position += 1
        elif line[0] == "-":
            position += 1
        else:
            out.append(line[1:])
    return "".join(out + old_lines[position:])


def test_the_fixes_diff_says_exactly_what_changed():
    import random

    from english_guard.safe_write import unified_diff

    chooser = random.Random(16)
    pieces = ["a\n", "b\n", "def f():\n", "    return 1\n", "\n", "# note\n", "x = 1\n"]
    for _trial in range(2_000):
        old = [chooser.choice(pieces) for _ in range(chooser.randint(0, 25))]
        new = list(old)
        for _edit in range(chooser.randint(1, 5)):
            at = chooser.randint(0, len(new))
            roll = chooser.random()
            if roll < 0.4:
                new.insert(at, chooser.choice(pieces))
            elif new and roll < 0.7:
                del new[min(at, len(new) - 1)]
            elif new:
                new[min(at, len(new) - 1)] = f"changed {chooser.randint(0, 9)}\n"
        old_text, new_text = "".join(old), "".join(new)
        if chooser.random() < 0.2:
            new_text = new_text.rstrip("\n")
        diff = unified_diff("f.py", old_text, new_text)
        assert (diff == "") == (old_text == new_text)
        if diff:
            assert _patched(old_text, diff) == new_text, (old_text, new_text, diff)
