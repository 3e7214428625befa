"""Finding the files to check: git's own answer inside a work tree (.git/info/exclude, the global excludes
file), .ignore files, .gitignore files (nested too, and those above the walked folder up to the
repository root), configured excludes, files named explicitly, `--force-exclude`, symlinks that leave the
tree and symlink loops."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from check_helpers import CLEAN_SOURCE, PYPROJECT, RU_NEW_COMMENT, check_json, make_project, make_repo, run_cli, write

from english_guard.config import load_config
from english_guard.sources.registry import reader_name_for
from english_guard.walk import collect_files

FINDING = f"{RU_NEW_COMMENT}\nx = 1\n"


def _walk(root: Path, *paths: str, force_exclude: bool = False, cwd: Path | None = None) -> list[str]:
    previous = os.getcwd()
    os.chdir(cwd or root)
    try:
        config = load_config(None, start=paths[0] if paths else ".")
        result = collect_files(list(paths or ["."]), config, force_exclude=force_exclude)
    finally:
        os.chdir(previous)
    assert result.problems == []
    return sorted(path for path in result.files if reader_name_for(path))  # the files the engine reads


@pytest.fixture
def repo(tmp_path) -> Path:
    root = make_repo(tmp_path / "repo")
    make_project(
        root,
        {
            ".gitignore": "build/\n*.gen.py\n!keep.gen.py\n/top_only.py\n",
            "main.py": CLEAN_SOURCE,
            "top_only.py": CLEAN_SOURCE,
            "build/out.py": FINDING,
            "a.gen.py": FINDING,
            "keep.gen.py": CLEAN_SOURCE,
            "pkg/top_only.py": CLEAN_SOURCE,  # `/top_only.py` is anchored at the root
            "pkg/.gitignore": "local_*.py\nnested/\n!generated.gen.py\n",  # re-includes what the root ignores
            "pkg/generated.gen.py": CLEAN_SOURCE,
            "pkg/other.gen.py": FINDING,
            "pkg/local_settings.py": FINDING,
            "pkg/module.py": CLEAN_SOURCE,
            "pkg/nested/deep.py": FINDING,
            "pkg/sub/local_x.py": FINDING,
            "node_modules/lib/index.py": FINDING,
            ".venv/lib/site.py": FINDING,
        },
    )
    return root


def test_gitignore_files_are_honoured_nested_too(repo):
    assert _walk(repo) == [
        "keep.gen.py",
        "main.py",
        "pkg/generated.gen.py",
        "pkg/module.py",
        "pkg/top_only.py",
        "pyproject.toml",
    ]


def test_gitignore_above_the_walked_folder_applies_up_to_the_repository_root(repo, tmp_path):
    assert _walk(repo, "pkg") == ["pkg/generated.gen.py", "pkg/module.py", "pkg/top_only.py"]
    write(repo, "pkg/extra.gen.py", CLEAN_SOURCE)  # ignored by the root's `*.gen.py`
    assert _walk(repo / "pkg", ".") == ["generated.gen.py", "module.py", "top_only.py"]
    # A .gitignore outside the repository does not apply to it.
    write(tmp_path, ".gitignore", "*.py\n")
    assert "main.py" in _walk(repo)


def test_configured_excludes_and_explicit_files(tmp_path):
    root = make_project(
        tmp_path / "p",
        {
            "app/main.py": CLEAN_SOURCE,
            "generated/client.py": FINDING,
            "migrations/0001_initial.py": FINDING,
        },
        pyproject=PYPROJECT.replace("exclude = []", 'exclude = ["generated/", "migrations/*.py"]'),
    )
    assert _walk(root) == ["app/main.py", "pyproject.toml"]
    # A file named explicitly is checked although excluded, unless --force-exclude (pre-commit).
    assert _walk(root, "generated/client.py") == ["generated/client.py"]
    assert _walk(root, "generated/client.py", force_exclude=True) == []
    assert _walk(root, "migrations/0001_initial.py", "app/main.py", force_exclude=True) == ["app/main.py"]
    code, report, _stderr = check_json(root, "--no-cache", "generated/client.py")
    assert (code, [f["path"] for f in report["findings"]]) == (1, ["generated/client.py"])
    code, report, _stderr = check_json(root, "--no-cache", "--force-exclude", "generated/client.py", "app/main.py")
    assert (code, report["findings"], report["summary"]["files"]) == (0, [], 1)
    # A folder named explicitly is walked, but the excludes apply to what is inside it.
    assert _walk(root, "migrations") == []
    assert _walk(root, "app", force_exclude=True) == ["app/main.py"]


def test_symlinks_leaving_the_tree_are_not_followed(tmp_path):
    outside = make_project(tmp_path / "outside", {"secret.py": FINDING, "lib/mod.py": FINDING})
    root = make_project(tmp_path / "project", {"app/main.py": CLEAN_SOURCE, "app/real.py": FINDING})
    (root / "app/linked_dir").symlink_to(outside / "lib", target_is_directory=True)
    (root / "app/linked_file.py").symlink_to(outside / "secret.py")
    (root / "app/inside_link.py").symlink_to(root / "app/real.py")  # stays inside: followed
    (root / "app/dangling.py").symlink_to(tmp_path / "missing.py")
    assert _walk(root) == ["app/inside_link.py", "app/main.py", "app/real.py", "pyproject.toml"]
    code, report, _stderr = check_json(root, "--no-cache")
    assert code == 1 and report["errors"] == []
    assert {f["path"] for f in report["findings"]} == {"app/real.py", "app/inside_link.py"}


def test_a_directory_symlink_loop_terminates(tmp_path):
    root = make_project(tmp_path / "loop", {"a/b/mod.py": FINDING, "a/other.py": CLEAN_SOURCE})
    (root / "a/b/up").symlink_to(root / "a", target_is_directory=True)  # a/b/up/b/up/... forever
    (root / "a/self").symlink_to(root / "a/self")  # a link to itself (ELOOP)
    (root / "a/b/top").symlink_to(root, target_is_directory=True)
    assert _walk(root) == ["a/b/mod.py", "a/other.py", "pyproject.toml"]
    completed = run_cli(root, "check", "--no-cache", "--format", "json", timeout=60)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr


def test_missing_paths_and_output_paths(tmp_path):
    root = make_project(tmp_path / "p", {"app/main.py": FINDING})
    code, report, _stderr = check_json(root, "--no-cache", "app", "missing.py")
    assert code == 2
    assert report["errors"] == [{"path": "missing.py", "code": "EG900", "message": "no such file or directory"}]
    assert [f["path"] for f in report["findings"]] == ["app/main.py"]
    # The same file named twice (and through its folder) is checked once.
    code, report, _stderr = check_json(root, "--no-cache", "app", "app/main.py", "./app/main.py")
    assert (code, len(report["findings"]), report["summary"]["files"]) == (1, 1, 1)


# --- ignore files as git sees them ------------------------------------------------------------------


def _git(root: Path, *args: str, env: dict | None = None) -> None:
    import subprocess

    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_inside_git_the_exclude_file_and_the_global_excludes_file_apply(tmp_path, monkeypatch):
    root = make_repo(tmp_path / "repo")
    make_project(root, {"main.py": CLEAN_SOURCE, "scratch.py": FINDING, "notes/draft.py": FINDING, "local.py": FINDING})
    (root / ".git" / "info").mkdir(parents=True, exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("scratch.py\n", encoding="utf-8")
    global_excludes = tmp_path / "global-excludes"
    global_excludes.write_text("notes/\n", encoding="utf-8")
    global_config = tmp_path / "gitconfig"
    global_config.write_text(f"[core]\n\texcludesFile = {global_excludes}\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(global_config))
    assert _walk(root) == ["local.py", "main.py", "pyproject.toml"]
    # A file named explicitly is still checked, whatever git ignores.
    assert _walk(root, "scratch.py") == ["scratch.py"]


def test_inside_git_a_tracked_file_is_checked_even_if_a_pattern_matches_it(tmp_path):
    root = make_repo(tmp_path / "repo")
    make_project(root, {"main.py": CLEAN_SOURCE, "vendored.py": FINDING})
    _git(root, "add", "vendored.py")
    write(root, ".gitignore", "vendored.py\nuntracked_ignored.py\n")
    write(root, "untracked_ignored.py", FINDING)
    assert _walk(root) == ["main.py", "pyproject.toml", "vendored.py"]


def test_a_subfolder_of_a_repository_is_walked_with_git_s_answers(tmp_path):
    root = make_repo(tmp_path / "repo")
    make_project(root, {".gitignore": "pkg/gen/\n", "pkg/a.py": CLEAN_SOURCE, "pkg/gen/b.py": FINDING})
    assert _walk(root, "pkg", cwd=root) == ["pkg/a.py"]


@pytest.mark.parametrize("in_git", [True, False])
def test_dot_ignore_files_apply_inside_and_outside_git(tmp_path, in_git):
    root = make_repo(tmp_path / "repo") if in_git else tmp_path / "plain"
    make_project(
        root,
        {
            ".ignore": "fixtures/\n",
            ".gitignore": "build/\n",
            "main.py": CLEAN_SOURCE,
            "fixtures/sample.py": FINDING,
            "build/out.py": FINDING,
            "pkg/.ignore": "*_old.py\n",
            "pkg/new.py": CLEAN_SOURCE,
            "pkg/x_old.py": FINDING,
        },
    )
    assert _walk(root) == ["main.py", "pkg/new.py", "pyproject.toml"]


def test_an_invalid_ignore_pattern_is_skipped_as_git_skips_it(tmp_path):
    """A `.gitignore` line git cannot read (`!` alone, a lone backslash: black's test data has such files) is
    skipped, as git skips it; the valid lines around it still apply, and the check gives no traceback."""
    root = make_project(
        tmp_path / "project",
        {"ok.py": FINDING, "skipped.py": FINDING, "sub/.gitignore": "!\n\\\n*.py\n", "sub/hidden.py": FINDING},
    )
    write(root, ".gitignore", "!\nskipped.py\n")
    assert _walk(root) == ["ok.py", "pyproject.toml"]
    done = run_cli(root, "check", "--no-cache", ".")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr


def test_an_invalid_configured_pattern_is_a_one_line_error(tmp_path):
    root = make_project(tmp_path / "project", {"ok.py": FINDING}, PYPROJECT.replace("exclude = []", 'exclude = ["!"]'))
    done = run_cli(root, "check", "--no-cache", ".")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "'!'" in done.stderr
