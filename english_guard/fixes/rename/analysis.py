"""One file's facts for the rename: every identifier token that names something, and what it names.

Scopes are resolved by CPython itself: `symtable` classifies every name of every scope (local,
parameter, global, free, nonlocal), and `ast` gives the exact position of every token. (LibCST's
ScopeProvider + PositionProvider did the same job at ~70-100 ms per 80-line file, too slow for a
500-file repository planned and applied in under a minute; see docs/rename.md.) The result is a
list of plain records (`FileFacts`) that can cross a process boundary and be combined into a
repository-wide index.

A token's *symbol* is a short string whose prefix says how it was resolved inside this file:

- `q:<qualname>`   a binding in a scope (module global, function local, parameter, import alias);
                   qualnames follow `__qualname__`: `pkg.mod.Class.method.<locals>.name`
- `a:<name>`       an attribute: a class member, `self.x`, `obj.x`, `getattr(obj, "x")`
- `d:<dotted>|<n>` attribute `n` of an imported module or object (`models.Savat`, `bot.models.narx`)
- `k:<callee>\t<n>` keyword argument `n=` of a call whose callee has symbol `<callee>`
- `b:<name>`       a builtin; `u:<name>` unresolved (maybe from a star import)
- `x:replace`      the callee `dataclasses.replace` / `obj._replace` (keywords name fields)

The repository-wide index (`index.py`) decides which of these are the same symbol.
"""
from __future__ import annotations

import ast
import builtins
import re
import symtable
from collections import defaultdict, deque
from dataclasses import dataclass, field

from english_guard.fixes.rename.files import SourceFile

STRING_REFERENCE_FUNCTIONS = frozenset({"getattr", "setattr", "hasattr", "delattr"})
BUILTINS = frozenset(dir(builtins))
_IDENTIFIER_RE = re.compile(r"[^\W\d]\w*")
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_DEF_RE = re.compile(r"(?:async(?:\s|\\\r?\n)+)?(?:def|class)(?:\s|\\\r?\n)+")
_AS_RE = re.compile(r"\bas(?:\s|\\\r?\n)+([^\W\d]\w*)")
_STRING_PREFIX_RE = re.compile(r"^([rRuU]?)('''|\"\"\"|'|\")")
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)
_COMPREHENSION_NAMES = {ast.ListComp: "listcomp", ast.SetComp: "setcomp", ast.GeneratorExp: "genexpr",
                        ast.DictComp: "dictcomp"}


class AnalysisError(Exception):
    """A token could not be located exactly; the file is not analysed rather than edited wrongly."""


@dataclass(slots=True)
class Occurrence:
    """One token that names a symbol. `offset` indexes the decoded text; `text` is what is there now."""

    offset: int
    line: int
    column: int
    text: str
    symbol: str
    role: str  # definition, use, import, attribute, keyword, string


@dataclass(slots=True)
class Binding:
    """A name bound in this file (a definition, or an import that binds a name)."""

    qualname: str
    name: str
    kind: str  # function, method, class, parameter, variable, constant, attribute, import-alias, import
    line: int
    column: int
    symbol: str  # the symbol its tokens carry (q:... or a:...)
    # For imports: what the name refers to, as a symbol (d:module|name) or a module path (m:pkg.mod).
    target: str = ""
    implicit: bool = False  # `from m import n` (the local name is the imported one) rather than `as`


@dataclass(slots=True)
class ClassInfo:
    qualname: str
    bases: list[str]  # symbols of the base expressions
    members: set[str] = field(default_factory=set)
    has_init: bool = False


@dataclass(slots=True)
class FunctionInfo:
    qualname: str
    name: str
    params: list[str]
    class_qualname: str = ""  # set for methods
    fixture: bool = False  # a pytest fixture: test parameters with its name receive it


@dataclass(slots=True)
class FileFacts:
    path: str
    module: str
    occurrences: list[Occurrence] = field(default_factory=list)
    bindings: list[Binding] = field(default_factory=list)
    classes: dict[str, ClassInfo] = field(default_factory=dict)
    functions: dict[str, FunctionInfo] = field(default_factory=dict)
    star_imports: list[str] = field(default_factory=list)  # absolute module names
    # String literals that look like identifiers but that the rename cannot prove are references.
    strings: list[Occurrence] = field(default_factory=list)
    # Calls that pass `**mapping`: the keyword names travel as data (their symbol is the callee's).
    star_calls: list[Occurrence] = field(default_factory=list)
    error: str = ""  # a parse error "path:line: message"; nothing else is filled then


@dataclass(slots=True)
class _Scope:
    kind: str  # module, class, function, lambda, comprehension
    table: symtable.SymbolTable
    prefix: str  # qualname prefix of the names bound here
    parent: _Scope | None
    qualname: str = ""  # the class or function itself
    children: dict[tuple[str, int], deque] = field(default_factory=dict)
    self_symbol: str = ""  # methods: the first parameter's symbol
    class_qualname: str = ""  # methods: their class


def _package_of(module: str, path: str) -> str:
    if path.endswith("__init__.py") or path.endswith("__init__.pyi"):
        return module
    return module.rpartition(".")[0]


def _absolute_module(package: str, node: ast.ImportFrom) -> str | None:
    if not node.level:
        return node.module
    parts = package.split(".") if package else []
    if node.level - 1 > len(parts) or (not parts and node.level):
        return None
    base = parts[: len(parts) - (node.level - 1)]
    if node.module:
        base.append(node.module)
    return ".".join(base) or None


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        left = _dotted(node.value)
        return f"{left}.{node.attr}" if left is not None else None
    return None


def _is_fixture_decorator(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        node = node.func
    return _dotted(node) in {"fixture", "pytest.fixture", "pytest_asyncio.fixture"}


class _Walker:
    def __init__(self, source: SourceFile, facts: FileFacts, table: symtable.SymbolTable) -> None:
        self.source = source
        self.text = source.text
        self.facts = facts
        self.starts = [0] + [m.end() for m in _LINE_BREAK_RE.finditer(self.text)]
        self.package = _package_of(source.module, source.path)
        self.module_scope = self.new_scope("module", table, f"{source.module}.", None)
        self.seen: set[int] = set()
        self.node_symbol: dict[int, str] = {}  # id(ast node) -> symbol, for receivers and callees
        self.import_bindings: dict[str, Binding] = {}
        self.module_names: set[str] = set()  # names bound at module level, anywhere in the file
        self.deferred: list = []
        self.in_annotation = 0

    # ----- positions ----------------------------------------------------------------------------------
    def offset(self, lineno: int, col: int) -> int:
        start = self.starts[lineno - 1]
        line_end = self.starts[lineno] if lineno < len(self.starts) else len(self.text)
        line = self.text[start:line_end]
        if line.isascii():
            return start + col
        return start + len(line.encode("utf-8")[:col].decode("utf-8", errors="ignore"))

    def line_column(self, offset: int) -> tuple[int, int]:
        low, high = 0, len(self.starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1, offset - self.starts[low] + 1

    def add_at(self, offset: int, text: str, symbol: str, role: str) -> None:
        if self.text[offset: offset + len(text)] != text:
            line, _column = self.line_column(offset)
            raise AnalysisError(f"{self.source.path}:{line}: cannot locate the token {text!r} exactly")
        if offset in self.seen:
            return
        self.seen.add(offset)
        line, column = self.line_column(offset)
        self.facts.occurrences.append(Occurrence(offset, line, column, text, symbol, role))

    def add_node(self, node: ast.AST, text: str, symbol: str, role: str) -> int:
        offset = self.offset(node.lineno, node.col_offset)
        self.add_at(offset, text, symbol, role)
        return offset

    def add_end(self, node: ast.AST, text: str, symbol: str, role: str) -> int:
        """A token that ends where `node` ends (Attribute.attr, `as` names)."""
        offset = self.offset(node.end_lineno, node.end_col_offset) - len(text)
        self.add_at(offset, text, symbol, role)
        return offset

    def name_after_keyword(self, node: ast.AST, name: str) -> int:
        """The offset of a def/class name: after `def`, `async def` or `class`."""
        start = self.offset(node.lineno, node.col_offset)
        match = _DEF_RE.match(self.text, start)
        if match is None or not self.text.startswith(name, match.end()):
            raise AnalysisError(f"{self.source.path}:{node.lineno}: cannot locate the name {name!r}")
        return match.end()

    def segment(self, node: ast.AST) -> tuple[int, str]:
        start = self.offset(node.lineno, node.col_offset)
        end = self.offset(node.end_lineno, node.end_col_offset)
        return start, self.text[start:end]

    # ----- scopes -------------------------------------------------------------------------------------
    def new_scope(self, kind: str, table, prefix: str, parent: _Scope | None, qualname: str = "") -> _Scope:
        scope = _Scope(kind, table, prefix, parent, qualname)
        for child in self._child_tables(table):
            scope.children.setdefault((child.get_name(), child.get_lineno()), deque()).append(child)
        return scope

    def _child_tables(self, table):
        for child in table.get_children():
            if child.get_type() in {"module", "class", "function"}:
                yield child
            else:  # annotation or type-parameter scopes of newer Pythons: look through them
                yield from self._child_tables(child)

    def child_table(self, scope: _Scope, name: str, lineno: int):
        queue = scope.children.get((name, lineno))
        if not queue:
            raise AnalysisError(f"{self.source.path}:{lineno}: no symbol table for {name}")
        return queue.popleft()

    def enter(self, scope: _Scope, node: ast.AST, kind: str, name: str, table_name: str) -> _Scope:
        table = self.child_table(scope, table_name, node.lineno)
        if kind == "class":
            qualname = scope.prefix + name
            return self.new_scope(kind, table, qualname + ".", scope, qualname)
        if kind == "function":
            qualname = scope.prefix + name
            return self.new_scope(kind, table, qualname + ".<locals>.", scope, qualname)
        label = "<lambda>" if kind == "lambda" else "<comprehension>"
        return self.new_scope(kind, table, f"{scope.prefix}{label}.<locals>.", scope)

    @staticmethod
    def mangled(name: str, scope: _Scope | None) -> str:
        """`__x` inside a class body or its methods is `_Class__x` to the interpreter (and to symtable)."""
        if not name.startswith("__") or name.endswith("__"):
            return name
        while scope is not None and scope.kind != "class":
            scope = scope.parent
        if scope is None:
            return name
        owner = scope.qualname.rpartition(".")[2].lstrip("_")
        return f"_{owner}{name}" if owner else name

    def lookup(self, scope: _Scope, name: str):
        try:
            return scope.table.lookup(self.mangled(name, scope))
        except KeyError:
            return None

    def resolve(self, name: str, scope: _Scope) -> str:
        """The symbol `name` has in `scope`, by Python's own rules (symtable's classification)."""
        if scope.kind == "module":
            return f"g:{name}"
        symbol = self.lookup(scope, name)
        if symbol is None:
            return self.resolve_outward(name, scope.parent)
        if symbol.is_global():
            return f"g:{name}"
        if symbol.is_local() or symbol.is_parameter():
            if scope.kind == "class":
                return f"a:{name}"
            return f"q:{scope.prefix}{name}"
        if symbol.is_free() or symbol.is_nonlocal():
            return self.resolve_outward(name, scope.parent)
        return f"g:{name}"

    def resolve_outward(self, name: str, scope: _Scope | None) -> str:
        while scope is not None and scope.kind != "module":
            if scope.kind != "class":
                symbol = self.lookup(scope, name)
                if symbol is not None and (symbol.is_local() or symbol.is_parameter()) \
                        and not symbol.is_free() and not symbol.is_global():
                    return f"q:{scope.prefix}{name}"
            scope = scope.parent
        return f"g:{name}"

    def binding_symbol(self, name: str, scope: _Scope) -> str:
        symbol = self.resolve(name, scope)
        if symbol.startswith("g:"):
            self.module_names.add(name)
        return symbol

    def bind(self, name: str, scope: _Scope, offset: int, kind: str, role: str = "definition") -> str:
        symbol = self.binding_symbol(name, scope)
        if symbol.startswith("a:"):
            qualname = scope.prefix + name
        elif symbol.startswith("g:"):
            qualname = f"{self.source.module}.{name}"
            if kind == "variable" and name.isupper():
                kind = "constant"
        else:
            qualname = symbol[2:]
        line, column = self.line_column(offset)
        if self.text[offset: offset + len(name)] != name:
            raise AnalysisError(f"{self.source.path}:{line}: cannot locate the name {name!r}")
        self.facts.bindings.append(Binding(qualname, name, kind, line, column,
                                           symbol if not symbol.startswith("g:") else f"q:{qualname}"))
        self.add_at(offset, name, symbol, role)
        return symbol

    # ----- walking ------------------------------------------------------------------------------------
    def walk(self, tree: ast.Module) -> None:
        for statement in tree.body:
            self.visit(statement, self.module_scope)
        module = self.source.module
        for key, symbol in list(self.node_symbol.items()):
            if symbol.startswith("g:"):
                self.node_symbol[key] = self.global_symbol(symbol[2:])
        for action in self.deferred:
            action()
        for occurrence in self.facts.occurrences:
            if occurrence.symbol.startswith("g:"):
                name = occurrence.symbol[2:]
                if name in self.module_names:
                    occurrence.symbol = f"q:{module}.{name}"
                elif name in BUILTINS and not self.facts.star_imports:
                    occurrence.symbol = f"b:{name}"
                else:
                    occurrence.symbol = f"u:{name}"

    def visit_all(self, nodes, scope: _Scope) -> None:
        for node in nodes:
            if node is not None:
                self.visit(node, scope)

    def visit(self, node: ast.AST, scope: _Scope) -> None:
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is not None:
            method(node, scope)
        else:
            for child in ast.iter_child_nodes(node):
                self.visit(child, scope)

    def visit_annotation(self, node: ast.AST | None, scope: _Scope) -> None:
        if node is None:
            return
        self.in_annotation += 1
        try:
            self.visit(node, scope)
        finally:
            self.in_annotation -= 1

    # names
    def visit_Name(self, node: ast.Name, scope: _Scope) -> None:
        if isinstance(node.ctx, ast.Store):
            kind = {"class": "attribute"}.get(scope.kind, "variable")
            symbol = self.bind(node.id, scope, self.offset(node.lineno, node.col_offset), kind)
        else:
            symbol = self.resolve(node.id, scope)
            self.add_node(node, node.id, symbol, "use")
        self.node_symbol[id(node)] = symbol

    def visit_Global(self, node: ast.Global, scope: _Scope) -> None:
        self.declared_names(node, scope, "global")

    def visit_Nonlocal(self, node: ast.Nonlocal, scope: _Scope) -> None:
        self.declared_names(node, scope, "nonlocal")

    def declared_names(self, node, scope: _Scope, keyword: str) -> None:
        start, text = self.segment(node)
        position = len(keyword)
        for name in node.names:
            match = re.compile(rf"\b{re.escape(name)}\b").search(text, position)
            if match is None:
                raise AnalysisError(f"{self.source.path}:{node.lineno}: cannot locate {name!r}")
            position = match.end()
            symbol = self.resolve(name, scope)
            if symbol.startswith("g:"):
                self.module_names.add(name)
            self.add_at(start + match.start(), name, symbol, "use")

    # definitions
    def visit_FunctionDef(self, node, scope: _Scope) -> None:
        self.visit_all(node.decorator_list, scope)
        arguments = node.args
        self.visit_all(arguments.defaults, scope)
        self.visit_all(arguments.kw_defaults, scope)
        all_args = [*arguments.posonlyargs, *arguments.args, arguments.vararg, *arguments.kwonlyargs,
                    arguments.kwarg]
        for arg in all_args:
            if arg is not None:
                self.visit_annotation(arg.annotation, scope)
        self.visit_annotation(node.returns, scope)
        kind = "method" if scope.kind == "class" else "function"
        symbol = self.bind(node.name, scope, self.name_after_keyword(node, node.name), kind)
        inner = self.enter(scope, node, "function", node.name, node.name)
        params = [a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)]
        class_qualname = scope.qualname if scope.kind == "class" else ""
        fixture = any(_is_fixture_decorator(d) for d in node.decorator_list)
        self.facts.functions[inner.qualname] = FunctionInfo(inner.qualname, node.name, params, class_qualname,
                                                            fixture)
        is_static = any(_dotted(d) == "staticmethod" for d in node.decorator_list)
        if class_qualname and params and not is_static:
            inner.self_symbol = f"q:{inner.prefix}{params[0]}"
            inner.class_qualname = class_qualname
        for arg in all_args:
            if arg is not None:
                self.bind(arg.arg, inner, self.offset(arg.lineno, arg.col_offset), "parameter")
        self.visit_all(node.body, inner)
        del symbol

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda, scope: _Scope) -> None:
        arguments = node.args
        self.visit_all(arguments.defaults, scope)
        self.visit_all(arguments.kw_defaults, scope)
        inner = self.enter(scope, node, "lambda", "lambda", "lambda")
        for arg in (*arguments.posonlyargs, *arguments.args, arguments.vararg, *arguments.kwonlyargs,
                    arguments.kwarg):
            if arg is not None:
                self.bind(arg.arg, inner, self.offset(arg.lineno, arg.col_offset), "parameter")
        self.visit(node.body, inner)

    def visit_ClassDef(self, node: ast.ClassDef, scope: _Scope) -> None:
        self.visit_all(node.decorator_list, scope)
        self.visit_all(node.bases, scope)
        for keyword in node.keywords:
            self.visit(keyword.value, scope)
        self.bind(node.name, scope, self.name_after_keyword(node, node.name), "class")
        inner = self.enter(scope, node, "class", node.name, node.name)
        private = f"_{node.name.lstrip('_')}__"
        members = {("__" + s.get_name()[len(private):]) if s.get_name().startswith(private) else s.get_name()
                   for s in inner.table.get_symbols() if s.is_local()}
        info = ClassInfo(inner.qualname, [], members, has_init="__init__" in members)
        self.facts.classes[inner.qualname] = info
        bases = node.bases
        self.deferred.append(lambda: info.bases.extend(self.expression_symbol(b) for b in bases))
        self.visit_all(node.body, inner)

    def expression_symbol(self, node: ast.AST) -> str:
        if isinstance(node, ast.Name):
            return self.node_symbol.get(id(node), f"u:{node.id}")
        if isinstance(node, ast.Attribute):
            return self.attribute_symbol(node)
        return "x:expression"

    def visit_comprehension_node(self, node, scope: _Scope) -> None:
        generators = node.generators
        self.visit(generators[0].iter, scope)
        inner = self.enter(scope, node, "comprehension", "", _COMPREHENSION_NAMES[type(node)])
        for index, generator in enumerate(generators):
            self.visit(generator.target, inner)
            if index:
                self.visit(generator.iter, inner)
            self.visit_all(generator.ifs, inner)
        if isinstance(node, ast.DictComp):
            self.visit(node.key, inner)
            self.visit(node.value, inner)
        else:
            self.visit(node.elt, inner)

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = visit_comprehension_node

    # imports
    def module_tokens(self, text_start: int, dotted: str, absolute: str) -> None:
        """Each component of a dotted module name in an import is a token naming that module."""
        parts = dotted.split(".")
        absolute_parts = absolute.split(".")
        shift = len(absolute_parts) - len(parts)
        position = text_start
        for index, part in enumerate(parts):
            match = re.compile(rf"\b{re.escape(part)}\b").search(self.text, position)
            if match is None:
                raise AnalysisError(f"{self.source.path}: cannot locate the module name {part!r}")
            self.add_at(match.start(), part, "m:" + ".".join(absolute_parts[: shift + index + 1]), "module")
            position = match.end()

    def visit_Import(self, node: ast.Import, scope: _Scope) -> None:
        for alias in node.names:
            self.module_tokens(self.offset(alias.lineno, alias.col_offset), alias.name, alias.name)
            if alias.asname:
                symbol = self.binding_symbol(alias.asname, scope)
                offset = self.offset(alias.end_lineno, alias.end_col_offset) - len(alias.asname)
                self.import_binding(scope, alias.asname, offset, symbol, "import-alias", f"m:{alias.name}", False)
            else:
                top = alias.name.split(".")[0]
                symbol = self.binding_symbol(top, scope)
                offset = self.offset(alias.lineno, alias.col_offset)
                self.import_binding(scope, top, offset, symbol, "import", f"m:{top}", True, record_token=False)

    def visit_ImportFrom(self, node: ast.ImportFrom, scope: _Scope) -> None:
        base = _absolute_module(self.package, node)
        if node.module and base:
            start = self.offset(node.lineno, node.col_offset) + len("from")
            match = re.compile(r"(?:\s|\\\r?\n)*\.*(?:\s|\\\r?\n)*").match(self.text, start)
            self.module_tokens(match.end(), node.module, base)
        for alias in node.names:
            if alias.name == "*":
                if base:
                    self.facts.star_imports.append(base)
                continue
            if base is None:
                continue
            target = f"d:{base}|{alias.name}"
            name_offset = self.offset(alias.lineno, alias.col_offset)
            if alias.asname:
                symbol = self.binding_symbol(alias.asname, scope)
                offset = self.offset(alias.end_lineno, alias.end_col_offset) - len(alias.asname)
                self.import_binding(scope, alias.asname, offset, symbol, "import-alias", target, False)
                self.add_at(name_offset, alias.name, target, "import")
            else:
                symbol = self.binding_symbol(alias.name, scope)
                self.import_binding(scope, alias.name, name_offset, symbol, "import", target, True)

    def import_binding(self, scope: _Scope, name: str, offset: int, symbol: str, kind: str, target: str,
                       implicit: bool, record_token: bool = True) -> None:
        qualname = f"{self.source.module}.{name}" if symbol.startswith("g:") else (
            scope.prefix + name if symbol.startswith("a:") else symbol[2:])
        line, column = self.line_column(offset)
        stored = f"q:{qualname}" if not symbol.startswith("a:") else symbol
        binding = Binding(qualname, name, kind, line, column, stored, target=target, implicit=implicit)
        self.facts.bindings.append(binding)
        self.import_bindings[qualname] = binding
        if record_token:
            self.add_at(offset, name, symbol, "definition" if kind == "import-alias" else "import")

    # attributes, calls, strings
    def receiver_dotted(self, node: ast.AST) -> str | None:
        """The absolute dotted path of an expression rooted in an import (`models.Savat` -> `bot.models.Savat`)."""
        if isinstance(node, ast.Name):
            symbol = self.node_symbol.get(id(node), "")
            if symbol.startswith("g:"):
                symbol = f"q:{self.source.module}.{symbol[2:]}"
            binding = self.import_bindings.get(symbol[2:]) if symbol.startswith("q:") else None
            if binding is None:
                return None
            if binding.target.startswith("m:"):
                return binding.target[2:]
            module, _, imported = binding.target[2:].partition("|")
            return f"{module}.{imported}"
        if isinstance(node, ast.Attribute):
            left = self.receiver_dotted(node.value)
            return f"{left}.{node.attr}" if left is not None else None
        return None

    def attribute_symbol(self, node: ast.Attribute) -> str:
        dotted = self.receiver_dotted(node.value)
        if dotted is not None:
            return f"d:{dotted}|{node.attr}"
        return f"a:{node.attr}"

    def visit_Attribute(self, node: ast.Attribute, scope: _Scope) -> None:
        self.visit(node.value, scope)
        offset = self.offset(node.end_lineno, node.end_col_offset) - len(node.attr)
        self.add_at(offset, node.attr, f"a:{node.attr}", "attribute")
        occurrence = self.facts.occurrences[-1] if self.facts.occurrences[-1].offset == offset else None
        if occurrence is not None:
            self.deferred.append(lambda: setattr(occurrence, "symbol", self.attribute_symbol(node)))
        # self.x = ... inside a method defines a member of the class
        method = scope if scope.kind == "function" else None
        if method is not None and method.self_symbol and isinstance(node.ctx, ast.Store) \
                and isinstance(node.value, ast.Name) and self.node_symbol.get(id(node.value)) == method.self_symbol:
            info = self.facts.classes.get(method.class_qualname)
            if info is not None and node.attr not in info.members:
                info.members.add(node.attr)
                line, column = self.line_column(offset)
                self.facts.bindings.append(Binding(f"{method.class_qualname}.{node.attr}", node.attr,
                                                   "attribute", line, column, f"a:{node.attr}"))

    def visit_Call(self, node: ast.Call, scope: _Scope) -> None:
        self.visit(node.func, scope)
        self.visit_all(node.args, scope)
        for keyword in node.keywords:
            self.visit(keyword.value, scope)
        func = node.func
        if isinstance(func, ast.Name) and func.id in STRING_REFERENCE_FUNCTIONS and len(node.args) >= 2:
            self.deferred.append(lambda: self.string_reference(node))
        if any(k.arg is None for k in node.keywords):
            line, column = node.lineno, node.col_offset + 1
            star = Occurrence(self.offset(node.lineno, node.col_offset), line, column, "**", "", "star-call")
            self.facts.star_calls.append(star)
            self.deferred.append(lambda: setattr(star, "symbol", self.callee_symbol(node)))
        keywords = [k for k in node.keywords if k.arg is not None]
        for keyword in keywords:
            self.add_node(keyword, keyword.arg, f"k:?\t{keyword.arg}", "keyword")
            occurrence = self.facts.occurrences[-1]
            self.deferred.append(lambda o=occurrence, k=keyword: setattr(
                o, "symbol", f"k:{self.callee_symbol(node)}\t{k.arg}"))

    def callee_symbol(self, node: ast.Call) -> str:
        func = node.func
        if isinstance(func, ast.Name):
            callee = self.node_symbol.get(id(func), f"u:{func.id}")
            if callee.startswith("g:"):
                callee = self.global_symbol(callee[2:])
        elif isinstance(func, ast.Attribute):
            callee = "x:replace" if func.attr == "_replace" else self.attribute_symbol(func)
        else:
            return "x:expression"
        if callee in {"d:dataclasses|replace", "q:dataclasses.replace"}:
            return "x:replace"
        binding = self.import_bindings.get(callee[2:]) if callee.startswith("q:") else None
        if binding is not None and binding.target == "d:dataclasses|replace":
            return "x:replace"
        return callee

    def global_symbol(self, name: str) -> str:
        if name in self.module_names:
            return f"q:{self.source.module}.{name}"
        return f"b:{name}" if name in BUILTINS else f"u:{name}"

    def string_reference(self, node: ast.Call) -> None:
        if self.callee_symbol(node) != f"b:{node.func.id}":
            return
        literal = node.args[1]
        if isinstance(literal, ast.Constant) and isinstance(literal.value, str) and literal.value.isidentifier():
            offset = self.string_content(literal)
            if offset is not None:
                self.seen.discard(offset)
                self.add_at(offset, literal.value, f"a:{literal.value}", "string")

    def string_content(self, node: ast.Constant) -> int | None:
        """The offset of a plain string literal's content, when it is one token without escapes."""
        start, raw = self.segment(node)
        match = _STRING_PREFIX_RE.match(raw)
        if match is None:
            return None
        quote = match.group(2)
        inner = raw[match.end(): len(raw) - len(quote)]
        if not raw.endswith(quote) or inner != node.value:
            return None
        return start + match.end()

    def visit_Constant(self, node: ast.Constant, scope: _Scope) -> None:
        if not isinstance(node.value, str):
            return
        if self.in_annotation:
            self.string_annotation(node, scope)
            return
        if node.value.isidentifier() or (node.value.count(".") and
                                          all(part.isidentifier() for part in node.value.split("."))):
            offset = self.string_content(node)
            if offset is not None:
                line, column = self.line_column(offset)
                self.facts.strings.append(Occurrence(offset, line, column, node.value, "", "string"))

    def visit_JoinedStr(self, node: ast.JoinedStr, scope: _Scope) -> None:
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.visit(value, scope)

    def string_annotation(self, node: ast.Constant, scope: _Scope) -> None:
        """`"Mahsulot"` or `"list[Mahsulot]"` as a type annotation: its names are provable references."""
        offset = self.string_content(node)
        if offset is None or "\n" in node.value:
            return
        try:
            expression = ast.parse(node.value.strip(), mode="eval")
        except SyntaxError:
            return
        lead = len(node.value) - len(node.value.lstrip())
        for inner in ast.walk(expression):
            if isinstance(inner, ast.Name):
                symbol = self.resolve(inner.id, scope)
                if not symbol.startswith(("g:", "q:", "a:")):
                    continue
                try:
                    self.add_at(offset + lead + inner.col_offset, inner.id, symbol, "use")
                except AnalysisError:
                    continue  # not exactly locatable: it stays an unprovable string

    # statements with names that are not Name nodes, and __all__ / __slots__
    def visit_ExceptHandler(self, node: ast.ExceptHandler, scope: _Scope) -> None:
        if node.type is not None:
            self.visit(node.type, scope)
        if node.name:
            start = self.offset(node.type.end_lineno, node.type.end_col_offset) if node.type else \
                self.offset(node.lineno, node.col_offset)
            match = _AS_RE.search(self.text, start)
            if match is None or match.group(1) != node.name:
                raise AnalysisError(f"{self.source.path}:{node.lineno}: cannot locate {node.name!r}")
            self.bind(node.name, scope, match.start(1), "variable")
        self.visit_all(node.body, scope)

    def visit_Assign(self, node: ast.Assign, scope: _Scope) -> None:
        self.visit(node.value, scope)
        self.visit_all(node.targets, scope)
        if len(node.targets) == 1:
            self.all_or_slots(node.targets[0], node.value, scope)

    def visit_AugAssign(self, node: ast.AugAssign, scope: _Scope) -> None:
        self.visit(node.value, scope)
        target = node.target
        if isinstance(target, ast.Name):  # both a use and a binding of the same token
            symbol = self.bind(target.id, scope, self.offset(target.lineno, target.col_offset),
                               {"class": "attribute"}.get(scope.kind, "variable"))
            self.node_symbol[id(target)] = symbol
        else:
            self.visit(target, scope)
        self.all_or_slots(target, node.value, scope)

    def visit_AnnAssign(self, node: ast.AnnAssign, scope: _Scope) -> None:
        self.visit_annotation(node.annotation, scope)
        if node.value is not None:
            self.visit(node.value, scope)
        self.visit(node.target, scope)
        if node.value is not None:
            self.all_or_slots(node.target, node.value, scope)

    def visit_NamedExpr(self, node: ast.NamedExpr, scope: _Scope) -> None:
        self.visit(node.value, scope)
        self.visit(node.target, scope)

    def all_or_slots(self, target: ast.AST, value: ast.AST, scope: _Scope) -> None:
        """`__all__` names module globals and `__slots__` names members: their strings are references."""
        if not isinstance(target, ast.Name) or target.id not in {"__all__", "__slots__"}:
            return
        if not isinstance(value, (ast.List, ast.Tuple, ast.Set)):
            return
        for element in value.elts:
            if not (isinstance(element, ast.Constant) and isinstance(element.value, str)
                    and element.value.isidentifier()):
                continue
            if target.id == "__all__" and scope.kind == "module":
                symbol = f"q:{self.source.module}.{element.value}"
            elif target.id == "__slots__" and scope.kind == "class":
                symbol = f"a:{element.value}"
            else:
                continue
            offset = self.string_content(element)
            if offset is not None:
                self.facts.strings = [s for s in self.facts.strings if s.offset != offset]
                self.add_at(offset, element.value, symbol, "string")

    # match statements
    def visit_MatchAs(self, node: ast.MatchAs, scope: _Scope) -> None:
        if node.pattern is not None:
            self.visit(node.pattern, scope)
        if node.name:
            self.bind(node.name, scope, self.offset(node.end_lineno, node.end_col_offset) - len(node.name),
                      "variable")

    def visit_MatchStar(self, node: ast.MatchStar, scope: _Scope) -> None:
        if node.name:
            self.bind(node.name, scope, self.offset(node.end_lineno, node.end_col_offset) - len(node.name),
                      "variable")

    def visit_MatchMapping(self, node: ast.MatchMapping, scope: _Scope) -> None:
        self.visit_all(node.keys, scope)
        self.visit_all(node.patterns, scope)
        if node.rest:
            start, text = self.segment(node)
            match = re.search(rf"\*\*\s*({re.escape(node.rest)})\b", text)
            if match is None:
                raise AnalysisError(f"{self.source.path}:{node.lineno}: cannot locate {node.rest!r}")
            self.bind(node.rest, scope, start + match.start(1), "variable")

    def visit_MatchClass(self, node: ast.MatchClass, scope: _Scope) -> None:
        self.visit(node.cls, scope)
        self.visit_all(node.patterns, scope)
        start, text = self.segment(node)
        position = 0
        for name, pattern in zip(node.kwd_attrs, node.kwd_patterns):
            match = re.compile(rf"\b{re.escape(name)}\s*=").search(text, position)
            if match is None:
                raise AnalysisError(f"{self.source.path}:{node.lineno}: cannot locate {name!r}")
            self.add_at(start + match.start(), name, f"a:{name}", "attribute")
            position = match.end()
            self.visit(pattern, scope)


def analyze_source(source: SourceFile) -> FileFacts:
    """Parse one file and collect its facts; a file that does not parse gets `error` set instead."""
    facts = FileFacts(path=source.path, module=source.module)
    try:
        tree = ast.parse(source.text, filename=source.path)
        table = symtable.symtable(source.text, source.path, "exec")
    except SyntaxError as exc:
        facts.error = f"{source.path}:{exc.lineno}: does not parse: {exc.msg}"
        return facts
    except (ValueError, RecursionError, MemoryError) as exc:
        facts.error = f"{source.path}: does not parse: {exc}"
        return facts
    walker = _Walker(source, facts, table)
    try:
        walker.walk(tree)
    except AnalysisError as exc:
        return FileFacts(path=source.path, module=source.module, error=str(exc))
    facts.occurrences.sort(key=lambda o: o.offset)
    provable = {o.offset for o in facts.occurrences}
    facts.strings = [s for s in facts.strings if s.offset not in provable]
    return facts
