#!/usr/bin/env python3
"""Score a detector on the real-world benchmark: sampled labels of real repositories, and English controls.

usage:
    python score.py CORPUS_DIR [--split tune|test|test2|test3|test4|test5|all]
                    [--cmd "english-guard check --format json --no-cache"]
                    [--controls|--no-controls] [--json] [--show-errors]

CORPUS_DIR holds the trees laid out by extract.py (CORPUS_DIR/OWNER+NAME).  For
every repository of the split the command is run once with cwd = the tree and
"." appended; for a control repository every file of the tree is passed
(relative paths, in chunks), because the English-only policy covers all the
files a project contains.  The command's stdout must be JSON:
{"findings": [{"path", "line", "column", "kind", "code", "text", "language"}, ...]}
(a bare list is accepted too).  Columns are 1-based, as english-guard reports them.

Matching a finding to a sampled label (one finding matches at most one label):
  identifier  same file, and the finding's text (last dotted component) is the label's name
  comment     same file and line
  docstring   same file, finding line inside the label's line span
  string      same file, finding line inside the label's span; on the literal's first line the
              finding's column must be the literal's start (up to 2 columns of prefix/quote later),
              so a finding on an unsampled literal of the same line is not counted
  A docstring finding may match a string label and the other way round (a file that does not
  parse has no docstrings); a finding of another kind (prose, EG900 ...) is tried against
  comments, docstrings and strings on its line.

The labels are a seeded random sample of ALL items of each repository, drawn without the tool
(sample.py), so they estimate precision and recall of any version of it.  Findings on items that
were not sampled are ignored.  Classes:
  positive  lang != "en"; for strings only user-facing ones count in the main figures
            ("strings, all" gives recall over every non-English string)
  negative  lang == "en": a matching finding is a false positive
  neutral   non-English strings that are not user-facing (main figures only)

Printed per split and kind: labels, positives, TP, FP, FN, precision, recall, F1 and the share of
true positives whose language is named right (overall and per language).  For controls: findings
per 100 KLOC over all files and over Python files, and every finding (path:line code text) so a
person can confirm they are false alarms.  Standard library only.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import os
import re
import shlex
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = ("comment", "docstring", "identifier", "string")
TEXT_KINDS = ("comment", "docstring", "string")
DEFAULT_CMD = "english-guard check --format json --no-cache"
LANG_NAMES = {
    "english": "en",
    "uzbek": "uz",
    "russian": "ru",
    "kazakh": "kk",
    "turkish": "tr",
    "german": "de",
    "spanish": "es",
    "portuguese": "pt",
    "french": "fr",
    "indonesian": "id",
    "chinese": "zh",
    "japanese": "ja",
    "arabic": "ar",
    "ukrainian": "uk",
    "korean": "ko",
    "italian": "it",
}
KIND_ALIASES = {
    "docstrings": "docstring",
    "doc": "docstring",
    "comments": "comment",
    "identifiers": "identifier",
    "name": "identifier",
    "strings": "string",
    "str": "string",
    "literal": "string",
}
SKIP_DIRS = {".git", "__pycache__", ".english-guard-cache", "node_modules", ".venv", "venv"}
CHUNK = 1500


# ------------------------------------------------------------------ input ---


def read_repos(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def load_labels(labels_dir: Path, split: str) -> list[dict]:
    path = labels_dir / f"{split}.json"
    if not path.is_file():
        return []
    labels = json.loads(path.read_text(encoding="utf-8"))
    for lab in labels:
        lab["split"] = split
    return labels


def norm_lang(value) -> str:
    s = str(value or "").strip().lower()
    if s in LANG_NAMES:
        return LANG_NAMES[s]
    return re.split(r"[-_ (]", s, maxsplit=1)[0] if s else ""


def norm_kind(value) -> str:
    s = str(value or "").strip().lower()
    return KIND_ALIASES.get(s, s)


def norm_path(path: str, root: Path) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(root.resolve())
        except ValueError:
            return p.as_posix()
    s = p.as_posix()
    return s[2:] if s.startswith("./") else s


def parse_findings(stdout: str) -> list[dict]:
    stdout = stdout.strip()
    if not stdout:
        return []
    data = json.loads(stdout)
    if isinstance(data, dict):
        data = data.get("findings", [])
    return list(data)


def run_tool(cmd: list[str], root: Path, paths: list[str]) -> tuple[list[dict], str]:
    """Run cmd with the given relative paths (chunked); return findings and any error text."""
    findings: list[dict] = []
    errors = []
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)] or [["."]]
    for chunk in chunks:
        try:
            proc = subprocess.run(cmd + chunk, cwd=root, capture_output=True, text=True, errors="replace")
        except FileNotFoundError:
            raise SystemExit(f"{cmd[0]}: command not found") from None
        try:
            findings.extend(parse_findings(proc.stdout))
        except json.JSONDecodeError as exc:
            errors.append(f"{root.name}: output is not JSON ({exc}); stderr: {proc.stderr.strip()[:300]}")
    for f in findings:
        f["path"] = norm_path(str(f.get("path", "")), root)
        f["kind"] = norm_kind(f.get("kind"))
    return findings, "\n".join(errors)


# --------------------------------------------------------------- matching ---


def label_class(lab: dict, strings_mode: str) -> str:
    if lab["lang"] == "en":
        return "negative"
    if lab["kind"] == "string" and strings_mode == "user-facing" and not lab.get("user_facing"):
        return "neutral"
    return "positive"


def match(findings: list[dict], labels: list[dict]) -> dict[int, list[dict]]:
    """Map label index -> findings matched to it.  Labels and findings share one repository."""
    by_file: dict[str, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        by_file[lab["path"]].append(i)
    hits: dict[int, list[dict]] = defaultdict(list)
    for f in findings:
        cands = by_file.get(f["path"])
        if not cands:
            continue
        i = _match_one(f, [(i, labels[i]) for i in cands])
        if i is not None:
            hits[i].append(f)
    return hits


def _on_line(lab: dict, line: int) -> bool:
    return lab["line"] <= line <= lab.get("end_line", lab["line"])


def _match_one(f: dict, cands: list[tuple[int, dict]]):
    kind = f.get("kind")
    line = int(f.get("line") or 0)
    if kind == "identifier":
        name = str(f.get("text") or "").split(".")[-1].strip()
        for i, lab in cands:
            if lab["kind"] == "identifier" and lab["name"] == name:
                return i
        return None
    if kind == "comment":
        order = ("comment",)
    elif kind == "docstring":
        order = ("docstring", "string")
    elif kind == "string":
        order = ("string", "docstring")
    else:
        order = TEXT_KINDS
    for want in order:
        on_line = [(i, lab) for i, lab in cands if lab["kind"] == want and _on_line(lab, line)]
        if not on_line:
            continue
        if want != "string":
            return on_line[0][0]
        col = int(f.get("column") or 0) - 1  # finding columns are 1-based; 0 means unknown
        for i, lab in on_line:
            if lab["line"] < line:  # the finding sits on a later line of a multi-line literal
                return i
        if col < 0:
            return on_line[0][0] if len(on_line) == 1 else None
        # The finding points at the literal's start (its prefix or opening quote); an unsampled
        # literal on the same line must not be taken for a sampled one.
        near = [(col - lab["col"], i) for i, lab in on_line if 0 <= col - lab["col"] <= 2]
        if near:
            return min(near)[1]
    return None


def literal_spans(source: str) -> dict[tuple[int, int], int]:
    """(line, 0-based character column) of each string expression's start -> its last line.

    An implicit concatenation ("a" "b" over several lines) is one expression in the AST, while the sample
    lists each of its pieces; the check judges and reports the whole expression at its first piece."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return {}
    lines = source.splitlines()
    spans = {}
    for node in ast.walk(tree):
        is_str = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if (is_str or isinstance(node, ast.JoinedStr)) and node.end_lineno and node.end_lineno > node.lineno:
            text = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
            col = len(text.encode("utf-8")[: node.col_offset].decode("utf-8", errors="replace"))
            spans.setdefault((node.lineno, col), node.end_lineno)
    return spans


def spread_over_pieces(findings: list[dict], labels: list[dict], hits: dict[int, list[dict]], root: Path) -> None:
    """--whole-literals: a string finding on a concatenation covers every sampled piece of it.

    Non-English pieces count as found; an English piece of a flagged concatenation that holds a non-English
    piece is neutral (the finding is about the expression, not about that piece)."""
    by_file: dict[str, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        if lab["kind"] == "string":
            by_file[lab["path"]].append(i)
    spans_of: dict[str, dict[tuple[int, int], int]] = {}
    for f in findings:
        if f.get("kind") not in ("string", "docstring") or f["path"] not in by_file:
            continue
        if f["path"] not in spans_of:
            try:
                spans_of[f["path"]] = literal_spans((root / f["path"]).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                spans_of[f["path"]] = {}
        start = (int(f.get("line") or 0), int(f.get("column") or 0) - 1)
        last = spans_of[f["path"]].get(start)
        if last is None:
            continue
        pieces = [
            i
            for i in by_file[f["path"]]
            if start <= (labels[i]["line"], labels[i]["col"] + 2) and labels[i]["line"] <= last
        ]
        if not any(labels[i]["lang"] != "en" for i in pieces):
            continue
        for i in pieces:
            if labels[i]["lang"] != "en":
                if f not in hits.get(i, []):
                    hits.setdefault(i, []).append(f)
            elif i in hits:
                hits[i] = [g for g in hits[i] if g is not f]
                if not hits[i]:
                    del hits[i]


# ---------------------------------------------------------------- scoring ---


def ratio(a: int, b: int):
    return round(a / b, 3) if b else None


def score_labels(labels: list[dict], hits: dict[int, list[dict]], strings_mode: str) -> dict:
    stats = {
        "labels": 0,
        "positives": 0,
        "tp": 0,
        "fp": 0,
        "fn": 0,
        "named_right": 0,
        "by_lang": defaultdict(lambda: {"positives": 0, "tp": 0, "named_right": 0, "named_as": Counter()}),
    }
    for i, lab in enumerate(labels):
        cls = label_class(lab, strings_mode)
        stats["labels"] += 1
        found = hits.get(i, [])
        if cls == "negative":
            stats["fp"] += bool(found)
        elif cls == "positive":
            stats["positives"] += 1
            per = stats["by_lang"][lab["lang"]]
            per["positives"] += 1
            if found:
                stats["tp"] += 1
                per["tp"] += 1
                named = Counter(norm_lang(f.get("language")) for f in found).most_common(1)[0][0]
                per["named_as"][named or "?"] += 1
                if named == lab["lang"]:
                    stats["named_right"] += 1
                    per["named_right"] += 1
            else:
                stats["fn"] += 1
    p = ratio(stats["tp"], stats["tp"] + stats["fp"])
    r = ratio(stats["tp"], stats["tp"] + stats["fn"])
    f1 = round(2 * p * r / (p + r), 3) if p and r else (0.0 if p is not None and r is not None else None)
    by_lang = {
        lang: {
            "positives": v["positives"],
            "tp": v["tp"],
            "recall": ratio(v["tp"], v["positives"]),
            "naming": ratio(v["named_right"], v["tp"]),
            "named_as": dict(v["named_as"]),
        }
        for lang, v in sorted(stats["by_lang"].items())
    }
    return {
        "labels": stats["labels"],
        "positives": stats["positives"],
        "tp": stats["tp"],
        "fp": stats["fp"],
        "fn": stats["fn"],
        "precision": p,
        "recall": r,
        "f1": f1,
        "naming": ratio(stats["named_right"], stats["tp"]),
        "by_lang": by_lang,
    }


def score_split(labels: list[dict], hits: dict[int, list[dict]]) -> dict:
    out = {}
    for kind in KINDS:
        idx = [i for i, lab in enumerate(labels) if lab["kind"] == kind]
        sub = [labels[i] for i in idx]
        sub_hits = {n: hits[i] for n, i in enumerate(idx) if i in hits}
        out[kind] = score_labels(sub, sub_hits, "user-facing")
        if kind == "string":
            out["string (all)"] = score_labels(sub, sub_hits, "all")
    out["overall"] = score_labels(labels, hits, "user-facing")
    return out


# --------------------------------------------------------------- controls ---


def is_text(path: Path) -> bool:
    try:
        head = path.read_bytes()[:8192]
    except OSError:
        return False
    if b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4  # a character cut at the 8 KiB boundary
    return True


def tree_files(root: Path) -> list[str]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if p.is_file() and not p.is_symlink() and is_text(p):
                out.append(p.relative_to(root).as_posix())
    return out


def count_lines(root: Path, rel: str) -> int:
    with (root / rel).open("rb") as fh:
        return sum(1 for _ in fh)


def score_controls(corpus: Path, repos: list[dict], cmd: list[str]) -> dict:
    total = {"files": 0, "loc": 0, "py_loc": 0, "findings": 0, "py_findings": 0}
    per_repo = []
    listing = []
    errors = []
    for repo in repos:
        root = corpus / repo["repo"].replace("/", "+")
        if not root.is_dir():
            errors.append(f"{root}: missing tree for {repo['repo']} (run extract.py)")
            continue
        files = tree_files(root)
        loc = {rel: count_lines(root, rel) for rel in files}
        findings, err = run_tool(cmd, root, files)
        if err:
            errors.append(err)
        py_findings = [f for f in findings if f["path"].endswith(".py")]
        row = {
            "repo": repo["repo"],
            "files": len(files),
            "loc": sum(loc.values()),
            "py_loc": sum(v for k, v in loc.items() if k.endswith(".py")),
            "findings": len(findings),
            "py_findings": len(py_findings),
        }
        per_repo.append(row)
        for key in total:
            total[key] += row[key]
        for f in sorted(findings, key=lambda f: (f["path"], int(f.get("line") or 0))):
            text = " ".join(str(f.get("text") or "").split())
            listing.append(
                f"{repo['repo']}:{f['path']}:{f.get('line')} {f.get('code')} {f.get('language')} {text[:100]}"
            )
    total["per_100kloc"] = round(total["findings"] * 100_000 / total["loc"], 2) if total["loc"] else None
    total["py_per_100kloc"] = round(total["py_findings"] * 100_000 / total["py_loc"], 2) if total["py_loc"] else None
    return {"total": total, "repos": per_repo, "findings": listing, "errors": errors}


# ----------------------------------------------------------------- output ---


def fmt(x) -> str:
    return "-" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def print_split(name: str, res: dict) -> None:
    print(f"\n== {name}: {res['repos']} repositories, {res['scores']['overall']['labels']} labels")
    print(
        f"{'kind':<14}{'labels':>7}{'pos':>6}{'TP':>5}{'FP':>5}{'FN':>5}{'prec':>8}{'recall':>8}{'F1':>8}{'naming':>8}"
    )
    for kind, s in res["scores"].items():
        print(
            f"{kind:<14}{s['labels']:>7}{s['positives']:>6}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}"
            f"{fmt(s['precision']):>8}{fmt(s['recall']):>8}{fmt(s['f1']):>8}{fmt(s['naming']):>8}"
        )
    print("per language (all kinds, user-facing strings):")
    for lang, v in res["scores"]["overall"]["by_lang"].items():
        named = ", ".join(f"{k}:{n}" for k, n in sorted(v["named_as"].items(), key=lambda kv: -kv[1]))
        print(
            f"  {lang:<4} positives={v['positives']:<4} recall={fmt(v['recall']):<6} naming={fmt(v['naming']):<6}"
            f" named as {named or '-'}"
        )


def error_lines(labels: list[dict], hits: dict[int, list[dict]]) -> list[str]:
    out = []
    for i, lab in enumerate(labels):
        cls = label_class(lab, "all")
        found = hits.get(i, [])
        where = f"{lab['repo']}:{lab['path']}:{lab['line']} {lab['kind']}" + (f" {lab['name']}" if lab["name"] else "")
        if cls == "positive" and not found:
            out.append(f"FN {lab['lang']}{' uf' if lab.get('user_facing') else ''} {where}")
        elif cls == "negative" and found:
            out.append(f"FP {where} -> {found[0].get('code')} {found[0].get('language')}")
        elif cls == "positive" and found:
            named = norm_lang(found[0].get("language"))
            if named != lab["lang"]:
                out.append(f"NAMED {lab['lang']} as {named} {where}")
    return out


HELDOUT_CONTROLS = {"test2": "control2", "test3": "control3", "test4": "control4", "test5": "control5"}


def control_group(split: str) -> str:
    """The controls scored with a split: each later held-out part (test2 to test5 of sessions 12-15)
    has its own group; tune, test and all keep the first group, so their figures stay comparable with
    earlier runs."""
    return HELDOUT_CONTROLS.get(split, "control")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--split", choices=("tune", "test", "test2", "test3", "test4", "test5", "all"), default="all")
    ap.add_argument("--cmd", default=DEFAULT_CMD)
    ap.add_argument("--repos", type=Path, default=HERE / "repos.tsv")
    ap.add_argument("--labels", type=Path, default=HERE / "labels")
    ap.add_argument("--controls", dest="controls", action="store_true", default=None)
    ap.add_argument("--no-controls", dest="controls", action="store_false")
    ap.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    ap.add_argument(
        "--whole-literals",
        action="store_true",
        help="a string finding on an implicit concatenation covers every sampled piece of it (see spread_over_pieces)",
    )
    ap.add_argument(
        "--show-errors",
        action="store_true",
        help="list missed, false and misnamed items (tune split only: do not study the test part)",
    )
    args = ap.parse_args(argv)
    if args.show_errors and args.split != "tune":
        ap.error("--show-errors works on --split tune only; the test part is for measuring")
    if not args.corpus.is_dir():
        print(f"{args.corpus}: no such corpus folder (run extract.py)", file=sys.stderr)
        return 2
    cmd = shlex.split(args.cmd)
    repos = read_repos(args.repos)
    splits = ("tune", "test") if args.split == "all" else (args.split,)
    result: dict = {"cmd": args.cmd, "splits": {}}
    errors: list[str] = []
    for split in splits:
        labels = load_labels(args.labels, split)
        split_repos = [r for r in repos if r["role"] == "foreign" and r["split"] == split]
        all_hits: dict[int, list[dict]] = {}
        for repo in split_repos:
            idx = [i for i, lab in enumerate(labels) if lab["repo"] == repo["repo"]]
            if not idx:
                continue
            root = args.corpus / repo["repo"].replace("/", "+")
            if not root.is_dir():
                errors.append(f"{root}: missing tree for {repo['repo']} (run extract.py)")
                continue
            findings, err = run_tool(cmd, root, ["."])
            if err:
                errors.append(err)
            repo_labels = [labels[i] for i in idx]
            hits = match(findings, repo_labels)
            if args.whole_literals:
                spread_over_pieces(findings, repo_labels, hits, root)
            for n, found in hits.items():
                all_hits[idx[n]] = found
        result["splits"][split] = {
            "repos": len({lab["repo"] for lab in labels}),
            "scores": score_split(labels, all_hits),
        }
        if args.show_errors:
            result["splits"][split]["errors"] = error_lines(labels, all_hits)
    run_controls = args.controls if args.controls is not None else True
    if run_controls:
        group = control_group(args.split)
        controls = [r for r in repos if r["role"] == "control" and r["split"] == group]
        result["controls"] = score_controls(args.corpus, controls, cmd)
        errors.extend(result["controls"].pop("errors"))
    result["errors"] = errors
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"command: {args.cmd}")
    for split, res in result["splits"].items():
        print_split(split, res)
        for line in res.get("errors", []):
            print("  " + line)
    if "controls" in result:
        c = result["controls"]
        t = c["total"]
        print(
            f"\n== controls: {len(c['repos'])} repositories, {t['files']} files, {t['loc']} lines "
            f"({t['py_loc']} Python)"
        )
        for r in c["repos"]:
            print(
                f"  {r['repo']:<40} files={r['files']:<5} loc={r['loc']:<7} py_loc={r['py_loc']:<7} "
                f"findings={r['findings']} (python {r['py_findings']})"
            )
        print(f"findings per 100 KLOC: all files {fmt(t['per_100kloc'])}, Python {fmt(t['py_per_100kloc'])}")
        for line in c["findings"]:
            print("  " + line)
    for e in errors:
        print("error: " + e, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
