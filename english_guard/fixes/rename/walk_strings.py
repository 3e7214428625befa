"""Walking string literals: which ones provably name code, and which only look like identifiers.

Provable: string annotations (`"list[Mahsulot]"`), `__all__` and `__slots__` entries, and (via
`walk_references`) the name argument of getattr & co. Other identifier-like strings are kept
apart in `FileFacts.strings` so the rename can report them without editing them.
"""

from __future__ import annotations

import ast
import re

from english_guard.fixes.rename.records import AnalysisError, Occurrence
from english_guard.fixes.rename.scopes import Scope
from english_guard.fixes.rename.walker_parts import WalkerParts

_STRING_PREFIX_RE = re.compile(r"^([rRuU]?)('''|\"\"\"|'|\")")


class StringVisitor(WalkerParts):
    """Mixin of the walker: `visit_Constant` / `visit_JoinedStr` and the string references of statements."""

    def string_content(self, node: ast.Constant) -> int | None:
        """The offset of a plain string literal's content, when it is one token without escapes."""
        start, raw = self.segment(node)
        match = _STRING_PREFIX_RE.match(raw)
        if match is None:
            return None
        quote = match.group(2)
        inner = raw[match.end() : len(raw) - len(quote)]
        if not raw.endswith(quote) or inner != node.value:
            return None
        return start + match.end()

    def visit_Constant(self, node: ast.Constant, scope: Scope) -> None:
        if not isinstance(node.value, str):
            return
        if self.in_annotation:
            self.string_annotation(node, scope)
            return
        if node.value.isidentifier() or (
            node.value.count(".") and all(part.isidentifier() for part in node.value.split("."))
        ):
            offset = self.string_content(node)
            if offset is not None:
                line, column = self.line_column(offset)
                self.facts.strings.append(Occurrence(offset, line, column, node.value, "", "string"))

    def visit_JoinedStr(self, node: ast.JoinedStr, scope: Scope) -> None:
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.visit(value, scope)

    def string_annotation(self, node: ast.Constant, scope: Scope) -> None:
        """`"Mahsulot"` or `"list[Mahsulot]"` as a type annotation: its names are provable references."""
        offset = self.string_content(node)
        text = node.value
        if offset is None or not isinstance(text, str) or "\n" in text:
            return
        try:
            expression = ast.parse(text.strip(), mode="eval")
        except SyntaxError:
            return
        lead = len(text) - len(text.lstrip())
        for inner in ast.walk(expression):
            if isinstance(inner, ast.Name):
                symbol = self.resolve(inner.id, scope)
                if not symbol.startswith(("g:", "q:", "a:")):
                    continue
                try:
                    self.add_at(offset + lead + inner.col_offset, inner.id, symbol, "use")
                except AnalysisError:
                    continue  # not exactly locatable: it stays an unprovable string

    def all_or_slots(self, target: ast.AST, value: ast.AST, scope: Scope) -> None:
        """`__all__` names module globals and `__slots__` names members: their strings are references."""
        if not isinstance(target, ast.Name) or target.id not in {"__all__", "__slots__"}:
            return
        if not isinstance(value, (ast.List, ast.Tuple, ast.Set)):
            return
        for element in value.elts:
            if not (
                isinstance(element, ast.Constant) and isinstance(element.value, str) and element.value.isidentifier()
            ):
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
