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

The walker is assembled from one mixin per concern: token positions (`positions.py`), scopes and
name resolution (`scopes.py`), and one visitor per node family (`walk_definitions.py`,
`walk_imports.py`, `walk_references.py`, `walk_strings.py`, `walk_statements.py`). The records
live in `records.py` and are re-exported here.
"""

from __future__ import annotations

import ast
import symtable

from english_guard.deep import TOO_DEEP, deeper
from english_guard.fixes.rename.files import SourceFile
from english_guard.fixes.rename.positions import TokenPositions, line_starts
from english_guard.fixes.rename.records import AnalysisError, Binding, ClassInfo, FileFacts, FunctionInfo, Occurrence
from english_guard.fixes.rename.scopes import BUILTINS, Scope, ScopeResolver
from english_guard.fixes.rename.walk_definitions import DefinitionVisitor
from english_guard.fixes.rename.walk_imports import ImportVisitor, package_of
from english_guard.fixes.rename.walk_references import STRING_REFERENCE_FUNCTIONS, ReferenceVisitor
from english_guard.fixes.rename.walk_statements import StatementVisitor
from english_guard.fixes.rename.walk_strings import StringVisitor

__all__ = [
    "AnalysisError",
    "BUILTINS",
    "Binding",
    "ClassInfo",
    "FileFacts",
    "FunctionInfo",
    "Occurrence",
    "STRING_REFERENCE_FUNCTIONS",
    "analyze_source",
]


class _Walker(
    TokenPositions, ScopeResolver, DefinitionVisitor, ImportVisitor, ReferenceVisitor, StringVisitor, StatementVisitor
):
    """One pass over a file's tree; the deferred actions and `walk` settle what needs the whole file."""

    def __init__(self, source: SourceFile, facts: FileFacts, table: symtable.SymbolTable) -> None:
        self.source = source
        self.text = source.text
        self.facts = facts
        self.starts = line_starts(self.text)
        self.package = package_of(source.module, source.path)
        self.module_scope = self.new_scope("module", table, f"{source.module}.", None)
        self.seen: set[int] = set()
        self.node_symbol: dict[int, str] = {}  # id(ast node) -> symbol, for receivers and callees
        self.import_bindings: dict[str, Binding] = {}
        self.module_names: set[str] = set()  # names bound at module level, anywhere in the file
        self.deferred: list = []
        self.in_annotation = 0

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

    def visit_all(self, nodes, scope: Scope) -> None:
        for node in nodes:
            if node is not None:
                self.visit(node, scope)

    def visit(self, node: ast.AST, scope: Scope) -> None:
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is not None:
            method(node, scope)
        else:
            for child in ast.iter_child_nodes(node):
                self.visit(child, scope)

    def visit_annotation(self, node: ast.AST | None, scope: Scope) -> None:
        if node is None:
            return
        self.in_annotation += 1
        try:
            self.visit(node, scope)
        finally:
            self.in_annotation -= 1


def analyze_source(source: SourceFile) -> FileFacts:
    """Parse one file and collect its facts; a file that does not parse gets `error` set instead."""
    try:
        return deeper(_analyze_source, source)
    except RecursionError:
        return FileFacts(path=source.path, module=source.module, error=f"{source.path}: {TOO_DEEP}")


def _analyze_source(source: SourceFile) -> FileFacts:
    facts = FileFacts(path=source.path, module=source.module)
    try:
        tree = ast.parse(source.text, filename=source.path)
        table = symtable.symtable(source.text, source.path, "exec")
    except SyntaxError as exc:
        facts.error = f"{source.path}:{exc.lineno}: does not parse: {exc.msg}"
        return facts
    except (ValueError, MemoryError) as exc:
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
