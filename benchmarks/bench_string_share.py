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

CPU seconds of a shared machine move by more between rounds than the share is wide. With `--instructions`,
each step runs once under valgrind's callgrind instead, which counts the instructions the process executes:
the same count for the same code, input and hash seed (PYTHONHASHSEED is fixed, `--seed`), whatever else the
machine is doing, so a change of a tenth of a point shows. The steps run side by side, one per core; each is
50-100 times slower than a plain run (about 5 minutes for the standard library on this project's machines).
Instructions are not seconds: memory stalls cost the string steps a little more time per instruction than the
rest of the check, so read the count for changes and the CPU seconds for the level.

    python benchmarks/bench_string_share.py --corpus /tmp/stdlibcopy [--rounds 5] [--version .] [--split]
    python benchmarks/bench_string_share.py --corpus /tmp/stdlibcopy --instructions [--split] [--seed 0]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench_check import CLI_CODE, user_environment  # the console script's code, run in a fresh process

# The values of ENGLISH_GUARD_STRING_ROLES, from every string step to none (see english_guard.sources.python).
STEPS = ("on", "segments", "flows", "off")


def cpu_seconds(corpus: Path, version: Path, steps: str) -> float:
    """User and system CPU seconds of one cold check of `corpus` (findings set the exit code: ignored)."""
    env = user_environment(PYTHONPATH=str(version), ENGLISH_GUARD_STRING_ROLES=steps)
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


def instructions(corpus: Path, version: Path, steps: str, seed: int) -> int:
    """Instructions one cold check of `corpus` executes, counted by valgrind's callgrind."""
    env = user_environment(PYTHONPATH=str(version), ENGLISH_GUARD_STRING_ROLES=steps, PYTHONHASHSEED=str(seed))
    command = [sys.executable, "-c", CLI_CODE, "check", "-q", "--exit-zero", "-o", os.devnull]
    with tempfile.TemporaryDirectory(prefix="eg-callgrind-") as folder:
        counted = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/callgrind.out"]
            + [*command, "--no-cache", "--jobs", "1", "."],
            cwd=corpus,
            env=env,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    total = re.search(r"Collected : (\d+)", counted.stderr)
    if total is None:
        raise SystemExit(f"valgrind counted nothing for ENGLISH_GUARD_STRING_ROLES={steps}:\n{counted.stderr[-2000:]}")
    return int(total.group(1))


def measure_instructions(corpus: Path, version: Path, steps: tuple[str, ...], seed: int) -> dict[str, int]:
    """Instructions per step value, the steps side by side (one per core), after a plain run that writes the
    version's byte code (as an installed tool has it)."""
    cpu_seconds(corpus, version, "on")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        counts = dict(zip(steps, pool.map(lambda step: instructions(corpus, version, step, seed), steps), strict=True))
    on = counts["on"]
    parts = ", ".join(f"{step} {counts[step] / 1e9:.3f} G" for step in steps)
    print(f"instructions (PYTHONHASHSEED={seed}): {parts}; share {(on - counts['off']) / on:.2%}", flush=True)
    if "flows" in counts:
        print(
            f"split of the share (of the cold check's instructions): "
            f"flow steps of the walk {(counts['flows'] - counts['off']) / on:.2%}, "
            f"string segments {(counts['segments'] - counts['flows']) / on:.2%}, "
            f"judging the literals {(on - counts['segments']) / on:.2%}"
        )
    return counts


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
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions under valgrind's callgrind (one run per step) instead of timing rounds",
    )
    parser.add_argument("--seed", type=int, default=0, help="PYTHONHASHSEED of the counted runs (default 0)")
    args = parser.parse_args(argv)
    steps = STEPS if args.split else ("on", "off")
    if args.instructions:
        if shutil.which("valgrind") is None:
            parser.error("--instructions needs valgrind (Debian: apt-get install valgrind)")
        measure_instructions(args.corpus.resolve(), args.version.resolve(), steps, args.seed)
        return 0
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
