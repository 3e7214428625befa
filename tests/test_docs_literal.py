"""The documented commands, run as written in a temporary folder (no network, no GitHub runner):

- the README's quick start and its example output,
- the migration walk-through of docs/migration.md, command by command, with the outputs it shows,
- the GitHub Actions example: its `run:` steps, in order, for a push and for a pull request (the install
  step is satisfied by this checkout, after checking that the commit it pins exists in this repository),
- every pinned revision (README and docs pre-commit `rev:`, the CI examples' `pip install`) exists.

The install commands (`python3 -m venv .venv && .venv/bin/pip install ...`) are the one part not run: the
test runs inside the environment they create, with english-guard installed from this checkout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from migrate_helpers import answer_review_files, environment

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PIN = re.compile(r"git\+https://github\.com/english-guard/english-guard@([0-9a-f]{40}|v\d+\.\d+\.\d+)")


def _env(tmp: Path) -> dict[str, str]:
    env = environment(tmp)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"  # `english-guard` and `python` of this environment
    env["NO_COLOR"] = "1"
    env.pop("ENGLISH_GUARD_CACHE_DIR", None)
    for variable in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        env[variable] = "Developer"
    for variable in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        env[variable] = "dev@example.com"
    return env


def _shell(command: str, cwd: Path, env: dict[str, str], state: Path) -> subprocess.CompletedProcess:
    """Run one documented command in bash; the folder it ends in and `$EG` carry over to the next one."""
    script = f'{command}\nstatus=$?\npwd > "{state}/cwd"\nprintf %s "${{EG:-}}" > "{state}/eg"\nexit $status\n'
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _checkout(tmp: Path) -> Path:
    """The parts of this checkout the documents use, copied where the documents start."""
    checkout = tmp / "english-guard"
    checkout.mkdir()
    shutil.copytree(
        REPO / "examples",
        checkout / "examples",
        ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", ".english-guard*"),
    )
    shutil.copy2(REPO / "translate_comments.py", checkout / "translate_comments.py")
    return checkout


def _console_blocks(markdown: str) -> list[list[tuple[str, list[str]]]]:
    """Every ```console block as (command, the output lines shown under it) pairs."""
    blocks = []
    for body in re.findall(r"```console\n(.*?)```", markdown, flags=re.S):
        commands: list[tuple[str, list[str]]] = []
        for line in body.splitlines():
            if line.startswith("$ "):
                commands.append((line[2:], []))
            elif commands:
                commands[-1][1].append(line)
        blocks.append(commands)
    return blocks


def _assert_shown_lines_printed(shown: list[str], done: subprocess.CompletedProcess, command: str) -> None:
    printed = {line.strip() for line in (done.stdout + done.stderr).splitlines()}
    for line in shown:
        text = line.strip()
        if not text or "..." in text:
            continue
        assert text in printed, (
            f"`{command}` no longer prints {text!r} (if the new output is right, update "
            f"the document: README.md or docs/migration.md):\n{done.stdout}\n{done.stderr}"
        )


# --- README ---------------------------------------------------------------------------------------


def test_readme_quick_start_as_written(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [
        line
        for line in re.search(r"```bash\n(.*?)```", quick_start, flags=re.S).group(1).splitlines()
        if line.strip() and not line.startswith("#")
    ]
    install = "python3 -m venv .venv && .venv/bin/pip install -e . && "
    assert commands[0].startswith(install), commands[0]
    assert (
        commands[1] == "python3 -m venv .venv && .venv/bin/pip install -q -e '.[dev,translate]' && "
        ".venv/bin/python -m pytest"
    )  # what .ci/run runs verbatim, and what runs this test
    assert commands[1] in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    checkout = _checkout(tmp_path)
    (checkout / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)  # the install, done
    env = _env(tmp_path)
    done = _shell(commands[0][len(install) :], checkout, env, tmp_path)
    assert done.returncode == 1, done.stderr  # "exits with status 1 because the example has findings"
    # The example output at the top of the README is what that command prints.
    example = re.search(r"```\n\$ english-guard check examples/dokon_bot\n(.*?)```", readme, flags=re.S).group(1)
    _assert_shown_lines_printed(
        [line.replace("examples/dokon_bot/", "", 0) for line in example.splitlines()],
        done,
        "english-guard check examples/dokon_bot",
    )


# --- the migration walk-through -------------------------------------------------------------------


def test_migration_walk_through_as_written(tmp_path):
    guide = (REPO / "docs" / "migration.md").read_text(encoding="utf-8")
    walk_through = guide.split("## Walk-through on the bundled example", 1)[1].split("\n## ", 1)[0]
    blocks = _console_blocks(walk_through)
    assert len(blocks) == 3, "the walk-through has the first check, the dry run and the write"
    checkout = _checkout(tmp_path)
    env = _env(tmp_path)
    state = tmp_path / "state"
    state.mkdir()
    cwd = checkout
    for number, block in enumerate(blocks):
        if number == len(blocks) - 1:
            # Step 3, "Review": the answers a reviewer gives (tests/fixtures/migrate/answers.toml).
            answer_review_files(cwd)
        for command, shown in block:
            done = _shell(command, cwd, env, state)
            cwd = Path((state / "cwd").read_text(encoding="utf-8").strip())
            if (state / "eg").read_text(encoding="utf-8"):
                env["EG"] = (state / "eg").read_text(encoding="utf-8")
            expected = 1 if ("english-guard check" in command or "translate_comments.py" in command) else 0
            assert done.returncode == expected, f"`{command}` exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
            _assert_shown_lines_printed(shown, done, command)
            if command.startswith("git status") and number < len(blocks) - 1:
                assert done.stdout == "", "the dry run changed the project"
    assert cwd == tmp_path / "dokon_bot"
    assert (cwd / "bot" / "i18n.py").is_file()


# --- CI -------------------------------------------------------------------------------------------


def _pins() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for relative in ("examples/ci/github-actions.yml", "examples/ci/gitlab-ci.yml", "README.md", "docs/text-files.md"):
        text = (REPO / relative).read_text(encoding="utf-8")
        revisions = PIN.findall(text) + re.findall(r"^\s*rev:\s*([0-9a-f]{40}|v\d+\.\d+\.\d+)", text, flags=re.M)
        found[relative] = revisions
    return found


def _exists(revision: str) -> bool:
    return (
        subprocess.run(
            ["git", "-C", str(REPO), "cat-file", "-e", f"{revision}^{{commit}}"], capture_output=True
        ).returncode
        == 0
    )


def test_every_pinned_revision_exists_and_has_the_hooks():
    if not (REPO / ".git").exists():
        pytest.skip("needs this repository as a git checkout")
    pins = _pins()
    for relative, revisions in pins.items():
        assert revisions, f"{relative} pins no revision of english-guard"
        assert "english-guard==" not in (REPO / relative).read_text(encoding="utf-8"), "english-guard is not on PyPI"
        for revision in revisions:
            assert _exists(revision), f"{relative}: {revision} is not a commit or tag of this repository"
            hooks = subprocess.run(
                ["git", "-C", str(REPO), "show", f"{revision}:.pre-commit-hooks.yaml"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            assert "id: english-guard\n" in hooks


def _github_steps() -> list[dict]:
    workflow = yaml.safe_load((REPO / "examples" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    return job["steps"]


def _applies(step: dict, event: str) -> bool:
    condition = step.get("if", "")
    if not condition:
        return True
    assert re.fullmatch(r"(always\(\) && )?github\.event_name == '(push|pull_request)'", condition), condition
    return condition.endswith(f"'{event}'")


def _run_workflow(project: Path, event: str, env: dict[str, str], event_file: Path, base: str = "main") -> list:
    """The workflow's `run:` steps for one event, with the variables the runner would set."""
    results = []
    for step in _github_steps():
        if "run" not in step or not _applies(step, event):
            continue
        command = step["run"]
        pinned = PIN.search(command)
        if pinned:  # the install step: the pinned commit must exist; this checkout is installed already
            assert _exists(pinned.group(1)) or not (REPO / ".git").exists()
            continue
        step_env = {**env, "GITHUB_EVENT_PATH": str(event_file), "GITHUB_EVENT_NAME": event}
        for key, value in (step.get("env") or {}).items():
            step_env[key] = base if "github.base_ref" in str(value) else str(value)
        done = subprocess.run(
            ["bash", "-e", "-c", command], cwd=project, env=step_env, capture_output=True, text=True, timeout=300
        )
        results.append((step["name"], done))
    return results


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_github_workflow_steps_as_written(tmp_path):
    env = _env(tmp_path)
    origin = tmp_path / "origin"
    origin.mkdir()
    (origin / "app.py").write_text(
        '"""Order handling."""\n\n\ndef total(prices):\n    """Sum the prices."""\n    return sum(prices)\n',
        encoding="utf-8",
    )
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-q", "-m", "Add order totals")
    project = tmp_path / "project"
    _git(tmp_path, "clone", "-q", str(origin), str(project))
    event_file = tmp_path / "event.json"
    event_file.write_text(
        json.dumps({"pull_request": {"title": "Add a discount", "body": "Apply a discount."}}), encoding="utf-8"
    )
    # A push to main: the SARIF report, then the annotations run; both succeed on an English project.
    push = _run_workflow(project, "push", env, event_file)
    assert [name for name, _done in push] == [
        "Check the repository (SARIF report)",
        "Check the repository (annotations; fails the job on findings)",
    ]
    for name, done in push:
        assert done.returncode == 0, f"{name}: {done.stdout}{done.stderr}"
    sarif = json.loads((project / "english-guard.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["tool"]["driver"]["informationUri"] == "https://github.com/english-guard/english-guard"
    # A pull request adding English code passes; one adding an Uzbek comment fails on that line only.
    _git(project, "checkout", "-q", "-b", "feature")
    (project / "discount.py").write_text(
        'def discount(price):\n    """Ten percent off."""\n    return price * 0.9\n', encoding="utf-8"
    )
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Add a discount")
    pull = _run_workflow(project, "pull_request", env, event_file)
    assert [name for name, _done in pull][-2:] == [
        "Check the changed lines (annotations; fails the job on findings)",
        "Check the commit messages and the pull request text (fails the job on findings)",
    ]
    for name, done in pull:
        assert done.returncode == 0, f"{name}: {done.stdout}{done.stderr}"
    with open(project / "discount.py", "a", encoding="utf-8") as handle:
        handle.write("# Chegirma foizini hisoblash uchun yordamchi funksiya\n")
    _git(project, "commit", "-q", "-am", "Explain the discount")
    failing = dict(_run_workflow(project, "pull_request", env, event_file))
    changed_lines = failing["Check the changed lines (annotations; fails the job on findings)"]
    assert changed_lines.returncode == 1
    assert changed_lines.stdout.startswith("::error title=english-guard EG201,file=discount.py,line=4")


def _gitlab_job(name: str) -> dict:
    return yaml.safe_load((REPO / "examples" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))[name]


def _run_gitlab_job(name: str, project: Path, env: dict[str, str]) -> list[subprocess.CompletedProcess]:
    """The job's before_script and script lines, as the runner runs them (the package installs satisfied)."""
    results = []
    for command in [*_gitlab_job(name)["before_script"], *_gitlab_job(name)["script"]]:
        if command.startswith("apt-get "):
            continue  # installs git into the python image; git is here
        pinned = PIN.search(command)
        if pinned:
            assert _exists(pinned.group(1)) or not (REPO / ".git").exists()
            continue
        done = subprocess.run(
            ["bash", "-e", "-c", command], cwd=project, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode in (0, 1), f"{command}: {done.stdout}{done.stderr}"
        results.append(done)
    return results


def test_gitlab_jobs_as_written(tmp_path):
    env = _env(tmp_path)
    origin = tmp_path / "origin"
    origin.mkdir()
    (origin / "app.py").write_text(
        'def total(prices):\n    """Sum the prices."""\n    return sum(prices)\n', encoding="utf-8"
    )
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-q", "-m", "Add order totals")
    project = tmp_path / "project"
    _git(tmp_path, "clone", "-q", str(origin), str(project))
    # The default branch: a Code Quality report and a passing check.
    runs = _run_gitlab_job("english-guard", project, env)
    assert [done.returncode for done in runs] == [0, 0]
    assert json.loads((project / "gl-code-quality-report.json").read_text(encoding="utf-8")) == []
    # A merge request whose commit adds an Uzbek comment: the changed line fails the job, and so does its
    # Uzbek commit message in the second job.
    _git(project, "checkout", "-q", "-b", "feature")
    with open(project / "app.py", "a", encoding="utf-8") as handle:
        handle.write("# Chegirma foizini hisoblash uchun yordamchi funksiya\n")
    _git(project, "commit", "-q", "-am", "Chegirma foizini hisoblash qoʻshildi")
    mr_env = {
        **env,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_MERGE_REQUEST_TITLE": "Add a discount",
        "CI_MERGE_REQUEST_DESCRIPTION": "Apply a discount.",
    }
    runs = _run_gitlab_job("english-guard", project, mr_env)
    assert runs[-1].returncode == 1 and "app.py:4:1: EG201" in runs[-1].stdout
    messages = _run_gitlab_job("english-guard-messages", project, mr_env)
    assert messages[-1].returncode == 1 and "EG601" in messages[-1].stdout


def test_the_readme_rule_table_is_the_rule_registry():
    """The README's rule table is made from `english_guard.rules.RULES` (`python -m english_guard.rules`)."""
    from english_guard.rules import RULES, markdown_table

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Rules", 1)[1].split("\n\n", 2)[1]
    assert re.findall(r"^\| (EG\d{3}) \|", table, flags=re.M) == list(RULES)
    assert table == markdown_table(), f"README's rule table is not the registry's; paste this:\n{markdown_table()}"
