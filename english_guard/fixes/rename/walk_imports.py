"""Walking imports: module-name tokens, and the names an import binds with what they refer to.

An import binding's `target` is `m:<module>` (`import a.b`) or `d:<module>|<name>` (`from a import b`),
with relative imports made absolute from the file's package.
"""

from __future__ import annotations

import ast
import re

from english_guard.fixes.rename.records import AnalysisError, Binding
from english_guard.fixes.rename.scopes import Scope
from english_guard.fixes.rename.walker_parts import WalkerParts


def package_of(module: str, path: str) -> str:
    """The package a module's relative imports start from (the module itself for `__init__.py`)."""
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


_DOTS_AFTER_FROM = re.compile(r"(?:\s|\\\r?\n)*\.*(?:\s|\\\r?\n)*")


class ImportVisitor(WalkerParts):
    """Mixin of the walker: `visit_Import` / `visit_ImportFrom`; fills `import_bindings` and `star_imports`."""

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

    def visit_Import(self, node: ast.Import, scope: Scope) -> None:
        for alias in node.names:
            self.module_tokens(self.offset(alias.lineno, alias.col_offset), alias.name, alias.name)
            if alias.asname:
                symbol = self.binding_symbol(alias.asname, scope)
                offset = self.end_offset(alias) - len(alias.asname)
                self.import_binding(scope, alias.asname, offset, symbol, "import-alias", f"m:{alias.name}", False)
            else:
                top = alias.name.split(".")[0]
                symbol = self.binding_symbol(top, scope)
                offset = self.offset(alias.lineno, alias.col_offset)
                self.import_binding(scope, top, offset, symbol, "import", f"m:{top}", True, record_token=False)

    def visit_ImportFrom(self, node: ast.ImportFrom, scope: Scope) -> None:
        base = _absolute_module(self.package, node)
        if node.module and base:
            start = self.offset(node.lineno, node.col_offset) + len("from")
            match = _DOTS_AFTER_FROM.match(self.text, start)
            assert match is not None  # every part of the pattern is optional
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
                offset = self.end_offset(alias) - len(alias.asname)
                self.import_binding(scope, alias.asname, offset, symbol, "import-alias", target, False)
                self.add_at(name_offset, alias.name, target, "import")
            else:
                symbol = self.binding_symbol(alias.name, scope)
                self.import_binding(scope, alias.name, name_offset, symbol, "import", target, True)

    def import_binding(
        self,
        scope: Scope,
        name: str,
        offset: int,
        symbol: str,
        kind: str,
        target: str,
        implicit: bool,
        record_token: bool = True,
    ) -> None:
        qualname = (
            f"{self.source.module}.{name}"
            if symbol.startswith("g:")
            else (scope.prefix + name if symbol.startswith("a:") else symbol[2:])
        )
        line, column = self.line_column(offset)
        stored = f"q:{qualname}" if not symbol.startswith("a:") else symbol
        binding = Binding(qualname, name, kind, line, column, stored, target=target, implicit=implicit)
        self.facts.bindings.append(binding)
        self.import_bindings[qualname] = binding
        if scope.kind == "class":
            scope.bound.add(name)
        if record_token:
            self.add_at(offset, name, symbol, "definition" if kind == "import-alias" else "import")
