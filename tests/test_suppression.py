"""One reading of suppression comments: what `check` does not report, no fix touches."""

from __future__ import annotations

import pytest

from english_guard.records import Segment
from english_guard.suppression import directives_in, file_is_skipped, line_suppresses

CODES = ("EG101", "EG201", "EG301", "EG401")
CASES = [
    ("# english-guard: ignore", set(CODES)),
    ("# english-guard: ignore[EG101]", {"EG101"}),
    ("# english-guard: ignore[eg401]", {"EG401"}),
    ("# noqa: EG101, EG201", {"EG101", "EG201"}),
    ("# noqa: E501, EG401", {"EG401"}),
    ("# noqa: E501", set()),
    ("# noqa", set(CODES)),
    ("# NOQA because of the vendor", set(CODES)),
    ("# ruff: noqa", set()),
    ("# a note on ignore rules", set()),
]


def _check_suppresses(comment: str) -> set[str]:
    segment = Segment("a.py", "comment", comment, 3, 10, 3, 10 + len(comment))
    directives, _skip_file = directives_in([segment])
    return {code for code in CODES if any(d.line == 3 and (d.codes is None or code in d.codes) for d in directives)}


@pytest.mark.parametrize(("comment", "suppressed"), CASES)
def test_check_and_the_fixes_read_a_comment_alike(comment, suppressed):
    assert _check_suppresses(comment) == suppressed
    assert {code for code in CODES if line_suppresses(f"x = 1  {comment}", code)} == suppressed


def test_a_directive_inside_a_string_is_not_a_comment():
    assert not line_suppresses('x = "english-guard: ignore"', "EG401")


def test_every_fix_honours_the_same_comments():
    from english_guard.fixes.extract.collect import skip_file
    from english_guard.fixes.rename.planning import suppressed
    from english_guard.fixes.translate.units import is_ignored

    source = "narx = 1  # noqa\nsavat = 2  # noqa: E501\n"
    assert suppressed(source, 1) and not suppressed(source, 2)
    assert is_ignored("# izoh  # english-guard: ignore[EG201]", "comment")
    assert not is_ignored("# izoh  # english-guard: ignore[EG201]", "docstring")
    assert skip_file("x = 1\n# english-guard: skip-file\n") and not skip_file('x = "english-guard: skip-file"\n')


def test_skip_file_is_read_from_comments_only():
    assert file_is_skipped("# english-guard: skip-file\nx = 1\n")
    assert file_is_skipped("x = 1  # generated; english-guard: skip-file\n")
    assert not file_is_skipped("x = 1\n")
