"""Acceptance tests of the one-off migration on copies of examples/dokon_bot (issue 7)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from migrate_helpers import (
    ANSWERS,
    STATE,
    answer_review_files,
    environment,
    example_repo,
    git,
    project_bytes,
    run_migration,
)

REVIEW_FILES = ("translations.po", "renames.toml", "strings.review.po", "migration-report.md")


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """The example migrated the way a team does it: dry run, review (the answers), --write."""
    folder = example_repo(tmp_path_factory.mktemp("migrated") / "bot")
    original = project_bytes(folder)
    dry = run_migration(folder)
    after_dry = project_bytes(folder)
    answer_review_files(folder)
    write = run_migration(folder, "--write")
    report = (folder / STATE / "migration-report.md").read_text(encoding="utf-8")
    plan = (folder / STATE / "renames.toml").read_text(encoding="utf-8")
    return {
        "folder": folder,
        "original": original,
        "dry": dry,
        "after_dry": after_dry,
        "write": write,
        "final": project_bytes(folder),
        "report": report,
        "plan": plan,
    }


def test_dry_run_changes_no_file_and_writes_the_review_files(migrated):
    folder = migrated["folder"]
    assert migrated["dry"].returncode == 1, migrated["dry"].stderr  # items are left for a human
    assert migrated["after_dry"] == migrated["original"]
    for name in REVIEW_FILES:
        assert (folder / STATE / name).is_file(), name
    assert "Review and edit those files, then run again with --write." in migrated["dry"].stdout


def test_dry_run_leaves_git_clean(tmp_path):
    folder = example_repo(tmp_path / "bot")
    done = run_migration(folder)
    assert done.returncode == 1, done.stderr
    assert git(folder, "status", "--porcelain") == ""  # .english-guard/ ignores itself


def test_write_applies_the_review_files_and_the_example_tests_pass(migrated):
    folder, final = migrated["folder"], migrated["final"]
    assert migrated["write"].returncode in (0, 1), migrated["write"].stderr
    assert final != migrated["original"]
    handlers = final["bot/handlers.py"].decode()
    assert "async def add(message, code: str)" in handlers  # renamed
    assert '"""Add a product to the user\'s cart."""' in handlers  # the reviewer's translation
    assert '_("No such product")' in handlers  # the reviewer's English msgid
    assert '_("Your cart is empty")' in handlers  # a machine proposal the reviewer corrected
    assert "class FakeMessage:" in final["tests/soxta.py"].decode()  # a name the reviewer gave
    assert "locales/uz/LC_MESSAGES/messages.po" in final and "bot/i18n.py" in final
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=environment(folder.parent),
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "7 passed" in tests.stdout


def test_check_reports_only_what_the_report_lists_for_manual_review(migrated):
    from english_guard.migrate.report import manual_locations

    folder = migrated["folder"]
    check = subprocess.run(
        [sys.executable, "-m", "english_guard", "check", "--no-cache", "--format", "json", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        env=environment(folder.parent),
    )
    findings = json.loads(check.stdout)["findings"]
    listed = manual_locations(migrated["report"])
    assert findings, "the Helm chart, Dockerfile and README prose are left for a human"
    missing = [f"{f['path']}:{f['line']} {f['code']}" for f in findings if f"{f['path']}:{f['line']}" not in listed]
    assert missing == []
    answers = tomllib.loads(ANSWERS.read_text(encoding="utf-8"))
    answered = (
        set(answers["translations"])
        | set(answers["strings"])
        | {name.rsplit(".", 1)[-1] for name in answers["renames"]}
    )
    still_there = [
        f"{f['path']}:{f['line']} {f['text']}"
        for f in findings
        if f["text"].lstrip("# ") in answered or f["text"] in answered
    ]
    assert still_there == []  # every answer of the review was applied
    assert {f["code"] for f in findings} >= {"EG501"}  # the chart, Dockerfile and README are a human's job


def test_second_write_changes_nothing(migrated, tmp_path):
    folder = migrated["folder"]
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "migrated")
    again = run_migration(folder, "--write")
    assert again.returncode in (0, 1), again.stderr
    assert project_bytes(folder) == migrated["final"]
    assert git(folder, "status", "--porcelain") == ""
    assert "0 files changed." in again.stdout


def test_dirty_tree_is_refused_without_allow_dirty(tmp_path):
    folder = example_repo(tmp_path / "bot")
    (folder / "bot" / "savat.py").write_text((folder / "bot" / "savat.py").read_text() + "\n# local edit\n")
    before = project_bytes(folder)
    refused = run_migration(folder, "--write")
    assert refused.returncode == 2
    assert "uncommitted changes" in refused.stderr and "--allow-dirty" in refused.stderr
    assert " M bot/savat.py" in refused.stderr
    assert project_bytes(folder) == before
    allowed = run_migration(folder, "--write", "--allow-dirty")
    assert allowed.returncode in (0, 1), allowed.stderr
    assert project_bytes(folder) != before


def test_review_files_keep_the_reviewers_answers(migrated):
    """A rerun merges: the answered entries are still there (applied), the plan keeps the given names."""
    assert 'name = "SoxtaXabar"' in migrated["plan"] and 'new_name = "FakeMessage"' in migrated["plan"]
    report = migrated["report"]
    assert "| `tests.soxta.SoxtaXabar` | class | `FakeMessage` |" in report
