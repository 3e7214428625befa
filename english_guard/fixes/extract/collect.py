"""Find the user-facing messages of one Python module (the shared call patterns decide what is user-facing).

A string is a message when it is passed positionally to a user-facing call (`message.answer`,
`bot.send_message`, `KeyboardButton`, ...) or by a user-facing keyword (`text=`, `caption=`,
`detail=`). Log calls, SQL, dict keys and anything already inside a gettext call are never
messages. `# english-guard: ignore` (or `# noqa: EG401`) on the line leaves a string alone.
"""
from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from english_guard.config import Config
from english_guard.fixes.extract.model import Candidate, FileScan, Problem, Shape, Unsafe
from english_guard.fixes.extract.shapes import shape_of
from english_guard.sources.callpatterns import is_gettext_call, is_user_facing_call, is_user_facing_keyword

_SKIP_FILE = re.compile(r"#\s*english-guard:\s*skip-file\b")
_IGNORE = re.compile(r"#\s*english-guard:\s*ignore\b(?:\[([^\]]*)\])?")
_NOQA = re.compile(r"#\s*noqa\b(?::\s*([A-Z0-9,\s]+))?", re.IGNORECASE)
_FIELD = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa]")
RULE = "EG401"


def has_words(shape: Shape) -> bool:
    """Only a text with letters outside its placeholders is worth translating ("{a}: {b}" is not)."""
    return any(ch.isalpha() for ch in _FIELD.sub(" ", shape.template))


def visible_text(shape: Shape) -> str:
    """The template without placeholders, for the language judge."""
    return " ".join(_FIELD.sub(" ", shape.template).split())


def callee_name(func: cst.BaseExpression) -> str:
    """`message.answer` for `message.answer(...)`; `?.send_message` when the receiver is not a name."""
    parts: list[str] = []
    node = func
    while isinstance(node, cst.Attribute):
        parts.insert(0, node.attr.value)
        node = node.value
    parts.insert(0, node.value if isinstance(node, cst.Name) else "?")
    return ".".join(parts)


def _line_ignored(line: str) -> bool:
    match = _IGNORE.search(line)
    if match and (match.group(1) is None or RULE in match.group(1).upper()):
        return True
    match = _NOQA.search(line)
    return bool(match and (match.group(1) is None or RULE in match.group(1).upper()))


_SCOPES = (cst.Module, cst.FunctionDef, cst.Lambda, cst.ClassDef, cst.ListComp, cst.SetComp, cst.DictComp,
           cst.GeneratorExp)


class _Bindings(cst.CSTVisitor):
    """Which scopes bind a name other than by import (`for _ in ...`, `_ = ...`, `def f(_)`).

    Cheaper than LibCST's full scope analysis and deliberately conservative: a binding anywhere
    in a function counts for the whole function and for the scopes nested in it.
    """

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.stack: list[cst.CSTNode] = []
        self.binding_scopes: set[int] = set()
        self.imported_at_top = False

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, _SCOPES):
            self.stack.append(node)
        elif isinstance(node, (cst.Import, cst.ImportFrom)):
            if len(self.stack) == 1 and not isinstance(node.names, cst.ImportStar):
                for alias in node.names:
                    bound = alias.asname.name if alias.asname else alias.name
                    if isinstance(bound, cst.Name) and bound.value == self.name:
                        self.imported_at_top = True
                    elif isinstance(bound, cst.Attribute) and cst.Module([]).code_for_node(bound).split(".")[0] == self.name:
                        self.imported_at_top = True
            return False
        elif self._binds(node):
            self.binding_scopes.add(id(self.stack[-1]))
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if isinstance(original_node, _SCOPES):
            self.stack.pop()

    def _binds(self, node: cst.CSTNode) -> bool:
        targets: list[cst.CSTNode] = []
        if isinstance(node, cst.AssignTarget):
            targets = [node.target]
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign)):
            targets = [node.target]
        elif isinstance(node, (cst.For, cst.CompFor)):
            targets = [node.target]
        elif isinstance(node, cst.AsName):
            targets = [node.name]
        elif isinstance(node, cst.NamedExpr):
            targets = [node.target]
        elif isinstance(node, cst.Param):
            targets = [node.name]
        elif isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            targets = [node.name]
        elif isinstance(node, (cst.Global, cst.Nonlocal)):
            targets = [item.name for item in node.names]
        return any(self._has_name(target) for target in targets)

    def _has_name(self, target: cst.CSTNode) -> bool:
        if isinstance(target, cst.Name):
            return target.value == self.name
        if isinstance(target, (cst.Tuple, cst.List)):
            return any(self._has_name(element.value) for element in target.elements)
        if isinstance(target, cst.StarredElement):
            return self._has_name(target.value)
        return False


class _Collector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, path: str, config: Config, gettext_name: str, lines: list[str], module: cst.Module):
        super().__init__()
        self.path = path
        self.config = config
        self.gettext_name = gettext_name
        self.lines = lines
        self.module = module
        self.scan = FileScan(path)
        self.bindings = _Bindings(gettext_name.split(".")[0])
        module.visit(self.bindings)
        self.stack: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, _SCOPES):
            self.stack.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        if isinstance(original_node, _SCOPES):
            self.stack.pop()

    def visit_Call(self, node: cst.Call) -> bool:
        callee = callee_name(node.func)
        if is_gettext_call(callee, self.config):
            return False  # already translated: nothing inside is ours
        positional = is_user_facing_call(callee, self.config)
        for arg in node.args:
            if arg.star:
                continue
            if arg.keyword is None:
                if positional:
                    self._consider(arg.value, callee)
            elif is_user_facing_keyword(callee, arg.keyword.value, self.config):
                self._consider(arg.value, f"{callee}({arg.keyword.value}=...)")
        return True

    def _consider(self, node: cst.BaseExpression, context: str) -> None:
        if isinstance(node, cst.IfExp):
            self._consider(node.body, context)
            self._consider(node.orelse, context)
            return
        if isinstance(node, cst.BooleanOperation):
            self._consider(node.left, context)
            self._consider(node.right, context)
            return
        shape = shape_of(node, self.module.code_for_node)
        if shape is None:
            return
        position = self.get_metadata(PositionProvider, node)
        line, column = position.start.line, position.start.column + 1
        if any(_line_ignored(self.lines[n - 1]) for n in range(line, position.end.line + 1) if n <= len(self.lines)):
            return
        text = self.module.code_for_node(node)
        if isinstance(shape, Unsafe):
            if any(ch.isalpha() for ch in text):
                self.scan.problems.append(Problem(self.path, line, column, f"not extracted: {shape.reason}", text))
            return
        if not has_words(shape):
            return
        clash = self._name_clash(node)
        if clash:
            self.scan.problems.append(Problem(self.path, line, column, clash, text))
            return
        self.scan.candidates.append(Candidate(self.path, line, column, node, shape, context))

    def _name_clash(self, node: cst.CSTNode) -> str | None:
        """`_` bound to something else where the message is (`for _ in ...`) would break the call."""
        if any(id(scope) in self.bindings.binding_scopes for scope in self.stack):
            name = self.bindings.name
            return (f"not extracted: `{name}` is bound to something else in this scope; rename that variable "
                    f"or configure another gettext name")
        return None


def module_imports_name(module: cst.Module, name: str) -> bool:
    """True when the module already binds `name` by an import at its top level."""
    bindings = _Bindings(name.split(".")[0])
    module.visit(bindings)
    return bindings.imported_at_top


def skip_file(text: str) -> bool:
    return bool(_SKIP_FILE.search(text))


def collect(path: str, wrapper: MetadataWrapper, text: str, config: Config, gettext_name: str) -> FileScan:
    collector = _Collector(path, config, gettext_name, text.splitlines(), wrapper.module)
    wrapper.visit(collector)
    return collector.scan
