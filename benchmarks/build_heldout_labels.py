#!/usr/bin/env python3
"""Build benchmarks/heldout-evalset/labels.json from the modules and the author's language decisions.

The modules' items (comments, docstrings, defined identifiers, string literals with more than 3 letters)
are listed with `ast` and `tokenize`, so none is missed. Every item is English unless
benchmarks/heldout-evalset-langs.txt says otherwise; that file holds the author's decisions, one a line:

    == path/of/module.py          start the decisions for one module
    c uz needle                   comment whose text contains needle
    d ru needle                   docstring containing needle
    s de needle                   string (not user-facing) containing needle
    s! uz needle                  user-facing string containing needle (lang may be en)
    s uz =text                    a leading = asks for the whole text instead of a part of it
    s ru *needle                  a leading * applies the decision to every match (at least one)
    i pt name                     identifier the module defines, exact name
    x pt name                     non-English name the module uses but defines elsewhere (defined: false)

A needle must match exactly one item of its kind in the module, so a typo or an ambiguous needle stops
the build. Lines starting with # are notes. Usage: python benchmarks/build_heldout_labels.py [--check]
(--check compares with the committed labels.json instead of writing it).
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import re
import sys
import tokenize
from pathlib import Path

HERE = Path(__file__).resolve().parent
SET_DIR = HERE / "heldout-evalset"
DECISIONS = HERE / "heldout-evalset-langs.txt"


def letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def literal_body(segment: str) -> str:
    """The source text between the quotes of one string literal."""
    i = 0
    while segment[i] not in "'\"":
        i += 1
    quote = segment[i : i + 3] if segment[i : i + 3] in ("'''", '"""') else segment[i]
    return segment[i + len(quote) : len(segment) - len(quote)]


def docstring_nodes(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                if isinstance(first.value.value, str):
                    found.add(id(first.value))
    return found


def target_names(target: ast.AST) -> list[tuple[str, int]]:
    """Names bound by an assignment-like target: plain names, unpacking, and attributes set on self."""
    if isinstance(target, ast.Name):
        return [(target.id, target.lineno)]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [pair for elt in target.elts for pair in target_names(elt)]
    if isinstance(target, ast.Starred):
        return target_names(target.value)
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
        return [(target.attr, target.lineno)]
    return []


def arg_names(args: ast.arguments) -> list[tuple[str, int]]:
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    every += [a for a in (args.vararg, args.kwarg) if a is not None]
    return [(a.arg, a.lineno) for a in every]


def definitions(node: ast.AST) -> list[tuple[str, int]]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        names = [(node.name, node.lineno)]
        if not isinstance(node, ast.ClassDef):
            names += arg_names(node.args)
        return names
    if isinstance(node, ast.Lambda):
        return arg_names(node.args)
    if isinstance(node, ast.Assign):
        return [pair for t in node.targets for pair in target_names(t)]
    if isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor, ast.comprehension, ast.NamedExpr)):
        return target_names(node.target)
    if isinstance(node, ast.withitem) and node.optional_vars is not None:
        return target_names(node.optional_vars)
    if isinstance(node, ast.ExceptHandler) and node.name:
        return [(node.name, node.lineno)]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname, node.lineno) for a in node.names if a.asname]
    return []


def list_items(rel: str, source: str) -> list[dict]:
    tree = ast.parse(source)
    items: list[dict] = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            row = tok.start[0]
            items.append({"file": rel, "kind": "comment", "line": row, "end_line": row, "text": tok.string})
    docs = docstring_nodes(tree)
    first_def: dict[str, int] = {}
    inside_fstring: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            inside_fstring.update(id(sub) for sub in ast.walk(node) if sub is not node)
    for node in ast.walk(tree):
        for name, row in definitions(node):
            first_def[name] = min(row, first_def.get(name, row))
        if id(node) in inside_fstring:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            span = {"line": node.lineno, "end_line": node.end_lineno}
            if id(node) in docs:
                items.append({"file": rel, "kind": "docstring", **span, "text": node.value})
            elif letters(node.value) > 3:
                items.append({"file": rel, "kind": "string", **span, "text": node.value, "col": node.col_offset})
        elif isinstance(node, ast.JoinedStr):
            fixed = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if letters(fixed) > 3:
                body = literal_body(ast.get_source_segment(source, node) or "")
                span = {"line": node.lineno, "end_line": node.end_lineno}
                items.append({"file": rel, "kind": "string", **span, "text": body, "col": node.col_offset})
    for name, row in first_def.items():
        items.append({"file": rel, "kind": "identifier", "line": row, "name": name})
    return items


def first_use(source: str, name: str) -> int | None:
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NAME and tok.string == name:
            return tok.start[0]
    # Python 3.11 tokenizes an f-string as one STRING token: look inside placeholders too.
    for row, text in enumerate(source.splitlines(), 1):
        if re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)|\.{re.escape(name)}(?!\w)", text):
            return row
    return None


def read_decisions() -> dict[str, list[tuple[str, str, bool, str, int]]]:
    out: dict[str, list[tuple[str, str, bool, str, int]]] = {}
    current = None
    for number, raw in enumerate(DECISIONS.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("== "):
            current = out.setdefault(line[3:].strip(), [])
            continue
        head, lang, needle = line.split(" ", 2)
        if current is None:
            raise SystemExit(f"{DECISIONS}:{number}: decision before any '== module' line")
        current.append((head.rstrip("!"), lang, head.endswith("!"), needle, number))
    return out


KIND_OF = {"c": "comment", "d": "docstring", "s": "string", "i": "identifier"}


def apply(items: list[dict], source: str, rel: str, decisions: list) -> list[dict]:
    for item in items:
        item["lang"] = "en"
        if item["kind"] == "string":
            item["user_facing"] = False
    for kind, lang, facing, needle, number in decisions:
        where = f"{DECISIONS.name}:{number}"
        if kind == "x":
            if any(it["kind"] == "identifier" and it["name"] == needle for it in items):
                raise SystemExit(f"{where}: {rel} defines {needle!r} or lists it twice: use 'i' once")
            row = first_use(source, needle)
            if row is None:
                raise SystemExit(f"{where}: {rel} never uses {needle!r}")
            items.append(
                {"file": rel, "kind": "identifier", "line": row, "name": needle, "defined": False, "lang": lang}
            )
            continue
        full = KIND_OF[kind]
        every = needle.startswith("*")
        needle = needle.removeprefix("*")
        if full == "identifier":
            hits = [it for it in items if it["kind"] == full and it["name"] == needle]
        else:
            exact = needle.startswith("=")
            hits = [
                it
                for it in items
                if it["kind"] == full and (it["text"] == needle[1:] if exact else needle in it["text"])
            ]
        if len(hits) != 1 and not (every and hits):
            raise SystemExit(f"{where}: {rel}: {full} {needle!r} matches {len(hits)} items")
        for hit in hits:
            hit["lang"] = lang
            if facing:
                hit["user_facing"] = True
    return items


ORDER = ("file", "kind", "line", "end_line", "name", "text", "col", "defined", "lang", "user_facing")


def build() -> list[dict]:
    decisions = read_decisions()
    modules = sorted(p for p in SET_DIR.rglob("*.py"))
    labels: list[dict] = []
    for path in modules:
        rel = path.relative_to(SET_DIR).as_posix()
        source = path.read_text(encoding="utf-8")
        items = apply(list_items(rel, source), source, rel, decisions.pop(rel, []))
        items.sort(key=lambda it: (it["line"], it.get("col", -1), it["kind"], it.get("name", "")))
        labels += [{k: it[k] for k in ORDER if k in it} for it in items]
    if decisions:
        raise SystemExit(f"decisions for missing modules: {sorted(decisions)}")
    return labels


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if labels.json differs from a fresh build")
    parser.add_argument("--list", metavar="MODULE", help="print the items of one module and their languages")
    args = parser.parse_args()
    labels = build()
    text = json.dumps(labels, ensure_ascii=False, indent=1) + "\n"
    target = SET_DIR / "labels.json"
    if args.list:
        for lab in labels:
            if lab["file"] == args.list:
                body = lab.get("name") or lab.get("text", "")
                uf = "!" if lab.get("user_facing") else " "
                print(f"{lab['line']:>4} {lab['kind'][:5]:<5} {lab['lang']}{uf} {body!r}"[:150])
        return 0
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print(f"{target} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"{len(labels)} labels, {sum(lab['lang'] != 'en' for lab in labels)} non-English -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
