"""CPU seconds of two versions of english-guard on one tree, measured in turns (A, B, A, B, ...).

On a shared machine the wall time of a run says more about the other jobs than about the tool; the CPU
seconds of one process (`--jobs 1`) vary much less, and measuring two versions in turns exposes both to
the same load. Each version is a folder that holds an `english_guard` package (for instance
`git archive <commit> english_guard | tar -x -C /tmp/base`); it runs with that folder first on
PYTHONPATH. Measured per turn: `ast.parse` of every Python file in one process (the floor, for the
ratio), a cold `check --no-cache --jobs 1`, and a cached re-run (each version with its own cache folder).
With `--precommit`, after those turns: a pre-commit style run on 5 changed files (as bench_check.py picks
them: the middle of the Python files by size, new content each turn, `--force-exclude`), run on a copy of
the corpus so the tree given is never changed.

    python benchmarks/bench_cpu_ab.py --base /tmp/base --new . --corpus /tmp/stdlibcopy [--runs 3] [--markdown DIR]
                                      [--precommit]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_check import CLI_CODE, user_environment  # the console script's code, run in a fresh process

PARSE_CODE = """
import ast, gc, os, sys
gc.freeze(); gc.set_threshold(100_000, 50, 100)
for folder, subfolders, files in os.walk(sys.argv[1]):
    subfolders[:] = [name for name in subfolders if name not in ("__pycache__", ".git")]
    for name in files:
        if name.endswith(".py"):
            try:
                ast.parse(open(os.path.join(folder, name), "rb").read())
            except (SyntaxError, ValueError):
                pass
"""


def cpu_seconds(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """User and system CPU seconds of a command and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Findings and unreadable files (EG900) set the exit code: only the time matters here.
    subprocess.run(command, cwd=cwd, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def changed_files(corpus: Path) -> list[Path]:
    """The 5 files bench_check.py changes for its pre-commit row: the middle of the Python files by size."""
    skipped = {".git", "__pycache__", ".venv", "venv", "node_modules", ".english-guard-cache", ".tox"}
    files = []
    for folder, subfolders, names in os.walk(corpus):
        subfolders[:] = [name for name in subfolders if name not in skipped]
        files += [Path(folder, name) for name in names if name.endswith(".py")]
    files.sort(key=lambda path: (path.stat().st_size, str(path)))
    return files[len(files) // 2 : len(files) // 2 + 5]


def measure_precommit(versions: dict[str, Path], corpus: Path, runs: int, scratch: str) -> dict[str, list[float]]:
    """CPU seconds of a new process checking 5 changed files, each version in turn, on a copy of `corpus`."""
    import shutil

    copy = Path(scratch, "corpus")
    shutil.copytree(corpus, copy, symlinks=True, ignore=shutil.ignore_patterns(".english-guard-cache"))
    changed = changed_files(copy)
    originals = {path: path.read_bytes() for path in changed}
    samples: dict[str, list[float]] = {}
    for turn in range(runs):
        for path, data in originals.items():
            path.write_bytes(data + f"\n# Local change number {turn}.\n".encode())
        for name, folder in versions.items():
            env = user_environment(PYTHONPATH=str(folder), ENGLISH_GUARD_CACHE_DIR=str(Path(scratch, f"pre-{name}")))
            if turn == 0:
                cpu_seconds([sys.executable, "-c", CLI_CODE, "check", "-q", "-o", os.devnull, "."], copy, env)
            command = [sys.executable, "-c", CLI_CODE, "check", "-q", "-o", os.devnull, "--force-exclude"]
            seconds = cpu_seconds([*command, *(str(path.relative_to(copy)) for path in changed)], copy, env)
            samples.setdefault(f"{name}: pre-commit, 5 changed files", []).append(seconds)
    return samples


def measure(versions: dict[str, Path], corpus: Path, runs: int, precommit: bool = False) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"ast.parse, 1 process": []}
    with tempfile.TemporaryDirectory(prefix="eg-ab-") as scratch:
        for turn in range(runs):
            samples["ast.parse, 1 process"].append(
                cpu_seconds([sys.executable, "-c", PARSE_CODE, str(corpus)], corpus, user_environment())
            )
            for name, folder in versions.items():
                env = user_environment(PYTHONPATH=str(folder), ENGLISH_GUARD_CACHE_DIR=str(Path(scratch, name)))
                check = [sys.executable, "-c", CLI_CODE, "check", "-q", "--exit-zero", "-o", os.devnull]
                cold = cpu_seconds([*check, "--no-cache", "--jobs", "1", "."], corpus, env)
                if turn == 0:
                    cpu_seconds([*check, "."], corpus, env)  # fills this version's cache
                cached = cpu_seconds([*check, "."], corpus, env)
                samples.setdefault(f"{name}: check --no-cache --jobs 1", []).append(cold)
                samples.setdefault(f"{name}: check, cached re-run", []).append(cached)
        if precommit:
            samples.update(measure_precommit(versions, corpus, runs, scratch))
    return samples


def markdown(samples: dict[str, list[float]], corpus: Path, versions: dict[str, Path], runs: int) -> str:
    floor = statistics.median(samples["ast.parse, 1 process"])
    lines = [
        f"# english-guard CPU seconds, two versions in turns: {corpus}",
        "",
        f"{', '.join(f'{name} = {folder}' for name, folder in versions.items())}; median of {runs} turns; "
        f"measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"load average at the end {' '.join(f'{value:.2f}' for value in os.getloadavg())}.",
        "CPU seconds (user + system) of one process: read them against each other, not as wall time.",
        "",
        "| measurement | median CPU s | / ast.parse | turns |",
        "|---|---:|---:|---|",
    ]
    for name, values in samples.items():
        median = statistics.median(values)
        turns = " ".join(f"{value:.2f}" for value in values)
        lines.append(f"| {name} | {median:.3f} | {median / floor:.2f} | {turns} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="a folder holding the base english_guard package")
    parser.add_argument("--new", type=Path, required=True, help="a folder holding the new english_guard package")
    parser.add_argument("--corpus", type=Path, required=True, help="the tree to check")
    parser.add_argument("--runs", type=int, default=3, help="turns (the median is reported)")
    parser.add_argument("--markdown", type=Path, metavar="DIR", help="also save the table as Markdown in DIR")
    parser.add_argument("--precommit", action="store_true", help="also a pre-commit run on 5 changed files")
    args = parser.parse_args(argv)
    versions = {"base": args.base.resolve(), "new": args.new.resolve()}
    for folder in versions.values():
        if not (folder / "english_guard" / "__init__.py").is_file():
            parser.error(f"{folder}: no english_guard package in this folder")
    corpus = args.corpus.resolve()
    table = markdown(measure(versions, corpus, args.runs, args.precommit), corpus, versions, args.runs)
    print(table, end="")
    if args.markdown:
        args.markdown.mkdir(parents=True, exist_ok=True)
        target = args.markdown / f"ab-{corpus.name}-{time.strftime('%Y%m%d-%H%M', time.gmtime())}.md"
        target.write_text(table, encoding="utf-8")
        print(f"saved {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
