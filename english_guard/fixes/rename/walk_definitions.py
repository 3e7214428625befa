"""Walking definitions: functions, lambdas, classes and comprehensions, each of which opens a scope.

Records `FunctionInfo` (parameters, method owner, pytest fixtures) and `ClassInfo` (members, bases)
for the repository-wide index.
"""

from __future__ import annotations

import ast

from english_guard.fixes.rename.records import ClassInfo, FunctionInfo
from english_guard.fixes.rename.scopes import Scope
from english_guard.fixes.rename.walker_parts import WalkerParts

_COMPREHENSION_NAMES = {
    ast.ListComp: "listcomp",
    ast.SetComp: "setcomp",
    ast.GeneratorExp: "genexpr",
    ast.DictComp: "dictcomp",
}


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


class DefinitionVisitor(WalkerParts):
    """Mixin of the walker: `visit_*` methods for the nodes that define a function, class or comprehension."""

    def visit_FunctionDef(self, node, scope: Scope) -> None:
        self.visit_all(node.decorator_list, scope)
        arguments = node.args
        self.visit_all(arguments.defaults, scope)
        self.visit_all(arguments.kw_defaults, scope)
        all_args = [*arguments.posonlyargs, *arguments.args, arguments.vararg, *arguments.kwonlyargs, arguments.kwarg]
        for arg in all_args:
            if arg is not None:
                self.visit_annotation(arg.annotation, scope)
        self.visit_annotation(node.returns, scope)
        kind = "method" if scope.kind == "class" else "function"
        self.bind(node.name, scope, self.name_after_keyword(node, node.name), kind)
        inner = self.enter(scope, node, "function", node.name, node.name)
        params = [a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)]
        class_qualname = scope.qualname if scope.kind == "class" else ""
        fixture = any(_is_fixture_decorator(d) for d in node.decorator_list)
        self.facts.functions[inner.qualname] = FunctionInfo(inner.qualname, node.name, params, class_qualname, fixture)
        is_static = any(_dotted(d) == "staticmethod" for d in node.decorator_list)
        if class_qualname and params and not is_static:
            inner.self_symbol = f"q:{inner.prefix}{params[0]}"
            inner.class_qualname = class_qualname
        for arg in all_args:
            if arg is not None:
                self.bind(arg.arg, inner, self.offset(arg.lineno, arg.col_offset), "parameter")
        self.visit_all(node.body, inner)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda, scope: Scope) -> None:
        arguments = node.args
        self.visit_all(arguments.defaults, scope)
        self.visit_all(arguments.kw_defaults, scope)
        inner = self.enter(scope, node, "lambda", "lambda", "lambda")
        for arg in (*arguments.posonlyargs, *arguments.args, arguments.vararg, *arguments.kwonlyargs, arguments.kwarg):
            if arg is not None:
                self.bind(arg.arg, inner, self.offset(arg.lineno, arg.col_offset), "parameter")
        self.visit(node.body, inner)

    def visit_ClassDef(self, node: ast.ClassDef, scope: Scope) -> None:
        self.visit_all(node.decorator_list, scope)
        self.visit_all(node.bases, scope)
        for keyword in node.keywords:
            self.visit(keyword.value, scope)
        self.bind(node.name, scope, self.name_after_keyword(node, node.name), "class")
        inner = self.enter(scope, node, "class", node.name, node.name)
        private = f"_{node.name.lstrip('_')}__"
        members = {
            ("__" + s.get_name()[len(private) :]) if s.get_name().startswith(private) else s.get_name()
            for s in inner.table.get_symbols()
            if s.is_local()
        }
        info = ClassInfo(inner.qualname, [], members)
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

    def visit_comprehension_node(self, node, scope: Scope) -> None:
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
