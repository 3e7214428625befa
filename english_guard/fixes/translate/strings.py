"""Non-English log, exception and developer-text strings (EG402) as translation units, and their rendering.

`check` gives each such literal its role (`english_guard.sources.string_roles`); here it is found again
in the LibCST tree by its start position. The unit's text is the literal's content as written between
the quotes (escapes and an f-string's `{expression}` fields included), so a reviewer sees the code. The
translation is written back with the literal's own prefix and quotes, and only when every placeholder
(`%s`, `%(name)s`, `{name}`, an f-string's fields) and escape comes back exactly.
"""

from __future__ import annotations

import ast
import re
from collections import Counter

import libcst as cst

from english_guard.config import Config
from english_guard.fixes.translate.units import Position, Unit, is_ignored
from english_guard.records import Segment
from english_guard.sources.string_roles import DEVELOPER, EXCEPTION, LOG

# The roles whose text only changes words a developer reads: names in strings and test data are left
# alone (a key or an asserted fixture changes what the program does).
TRANSLATED_ROLES = (LOG, EXCEPTION, DEVELOPER)
_PLACEHOLDER = re.compile(
    r"%\([^)]*\)[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]"
    r"|%[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]"
    r"|\{\{|\}\}|\{[^{}]*\}"
    r"|\\(?:N\{[^}]*\}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)"
)


def prose_strings(path: str, text: str, config: Config) -> dict[tuple[int, int], Segment]:
    """(line, 1-based column) -> the log, exception or developer-text string starting there."""
    from english_guard.fixes.roles import strings_by_role

    return strings_by_role(path, text, config, TRANSLATED_ROLES) or {}


def string_unit(
    path: str, lines: list[str], node: cst.BaseExpression, segment: Segment, code_for_node, position: Position
) -> Unit | None:
    """The unit of one literal, or None when it is not one that can be rewritten in place (bytes, a
    literal split over several pieces, text over several lines)."""
    quote: str
    if isinstance(node, cst.SimpleString):
        prefix, quote = node.prefix, node.quote
        start, end = len(prefix) + len(quote), -len(quote)
        source = node.value
    elif isinstance(node, cst.FormattedString):
        prefix, quote = node.prefix, node.start[len(node.prefix) :]
        source = code_for_node(node)
        start, end = len(node.start), -len(node.end)
    else:
        return None
    content = source[start:end]
    if "b" in prefix.lower() or "\n" in content or not content.strip():
        return None
    found = position(node)
    if is_ignored(lines[found.start.line - 1], "string"):
        return None
    unit = Unit(
        path,
        "string",
        found.start.line,
        found.end.line,
        content,
        found.start.column + 1 + start,
        found.end.column + 1 + end,
        inline=True,
        anchor=("string", id(node)),
        role=segment.symbol,
    )
    unit.render = {"prefix": prefix, "quote": quote, "formatted": isinstance(node, cst.FormattedString)}
    return unit


def placeholders(text: str) -> Counter:
    """The placeholders, fields and escapes of a literal's content, which a translation must keep (an
    escaped quote is only how the text is written: it may come and go)."""
    return Counter(m.group() for m in _PLACEHOLDER.finditer(text) if m.group() not in ("\\'", '\\"'))


def render_string(unit: Unit, text: str) -> str:
    """The new literal for `text`, with the original prefix and quotes; raises UnitRejected when the
    translation cannot be written there safely."""
    from english_guard.fixes.translate.rewrite import UnitRejected

    text = " ".join(part.strip() for part in text.split("\n") if part.strip())
    prefix, quote = unit.render["prefix"], unit.render["quote"]
    raw = "r" in prefix.lower()
    if placeholders(text) != placeholders(unit.text):
        raise UnitRejected(
            f"{unit.path}:{unit.line}: the translation does not keep the placeholders and escapes of the original "
            f"({', '.join(sorted(placeholders(unit.text))) or 'none'}); translate by hand"
        )
    if quote[0] in text and len(quote) == 1:
        if raw:
            raise UnitRejected(
                f"{unit.path}:{unit.line}: the translation contains the string's quote; translate by hand"
            )
        # A quote the engine wrote ("can't" inside '...') is escaped; one already escaped stays as it is.
        text = re.sub(r"(?<!\\)((?:\\\\)*)" + re.escape(quote), lambda m: m.group(1) + "\\" + quote, text)
    if text.endswith(quote[0]) and not text.endswith("\\" + quote[0]):
        raise UnitRejected(f"{unit.path}:{unit.line}: the translation ends with the string's quote; translate by hand")
    value = f"{prefix}{quote}{text}{quote}"
    try:
        tree = ast.parse(value, mode="eval")
    except (SyntaxError, ValueError) as exc:
        raise UnitRejected(f"{unit.path}:{unit.line}: the translation would not be a valid string literal") from exc
    expected = ast.JoinedStr if unit.render["formatted"] else ast.Constant
    if not isinstance(tree.body, expected):
        raise UnitRejected(f"{unit.path}:{unit.line}: the translation would not be a valid string literal")
    return value
