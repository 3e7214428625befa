"""Benchmark of `english-guard check-message`: false alarms on real histories, findings, and speed.

Quality: for each repository (a git directory, e.g. a snapshot under /work/.mirror/OWNER+NAME/repo) every
commit reachable from HEAD is judged as `check-message --range HEAD` judges it (one `git log` call, the
commits of the run together as the project), and it prints the commits, the flagged commits, flagged per
1,000 commits and every flagged subject (for an English repository each one is a false alarm unless the
message really is in another language: read them). Repositories are given as `english:PATH` or
`other:PATH`; without arguments it uses pallets/click, pallets/flask and encode/httpx (English) and
MasterGroosha/advanced-telegram-bots, anvarnarz/python-darslar and PyAr/pyafipws from --mirror.

Speed: a synthetic repository of --commits commits (default 10,000; made with one `git fast-import`, in a
temporary folder) whose messages mix Conventional Commits subjects, bodies, trailers, merges, reverts and
a share of Uzbek and Russian ones, all distinct; it times `english-guard check-message --range` as a new
process (the median of --runs runs), and the in-process read + judge.

    python benchmarks/bench_commit_messages.py [english:GITDIR ...] [other:GITDIR ...] [--mirror DIR]
           [--commits 10000] [--runs 3] [--skip-speed] [--skip-quality] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_MIRROR = "/work/.mirror"
DEFAULT_REPOS = (
    ("english", "pallets+click"),
    ("english", "pallets+flask"),
    ("english", "encode+httpx"),
    ("other", "MasterGroosha+advanced-telegram-bots"),
    ("other", "anvarnarz+python-darslar"),
    ("other", "PyAr+pyafipws"),
)


def git_dir(path: Path) -> Path:
    """A snapshot folder, its `repo` git directory, or a work tree's `.git`."""
    for candidate in (path / "repo" / ".git", path / "repo", path / ".git", path):
        if (candidate / "HEAD").is_file():
            return candidate
    raise SystemExit(f"{path}: not a git directory")


def judge_history(repository: Path) -> dict:
    from english_guard.message_sources import read_range
    from english_guard.messages import judge_messages

    started = time.perf_counter()
    messages = read_range("HEAD", cwd=str(repository))
    read = time.perf_counter() - started
    results = judge_messages(messages, frozenset(), 0.5)
    elapsed = time.perf_counter() - started
    subjects = {}
    for message in messages:
        first = next((segment for segment, _text in message.parts if segment.line == 1), None)
        subjects[message.path] = first.text if first else ""
    flagged = [
        (r.path, sorted({f.language for f in r.findings}), [f.text for f in r.findings]) for r in results if r.findings
    ]
    return {
        "commits": len(messages),
        "flagged": len(flagged),
        "per_1000": round(1000 * len(flagged) / max(1, len(messages)), 2),
        "seconds": round(elapsed, 2),
        "git_log_seconds": round(read, 2),
        "flagged_commits": [{"sha": sha, "languages": langs, "texts": texts} for sha, langs, texts in flagged],
    }


ENGLISH_SUBJECTS = [
    "feat({scope}): add {thing} to the {place}",
    "fix({scope}): handle empty {thing} in {place}",
    "refactor: split {place} into smaller modules",
    "chore(deps): bump {thing} from 1.{n}.0 to 1.{m}.0",
    "docs: document the {thing} settings",
    "test: cover {thing} edge cases (#{n})",
    "perf: cache {thing} lookups",
    "Merge pull request #{n} from dev/{scope}-{m}",
    'Revert "fix({scope}): retry {thing} on timeout"',
    "ci: run the {scope} tests on Python 3.{m}",
    "Update {thing}.py",
    "Fix typo in {place}",
]
OTHER_SUBJECTS = [
    "{scope}: {thing} uchun yangi tugma qoʻshildi",
    "Исправлена ошибка в {thing} ({n})",
    "feat: to'lov tizimi {thing} bilan ulandi",
    "Добавлены тесты для {thing}",
]
SCOPES = ["bot", "api", "db", "admin", "payments", "i18n", "auth", "cli", "webhook", "worker"]
THINGS = ["keyboard", "invoice", "user list", "token", "webhook", "cache", "scheduler", "report", "locale", "retry"]
PLACES = ["the handlers", "the admin panel", "the settings", "the router", "the checkout", "the README"]
BODIES = [
    "",
    "The old code path ignored {thing}; it now goes through {place}.\n\n- keeps `{scope}_{n}` stable\n- adds a test\n",
    "Closes #{n}\n\nSigned-off-by: Dev {m} <dev{m}@example.com>\n",
    "```\n$ make test-{scope}\n```\n\nCo-authored-by: Olim {n} <olim@example.com>\n",
]


def synthetic_messages(count: int, seed: int = 17) -> list[str]:
    generator = random.Random(seed)
    messages = []
    for index in range(count):
        values = {
            "scope": generator.choice(SCOPES),
            "thing": generator.choice(THINGS),
            "place": generator.choice(PLACES),
            "n": index,
            "m": generator.randint(1, 99),
        }
        template = generator.choice(OTHER_SUBJECTS if generator.random() < 0.1 else ENGLISH_SUBJECTS)
        body = generator.choice(BODIES).format(**values)
        messages.append(template.format(**values) + ("\n\n" + body if body else "\n"))
    return messages


def make_repository(folder: Path, messages: list[str]) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    stream = []
    for index, message in enumerate(messages):
        data = message.encode("utf-8")
        stream.append(b"commit refs/heads/main\nmark :%d\n" % (index + 1))
        stream.append(b"committer Dev <dev@example.com> %d +0000\n" % (1_700_000_000 + index))
        stream.append(b"data %d\n%s\n" % (len(data), data))
        if index:
            stream.append(b"from :%d\n" % index)
        stream.append(b"\n")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=folder, input=b"".join(stream), check=True)


def measure_speed(commits: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="eg-commits-") as temporary:
        repository = Path(temporary) / "repo"
        make_repository(repository, synthetic_messages(commits))
        command = [
            sys.executable,
            "-m",
            "english_guard",
            "check-message",
            "--range",
            "main",
            "--format",
            "json",
            "--exit-zero",
        ]
        subprocess.run(command, cwd=repository, capture_output=True, check=True)  # byte code, lexicon cache
        times = []
        report = {}
        for _run in range(runs):
            started = time.perf_counter()
            completed = subprocess.run(command, cwd=repository, capture_output=True, check=True)
            times.append(time.perf_counter() - started)
            report = json.loads(completed.stdout)
        from english_guard.message_sources import read_range
        from english_guard.messages import judge_messages

        started = time.perf_counter()
        judge_messages(read_range("main", cwd=str(repository)), frozenset(), 0.5)
        in_process = time.perf_counter() - started
    return {
        "commits": commits,
        "process_seconds_median": round(statistics.median(times), 2),
        "process_seconds": [round(t, 2) for t in times],
        "in_process_seconds": round(in_process, 2),
        "messages_flagged": len({f["path"] for f in report.get("findings", [])}),
        "commits_per_second": round(commits / statistics.median(times)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repos", nargs="*", help="english:GITDIR or other:GITDIR")
    parser.add_argument("--mirror", default=DEFAULT_MIRROR)
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--json", dest="json_file")
    args = parser.parse_args()
    repos = [tuple(item.split(":", 1)) for item in args.repos] or [
        (kind, str(Path(args.mirror) / name)) for kind, name in DEFAULT_REPOS
    ]
    out: dict = {"repositories": {}}
    if not args.skip_quality:
        english_commits = english_flagged = 0
        for kind, path in repos:
            if not Path(path).exists():
                print(f"{path}: missing, skipped", file=sys.stderr)
                continue
            result = judge_history(git_dir(Path(path)))
            result["kind"] = kind
            out["repositories"][Path(path).name] = result
            print(
                f"{Path(path).name} ({kind}): {result['commits']} commits, {result['flagged']} flagged "
                f"({result['per_1000']} per 1,000), {result['seconds']} s"
            )
            for item in result["flagged_commits"]:
                print(f"    {item['sha']} {','.join(item['languages'])}: {' | '.join(t[:90] for t in item['texts'])}")
            if kind == "english":
                english_commits += result["commits"]
                english_flagged += result["flagged"]
        if english_commits:
            out["english_flagged_per_1000"] = round(1000 * english_flagged / english_commits, 2)
            print(
                f"English repositories: {english_flagged} flagged of {english_commits} commits "
                f"({out['english_flagged_per_1000']} per 1,000; each is a false alarm unless the message is "
                "really not English)"
            )
    if not args.skip_speed:
        out["speed"] = measure_speed(args.commits, args.runs)
        speed = out["speed"]
        print(
            f"speed: {speed['commits']} commits in {speed['process_seconds_median']} s as a new process "
            f"(median of {args.runs}; {speed['commits_per_second']} commits/s), {speed['in_process_seconds']} s "
            f"read + judge in process; {speed['messages_flagged']} messages flagged"
        )
    if args.json_file:
        Path(args.json_file).write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
