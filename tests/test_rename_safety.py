"""Refusals: each leaves every file untouched and says why, with an alternative where there is one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rename_helpers import copy_fixture, run_cli, tree_digest

from english_guard.fixes.rename.planfile import PlanEntry, dump_plan


def write_plan(project: Path, *entries: tuple[str, str, str], name: str = "renames.toml") -> None:
    plan = [PlanEntry(qualified, old, "", "", 0, new) for qualified, old, new in entries]
    (project / name).write_text(dump_plan(plan), encoding="utf-8")


def apply(project: Path, monkeypatch, *extra: str):
    return run_cli(project, "rename", "dokon", "tests", "--apply", "renames.toml", *extra, monkeypatch=monkeypatch)


@pytest.fixture
def project(tmp_path):
    return copy_fixture(tmp_path)


def assert_refused(project: Path, monkeypatch, *needles: str, exit_code: int = 1) -> str:
    digest = tree_digest(project)
    result = apply(project, monkeypatch)
    assert result.exit_code == exit_code, result.output
    for needle in needles:
        assert needle in result.output, result.output
    assert "nothing was changed" in result.output.lower()
    assert tree_digest(project) == digest
    return result.output


def test_a_good_entry_with_a_bad_one_changes_nothing(project, monkeypatch):
    write_plan(
        project,
        ("dokon.modellar.Mahsulot", "Mahsulot", "Product"),
        ("dokon.hisob.hisobla_jami.<locals>.natija", "natija", "jami"),
    )
    assert_refused(
        project,
        monkeypatch,
        "refused: dokon.hisob.hisobla_jami.<locals>.natija",
        "'jami' already exists in scope dokon.hisob.hisobla_jami",
        "for example 'jami_2'",
    )


def test_collision_with_a_member_of_the_same_class(project, monkeypatch):
    write_plan(project, ("dokon.modellar.Mahsulot.narx", "narx", "soni"))
    assert_refused(project, monkeypatch, "'soni' already exists in class dokon.modellar.Mahsulot")


def test_two_entries_renamed_to_the_same_name_in_one_scope(project, monkeypatch):
    write_plan(
        project,
        ("dokon.hisob.hisobla_jami.<locals>.natija", "natija", "result"),
        ("dokon.hisob.hisobla_jami.<locals>.chegirma", "chegirma", "result"),
    )
    assert_refused(project, monkeypatch, "another entry already renames something to 'result'")


def test_capture_in_an_enclosing_scope_is_refused(project, monkeypatch):
    # `umumiy_hisob` is a global that hisobla_jami declares `global`; `jami` is that function's local.
    write_plan(project, ("dokon.hisob.umumiy_hisob", "umumiy_hisob", "jami"))
    assert_refused(project, monkeypatch, "would change what", "dokon/hisob.py")


@pytest.mark.parametrize(
    ("qualified", "old", "new", "needle", "alternative"),
    [
        ("dokon.savat.Savat.royxat", "royxat", "list", "would shadow the builtin list()", "'items'"),
        ("dokon.hisob.tur_nomi.<locals>.tur", "tur", "type", "would shadow the builtin type()", "'kind'"),
        ("dokon.savat.Savat.qaytarish", "qaytarish", "return", "is a Python keyword", "'give_back'"),
        ("dokon.savat.Savat.qaytarish", "qaytarish", "give back", "is not a valid Python identifier", ""),
    ],
)
def test_builtin_keyword_and_invalid_targets(project, monkeypatch, qualified, old, new, needle, alternative):
    write_plan(project, (qualified, old, new))
    assert_refused(project, monkeypatch, needle, alternative)


def test_stdlib_override_and_dunders_are_not_the_projects(project, monkeypatch):
    write_plan(project, ("dokon.modellar.MahsulotEncoder.default", "default", "standart"))
    assert_refused(project, monkeypatch, "overrides json.JSONEncoder.default")
    write_plan(project, ("dokon.modellar.Mahsulot.__str__", "__str__", "matn"))
    assert_refused(project, monkeypatch, "__str__ is a dunder")


def test_entry_whose_symbol_no_longer_exists(project, monkeypatch):
    write_plan(
        project,
        ("dokon.modellar.Mahsulot", "Mahsulot", "Product"),
        ("dokon.savat.Savat.ochirish", "ochirish", "delete"),
    )
    assert_refused(project, monkeypatch, "dokon.savat.Savat.ochirish no longer exists", "run --plan again")


def test_entry_whose_name_changed(project, monkeypatch):
    write_plan(project, ("dokon.modellar.Mahsulot", "Tovar", "Product"))
    assert_refused(project, monkeypatch, "is called 'Tovar'")


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("version = 1\n[[rename]\n", "not valid TOML"),
        ("version = 7\n", "unsupported plan version 7"),
        ('version = 1\n[[rename]]\nqualified_name = "a.b"\nname = "b"\n', "`new_name` is missing"),
        (
            'version = 1\n[[rename]]\nqualified_name = "a.b"\nname = "b"\nnew_name = "c"\naction = "maybe"\n',
            "action must be one of rename, skip",
        ),
        ('version = 1\n[[rename]]\nqualified_name = "a.b"\nname = "b"\nnew_name = "c"\ncolour = 1\n', "unknown key"),
    ],
)
def test_malformed_plan_files(project, monkeypatch, content, needle):
    (project / "renames.toml").write_text(content, encoding="utf-8")
    assert_refused(project, monkeypatch, needle, exit_code=2)


def test_a_file_that_does_not_parse_stops_the_apply(project, monkeypatch):
    (project / "dokon" / "buzilgan.py").write_text("def f(:\n    pass\n", encoding="utf-8")
    write_plan(project, ("dokon.modellar.Mahsulot", "Mahsulot", "Product"))
    digest = tree_digest(project)
    result = apply(project, monkeypatch)
    assert result.exit_code == 2
    assert "buzilgan.py:1" in result.output and "nothing was renamed" in result.output
    assert tree_digest(project) == digest


def test_skip_and_empty_entries_are_reported_not_applied(project, monkeypatch):
    plan = [
        PlanEntry("dokon.modellar.Mahsulot", "Mahsulot", "class", "", 0, "Product", "skip", "later"),
        PlanEntry("dokon.modellar.Buyurtma", "Buyurtma", "class", "", 0, ""),
        PlanEntry("dokon.savat.Savat", "Savat", "class", "", 0, "Cart"),
    ]
    (project / "renames.toml").write_text(dump_plan(plan), encoding="utf-8")
    result = apply(project, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "skipped dokon.modellar.Mahsulot: later" in result.output
    assert "skipped dokon.modellar.Buyurtma: no new_name" in result.output
    text = (project / "dokon" / "savat.py").read_text(encoding="utf-8")
    assert "class Cart:" in text and "Mahsulot" in text


def test_unknown_callee_keywords_follow_a_unanimous_rename(project, monkeypatch):
    # `sanagich(qadam=2)` calls a closure the index cannot see; the only `qadam` parameter is renamed
    write_plan(project, ("dokon.hisob.hisoblagich.<locals>.oshir.<locals>.qadam", "qadam", "step"))
    result = apply(project, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "sanagich(step=2)" in (project / "tests" / "test_dokon.py").read_text(encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_plan_file_is_toml_with_one_entry_per_symbol(project, monkeypatch):
    result = run_cli(project, "rename", "dokon", "tests", "--plan", "renames.toml", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    import tomllib

    document = tomllib.loads((project / "renames.toml").read_text(encoding="utf-8"))
    assert document["version"] == 1
    names = [entry["qualified_name"] for entry in document["rename"]]
    assert len(names) == len(set(names))
    for entry in document["rename"]:
        assert set(entry) >= {"qualified_name", "name", "kind", "defined_at", "uses", "new_name", "action"}
        path, line, column = entry["defined_at"].rsplit(":", 2)
        assert (project / path).is_file() and int(line) >= 1 and int(column) >= 1
    json.dumps(document)  # plain data


def test_plan_reports_unparsable_files_and_still_writes_the_plan(project, monkeypatch):
    (project / "dokon" / "buzilgan.py").write_text("x = 1\ndef f(:\n", encoding="utf-8")
    result = run_cli(project, "rename", "dokon", "--plan", "renames.toml", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "dokon/buzilgan.py:2: does not parse" in result.output
    assert (project / "renames.toml").is_file()


def test_missing_path_and_unwritable_plan(project, monkeypatch):
    result = run_cli(project, "rename", "no_such_dir", "--plan", "renames.toml", monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "no_such_dir: no such file or folder" in result.output
    result = run_cli(project, "rename", "dokon", "--plan", "missing/dir/renames.toml", monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "cannot write the plan" in result.output


def test_names_the_glossary_cannot_translate_go_to_an_installed_model(tmp_path, monkeypatch):
    import argos_builder

    from english_guard.fixes.rename import load_plan

    monkeypatch.setenv("ENGLISH_GUARD_MODELS_DIR", str(tmp_path / "eg-models"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
    package = argos_builder.build_argos_package(tmp_path / "packages", "ru")
    root = tmp_path / "project"
    root.mkdir()
    (root / "storage.py").write_text(
        "def хранилище_файлов():\n    return 1\n\n\nprint(хранилище_файлов())\n", encoding="utf-8"
    )
    installed = run_cli(root, "models", "install", str(package), monkeypatch=monkeypatch)
    assert installed.exit_code == 0, installed.output
    result = run_cli(root, "rename", ".", "--plan", "renames.toml", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    entries = {e.qualified_name: e for e in load_plan((root / "renames.toml").read_text("utf-8"), "r")}
    entry = entries["storage.хранилище_файлов"]
    # the test model writes a long run of English words: no identifier is made of that, a human names it
    assert entry.new_name == "" and "no proposal" in entry.reason


def test_engine_proposals_are_styled_checked_and_marked_for_review(tmp_path, monkeypatch):
    """The routing after the engine: a stand-in engine with the Engine protocol answers short phrases."""
    from english_guard.translation.engine_router import EngineRouter

    class PhraseEngine:
        name = "stand-in"

        def translate(self, sentences, source_lang):
            answers = {"хранилище файлов": "File storage", "ящик": "list", "полка": "эээ"}
            return [answers.get(s) for s in sentences]

    monkeypatch.setattr(EngineRouter, "engine_for", lambda self, language: PhraseEngine())
    root = tmp_path / "project"
    root.mkdir()
    (root / "m.py").write_text(
        "def хранилище_файлов():\n    ящик = 1\n    полка = 2\n    return ящик + полка\n", encoding="utf-8"
    )
    monkeypatch.chdir(root)
    from english_guard.config import Config
    from english_guard.fixes.rename import plan_paths

    entries, _errors = plan_paths(["."], Config(root=str(root)))
    by_name = {e.name: e for e in entries}
    assert by_name["хранилище_файлов"].new_name == "file_storage"
    assert "machine translation by the stand-in engine: review it" in by_name["хранилище_файлов"].reason
    assert by_name["ящик"].new_name == "items" and "shadow the builtin" in by_name["ящик"].reason
    assert by_name["полка"].new_name == ""  # a non-English answer is no proposal


def test_apply_without_paths_uses_the_plans_paths(project, monkeypatch):
    result = run_cli(project, "rename", "dokon", "tests", "--plan", "renames.toml", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert 'paths = ["dokon", "tests"]' in (project / "renames.toml").read_text(encoding="utf-8")
    preview = run_cli(project, "rename", "--apply", "renames.toml", "--diff", monkeypatch=monkeypatch)
    assert preview.exit_code == 0 and "+++ b/tests/test_dokon.py" in preview.output
    narrower = run_cli(project, "rename", "dokon", "--apply", "renames.toml", "--diff", monkeypatch=monkeypatch)
    assert "warning: the plan was made for dokon tests" in narrower.output
