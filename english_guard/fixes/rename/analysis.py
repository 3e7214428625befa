"""One file's facts for the rename: every identifier token that names something, and what it names.

LibCST's ScopeProvider resolves each name to its binding; this module turns that into plain records
(`FileFacts`) that can cross a process boundary and be combined into a repository-wide index.

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

import re
from dataclasses import dataclass, field

import libcst as cst
from libcst.helpers import get_absolute_module_from_package_for_import
from libcst.metadata import (
    Assignment,
    BuiltinAssignment,
    ClassScope,
    ComprehensionScope,
    FunctionScope,
    GlobalScope,
    ImportAssignment,
    MetadataWrapper,
    PositionProvider,
    Scope,
    ScopeProvider,
)

from english_guard.fixes.rename.files import SourceFile

STRING_REFERENCE_FUNCTIONS = frozenset({"getattr", "setattr", "hasattr", "delattr"})
_IDENTIFIER_RE = re.compile(r"[^\W\d]\w*")
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


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
    error: str = ""  # a parse error "path:line: message"; nothing else is filled then


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in _LINE_BREAK_RE.finditer(text))
    return starts


def _package_of(module: str, path: str) -> str:
    if path.endswith("__init__.py") or path.endswith("__init__.pyi"):
        return module
    return module.rpartition(".")[0]


def _dotted(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        left = _dotted(node.value)
        return f"{left}.{node.attr.value}" if left is not None else None
    return None


def _string_inner(node: cst.SimpleString) -> tuple[int, str] | None:
    """(offset of the content inside the token, raw content) when the literal has no escapes or prefix tricks."""
    prefix = node.prefix.lower()
    if "b" in prefix or "f" in prefix:
        return None
    quote = node.quote
    raw = node.value[len(node.prefix) + len(quote): len(node.value) - len(quote)]
    if "\\" in raw:
        return None
    return len(node.prefix) + len(quote), raw


def _is_fixture_decorator(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.Call):
        node = node.func
    dotted = _dotted(node)
    return dotted in {"fixture", "pytest.fixture", "pytest_asyncio.fixture"}


class _Collector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (ScopeProvider, PositionProvider)

    def __init__(self, source: SourceFile, facts: FileFacts, wrapper: MetadataWrapper) -> None:
        super().__init__()
        self.source = source
        self.facts = facts
        self.line_starts = _line_starts(source.text)
        self.package = _package_of(source.module, source.path)
        self.scopes = wrapper.resolve(ScopeProvider)
        self.positions = wrapper.resolve(PositionProvider)
        self.prefix: dict[Scope, str] = {}
        self.node_symbol: dict[int, str] = {}  # id(Name node) -> symbol, for receivers and callees
        self.seen_offsets: set[int] = set()
        self.class_stack: list[tuple[str, cst.ClassDef]] = []
        # method FunctionDef -> (class qualname, first parameter's symbol)
        self.method_stack: list[tuple[str, str]] = []

    # ----- helpers -------------------------------------------------------------------------
    def offset(self, node: cst.CSTNode, extra: int = 0) -> tuple[int, int, int]:
        start = self.positions[node].start
        return self.line_starts[start.line - 1] + start.column + extra, start.line, start.column + 1 + extra

    def add(self, node: cst.CSTNode, text: str, symbol: str, role: str, extra: int = 0) -> None:
        offset, line, column = self.offset(node, extra)
        if offset in self.seen_offsets:
            return
        if self.source.text[offset: offset + len(text)] != text:  # defensive: never edit the wrong bytes
            return
        self.seen_offsets.add(offset)
        self.facts.occurrences.append(Occurrence(offset, line, column, text, symbol, role))

    def scope_prefix(self, scope: Scope) -> str:
        cached = self.prefix.get(scope)
        if cached is not None:
            return cached
        if isinstance(scope, GlobalScope):
            value = f"{self.source.module}."
        else:
            parent = self.scope_prefix(scope.parent)
            node = getattr(scope, "node", None)
            if isinstance(scope, ClassScope):
                value = f"{parent}{node.name.value}."
            elif isinstance(scope, ComprehensionScope):
                value = f"{parent}<comprehension>.<locals>."
            elif isinstance(node, cst.FunctionDef):
                value = f"{parent}{node.name.value}.<locals>."
            else:
                value = f"{parent}<lambda>.<locals>."
        self.prefix[scope] = value
        return value

    def binding_symbol(self, assignment: Assignment) -> str:
        if isinstance(assignment.scope, ClassScope):
            return f"a:{assignment.name}"
        return f"q:{self.scope_prefix(assignment.scope)}{assignment.name}"

    def referent_symbol(self, referents, name: str) -> str:
        chosen = None
        for ref in referents:
            if isinstance(ref, BuiltinAssignment):
                return f"b:{name}"
            if isinstance(ref, Assignment):
                chosen = ref
                break
        if chosen is None:
            return f"u:{name}"
        return self.binding_symbol(chosen)

    def import_module(self, node: cst.ImportFrom) -> str | None:
        try:
            return get_absolute_module_from_package_for_import(self.package or None, node)
        except Exception:
            return None

    # ----- the scope pass: every binding and every access -----------------------------------
    def collect_scopes(self, module: cst.Module) -> None:
        scopes = {s for s in self.scopes.values() if s is not None}
        ordered = sorted(scopes, key=lambda s: self.scope_prefix(s))
        for scope in ordered:
            for assignment in scope.assignments:
                if isinstance(assignment, Assignment):
                    self.record_assignment(scope, assignment)
            for access in scope.accesses:
                node = access.node
                if isinstance(node, cst.Name):
                    symbol = self.referent_symbol(access.referents, node.value)
                    self.node_symbol[id(node)] = symbol
                    self.add(node, node.value, symbol, "use")
                elif isinstance(node, cst.SimpleString):
                    self.string_annotation(node, access)
                elif isinstance(node, cst.Attribute):  # `dokon.modellar` after `import dokon.modellar`
                    dotted = _dotted(node)
                    if dotted and any(isinstance(r, ImportAssignment) and isinstance(r.node, cst.Import)
                                      for r in access.referents):
                        self.node_symbol[id(node)] = f"m:{dotted}"

    def string_annotation(self, node: cst.SimpleString, access) -> None:
        """`"Mahsulot"` or `"list[Mahsulot]"` as a type annotation: LibCST parsed it, so its names are provable."""
        inner = _string_inner(node)
        if inner is None:
            return
        start, raw = inner
        by_name = {}
        for ref in access.referents:
            if isinstance(ref, Assignment):
                by_name.setdefault(ref.name, self.binding_symbol(ref))
        for match in _IDENTIFIER_RE.finditer(raw):
            symbol = by_name.get(match.group())
            if symbol:
                self.add(node, match.group(), symbol, "use", extra=start + match.start())

    def record_assignment(self, scope: Scope, assignment: Assignment) -> None:
        node = assignment.node
        name = assignment.name
        symbol = self.binding_symbol(assignment)
        qualname = self.scope_prefix(scope) + name
        in_class = isinstance(scope, ClassScope)
        if isinstance(assignment, ImportAssignment) or isinstance(node, (cst.Import, cst.ImportFrom)):
            self.record_import(scope, assignment, symbol, qualname)
            return
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            token = node.name
            if isinstance(node, cst.ClassDef):
                kind = "class"
            else:
                kind = "method" if in_class else "function"
        elif isinstance(node, cst.Param):
            token = node.name
            kind = "parameter"
        elif isinstance(node, cst.Name):
            token = node
            if in_class:
                kind = "attribute"
            elif isinstance(scope, GlobalScope) and name.isupper():
                kind = "constant"
            else:
                kind = "variable"
        else:
            return
        if not isinstance(token, cst.Name) or token.value != name:
            return
        self.node_symbol[id(token)] = symbol
        offset, line, column = self.offset(token)
        self.facts.bindings.append(Binding(qualname, name, kind, line, column, symbol))
        self.add(token, name, symbol, "definition")

    def record_import(self, scope: Scope, assignment: Assignment, symbol: str, qualname: str) -> None:
        node = assignment.node
        name = assignment.name
        if isinstance(node, cst.ImportFrom):
            if isinstance(node.names, cst.ImportStar):
                return
            base = self.import_module(node)
            if base is None:
                return
            for alias in node.names:
                imported = alias.name.value if isinstance(alias.name, cst.Name) else None
                if imported is None:
                    continue
                local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else imported
                if local != name:
                    continue
                target = f"d:{base}|{imported}"
                if alias.asname is None:
                    self.facts.bindings.append(Binding(qualname, name, "import", *self.offset(alias.name)[1:],
                                                       symbol, target=target, implicit=True))
                    self.node_symbol[id(alias.name)] = symbol
                    self.add(alias.name, name, symbol, "import")
                else:
                    token = alias.asname.name
                    self.facts.bindings.append(Binding(qualname, name, "import-alias", *self.offset(token)[1:],
                                                       symbol, target=target))
                    self.node_symbol[id(token)] = symbol
                    self.add(token, name, symbol, "definition")
                    self.add(alias.name, imported, target, "import")
        elif isinstance(node, cst.Import):
            for alias in node.names:
                dotted = _dotted(alias.name)
                if dotted is None:
                    continue
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    if alias.asname.name.value != name:
                        continue
                    token = alias.asname.name
                    self.facts.bindings.append(Binding(qualname, name, "import-alias", *self.offset(token)[1:],
                                                       symbol, target=f"m:{dotted}"))
                    self.add(token, name, symbol, "definition")
                elif dotted.split(".")[0] == name:
                    self.facts.bindings.append(Binding(qualname, name, "import", *self.offset(alias.name)[1:],
                                                       symbol, target=f"m:{name}", implicit=True))

    # ----- the tree pass: attributes, keywords, strings, classes, functions -------------------
    def receiver_dotted(self, node: cst.BaseExpression) -> str | None:
        """The absolute dotted path of an expression rooted in an import (`models.Savat` -> `bot.models.Savat`)."""
        if isinstance(node, cst.Name):
            symbol = self.node_symbol.get(id(node), "")
            if not symbol.startswith("q:"):
                return None
            binding = self.import_bindings.get(symbol[2:])
            if binding is None:
                return None
            if binding.target.startswith("m:"):
                return binding.target[2:]
            if binding.target.startswith("d:"):
                module, _, imported = binding.target[2:].partition("|")
                return f"{module}.{imported}"
            return None
        if isinstance(node, cst.Attribute):
            symbol = self.node_symbol.get(id(node), "")
            if symbol.startswith("m:"):
                return symbol[2:]
            left = self.receiver_dotted(node.value)
            return f"{left}.{node.attr.value}" if left is not None else None
        return None

    def attribute_symbol(self, node: cst.Attribute) -> str:
        dotted = self.receiver_dotted(node.value)
        if dotted is not None:
            return f"d:{dotted}|{node.attr.value}"
        return f"a:{node.attr.value}"

    def visit_Module(self, node: cst.Module) -> None:
        self.collect_scopes(node)
        self.import_bindings = {b.qualname: b for b in self.facts.bindings if b.kind in {"import", "import-alias"}}

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if isinstance(node.names, cst.ImportStar):
            base = self.import_module(node)
            if base:
                self.facts.star_imports.append(base)
        return False  # import names are handled from the scope's assignments

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        symbol = self.attribute_symbol(node)
        role = "attribute"
        self.add(node.attr, node.attr.value, symbol, role)
        # self.x = ... inside a method defines a member of the class
        if self.method_stack and isinstance(node.value, cst.Name):
            class_qualname, self_symbol = self.method_stack[-1]
            if self_symbol and self.node_symbol.get(id(node.value)) == self_symbol and self.storing(node):
                info = self.facts.classes.get(class_qualname)
                if info is not None and node.attr.value not in info.members:
                    info.members.add(node.attr.value)
                    offset, line, column = self.offset(node.attr)
                    self.facts.bindings.append(Binding(f"{class_qualname}.{node.attr.value}", node.attr.value,
                                                       "attribute", line, column, f"a:{node.attr.value}"))

    def storing(self, node: cst.Attribute) -> bool:
        return id(node) in self.store_targets

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self.mark_store(target.target)
        self.all_or_slots(node.targets[0].target if len(node.targets) == 1 else None, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self.mark_store(node.target)
        if node.value is not None:
            self.all_or_slots(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self.mark_store(node.target)
        self.all_or_slots(node.target, node.value)

    def mark_store(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Attribute):
            self.store_targets.add(id(target))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self.mark_store(element.value)
        elif isinstance(target, cst.StarredElement):
            self.mark_store(target.value)

    def all_or_slots(self, target: cst.BaseExpression | None, value: cst.BaseExpression) -> None:
        """`__all__` names module globals and `__slots__` names members: their strings are references."""
        if not isinstance(target, cst.Name) or target.value not in {"__all__", "__slots__"}:
            return
        if not isinstance(value, (cst.List, cst.Tuple, cst.Set)):
            return
        in_class = bool(self.class_stack) and not self.method_stack
        for element in value.elements:
            string = element.value
            if not isinstance(string, cst.SimpleString):
                continue
            inner = _string_inner(string)
            if inner is None or not inner[1].isidentifier():
                continue
            if target.value == "__all__" and not self.class_stack and not self.method_stack:
                symbol = f"q:{self.source.module}.{inner[1]}"
            elif target.value == "__slots__" and in_class:
                symbol = f"a:{inner[1]}"
            else:
                continue
            self.add(string, inner[1], symbol, "string", extra=inner[0])

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Name):
            callee = self.node_symbol.get(id(func), f"u:{func.value}")
            if callee.startswith("b:") and callee[2:] in STRING_REFERENCE_FUNCTIONS:
                self.string_reference(node)
        elif isinstance(func, cst.Attribute):
            callee = self.attribute_symbol(func)
            if func.attr.value == "_replace":
                callee = "x:replace"
        else:
            return
        if callee in {"d:dataclasses|replace", "q:dataclasses.replace"}:
            callee = "x:replace"
        binding = self.import_bindings.get(callee[2:]) if callee.startswith("q:") else None
        if binding is not None and binding.target == "d:dataclasses|replace":
            callee = "x:replace"
        for arg in node.args:
            if arg.keyword is not None:
                self.add(arg.keyword, arg.keyword.value, f"k:{callee}\t{arg.keyword.value}", "keyword")

    def string_reference(self, node: cst.Call) -> None:
        if len(node.args) < 2 or node.args[1].keyword is not None:
            return
        string = node.args[1].value
        if isinstance(string, cst.SimpleString):
            inner = _string_inner(string)
            if inner is not None and inner[1].isidentifier():
                self.add(string, inner[1], f"a:{inner[1]}", "string", extra=inner[0])

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        inner = _string_inner(node)
        if inner is None or not inner[1].isidentifier():
            return
        offset, line, column = self.offset(node, inner[0])
        self.facts.strings.append(Occurrence(offset, line, column, inner[1], "", "string"))

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self.add(item.name, item.name.value, f"q:{self.source.module}.{item.name.value}", "use")

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        scope = self.scopes.get(node)
        for item in node.names:
            name = item.name.value
            outer = scope.parent if scope is not None else None
            while outer is not None and not isinstance(outer, GlobalScope):
                if not isinstance(outer, ClassScope) and name in outer:
                    if any(isinstance(a, Assignment) and a.scope is outer for a in outer[name]):
                        self.add(item.name, name, f"q:{self.scope_prefix(outer)}{name}", "use")
                        break
                outer = outer.parent

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        scope = self.scopes.get(node)
        qualname = (self.scope_prefix(scope) if scope is not None else f"{self.source.module}.") + node.name.value
        bases = []
        for arg in node.bases:
            value = arg.value
            if isinstance(value, cst.Name):
                bases.append(self.node_symbol.get(id(value), f"u:{value.value}"))
            elif isinstance(value, cst.Attribute):
                bases.append(self.attribute_symbol(value))
        body_scope = self.scopes.get(node.body.body[0]) if node.body.body else None
        members = set()
        if isinstance(body_scope, ClassScope):
            members = {a.name for a in body_scope.assignments if isinstance(a, Assignment)}
        info = ClassInfo(qualname, bases, members, has_init="__init__" in members)
        self.facts.classes[qualname] = info
        self.class_stack.append((qualname, node))

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.class_stack.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        scope = self.scopes.get(node)
        qualname = (self.scope_prefix(scope) if scope is not None else f"{self.source.module}.") + node.name.value
        params = [p.name.value for p in (*node.params.posonly_params, *node.params.params,
                                         *node.params.kwonly_params)]
        class_qualname = ""
        if isinstance(scope, ClassScope) and self.class_stack:
            class_qualname = self.class_stack[-1][0]
        fixture = any(_is_fixture_decorator(d.decorator) for d in node.decorators)
        self.facts.functions[qualname] = FunctionInfo(qualname, node.name.value, params, class_qualname, fixture)
        is_static = any(isinstance(d.decorator, cst.Name) and d.decorator.value == "staticmethod"
                        for d in node.decorators)
        self_symbol = ""
        if class_qualname and params and not is_static:
            self_symbol = f"q:{qualname}.<locals>.{params[0]}"
        self.method_stack.append((class_qualname, self_symbol) if class_qualname else ("", ""))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.method_stack.pop()


def analyze_source(source: SourceFile) -> FileFacts:
    """Parse one file and collect its facts; a file that does not parse gets `error` set instead."""
    facts = FileFacts(path=source.path, module=source.module)
    try:
        module = cst.parse_module(source.text)
    except cst.ParserSyntaxError as exc:
        try:  # Python's own parser names the line a human would look at
            compile(source.text, source.path, "exec", flags=0x400, dont_inherit=True)
        except SyntaxError as syntax:
            facts.error = f"{source.path}:{syntax.lineno}: does not parse: {syntax.msg}"
        else:
            facts.error = f"{source.path}:{exc.raw_line}: LibCST cannot parse this file: {exc.message}"
        return facts
    except Exception as exc:  # LibCST raises a few other types on exotic input
        facts.error = f"{source.path}: does not parse: {exc}"
        return facts
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    collector = _Collector(source, facts, wrapper)
    collector.store_targets = set()
    collector.import_bindings = {}
    wrapper.visit(collector)
    facts.occurrences.sort(key=lambda o: o.offset)
    # a string already recorded as a provable reference is not an "unprovable" one
    provable = {o.offset for o in facts.occurrences}
    facts.strings = [s for s in facts.strings if s.offset not in provable]
    return facts
