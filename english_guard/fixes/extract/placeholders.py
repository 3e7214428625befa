"""Readable placeholder names for the expressions of an f-string or a `+` concatenation.

`order.id` -> `order_id`, `user.full_name` -> `full_name`, `len(items)` -> `items_count`,
`data["name"]` -> `name`, `total` -> `total`: a translator reads "{order_id}" and knows
what goes there, which "{0}" would not tell.
"""

from __future__ import annotations

import keyword
import re

import libcst as cst

# Attribute names too vague alone: `order.id` reads better as `order_id` than as `id`.
_VAGUE = frozenset(
    {
        "id",
        "pk",
        "name",
        "value",
        "text",
        "title",
        "code",
        "number",
        "type",
        "count",
        "amount",
        "price",
        "date",
        "time",
        "status",
        "key",
        "total",
        "sum",
        "size",
        "url",
        "username",
    }
)
_FALLBACK = "value"


def _clean(name: str) -> str:
    name = re.sub(r"\W+", "_", name).strip("_")
    if not name:
        return _FALLBACK
    if name[0].isdigit():
        name = f"{_FALLBACK}_{name}"
    if keyword.iskeyword(name) or name in {"self", "cls"}:
        name = f"{name}_"
    return name


def _dotted_parts(node: cst.BaseExpression) -> list[str] | None:
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.insert(0, node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.insert(0, node.value)
        return parts
    return None


def suggest_name(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return _clean(node.value)
    if isinstance(node, cst.Attribute):
        parts = _dotted_parts(node) or [node.attr.value]
        last = parts[-1]
        if last.lower() in _VAGUE and len(parts) > 1 and parts[-2] not in {"self", "cls"}:
            return _clean(f"{parts[-2]}_{last}")
        return _clean(last)
    if isinstance(node, cst.Call):
        if isinstance(node.func, cst.Name) and node.func.value == "len" and node.args:
            return _clean(f"{suggest_name(node.args[0].value)}_count")
        if isinstance(node.func, cst.Name) and node.func.value in {"str", "int", "float", "round", "abs"} and node.args:
            return suggest_name(node.args[0].value)
        if isinstance(node.func, (cst.Name, cst.Attribute)):
            name = suggest_name(node.func)
            return _clean(re.sub(r"^(get|format|fmt|calc|compute)_", "", name))
        return _FALLBACK
    if isinstance(node, cst.Subscript):
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            key = node.slice[0].slice.value
            if isinstance(key, cst.SimpleString) and isinstance(key.evaluated_value, str):
                return _clean(key.evaluated_value)
        return suggest_name(node.value)
    return _FALLBACK


def unique_name(base: str, taken: set[str]) -> str:
    name, number = base, 2
    while name in taken:
        name = f"{base}_{number}"
        number += 1
    taken.add(name)
    return name
