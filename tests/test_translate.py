"""`english-guard translate` end to end with a tiny real Argos package built by the test.

The package's translations are nonsense made of English words ("the user list ..."), but they are
deterministic and go through every real step: model install, SentencePiece, CTranslate2, protection of
code spans, LibCST rewriting, PO review, the translation memory.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import argos_builder
import pytest
from click.testing import CliRunner

from english_guard.cli import main
from english_guard.fixes.translate import collect

FIXTURES = Path(__file__).parent / "fixtures" / "translate"


@pytest.fixture(scope="module")
def ru_package(tmp_path_factory) -> Path:
    return argos_builder.build_argos_package(tmp_path_factory.mktemp("packages"), "ru")


@pytest.fixture
def model_env(tmp_path, monkeypatch) -> Path:
    """Empty english-guard and argos-translate package folders, private to the test."""
    models = tmp_path / "eg-models"
    monkeypatch.setenv("ENGLISH_GUARD_MODELS_DIR", str(models))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
    return models


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.english-guard]\n", encoding="utf-8")
    for name in ("sample_ru.py", "sample_uz.py", "sample_crlf_bom.py", "edge_ru.py"):
        shutil.copyfile(FIXTURES / name, root / name)
    monkeypatch.chdir(root)
    return root


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def install(package: Path) -> None:
    result = run("models", "install", str(package))
    assert result.exit_code == 0, result.output


def assert_only_units_changed(path: str, old: bytes, new: bytes) -> None:
    """Everything outside the translated comments and docstrings is byte-for-byte the original."""
    from english_guard.language import judge

    units = collect(path, old, judge).units
    text = old.decode("utf-8-sig" if old.startswith(b"\xef\xbb\xbf") else "utf-8")
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return offsets[line - 1] + column - 1

    kept, last = [], 0
    for unit in sorted(units, key=lambda u: (u.line, u.column)):
        start, end = offset(unit.line, unit.column), offset(unit.end_line, unit.end_column)
        kept.append(text[last:start])
        last = end
    kept.append(text[last:])
    pattern = "(.*?)".join(re.escape(chunk) for chunk in kept)
    new_text = new.decode("utf-8-sig" if new.startswith(b"\xef\xbb\xbf") else "utf-8")
    assert re.fullmatch(pattern, new_text, re.DOTALL), "text outside the translated spans changed"
    assert new.startswith(b"\xef\xbb\xbf") == old.startswith(b"\xef\xbb\xbf")


def test_end_to_end_install_translate_write_and_rerun(project, model_env, ru_package):
    install(ru_package)
    listing = run("models", "list")
    assert "translate-ru_en-0_1" in listing.output and "Russian (ru)" in listing.output

    original = (project / "sample_ru.py").read_bytes()
    preview = run("translate", "sample_ru.py", "--diff")
    assert preview.exit_code == 1
    assert "-# Функция возвращает список пользователей." in preview.stdout
    assert (project / "sample_ru.py").read_bytes() == original  # --diff writes nothing

    result = run("translate", "sample_ru.py", "--write")
    assert result.exit_code == 0, result.output
    new = (project / "sample_ru.py").read_bytes()
    assert new != original
    ast.parse(new)
    assert_only_units_changed("sample_ru.py", original, new)
    text = new.decode()
    # Markers, positions and code untouched; protected spans restored; strings are not comments.
    assert text.startswith('#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n"""')
    assert "`load_users`" in text and "`save_users`" in text and "https://example.com/docs?id=1" in text
    assert 'greeting = "Привет, мир"  # ' in text
    assert "# English comment stays as it is" in text and "# TODO: check this later" in text
    assert re.search(r"path\):  # .*  # noqa: E501\n", text)
    assert '    >>> load_users("нет такого файла")\n    []\n' in text  # doctests are code
    assert "        path: " in text and "        limit: " in text  # field names kept
    assert "r'''" in text and "%(name)s" in text and "{user_id}" in text
    assert not re.search(r"[а-яА-Я]", re.sub(r'"[^"\n]*"', "", text))  # only string literals keep Russian

    again = run("translate", "sample_ru.py", "--write")
    assert again.exit_code == 0
    assert (project / "sample_ru.py").read_bytes() == new  # idempotent


def test_comments_inside_brackets_block_footers_and_indented_docstrings(project, model_env, ru_package):
    install(ru_package)
    original = (project / "edge_ru.py").read_bytes()
    result = run("translate", "edge_ru.py", "--write")
    assert result.exit_code == 0, result.output
    new = (project / "edge_ru.py").read_bytes()
    assert_only_units_changed("edge_ru.py", original, new)
    text = new.decode()
    ast.parse(text)
    assert not re.search(r"[а-яА-Я]", text)
    assert text.startswith("x = [\n    1,  # ") and "\n    2,\n]\n" in text
    docstring = text.split('class K:\n    """\n')[1].split('    """\n')[0]
    assert all(line.startswith("    ") or not line for line in docstring.split("\n"))
    assert "\n\n    " in docstring  # the blank line between paragraphs survives
    assert run("translate", "edge_ru.py", "--write").exit_code == 0
    assert (project / "edge_ru.py").read_bytes() == new


def test_line_endings_and_bom_are_kept(project, model_env, ru_package):
    install(ru_package)
    original = (project / "sample_crlf_bom.py").read_bytes()
    result = run("translate", "sample_crlf_bom.py", "--write")
    assert result.exit_code == 0, result.output
    new = (project / "sample_crlf_bom.py").read_bytes()
    assert new.startswith(b"\xef\xbb\xbf#") and new != original
    assert new.count(b"\r\n") == new.count(b"\n")  # no bare LF introduced
    assert_only_units_changed("sample_crlf_bom.py", original, new)


def test_no_model_for_uzbek_writes_nothing_and_says_how(project, model_env, ru_package):
    install(ru_package)  # a Russian model does not help with Uzbek
    original = (project / "sample_uz.py").read_bytes()
    result = run("translate", "sample_uz.py", "--write")
    assert result.exit_code == 1
    assert (project / "sample_uz.py").read_bytes() == original
    assert "Uzbek (uz)" in result.output
    assert "no translation model for Uzbek (uz)" in result.output
    assert "NLLB-200" in result.output and "english-guard models install DIR" in result.output


def test_po_round_trip_applies_exactly_the_two_edited_entries(project, model_env, ru_package):
    from babel.messages.pofile import read_po, write_po

    install(ru_package)
    original = (project / "sample_ru.py").read_bytes()
    review = project / "review.po"
    result = run("translate", "sample_ru.py", "sample_uz.py", "--to-po", str(review))
    assert result.exit_code == 0, result.output
    assert (project / "sample_ru.py").read_bytes() == original  # --to-po never touches the sources

    with open(review, "rb") as handle:
        catalog = read_po(handle)
    messages = {m.id: m for m in catalog if m.id}
    block = "Функция возвращает список пользователей.\nЕсли файл не найден, возвращает пустой список."
    assert block in messages
    assert messages[block].fuzzy and messages[block].string  # a proposal, waiting for review
    assert ("sample_ru.py", 12) in messages[block].locations
    uz = messages["Foydalanuvchi uchun analytics hisoblash."]
    assert uz.string == "" and not uz.fuzzy  # no model: listed for a human, never invented
    assert any("Uzbek" in c for c in uz.auto_comments)
    # The repeated comment inside repeated() is the same msgid with a second reference.
    single = messages["Функция возвращает список пользователей."]
    assert single.locations == [("sample_ru.py", 39)]

    # A reviewer accepts two entries with their own wording (and leaves the rest fuzzy).
    messages[block].string = "Return the list of users.\nAn empty list when the file does not exist."
    messages[block].flags.discard("fuzzy")
    inline = messages["сохранить всё"]
    inline.string = "save everything"
    inline.flags.discard("fuzzy")
    with open(review, "wb") as handle:
        write_po(handle, catalog)

    applied = run("translate", "sample_ru.py", "--from-po", str(review), "--write")
    assert applied.exit_code == 0, applied.output
    new = (project / "sample_ru.py").read_bytes().decode()
    expected = (
        original.decode()
        .replace(
            "# Функция возвращает список пользователей.\n# Если файл не найден, возвращает пустой список.\n",
            "# Return the list of users.\n# An empty list when the file does not exist.\n",
        )
        .replace("def save(self):  # сохранить всё", "def save(self):  # save everything")
    )
    assert new == expected  # exactly those two edits, nothing else


def test_translation_memory_translates_a_repeated_sentence_once(project, model_env, ru_package):
    from english_guard.fixes.translate import propose
    from english_guard.language import judge
    from english_guard.translation.engine_router import EngineRouter
    from english_guard.translation.memory import TranslationMemory

    install(ru_package)
    router = EngineRouter("auto")
    engine = router.engine_for("ru")
    calls: list[str] = []
    real = engine.translate

    def counting(sentences, language):
        calls.extend(sentences)
        return real(sentences, language)

    engine.translate = counting
    units = collect("sample_ru.py", (project / "sample_ru.py").read_bytes(), judge).units
    memory = TranslationMemory(project / "memory.json")
    propose(units, router, memory, judge=judge)
    assert len(calls) == len(set(calls))  # the repeated comment went to the engine once
    assert "Функция возвращает список пользователей." in calls
    memory.save()

    calls.clear()
    units = collect("sample_ru.py", (project / "sample_ru.py").read_bytes(), judge).units
    propose(units, router, TranslationMemory(project / "memory.json"), judge=judge)
    assert calls == []  # the next run is answered from the saved memory
    assert all(u.proposal for u in units)


def test_listing_mode_reports_without_writing(project, model_env, ru_package):
    install(ru_package)
    original = (project / "sample_ru.py").read_bytes()
    result = run("translate", ".")
    assert result.exit_code == 1
    assert "sample_ru.py:12: comment (ru) -> " in result.stdout
    assert (project / "sample_ru.py").read_bytes() == original


def test_syntax_error_is_reported_and_the_rest_goes_on(project, model_env, ru_package):
    install(ru_package)
    (project / "broken.py").write_text("def f(:\n    pass  # сломано\n", encoding="utf-8")
    result = run("translate", "broken.py", "sample_ru.py", "--write")
    assert result.exit_code == 2
    assert "broken.py:1" in result.output and "cannot parse" in result.output
    assert (project / "broken.py").read_text(encoding="utf-8") == "def f(:\n    pass  # сломано\n"
    assert "Функция" not in (project / "sample_ru.py").read_text(encoding="utf-8").split("def load_users")[0]


def test_multilingual_engine_translates_uzbek(project, model_env, tmp_path):
    folder = argos_builder.build_multilingual_model(tmp_path / "nllb-tiny")
    result = run("models", "install", str(folder))
    assert result.exit_code == 0, result.output
    assert "Uzbek (uz)" in result.output
    original = (project / "sample_uz.py").read_bytes()
    result = run("translate", "sample_uz.py", "--engine", "multilingual", "--write")
    assert result.exit_code == 0, result.output
    new = (project / "sample_uz.py").read_bytes()
    assert new != original and b"hisoblash" not in new
    assert_only_units_changed("sample_uz.py", original, new)


def test_usage_errors_exit_2(project, model_env):
    assert run("translate", "--to-po", "a.po", "--from-po", "b.po").exit_code == 2
    assert run("translate", "--diff", "--write").exit_code == 2
    missing = run("translate", "sample_ru.py", "--from-po", "missing.po")
    assert missing.exit_code == 2 and "missing.po" in missing.output


def test_check_never_imports_the_translation_engine():
    """The lint path stays light: importing the check command loads no translation code."""
    check_module = Path(__file__).parent.parent / "english_guard" / "commands" / "check.py"
    if not check_module.exists():
        pytest.skip("english_guard/commands/check.py is not written yet")
    code = (
        "import sys, english_guard.commands.check\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('ctranslate2', 'sentencepiece', 'argostranslate')"
        " or m.startswith('english_guard.translation') or m == 'english_guard.fixes.translate')\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_translate_extra_is_explained(project, model_env, ru_package, monkeypatch):
    install(ru_package)
    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # as in an install without english-guard[translate]
    original = (project / "sample_ru.py").read_bytes()
    result = run("translate", "sample_ru.py", "--write")
    assert result.exit_code == 2
    assert "pip install 'english-guard[translate]'" in result.output
    assert (project / "sample_ru.py").read_bytes() == original


def test_library_workflow_for_the_migration(project, model_env, ru_package):
    from english_guard.config import load_config
    from english_guard.fixes.translate.workflow import translate_paths

    install(ru_package)
    result = translate_paths(["."], load_config(start="."), write=True)
    assert result.errors == []
    assert set(result.changed) == {"sample_ru.py", "sample_crlf_bom.py", "edge_ru.py"}
    assert [u.language for u in result.untranslated] == ["uz", "uz"]
    assert all("Uzbek (uz)" in u.problem for u in result.untranslated)
    old, new = result.changed["sample_ru.py"]
    assert (project / "sample_ru.py").read_bytes() == new != old
    assert translate_paths(["."], load_config(start="."), write=True).changed == {}


def test_library_write_is_refused_when_the_projects_tests_break(project, model_env, ru_package):
    """`translate_paths(write=True)` goes through the verification gate by default, as `translate --write` does:
    the project's own tests (found as the command finds them) run on a copy before and after."""
    from english_guard.config import load_config
    from english_guard.fixes.translate.workflow import translate_paths

    install(ru_package)
    (project / "tests").mkdir()
    (project / "tests" / "test_sample.py").write_text(
        "from pathlib import Path\n\n\ndef test_the_module_docstring_is_russian():\n"
        "    source = (Path(__file__).parent.parent / 'sample_ru.py').read_text(encoding='utf-8')\n"
        "    assert 'Модуль для работы с пользователями' in source\n",
        encoding="utf-8",
    )
    before = {path.name: path.read_bytes() for path in project.glob("*.py")}
    result = translate_paths(["."], load_config(start="."), write=True)
    assert result.errors == [] and result.changed == {} and result.applied == []
    assert len(result.verification) == 1
    assert "test_the_module_docstring_is_russian" in result.verification[0]
    assert {path.name: path.read_bytes() for path in project.glob("*.py")} == before
    # Without the gate (the migration's staging copy) the same call writes.
    assert set(translate_paths(["."], load_config(start="."), write=True, verify=None).changed) == {
        "sample_ru.py",
        "sample_crlf_bom.py",
        "edge_ru.py",
    }
