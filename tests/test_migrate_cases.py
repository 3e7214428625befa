"""The migration on bad input: a file that does not parse, a broken configuration, no git at all."""

from __future__ import annotations

import shutil

from migrate_helpers import EXAMPLE, STATE, example_repo, project_bytes, run_migration


def test_a_file_that_does_not_parse_is_reported_once_and_the_rest_goes_on(tmp_path):
    folder = example_repo(tmp_path / "bot")
    (folder / "bot" / "buzuq.py").write_text("def buzuq(:\n    pass\n", encoding="utf-8")
    done = run_migration(folder)
    assert done.returncode == 2
    assert "bot/buzuq.py:1" in done.stderr and "Traceback" not in done.stderr
    report = (folder / STATE / "migration-report.md").read_text(encoding="utf-8")
    section = report.split("### Files that could not be processed (1)", 1)[1]
    assert section.lstrip().startswith("- `bot/buzuq.py:1` EG900")
    assert "no identifier was renamed: a file that cannot be read or parsed" in report
    # The other files went on: their comments are in the review file (glossary proposals wait for review).
    assert "bot/savat.py" in (folder / STATE / "translations.po").read_text(encoding="utf-8")


def test_a_broken_configuration_stops_before_anything_is_written(tmp_path):
    folder = example_repo(tmp_path / "bot")
    (folder / "pyproject.toml").write_text("[tool.english-guard]\nsource-lang = 5\n", encoding="utf-8")
    before = project_bytes(folder)
    done = run_migration(folder, "--write", "--allow-dirty")
    assert done.returncode == 2
    assert "pyproject.toml: [tool.english-guard] source-lang must be a string" in done.stderr
    assert "Nothing was changed." in done.stderr
    assert project_bytes(folder) == before and not (folder / ".english-guard").exists()


def test_outside_git_the_write_needs_no_clean_tree(tmp_path):
    folder = tmp_path / "bot"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    (folder / "bot" / "savat.py").write_text((folder / "bot" / "savat.py").read_text() + "\n")
    before = project_bytes(folder)
    done = run_migration(folder, "--write")
    assert done.returncode == 1, done.stderr
    after = project_bytes(folder)
    assert after != before and "class Cart:" in after["bot/savat.py"].decode()


def test_with_a_real_model_russian_is_translated_and_uzbek_waits_for_a_model(tmp_path):
    """A tiny CTranslate2 package built here (its English is nonsense, but real): the engine path end to end."""
    import subprocess
    import sys

    import argos_builder
    from migrate_helpers import environment, git

    env = environment(tmp_path)
    package = argos_builder.build_package_folder(tmp_path / "package", "ru")
    installed = subprocess.run(
        [sys.executable, "-m", "english_guard", "models", "install", str(package)],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stderr
    folder = example_repo(tmp_path / "bot")
    done = subprocess.run(
        [sys.executable, str(EXAMPLE.parent.parent / "translate_comments.py")],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    report = (folder / STATE / "migration-report.md").read_text(encoding="utf-8")
    assert "Translation engine: `auto`" in report
    assert "| `bot/katalog.py:1` | ru | docstring | Каталог товаров магазина. |" in report  # the model's proposal
    assert "no translation model for Uzbek (uz)" in report  # and how to get one, for every Uzbek text
    assert (folder / ".english-guard-cache" / "translation-memory.json").is_file()
    assert git(folder, "status", "--porcelain") == ""  # the memory and the review files stay out of git
