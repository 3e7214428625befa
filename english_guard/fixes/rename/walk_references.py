"""Walking attributes and calls: what `obj.x`, `module.x`, `f(x=...)` and `getattr(obj, "x")` name.

Their symbols depend on names bound anywhere in the file, so they are first recorded with a
placeholder and settled by deferred actions once the whole file has been walked.
"""

from __future__ import annotations

import ast
import functools

from english_guard.fixes.rename.records import Binding, Occurrence
from english_guard.fixes.rename.scopes import Scope
from english_guard.fixes.rename.walker_parts import WalkerParts

STRING_REFERENCE_FUNCTIONS = frozenset({"getattr", "setattr", "hasattr", "delattr"})


class ReferenceVisitor(WalkerParts):
    """Mixin of the walker: `visit_Attribute` / `visit_Call` and the symbols of receivers and callees."""

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

    def visit_Attribute(self, node: ast.Attribute, scope: Scope) -> None:
        self.visit(node.value, scope)
        offset = self.end_offset(node) - len(node.attr)
        self.add_at(offset, node.attr, f"a:{node.attr}", "attribute")
        occurrence = self.facts.occurrences[-1] if self.facts.occurrences[-1].offset == offset else None
        if occurrence is not None:
            self.deferred.append(lambda: setattr(occurrence, "symbol", self.attribute_symbol(node)))
        # self.x = ... inside a method defines a member of the class
        method = scope if scope.kind == "function" else None
        if (
            method is not None
            and method.self_symbol
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and self.node_symbol.get(id(node.value)) == method.self_symbol
        ):
            info = self.facts.classes.get(method.class_qualname)
            if info is not None and node.attr not in info.members:
                info.members.add(node.attr)
                line, column = self.line_column(offset)
                self.facts.bindings.append(
                    Binding(
                        f"{method.class_qualname}.{node.attr}", node.attr, "attribute", line, column, f"a:{node.attr}"
                    )
                )

    def visit_Call(self, node: ast.Call, scope: Scope) -> None:
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
        for keyword in node.keywords:
            if keyword.arg is None:
                continue
            self.add_node(keyword, keyword.arg, f"k:?\t{keyword.arg}", "keyword")
            self.deferred.append(functools.partial(self._keyword_symbol, self.facts.occurrences[-1], node, keyword.arg))

    def _keyword_symbol(self, occurrence: Occurrence, node: ast.Call, keyword: str) -> None:
        occurrence.symbol = f"k:{self.callee_symbol(node)}\t{keyword}"

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

    def string_reference(self, node: ast.Call) -> None:
        func = node.func
        if not isinstance(func, ast.Name) or self.callee_symbol(node) != f"b:{func.id}":
            return
        literal = node.args[1]
        if isinstance(literal, ast.Constant) and isinstance(literal.value, str) and literal.value.isidentifier():
            offset = self.string_content(literal)
            if offset is not None:
                self.seen.discard(offset)
                self.add_at(offset, literal.value, f"a:{literal.value}", "string")
