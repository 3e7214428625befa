"""Prove that two versions of english-guard report the same bytes: `check --format json --no-cache` on each tree.

A speed change must not change one finding. Each version is a folder holding an `english_guard` package (as for
bench_cpu_ab.py: `git archive <commit> english_guard | tar -x -C /tmp/base`); each tree is checked from its own
folder (so its configuration applies) by both versions, and the outputs are compared byte for byte. A folder given
with `--each` stands for every tree directly inside it (a corpus of repositories), minus the names listed in
`--skip-list` (owner/name per line, as /work/wt/heldout-repos.txt: held-out trees are never run). The base's
outputs are kept in `--reference DIR` when given, so a base is run once per tree.

    python benchmarks/check_identical.py --base /tmp/base --new . TREE... [--each CORPUS] [--skip-list FILE]
                                         [--reference DIR]

Prints one line per tree (same / DIFFERENT with the first differing line number) and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from bench_check import CLI_CODE  # the console script's code, run in a fresh process


def report(version: Path, tree: Path, scratch: Path) -> bytes:
    """The JSON report of one version on one tree (findings set the exit code: only the bytes matter)."""
    env = dict(os.environ, PYTHONPATH=str(version), ENGLISH_GUARD_CACHE_DIR=str(scratch))
    command = [sys.executable, "-c", CLI_CODE, "check", "--format", "json", "--no-cache", "--exit-zero", "."]
    done = subprocess.run(command, cwd=tree, env=env, check=False, capture_output=True)
    return done.stdout + b"\n--- stderr ---\n" + done.stderr


def first_difference(old: bytes, new: bytes) -> int:
    """The 1-based number of the first line that differs."""
    for number, (left, right) in enumerate(zip(old.splitlines(), new.splitlines(), strict=False), start=1):
        if left != right:
            return number
    return min(len(old.splitlines()), len(new.splitlines())) + 1


def trees_of(args: argparse.Namespace) -> list[Path]:
    skipped: set[str] = set()
    if args.skip_list:
        for line in args.skip_list.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                skipped.add(line.split()[0].replace("/", "+"))
    trees = [tree.resolve() for tree in args.trees]
    for corpus in args.each:
        trees += sorted(path.resolve() for path in corpus.iterdir() if path.is_dir() and path.name not in skipped)
    return trees


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="a folder holding the base english_guard package")
    parser.add_argument("--new", type=Path, required=True, help="a folder holding the new english_guard package")
    parser.add_argument("trees", type=Path, nargs="*", help="trees to check")
    parser.add_argument("--each", type=Path, action="append", default=[], help="check every tree inside this folder")
    parser.add_argument("--skip-list", type=Path, help="owner/name lines of trees never to run")
    parser.add_argument("--reference", type=Path, help="keep the base's reports here and reuse them")
    args = parser.parse_args(argv)
    scratch = Path(os.environ.get("TMPDIR", "/tmp"), f"eg-identical-{os.getpid()}")
    different = 0
    for tree in trees_of(args):
        key = hashlib.sha256(str(tree).encode()).hexdigest()[:16]
        kept = args.reference / f"{tree.name}-{key}.out" if args.reference else None
        if kept is not None and kept.is_file():
            old = kept.read_bytes()
        else:
            old = report(args.base.resolve(), tree, scratch / "base")
            if kept is not None:
                kept.parent.mkdir(parents=True, exist_ok=True)
                kept.write_bytes(old)
        new = report(args.new.resolve(), tree, scratch / "new")
        if old == new:
            print(f"same       {tree} ({len(old)} bytes)")
        else:
            different += 1
            print(f"DIFFERENT  {tree}: first at line {first_difference(old, new)}")
        sys.stdout.flush()
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
