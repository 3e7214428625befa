"""Where a tree's bytes are, by what the check needs to read in each Python file: the ceiling of any reader
that settles files without `ast` (issue 15).

Every Python file of the tree falls in one class (files and bytes per class):

- screened: the pre-parse screen clears it today (`english_guard.screen`): a syntax check only;
- settles: the full path finds nothing (no finding, candidate, close call, held string, unused directive or
  error) and every segment settles as English (`language.settled.settles`): a reader that found the
  segments without `ast` could settle it, if it also knew the file's profile weight;
- quiet: the full path finds nothing, but some segment takes a verdict (English in the end);
- candidates: the full path gives candidates (weak evidence the project step decides) and nothing else,
  and the project step reports nothing in the file: only a reader that bounds every candidate's leaning
  below what the project's profile needs could settle it;
- reported: the file has a finding after the project step, or a close call, a held string, an unused
  directive or an error.

The full path is taken for every file the screen does not clear, and the whole check once more for the
project step: this measures, it is not fast.

    python benchmarks/screen_reach.py /tmp/stdlibcopy [--markdown DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

CLASSES = ("screened", "settles", "quiet", "candidates", "reported")
# The facts of a result that say nothing beyond the file's own profile and what it sends.
_PLAIN_FACTS = frozenset({"languages", "flows"})


def _segments_settle(path: str, text: str, config, allowed: frozenset[str]) -> bool:
    from english_guard.language import settled
    from english_guard.sources.registry import load_reader
    from english_guard.sources.string_roles import judge_kind

    for segment in load_reader("python")(path, text, config):
        kind = judge_kind(segment.symbol, segment.text) if segment.kind == "string" else segment.kind
        if not settled.settles(segment.text, kind, allowed):
            return False
    return True


def file_class(path: str, config, allowed: frozenset[str], reported: set[str]) -> str:
    """The class of one Python file (see the module's docstring); `reported` holds the paths with a finding
    after the project step."""
    from english_guard import screen
    from english_guard.checker import DecodeError, check_source, decode

    data = Path(path).read_bytes()
    try:
        text = decode(path, data, "python")
    except DecodeError:
        return "reported"  # an EG900 error
    cleared = screen.screen_python(text, allowed)
    if (cleared.clean or cleared.deferred) and screen.parses(text, path):
        return "screened"
    result = check_source(path, data, config, "python", parse=True)
    if path in reported or result.findings or result.error or result.unused_directives:
        return "reported"
    if set(result.facts) - _PLAIN_FACTS:
        return "reported"
    if result.candidates:
        return "candidates"
    return "settles" if _segments_settle(path, text, config, allowed) else "quiet"


def measure(root: str) -> tuple[Counter[str], Counter[str]]:
    """Files and bytes per class over the Python files the check reads in the tree."""
    from english_guard.checker import run_check
    from english_guard.config import load_config
    from english_guard.settings import settings_for

    config = load_config(start=root)
    allowed = settings_for(config).allowed
    run = run_check([root], config, jobs=1, use_cache=False)
    reported = {result.path for result in run.results if result.findings or result.error}
    paths = [result.path for result in run.results if result.path.endswith(".py")]
    files: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    for path in paths:
        kind = file_class(path, config, allowed, reported)
        files[kind] += 1
        sizes[kind] += os.path.getsize(path)
    return files, sizes


def table(root: str, files: Counter[str], sizes: Counter[str]) -> str:
    total_files, total_bytes = sum(files.values()), sum(sizes.values())
    lines = [
        f"Python files of `{root}` by what the check needs to read (benchmarks/screen_reach.py)",
        "",
        "| class | files | bytes | share of bytes |",
        "|---|---:|---:|---:|",
    ]
    for kind in CLASSES:
        share = 100 * sizes[kind] / total_bytes if total_bytes else 0.0
        lines.append(f"| {kind} | {files[kind]:,} | {sizes[kind]:,} | {share:.1f}% |")
    lines.append(f"| all | {total_files:,} | {total_bytes:,} | 100% |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", help="the tree to measure")
    parser.add_argument("--markdown", metavar="DIR", help="also save the table in DIR as Markdown")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.root):
        print(f"screen_reach: {args.root}: not a folder", file=sys.stderr)
        return 2
    files, sizes = measure(args.root)
    report = table(args.root, files, sizes)
    print(report, end="")
    if args.markdown:
        name = f"reach-{Path(args.root).name}-{time.strftime('%Y%m%d-%H%M', time.gmtime())}.md"
        target = Path(args.markdown) / name
        target.write_text(report, encoding="utf-8")
        print(f"saved {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
