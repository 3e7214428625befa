"""The share of a cold check's CPU seconds that goes to string literals: roles, flows and verdicts.

Runs a cold `check --no-cache --jobs 1` of one version of english-guard on a tree with the string flows on
and off (ENGLISH_GUARD_STRING_ROLES=off: no role is assigned, no flow is followed, no string literal is
judged; comments, docstrings and names are checked as usual), in turns (on, off, off, on, ...), so both
meet the same load of a shared machine. Each round's share is (on - off) / on, in CPU seconds (user +
system) of the one process; the median of the rounds is the number to read.

    python benchmarks/bench_string_share.py --corpus /tmp/stdlibcopy [--rounds 5] [--version .]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

CLI_CODE = (
    "import sys; sys.path.remove('') if '' in sys.path else None; from english_guard.cli import main; sys.exit(main())"
)


def cpu_seconds(corpus: Path, version: Path, roles: bool) -> float:
    """User and system CPU seconds of one cold check of `corpus` (findings set the exit code: ignored)."""
    env = dict(os.environ, PYTHONPATH=str(version), ENGLISH_GUARD_STRING_ROLES="on" if roles else "off")
    command = [sys.executable, "-c", CLI_CODE, "check", "-q", "--exit-zero", "-o", os.devnull]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [*command, "--no-cache", "--jobs", "1", "."],
        cwd=corpus,
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def measure(corpus: Path, version: Path, rounds: int) -> list[tuple[float, float]]:
    """(on, off) CPU seconds per round; odd rounds run `off` first."""
    cpu_seconds(corpus, version, True)  # warm-up: byte code written, disk cache warm
    samples = []
    for turn in range(rounds):
        if turn % 2:
            off = cpu_seconds(corpus, version, False)
            on = cpu_seconds(corpus, version, True)
        else:
            on = cpu_seconds(corpus, version, True)
            off = cpu_seconds(corpus, version, False)
        samples.append((on, off))
        print(f"round {turn + 1}: on {on:.2f} s, off {off:.2f} s, share {(on - off) / on:.1%}", flush=True)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="the tree to check")
    parser.add_argument(
        "--version",
        type=Path,
        default=Path(__file__).resolve().parents[1],
        help="a folder holding the `english_guard` package to measure (default: this checkout)",
    )
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    samples = measure(args.corpus.resolve(), args.version.resolve(), args.rounds)
    shares = [(on - off) / on for on, off in samples]
    print(
        f"{args.corpus}: string share median {statistics.median(shares):.1%} "
        f"(range {min(shares):.1%}-{max(shares):.1%}, {len(shares)} rounds); "
        f"CPU s median on {statistics.median(on for on, _ in samples):.2f}, "
        f"off {statistics.median(off for _, off in samples):.2f}; "
        f"load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
