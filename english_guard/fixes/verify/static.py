"""Static proof that a changed project still imports: project imports resolve, no new undefined name.

Both checks compare the project before and after a change, so what was already broken is not blamed
on the change. Module names follow the folders from every ancestor (a file `a/b/c.py` is `c`, `b.c` and
`a.b.c`), which covers packages, PEP 420 namespace packages and scripts run from a sub-folder alike.
"""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

OPEN = "*"  # a namespace whose names cannot be listed (a star import from outside, a module `__getattr__`)


@dataclass
class ModuleFacts:
    names: set[str] = field(default_factory=set)
    stars: list[str | None] = field(default_factory=list)  # absolute module of each `from x import *`
    all_names: list[str] | None = None  # `__all__` when it could be read
    all_from: list[str] = field(default_factory=list)  # modules whose `__all__` is added to ours
    imports: list[tuple[int, str, str | None]] = field(default_factory=list)  # (line, module, name or None)
    parsed: bool = True


def _dotted(path: str) -> list[str]:
    parts = path.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    return parts[:-1] + ([] if stem == "__init__" else [stem])


def _package(path: str) -> list[str]:
    parts = path.split("/")
    return parts[:-1]


def _absolute(path: str, node: ast.ImportFrom) -> str | None:
    if not node.level:
        return node.module
    package = _package(path)
    if node.level - 1 > len(package):
        return None
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else [])) or None


def _all_value(node: ast.expr, facts: ModuleFacts) -> list[str] | None:
    """The names of an `__all__` expression: literals, `+` of those, and `module.__all__` (resolved later)."""
    if isinstance(node, (ast.List, ast.Tuple)):
        names = []
        for element in node.elts:
            if not (isinstance(element, ast.Constant) and isinstance(element.value, str)):
                return None
            names.append(element.value)
        return names
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _all_value(node.left, facts), _all_value(node.right, facts)
        return None if left is None or right is None else left + right
    if isinstance(node, ast.Attribute) and node.attr == "__all__" and isinstance(node.value, (ast.Name, ast.Attribute)):
        facts.all_from.append(ast.unparse(node.value))
        return []
    return None


def module_facts(path: str, text: str | bytes) -> ModuleFacts:
    """What module `path` binds at its top level, re-exports and imports."""
    facts = ModuleFacts()
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        facts.parsed = False
        facts.names.add(OPEN)
        return facts
    collector = _FactsCollector(path, facts)
    collector.visit(tree.body, True)
    facts.all_from = [collector.aliases.get(name, name) for name in facts.all_from]
    return facts


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


class _FactsCollector:
    """Walks a module's statements (and the blocks inside them) into `facts`."""

    def __init__(self, path: str, facts: ModuleFacts) -> None:
        self.path = path
        self.facts = facts
        self.aliases: dict[str, str] = {}  # local name -> module it stands for (`from . import ombor`)

    def bind_target(self, target: ast.expr) -> None:
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                self.facts.names.add(node.id)

    def visit(self, body: list[ast.stmt], top: bool) -> None:
        for node in body:
            if isinstance(node, _DEFINITIONS):
                self.definition(node, top)
                continue
            self.statement(node, top)
            for walrus in ast.walk(node) if not isinstance(node, (ast.If, ast.Try, ast.While)) else ():
                if isinstance(walrus, ast.NamedExpr):
                    self.bind_target(walrus.target)
            self.blocks(node, top)

    def definition(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, top: bool) -> None:
        """A def or class binds its name; inside it only `global` names and imports count."""
        if top:
            self.facts.names.add(node.name)
        if node.name == "__getattr__" and top:
            self.facts.names.add(OPEN)
        for descendant in ast.walk(node):
            if isinstance(descendant, ast.Global):
                self.facts.names.update(descendant.names)
            elif isinstance(descendant, (ast.Import, ast.ImportFrom)):
                self.record_import(descendant, bind=False)

    def statement(self, node: ast.stmt, top: bool) -> None:
        """The names one statement binds (imports, assignments, loop and `with` targets, `__all__` changes)."""
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            self.record_import(node, bind=top)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            self.assignment(node)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            self.bind_target(node.target)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    self.bind_target(item.optional_vars)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            self.all_call(node.value)

    def assignment(self, node: ast.Assign | ast.AnnAssign | ast.AugAssign) -> None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            self.bind_target(target)
            if isinstance(target, ast.Name) and target.id == "__all__" and node.value is not None:
                value = _all_value(node.value, self.facts)
                if isinstance(node, ast.AugAssign) and self.facts.all_names is not None and value is not None:
                    self.facts.all_names = self.facts.all_names + value
                else:
                    self.facts.all_names = value

    def all_call(self, call: ast.Call) -> None:
        """`__all__.extend([...])` / `__all__.append("x")`."""
        if not (
            isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id == "__all__"
            and self.facts.all_names is not None
            and call.args
        ):
            return
        first = call.args[0]
        value = (
            _all_value(first, self.facts)
            if call.func.attr == "extend"
            else ([first.value] if isinstance(first, ast.Constant) and isinstance(first.value, str) else None)
        )
        self.facts.all_names = None if value is None else self.facts.all_names + value

    def blocks(self, node: ast.stmt, top: bool) -> None:
        """The statements nested in `node` (if/for/while/with/try bodies, except handlers, match cases)."""
        for child in ("body", "orelse", "finalbody", "handlers"):
            inner = getattr(node, child, None)
            if not (isinstance(inner, list) and inner and isinstance(inner[0], (ast.stmt, ast.ExceptHandler))):
                continue
            if isinstance(inner[0], ast.ExceptHandler):
                for handler in inner:
                    if handler.name:
                        self.facts.names.add(handler.name)
                    self.visit(handler.body, top)
            elif not isinstance(node, _DEFINITIONS):
                self.visit(inner, top)
        if isinstance(node, ast.Match):
            for case in node.cases:
                self.visit(case.body, top)

    def record_import(self, node: ast.Import | ast.ImportFrom, bind: bool) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                self.facts.imports.append((node.lineno, alias.name, None))
                if bind:
                    self.facts.names.add(alias.asname or alias.name.split(".")[0])
                    if alias.asname:
                        self.aliases[alias.asname] = alias.name
            return
        self.record_import_from(node, bind)

    def record_import_from(self, node: ast.ImportFrom, bind: bool) -> None:
        base = _absolute(self.path, node)
        # `from . import ombor` in pkg/__init__.py binds a submodule: it is a name of ours only if the file exists
        from_itself = (
            base is not None and ".".join(_dotted(self.path)).endswith(base) and self.path.endswith("__init__.py")
        )
        for alias in node.names:
            if alias.name == "*":
                if bind:
                    self.facts.stars.append(base)
                if base is not None:
                    self.facts.imports.append((node.lineno, base, None))
                continue
            if base is not None:
                self.facts.imports.append((node.lineno, base, alias.name))
                if bind:
                    self.aliases[alias.asname or alias.name] = f"{base}.{alias.name}"
            if bind and not from_itself:
                self.facts.names.add(alias.asname or alias.name)


class ProjectModules:
    """The Python files of one tree and what each binds; modules by every dotted name they can be imported as."""

    def __init__(self, root: Path, files: list[str], texts: dict[str, bytes] | None = None) -> None:
        self.root = root
        self.texts = texts or {}
        self.by_name: dict[str, list[str]] = {}
        self.packages: set[str] = set()  # dotted folder names that hold Python files
        self.top_levels: set[str] = set()
        self._facts: dict[str, ModuleFacts] = {}
        for path in files:
            if not path.endswith(".py"):
                continue
            dotted = _dotted(path)
            for start in range(len(dotted)):
                self.by_name.setdefault(".".join(dotted[start:]), []).append(path)
            folders = path.split("/")[:-1]
            for start in range(len(folders)):
                for end in range(start + 1, len(folders) + 1):
                    self.packages.add(".".join(folders[start:end]))
            if dotted:
                self.top_levels.update(dotted)

    def facts(self, path: str) -> ModuleFacts:
        found = self._facts.get(path)
        if found is None:
            text = self.texts.get(path)
            if text is None:
                try:
                    text = (self.root / path).read_bytes()
                except OSError:
                    text = b""
            found = self._facts[path] = module_facts(path, text)
        return found

    def is_module(self, dotted: str) -> bool:
        return dotted in self.by_name or dotted in self.packages

    def exports(self, dotted: str, star: bool = False, seen: frozenset[str] = frozenset()) -> set[str]:
        """Names `from dotted import name` finds (`star`: what `from dotted import *` brings)."""
        names: set[str] = set()
        if dotted in seen:
            return names
        seen = seen | {dotted}
        for path in self.by_name.get(dotted, []):
            facts = self.facts(path)
            if star and facts.all_names is not None:
                names.update(facts.all_names)
                for other in facts.all_from:
                    names.update(self._all_of(other, path, seen))
                continue
            own = set(facts.names) if not star else {n for n in facts.names if not n.startswith("_") or n == OPEN}
            names |= own
            for module in facts.stars:
                if module is None or not self.is_module(module):
                    if module is None or not self.is_ours(module):
                        names.add(OPEN)  # a star import from outside the project: anything may come from it
                else:
                    names |= self.exports(module, star=True, seen=seen)
        return names

    def _all_of(self, module: str, path: str, seen: frozenset[str]) -> set[str]:
        if not self.is_module(module):
            package = ".".join(_package(path))
            relative = f"{package}.{module}" if package else module
            module = relative if self.is_module(relative) else module
        if not self.is_module(module):
            return {OPEN}
        names: set[str] = set()
        for path_of in self.by_name.get(module, []):
            facts = self.facts(path_of)
            names.update(facts.all_names if facts.all_names is not None else {OPEN})
        return names

    def is_ours(self, module: str) -> bool:
        """Whether `module` would be a project module (its top level is, and some package of it is)."""
        if module.split(".")[0] not in self.top_levels:
            return False
        return any(self.is_module(module.rsplit(".", depth)[0]) for depth in range(0, module.count(".") + 1))

    def broken_imports(self, path: str) -> set[tuple[str, str | None]]:
        """(module, name) of the imports in `path` that name a project module but do not resolve."""
        broken: set[tuple[str, str | None]] = set()
        for _line, module, name in self.facts(path).imports:
            if not self.is_ours(module):
                continue  # not a project module (the standard library, an installed package)
            if not self.is_module(module):
                broken.add((module, name))
                continue
            if name is None or self.is_module(f"{module}.{name}"):
                continue
            if module not in self.by_name:
                broken.add((module, name))  # a namespace package holds only modules
                continue
            exports = self.exports(module)
            if name not in exports and OPEN not in exports:
                broken.add((module, name))
        return broken

    def import_lines(self, path: str, broken: set[tuple[str, str | None]]) -> list[tuple[int, str, str | None]]:
        return [(line, module, name) for line, module, name in self.facts(path).imports if (module, name) in broken]


def undefined_names(path: str, text: bytes) -> Counter:
    """Names pyflakes reports as undefined in one file (name -> count); empty when it does not parse."""
    from pyflakes import checker, messages

    try:
        tree = ast.parse(text, filename=path)
    except (SyntaxError, ValueError):
        return Counter()
    found: Counter = Counter()
    for message in checker.Checker(tree, filename=path).messages:
        if isinstance(message, (messages.UndefinedName, messages.UndefinedExport, messages.UndefinedLocal)):
            found[(message.message_args[0], message.lineno)] += 1
    return found


@dataclass
class StaticProblem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def static_problems(before: ProjectModules, after: ProjectModules, changed: set[str]) -> list[StaticProblem]:
    """Imports that resolved before and not after, and names undefined after that were defined before."""
    problems: list[StaticProblem] = []
    after_files = sorted({p for paths in after.by_name.values() for p in paths})
    before_files = {p for paths in before.by_name.values() for p in paths}
    for path in after_files:
        broken = after.broken_imports(path)
        if not broken:
            continue
        if path in before_files:
            broken -= before.broken_imports(path)  # already broken before the change: not its fault
        for line, module, name in after.import_lines(path, broken):
            shown = f"from {module} import {name}" if name else f"import {module}"
            problems.append(StaticProblem(path, line, f"`{shown}` no longer resolves after the change"))
    for path in sorted(changed):
        if not path.endswith(".py"):
            continue
        new_text = after.texts.get(path)
        if new_text is None:
            try:
                new_text = (after.root / path).read_bytes()
            except OSError:
                continue
        old_text = b""
        if path in before_files:
            old_text = before.texts.get(path) or (before.root / path).read_bytes()
        old = Counter(name for name, _line in undefined_names(path, old_text).elements())
        new = undefined_names(path, new_text)
        for (name, line), _count in sorted(new.items(), key=lambda item: item[0][1]):
            if old[name] > 0:
                old[name] -= 1
                continue
            problems.append(StaticProblem(path, line, f"undefined name {name!r} after the change"))
    return problems
