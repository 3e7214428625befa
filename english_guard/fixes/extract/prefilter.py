"""A fast first look with Python's own parser: can this file hold a user-facing message at all?

Most modules of a project show nothing to users. The C parser answers in a fraction of the
time LibCST needs, so only files with a text argument to a user-facing call are read with
LibCST. The answer errs on the side of "yes": LibCST then decides exactly.
"""
from __future__ import annotations

import ast

from english_guard.config import Config
from english_guard.sources.callpatterns import is_user_facing_call, is_user_facing_keyword


def _callee(func: ast.expr) -> str:
    parts: list[str] = []
    while isinstance(func, ast.Attribute):
        parts.insert(0, func.attr)
        func = func.value
    parts.insert(0, func.id if isinstance(func, ast.Name) else "?")
    return ".".join(parts)


def _has_text(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _has_text(node.left) or _has_text(node.right)
    if isinstance(node, ast.IfExp):
        return _has_text(node.body) or _has_text(node.orelse)
    if isinstance(node, ast.BoolOp):
        return any(_has_text(value) for value in node.values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _has_text(node.func.value)
    return False


def may_hold_messages(data: bytes, config: Config) -> bool:
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError):
        return True  # LibCST will report the problem with its position
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        callee = _callee(node.func)
        if any(_has_text(arg) for arg in node.args) and is_user_facing_call(callee, config):
            return True
        for keyword in node.keywords:
            if keyword.arg and _has_text(keyword.value) and is_user_facing_keyword(callee, keyword.arg, config):
                return True
    return False
