"""`json.dumps(value, ensure_ascii=False, indent=2)`, the same text, written by the C encoder.

The standard library encodes with indentation in pure Python (its C encoder is used only without
`indent`): a report of ten thousand findings took longer to print than to check from the cache. Here each
container whose values are all plain values (a finding, a region) is written by the C encoder in one call,
with the line break and indentation as its item separator; only the containers that hold containers are
walked in Python.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache

# Exactly these types (not subclasses, which json may write otherwise) are written by the C encoder at once.
_PLAIN = frozenset((str, int, float, bool, type(None)))
_KEY = frozenset((str,))


@cache
def _flat_encoder(level: int) -> json.JSONEncoder:
    """Writes a container of plain values at `level` with one item per line (the brackets are fixed up)."""
    return json.JSONEncoder(ensure_ascii=False, separators=(",\n" + "  " * (level + 1), ": "))


_plain = json.JSONEncoder(ensure_ascii=False).encode


def dumps(value: object) -> str:
    """The text `json.dumps(value, ensure_ascii=False, indent=2)` gives, for JSON data (dict keys strings)."""
    return _dumps(value, 0)


def _dumps(value: object, level: int) -> str:
    values: Iterable[object]
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not _KEY.issuperset(map(type, value)):
            return _fallback(value, level)  # json.dumps turns other keys into strings: let it
        values = value.values()
    elif isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        values = value
    else:
        return _plain(value)
    inner = "\n" + "  " * (level + 1)
    if _PLAIN.issuperset(map(type, values)):
        text = _flat_encoder(level).encode(value)  # "{" + items joined by ",\n<indent>" + "}"
        return text[0] + inner + text[1:-1] + "\n" + "  " * level + text[-1]
    if isinstance(value, dict):
        items = [f"{_plain(key)}: {_dumps(item, level + 1)}" for key, item in value.items()]
        return "{" + inner + ("," + inner).join(items) + "\n" + "  " * level + "}"
    flat = _flat_objects(value, level)
    if flat is not None:
        return flat
    items = [_dumps(item, level + 1) for item in value]
    return "[" + inner + ("," + inner).join(items) + "\n" + "  " * level + "]"


def _flat_objects(value: list | tuple, level: int) -> str | None:
    """A list of objects of plain values (a report's findings) in one call of the C encoder, or None.

    Encoded with the objects' item separator everywhere, the text differs from the indented one only
    around the objects' braces. A line break in JSON text is always a separator (a string writes `\\n`),
    and after a separator comes a key (`"`) inside an object, a `{` only between two objects: so every
    boundary between objects is found exactly and re-indented."""
    for item in value:
        if type(item) is not dict or not item or not _KEY.issuperset(map(type, item)):
            return None
        if not _PLAIN.issuperset(map(type, item.values())):
            return None
    outer, inner = "  " * (level + 1), "  " * (level + 2)
    text = _flat_encoder(level + 1).encode(value)  # [{"a": 1,\n<inner>"b": 2},\n<inner>{"a": 3, ...}]
    text = text.replace("},\n" + inner + "{", "\n" + outer + "},\n" + outer + "{\n" + inner)
    return "[\n" + outer + "{\n" + inner + text[2:-2] + "\n" + outer + "}\n" + "  " * level + "]"


def _fallback(value: object, level: int) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * level)
