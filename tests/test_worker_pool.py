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


@linux_only
def test_once_started_the_pool_also_reads_the_few_files_of_a_later_pass(tmp_path):
    """The flows' second reading goes to the warm workers: this process decides no word itself."""
    from english_guard.config import Config
    from english_guard.language.words import classify_word

    config = Config(root=str(tmp_path))
    files = []
    for number in range(checker.PARALLEL_THRESHOLD):
        path = tmp_path / f"module_{number}.py"
        path.write_text(f"def compute_total_{number}(values):\n    return sum(values)  # adds the values\n")
        files.append((str(path), "python", config, None, False))
    later = tmp_path / "later.py"
    later.write_text("def hitung_jumlah(nilai_barang):\n    return nilai_barang  # menghitung jumlah barang\n")
    checking = checker._Checking(2)
    try:
        first = list(checking.checked(files))
        assert checking.pool is not None
        decided = classify_word.cache_info().currsize
        [(result, _digest)] = list(checking.checked([(str(later), "python", config, None, True)]))
    finally:
        checking.close()
    assert [r.path for r, _digest in first] == [path for path, *_rest in files]
    assert classify_word.cache_info().currsize == decided
    assert result.findings or result.candidates  # the Indonesian names were read and judged
    alone = checker._Checking(1)
    [(same, _digest)] = list(alone.checked([(str(later), "python", config, None, True)]))
    assert same == result
