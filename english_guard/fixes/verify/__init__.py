"""The verification gate: before a fix writes into the project, prove on a copy that it still works.

One place, used by `migrate --write`, `rename --apply`, `translate --write` and `extract`, and by the library
calls behind them (`apply_plan`, `translate_paths`):

- static: every import of a project module that resolved before still resolves (star re-exports,
  `__all__` built from submodules' `__all__`, namespace packages, relative imports) and no name is
  undefined after the change that was defined before (pyflakes);
- dynamic: the project's tests (`--test-command`, default its pytest or unittest when it has tests) run
  on a copy before and after; a test that passed before and fails after stops the write;
- git's view: generated files (catalogs, the gettext helper) that `.gitignore` drops get a negation
  rule, or are reported, so a fresh `git clone` works like this copy.

The before-run of the tests starts at once, in the background, while the fix prepares its change.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from english_guard.fixes.verify.gitview import GitView, ship_generated_files
from english_guard.fixes.verify.static import ProjectModules, StaticProblem, static_problems
from english_guard.fixes.verify.testrun import (
    WHOLE_RUN,
    TestRun,
    copy_tree,
    default_command,
    has_tests,
    newly_failing,
    run_tests,
    run_tests_on,
    tail,
)
from english_guard.ui_text import _

AUTO = "auto"
NO_TESTS = ("", "none", "no", "off")
DEFAULT_TIMEOUT = 900.0


@dataclass(frozen=True)
class VerifyOptions:
    test_command: str | None = AUTO  # AUTO, a shell command, or None / "none": no test run
    test_timeout: float = DEFAULT_TIMEOUT
    fix_gitignore: bool = True
    run_tests: bool = True  # dry runs may skip the dynamic part


# What a fix's library call verifies when its caller does not say (`translate_paths`, `apply_plan`): the
# project's tests found as the commands find them. Rename and translate only change existing files, so
# they leave `.gitignore` alone, as their commands do.
DEFAULT_OPTIONS = VerifyOptions(fix_gitignore=False)


@dataclass
class Verification:
    static: list[StaticProblem] = field(default_factory=list)
    git: GitView = field(default_factory=GitView)
    before: TestRun | None = None
    after: TestRun | None = None
    failing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """Each a sentence; any of them stops the write."""
        out = [str(problem) for problem in self.static]
        for path, rule in sorted(self.git.still_ignored.items()):
            out.append(
                _(
                    "{path}: the migration creates it but git ignores it ({rule}), so a fresh clone would "
                    "miss it; change that rule (a file inside an ignored folder cannot be re-included)"
                ).format(path=path, rule=rule)
            )
        if self.failing:
            names = ", ".join(name for name in self.failing[:10]) + (" ..." if len(self.failing) > 10 else "")
            out.append(
                _("tests that passed before fail after the change: {names} (`{command}`):\n{output}").format(
                    names=names,
                    command=self.after.command if self.after else "",
                    output=tail(self.after.output if self.after else ""),
                )
            )
        return out

    @property
    def ok(self) -> bool:
        return not self.problems


def _test_command(root: Path, files: list[str], options: VerifyOptions) -> str | None:
    if not options.run_tests or options.test_command is None or options.test_command.strip().lower() in NO_TESTS:
        return None
    if options.test_command == AUTO:
        return default_command(root) if has_tests(files) else None
    return options.test_command


class Gate:
    """Started before a fix computes its change (the tests run on the old tree meanwhile); `finish` judges."""

    def __init__(self, root: Path, files: list[str], options: VerifyOptions | None = None) -> None:
        self.root = root
        self.files = list(files)
        self.options = options or VerifyOptions()
        self.command = _test_command(root, self.files, self.options)
        self.before: TestRun | None = None
        self._thread: threading.Thread | None = None
        if self.command is not None:
            self._thread = threading.Thread(target=self._run_before, daemon=True)
            self._thread.start()

    def _run_before(self) -> None:
        assert self.command is not None  # the thread starts only with a command
        self.before = run_tests_on(self.root, self.files, self.command, self.options.test_timeout)

    def finish(self, folder: Path, files: list[str], texts: dict[str, bytes] | None = None) -> Verification:
        """Judge the changed tree `folder` (its project files `files`); may add negations to its `.gitignore`."""
        verification = Verification()
        files = sorted(set(files))
        generated = sorted(set(files) - set(self.files))
        changed = set(generated)
        for name in files:
            if name in self.files and name.endswith(".py") and _differs(self.root / name, folder / name):
                changed.add(name)
        if self.options.fix_gitignore and generated:
            verification.git = ship_generated_files(folder, generated)
            if not verification.git.available:
                verification.notes.append(_("git is not available: files that .gitignore drops were not checked"))
        before_modules = ProjectModules(self.root, self.files)
        after_modules = ProjectModules(folder, files, texts)
        verification.static = static_problems(before_modules, after_modules, changed)
        if self._thread is not None:
            self._thread.join()
            assert self.command is not None and self.before is not None  # set before the thread ended
            verification.before = self.before
            shipped = [name for name in files if name not in verification.git.still_ignored]
            verification.after = run_tests_on(folder, shipped, self.command, self.options.test_timeout)
            verification.failing = newly_failing(self.before, verification.after)
            if not self.before.ran:
                verification.notes.append(
                    _("the tests did not finish before the change (timeout {seconds:.0f} s): not compared").format(
                        seconds=self.options.test_timeout
                    )
                )
            elif not self.before.passed:
                verification.notes.append(
                    _(
                        "no test passed before the change (`{command}`): the tests prove "
                        "nothing here; pass --test-command"
                    ).format(command=self.command)
                )
        return verification

    def summary(self, verification: Verification) -> list[str]:
        """One line per part of the proof, for the report."""
        lines = []
        lines.append(
            _("static: imports and names checked, {count} new problems").format(count=len(verification.static))
        )
        if verification.git.added_rules:
            lines.append(
                _(".gitignore: added {rules} so the generated files reach git").format(
                    rules=", ".join(f"`{rule}`" for rule in verification.git.added_rules)
                )
            )
        if verification.before is not None and verification.after is not None:
            before, after = verification.before, verification.after
            if before.per_test and after.per_test:
                lines.append(
                    _(
                        "tests (`{command}`): {passed_before} passed before, {passed_after} after; "
                        "{failed_before} failed before, {failed_after} after"
                    ).format(
                        command=self.command,
                        passed_before=len(before.passed),
                        passed_after=len(after.passed),
                        failed_before=len(before.failed),
                        failed_after=len(after.failed),
                    )
                )
            else:
                lines.append(
                    _("tests (`{command}`): exit status {before} before, {after} after").format(
                        command=self.command, before=before.returncode, after=after.returncode
                    )
                )
        elif not self.options.run_tests:
            lines.append(_("tests: run by --write (before and after, on the staged copy)"))
        elif self.command is None:
            lines.append(_("tests: none run (no test files, or --test-command none)"))
        return lines + verification.notes


def _differs(old: Path, new: Path) -> bool:
    try:
        return old.read_bytes() != new.read_bytes()
    except OSError:
        return True


def verify_new_contents(
    root: Path, files: list[str], new_contents: dict[str, bytes | None], options: VerifyOptions | None = None
) -> tuple[Gate, Verification]:
    """For fixes that write in place (`rename --apply`, `extract`): judge `new_contents` on a copy of `root`."""
    gate = Gate(root, files, options)
    with tempfile.TemporaryDirectory(prefix="english-guard-verify-") as scratch:
        folder = Path(scratch) / root.name
        folder.mkdir()
        after_files = set(files)
        copy_tree(root, files, folder)
        for name, data in new_contents.items():
            target = folder / name
            if data is None:
                target.unlink(missing_ok=True)
                after_files.discard(name)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            after_files.add(name)
        verification = gate.finish(folder, sorted(after_files))
        gitignore = folder / ".gitignore"
        if verification.git.added_rules and gitignore.is_file():
            new_contents[".gitignore"] = gitignore.read_bytes()
        shutil.rmtree(folder, ignore_errors=True)
    return gate, verification


__all__ = [
    "AUTO",
    "DEFAULT_OPTIONS",
    "Gate",
    "Verification",
    "VerifyOptions",
    "WHOLE_RUN",
    "run_tests",
    "verify_new_contents",
]
