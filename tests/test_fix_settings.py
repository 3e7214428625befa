"""One settings object for `check` and every fix (issue 13): the allowed words and the project's names
that keep a text out of `check`'s findings also keep it out of every fix's proposals."""

from __future__ import annotations

from pathlib import Path

import pytest

from english_guard.checker import run_check
from english_guard.config import load_config
from english_guard.fixes.extract import extract_settings
from english_guard.fixes.rename import plan_paths
from english_guard.fixes.translate.workflow import read_plans
from english_guard.settings import settings_for

PYPROJECT = """\
[project]
name = "kassa"
version = "1"

[tool.english-guard]
allowed-words = ["ombor"]
"""

CODE = """\
class Kassa:
    pass


def ombor():
    return Kassa()  # Kassa ombor


def narxni_hisoblash(miqdor):
    # narxni hisoblash
    return miqdor * 2
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "app.py").write_text(CODE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_and_rename_agree_on_names_the_project_allows(project):
    config = load_config(None, start=project)
    reported = {f.text for f in run_check(["."], config, use_cache=False).findings if f.code == "EG101"}
    entries, errors = plan_paths(["."], config)
    assert not errors
    planned = {e.name for e in entries}
    assert reported == {"narxni_hisoblash", "miqdor"}
    # The product's name (pyproject's `name`) and an allowed word are not proposed for renaming.
    assert "Kassa" not in planned and "ombor" not in planned
    assert planned == reported


def test_translate_leaves_comments_made_of_the_projects_names(project):
    plans, errors, _notes = read_plans(["app.py"], load_config(None, start=project))
    assert not errors
    texts = [unit.text for plan in plans for unit in plan.units]
    assert texts == ["narxni hisoblash"]


def test_the_verdict_counts_project_names_as_english(project):
    settings = settings_for(load_config(None, start=project))
    assert settings.judge("Kassa", "identifier", project / "app.py").english
    assert settings.judge("ombor", "identifier").english
    assert not settings.judge("narxni_hisoblash", "identifier").english
    assert settings_for(settings.config) is settings  # built once per configuration


def test_extract_settings_leave_the_configuration_as_it_was(project):
    config = load_config(None, start=project)
    before = list(config.gettext_functions)
    settings = extract_settings(["."], config, source_lang="uz", import_statement="from app.i18n import tr")
    assert config.gettext_functions == before  # not changed: callpatterns caches by configuration object
    assert settings.config is not config and "tr" in settings.config.gettext_functions
    assert settings.notes and "tr" in settings.notes[0]


def test_extract_puts_the_helper_in_the_one_package_or_in_the_package_named(tmp_path, monkeypatch):
    (tmp_path / "bot" / "handlers").mkdir(parents=True)
    (tmp_path / "bot" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "bot" / "handlers" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config(None, start=tmp_path)
    # The command and the migration use the same function: from the project root, inside its package ...
    assert extract_settings(["."], config, source_lang="uz").runtime_module == Path("bot/i18n.py")
    # ... and named a package, inside that package (not in its one sub-package).
    assert extract_settings(["bot"], config, source_lang="uz").runtime_module == Path("bot/i18n.py")
