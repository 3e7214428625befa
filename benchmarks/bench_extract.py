"""Measure `english-guard extract` on a generated bot project.

    /work/venv/bin/python benchmarks/bench_extract.py [--files 200] [--plain 3]

The project is the extract_bot fixture with its handlers copied into many modules (every copy
numbers its messages, so each module adds new msgids), plus `--plain` ordinary modules per
handler module that show nothing to users (copies of the bot's fake aiogram classes), as most
modules of a real project are. Three runs are timed in one process:
1. first run: scan, judge, everything goes to the review file (no engine), nothing rewritten;
2. after the review file is answered: rewrite every module, Babel template, .po, .mo;
3. a second run that finds nothing to do (the idempotence path a pre-commit hook would take).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "extract_bot"
LITERAL_END = re.compile(r'(message\.answer\(f?")|(send_message\(admin_id, f")|(callback\.answer\(")|(text=")')


def build_project(target: Path, files: int, plain: int = 0) -> None:
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns("answers", "checks", "__pycache__"))
    handlers = (FIXTURE / "bot" / "handlers.py").read_text(encoding="utf-8")
    ordinary = (FIXTURE / "bot" / "fakes.py").read_text(encoding="utf-8")
    for number in range(files * plain):
        (target / "bot" / f"plain_{number}.py").write_text(ordinary, encoding="utf-8")
    for number in range(files):
        # "#N " at the start of every message makes each module's messages new msgids.
        numbered = LITERAL_END.sub(lambda m, number=number: m.group(0) + f"#{number} ", handlers)
        (target / "bot" / f"handlers_{number}.py").write_text(numbered, encoding="utf-8")


def answer_review(path: Path) -> int:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    count = 0
    for message in catalog:
        if not message.id:
            continue
        original = message.id[0] if isinstance(message.id, tuple) else message.id
        english = f"English for message {count}: " + " ".join(re.findall(r"\{[^{}]*\}|%[sd]", original))
        message.string = (english, english + " (many)") if message.pluralizable else english
        count += 1
    with path.open("wb") as handle:
        write_po(handle, catalog)
    return count


def timed(label: str, function):
    start = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - start
    print(f"{label}: {elapsed:.2f} s")
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--plain", type=int, default=3)
    args = parser.parse_args()

    from english_guard.config import load_config
    from english_guard.fixes.extract import STATE, extract_settings, plan_extract
    from english_guard.fixes.runner import apply_changes
    from english_guard.fixes.verify import VerifyOptions

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "bot"
        build_project(project, args.files, args.plain)
        lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in (project / "bot").glob("*.py"))
        config = load_config(None, start=project)
        paths = [str(project / "bot")]
        settings = extract_settings(paths, config, engine="none")
        root = Path(config.root)
        modules = len(list((project / "bot").glob("*.py")))
        print(f"project: {modules} modules ({args.files} with messages), {lines} lines")

        def run():
            plan = plan_extract(paths, settings)
            # as `english-guard extract --test-command none` writes: verified (imports, names), all files or none
            apply_changes(root, plan.file_changes(root), state=STATE, verify=VerifyOptions(test_command="none"))
            return plan

        plan, first = timed("1. first run (all messages to review)", run)
        pending = len(plan.pending)
        answered = answer_review(settings.review_file)
        plan, second = timed("2. apply the answered review file (rewrite, .pot, .po, .mo)", run)
        print(
            f"   {plan.applied} occurrences wrapped, {answered} distinct messages, "
            f"{plan.applied / second:.0f} occurrences/s, {lines / second:.0f} lines/s"
        )
        plan, third = timed("3. second run, nothing to do", run)
        assert not plan.changed, "the second run planned changes"
        print(f"   {lines / third:.0f} lines/s; pending after run 1: {pending}")


if __name__ == "__main__":
    sys.exit(main())
