"""Running the project's own tests on a copy of a tree, and telling which tests passed.

The default command is the project's pytest (or unittest when pytest is not installed in the project's
interpreter), run by the project's virtual environment when it has one (`.venv`, `venv`). Per-test
results come from pytest's JUnit XML (asked for through `PYTEST_ADDOPTS`, so a custom command that runs
pytest reports them too) or from `unittest -v` lines; any other command is judged by its exit status.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

WHOLE_RUN = "<the whole test command>"
UNITTEST_LINE = re.compile(
    r"^(\w+) \(([\w.]+)\)(?:\n[^\n]*)? \.\.\. (ok|FAIL|ERROR|skipped|expected failure|"
    r"unexpected success)",
    re.MULTILINE,
)
TEST_FILE = re.compile(r"(^|/)(test_[^/]*|[^/]*_test)\.py$")


@dataclass
class TestRun:
    __test__ = False  # not a test class, for pytest

    command: str
    returncode: int | None  # None: timed out or could not start
    passed: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)
    per_test: bool = False  # whether `passed`/`failed` are per test or only the whole run
    output: str = ""
    seconds: float = 0.0

    @property
    def ran(self) -> bool:
        return self.returncode is not None


def has_tests(files: list[str]) -> bool:
    return any(TEST_FILE.search(path) for path in files)


def project_python(root: Path) -> str:
    """The interpreter that runs the project's tests: its own virtual environment, else the one running us."""
    for folder in (".venv", "venv", "env"):
        for candidate in (root / folder / "bin" / "python", root / folder / "Scripts" / "python.exe"):
            if candidate.is_file():
                return str(candidate)
    return sys.executable


def default_command(root: Path) -> str:
    python = project_python(root)
    found = subprocess.run([python, "-c", "import pytest"], capture_output=True, check=False)
    if found.returncode == 0:
        return f"{shlex.quote(python)} -m pytest -q"
    return f"{shlex.quote(python)} -m unittest discover -v"


def copy_tree(source: Path, files: list[str], target: Path) -> None:
    for name in files:
        origin = source / name
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_symlink():
            os.symlink(os.readlink(origin), destination)
        elif origin.is_file():
            shutil.copy2(origin, destination)


def _junit(path: Path, run: TestRun) -> None:
    try:
        tree = ElementTree.parse(path)
    except (OSError, ElementTree.ParseError):
        return
    for case in tree.iter("testcase"):
        name = f"{case.get('classname', '')}::{case.get('name', '')}".strip(":")
        outcome = {child.tag for child in case}
        if "skipped" in outcome:
            continue
        (run.failed if outcome & {"failure", "error"} else run.passed).add(name)
    run.per_test = True


def _unittest(output: str, run: TestRun) -> None:
    for match in UNITTEST_LINE.finditer(output):
        name = f"{match.group(2)}"
        if not name.endswith(match.group(1)):
            name = f"{name}.{match.group(1)}"
        if match.group(3) in ("ok", "expected failure"):
            run.passed.add(name)
        elif match.group(3) in ("FAIL", "ERROR", "unexpected success"):
            run.failed.add(name)
        run.per_test = True


def run_tests(folder: Path, command: str, timeout: float) -> TestRun:
    """Run `command` in `folder` (a throwaway copy: the tests may write into it)."""
    run = TestRun(command, None)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="english-guard-tests-") as scratch:
        junit = Path(scratch) / "junit.xml"
        env = dict(os.environ)
        env["PYTEST_ADDOPTS"] = " ".join(
            filter(None, [env.get("PYTEST_ADDOPTS", ""), f"--junitxml={junit}", "-p no:cacheprovider"])
        )
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        try:
            done = subprocess.run(
                command, shell=True, cwd=folder, env=env, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired as exc:
            run.output = ((exc.stdout or b"") + (exc.stderr or b"")).decode("utf-8", "replace")
            run.seconds = time.monotonic() - started
            return run
        run.returncode = done.returncode
        run.output = (done.stdout + done.stderr).decode("utf-8", "replace")
        _junit(junit, run)
    if not run.per_test:
        _unittest(run.output, run)
    if not run.per_test:
        (run.passed if run.returncode == 0 else run.failed).add(WHOLE_RUN)
    run.seconds = time.monotonic() - started
    return run


def run_tests_on(source: Path, files: list[str], command: str, timeout: float) -> TestRun:
    """Copy `files` of `source` into a temporary folder and run the tests there."""
    with tempfile.TemporaryDirectory(prefix="english-guard-tree-") as scratch:
        folder = Path(scratch) / source.name
        folder.mkdir()
        copy_tree(source, files, folder)
        return run_tests(folder, command, timeout)


def newly_failing(before: TestRun, after: TestRun) -> list[str]:
    """Tests that passed before and do not pass after.

    A rename may rename tests too, so a test is matched by name when it can be, and otherwise the counts
    decide: fewer passing or more failing tests than before is a regression, named by the new failures.
    """
    if not before.ran or not before.passed:
        return []
    if not after.ran:
        return [WHOLE_RUN]
    if before.per_test and after.per_test:
        same_name = before.passed & after.failed
        new_failures = after.failed - before.failed
        if same_name or len(after.failed) > len(before.failed) or len(after.passed) < len(before.passed):
            return sorted(same_name | new_failures) or sorted(before.passed - after.passed) or [WHOLE_RUN]
        return []
    return [WHOLE_RUN] if before.returncode == 0 and after.returncode != 0 else []


def tail(output: str, lines: int = 30) -> str:
    return "\n".join(output.rstrip().splitlines()[-lines:])
