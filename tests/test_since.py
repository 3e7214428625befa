"""`check --since GIT_REF` on real git repositories: only findings on changed lines, untracked and
newly added files count fully, and a bad ref or a folder outside git is a clear error (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_helpers import (
    BOT_SOURCE,
    CLEAN_SOURCE,
    RU_NEW_COMMENT,
    UZ_COMMENT_2,
    YAML_SOURCE,
    check_json,
    commit_all,
    git,
    located,
    make_project,
    make_repo,
    run_cli,
    write,
)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository whose first commit already holds findings (old ones: never reported with --since)."""
    root = make_repo(tmp_path / "repo")
    make_project(
        root,
        {
            "app/handlers.py": BOT_SOURCE,
            "app/clean.py": CLEAN_SOURCE,
            "deploy/values.yaml": YAML_SOURCE,
            "sub dir/çafé.py": CLEAN_SOURCE,
            ".gitignore": ".english-guard-cache/\n",
        },
    )
    commit_all(root, "initial")
    return root


def _insert_line(path: Path, index: int, line: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(index, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_only_changed_lines_and_new_files_are_reported(repo):
    code, everything, _stderr = check_json(repo, "--no-cache")
    assert code == 1 and len(everything["findings"]) >= 6
    _insert_line(repo / "app/handlers.py", 8, "    " + RU_NEW_COMMENT)  # a changed line in an old file
    _insert_line(repo / "app/clean.py", 0, UZ_COMMENT_2)  # unstaged change
    write(repo, "app/staged.py", f"{UZ_COMMENT_2}\nx = 1\n")
    git(repo, "add", "app/staged.py")  # staged, never committed
    write(repo, "app/untracked.py", f"{RU_NEW_COMMENT}\ny = 2\n{UZ_COMMENT_2}\n")  # untracked: counts fully
    write(repo, "ignored.py", f"{RU_NEW_COMMENT}\n")
    write(repo, ".gitignore", ".english-guard-cache/\nignored.py\n")
    code, report, stderr = check_json(repo, "--no-cache", "--since", "HEAD")
    assert code == 1, stderr
    assert located(report) == [
        ("app/clean.py", 1, "EG201", UZ_COMMENT_2),
        ("app/handlers.py", 9, "EG201", RU_NEW_COMMENT),
        ("app/staged.py", 1, "EG201", UZ_COMMENT_2),
        ("app/untracked.py", 1, "EG201", RU_NEW_COMMENT),
        ("app/untracked.py", 3, "EG201", UZ_COMMENT_2),
    ]


def test_changes_in_committed_history_since_an_older_ref(repo):
    _insert_line(repo / "app/clean.py", 2, UZ_COMMENT_2)
    commit_all(repo, "second")
    _insert_line(repo / "deploy/values.yaml", 2, "  # Здесь указан порт сервиса")
    commit_all(repo, "third")
    code, report, _stderr = check_json(repo, "--no-cache", "--since", "HEAD~2")
    assert code == 1
    assert [(f["path"], f["line"]) for f in report["findings"]] == [("app/clean.py", 3), ("deploy/values.yaml", 3)]
    code, report, _stderr = check_json(repo, "--no-cache", "--since", "HEAD")
    assert (code, report["findings"]) == (0, [])


def test_unchanged_tree_reports_nothing(repo):
    code, report, _stderr = check_json(repo, "--no-cache", "--since", "HEAD")
    assert (code, report["findings"], report["errors"]) == (0, [], [])
    assert report["summary"]["files"] >= 4


def test_paths_with_spaces_and_non_ascii_letters(repo):
    """git quotes such names in diffs (and adds a tab after names with spaces)."""
    _insert_line(repo / "sub dir/çafé.py", 0, UZ_COMMENT_2)
    write(repo, "new dir/données à traiter.py", f"{RU_NEW_COMMENT}\n")
    code, report, _stderr = check_json(repo, "--no-cache", "--since", "HEAD")
    assert code == 1
    assert [(f["path"], f["line"]) for f in report["findings"]] == [
        ("new dir/données à traiter.py", 1),
        ("sub dir/çafé.py", 1),
    ]


def test_from_a_sub_folder_and_with_unusual_git_settings(repo):
    _insert_line(repo / "app/clean.py", 0, UZ_COMMENT_2)
    _insert_line(repo / "deploy/values.yaml", 0, "# Здесь указан порт сервиса")
    # diff.noprefix and mnemonicPrefix change the a/ b/ prefixes of `git diff`; quotePath escapes names.
    git(repo, "config", "diff.noprefix", "true")
    git(repo, "config", "diff.mnemonicPrefix", "true")
    git(repo, "config", "core.quotePath", "true")
    code, report, _stderr = check_json(repo / "app", "--no-cache", "--since", "HEAD", ".")
    assert code == 1
    assert [(f["path"], f["line"]) for f in report["findings"]] == [("clean.py", 1)]
    code, report, _stderr = check_json(repo, "--no-cache", "--since", "HEAD")
    assert [(f["path"], f["line"]) for f in report["findings"]] == [("app/clean.py", 1), ("deploy/values.yaml", 1)]


def test_changes_beside_a_sub_folder_are_seen_from_it(repo):
    _insert_line(repo / "deploy/values.yaml", 0, "# Здесь указан порт сервиса")
    write(repo, "new.py", f"{UZ_COMMENT_2}\n")  # untracked, outside the current folder
    code, report, _stderr = check_json(repo / "app", "--no-cache", "--since", "HEAD", "..")
    assert code == 1
    assert sorted((f["path"], f["line"]) for f in report["findings"]) == [
        ("../deploy/values.yaml", 1),
        ("../new.py", 1),
    ]


def test_with_baseline_and_other_formats(repo):
    assert run_cli(repo, "baseline", "--no-cache", "-o", "baseline.json").returncode == 0
    _insert_line(repo / "app/clean.py", 0, UZ_COMMENT_2)
    completed = run_cli(
        repo,
        "check",
        "--no-cache",
        "--since",
        "HEAD",
        "--format",
        "github",
        "--baseline",
        "baseline.json",
        "--show-stale",
    )
    assert completed.returncode == 1
    assert completed.stdout.count("::error ") == 1 and "file=app/clean.py,line=1," in completed.stdout
    # Baselined findings on unchanged lines are matched, not stale, although --since hides them.
    assert "stale" not in completed.stderr


@pytest.mark.parametrize("ref", ["no-such-branch", "HEAD~5", "--output=/tmp/x"])
def test_a_bad_ref_is_a_clear_error(repo, ref):
    completed = run_cli(repo, "check", "--no-cache", f"--since={ref}")
    assert completed.returncode == 2
    assert f"--since {ref}: unknown git revision '{ref}'" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert completed.stdout == ""


def test_outside_a_git_repository_is_a_clear_error(tmp_path):
    root = make_project(tmp_path / "plain", {"a.py": BOT_SOURCE})
    completed = run_cli(root, "check", "--no-cache", "--since", "HEAD", env=None)
    assert completed.returncode == 2
    assert "--since HEAD:" in completed.stderr and "not a git repository" in completed.stderr
    assert "Traceback" not in completed.stderr
