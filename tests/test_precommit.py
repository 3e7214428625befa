"""pre-commit and CI: the real pre-commit runs this repository's hook in a temporary git repository,
and the commands of the CI examples under examples/ci/ run as written.

pre-commit builds the hook's environment by pip-installing a clone of this repository's HEAD commit
(uncommitted changes are not part of the hook), so the first run takes a while; the environments are
kept in pytest's cache directory and reused while HEAD stays the same. Deselect that test with
`-m "not precommit"`.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

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
    for old in [*cache.glob("hook-*"), *cache.glob("partial-*")]:
        # clones of earlier commits, left alone for an hour in case another test run still uses one
        if old.name != f"hook-{head[:12]}" and time.time() - old.stat().st_mtime > 3600:
            shutil.rmtree(old, ignore_errors=True)
    clone = cache / f"hook-{head[:12]}"
    if not (clone / ".pre-commit-hooks.yaml").is_file():
        # Clone beside it and rename: another test run may be cloning the same commit right now.
        partial = Path(tempfile.mkdtemp(prefix="partial-", dir=cache))
        git(partial, "clone", "--quiet", "--no-hardlinks", str(ROOT), "repo")
        git(partial / "repo", "checkout", "--quiet", head)
        try:
            os.rename(partial / "repo", clone)
        except OSError:
            pass  # the other run won; its clone is the same commit
        shutil.rmtree(partial, ignore_errors=True)
    env = dict(os.environ)
    env["PRE_COMMIT_HOME"] = str(cache / "home")
    env.pop("PRE_COMMIT", None)
    subprocess.run([sys.executable, "-m", "pre_commit", "gc"], env=env, capture_output=True, timeout=300)
    return clone, head, env


# pip's words for "the package index cannot be reached": the machine, not english-guard, is at fault.
PIP_OFFLINE = (
    "NewConnectionError",
    "Temporary failure in name resolution",
    "No matching distribution found",
    "Could not find a version that satisfies",
)


def skip_when_pip_is_unreachable(output: str) -> None:
    if "An unexpected error has occurred" in output and any(sign in output for sign in PIP_OFFLINE):
        pytest.skip("pre-commit could not pip-install the hook environment (package index unreachable)")


def commit(repo: Path, env: dict, message: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "commit", "-m", message], cwd=repo, env=env, capture_output=True, text=True, timeout=900
    )


def hook_project(tmp_path: Path, clone: Path, head: str, hooks: list[str]) -> Path:
    """A fresh git repository whose .pre-commit-config.yaml uses these hooks of this repository's clone."""
    repo = tmp_path / "project"
    repo.mkdir()
    git(repo, "init", "--quiet")
    git(repo, "config", "user.email", "dev@example.com")
    git(repo, "config", "user.name", "Dev")
    ids = "".join(f"      - id: {hook}\n" for hook in hooks)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {clone}\n    rev: {head}\n    hooks:\n{ids}", encoding="utf-8"
    )
    return repo


@pytest.mark.precommit
def test_commit_is_blocked_by_findings_in_python_and_helm_then_passes_when_fixed(tmp_path, hook_repo):
    clone, head, env = hook_repo
    repo = hook_project(tmp_path, clone, head, ["english-guard", "english-guard-rename-plan"])
    (repo / "bot").mkdir()
    (repo / "chart" / "templates").mkdir(parents=True)
    shutil.copy(FIXTURE / "bot" / "handlers.py", repo / "bot" / "handlers.py")
    shutil.copy(FIXTURE / "chart" / "templates" / "configmap.yaml", repo / "chart" / "templates" / "configmap.yaml")
    (repo / ".gitignore").write_text(".english-guard-cache/\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True, capture_output=True, timeout=120
    )
    git(repo, "add", ".")

    blocked = commit(repo, env, "Add the bot and its chart")
    output = blocked.stdout + blocked.stderr
    skip_when_pip_is_unreachable(output)
    assert blocked.returncode != 0, output
    assert "english-guard" in output and "Failed" in output, output
    assert "bot/handlers.py:2:5: EG201" in output, output
    assert "chart/templates/configmap.yaml:6:10: EG501" in output, output
    assert "Настройки бота" in output, output
    assert git(repo, "rev-parse", "--verify", "HEAD", check=False).returncode != 0  # nothing was committed

    # Fixed files pass; a staged file the configuration excludes stays excluded (--force-exclude).
    shutil.copy(FIXTURE / "bot" / "handlers_fixed.py", repo / "bot" / "handlers.py")
    shutil.copy(
        FIXTURE / "chart" / "templates" / "configmap_fixed.yaml", repo / "chart" / "templates" / "configmap.yaml"
    )
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

    # The manual-stage rename hook writes a reviewable plan; it does not run on commit.
    shutil.copy(FIXTURE / "bot" / "reports.py", repo / "bot" / "reports.py")
    manual = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "run",
            "--hook-stage",
            "manual",
            "english-guard-rename-plan",
            "--files",
            "bot/reports.py",
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert manual.returncode == 0, manual.stdout + manual.stderr
    plan = (repo / "english-guard-rename-plan.toml").read_text("utf-8")
    assert 'name = "foydalanuvchi_hisoboti"' in plan and "new_name" in plan


@pytest.mark.precommit
def test_commit_msg_hook_refuses_an_uzbek_message_and_accepts_an_english_one(tmp_path, hook_repo):
    clone, head, env = hook_repo
    repo = hook_project(tmp_path, clone, head, ["english-guard-commit-msg"])
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install", "--hook-type", "commit-msg"],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (repo / "README.md").write_text("A bot.\n", encoding="utf-8")
    git(repo, "add", ".")

    refused = commit(repo, env, "Foydalanuvchi ro'yxatini qo'shish\n\nTo'lov tugmasi ham qo'shildi.")
    output = refused.stdout + refused.stderr
    skip_when_pip_is_unreachable(output)
    assert refused.returncode != 0, output
    assert "english-guard (commit message)" in output and "Failed" in output, output
    assert ".git/COMMIT_EDITMSG:1:1: EG601 non-English commit subject (Uzbek)" in output, output
    assert ".git/COMMIT_EDITMSG:3:1: EG601 non-English commit body (Uzbek)" in output, output
    assert git(repo, "rev-parse", "--verify", "HEAD", check=False).returncode != 0  # nothing was committed

    passed = commit(repo, env, "feat(bot): add the user list\n\nCo-authored-by: Olim Karimov <olim@example.com>")
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "english-guard (commit message)" in output and "Passed" in output, output

    # A message the team must keep as it is: the trailer lets it through.
    (repo / "README.md").write_text("A bot for the shop.\n", encoding="utf-8")
    git(repo, "add", ".")
    kept = commit(repo, env, "Foydalanuvchi ro'yxatini qo'shish\n\nEnglish-Guard: ignore")
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert git(repo, "log", "--format=%s").stdout.splitlines() == [
        "Foydalanuvchi ro'yxatini qo'shish",
        "feat(bot): add the user list",
    ]


def test_hook_manifest_is_valid_and_declares_the_hooks():
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    check = hooks["english-guard"]
    assert check["entry"] == "english-guard check --force-exclude"
    assert check["language"] == "python" and check["require_serial"] is True
    assert {"python", "yaml", "dockerfile", "shell", "toml", "ini", "markdown", "rst", "dotenv"} <= set(
        check["types_or"]
    )
    assert "stages" not in check
    assert hooks["english-guard-fix"]["stages"] == ["manual"]
    assert hooks["english-guard-fix"]["entry"].startswith("english-guard translate --write")
    message = hooks["english-guard-commit-msg"]
    assert message["entry"] == "english-guard check-message" and message["stages"] == ["commit-msg"]


# ---- CI examples -------------------------------------------------------------------------------------

EXAMPLES = ROOT / "examples" / "ci"


@pytest.fixture()
def ci_repo(tmp_path) -> tuple[Path, dict]:
    """A clone whose `origin/main` holds the bot; the working branch adds the Helm chart on top."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "--quiet", "--initial-branch=main")
    git(upstream, "config", "user.email", "dev@example.com")
    git(upstream, "config", "user.name", "Dev")
    (upstream / "bot").mkdir()
    shutil.copy(FIXTURE / "bot" / "handlers.py", upstream / "bot" / "handlers.py")
    git(upstream, "add", ".")
    git(upstream, "commit", "--quiet", "-m", "bot")
    repo = tmp_path / "work"
    git(tmp_path, "clone", "--quiet", str(upstream), "work")
    git(repo, "config", "user.email", "dev@example.com")
    git(repo, "config", "user.name", "Dev")
    git(repo, "checkout", "--quiet", "-b", "feature")
    (repo / "chart" / "templates").mkdir(parents=True)
    shutil.copy(FIXTURE / "chart" / "templates" / "configmap.yaml", repo / "chart" / "templates" / "configmap.yaml")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "chart")
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return repo, env


def run_shell(script: str, repo: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", script], cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def test_github_actions_example_runs_as_written(ci_repo):
    import yaml

    repo, env = ci_repo
    workflow = yaml.safe_load((EXAMPLES / "github-actions.yml").read_text("utf-8"))
    steps = {step.get("name"): step for step in workflow["jobs"]["english-guard"]["steps"]}
    assert workflow["permissions"]["security-events"] == "write"
    assert steps["Upload the SARIF report to code scanning"]["with"]["sarif_file"] == "english-guard.sarif"

    sarif_step = run_shell(steps["Check the repository (SARIF report)"]["run"], repo, env)
    assert sarif_step.returncode == 0, sarif_step.stderr
    sarif = json.loads((repo / "english-guard.sarif").read_text("utf-8"))
    assert sarif["version"] == "2.1.0"
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"])
    assert uris == ["bot/handlers.py", "chart/templates/configmap.yaml"]

    pull_request = steps["Check the changed lines (annotations; fails the job on findings)"]
    changed = run_shell(pull_request["run"], repo, {**env, "BASE_REF": "main"})
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert changed.stdout.startswith("::error ") and "file=chart/templates/configmap.yaml,line=6," in changed.stdout
    assert "bot/handlers.py" not in changed.stdout  # not changed since origin/main

    push = run_shell(steps["Check the repository (annotations; fails the job on findings)"]["run"], repo, env)
    assert push.returncode == 1
    assert (
        "file=bot/handlers.py,line=2," in push.stdout and "file=chart/templates/configmap.yaml,line=6," in push.stdout
    )


def test_gitlab_ci_example_runs_as_written(ci_repo):
    import yaml

    repo, env = ci_repo
    job = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text("utf-8"))["english-guard"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    report_step, gate_step = job["script"]
    report = run_shell(report_step, repo, env)
    assert report.returncode == 0, report.stderr
    issues = json.loads((repo / "gl-code-quality-report.json").read_text("utf-8"))
    assert sorted(issue["location"]["path"] for issue in issues) == [
        "bot/handlers.py",
        "chart/templates/configmap.yaml",
    ]

    merge_request = run_shell(gate_step, repo, {**env, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"})
    assert merge_request.returncode == 1, merge_request.stdout + merge_request.stderr
    assert "chart/templates/configmap.yaml:6:10: EG501" in merge_request.stdout
    assert "bot/handlers.py" not in merge_request.stdout
    branch = run_shell(gate_step, repo, {k: v for k, v in env.items() if k != "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"})
    assert branch.returncode == 1 and "bot/handlers.py:2:5: EG201" in branch.stdout


def _pull_request_commits(repo: Path) -> None:
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "Исправлена ошибка при оплате")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "fix(chart): quote the greeting")


def test_github_actions_example_checks_commit_messages_and_the_pull_request(ci_repo, tmp_path):
    import yaml

    repo, env = ci_repo
    _pull_request_commits(repo)
    workflow = yaml.safe_load((EXAMPLES / "github-actions.yml").read_text("utf-8"))
    steps = {step.get("name"): step for step in workflow["jobs"]["english-guard"]["steps"]}
    step = steps["Check the commit messages and the pull request text (fails the job on findings)"]
    assert step["if"] == "github.event_name == 'pull_request'"
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "number": 4,
                "pull_request": {"number": 4, "title": "Add the chart", "body": "Helm chartga sozlamalar qo'shildi."},
            }
        ),
        encoding="utf-8",
    )
    run_env = {**env, "BASE_REF": "main", "GITHUB_EVENT_PATH": str(event)}
    result = run_shell(step["run"], repo, run_env)
    assert result.returncode == 1, result.stdout + result.stderr
    sha = git(repo, "rev-parse", "HEAD~1").stdout.strip()[:12]
    assert f"file={sha},line=1,col=1" in result.stdout and "(Russian)" in result.stdout
    assert "file=pull-request-4,line=3," in result.stdout and "(Uzbek)" in result.stdout
    assert result.stdout.count("::error ") == 2  # `chart` and the English fix pass
    event.write_text(json.dumps({"pull_request": {"title": "Add the chart", "body": ""}}), encoding="utf-8")
    git(repo, "reset", "--quiet", "--hard", "HEAD~2")
    assert run_shell(step["run"], repo, run_env).returncode == 0


def test_gitlab_ci_example_checks_commit_messages_and_the_merge_request(ci_repo):
    import yaml

    repo, env = ci_repo
    _pull_request_commits(repo)
    job = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text("utf-8"))["english-guard-messages"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    run_env = {
        **env,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_MERGE_REQUEST_IID": "9",
        "CI_MERGE_REQUEST_TITLE": "Chart qo'shildi",
        "CI_MERGE_REQUEST_DESCRIPTION": "Adds the Helm chart.",
    }
    result = run_shell("\n".join(job["script"]), repo, run_env)
    assert result.returncode == 1, result.stdout + result.stderr
    sha = git(repo, "rev-parse", "HEAD~1").stdout.strip()[:12]
    assert f"{sha}:1:1: EG601 non-English commit subject (Russian)" in result.stdout
    assert "merge-request-9:1:1: EG601 non-English pull-request title (Uzbek)" in result.stdout
    assert "Found 2 problems" in result.stdout


def test_example_command_lines_use_options_check_knows():
    from english_guard.commands.check import check

    seen = 0
    for example in sorted(EXAMPLES.glob("*.yml")):
        for line in example.read_text("utf-8").splitlines():
            code = line.split("#", 1)[0]
            if "english-guard check" not in code or "english-guard check-message" in code:
                continue
            words = shlex.split(code[code.index("english-guard check") :].replace("$", ""))[2:]
            check.make_context("check", list(words), resilient_parsing=False)
            seen += 1
    assert seen >= 6


def test_example_check_message_lines_use_options_check_message_knows():
    from english_guard.commands.message import check_message

    seen = 0
    for example in sorted(EXAMPLES.glob("*.yml")):
        for line in example.read_text("utf-8").splitlines():
            code = line.split("#", 1)[0]
            if "english-guard check-message" not in code:
                continue
            words = shlex.split(code[code.index("english-guard check-message") :].replace("$", ""))[2:]
            check_message.make_context("check-message", list(words), resilient_parsing=False)
            seen += 1
    assert seen == 2
