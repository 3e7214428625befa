"""The `check` command as users meet it: exit codes, configuration errors, explanations, self-check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from english_guard.cli import main

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "fixtures" / "policy" / "bad.py"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_english_guard_checks_itself_clean():
    """The whole repository passes its own check (fixtures and the example are excluded by pyproject.toml)."""
    result = subprocess.run(
        [sys.executable, "-m", "english_guard", "check", "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed" in result.stdout


def test_the_lint_path_imports_no_libcst_and_no_translation_engine():
    code = (  # the modules are listed by an exit handler: the console script's quick exit runs those
        "import atexit, sys, runpy\n"
        f"sys.argv = ['english-guard', 'check', '--no-cache', {str(BAD)!r}]\n"
        "atexit.register(lambda: print('HEAVY', sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('libcst', 'ctranslate2', 'sentencepiece', 'babel')"
        " or m.startswith('english_guard.translation') or m.startswith('english_guard.fixes.'))))\n"
        "runpy.run_module('english_guard', run_name='__main__')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


def test_exit_codes_and_text_output(tmp_path):
    clean = tmp_path / "clean.py"
    clean.write_text("def add(left, right):\n    return left + right\n", encoding="utf-8")
    assert invoke("check", "--no-cache", str(clean)).exit_code == 0
    result = invoke("check", "--no-cache", str(BAD))
    assert result.exit_code == 1
    shown = os.path.relpath(BAD).replace(os.sep, "/")  # paths are reported relative to the current directory
    assert f"{shown}:1:5: EG101 identifier 'foydalanuvchi_analytics' is not English (Uzbek)" in result.output
    assert invoke("check", "--no-cache", "--exit-zero", str(BAD)).exit_code == 0
    broken = tmp_path / "broken.py"
    broken.write_text("def (:\n", encoding="utf-8")
    result = invoke("check", "--no-cache", str(broken), str(BAD))
    assert result.exit_code == 2
    assert "EG900" in result.output and "EG101" in result.output


def test_select_and_ignore():
    report = json.loads(invoke("check", "--no-cache", "--format", "json", "--select", "EG3", str(BAD)).output)
    assert {f["code"] for f in report["findings"]} == {"EG301"}
    report = json.loads(invoke("check", "--no-cache", "--format", "json", "--ignore", "EG101", str(BAD)).output)
    assert {f["code"] for f in report["findings"]} == {"EG301"}
    result = invoke("check", "--no-cache", "--select", "EG999", str(BAD))
    assert result.exit_code == 2 and "unknown rule code" in result.output


def test_configuration_errors_name_the_file_and_setting(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.english-guard]\nselekt = ["EG1"]\n', encoding="utf-8")
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    result = invoke("check", "--no-cache", str(tmp_path))
    assert result.exit_code == 2
    assert "pyproject.toml" in result.output and "'selekt'" in result.output
    (tmp_path / "pyproject.toml").write_text("[tool.english-guard\n", encoding="utf-8")
    result = invoke("check", "--no-cache", str(tmp_path))
    assert result.exit_code == 2 and "invalid TOML" in result.output


def test_allowed_words_and_words_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.english-guard]\nallowed-words = ["malumot"]\nwords-file = "words.txt"\n', encoding="utf-8"
    )
    (tmp_path / "words.txt").write_text("# product words\nfoydalanuvchi\n", encoding="utf-8")
    source = tmp_path / "bot.py"
    source.write_text(BAD.read_text(encoding="utf-8"), encoding="utf-8")
    report = json.loads(invoke("check", "--no-cache", "--format", "json", str(source)).output)
    assert [f["code"] for f in report["findings"]] == ["EG301"]


def test_suppression_comments(tmp_path):
    source = tmp_path / "a.py"
    source.write_text(
        "malumot = 1  # english-guard: ignore\n"
        "natija = 2  # noqa: EG101\n"
        "hisobot = 3  # english-guard: ignore[EG201]\n"
        "yangilash = 4  # noqa: E501\n",
        encoding="utf-8",
    )
    report = json.loads(invoke("check", "--no-cache", "--format", "json", str(source)).output)
    assert sorted(f["text"] for f in report["findings"]) == ["hisobot", "yangilash"]
    report = json.loads(invoke("check", "--no-cache", "--format", "json", "--show-unused-ignores", str(source)).output)
    assert [f["line"] for f in report["findings"] if f["code"] == "EG100"] == [3]
    skipped = tmp_path / "b.py"
    skipped.write_text("# english-guard: skip-file\nmalumot = 1\n", encoding="utf-8")
    assert invoke("check", "--no-cache", str(skipped)).exit_code == 0


def test_detect_and_explain():
    result = invoke("detect", "Foydalanuvchi uchun analytics hisoblash.")
    assert result.exit_code == 0
    assert "Not English: Uzbek [uz]" in result.output
    assert "analytics" in result.output and "english" in result.output
    assert "English" in invoke("detect", "calculate_user_analytics").output
    result = invoke("explain", "eg401")
    assert result.exit_code == 0 and "gettext" in result.output
    assert invoke("explain", "EG999").exit_code == 2


def test_user_facing_strings_and_gettext(tmp_path):
    source = tmp_path / "bot.py"
    source.write_text(
        "async def greet(message):\n"
        "    await message.answer('Xush kelibsiz! Buyurtma berish uchun tugmani bosing')\n"
        "    await message.answer(_('Xush kelibsiz! Buyurtma berish uchun tugmani bosing'))\n"
        "    logger.info('Foydalanuvchi botga kirdi')\n"
        "    return {'holat': 'yangi'}\n",
        encoding="utf-8",
    )
    report = json.loads(invoke("check", "--no-cache", "--format", "json", "--select", "EG401", str(source)).output)
    assert [(f["line"], f["language"]) for f in report["findings"]] == [(2, "uz")]


def test_button_labels_compared_with_message_text(tmp_path):
    source = tmp_path / "handlers.py"
    source.write_text(
        "@router.message(F.text.in_({'Savatni ko\\'rish', 'Open cart'}))\n"
        "async def cart(message):\n"
        "    if message.text == 'Buyurtmani bekor qilish':\n"
        "        return\n",
        encoding="utf-8",
    )
    report = json.loads(invoke("check", "--no-cache", "--format", "json", "--select", "EG401", str(source)).output)
    assert sorted(f["line"] for f in report["findings"]) == [1, 3]


def test_language_names_follow_the_interface_language(tmp_path):
    env = {**os.environ, "LANG": "ru_RU.UTF-8", "LANGUAGE": "", "LC_ALL": "", "ENGLISH_GUARD_CACHE_DIR": str(tmp_path)}
    russian = subprocess.run(
        [sys.executable, "-m", "english_guard", "check", str(BAD)], env=env, capture_output=True, text=True
    )
    assert "(узбекский)" in russian.stdout
    env["LANG"] = "C.UTF-8"
    english = subprocess.run(
        [sys.executable, "-m", "english_guard", "check", str(BAD)], env=env, capture_output=True, text=True
    )
    assert "(Uzbek)" in english.stdout and "узбекский" not in english.stdout  # the cache keeps languages apart


def test_invisible_characters_but_not_emoji_joiners(tmp_path):
    source = tmp_path / "a.py"
    source.write_text(
        'FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"\n'
        'ADMIN = "admin\u200b"\n'
        'access = "user" # \u202e nimda \u202c\n',
        encoding="utf-8",
    )
    report = json.loads(invoke("check", "--no-cache", "--format", "json", "--select", "EG103", str(source)).output)
    assert [(f["line"], f["text"]) for f in report["findings"]] == [(2, "U+200B"), (3, "U+202E"), (3, "U+202C")]


def test_a_joiner_between_ascii_letters_is_reported(tmp_path):
    source = tmp_path / "a.py"
    source.write_text(
        'ROLE = "ad\u200dmin"\nPERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"\n', encoding="utf-8"
    )
    report = json.loads(invoke("check", "--no-cache", "--format", "json", "--select", "EG103", str(source)).output)
    assert [(f["line"], f["text"]) for f in report["findings"]] == [(1, "U+200D")]


def test_a_file_over_the_size_limit_is_an_error_and_the_rest_is_checked(tmp_path, monkeypatch):
    """The size is read from the open file (one look-up of its path): a file over the limit is EG900, and a
    file at the limit is read as usual."""
    from english_guard import checker
    from english_guard.config import load_config

    (tmp_path / "big.py").write_text("x = 1\n" * 20)
    (tmp_path / "small.py").write_text("kitob_narxi = 1\n")
    monkeypatch.setattr(checker, "MAX_FILE_BYTES", len("x = 1\n" * 20) - 1)
    monkeypatch.chdir(tmp_path)
    run = checker.run_check(["."], load_config(None, "."), jobs=1, use_cache=False)
    errors = {error.path: error.message for error in run.errors}
    assert [Path(path).name for path in errors] == ["big.py"]
    assert "file too large (120 bytes; the limit is 119)" in next(iter(errors.values()))
    assert [Path(f.path).name for f in run.findings] == ["small.py"]
    monkeypatch.setattr(checker, "MAX_FILE_BYTES", 120)
    run = checker.run_check(["."], load_config(None, "."), jobs=1, use_cache=False)
    assert not run.errors
