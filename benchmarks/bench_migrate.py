"""Measure the one-off migration (`translate_comments.py`) on a generated copy of the example bot.

    /work/venv/bin/python benchmarks/bench_migrate.py [--copies 20]

The project is examples/dokon_bot with its `bot` package copied `--copies` times (`bot0`, `bot1`, ...,
each with its imports pointing at itself), in a git repository. Timed, each in a fresh process:
1. a dry run (check, translate with the glossary, rename plan, extract, check again; review files);
2. `--write` of what the dry run proposed (staging, journaled commit);
3. a second `--write` after committing: the idempotence path, nothing to change.

Then the verification gate (`english_guard/fixes/verify`) alone, in this process: its static part
(imports and undefined names before/after) and git's view, judging the migrated tree against the
original, as `--write` does before it writes; and one run of the project's own tests, which the gate
runs twice (before, in the background during the steps, and after). The `--write` timed above runs
with `--test-command none`, so it holds the static verification but not the tests.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "dokon_bot"


def build_project(target: Path, copies: int) -> int:
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", ".english-guard*"))
    package = target / "bot"
    for number in range(copies):
        copy = target / f"bot{number}"
        shutil.copytree(package, copy)
        for path in copy.glob("*.py"):
            text = re.sub(r"\bbot\.(\w+)", rf"bot{number}.\1", path.read_text(encoding="utf-8"))
            text = re.sub(r"from bot import", f"from bot{number} import", text)
            path.write_text(text, encoding="utf-8")
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.email=b@example.com", "-c", "user.name=bench", "commit", "-q", "-m", "bench"],
    ):
        subprocess.run(["git", "-C", str(target), *command], check=True)
    return sum(1 for _ in target.rglob("*.py"))


def verification_seconds(original: Path, migrated: Path) -> tuple[float, int]:
    """The gate's static part and git's view on (original, migrated), without tests; and its problems."""
    sys.path.insert(0, str(ROOT))
    from english_guard.fixes.verify import Gate, VerifyOptions
    from english_guard.walk import project_files, project_files_plain

    started = time.perf_counter()
    gate = Gate(original, project_files(original), VerifyOptions(test_command=None))
    verification = gate.finish(migrated, [f for f in project_files_plain(migrated) if not f.startswith(".git/")])
    return time.perf_counter() - started, len(verification.problems)


def test_seconds(folder: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=folder,
        capture_output=True,
        env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
    )
    return time.perf_counter() - started


def timed(folder: Path, *args: str) -> tuple[float, int]:
    env = dict(os.environ, ENGLISH_GUARD_MODELS_DIR=str(folder.parent / "no-models"))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "translate_comments.py"), "--engine", "glossary", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    return elapsed, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "project"
        python_files = build_project(folder, args.copies)
        lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in folder.rglob("*.py"))
        dry, _ = timed(folder)
        original = Path(scratch) / "original"
        shutil.copytree(folder, original, ignore=shutil.ignore_patterns(".english-guard"))
        write, _ = timed(folder, "--write", "--test-command", "none")
        verify, problems = verification_seconds(original, folder)
        tests = test_seconds(folder)
        changed = subprocess.run(
            ["git", "-C", str(folder), "status", "--porcelain"], capture_output=True, text=True, check=True
        ).stdout.count("\n")
        subprocess.run(["git", "-C", str(folder), "add", "-A"], check=True)
        subprocess.run(
            [
                "git",
                "-C",
                str(folder),
                "-c",
                "user.email=b@example.com",
                "-c",
                "user.name=bench",
                "commit",
                "-q",
                "-m",
                "migrated",
            ],
            check=True,
        )
        again, _ = timed(folder, "--write")
    print(f"project: {python_files} Python files, {lines} lines, {args.copies} copies of the bot package")
    print(f"dry run:        {dry:6.2f} s  ({python_files / dry:.0f} Python files/s)")
    print(f"--write:        {write:6.2f} s  ({changed} paths changed in git status)")
    print(f"second --write: {again:6.2f} s  (nothing to change)")
    print(
        f"verification:   {verify:6.2f} s  (static + git's view, {problems} problems; "
        f"{100 * verify / (write - verify):.0f}% of the --write without it)"
    )
    print(f"test command:   {tests:6.2f} s  (one run of the project's pytest; the gate runs it before and after)")


if __name__ == "__main__":
    main()
