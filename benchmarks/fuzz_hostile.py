"""Fuzzing english-guard with hostile and pathological input (issue 16): no traceback, no hang, no bad write.

Two campaigns, both seeded from this repository's own sources (english_guard/ and the example bot):

* files: N mutated files (Python, YAML, Markdown, TOML) checked in one `check --format json` run per
  batch: every run must end within its time limit, print valid JSON and no traceback;
* projects: N mutated copies of the example bot, each taken through `rename --plan/--apply` (every open
  entry named), `translate --to-po/--from-po --write` (every entry answered) and `extract --write`; each
  command must end without a traceback or hang, every Python file it wrote must parse, and running the
  same command again must change nothing.

    python benchmarks/fuzz_hostile.py --files 10000 --projects 300     # the long run (about an hour)
    python benchmarks/fuzz_hostile.py --files 200 --projects 3 --seed 7   # what tests/test_fuzz.py runs

Prints one summary line per campaign and every failure (with the seed that reproduces it).
"""

from __future__ import annotations

import argparse
import ast
import functools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "dokon_bot"
CLI = [sys.executable, "-P", "-m", "english_guard"]
HOSTILE_PIECES = [
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\u3164",
    "\ufe0f",
    "\U000e0041",
    "\u034f",
    "\ufeff",
    "\x00",
    "\x0c",
    "\r",
    "\r\n",
    "\u2028",
    "\ud7ff",
    "й",
    "ё",
    "ʻ",
    "ｐ",
    "🏴",
    "👨\u200d👩",
    "Проверяем права",
    "foydalanuvchi",
    "# -*- coding: latin-1 -*-\n",
    "# -*- coding: nonsense -*-\n",
    "\\",
    "'''",
    '"""',
    "(",
    "[" * 60,
    "]" * 60,
    "{",
    "}",
    ":",
    "\t",
    "    ",
    "def ",
    "class ",
    "lambda: ",
    "async ",
    "await ",
    "yield ",
    "*",
    "**",
    "@",
    "match x:\n    case _:\n        pass\n",
    "#" + "a" * 5000,
    "\n" * 50,
    " + ".join(['"a"'] * 400),
    "x" + "(" * 90 + ")" * 90,
    "a@b" * 200,
    "/a" * 300,
    "%(" * 100,
    "{" * 80,
]


@dataclass
class Outcome:
    runs: int = 0
    files: int = 0
    written: int = 0  # Python files a fix changed
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


def seeds() -> list[tuple[str, bytes]]:
    """Source files of this repository: the shapes the mutations start from."""
    found = []
    for folder in (REPO / "english_guard", EXAMPLE):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".yaml", ".md", ".toml") and path.is_file() and path.stat().st_size < 60_000:
                found.append((path.suffix, path.read_bytes()))
    return found


def mutate(data: bytes, chooser: random.Random) -> bytes:
    """One to six edits: hostile pieces inserted, bytes flipped, lines duplicated, cut or shuffled."""
    text = data.decode("utf-8", "replace")
    for _edit in range(chooser.randint(1, 6)):
        roll = chooser.random()
        at = chooser.randint(0, len(text))
        if roll < 0.45:
            text = text[:at] + chooser.choice(HOSTILE_PIECES) + text[at:]
        elif roll < 0.55:
            text = text[:at]
        elif roll < 0.7:
            lines = text.split("\n")
            index = chooser.randrange(len(lines))
            lines.insert(index, lines[index] * chooser.randint(1, 3))
            text = "\n".join(lines)
        elif roll < 0.8:
            lines = text.split("\n")
            chooser.shuffle(lines)
            text = "\n".join(lines)
        elif roll < 0.9 and text:
            end = min(len(text), at + chooser.randint(1, 40))
            text = text[:at] + text[end:]
        else:
            raw = bytearray(text.encode("utf-8", "surrogatepass"))
            for _flip in range(chooser.randint(1, 4)):
                if raw:
                    raw[chooser.randrange(len(raw))] = chooser.randrange(256)
            return bytes(raw)
    return text.encode("utf-8", "surrogatepass")


def _run(args: list[str], cwd: Path, env: dict, timeout: float) -> tuple[subprocess.CompletedProcess | None, str]:
    try:
        done = subprocess.run(
            [*CLI, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None, f"hang: {' '.join(args)} did not end within {timeout:.0f} s"
    if "Traceback (most recent call last)" in done.stderr + done.stdout:
        return done, f"traceback: {' '.join(args)}: {done.stderr.strip().splitlines()[-1]}"
    return done, ""


def environment(scratch: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(
        {
            "LANG": "C.UTF-8",
            "PYTHONIOENCODING": "utf-8",
            "NO_COLOR": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "ENGLISH_GUARD_MODELS_DIR": str(scratch / "no-models"),
            "ARGOS_PACKAGES_DIR": str(scratch / "no-argos"),
            "ENGLISH_GUARD_CACHE_DIR": str(scratch / "cache"),
            "SOURCE_DATE_EPOCH": "1798761600",
        }
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def fuzz_files(count: int, seed: int, batch: int = 500, timeout: float = 600) -> Outcome:
    outcome = Outcome()
    chooser = random.Random(seed)
    sources = seeds()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="eg-fuzz-files-") as scratch_name:
        scratch = Path(scratch_name)
        env = environment(scratch)
        for first in range(0, count, batch):
            folder = scratch / f"batch-{first}"
            folder.mkdir()
            (folder / "pyproject.toml").write_text("[tool.english-guard]\n", encoding="utf-8")
            for number in range(first, min(count, first + batch)):
                suffix, data = chooser.choice(sources)
                (folder / f"f{number:05d}{suffix}").write_bytes(mutate(data, chooser))
                outcome.files += 1
            done, failure = _run(["check", "--format", "json", "--no-cache", "."], folder, env, timeout)
            outcome.runs += 1
            if failure:
                outcome.failures.append(f"seed {seed}, files {first}-{first + batch}: {failure}")
            elif done is not None:
                try:
                    json.loads(done.stdout)
                except ValueError:
                    outcome.failures.append(f"seed {seed}, files {first}-{first + batch}: output is not JSON")
            shutil.rmtree(folder, ignore_errors=True)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _python_files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*.py"))
        if ".english-guard" not in p.parts
    }


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not {".english-guard", ".english-guard-cache"} & set(p.parts)
    }


def _written_files_parse(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    broken = []
    for name, data in after.items():
        if name.endswith(".py") and before.get(name) != data:
            try:
                compile(data, name, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
            except (SyntaxError, ValueError) as exc:
                broken.append(f"{name}: written but does not parse: {exc}")
    return broken


def _fill_plan(plan: Path) -> None:
    """What a reviewer does: every open entry gets an English name (unique, so the plan is valid)."""
    lines, number = [], 0
    for line in plan.read_text(encoding="utf-8").splitlines():
        if line.strip() == 'new_name = ""':
            number += 1
            line = f'new_name = "fuzz_name_{number}"'
        lines.append(line)
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _answer_review(review: Path) -> None:
    if review.is_file():
        text = review.read_text(encoding="utf-8")
        review.write_text(text.replace('msgstr ""\n\n', 'msgstr "An English sentence."\n\n'), encoding="utf-8")


def fuzz_projects(count: int, seed: int, timeout: float = 300, progress: bool = False) -> Outcome:
    """Mutated copies of the example bot through rename, translate and extract, each run twice."""
    outcome = Outcome()
    chooser = random.Random(seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="eg-fuzz-projects-") as scratch_name:
        scratch = Path(scratch_name)
        env = environment(scratch)
        for number in range(count):
            root = scratch / f"project-{number}"
            shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
            python = sorted(root.rglob("*.py"))
            for path in chooser.sample(python, k=min(len(python), chooser.randint(1, 3))):
                path.write_bytes(mutate(path.read_bytes(), chooser))
            outcome.files += len(python)
            steps = [
                (["rename", ".", "--plan", "plan.toml"], functools.partial(_fill_plan, root / "plan.toml")),
                (["rename", ".", "--apply", "plan.toml"], None),
                (
                    ["translate", "--engine", "glossary", "--no-memory", "--to-po", "review.po", "."],
                    functools.partial(_answer_review, root / "review.po"),
                ),
                (["translate", "--no-memory", "--from-po", "review.po", "--write", "."], None),
                (["extract", ".", "--source-lang", "uz", "--write"], None),
            ]
            for args, after in steps:
                before = _tree(root)
                done, failure = _run(args, root, env, timeout)
                outcome.runs += 1
                where = f"seed {seed}, project {number}: "
                if failure:
                    outcome.failures.append(where + failure)
                    break
                now = _tree(root)
                outcome.written += len(_python_files_changed(before, now))
                outcome.failures += [where + problem for problem in _written_files_parse(before, now)]
                if after is not None:
                    if not (root / args[-1]).exists() and args[-1].endswith((".toml", ".po")):
                        break  # nothing to review (every file of this mutation was refused): fine
                    after()
                    continue
                if args[0] in ("translate", "extract") or "--apply" in args:
                    _second, failure = _run(args, root, env, timeout)
                    outcome.runs += 1
                    again = _tree(root)
                    if failure:
                        outcome.failures.append(where + "second run: " + failure)
                    elif _python_files_changed(now, again):
                        outcome.failures.append(
                            where + f"a second `{' '.join(args)}` changed "
                            f"{', '.join(_python_files_changed(now, again))}"
                        )
            shutil.rmtree(root, ignore_errors=True)
            if progress:
                print(
                    f"  project {number + 1}/{count}: {outcome.runs} runs, {outcome.written} files written, "
                    f"{len(outcome.failures)} failures, {time.perf_counter() - started:.0f} s",
                    flush=True,
                )
    outcome.seconds = time.perf_counter() - started
    return outcome


def _python_files_changed(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return sorted(
        name for name in set(before) | set(after) if name.endswith(".py") and before.get(name) != after.get(name)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--projects", type=int, default=300)
    parser.add_argument("--seed", type=int, default=16)
    options = parser.parse_args()
    failed = False
    if options.files:
        files = fuzz_files(options.files, options.seed)
        print(
            f"files: {files.files} mutated files in {files.runs} check runs, {len(files.failures)} failures, "
            f"{files.seconds:.0f} s",
            flush=True,
        )
        failed |= bool(files.failures)
        for failure in files.failures:
            print("  " + failure)
    if options.projects:
        projects = fuzz_projects(options.projects, options.seed, progress=True)
        print(
            f"projects: {options.projects} mutated projects, {projects.runs} command runs, {projects.written} "
            f"Python files written, {len(projects.failures)} failures, {projects.seconds:.0f} s"
        )
        failed |= bool(projects.failures)
        for failure in projects.failures:
            print("  " + failure)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
