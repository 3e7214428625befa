#!/usr/bin/env python3
"""String precision and recall on real bots by sampling (issue 11, acceptance 3).

usage:
    python sample.py draw TREES_DIR [--repos heldout.tsv] [--split heldout|heldout2|...|heldout5]
                     [--per-repo 100] [--seed 2026] [--out sample.tsv]
    python sample.py score TREES_DIR [--labels labels.json] [--cmd "english-guard check --format json --no-cache"]

Five held-out sets: `heldout` (session 11, labels.json), `heldout2` (session 12, labels-heldout2.json),
`heldout3` (session 13, labels-heldout3.json), `heldout4` (session 14, labels-heldout4.json) and `heldout5`
(session 15, labels-heldout5.json), each the rows of heldout.tsv with that split.

TREES_DIR holds one tree per repository, named OWNER+NAME (lay them out from the snapshots with
`MIRROR=... python ../realworld/extract.py TREES_DIR --repos heldout.tsv`).

`draw` lists every string literal of every .py file with the standard library's `ast` (never with
english-guard, so the sample does not depend on what any version of the tool flags): each str constant
and each f-string that is not a docstring and has more than 3 letters (an f-string's placeholders do
not count). From each repository it draws `--per-repo` literals with random.Random("SEED:repo") from
the literals sorted by (path, line, column), so the sample is reproducible from the trees alone. The
TSV it writes holds third-party text: a local working file, never committed.

A person reads each sampled literal and gives it one label (labels.json keeps the position, the
text's SHA-1 and the label, never the text):

  foreign   prose in a language other than English: a message, a button label, a log line
  key       a non-English name inside a string (a dict key, a field or state name); the policy
            reports it (EG402), so flagging it is right, but it is not prose
  name      only a proper name (a surah, a person, a place, a product): no finding is expected
  table-name
            a proper name in a table the bot keeps in two languages (`{"uz": [...], "ru": [...]}`):
            translated UI text under the README's names policy, so an EG401 is right, but it is
            no prose (the 15 region names of AntiKor's picker, relabelled from `name` when the
            policy was written, 2026-12-06; and a language picker's own language names, AntiKor's
            `🇺🇿Ўзбекча`, `🇷🇺Русский` and Inbooks' `🇷🇺 Русский язык`, relabelled from `foreign` to `name`
            when the README said they are names, session 13)
  data      callback ids, codes, URLs, paths, SQL, numbers with units...: no finding is expected
  english   English text, or text with no language (emoji, punctuation, commands)

`score` runs the check on every tree and counts, over the labelled literals, which ones got an
EG401, EG402 or EG403 finding: recall of `foreign`, and precision as the share of flagged literals
labelled `foreign` (and, separately, `foreign` or `key`, and `foreign`, `key` or `table-name`: the
reading of the written policy).
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import json
import random
import shlex
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STRING_CODES = ("EG401", "EG402", "EG403")
LABELS = ("foreign", "key", "name", "table-name", "data", "english")
SKIPPED_PARTS = {".git", ".venv", "venv", "env", "site-packages", "node_modules", "__pycache__"}


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                if isinstance(first.value.value, str):
                    found.add(id(first.value))
    return found


def _letters(node: ast.Constant | ast.JoinedStr) -> int:
    if isinstance(node, ast.Constant):
        return sum(ch.isalpha() for ch in node.value)
    return sum(ch.isalpha() for part in node.values if isinstance(part, ast.Constant) for ch in str(part.value))


def _char_column(line_text: str, byte_offset: int) -> int:
    """ast gives UTF-8 byte offsets; english-guard reports 1-based character columns."""
    return len(line_text.encode("utf-8")[:byte_offset].decode("utf-8", errors="replace")) + 1


def literals(root: Path) -> list[dict]:
    """Every string literal of the tree's Python files with more than 3 letters, sorted by place."""
    items = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if SKIPPED_PARTS & set(relative.parts):
            continue
        try:
            source = path.read_text(encoding="utf-8")
            tree = ast.parse(source)
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        lines = source.splitlines()
        docstrings = _docstring_nodes(tree)
        inside_fstrings = {
            id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in ast.walk(node)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = ast.get_source_segment(source, node) or ""
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in inside_fstrings:
                text = node.value
            else:
                continue
            if id(node) in docstrings or _letters(node) <= 3:
                continue
            line_text = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
            items.append(
                {
                    "path": relative.as_posix(),
                    "line": node.lineno,
                    "column": _char_column(line_text, node.col_offset),
                    "end_line": node.end_lineno or node.lineno,
                    "sha1": hashlib.sha1(text.encode("utf-8")).hexdigest()[:12],
                    "text": text,
                }
            )
    items.sort(key=lambda item: (item["path"], item["line"], item["column"]))
    return items


def _repos(tsv: Path, split: str) -> list[str]:
    with tsv.open(encoding="utf-8") as handle:
        return [row["repo"] for row in csv.DictReader(handle, delimiter="\t") if row["split"] == split]


def draw(args: argparse.Namespace) -> int:
    rows = []
    for repo in _repos(args.repos, args.split):
        tree = args.trees / repo.replace("/", "+")
        every = literals(tree)
        chosen = random.Random(f"{args.seed}:{repo}").sample(every, min(args.per_repo, len(every)))
        chosen.sort(key=lambda item: (item["path"], item["line"], item["column"]))
        print(f"{repo}: {len(every)} literals, {len(chosen)} drawn", file=sys.stderr)
        for item in chosen:
            rows.append({"repo": repo, **item})
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["repo", "path", "line", "column", "end_line", "sha1", "text"], delimiter="\t")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "text": row["text"].replace("\t", "\\t").replace("\n", "\\n")})
    print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)
    return 0


def _flagged(tree: Path, command: str) -> dict[tuple[str, int, int], str]:
    """(path, line, column) -> code of every string finding of the check on one tree."""
    done = subprocess.run([*shlex.split(command), "."], cwd=tree, capture_output=True, text=True, check=False)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        report = None
    # Exit status 2 with a report means some files could not be read (EG900): the literals of those files
    # were not drawn either (draw skips what ast cannot parse), so the report still scores the sample.
    if done.returncode not in (0, 1, 2) or not isinstance(report, dict):
        raise SystemExit(f"{tree}: the check failed: {done.stderr.strip()[:300]}")
    for error in report.get("errors", []):
        print(f"note: {tree.name}: {error.get('path')}:{error.get('line')}: {error.get('message')}", file=sys.stderr)
    found = {}
    for finding in report["findings"]:
        if finding["code"] in STRING_CODES:
            path = Path(finding["path"]).as_posix().removeprefix("./")
            found[(path, finding["line"], finding["column"])] = finding["code"]
    return found


def score(args: argparse.Namespace) -> int:
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    by_repo: dict[str, list[dict]] = {}
    for item in labels:
        by_repo.setdefault(item["repo"], []).append(item)
    total = {label: [0, 0] for label in LABELS}  # label -> [sampled, flagged]
    print(f"{'repository':<42} {'label':<8} {'sampled':>7} {'flagged':>7}")
    for repo, items in by_repo.items():
        tree = args.trees / repo.replace("/", "+")
        current = {(i["path"], i["line"], i["column"]): i["sha1"] for i in literals(tree)}
        flagged = _flagged(tree, args.cmd)
        counts = {label: [0, 0] for label in LABELS}
        for item in items:
            place = (item["path"], item["line"], item["column"])
            if current.get(place) != item["sha1"]:
                raise SystemExit(f"{repo}:{item['path']}:{item['line']}: the tree differs from the labelled one")
            counts[item["label"]][0] += 1
            counts[item["label"]][1] += place in flagged
        for label in LABELS:
            sampled, hit = counts[label]
            total[label][0] += sampled
            total[label][1] += hit
            if sampled:
                print(f"{repo:<42} {label:<8} {sampled:>7} {hit:>7}")
        _summary(repo, counts)
    _summary("all", total)
    return 0


def _summary(name: str, counts: dict[str, list[int]]) -> None:
    foreign, foreign_hit = counts["foreign"]
    flagged = sum(hit for _sampled, hit in counts.values())
    right = foreign_hit + counts["key"][1]
    policy = right + counts["table-name"][1]
    recall = f"{foreign_hit}/{foreign} = {foreign_hit / foreign:.2f}" if foreign else "n/a"
    precision = f"{foreign_hit}/{flagged} = {foreign_hit / flagged:.2f}" if flagged else "n/a"
    with_keys = f"{right}/{flagged} = {right / flagged:.2f}" if flagged else "n/a"
    with_policy = f"{policy}/{flagged} = {policy / flagged:.2f}" if flagged else "n/a"
    print(
        f"  {name}: recall {recall}; precision {precision} (foreign), {with_keys} (foreign or key), "
        f"{with_policy} (the names policy: foreign, key or table-name)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    drawing = commands.add_parser("draw")
    drawing.add_argument("trees", type=Path)
    drawing.add_argument("--repos", type=Path, default=HERE / "heldout.tsv")
    drawing.add_argument("--split", default="heldout", help="the rows of --repos with this split")
    drawing.add_argument("--per-repo", type=int, default=100)
    drawing.add_argument("--seed", default="2026")
    drawing.add_argument("--out", type=Path, default=Path("sample.tsv"))
    scoring = commands.add_parser("score")
    scoring.add_argument("trees", type=Path)
    scoring.add_argument("--labels", type=Path, default=HERE / "labels.json")
    scoring.add_argument("--cmd", default="english-guard check --format json --no-cache")
    args = parser.parse_args(argv)
    return draw(args) if args.command == "draw" else score(args)


if __name__ == "__main__":
    sys.exit(main())
