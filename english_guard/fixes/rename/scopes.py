"""Scopes and name resolution: which binding a name refers to, by CPython's own `symtable`.

`Scope` pairs a symbol table with the qualname prefix of the names bound in it; `ScopeResolver`
(part of the walker) enters child scopes in source order, resolves names (`q:`, `a:`, or `g:` for
module-level names, settled once the whole file is walked) and records bindings.
"""

from __future__ import annotations

import builtins
import symtable
from collections import deque
from dataclasses import dataclass, field

from english_guard.fixes.rename.records import AnalysisError, Binding
from english_guard.fixes.rename.walker_parts import WalkerParts
from english_guard.sources.python_positions import Located

BUILTINS = frozenset(dir(builtins))


@dataclass(slots=True)
class Scope:
    kind: str  # module, class, function, lambda, comprehension
    table: symtable.SymbolTable
    prefix: str  # qualname prefix of the names bound here
    parent: Scope | None
    qualname: str = ""  # the class or function itself
    children: dict[tuple[str, int], deque] = field(default_factory=dict)
    self_symbol: str = ""  # methods: the first parameter's symbol
    class_qualname: str = ""  # methods: their class
    bound: set[str] = field(default_factory=set)  # class bodies: names bound so far, in source order


class ScopeResolver(WalkerParts):
    """Mixin of the walker: needs `source`, `text`, `facts`, `module_names` and the `TokenPositions` methods."""

    def new_scope(self, kind: str, table, prefix: str, parent: Scope | None, qualname: str = "") -> Scope:
        scope = Scope(kind, table, prefix, parent, qualname)
        for child in self._child_tables(table):
            scope.children.setdefault((child.get_name(), child.get_lineno()), deque()).append(child)
        return scope

    def _child_tables(self, table):
        for child in table.get_children():
            if child.get_type() in {"module", "class", "function"}:
                yield child
            else:  # annotation or type-parameter scopes of newer Pythons: look through them
                yield from self._child_tables(child)

    def child_table(self, scope: Scope, name: str, lineno: int):
        queue = scope.children.get((name, lineno))
        if not queue:
            raise AnalysisError(f"{self.source.path}:{lineno}: no symbol table for {name}")
        return queue.popleft()

    def enter(self, scope: Scope, node: Located, kind: str, name: str, table_name: str) -> Scope:
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
    def mangled(name: str, scope: Scope | None) -> str:
        """`__x` inside a class body or its methods is `_Class__x` to the interpreter (and to symtable)."""
        if not name.startswith("__") or name.endswith("__"):
            return name
        while scope is not None and scope.kind != "class":
            scope = scope.parent
        if scope is None:
            return name
        owner = scope.qualname.rpartition(".")[2].lstrip("_")
        return f"_{owner}{name}" if owner else name

    def lookup(self, scope: Scope, name: str):
        try:
            return scope.table.lookup(self.mangled(name, scope))
        except KeyError:
            return None

    def resolve(self, name: str, scope: Scope) -> str:
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

    def resolve_load(self, name: str, scope: Scope) -> str:
        """A name read: in a class body, a name the class binds only later is still the outer one there
        (`jami = hisob()` before `def hisob(self)` calls the module's `hisob`)."""
        symbol = self.resolve(name, scope)
        if scope.kind == "class" and symbol.startswith("a:") and name not in scope.bound:
            return self.resolve_outward(name, scope.parent)
        return symbol

    def resolve_outward(self, name: str, scope: Scope | None) -> str:
        while scope is not None and scope.kind != "module":
            if scope.kind != "class":
                symbol = self.lookup(scope, name)
                if (
                    symbol is not None
                    and (symbol.is_local() or symbol.is_parameter())
                    and not symbol.is_free()
                    and not symbol.is_global()
                ):
                    return f"q:{scope.prefix}{name}"
            scope = scope.parent
        return f"g:{name}"

    def binding_symbol(self, name: str, scope: Scope) -> str:
        symbol = self.resolve(name, scope)
        if symbol.startswith("g:"):
            self.module_names.add(name)
        return symbol

    def bind(self, name: str, scope: Scope, offset: int, kind: str, role: str = "definition") -> str:
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
        if self.text[offset : offset + len(name)] != name:
            raise AnalysisError(f"{self.source.path}:{line}: cannot locate the name {name!r}")
        if scope.kind == "class":
            scope.bound.add(name)
        self.facts.bindings.append(
            Binding(qualname, name, kind, line, column, symbol if not symbol.startswith("g:") else f"q:{qualname}")
        )
        self.add_at(offset, name, symbol, role)
        return symbol

    def global_symbol(self, name: str) -> str:
        if name in self.module_names:
            return f"q:{self.source.module}.{name}"
        return f"b:{name}" if name in BUILTINS else f"u:{name}"
