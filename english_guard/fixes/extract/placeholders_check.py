"""Do two versions of a message carry the same placeholders? (msgfmt --check asks the same question.)"""

from __future__ import annotations

import string
from collections import Counter

from babel.messages.catalog import PYTHON_FORMAT


def percent_fields(text: str) -> list[tuple[str, str]]:
    """`%s`, `%(name)d`: (name, conversion) in order; `%%` is not a field."""
    return [(m.group(1) or "", m.group(3)) for m in PYTHON_FORMAT.finditer(text) if m.group(3) != "%"]


def brace_fields(text: str) -> Counter | None:
    """`{name!r:>5}` fields as a multiset; None when the text is not a valid format string."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    return Counter(
        (field, conversion or "", spec or "") for _lit, field, spec, conversion in parsed if field is not None
    )


def same_placeholders(original: str, english: str) -> bool:
    ours, theirs = percent_fields(original), percent_fields(english)
    if any(name for name, _c in ours) or any(name for name, _c in theirs):
        if Counter(ours) != Counter(theirs):  # named fields may move
            return False
    elif [c for _n, c in ours] != [c for _n, c in theirs]:  # positional fields keep their order
        return False
    return brace_fields(original) == brace_fields(english)


def describe_placeholders(text: str) -> str:
    found = [m.group(0) for m in PYTHON_FORMAT.finditer(text) if m.group(3) != "%"]
    fields = brace_fields(text) or Counter()
    for (name, conversion, spec), _count in fields.items():
        found.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return ", ".join(dict.fromkeys(found))
