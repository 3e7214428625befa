"""The migration proves it did not break the project (issue 12), on tests/fixtures/ombor_bot.

The fixture is an Uzbek bot shaped like an aiogram 3 bot (stand-in aiogram, SQLAlchemy, pydantic and
Jinja2 modules inside it): a star re-export, a namespace package, columns under raw SQL, models read from
JSON, a template, FSM state strings, mock.patch targets, module-level keyboards and its own tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from migrate_helpers import answer_review_files, committed_copy, environment, git, project_bytes, run_migration

FIXTURE = Path(__file__).parent / "fixtures" / "ombor_bot"
ANSWERS = Path(__file__).parent / "fixtures" / "ombor_bot_answers.toml"


def store_bot_repo(target: Path) -> Path:
    return committed_copy(FIXTURE, target, "the ombor bot")


def bot_tests(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        env={**environment(folder.parent), "PYTEST_ADDOPTS": ""},
    )


@pytest.fixture(scope="module")
def blocked(tmp_path_factory):
    """A reviewer accepts every proposal, including names that data and strings depend on."""
    folder = store_bot_repo(tmp_path_factory.mktemp("blocked") / "bot")
    assert bot_tests(folder).returncode == 0
    run_migration(folder)
    original = project_bytes(folder)
    answer_review_files(folder, ANSWERS, opt_in=True)
    write = run_migration(folder, "--write")
    return {"folder": folder, "write": write, "original": original}


def test_a_test_that_passed_before_and_fails_after_stops_the_write_and_is_named(blocked):
    write = blocked["write"]
    assert write.returncode == 2, write.stderr
    assert "tests that passed before fail after the change" in write.stderr
    for broken in ("test_modellar", "test_xizmatlar", "test_ombor", "test_handlers"):
        assert broken in write.stderr  # raw SQL, mock.patch, JSON fields, injection by parameter name
    assert "Nothing was written" in write.stderr
    folder = blocked["folder"]
    changed = {k for k, v in project_bytes(folder).items() if blocked["original"].get(k) != v}
    assert all(name.startswith(".english-guard") for name in changed), changed
    assert git(folder, "status", "--porcelain") == ""
    report = (folder / ".english-guard" / "migration" / "migration-report.md").read_text(encoding="utf-8")
    assert "Nothing was written" in report


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """The reviewer's answers with the data-dependent names turned off: --write, commit, clone."""
    base = tmp_path_factory.mktemp("migrated")
    folder = store_bot_repo(base / "bot")
    original = project_bytes(folder)
    run_migration(folder)
    answer_review_files(folder, ANSWERS)
    write = run_migration(folder, "--write")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "migrated")
    clone = base / "clone"
    subprocess.run(["git", "clone", "-q", str(folder), str(clone)], check=True)
    return {"folder": folder, "write": write, "original": original, "clone": clone}


def test_write_renames_through_star_reexports_and_namespace_packages(migrated):
    write = migrated["write"]
    assert write.returncode in (0, 1), write.stderr
    folder = migrated["folder"]
    # `from dokon.ombor import ...` reaches the classes through `from .savat import *` in dokon/ombor/__init__.py,
    # and `dokon` is a namespace package (no __init__.py)
    assert "from dokon.ombor import Product, Cart, load_catalog" in (folder / "tests/test_ombor.py").read_text()
    assert "from dokon.ombor import Cart, load_catalog" in (folder / "dokon/handlers.py").read_text()
    assert "6 passed before, 6 after" in write.stdout + write.stderr


def test_every_test_passes_after_the_write_and_in_a_fresh_clone(migrated):
    done = bot_tests(migrated["folder"])
    assert done.returncode == 0 and "6 passed" in done.stdout, done.stdout + done.stderr
    clone = migrated["clone"]
    assert (clone / "locales/uz/LC_MESSAGES/messages.mo").is_file()  # *.mo is ignored by the template
    gitignore = (clone / ".gitignore").read_text(encoding="utf-8")
    assert "!locales/**/*.mo" in gitignore
    done = bot_tests(clone)
    assert done.returncode == 0 and "6 passed" in done.stdout, done.stdout + done.stderr


def test_a_second_write_changes_no_byte(migrated):
    folder = migrated["folder"]
    before = project_bytes(folder)
    again = run_migration(folder, "--write")
    assert again.returncode in (0, 1), again.stderr
    assert project_bytes(folder) == before
    assert not (folder / ".english-guard" / "migration" / "commit.json").exists()
    assert git(folder, "status", "--porcelain") == ""


def test_a_second_write_with_catalogs_git_ignores_here_changes_nothing(tmp_path):
    """budget_bot: catalogs ignored on this machine; the second --write used to exit 2 and leave a journal."""
    folder = store_bot_repo(tmp_path / "bot")
    (folder / ".git" / "info" / "exclude").write_text("*.mo\n*.pot\n", encoding="utf-8")
    run_migration(folder)
    answer_review_files(folder, ANSWERS)
    first = run_migration(folder, "--write")
    assert first.returncode in (0, 1), first.stderr
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "migrated")
    before = project_bytes(folder)
    again = run_migration(folder, "--write")
    assert again.returncode in (0, 1), again.stderr
    assert "changed since" not in again.stderr
    assert project_bytes(folder) == before
    assert not (folder / ".english-guard" / "migration" / "commit.json").exists()
    third = run_migration(folder, "--write")
    assert third.returncode in (0, 1), third.stderr
