"""Peak memory of the fixes over a large tree (issue 16): the whole process tree, workers included.

    python benchmarks/bench_memory.py /usr/lib/python3.11 -- translate --engine glossary --no-memory --diff .
    python benchmarks/bench_memory.py /usr/lib/python3.11 -- rename . --plan /tmp/plan.toml

Runs `english-guard ARGS` in FOLDER and samples the resident memory of the command and every process it
started (rename analyses files in a process pool) five times a second; prints the peak of their sum, the
time taken and the exit code. Output of the command itself is discarded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _resident(pid: int) -> int:
    try:
        return int((Path("/proc") / str(pid) / "statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_resident(root: int) -> int:
    tree, total, stack = _children(), 0, [root]
    while stack:
        pid = stack.pop()
        total += _resident(pid)
        stack.extend(tree.get(pid, []))
    return total


def main() -> int:
    if "--" not in sys.argv or len(sys.argv) < 4:
        print(__doc__)
        return 2
    split = sys.argv.index("--")
    folder, args = Path(sys.argv[1]), sys.argv[split + 1 :]
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "english_guard", *args], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_resident(process.pid))
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    print(
        f"{' '.join(args)} in {folder}: peak {peak / 1024 / 1024:.0f} MB (all processes), "
        f"{elapsed:.1f} s, exit code {process.returncode}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
