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

_PLAIN = (str, int, float, bool, type(None))


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
        if not all(type(key) is str for key in value):
            return _fallback(value, level)  # json.dumps turns other keys into strings: let it
        values = value.values()
    elif isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        values = value
    else:
        return _plain(value)
    inner = "\n" + "  " * (level + 1)
    if all(isinstance(item, _PLAIN) for item in values):
        text = _flat_encoder(level).encode(value)  # "{" + items joined by ",\n<indent>" + "}"
        return text[0] + inner + text[1:-1] + "\n" + "  " * level + text[-1]
    if isinstance(value, dict):
        items = [f"{_plain(key)}: {_dumps(item, level + 1)}" for key, item in value.items()]
        return "{" + inner + ("," + inner).join(items) + "\n" + "  " * level + "}"
    items = [_dumps(item, level + 1) for item in value]
    return "[" + inner + ("," + inner).join(items) + "\n" + "  " * level + "]"


def _fallback(value: object, level: int) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * level)
