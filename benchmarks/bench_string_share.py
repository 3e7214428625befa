"""The share of a cold check's CPU seconds that goes to string literals: roles, flows and verdicts.

Runs a cold `check --no-cache --jobs 1` of one version of english-guard on a tree with the string flows on
and off (ENGLISH_GUARD_STRING_ROLES=off: no role is assigned, no flow is followed, no string literal is
judged; comments, docstrings and names are checked as usual), in turns (on, off, off, on, ...), so both
meet the same load of a shared machine. Each round's share is (on - off) / on, in CPU seconds (user +
system) of the one process; the median of the rounds is the number to read.

With `--split`, each round also runs the two steps between (ENGLISH_GUARD_STRING_ROLES=flows: the walk
follows every flow but builds no string segment; `segments`: the string segments are built, then dropped
before they are judged), so the share is split into what the flow steps of the walk cost (flows - off),
what building the string segments costs (roles, shapes, positions: segments - flows) and what judging the
literals costs (verdicts and what follows from them in the file and project steps: on - segments). The
steps' order turns with the rounds too.

    python benchmarks/bench_string_share.py --corpus /tmp/stdlibcopy [--rounds 5] [--version .] [--split]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from bench_check import CLI_CODE  # the console script's code, run in a fresh process

# The values of ENGLISH_GUARD_STRING_ROLES, from every string step to none (see english_guard.sources.python).
STEPS = ("on", "segments", "flows", "off")


def cpu_seconds(corpus: Path, version: Path, steps: str) -> float:
    """User and system CPU seconds of one cold check of `corpus` (findings set the exit code: ignored)."""
    env = dict(os.environ, PYTHONPATH=str(version), ENGLISH_GUARD_STRING_ROLES=steps)
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


def measure(corpus: Path, version: Path, rounds: int, steps: tuple[str, ...]) -> list[dict[str, float]]:
    """CPU seconds per step value, per round; odd rounds run the steps in the reverse order."""
    cpu_seconds(corpus, version, "on")  # warm-up: byte code written, disk cache warm
    samples = []
    for turn in range(rounds):
        order = steps[::-1] if turn % 2 else steps
        sample = {step: cpu_seconds(corpus, version, step) for step in order}
        samples.append(sample)
        on = sample["on"]
        parts = ", ".join(f"{step} {sample[step]:.2f} s" for step in steps)
        print(f"round {turn + 1}: {parts}, share {(on - sample['off']) / on:.1%}", flush=True)
    return samples


def _median_share(samples: list[dict[str, float]], upper: str, lower: str) -> float:
    return statistics.median((sample[upper] - sample[lower]) / sample["on"] for sample in samples)


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
    parser.add_argument(
        "--split",
        action="store_true",
        help="also measure the steps between (flows only; segments built, not judged) and split the share",
    )
    args = parser.parse_args(argv)
    steps = STEPS if args.split else ("on", "off")
    samples = measure(args.corpus.resolve(), args.version.resolve(), args.rounds, steps)
    shares = [(sample["on"] - sample["off"]) / sample["on"] for sample in samples]
    medians = ", ".join(f"{step} {statistics.median(sample[step] for sample in samples):.2f}" for step in steps)
    print(
        f"{args.corpus}: string share median {statistics.median(shares):.1%} "
        f"(range {min(shares):.1%}-{max(shares):.1%}, {len(shares)} rounds); "
        f"CPU s median {medians}; "
        f"load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}"
    )
    if args.split:
        print(
            f"split of the share (medians of the rounds, of the cold check's CPU): "
            f"flow steps of the walk {_median_share(samples, 'flows', 'off'):.1%}, "
            f"string segments {_median_share(samples, 'segments', 'flows'):.1%}, "
            f"judging the literals {_median_share(samples, 'on', 'segments'):.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
