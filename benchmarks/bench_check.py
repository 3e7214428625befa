"""Benchmark of `english-guard check`: throughput, the result cache and the pre-commit path.

On a corpus (by default the Python files of the running interpreter's standard library outside its test
suites, about 750 files, copied to a temporary folder) it measures, side by side:

- `ast.parse` of every file in one process (the floor any Python linter starts from),
- `libcst.parse_module` of every file in one process (what a LibCST-based lint would pay; --skip-libcst),
- a cold `english-guard check --no-cache` in a new process (default --jobs: the machine's cores),
- a cached re-run on the unchanged tree (the cache filled by one run first, in a temporary
  ENGLISH_GUARD_CACHE_DIR),
- one small file checked by a new process,
- a pre-commit style run: a new process checking 5 changed files (--force-exclude, as the hook does),

and prints the median of --runs runs of each with files/s and the ratios that issue 3 sets targets for
(cached / cold under 10 %, the pre-commit run under 0.5 s). The peers run in the same measurement, on the
same copy, when they are installed (on PATH or beside this interpreter): ruff (the non-ASCII rules
RUF001-RUF003, PLC2401, PLC2403, cold and cached), typos (Python files) and codespell (Python files), so
their ratios can be read from one run on a shared, noisy machine. `--markdown DIR` saves the table as
Markdown (with the machine's core count) in DIR, e.g. benchmarks/results/. english-guard runs as its console
script does, from a copy of the package taken at the start (the cache key includes the tool's own code, so edits in a
shared working tree would otherwise invalidate the cache mid-run; --no-snapshot runs the installed one),
with its byte code compiled by a warm-up run. The machine is shared: use medians, and run it when nothing
else is busy.

    python benchmarks/bench_check.py [--corpus DIR] [--runs 3] [--skip-libcst] [--jobs N] [--json FILE]
                                     [--markdown DIR] [--no-peers] [--string-roles]
"""

from __future__ import annotations

import argparse
import ast
import functools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

SKIPPED_FOLDERS = {"test", "tests", "idle_test", "site-packages", "__pycache__"}
SMALL_FILE = '''"""A small module."""


def greet(name):
    # Say hello to the user.
    return f"Hello, {name}!"
'''


def copy_stdlib(target: Path) -> Path:
    """The standard library's .py files outside its test suites, copied to `target`."""
    source = Path(sysconfig.get_paths()["stdlib"])
    for folder, subfolders, files in os.walk(source):
        subfolders[:] = sorted(name for name in subfolders if name not in SKIPPED_FOLDERS)
        for name in files:
            if name.endswith(".py"):
                relative = Path(folder, name).relative_to(source)
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(folder, name), target / relative)
    return target


def python_files(corpus: Path) -> list[Path]:
    """The Python files english-guard checks in the corpus (its walk skips the same folders), so that
    `ast.parse` and the peers read what the check reads."""
    from english_guard.walk import ALWAYS_SKIPPED

    return sorted(path for path in corpus.rglob("*.py") if not ALWAYS_SKIPPED & set(path.relative_to(corpus).parts))


# CPU seconds (user + system) of the processes each run of the last `timed` measurement started: on a
# shared machine the wall time of a process grows with the load, its CPU time much less.
LAST_CPU: list[float] = []


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(function, runs: int) -> tuple[float, list[float], object]:
    times, result = [], None
    LAST_CPU.clear()
    for _ in range(runs):
        cpu, own = _children_cpu(), time.process_time()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
        children = _children_cpu() - cpu
        # A measurement that starts no process (ast.parse here) is this process's own CPU time.
        LAST_CPU.append(children if children else time.process_time() - own)
    return statistics.median(times), times, result


def parse_all_ast(files: list[Path]) -> int:
    parsed = 0
    for path in files:
        try:
            ast.parse(path.read_bytes(), filename=str(path))
            parsed += 1
        except (SyntaxError, ValueError):
            pass
    return parsed


def parse_all_libcst(files: list[Path]) -> int:
    import libcst

    parsed = 0
    for path in files:
        try:
            libcst.parse_module(path.read_bytes())
            parsed += 1
        except Exception:  # noqa: BLE001 - a file LibCST cannot parse is just not counted
            pass
    return parsed


# The console script's code, minus the current folder on sys.path (`python -m` would put it first, and
# the corpus, a copy of the standard library, would shadow the real one). A version older than
# `console_main` (a base of bench_cpu_ab.py or check_identical.py) runs its `main`, as its script did.
CLI_CODE = (
    "import sys; sys.path.remove('') if '' in sys.path else None; from english_guard import cli;"
    " sys.exit(getattr(cli, 'console_main', cli.main)())"
)


def snapshot_tool(target: Path) -> Path:
    """A copy of the english_guard package, so edits to the working tree during a run (the cache key
    includes the tool's own code) cannot disturb the measurement."""
    import english_guard

    shutil.copytree(
        Path(english_guard.__file__).parent,
        target / "english_guard",
        ignore=shutil.ignore_patterns("__pycache__", "*.building*"),
    )
    return target


SCREEN_CODE = """
import json, sys
from english_guard.checker import DecodeError, decode
from english_guard.screen import screen_python
counts = {"files": 0, "cleared": 0, "deferred": 0, "bytes": 0, "screened_bytes": 0}
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    try:
        screen = screen_python(decode(path, data, "python"))
    except DecodeError:
        continue
    counts["files"] += 1
    counts["bytes"] += len(data)
    counts["cleared"] += screen.clean
    counts["deferred"] += screen.deferred
    counts["screened_bytes"] += len(data) if screen.clean or screen.deferred else 0
print(json.dumps(counts))
"""


def screen_counts(files: list[Path], tool: Path | None) -> dict:
    """How many files (and how much of their text) the pre-parse screen clears, and how many of those it
    clears with deferred candidates, as the measured english-guard decides it."""
    env = dict(os.environ)
    if tool is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tool), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", SCREEN_CODE, *map(str, files)], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout)


def user_environment(**extra: str) -> dict[str, str]:
    """This process's environment as a user's shell would have it, plus `extra`. An installed tool has its byte
    code compiled, so the first run may write it where this shell forbids it (PYTHONDONTWRITEBYTECODE: otherwise
    every run compiles the package's ~50 modules from source, 1.4 G instructions on the standard library); no
    cache folder is set."""
    hidden = {"ENGLISH_GUARD_CACHE_DIR", "PYTHONDONTWRITEBYTECODE"}
    return {key: value for key, value in os.environ.items() if key not in hidden} | extra


class Checker:
    """`english-guard check` in new processes, as a user, CI or pre-commit runs it."""

    def __init__(self, cwd: Path, jobs: int | None, tool: Path | None = None) -> None:
        self.cwd = cwd
        self.jobs = jobs
        self.env = user_environment()
        if tool is not None:
            self.env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tool), os.environ.get("PYTHONPATH")]))

    def run(self, *args: str, cache_dir: Path | None = None, env_extra: dict | None = None) -> dict:
        env = dict(self.env, **(env_extra or {}))
        if cache_dir is not None:
            env["ENGLISH_GUARD_CACHE_DIR"] = str(cache_dir)
        jobs = ["--jobs", str(self.jobs)] if self.jobs else []
        command = [sys.executable, "-c", CLI_CODE, "check", "--format", "json", *jobs, *args]
        completed = subprocess.run(command, cwd=self.cwd, env=env, capture_output=True, text=True, check=False)
        if completed.returncode not in (0, 1, 2) or not completed.stdout.startswith("{"):
            raise SystemExit(f"english-guard failed ({completed.returncode}): {completed.stderr[-2000:]}")
        return json.loads(completed.stdout)


def find_tool(name: str) -> str | None:
    """A peer's executable: beside this interpreter (a venv) or on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


# A child inherits its parent's peak resident memory: Linux keeps the high-water mark of the memory it had
# before `exec` (a fork's copy of this benchmark, which holds every parsed tree by now). So each command's
# peak is read by a small go-between that starts it: GNU time when installed, else a bare interpreter.
_GNU_TIME = "/usr/bin/time"
_SPAWN_AND_REPORT = (
    "import os, sys\n"
    "pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)\n"
    "status, usage = os.wait4(pid, 0)[1:]\n"
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status) & 255)\n"
)


@functools.cache
def _gnu_time_works() -> bool:
    if not os.access(_GNU_TIME, os.X_OK):
        return False
    with tempfile.NamedTemporaryFile(suffix=".peak") as report:
        completed = subprocess.run([_GNU_TIME, "-f", "%M", "-o", report.name, "true"], capture_output=True, check=False)
        return completed.returncode == 0 and Path(report.name).read_text(encoding="utf-8").strip().isdigit()


def run_peak(command: list[str], cwd: Path) -> tuple[float, int, float]:
    """Wall time, peak resident memory (KiB, the largest process of the command's own process tree) and CPU
    seconds of one command. The bare interpreter go-between puts a floor of about 8 MiB under the peak."""
    with tempfile.NamedTemporaryFile(suffix=".peak") as report:
        if _gnu_time_works():
            wrapped = [_GNU_TIME, "-f", "%M", "-o", report.name, *command]
        else:
            wrapped = [sys.executable, "-S", "-c", _SPAWN_AND_REPORT, report.name, *command]
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _pid, _status, usage = os.wait4(process.pid, 0)
        process.returncode = 0
        seconds = time.perf_counter() - start
        # GNU time may append a line about a non-zero exit status: the peak is the last line.
        peak = int(Path(report.name).read_text(encoding="utf-8").split()[-1])
    return seconds, peak, usage.ru_utime + usage.ru_stime


def peer_commands(corpus: Path, files: list[Path], scratch: Path) -> dict[str, list[str]]:
    """The installed peers, each asked to read the Python files of the corpus."""
    commands: dict[str, list[str]] = {}
    relative = [str(path.relative_to(corpus)) for path in files]
    ruff = find_tool("ruff")
    if ruff:
        ruff_check = [ruff, "check", "--no-fix", "--isolated", "--select", "RUF001,RUF002,RUF003,PLC2401,PLC2403"]
        report = ["--exit-zero", "-q", "."]
        commands["ruff (non-ASCII rules), no cache"] = [*ruff_check, "--no-cache", *report]
        commands["ruff (non-ASCII rules), cached"] = [*ruff_check, "--cache-dir", str(scratch / "ruff-cache"), *report]
    typos = find_tool("typos")
    if typos:
        config = scratch / "typos.toml"
        config.write_text("[default]\ncheck-file = false\n[type.py]\ncheck-file = true\n", encoding="utf-8")
        commands["typos (Python files)"] = [typos, "--config", str(config), "--format", "brief", "."]
    codespell = find_tool("codespell")
    if codespell:
        commands["codespell (Python files)"] = [codespell, *relative]
    return commands


def _cpu_ratio(rows: dict, name: str) -> float | None:
    """CPU seconds of a row against `ast.parse`'s, when both were measured."""
    cpu, parse_cpu = rows.get(name, {}).get("cpu_seconds"), rows["ast.parse, 1 process"]["cpu_seconds"]
    return round(cpu / parse_cpu, 2) if cpu and parse_cpu else None


def measure(
    corpus: Path,
    runs: int,
    skip_libcst: bool,
    jobs: int | None,
    tool: Path | None = None,
    peers: bool = True,
    string_roles: bool = False,
) -> dict:
    files = python_files(corpus)
    count = len(files)
    rows: dict[str, dict] = {}

    def row(name: str, median: float, times: list[float], files_checked: int, note: str = "") -> None:
        rows[name] = {
            "seconds": round(median, 4),
            "cpu_seconds": round(statistics.median(LAST_CPU), 4) if any(LAST_CPU) else None,
            "runs": [round(t, 4) for t in times],
            "files": files_checked,
            "files_per_second": round(files_checked / median, 1) if median else None,
            "note": note,
        }

    median, times, parsed = timed(lambda: parse_all_ast(files), runs)
    row("ast.parse, 1 process", median, times, parsed)
    if not skip_libcst:
        median, times, parsed = timed(lambda: parse_all_libcst(files), max(1, min(runs, 2)))
        row("libcst.parse_module, 1 process", median, times, parsed)

    checker = Checker(corpus, jobs, tool)
    checker.run("--no-cache", str(files[0].relative_to(corpus)))  # warm-up: byte code written, disk cache warm
    median, times, report = timed(lambda: checker.run("--no-cache"), runs)
    row(
        "check --no-cache (cold process)",
        median,
        times,
        report["summary"]["files"],
        f"{report['summary']['findings']} findings, {report['summary']['errors']} errors",
    )
    if jobs != 1:
        single = Checker(corpus, 1, tool)
        median, times, alone = timed(lambda: single.run("--no-cache"), runs)
        if alone != report:
            raise SystemExit("--jobs 1 reported something else than the default --jobs")
        row("check --no-cache --jobs 1 (cold process)", median, times, alone["summary"]["files"])
    # The pre-parse screen must be exact: every file parsed gives the very same report.
    unscreened = {"ENGLISH_GUARD_SCREEN": "off"}
    median, times, parsed_all = timed(lambda: checker.run("--no-cache", env_extra=unscreened), runs)
    if parsed_all != report:
        raise SystemExit("the check without the pre-parse screen reported something else than with it")
    row("check --no-cache, every file parsed (no screen)", median, times, parsed_all["summary"]["files"])
    if string_roles:
        off = {"ENGLISH_GUARD_STRING_ROLES": "off"}
        median, times, without = timed(lambda: checker.run("--no-cache", env_extra=off), runs)
        row(
            "check --no-cache, string literals not judged (cold process)",
            median,
            times,
            without["summary"]["files"],
            f"{without['summary']['findings']} findings",
        )

    with tempfile.TemporaryDirectory(prefix="eg-bench-cache-") as cache:
        cache_dir = Path(cache)
        filled = checker.run(cache_dir=cache_dir)
        folders = sorted(cache_dir.iterdir())
        median, times, warm = timed(lambda: checker.run(cache_dir=cache_dir), runs)
        if warm != filled:
            raise SystemExit("the cached run reported something else than the run that filled the cache")
        if sorted(cache_dir.iterdir()) != folders:
            raise SystemExit("the cache was invalidated during the measurement (did the tool's code change?)")
        row("check, cached re-run", median, times, warm["summary"]["files"])

        # Pre-commit: 5 changed files (new content each run, so the cache misses them), named explicitly.
        changed = sorted(files, key=lambda p: p.stat().st_size)[count // 2 : count // 2 + 5]
        originals = {path: path.read_bytes() for path in changed}
        counter = iter(range(10**6))

        def precommit() -> dict:
            mark = next(counter)
            for path, data in originals.items():
                path.write_bytes(data + f"\n# Local change number {mark}.\n".encode())
            return checker.run("--force-exclude", *(str(p.relative_to(corpus)) for p in changed), cache_dir=cache_dir)

        try:
            median, times, report = timed(precommit, runs)
        finally:
            for path, data in originals.items():
                path.write_bytes(data)
        sizes = sum(len(data) for data in originals.values())
        row(
            "pre-commit: 5 changed files (cold process)",
            median,
            times,
            report["summary"]["files"],
            f"{sizes // 1024} KiB in total",
        )

    with tempfile.TemporaryDirectory(prefix="eg-bench-small-") as small:
        Path(small, "small.py").write_text(SMALL_FILE, encoding="utf-8")
        median, times, report = timed(lambda: Checker(Path(small), jobs, tool).run("--no-cache", "small.py"), runs)
        row("one small file (cold process)", median, times, report["summary"]["files"])

    median, times, _ = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)
    row("python -c pass (interpreter start-up)", median, times, 0)

    # Peak memory of the cold check (the largest process: the main one or a worker).
    _seconds, peak, _cpu = run_peak(
        [
            sys.executable,
            "-c",
            CLI_CODE,
            "check",
            "--no-cache",
            "--exit-zero",
            "-q",
            "-o",
            os.devnull,
            *(["--jobs", str(jobs)] if jobs else []),
        ],
        corpus,
    )
    rows["check --no-cache (cold process)"]["peak_rss_mib"] = round(peak / 1024, 1)

    if peers:
        with tempfile.TemporaryDirectory(prefix="eg-bench-peers-") as scratch:
            for name, command in peer_commands(corpus, files, Path(scratch)).items():
                if "cached" in name:
                    run_peak(command, corpus)  # fills the peer's cache
                measured = [run_peak(command, corpus) for _ in range(runs)]
                LAST_CPU[:] = [m[2] for m in measured]
                median, times = statistics.median(m[0] for m in measured), [m[0] for m in measured]
                row(name, median, times, count)
                rows[name]["peak_rss_mib"] = round(max(m[1] for m in measured) / 1024, 1)

    cold = rows["check --no-cache (cold process)"]["seconds"]
    unjudged = rows.get("check --no-cache, string literals not judged (cold process)")
    ratios = {
        "cold check / ast.parse": round(cold / rows["ast.parse, 1 process"]["seconds"], 2),
        "cold check --jobs 1 / ast.parse": round(
            rows.get("check --no-cache --jobs 1 (cold process)", rows["check --no-cache (cold process)"])["seconds"]
            / rows["ast.parse, 1 process"]["seconds"],
            2,
        ),
        "cached / cold": round(rows["check, cached re-run"]["seconds"] / cold, 4),
        # The same two ratios in CPU seconds, which a shared machine's load disturbs much less than wall time.
        "cold check CPU / ast.parse CPU": _cpu_ratio(rows, "check --no-cache (cold process)"),
        "cold check --jobs 1 CPU / ast.parse CPU": _cpu_ratio(rows, "check --no-cache --jobs 1 (cold process)"),
        "cold check / cold check without the screen": round(
            cold / rows["check --no-cache, every file parsed (no screen)"]["seconds"], 2
        ),
    }
    ratios = {name: value for name, value in ratios.items() if value is not None}
    for name in rows:
        if name.startswith(("ruff", "typos", "codespell")) and "cached" not in name:
            ratios[f"cold check / {name}"] = round(cold / rows[name]["seconds"], 2)
    if "libcst.parse_module, 1 process" in rows:
        ratios["cold check / libcst.parse_module"] = round(cold / rows["libcst.parse_module, 1 process"]["seconds"], 2)
    if unjudged:
        ratios["string roles' share of the cold check"] = round(1 - unjudged["seconds"] / cold, 3)
        cold_cpu = rows["check --no-cache (cold process)"]["cpu_seconds"]
        if cold_cpu and unjudged["cpu_seconds"]:
            # On a shared machine the wall times of two runs differ by more than the share itself (it came out
            # negative); CPU seconds grow much less with the load.
            ratios["string roles' share of the cold check (CPU seconds)"] = round(
                1 - unjudged["cpu_seconds"] / cold_cpu, 3
            )
    targets = {
        "cached re-run under 10% of the cold run": ratios["cached / cold"] < 0.10,
        "pre-commit on 5 files under 0.3 s": rows["pre-commit: 5 changed files (cold process)"]["seconds"] < 0.3,
        "cached re-run under 0.3 s": rows["check, cached re-run"]["seconds"] < 0.3,
        "cold check at most 1.0x ast.parse": ratios["cold check / ast.parse"] <= 1.0,
        "cold peak RSS under 150 MiB": rows["check --no-cache (cold process)"]["peak_rss_mib"] < 150,
    }
    if "codespell (Python files)" in rows:
        targets["cold check at most codespell's time"] = cold <= rows["codespell (Python files)"]["seconds"]
    if "typos (Python files)" in rows:
        targets["cold check at most typos' time (goal)"] = cold <= rows["typos (Python files)"]["seconds"]
    return {
        "screen": screen_counts(files, tool),
        "corpus": str(corpus),
        "python_files": count,
        "cpus": os.cpu_count(),
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "jobs": jobs or "default",
        "python": sys.version.split()[0],
        "runs": runs,
        "rows": rows,
        "ratios": ratios,
        "targets": targets,
    }


def print_table(result: dict) -> None:
    print(
        f"corpus: {result['python_files']} Python files ({result['corpus']}); {result['cpus']} CPUs; "
        f"--jobs {result['jobs']}; Python {result['python']}; median of {result['runs']} runs; "
        f"load average {' '.join(str(v) for v in result.get('load_average', []))}"
    )
    print(f"{'measurement':46} {'median s':>9} {'CPU s':>7} {'files':>6} {'files/s':>9}  runs / note")
    for name, row in result["rows"].items():
        rate = f"{row['files_per_second']:.0f}" if row["files_per_second"] and row["files"] else "-"
        runs = " ".join(f"{t:.3f}" for t in row["runs"])
        note = f"  ({row['note']})" if row["note"] else ""
        peak = f"  peak {row['peak_rss_mib']} MiB" if "peak_rss_mib" in row else ""
        cpu = f"{row['cpu_seconds']:7.3f}" if row.get("cpu_seconds") else f"{'-':>7}"
        print(f"{name:46} {row['seconds']:9.3f} {cpu} {row['files']:6d} {rate:>9}  {runs}{note}{peak}")
    print(screen_line(result))
    for name, value in result["ratios"].items():
        print(f"{name:46} {value:9.4g}")
    for name, met in result["targets"].items():
        print(f"target: {name:38} {'met' if met else 'NOT met'}")


def screen_line(result: dict) -> str:
    screen = result.get("screen")
    if not screen or not screen["files"]:
        return "pre-parse screen: no Python files"
    screened = screen["cleared"] + screen["deferred"]
    return (
        f"pre-parse screen: {screened} of {screen['files']} files ({screened / screen['files']:.0%}; "
        f"{screen['screened_bytes'] / max(1, screen['bytes']):.0%} of the bytes) skip `ast` and the segments: "
        f"{screen['cleared']} with nothing to report, {screen['deferred']} with deferred candidates."
    )


def markdown_table(result: dict) -> str:
    lines = [
        f"# english-guard check: {result['corpus']}",
        "",
        f"{result['python_files']} Python files; {result['cpus']} cores; --jobs {result['jobs']}; "
        f"Python {result['python']}; median of {result['runs']} runs; "
        f"measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"load average at the end {' '.join(str(v) for v in result.get('load_average', []))}.",
        "The machine may be shared: read the ratios (measured in the same run) before the seconds.",
        "",
        "| measurement | median s | CPU s | files/s | peak RSS MiB | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, row in result["rows"].items():
        rate = f"{row['files_per_second']:,.0f}" if row["files_per_second"] and row["files"] else ""
        peak = row.get("peak_rss_mib", "")
        cpu = f"{row['cpu_seconds']:.3f}" if row.get("cpu_seconds") else ""
        lines.append(f"| {name} | {row['seconds']:.3f} | {cpu} | {rate} | {peak} | {row['note']} |")
    lines += ["", screen_line(result)]
    lines += ["", "| ratio | value |", "|---|---:|"]
    lines += [f"| {name} | {value:.4g} |" for name, value in result["ratios"].items()]
    lines += ["", "| target | met |", "|---|---|"]
    lines += [f"| {name} | {'yes' if met else 'no'} |" for name, met in result["targets"].items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="a folder to check (default: a copy of the standard library)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is reported)")
    parser.add_argument("--skip-libcst", action="store_true", help="skip the (slow) LibCST parse measurement")
    parser.add_argument("--jobs", type=int, help="pass --jobs N to english-guard (default: its own default)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument(
        "--markdown",
        type=Path,
        metavar="DIR",
        help="also save the table as Markdown in this folder (e.g. benchmarks/results)",
    )
    parser.add_argument("--no-peers", action="store_true", help="do not run ruff, typos and codespell")
    parser.add_argument(
        "--string-roles",
        action="store_true",
        help="also time a cold check that follows no string flow and judges no string literal "
        "(ENGLISH_GUARD_STRING_ROLES=off): the share of the cold check that strings cost (in turns and in CPU "
        "seconds: benchmarks/bench_string_share.py)",
    )
    parser.add_argument(
        "--no-snapshot",
        action="store_true",
        help="run the installed english_guard instead of a copy of it taken at the start",
    )
    args = parser.parse_args(argv)
    with (
        tempfile.TemporaryDirectory(prefix="eg-bench-corpus-") as temporary,
        tempfile.TemporaryDirectory(prefix="eg-bench-tool-") as tool_folder,
    ):
        corpus = Path(temporary)
        if args.corpus:
            shutil.copytree(args.corpus, corpus, dirs_exist_ok=True, symlinks=True)
        else:
            copy_stdlib(corpus)
        tool = None if args.no_snapshot else snapshot_tool(Path(tool_folder))
        result = measure(
            corpus,
            max(1, args.runs),
            args.skip_libcst,
            args.jobs,
            tool,
            peers=not args.no_peers,
            string_roles=args.string_roles,
        )
    result["corpus"] = str(args.corpus) if args.corpus else "standard library copy"
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M", time.gmtime())
        name = f"{args.corpus.name if args.corpus else 'stdlib'}-{os.cpu_count()}cores-{stamp}.md"
        (args.markdown / name).write_text(markdown_table(result), encoding="utf-8")
        print(f"saved {args.markdown / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
