"""Throughput of the text readers (YAML/Helm, Dockerfile, shell, TOML, INI, .env, Markdown, reST).

Each reader reads its fixture files from tests/fixtures/ repeated to about SIZE_MB megabytes, so the
numbers are for realistic content; then an adversarial input of the same size (unclosed quotes,
backtick runs, `{{` without `}}`) shows that the time stays linear. Also prints the cost of importing
all readers in a fresh interpreter (the pre-commit hook pays it on every run).

    python benchmarks/bench_text_readers.py [SIZE_MB]
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from english_guard.config import Config  # noqa: E402
from english_guard.sources.registry import load_reader  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = {
    "yaml": sorted((FIXTURES / "helm_chart").rglob("*.yaml")) + sorted((FIXTURES / "helm_chart").rglob("*.tpl")),
    "helm_notes": [FIXTURES / "helm_chart" / "templates" / "NOTES.txt"],
    "dockerfile": [FIXTURES / "text_files" / "Dockerfile"],
    "shell": [FIXTURES / "text_files" / "deploy.sh"],
    "toml": [FIXTURES / "text_files" / "config.toml"],
    "ini": [FIXTURES / "text_files" / "setup.cfg"],
    "dotenv": [FIXTURES / "text_files" / ".env.sample"],
    "markdown": [FIXTURES / "text_files" / "guide.md"],
    "rst": [FIXTURES / "text_files" / "guide.rst"],
}
ADVERSARIAL = {
    "yaml": 'k: {{ "unclosed\n{{/* x\n',
    "helm_notes": "{{ x\n{{/* y\n",
    "dockerfile": 'LABEL description="x \\\n',
    "shell": "echo \"$'${ <<EOF\n",
    "toml": "a = '''\"\"\"\\",
    "ini": "description = x\n  ",
    "dotenv": 'A="\\\\',
    "markdown": "`a ``b [x]( <div>\n",
    "rst": "``a .. ::\n",
}


def measure(reader: str, text: str) -> tuple[float, int]:
    read = load_reader(reader)
    best = float("inf")
    count = 0
    for _ in range(3):
        start = time.perf_counter()
        count = len(read("bench", text, Config()))
        best = min(best, time.perf_counter() - start)
    return best, count


def main() -> None:
    size = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    target = int(size * 1_000_000)
    print(f"{'reader':<11} {'MB':>5} {'segments':>9} {'s':>7} {'MB/s':>7} | adversarial {'s':>7} {'MB/s':>7}")
    for reader, paths in SOURCES.items():
        sample = "\n".join(p.read_text(encoding="utf-8") for p in paths) + "\n"
        text = sample * (target // len(sample) + 1)
        seconds, count = measure(reader, text)
        bad = ADVERSARIAL[reader] * (target // len(ADVERSARIAL[reader]) + 1)
        bad_seconds, _ = measure(reader, bad)
        mb = len(text) / 1e6
        print(
            f"{reader:<11} {mb:5.1f} {count:9d} {seconds:7.3f} {mb / seconds:7.1f} | "
            f"{'':11} {bad_seconds:7.3f} {len(bad) / 1e6 / bad_seconds:7.1f}"
        )
    modules = ", ".join(
        f"english_guard.sources.text.{m}"
        for m in ("yaml_helm", "helm_notes", "dockerfile", "shell", "ini_toml", "markdown", "rst")
    )
    # What the readers add on top of what every check imports anyway (re, the config and the records).
    code = (
        "import re, english_guard.config, english_guard.records, time; t = time.perf_counter(); "
        f"import {modules}; print(time.perf_counter() - t)"
    )
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout)
        for _ in range(5)
    ]
    print(
        "import of all text readers in a fresh interpreter (on top of the config): "
        f"{min(runs) * 1000:.1f} ms (best of 5)"
    )


if __name__ == "__main__":
    main()
