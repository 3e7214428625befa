"""The verification gate's parts on small trees: imports, undefined names, git's view, test comparison."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from english_guard.fixes.verify import Gate, VerifyOptions, verify_new_contents
from english_guard.fixes.verify.gitview import negation_for, ship_generated_files
from english_guard.fixes.verify.static import ProjectModules, static_problems
from english_guard.fixes.verify.testrun import TestRun, newly_failing, run_tests


def tree(root: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(files)


BOT = {
    "pkg/__init__.py": "from . import ombor, savat\nfrom .ombor import *\nfrom .savat import *\n"
    "__all__ = ombor.__all__ + savat.__all__\n",
    "pkg/ombor.py": "__all__ = ['Ombor']\nclass Ombor:\n    pass\n",
    "pkg/savat.py": "__all__ = ['Savat']\nclass Savat:\n    pass\n_yashirin = 1\n",
    "ns/xizmat.py": "def jami():\n    return 1\n",  # a namespace package: no __init__.py
    "ns/sub/__init__.py": "from ..xizmat import jami\n",
    "main.py": "from pkg import Ombor, Savat\nfrom ns.xizmat import jami\nfrom ns.sub import jami as j\n"
    "import ns.xizmat\nprint(Ombor, Savat, jami, j, ns)\n",
    "reexport.py": "from pkg import *\nprint(Ombor, Savat)\n",
}


def modules(root: Path, files: dict[str, str]) -> ProjectModules:
    return ProjectModules(root, tree(root, files))


def test_star_reexports_all_from_submodules_namespace_and_relative_imports_resolve(tmp_path):
    project = modules(tmp_path, BOT)
    for path in BOT:
        assert project.broken_imports(path) == set(), path
    assert "Ombor" in project.exports("pkg", star=True)
    assert "_yashirin" not in project.exports("pkg", star=True)


@pytest.mark.parametrize(
    "path, old, new, expected",
    [
        ("pkg/ombor.py", "class Ombor", "class Warehouse", "pkg/ombor.py:1: undefined name 'Ombor'"),  # in __all__
        ("pkg/ombor.py", "__all__ = ['Ombor']", "__all__ = ['Warehouse']", "main.py:1: `from pkg import Ombor`"),
        ("ns/xizmat.py", "def jami", "def total", "main.py:2: `from ns.xizmat import jami` no longer resolves"),
        ("ns/xizmat.py", "def jami", "def total", "ns/sub/__init__.py:1: `from ns.xizmat import jami`"),
    ],
)
def test_an_import_the_change_breaks_is_named_with_its_line(tmp_path, path, old, new, expected):
    before = modules(tmp_path / "before", BOT)
    changed = dict(BOT)
    changed[path] = changed[path].replace(old, new)
    after = modules(tmp_path / "after", changed)
    problems = [str(p) for p in static_problems(before, after, {path})]
    assert any(problem.startswith(expected) for problem in problems), problems


def test_a_module_renamed_away_breaks_its_importers(tmp_path):
    before = modules(tmp_path / "before", BOT)
    changed = {("pkg/warehouse.py" if k == "pkg/ombor.py" else k): v for k, v in BOT.items()}
    after = modules(tmp_path / "after", changed)
    problems = [str(p) for p in static_problems(before, after, {"pkg/warehouse.py"})]
    assert any("pkg/__init__.py:1: `from pkg import ombor`" in p for p in problems), problems


def test_what_was_broken_before_is_not_blamed_and_a_new_undefined_name_is(tmp_path):
    files = {"a.py": "from pkg import Missing\nprint(undefined_before)\n", "pkg/__init__.py": "X = 1\n"}
    before = modules(tmp_path / "before", files)
    after_files = dict(
        files,
        **{"a.py": "from pkg import Missing\nprint(undefined_before)\ndef f():\n    qiymat = 1\n    return value\n"},
    )
    after = modules(tmp_path / "after", after_files)
    problems = [str(p) for p in static_problems(before, after, {"a.py"})]
    assert problems == ["a.py:5: undefined name 'value' after the change"]


def test_a_class_body_name_renamed_as_the_method_is_an_undefined_name(tmp_path):
    source = (
        "def sarlavha():\n    return 1\nclass Savat:\n    nom = sarlavha()\n    def sarlavha(self):\n        return 2\n"
    )
    before = modules(tmp_path / "before", {"m.py": source})
    renamed = source.replace("nom = sarlavha()", "nom = title()").replace("def sarlavha(self)", "def title(self)")
    after = modules(tmp_path / "after", {"m.py": renamed})
    assert [str(p) for p in static_problems(before, after, {"m.py"})] == [
        "m.py:4: undefined name 'title' after the change"
    ]


def git_repo(folder: Path) -> None:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)


def test_generated_files_gitignore_drops_get_a_negation(tmp_path):
    tree(
        tmp_path,
        {
            ".gitignore": "__pycache__/\n*.mo\n*.pot\n",
            "locales/uz/LC_MESSAGES/messages.mo": "x",
            "locales/messages.pot": "x",
            "i18n.py": "x = 1\n",
        },
    )
    view = ship_generated_files(tmp_path, ["i18n.py", "locales/messages.pot", "locales/uz/LC_MESSAGES/messages.mo"])
    assert view.added_rules == ["!locales/**/*.mo", "!locales/**/*.pot"]
    assert view.still_ignored == {}
    assert (tmp_path / ".gitignore").read_text().endswith("!locales/**/*.mo\n!locales/**/*.pot\n")
    again = ship_generated_files(tmp_path, ["locales/uz/LC_MESSAGES/messages.mo"])
    assert again.added_rules == [] and again.still_ignored == {}
    # what a colleague's clone gets: git itself agrees
    git_repo(tmp_path)
    listed = subprocess.run(
        ["git", "-C", str(tmp_path), "ls-files", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "locales/uz/LC_MESSAGES/messages.mo" in listed and "locales/messages.pot" in listed


def test_a_file_inside_an_ignored_folder_is_reported_with_the_rule(tmp_path):
    tree(tmp_path, {".gitignore": "locales/\n", "locales/uz/LC_MESSAGES/messages.mo": "x"})
    view = ship_generated_files(tmp_path, ["locales/uz/LC_MESSAGES/messages.mo"])
    assert view.still_ignored == {"locales/uz/LC_MESSAGES/messages.mo": ".gitignore:1: locales/"}


def test_negation_rules():
    assert negation_for("locales/uz/LC_MESSAGES/bot.mo") == "!locales/**/*.mo"
    assert negation_for("i18n.py") == "!/i18n.py"


def run(passed: set[str], failed: set[str]) -> TestRun:
    return TestRun("pytest", 0 if not failed else 1, passed=passed, failed=failed, per_test=True)


def test_newly_failing_matches_tests_by_name_and_renamed_tests_by_count():
    assert newly_failing(run({"a", "b"}, set()), run({"a"}, {"b"})) == ["b"]
    assert newly_failing(run({"t_uz"}, set()), run({"t_en"}, set())) == []  # a test renamed, still passing
    assert newly_failing(run({"t_uz", "x"}, set()), run({"x"}, {"t_en"})) == ["t_en"]  # renamed and failing
    assert newly_failing(run({"a"}, {"old"}), run({"a"}, {"old"})) == []  # failed before: not the change's fault


def test_pytest_and_unittest_results_are_read_per_test(tmp_path):
    tree(
        tmp_path,
        {
            "test_a.py": "import unittest\nclass T(unittest.TestCase):\n    def test_ok(self):\n"
            "        pass\n    def test_bad(self):\n        self.fail()\n"
        },
    )
    pytest_run = run_tests(tmp_path, f"{sys.executable} -m pytest -q", 120)
    assert pytest_run.per_test and pytest_run.passed == {"test_a.T::test_ok"}
    assert pytest_run.failed == {"test_a.T::test_bad"}
    unittest_run = run_tests(tmp_path, f"{sys.executable} -m unittest discover -v", 120)
    assert unittest_run.per_test and unittest_run.passed == {"test_a.T.test_ok"}
    assert unittest_run.failed == {"test_a.T.test_bad"}


def test_verify_new_contents_runs_the_tests_before_and_after_on_copies(tmp_path):
    files = tree(
        tmp_path,
        {
            "calc.py": "def jami(a, b):\n    return a + b\n",
            "test_calc.py": "from calc import jami\n\ndef test_jami():\n    assert jami(1, 2) == 3\n",
        },
    )
    options = VerifyOptions(test_command=f"{sys.executable} -m pytest -q")
    _gate, fine = verify_new_contents(tmp_path, files, {"calc.py": b"def jami(a, b):\n    return b + a\n"}, options)
    assert fine.ok and fine.before.passed == fine.after.passed == {"test_calc::test_jami"}
    _gate, broken = verify_new_contents(tmp_path, files, {"calc.py": b"def jami(a, b):\n    return a - b\n"}, options)
    assert broken.failing == ["test_calc::test_jami"]
    assert any("test_calc::test_jami" in problem for problem in broken.problems)
    assert not list(tmp_path.glob("**/__pycache__")) and not (tmp_path / ".pytest_cache").exists()


def test_no_tests_no_test_run(tmp_path):
    files = tree(tmp_path, {"calc.py": "X = 1\n"})
    gate = Gate(tmp_path, files, VerifyOptions())
    assert gate.command is None
