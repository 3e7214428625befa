"""The real pre-commit runs this repository's `english-guard` hook in a temporary git repository.

pre-commit builds the hook's environment by pip-installing a clone of this repository's HEAD commit
(uncommitted changes are not part of the hook), so the first run takes a while; the environments are
kept in pytest's cache directory and reused while HEAD stays the same.
Deselect with `-m "not precommit"`.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.precommit

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "precommit_repo"


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check, timeout=120)


@pytest.fixture(scope="module")
def hook_repo(request) -> tuple[Path, str, dict]:
    """A clone of this repository's HEAD in pytest's cache, and the environment pre-commit runs with."""
    if not (ROOT / ".git").exists():
        pytest.skip("the hook test needs this repository as a git checkout")
    head = git(ROOT, "rev-parse", "HEAD").stdout.strip()
    cache = Path(request.config.cache.mkdir("precommit"))
    for old in cache.glob("hook-*"):
        if old.name != f"hook-{head[:12]}":
            shutil.rmtree(old, ignore_errors=True)
    clone = cache / f"hook-{head[:12]}"
    if not (clone / ".pre-commit-hooks.yaml").is_file():
        shutil.rmtree(clone, ignore_errors=True)
        git(cache, "clone", "--quiet", "--no-hardlinks", str(ROOT), clone.name)
        git(clone, "checkout", "--quiet", head)
    env = dict(os.environ)
    env["PRE_COMMIT_HOME"] = str(cache / "home")
    env.pop("PRE_COMMIT", None)
    subprocess.run([sys.executable, "-m", "pre_commit", "gc"], env=env, capture_output=True, timeout=300)
    return clone, head, env


def commit(repo: Path, env: dict, message: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "commit", "-m", message], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=900)


def test_commit_is_blocked_by_findings_in_python_and_helm_then_passes_when_fixed(tmp_path, hook_repo):
    clone, head, env = hook_repo
    repo = tmp_path / "project"
    repo.mkdir()
    git(repo, "init", "--quiet")
    git(repo, "config", "user.email", "dev@example.com")
    git(repo, "config", "user.name", "Dev")
    (repo / "bot").mkdir()
    (repo / "chart" / "templates").mkdir(parents=True)
    shutil.copy(FIXTURE / "bot" / "handlers.py", repo / "bot" / "handlers.py")
    shutil.copy(FIXTURE / "chart" / "templates" / "configmap.yaml", repo / "chart" / "templates" / "configmap.yaml")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {clone}\n    rev: {head}\n    hooks:\n      - id: english-guard\n", encoding="utf-8"
    )
    (repo / ".gitignore").write_text(".english-guard-cache/\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True,
                   capture_output=True, timeout=120)
    git(repo, "add", ".")

    blocked = commit(repo, env, "Add the bot and its chart")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "english-guard" in output and "Failed" in output, output
    assert "bot/handlers.py:2:5: EG201" in output, output
    assert "chart/templates/configmap.yaml:6:10: EG501" in output, output
    assert "Настройки бота" in output, output
    assert git(repo, "rev-parse", "--verify", "HEAD", check=False).returncode != 0  # nothing was committed

    # Fixed files pass; a staged file the configuration excludes stays excluded (--force-exclude).
    shutil.copy(FIXTURE / "bot" / "handlers_fixed.py", repo / "bot" / "handlers.py")
    shutil.copy(FIXTURE / "chart" / "templates" / "configmap_fixed.yaml",
                repo / "chart" / "templates" / "configmap.yaml")
    (repo / "legacy").mkdir()
    shutil.copy(FIXTURE / "bot" / "handlers.py", repo / "legacy" / "old_handlers.py")
    (repo / "pyproject.toml").write_text('[tool.english-guard]\nexclude = ["legacy/**"]\n', encoding="utf-8")
    git(repo, "add", ".")

    passed = commit(repo, env, "Add the bot and its chart")
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "english-guard" in output and "Passed" in output, output
    assert git(repo, "rev-parse", "--verify", "HEAD", check=False).returncode == 0
    committed = git(repo, "show", "--name-only", "--format=", "HEAD").stdout.split()
    assert "legacy/old_handlers.py" in committed and "bot/handlers.py" in committed


def test_hook_manifest_is_valid_and_declares_the_hooks():
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    check = hooks["english-guard"]
    assert check["entry"] == "english-guard check --force-exclude"
    assert check["language"] == "python" and check["require_serial"] is True
    assert {"python", "yaml", "dockerfile", "shell", "toml", "ini", "markdown", "rst", "dotenv"} <= set(check["types_or"])
    assert "stages" not in check
    assert hooks["english-guard-fix"]["stages"] == ["manual"]
    assert hooks["english-guard-fix"]["entry"].startswith("english-guard translate --write")
