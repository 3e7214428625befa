#!/usr/bin/env python3
"""Enumerate every item of the foreign repositories and draw the labelling sample.

usage:
    python sample.py CORPUS_DIR [--repos repos.tsv] [--split tune|test|test2|test3|test4|test5|all] [--out sample.tsv]
                     [--seed 2026] [--per-kind comment=15,docstring=10,identifier=15,string=15]

CORPUS_DIR holds one tree per repository, named OWNER+NAME (see extract.py).

The enumeration does not use english-guard: it reads every .py file with the
standard library (tokenize for comments and string literals, ast for
docstrings and defined names), so the sample does not depend on what any
version of the tool flags, and precision and recall can both be estimated on
it.  Items:

  comment     every COMMENT token (one item per line)
  docstring   every module, class and function docstring
  identifier  every name the file defines, once per file at its first
              definition (functions, classes, parameters, assignment, for/with/
              except/comprehension/walrus targets, attributes assigned on self,
              import aliases); self, cls, _ and dunder names are left out
  string      every string literal (not a docstring, not bytes) with more than
              3 letters; the letters inside f-string placeholders do not count

A file that does not parse still gives its comments and strings (tokenize);
data files (word lists, see DATA_FILES) and vendored trees are skipped.

The sample is drawn per repository and kind with random.Random seeded by
"SEED:repo:kind" from the items sorted by (path, line, col), so it is
reproducible from the corpus alone.  The output TSV (a local working file: it
holds third-party text and is not committed) has one row per sampled item:
id, split, repo, path, kind, line, end_line, col, name, text_sha1, text.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import random
import re
import sys
import tokenize
from pathlib import Path

KINDS = ("comment", "docstring", "identifier", "string")
DEFAULT_PER_KIND = {"comment": 15, "docstring": 10, "identifier": 15, "string": 15}
SKIP_DIRS = {".git", "__pycache__", "venv", ".venv", "env", "site-packages", "node_modules", ".tox"}
# Data, not code: word lists and transliteration tables that dwarf the rest of their repository.
DATA_FILES = re.compile(r"(^|/)(uzwords[^/]*|27-projects-tg-bot/transliterate)\.py$")
MAX_FILE_BYTES = 1_000_000
SKIP_NAMES = {"self", "cls", "_"}
HERE = Path(__file__).resolve().parent


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def read_repos(tsv: Path) -> list[dict]:
    with tsv.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def repo_dir_name(repo: str) -> str:
    return repo.replace("/", "+")


def python_files(root: Path):
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if any(part in SKIP_DIRS for part in path.relative_to(root).parts[:-1]):
            continue
        if DATA_FILES.search(rel) or not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            continue
        yield rel, path


def letters_outside_placeholders(token: str) -> int:
    body = re.sub(r"^[A-Za-z]*", "", token)
    prefix = token[: len(token) - len(body)].lower()
    if "f" in prefix:
        body = re.sub(r"\{\{|\}\}", "", body)
        body = re.sub(r"\{[^{}]*\}", "", body)
    return sum(ch.isalpha() for ch in body)


def string_value(token: str) -> str:
    """The literal's value, or for an f-string the source text between the quotes."""
    prefix = re.match(r"^[A-Za-z]*", token).group(0)
    if "f" in prefix.lower():
        body = token[len(prefix) :]
        q = body[:3] if body[:3] in ('"""', "'''") else body[:1]
        return body[len(q) : len(body) - len(q)]
    try:
        value = ast.literal_eval(token)
        return value if isinstance(value, str) else token
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return token


def docstring_nodes(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                yield body[0].value


def defined_names(tree: ast.AST):
    """(name, line, col) for every defining occurrence."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            # The name sits after "def "/"class "; the column is approximate, the line is exact.
            yield node.name, node.lineno, node.col_offset
        elif isinstance(node, ast.arg):
            yield node.arg, node.lineno, node.col_offset
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            yield node.id, node.lineno, node.col_offset
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            yield node.attr, node.lineno, node.col_offset
        elif isinstance(node, ast.ExceptHandler) and node.name:
            yield node.name, node.lineno, node.col_offset
        elif isinstance(node, ast.alias) and node.asname:
            yield node.asname, node.lineno, node.col_offset
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            yield node.name, node.lineno, node.col_offset


def file_items(rel: str, source: str) -> list[dict]:
    items: list[dict] = []
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        tree = None
    doc_starts: set[tuple[int, int]] = set()
    if tree is not None:
        for node in docstring_nodes(tree):
            doc_starts.add((node.lineno, node.col_offset))
            items.append(
                {
                    "path": rel,
                    "kind": "docstring",
                    "line": node.lineno,
                    "end_line": node.end_lineno,
                    "col": node.col_offset,
                    "name": "",
                    "text": node.value,
                }
            )
        first: dict[str, tuple[int, int]] = {}
        for name, line, col in defined_names(tree):
            if name in SKIP_NAMES or (name.startswith("__") and name.endswith("__")):
                continue
            if name not in first or (line, col) < first[name]:
                first[name] = (line, col)
        for name, (line, col) in first.items():
            items.append(
                {
                    "path": rel,
                    "kind": "identifier",
                    "line": line,
                    "end_line": line,
                    "col": col,
                    "name": name,
                    "text": name,
                }
            )
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        tokens = []
        # Take what tokenize gave before the error.
        try:
            for tok in tokenize.generate_tokens(io.StringIO(source).readline):
                tokens.append(tok)
        except (tokenize.TokenError, IndentationError, SyntaxError):
            pass
    for tok in tokens:
        if tok.type == tokenize.COMMENT:
            items.append(
                {
                    "path": rel,
                    "kind": "comment",
                    "line": tok.start[0],
                    "end_line": tok.start[0],
                    "col": tok.start[1],
                    "name": "",
                    "text": tok.string,
                }
            )
        elif tok.type == tokenize.STRING:
            prefix = re.match(r"^[A-Za-z]*", tok.string).group(0).lower()
            if "b" in prefix or tok.start in doc_starts:
                continue
            if letters_outside_placeholders(tok.string) <= 3:
                continue
            items.append(
                {
                    "path": rel,
                    "kind": "string",
                    "line": tok.start[0],
                    "end_line": tok.end[0],
                    "col": tok.start[1],
                    "name": "",
                    "text": string_value(tok.string),
                }
            )
    return items


def repo_items(tree_root: Path) -> list[dict]:
    items: list[dict] = []
    for rel, path in python_files(tree_root):
        raw = path.read_bytes()
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError:
            source = raw.decode("latin-1")
        items.extend(file_items(rel, source))
    items.sort(key=lambda it: (it["path"], it["line"], it["col"], it["kind"]))
    return items


def draw(items: list[dict], repo: str, kind: str, n: int, seed: int) -> list[dict]:
    pool = [it for it in items if it["kind"] == kind]
    rng = random.Random(f"{seed}:{repo}:{kind}")
    if len(pool) <= n:
        return pool
    chosen = rng.sample(range(len(pool)), n)
    return [pool[i] for i in sorted(chosen)]


def parse_per_kind(spec: str) -> dict[str, int]:
    out = dict(DEFAULT_PER_KIND)
    for part in filter(None, spec.split(",")):
        kind, _, num = part.partition("=")
        if kind not in KINDS or not num.isdigit():
            raise SystemExit(f"--per-kind: bad entry {part!r} (want KIND=N, KIND one of {', '.join(KINDS)})")
        out[kind] = int(num)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--repos", type=Path, default=HERE / "repos.tsv")
    ap.add_argument("--split", choices=("tune", "test", "test2", "test3", "test4", "test5", "all"), default="all")
    ap.add_argument("--out", type=Path, default=Path("sample.tsv"))
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--per-kind", default="")
    ap.add_argument("--census", action="store_true", help="print item counts per repository and kind, draw nothing")
    args = ap.parse_args(argv)
    per_kind = parse_per_kind(args.per_kind)
    rows = []
    for repo in read_repos(args.repos):
        if repo["role"] != "foreign" or (args.split != "all" and repo["split"] != args.split):
            continue
        root = args.corpus / repo_dir_name(repo["repo"])
        if not root.is_dir():
            print(f"{root}: missing tree for {repo['repo']} (run extract.py first)", file=sys.stderr)
            return 1
        items = repo_items(root)
        if args.census:
            counts = {k: sum(it["kind"] == k for it in items) for k in KINDS}
            print(repo["repo"], repo["split"], " ".join(f"{k}={v}" for k, v in counts.items()))
            continue
        for kind in KINDS:
            for it in draw(items, repo["repo"], kind, per_kind[kind], args.seed):
                rows.append({"split": repo["split"], "repo": repo["repo"], **it})
    if args.census:
        return 0
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "split", "repo", "path", "kind", "line", "end_line", "col", "name", "text_sha1", "text"])
        for i, r in enumerate(rows):
            w.writerow(
                [
                    i,
                    r["split"],
                    r["repo"],
                    r["path"],
                    r["kind"],
                    r["line"],
                    r["end_line"],
                    r["col"],
                    r["name"],
                    text_sha1(r["text"]),
                    r["text"].replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"),
                ]
            )
    print(f"wrote {len(rows)} items to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
