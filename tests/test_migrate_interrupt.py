"""An interrupted migration leaves every file untouched or fully migrated, and a rerun finishes it."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import pytest
from migrate_helpers import (
    STATE,
    answer_review_files,
    environment,
    example_repo,
    migrate_command,
    project_bytes,
    run_migration,
)

KILL_DURING_COMMIT = """
import os, signal, sys
from contextlib import contextmanager
from english_guard.migrate import MigrationOptions, Progress, run_migration

class KillDuringWrite(Progress):
    written = 0

    @contextmanager
    def counter(self, total, unit):
        with super().counter(total, unit) as update:
            if self.stage_number != self.stages:
                yield update
                return

            def update_then_die(count):
                update(count)
                self.written += count
                if self.written >= int(sys.argv[1]):
                    os.kill(os.getpid(), signal.SIGKILL)
            yield update_then_die

run_migration(MigrationOptions(path=".", write=True, engine="glossary"), KillDuringWrite())
"""


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """The answered review files, and the tree they migrate to."""
    base = tmp_path_factory.mktemp("reviewed")
    folder = example_repo(base / "bot")
    original = project_bytes(folder)
    assert run_migration(folder).returncode == 1
    answer_review_files(folder)
    # A second dry run (a preview after the review) must keep the answers for the --write run.
    assert run_migration(folder).returncode == 1
    assert 'msgstr "No such product"' in (folder / STATE / "strings.review.po").read_text(encoding="utf-8")
    answered = base / "answered"
    shutil.copytree(folder / STATE, answered)
    started = time.perf_counter()
    done = run_migration(folder, "--write")
    seconds = time.perf_counter() - started
    assert done.returncode in (0, 1), done.stderr
    return {"answered": answered, "original": original, "final": project_bytes(folder), "seconds": seconds}


def test_answers_survive_a_second_dry_run(reviewed):
    handlers = reviewed["final"]["bot/handlers.py"].decode()
    assert '_("No such product")' in handlers
    assert '_("Your order has been accepted! Amount to pay: {price} sum")' in handlers
    assert '"""Add a product to the user\'s cart."""' in handlers


def _fresh(tmp_path, reviewed):
    tmp_path.mkdir(parents=True, exist_ok=True)
    folder = example_repo(tmp_path / "bot")
    shutil.copytree(reviewed["answered"], folder / STATE)
    (folder / ".english-guard" / ".gitignore").write_text("*\n")
    return folder


def _each_file_old_or_new(folder, reviewed) -> tuple[int, int]:
    now = project_bytes(folder)
    old = new = 0
    for path in sorted(set(now) | set(reviewed["original"]) | set(reviewed["final"])):
        state = now.get(path)
        if state == reviewed["final"].get(path):
            new += path in reviewed["final"] and reviewed["final"].get(path) != reviewed["original"].get(path)
        elif state == reviewed["original"].get(path):
            old += 1
        else:
            pytest.fail(f"{path} is neither as it was nor fully migrated")
    return old, new


def test_killed_during_the_commit_each_file_is_old_or_new_and_a_rerun_finishes(tmp_path, reviewed):
    folder = _fresh(tmp_path, reviewed)
    env = environment(tmp_path)
    killed = subprocess.run(
        [sys.executable, "-c", KILL_DURING_COMMIT, "4"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    old, new = _each_file_old_or_new(folder, reviewed)
    assert new == 4 and old > 0  # really half-way through the commit
    assert (folder / STATE / "commit.json").is_file()

    dry = run_migration(folder, env=env)  # a dry run does not touch an unfinished commit
    assert dry.returncode == 2 and "run with --write to finish it" in dry.stderr

    finish = run_migration(folder, "--write", env=env)
    assert finish.returncode == 0, finish.stderr
    assert "Finished an interrupted migration" in finish.stdout
    assert project_bytes(folder) == reviewed["final"]
    assert not (folder / STATE / "commit.json").exists()
    assert not (folder / STATE / "pending").exists()


def test_finishing_refuses_a_file_changed_after_the_interruption(tmp_path, reviewed):
    folder = _fresh(tmp_path, reviewed)
    env = environment(tmp_path)
    subprocess.run(
        [sys.executable, "-c", KILL_DURING_COMMIT, "2"], cwd=folder, env=env, capture_output=True, timeout=300
    )
    untouched = [
        p
        for p, data in project_bytes(folder).items()
        if p.endswith(".py") and data == reviewed["original"].get(p) != reviewed["final"].get(p)
    ]
    victim = folder / untouched[0]
    victim.write_text(victim.read_text() + "# edited meanwhile\n")
    finish = run_migration(folder, "--write", env=env)
    assert finish.returncode == 2
    assert f"{untouched[0]}: changed since the interrupted migration started" in finish.stderr


@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.7])
def test_killed_at_any_moment_no_file_is_half_migrated(tmp_path, reviewed, fraction):
    """Killed at a fraction of the time a whole --write takes on this machine (measured by the fixture);
    on a machine that got faster meanwhile, the delay halves until the kill lands inside the run."""
    env = environment(tmp_path)
    delay = reviewed["seconds"] * fraction
    for attempt in range(5):
        folder = _fresh(tmp_path / f"attempt{attempt}", reviewed)
        process = subprocess.Popen(
            migrate_command("--write"), cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            assert process.wait(timeout=60) == -signal.SIGKILL
            break
        delay /= 2
    else:
        pytest.fail("every run finished before it could be killed")
    _each_file_old_or_new(folder, reviewed)
    if (folder / STATE / "commit.json").exists():
        assert run_migration(folder, "--write", env=env).returncode == 0
    elif project_bytes(folder) == reviewed["original"]:
        assert run_migration(folder, "--write", env=env).returncode in (0, 1)
    assert project_bytes(folder) == reviewed["final"]
