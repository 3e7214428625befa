"""Find the user-facing messages of one Python module: exactly the strings `check` gives the user-facing role.

The check's reader decides (`english_guard.sources.string_roles`, through `prefilter.user_facing_strings`):
a reply, a button label, a message table entry, a Django label, prose whose destination the file does
not show. This module finds those literals again in the LibCST tree by their start positions and turns
each into one message; a `+`, `%` or `.format()` expression around a literal becomes one message with
placeholders. Logs, exceptions, keys, data, test data and text already inside a gettext call are never
messages. `# english-guard: ignore` (or `# noqa: EG401`) on the line leaves a string alone.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from english_guard.config import Config
from english_guard.fixes.extract.records import Candidate, FileScan, Problem, Shape, Unsafe
from english_guard.fixes.extract.shapes import shape_of
from english_guard.records import Segment
from english_guard.rules import UNTRANSLATED_USER_FACING_STRING
from english_guard.sources.callpatterns import is_gettext_call
from english_guard.suppression import file_is_skipped, line_suppresses

_FIELD = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa]")
RULE = UNTRANSLATED_USER_FACING_STRING.code


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


MEMBERSHIP_METHODS = frozenset({"in_", "not_in"})


def is_membership_call(node: cst.CSTNode) -> bool:
    """`F.text.in_({...})`: a magic filter's membership test, a comparison with incoming text."""
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in MEMBERSHIP_METHODS
        and len(node.args) == 1
    )


# Exact node types (LibCST nodes are ABCs, so `type(node) in` is much cheaper than isinstance).
_SCOPES = frozenset(
    {cst.Module, cst.FunctionDef, cst.Lambda, cst.ClassDef, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp}
)
# node type -> the targets it binds
_BINDERS = {
    cst.AssignTarget: lambda node: [node.target],
    cst.AnnAssign: lambda node: [node.target],
    cst.AugAssign: lambda node: [node.target],
    cst.For: lambda node: [node.target],
    cst.CompFor: lambda node: [node.target],
    cst.AsName: lambda node: [node.name],
    cst.NamedExpr: lambda node: [node.target],
    cst.Param: lambda node: [node.name],
    cst.FunctionDef: lambda node: [node.name],
    cst.ClassDef: lambda node: [node.name],
    cst.Global: lambda node: [item.name for item in node.names],
    cst.Nonlocal: lambda node: [item.name for item in node.names],
}


_KEEPERS = frozenset({cst.Assign, cst.AnnAssign, cst.AugAssign})


def _binds_dunder_all(node: cst.Assign | cst.AnnAssign | cst.AugAssign) -> bool:
    targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
    return any(isinstance(target, cst.Name) and target.value == "__all__" for target in targets)


def runs_at_import(stack: list[cst.CSTNode], decorators: list[int]) -> bool:
    """Is code at this point run when the module is imported? Not inside a function or lambda body;
    a decorator runs in the scope around its function (`decorators` holds those scopes' depths)."""
    depth = min(decorators) if decorators else len(stack)
    return not any(type(scope) in (cst.FunctionDef, cst.Lambda) for scope in stack[:depth])


class _Bindings(cst.CSTVisitor):
    """Which scopes bind a name other than by import (`for _ in ...`, `_ = ...`, `def f(_)`), and
    which names the module imports at its top level.

    Cheaper than LibCST's full scope analysis and deliberately conservative: a binding anywhere
    in a function counts for the whole function and for the scopes nested in it.
    """

    def __init__(self, name: str, also_imported: str = ""):
        super().__init__()
        self.name = name
        self.watched = {name, also_imported} - {""}
        self.stack: list[cst.CSTNode] = []
        self.binding_scopes: set[int] = set()
        self.imported_at_top: set[str] = set()

    def on_visit(self, node: cst.CSTNode) -> bool:
        kind = type(node)
        if kind in _SCOPES:
            if kind is not cst.Module and self._binds(node):
                self.binding_scopes.add(id(self.stack[-1]))
            self.stack.append(node)
        elif isinstance(node, (cst.Import, cst.ImportFrom)):
            if len(self.stack) == 1 and not isinstance(node.names, cst.ImportStar):
                for alias in node.names:
                    bound = alias.asname.name if alias.asname else alias.name
                    root = cst.Module([]).code_for_node(bound).split(".")[0]
                    if root in self.watched:
                        self.imported_at_top.add(root)
            return False
        elif kind in _BINDERS and self._binds(node):
            self.binding_scopes.add(id(self.stack[-1]))
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if type(original_node) in _SCOPES:
            self.stack.pop()

    def _binds(self, node: cst.CSTNode) -> bool:
        getter = _BINDERS.get(type(node))
        return getter is not None and any(self._has_name(target) for target in getter(node))

    def _has_name(self, target: cst.CSTNode) -> bool:
        if isinstance(target, cst.Name):
            return target.value == self.name
        if isinstance(target, (cst.Tuple, cst.List)):
            return any(self._has_name(element.value) for element in target.elements)
        if isinstance(target, cst.StarredElement):
            return self._has_name(target.value)
        return False


_STRINGS = frozenset({cst.SimpleString, cst.FormattedString, cst.ConcatenatedString})


class _Collector(_Bindings):
    """One pass: bindings and imports (from `_Bindings`) and the user-facing messages."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(
        self,
        path: str,
        config: Config,
        gettext_name: str,
        ngettext_name: str,
        lines: list[str],
        module: cst.Module,
        shown: dict[tuple[int, int], Segment],
    ):
        super().__init__(gettext_name.split(".")[0], ngettext_name)
        self.path = path
        self.config = config
        self.gettext_name = gettext_name
        self.lines = lines
        self.module = module
        self.shown = shown
        self.taken: set[tuple[int, int]] = set()  # user-facing literals already part of a message
        self.scan = FileScan(path)
        self.decorators: list[int] = []
        self.kept = 0  # inside an assignment: the value outlives the statement
        self.consumers: list[cst.CSTNode] = []  # calls and comparisons around the current node, innermost last
        self.found: list[tuple[Candidate, tuple[int, ...]]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        descend = super().on_visit(node)
        kind = type(node)
        if kind is cst.Call or kind is cst.Comparison:
            self.consumers.append(node)
        if kind is cst.Decorator:
            self.decorators.append(len(self.stack) - 1)  # evaluated in the scope around the function
        elif isinstance(node, (cst.Assign, cst.AnnAssign, cst.AugAssign)):  # the _KEEPERS
            self.kept += 1
            if _binds_dunder_all(node):
                return False  # `__all__ = ["Savat"]` lists names, never messages
        if not descend:
            return False
        if kind is cst.MatchValue:
            return False  # a pattern holds no message; it follows its button (rewrite.py's match cases)
        if isinstance(node, cst.Call):
            if is_gettext_call(callee_name(node.func), self.config):
                return False  # already translated: nothing inside is ours
            if isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
                return self._whole(node, [node.func.value])
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Add, cst.Modulo)):
            return self._whole(node, [node.left, node.right])
        elif isinstance(node, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):  # the _STRINGS
            key = self._key(node)
            if key in self.shown and key not in self.taken:
                self.taken.add(key)
                self._consider(node, self.shown[key].context or "user-facing")
            return False
        return True

    def _shown_inside(self, node: cst.CSTNode) -> list[tuple[int, int]]:
        """Start positions of the user-facing string literals inside `node` (itself included)."""
        keys = []
        pending = [node]
        while pending:
            current = pending.pop()
            if type(current) in _STRINGS:
                key = self._key(current)
                if key in self.shown:
                    keys.append(key)
                continue
            pending.extend(current.children)
        return sorted(keys)

    def _key(self, node: cst.CSTNode) -> tuple[int, int]:
        start = self.get_metadata(PositionProvider, node).start
        return start.line, start.column + 1

    def _whole(self, node: cst.BaseExpression, operands: list[cst.CSTNode]) -> bool:
        """`"Jami: " + str(n)`, `"%s ta" % n`, `"{} ta".format(n)`: one message with placeholders when a
        literal operand is user-facing and the whole is safe to rewrite; else the literals alone."""
        keys = [self._key(operand) for operand in operands if type(operand) in _STRINGS]
        keys = [key for key in keys if key in self.shown and key not in self.taken]
        if not keys:
            return True
        if shape_of(node, self.module.code_for_node) is None:
            return True
        self.taken.update(keys)  # one message, or one problem that says why it cannot be
        self._consider(node, self.shown[keys[0]].context or "user-facing")
        return False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        if type(original_node) is cst.Call or type(original_node) is cst.Comparison:
            self.consumers.pop()
        elif type(original_node) is cst.Decorator:
            self.decorators.pop()
        elif type(original_node) in _KEEPERS:
            self.kept -= 1

    def kept_from_import_time(self) -> bool:
        """Made when the module is imported and kept for later (a keyboard bound to a name, a filter in a
        handler's decorator), not shown at once."""
        return bool(self.kept or self.decorators) and runs_at_import(self.stack, self.decorators)

    def _consumer(self, node: cst.CSTNode) -> str | None:
        """The call the text is an argument of (`KeyboardButton` in `KeyboardButton(text="...")`, "" for none),
        or None when it is compared (`F.text == "..."`, `F.text.in_({...})`): a comparison keeps no text."""
        for consumer in reversed(self.consumers):
            if consumer is node:
                continue
            if isinstance(consumer, cst.Comparison) or is_membership_call(consumer):
                return None
            assert isinstance(consumer, cst.Call)
            return callee_name(consumer.func)
        return ""

    def finish(self) -> FileScan:
        """Messages in a scope that rebinds the gettext name are reported instead of extracted."""
        for candidate, scopes in self.found:
            if any(scope in self.binding_scopes for scope in scopes):
                self.scan.problems.append(
                    Problem(
                        self.path,
                        candidate.line,
                        candidate.column,
                        f"not extracted: `{self.name}` is bound to something else in this scope; rename that variable "
                        f"or configure another gettext name",
                        self.module.code_for_node(candidate.node),
                    )
                )
            else:
                self.scan.candidates.append(candidate)
        self.scan.problems.sort(key=lambda p: (p.line, p.column))
        return self.scan

    def _consider(self, node: cst.BaseExpression, context: str) -> None:
        shape = shape_of(node, self.module.code_for_node)
        if shape is None:
            return
        position = self.get_metadata(PositionProvider, node)
        line, column = position.start.line, position.start.column + 1
        if any(
            line_suppresses(self.lines[n - 1], RULE) for n in range(line, position.end.line + 1) if n <= len(self.lines)
        ):
            return
        if isinstance(shape, Unsafe):
            text = self.module.code_for_node(node)
            if any(ch.isalpha() for ch in text):
                self.scan.problems.append(Problem(self.path, line, column, f"not extracted: {shape.reason}", text))
                # every other user-facing string of the expression is named too: each EG401 gets its reason
                for key in self._shown_inside(node):
                    if key != (line, column):
                        self.scan.problems.append(
                            Problem(
                                self.path,
                                *key,
                                f"not extracted: part of the expression at {line}:{column}: {shape.reason}",
                                self.shown[key].text,
                            )
                        )
            return
        if not has_words(shape):
            return
        module_level = self.kept_from_import_time()
        consumer = self._consumer(node)
        candidate = Candidate(
            self.path,
            line,
            column,
            node,
            shape,
            context,
            module_level=module_level,
            passed_to=(consumer or "") if module_level else "",
            compared=consumer is None,
        )
        self.found.append((candidate, tuple(id(scope) for scope in self.stack)))


def skip_file(text: str) -> bool:
    return file_is_skipped(text)


def collect(
    path: str,
    wrapper: MetadataWrapper,
    text: str,
    config: Config,
    gettext_name: str,
    ngettext_name: str = "ngettext",
    shown: dict[tuple[int, int], Segment] | None = None,
) -> tuple[FileScan, set[str]]:
    """The file's messages and problems, and which of the two gettext names it already imports.
    `shown`: the check's user-facing strings by start position (read from `text` when not given)."""
    if shown is None:
        from english_guard.fixes.extract.prefilter import user_facing_strings

        shown = user_facing_strings(path, text.encode("utf-8"), config) or {}
    collector = _Collector(path, config, gettext_name, ngettext_name, text.splitlines(), wrapper.module, shown)
    wrapper.visit(collector)
    return collector.finish(), collector.imported_at_top
