"""Walking names and the statements that bind names without a `Name` node.

Covers plain names, `global` / `nonlocal`, `except ... as`, assignments (including the augmented,
annotated and walrus forms) and the capture patterns of `match` statements.
"""

from __future__ import annotations

import ast
import re

from english_guard.fixes.rename.records import AnalysisError
from english_guard.fixes.rename.scopes import Scope
from english_guard.fixes.rename.walker_parts import WalkerParts

_AS_RE = re.compile(r"\bas(?:\s|\\\r?\n)+([^\W\d]\w*)")


class StatementVisitor(WalkerParts):
    """Mixin of the walker: `visit_*` methods for names, binding statements and match patterns."""

    def visit_Name(self, node: ast.Name, scope: Scope) -> None:
        if isinstance(node.ctx, ast.Store):
            kind = {"class": "attribute"}.get(scope.kind, "variable")
            symbol = self.bind(node.id, scope, self.offset(node.lineno, node.col_offset), kind)
        else:
            symbol = self.resolve_load(node.id, scope)
            self.add_node(node, node.id, symbol, "use")
        self.node_symbol[id(node)] = symbol

    def visit_Global(self, node: ast.Global, scope: Scope) -> None:
        self.declared_names(node, scope, "global")

    def visit_Nonlocal(self, node: ast.Nonlocal, scope: Scope) -> None:
        self.declared_names(node, scope, "nonlocal")

    def declared_names(self, node, scope: Scope, keyword: str) -> None:
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

    def visit_ExceptHandler(self, node: ast.ExceptHandler, scope: Scope) -> None:
        if node.type is not None:
            self.visit(node.type, scope)
        if node.name:
            start = self.end_offset(node.type) if node.type else self.offset(node.lineno, node.col_offset)
            match = _AS_RE.search(self.text, start)
            if match is None or match.group(1) != node.name:
                raise AnalysisError(f"{self.source.path}:{node.lineno}: cannot locate {node.name!r}")
            self.bind(node.name, scope, match.start(1), "variable")
        self.visit_all(node.body, scope)

    def visit_Assign(self, node: ast.Assign, scope: Scope) -> None:
        self.visit(node.value, scope)
        self.visit_all(node.targets, scope)
        if len(node.targets) == 1:
            self.all_or_slots(node.targets[0], node.value, scope)

    def visit_AugAssign(self, node: ast.AugAssign, scope: Scope) -> None:
        self.visit(node.value, scope)
        target = node.target
        if isinstance(target, ast.Name):  # both a use and a binding of the same token
            symbol = self.bind(
                target.id,
                scope,
                self.offset(target.lineno, target.col_offset),
                {"class": "attribute"}.get(scope.kind, "variable"),
            )
            self.node_symbol[id(target)] = symbol
        else:
            self.visit(target, scope)
        self.all_or_slots(target, node.value, scope)

    def visit_AnnAssign(self, node: ast.AnnAssign, scope: Scope) -> None:
        self.visit_annotation(node.annotation, scope)
        if node.value is not None:
            self.visit(node.value, scope)
        self.visit(node.target, scope)
        if node.value is not None:
            self.all_or_slots(node.target, node.value, scope)

    def visit_NamedExpr(self, node: ast.NamedExpr, scope: Scope) -> None:
        self.visit(node.value, scope)
        self.visit(node.target, scope)

    def visit_MatchAs(self, node: ast.MatchAs, scope: Scope) -> None:
        if node.pattern is not None:
            self.visit(node.pattern, scope)
        if node.name:
            self.bind(node.name, scope, self.end_offset(node) - len(node.name), "variable")

    def visit_MatchStar(self, node: ast.MatchStar, scope: Scope) -> None:
        if node.name:
            self.bind(node.name, scope, self.end_offset(node) - len(node.name), "variable")

    def visit_MatchMapping(self, node: ast.MatchMapping, scope: Scope) -> None:
        self.visit_all(node.keys, scope)
        self.visit_all(node.patterns, scope)
        if node.rest:
            start, text = self.segment(node)
            match = re.search(rf"\*\*\s*({re.escape(node.rest)})\b", text)
            if match is None:
                raise AnalysisError(f"{self.source.path}:{node.lineno}: cannot locate {node.rest!r}")
            self.bind(node.rest, scope, start + match.start(1), "variable")

    def visit_MatchClass(self, node: ast.MatchClass, scope: Scope) -> None:
        self.visit(node.cls, scope)
        self.visit_all(node.patterns, scope)
        start, text = self.segment(node)
        position = 0
        for name, pattern in zip(node.kwd_attrs, node.kwd_patterns, strict=True):
            match = re.compile(rf"\b{re.escape(name)}\s*=").search(text, position)
            if match is None:
                raise AnalysisError(f"{self.source.path}:{node.lineno}: cannot locate {name!r}")
            self.add_at(start + match.start(), name, f"a:{name}", "attribute")
            position = match.end()
            self.visit(pattern, scope)
