"""Shared helpers for the migration tests: copies of the example project in git, answers, runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "dokon_bot"
ANSWERS = Path(__file__).resolve().parent / "fixtures" / "migrate" / "answers.toml"
SCRIPT = REPO / "translate_comments.py"
STATE = Path(".english-guard") / "migration"


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=True)
    return done.stdout


def committed_copy(source: Path, target: Path, message: str) -> Path:
    """A copy of a project folder, committed in a fresh git repository."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", ".english-guard*"))
    git(target, "init", "-q")
    git(target, "config", "user.email", "test@example.com")
    git(target, "config", "user.name", "test")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", message)
    return target


def example_repo(target: Path) -> Path:
    """A copy of the example project, committed in a fresh git repository."""
    return committed_copy(EXAMPLE, target, "the example bot")


def environment(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["ENGLISH_GUARD_MODELS_DIR"] = str(tmp / "no-models")  # no model installed: deterministic
    env["ARGOS_PACKAGES_DIR"] = str(tmp / "no-argos")
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(variable, None)
    env["LANG"] = "C.UTF-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    # Catalog dates come from SOURCE_DATE_EPOCH: two runs a minute apart write the same bytes.
    env["SOURCE_DATE_EPOCH"] = "1798761600"
    scratch = tmp / "scratch"  # the staging copies of runs a test kills stay inside the test's folder
    scratch.mkdir(exist_ok=True)
    env["TMPDIR"] = str(scratch)
    return env


def migrate_command(*args: str) -> list[str]:
    return [sys.executable, str(SCRIPT), "--engine", "glossary", *args]


def run_migration(folder: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        migrate_command(*args),
        cwd=folder,
        capture_output=True,
        text=True,
        env=env or environment(folder.parent),
        timeout=300,
    )


def project_bytes(folder: Path) -> dict[str, bytes]:
    """Every file of the project except git's and english-guard's own folders."""
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] in {".git", ".english-guard", ".english-guard-cache", ".pytest_cache"}:
            continue
        if "__pycache__" in relative.parts or not path.is_file():
            continue
        files[relative.as_posix()] = path.read_bytes()
    return files


def answer_review_files(folder: Path, answers_file: Path = ANSWERS, opt_in: bool = False) -> None:
    """What a reviewer does: English for the entries without a model, names for the open renames
    (and, with `opt_in`, renames of the names in the answers file's `opt_in` list, which start skipped)."""
    from babel.messages.pofile import read_po, write_po

    from english_guard.fixes.rename import dump_plan, load_plan

    answers = tomllib.loads(answers_file.read_text(encoding="utf-8"))
    state = folder / STATE
    for name, table in (("translations.po", "translations"), ("strings.review.po", "strings")):
        path = state / name
        with open(path, "rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if message.id in answers[table]:
                message.string = answers[table][message.id]
                message.flags.discard("fuzzy")
        with open(path, "wb") as handle:
            write_po(handle, catalog, width=0)
    plan = state / "renames.toml"
    entries = load_plan(plan.read_text(encoding="utf-8"), str(plan))
    for entry in entries:
        if entry.qualified_name in answers["renames"]:
            entry.new_name = answers["renames"][entry.qualified_name]
        if opt_in and entry.qualified_name in answers.get("opt_in", []):
            entry.action = "rename"
    plan.write_text(dump_plan(entries, plan.name), encoding="utf-8")
