"""Which string literals of a Python file an end user reads (EG401), found while the reader walks the tree.

A string is user-facing when it is passed to a configured call or keyword (`message.answer(...)`,
`text=`), to a button or HTTP error constructor, when it is a value of a message catalogue keyed by
language codes, when it is compared with a message's text, or when it reaches such a call through
a variable of the same scope or a function of the same file that passes its parameter on (a "sender").
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from english_guard.sources.callpatterns import is_gettext_call, is_user_facing_call, is_user_facing_keyword
from english_guard.sources.python_positions import dotted_name

_STRING_PREFIX = re.compile(r"^[rRbBuUfF]{0,2}('''|\"\"\"|'|\")")


_LANGUAGE_KEY = re.compile(r"^[a-z]{2}(?:[-_][A-Za-z]{2,4})?$")


def _is_message_catalog(node: ast.Dict) -> bool:
    """`{"uz": {...}, "ru": {...}}` or `{"uz": "...", "ru": "..."}`: texts per language are shown to users."""
    keys = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    return len(keys) >= 2 and len(keys) == len(node.keys) and all(_LANGUAGE_KEY.match(k) for k in keys)


@dataclass(slots=True)
class Frame:
    """A function being visited: which of its parameters reach a user-facing call (it is a "sender").

    `def _tg(chat, text): bot.send_message(chat, text)` makes the second argument of every `_tg(...)`
    call in the file user-facing.
    """

    name: str
    params: list[str]
    offset: int
    shown: set[str] = field(default_factory=set)


def _is_message_text(node: ast.AST) -> bool:
    """`message.text`, `F.text`, `update.message.caption`: what a user typed or pressed."""
    return isinstance(node, ast.Attribute) and node.attr in ("text", "caption")


def _literal_like(node: ast.AST) -> bool:
    return isinstance(node, (ast.JoinedStr, ast.BinOp)) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


class UserFacingStrings:
    """Mixin for the reader's tree walk. It expects on `self`: config, pos (Positions), text, strings
    (the list it appends to), recorded (ids already handled), string_variables (a stack of dicts),
    frames (a stack of Frame), senders, local_calls, and `_literal_segment(...)`."""

    def visit_Assign(self, node: ast.Assign) -> None:
        self._remember(node.targets, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._remember([node.target], node.value)
        self.generic_visit(node)

    def _remember(self, targets: list[ast.AST], value: ast.AST) -> None:
        for target in targets:
            if not isinstance(target, ast.Name):
                continue
            if target.id in self.config.user_facing_keywords:
                # `verbose_name = "..."` in a Django Meta, `help_text = "..."`: the name says who reads it
                self._user_facing(value, f"{target.id} = ...")
            elif isinstance(value, (ast.Constant, ast.JoinedStr, ast.BinOp)):
                self.string_variables[-1][target.id] = value
            else:
                self.string_variables[-1].pop(target.id, None)

    def visit_Dict(self, node: ast.Dict) -> None:
        if _is_message_catalog(node):
            for value in node.values:
                if isinstance(value, ast.Dict):
                    for inner in value.values:
                        self._user_facing(inner, "message catalog")
                else:
                    self._user_facing(value, "message catalog")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        callee = dotted_name(node.func)
        if is_gettext_call(callee, self.config):
            return  # already routed through gettext: nothing inside is a finding
        if is_user_facing_call(callee, self.config):
            for arg in node.args:
                self._user_facing(arg, callee)
                self._parameter_shown(arg)
        elif isinstance(node.func, ast.Attribute) and node.func.attr == "in_" and _is_message_text(node.func.value):
            for arg in node.args:  # aiogram's `F.text.in_({...})` filter lists button labels
                self._user_facing(arg, callee)
        elif "." not in callee and callee and any(_literal_like(a) for a in (*node.args, *(k.value for k in node.keywords))):
            self.local_calls.append((node, callee))
        for keyword in node.keywords:
            if keyword.arg and is_user_facing_keyword(callee, keyword.arg, self.config):
                self._user_facing(keyword.value, f"{callee}({keyword.arg}=...)")
                self._parameter_shown(keyword.value)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        # `message.text == "📦 Yangi buyurtma"`: a bot matches the label of a button the user pressed.
        sides = [node.left, *node.comparators]
        if any(_is_message_text(side) for side in sides):
            for side in sides:
                if not _is_message_text(side):
                    self._user_facing(side, "compared with a message's text")
        self.generic_visit(node)

    def _parameter_shown(self, node: ast.AST) -> None:
        """A parameter of an enclosing function reaches a user-facing call: that function is a sender."""
        if isinstance(node, ast.Name):
            for frame in self.frames:
                if node.id in frame.params:
                    frame.shown.add(node.id)

    def resolve_local_calls(self) -> None:
        for node, callee in self.local_calls:
            sender = self.senders.get(callee)
            if sender is None:
                continue
            indexes, names = sender
            for index, arg in enumerate(node.args):
                if index in indexes:
                    self._user_facing(arg, callee)
            for keyword in node.keywords:
                if keyword.arg in names:
                    self._user_facing(keyword.value, callee)

    def _user_facing(self, node: ast.AST, context: str) -> None:
        """Record the string literals that make up the value an end user sees."""
        if id(node) in self.recorded:
            return
        self.recorded.add(id(node))
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.strings.append(self._literal_segment(node, "string", node.value, "user-facing", context))
        elif isinstance(node, ast.Name):
            value = self.string_variables[-1].get(node.id)
            if value is not None:
                self._user_facing(value, context)
        elif isinstance(node, ast.JoinedStr):
            source = self.pos.segment(node)
            body = _STRING_PREFIX.sub("", source)
            quote = _STRING_PREFIX.match(source)
            if quote:
                body = body[: len(body) - len(quote.group(1))] if body.endswith(quote.group(1)) else body
            self.strings.append(self._literal_segment(node, "string", body, "user-facing", context))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            self._user_facing(node.left, context)
            if isinstance(node.op, ast.Add):
                self._user_facing(node.right, context)
        elif isinstance(node, ast.IfExp):
            self._user_facing(node.body, context)
            self._user_facing(node.orelse, context)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            self._user_facing(node.func.value, context)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            for element in node.elts:
                self._user_facing(element, context)
