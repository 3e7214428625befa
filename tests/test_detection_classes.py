"""Classes of misses seen on real code (issue 10), each fixed as a class: the words here are written for
these tests, not taken from the benchmark's repositories."""

from __future__ import annotations

import pytest

from english_guard.language import judge


@pytest.mark.parametrize("text", ["# 当前价格1", "# 第2步: 读取配置", "# 价格100元", "# 이름2 확인"])
def test_cjk_next_to_a_digit_is_a_sentence_not_a_code_token(text):
    """Scripts written without spaces glue numbers to words: `当前价格1` is "current price 1", not `utf8`."""
    verdict = judge(text, "comment")
    assert not verdict.english
    assert verdict.language in ("zh", "ko")


@pytest.mark.parametrize("text", ["# utf8 and k8s", "# retry 3x then give up", "# see RFC2616 section 4"])
def test_latin_tokens_with_digits_stay_code(text):
    assert judge(text, "comment").english
