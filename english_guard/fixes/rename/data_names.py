"""Names that data, strings or a framework depend on: the plan lists them as `action = "skip"` with why.

Renaming them compiles and imports fine and still changes behaviour, so the rename cannot prove them
safe: a database column (SQLAlchemy `Column`/`mapped_column`/`Mapped`, Django `models.*Field`), a
serialized field (pydantic models; dataclass fields that a JSON file of the repository has as a key), an
aiogram FSM state (stored as the string "Group:state"), a handler parameter aiogram injects by name
(`F.text.cast(int).as_("miqdor")`, `state`, middleware data), a dotted string naming a project symbol
(`mock.patch("dokon.xizmatlar.jami_narx")`), an attribute a template reads (`{{ mahsulot.nomi }}`) and
a method whose name the class body uses before the method exists (`jami = hisob()` then `def hisob`).

The result maps index nodes (`a:member`, `q:module.Class`, `q:module.function.<locals>.param`) to the
reasons, each with file:line.
"""

from __future__ import annotations

import ast
import json
import os
import re
from collections import defaultdict
from pathlib import Path

from english_guard.walk import COPY_SKIPPED

ORM_CALLS = {"Column", "mapped_column", "relationship", "column_property", "ForeignKey", "Field"}
PYDANTIC_BASES = {"BaseModel", "BaseSettings", "RootModel"}
HANDLER_EVENTS = {
    "message",
    "edited_message",
    "callback_query",
    "inline_query",
    "chosen_inline_result",
    "channel_post",
    "edited_channel_post",
    "shipping_query",
    "pre_checkout_query",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_member",
    "chat_join_request",
    "error",
    "update",
}
TEMPLATE_SUFFIXES = {".html", ".htm", ".jinja", ".jinja2", ".j2", ".tmpl", ".tpl", ".txt", ".md", ".xml"}
TEMPLATE_FIELD = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.DOTALL)
ATTRIBUTE_CHAIN = re.compile(r"\b[A-Za-z_]\w*((?:\.[A-Za-z_]\w*)+)")
# The folders a copy of the project leaves out, and build output: no data the code reads at run time.
SKIPPED_DIRS = COPY_SKIPPED | {"env", "build", "dist"}
MAX_DATA_FILE = 2_000_000  # bytes: larger JSON or template files are data dumps, not read


def _name_of(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        return _name_of(node.value)
    if isinstance(node, ast.Call):
        return _name_of(node.func)
    return ""


def _data_files(root: Path) -> tuple[set[str], list[tuple[str, str]]]:
    """Keys of the repository's JSON files, and (path, text) of its template-like files."""
    keys: set[str] = set()
    templates: list[tuple[str, str]] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info")]
        for name in files:
            path = Path(folder) / name
            suffix = path.suffix.lower()
            if suffix not in TEMPLATE_SUFFIXES and suffix != ".json":
                continue
            try:
                if path.stat().st_size > MAX_DATA_FILE:
                    continue
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            shown = path.relative_to(root).as_posix()
            if suffix == ".json":
                try:
                    _collect_keys(json.loads(text), keys)
                except ValueError:
                    continue
            elif "{{" in text or "{%" in text:
                templates.append((shown, text))
    return keys, templates


def _collect_keys(value, keys: set[str]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            keys.add(str(key))
            _collect_keys(inner, keys)
    elif isinstance(value, list):
        for inner in value:
            _collect_keys(inner, keys)


class _Finder:
    def __init__(self, index, root: Path | None) -> None:
        self.index = index
        self.reasons: dict[str, list[str]] = defaultdict(list)
        self.json_keys, self.templates = _data_files(root) if root is not None else (set(), [])
        self.pydantic_classes: set[str] = set()
        self.injected: dict[str, str] = {}  # as_("name") -> where

    def add(self, node: str, reason: str) -> None:
        if reason not in self.reasons[node]:
            self.reasons[node].append(reason)

    def _trees(self, texts: dict[str, str]):
        """Each file's syntax tree, one at a time: a tree is parsed again rather than kept (all the trees of a
        large project at once take gigabytes; parsing takes a second or two)."""
        for fact in self.index.facts:
            text = texts.get(fact.path)
            if text is None:
                continue
            try:
                tree = ast.parse(text)
            except (SyntaxError, ValueError):
                continue
            yield fact, tree

    def run(self, texts: dict[str, str]) -> dict[str, list[str]]:
        for fact, tree in self._trees(texts):  # first the names other files need: as_() names, pydantic classes
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "as_"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    self.injected[node.args[0].value] = f"{fact.path}:{node.lineno}"
                elif isinstance(node, ast.ClassDef) and any(_name_of(b) in PYDANTIC_BASES for b in node.bases):
                    self.pydantic_classes.add(node.name)
        for fact, tree in self._trees(texts):
            self.module(fact, tree)
            self.strings(fact)
        self.template_fields()
        return dict(self.reasons)

    def module(self, fact, tree: ast.Module) -> None:
        def walk(body, prefix: str) -> None:
            for node in body:
                if isinstance(node, ast.ClassDef):
                    self.klass(fact, node, prefix)
                    walk(node.body, f"{prefix}{node.name}.")
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self.function(fact, node, prefix)
                    walk(node.body, f"{prefix}{node.name}.<locals>.")
                else:
                    for field in ("body", "orelse", "finalbody"):
                        inner = getattr(node, field, None)
                        if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                            walk(inner, prefix)

        walk(tree.body, f"{fact.module}.")

    def klass(self, fact, node: ast.ClassDef, prefix: str) -> None:
        where = f"{fact.path}:{node.lineno}"
        bases = {_name_of(b) for b in node.bases}
        is_pydantic = bool(bases & (PYDANTIC_BASES | self.pydantic_classes))
        is_states = "StatesGroup" in bases
        is_django = any(
            isinstance(b, ast.Attribute) and b.attr == "Model" and _name_of(b.value) == "models" for b in node.bases
        )
        is_dataclass = any(_name_of(d) == "dataclass" for d in node.decorator_list)
        if is_states:
            self.add(
                f"q:{prefix}{node.name}",
                f'an aiogram StatesGroup ({where}): FSM storage and strings hold its states as "{node.name}:state"',
            )
        if is_django:
            self.add(
                f"q:{prefix}{node.name}",
                f"a Django model ({where}): its table name comes from the class "
                "name; renaming needs a database migration",
            )
        seen_methods: dict[str, int] = {}
        for index, statement in enumerate(node.body):
            targets: list[tuple[str, int]] = []
            value = None
            if isinstance(statement, ast.Assign):
                targets = [(t.id, statement.lineno) for t in statement.targets if isinstance(t, ast.Name)]
                value = statement.value
            elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                targets = [(statement.target.id, statement.lineno)]
                value = statement.value
                if _name_of(statement.annotation) == "Mapped":
                    for name, line in targets:
                        self.add(
                            f"a:{name}",
                            f"a database column of {node.name} ({fact.path}:{line}): the table, "
                            "raw SQL and existing databases use this name; renaming needs a "
                            "data migration",
                        )
                if is_pydantic or (is_dataclass and targets[0][0] in self.json_keys):
                    kind = "a pydantic field" if is_pydantic else "a dataclass field a JSON file of the project has"
                    for name, line in targets:
                        self.add(
                            f"a:{name}",
                            f"{kind} ({node.name}, {fact.path}:{line}): serialized data (JSON, an API) uses this name",
                        )
            elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                seen_methods[statement.name] = index
            call_name = _name_of(value) if isinstance(value, ast.Call) else ""
            if targets and (call_name in ORM_CALLS or (call_name.endswith("Field") and is_django)):
                for name, line in targets:
                    self.add(
                        f"a:{name}",
                        f"a database column of {node.name} ({fact.path}:{line}): the table, raw "
                        "SQL and existing databases use this name; renaming needs a data migration",
                    )
            if targets and is_states and call_name == "State":
                for name, line in targets:
                    self.add(
                        f"a:{name}",
                        f'an aiogram FSM state ({fact.path}:{line}): stored and compared as "{node.name}:{name}"',
                    )
        # a class body that uses a name before a method of that name is defined means the outer name there
        for index, statement in enumerate(node.body):
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            for inner in ast.walk(statement):
                if (
                    isinstance(inner, ast.Name)
                    and isinstance(inner.ctx, ast.Load)
                    and seen_methods.get(inner.id, -1) > index
                ):
                    self.add(
                        f"a:{inner.id}",
                        f"the body of class {node.name} uses {inner.id!r} "
                        f"({fact.path}:{inner.lineno}) before its method {inner.id!r} is "
                        "defined: there it names something else, which a rename would merge",
                    )

    def function(self, fact, node: ast.FunctionDef | ast.AsyncFunctionDef, prefix: str) -> None:
        handler = any(
            isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr in HANDLER_EVENTS
            for d in node.decorator_list
        )
        arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        for position, argument in enumerate(arguments):
            node_name = f"q:{prefix}{node.name}.<locals>.{argument.arg}"
            if argument.arg in self.injected:
                self.add(
                    node_name,
                    f"a magic filter injects it by name: as_({argument.arg!r}) at {self.injected[argument.arg]}",
                )
            elif handler and position > 0:
                self.add(
                    node_name,
                    f"a parameter of the aiogram handler {node.name} ({fact.path}:{node.lineno}): "
                    "aiogram passes filter results, middleware data and `state` by parameter name",
                )

    def strings(self, fact) -> None:
        """A dotted string that names a project symbol: `mock.patch("pkg.module.name")`, an import string."""
        for occurrence in fact.strings:
            text = occurrence.text
            if "." not in text:
                continue
            owner, _, name = text.rpartition(".")
            module = self.index.canonical(owner)
            where = f"{fact.path}:{occurrence.line}"
            if module in self.index.modules:
                source = self.index.star_source(module, name) or module
                self.add(
                    f"q:{source}.{name}",
                    f"named in the string {text!r} ({where}: a mock.patch target or an import path)",
                )
            elif owner in self.index.classes:
                self.add(f"a:{name}", f"named in the string {text!r} ({where})")

    def template_fields(self) -> None:
        for path, text in self.templates:
            for match in TEMPLATE_FIELD.finditer(text):
                expression = match.group(1) or match.group(2) or ""
                line = text.count("\n", 0, match.start()) + 1
                for chain in ATTRIBUTE_CHAIN.finditer(expression):
                    for attribute in chain.group(1).split(".")[1:]:
                        self.add(
                            f"a:{attribute}", f"a template reads it: {path}:{line} ({{{{{expression.strip()[:60]}}}}})"
                        )


def data_dependent_names(index, texts: dict[str, str], root: Path | None) -> dict[str, list[str]]:
    """Index node -> why data, strings or a framework depend on that name (each reason with file:line)."""
    return _Finder(index, root).run(texts)
