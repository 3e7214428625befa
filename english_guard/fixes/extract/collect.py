"""Find the user-facing messages of one Python module (the shared call patterns decide what is user-facing).

A string is a message when it is passed positionally to a user-facing call (`message.answer`,
`bot.send_message`, `KeyboardButton`, ...) or by a user-facing keyword (`text=`, `caption=`,
`detail=`). Log calls, SQL, dict keys and anything already inside a gettext call are never
messages. `# english-guard: ignore` (or `# noqa: EG401`) on the line leaves a string alone.
"""
from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import Assignment, MetadataWrapper, PositionProvider, ScopeProvider

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


class _Collector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider)

    def __init__(self, path: str, config: Config, gettext_name: str, lines: list[str], module: cst.Module):
        super().__init__()
        self.path = path
        self.config = config
        self.gettext_name = gettext_name
        self.lines = lines
        self.module = module
        self.scan = FileScan(path)

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
        name = self.gettext_name.split(".")[0]
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return None
        for assignment in scope[name]:
            if isinstance(assignment, Assignment) and not isinstance(assignment.node, (cst.Import, cst.ImportFrom)):
                return (f"not extracted: `{name}` is bound to something else in this scope; rename that variable "
                        f"or configure another gettext name")
        return None


def module_imports_name(wrapper: MetadataWrapper, name: str) -> bool:
    """True when the module already binds `name` by an import at its top level."""
    scopes = wrapper.resolve(ScopeProvider)
    global_scope = scopes.get(wrapper.module)
    if global_scope is None:
        return False
    return any(
        isinstance(assignment, Assignment) and isinstance(assignment.node, (cst.Import, cst.ImportFrom))
        for assignment in global_scope[name.split(".")[0]]
    )


def skip_file(text: str) -> bool:
    return bool(_SKIP_FILE.search(text))


def collect(path: str, wrapper: MetadataWrapper, text: str, config: Config, gettext_name: str) -> FileScan:
    collector = _Collector(path, config, gettext_name, text.splitlines(), wrapper.module)
    wrapper.visit(collector)
    return collector.scan
