"""The check's process pool: forked workers on Linux that inherit the parent's warm state, each with its own
connection to the lexicon."""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from english_guard import checker
from english_guard.language import lexicon

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


def _warm_state() -> tuple[bool, bool, bool]:
    """What a worker finds loaded before it checks its first file."""
    from english_guard.language.uzbek_words import uzbek_forms

    return (
        "english_guard.sources.python" in sys.modules,
        lexicon.common_words()._words is not None,
        uzbek_forms.cache_info().currsize == 1,
    )


def _connection_in_child() -> tuple[bool, tuple]:
    inherited = getattr(lexicon._local, "connection", None) is not None
    entry = lexicon.lookup.__wrapped__("house")  # a query, not the memo the child inherited
    return inherited, (entry.english, entry.foreign, entry.code)


@linux_only
def test_workers_are_forked_on_linux_whatever_the_default_start_method():
    context = checker._pool_context()
    assert context is not None
    assert context.get_start_method() == "fork"


def test_elsewhere_the_platform_default_is_kept(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert checker._pool_context() is None


@linux_only
def test_a_forked_worker_inherits_the_reader_and_the_word_lists():
    checker._warm_before_fork({"python"})
    with ProcessPoolExecutor(max_workers=1, mp_context=checker._pool_context()) as pool:
        assert pool.submit(_warm_state).result() == (True, True, True)


@linux_only
def test_a_forked_worker_opens_its_own_lexicon_connection():
    parent = lexicon.lookup.__wrapped__("house")  # opens this process's connection
    assert lexicon._local.connection is not None
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        inherited, entry = pool.submit(_connection_in_child).result()
    assert not inherited
    assert entry == (parent.english, parent.foreign, parent.code)
    assert parent.english > 4  # a real answer, not an empty row
