"""Turn a string expression into one message (a `Shape`), or say why that is not safe.

Handled: a literal; implicit and `+` concatenations of literals, f-strings, names and
attributes; f-strings (their expressions become named placeholders); `"..." % args`;
`"...".format(args)`. Anything else that holds user-facing text (a call in the middle of a
concatenation, nested format specs, `{x=}`) is `Unsafe` and is reported, never rewritten.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from english_guard.fixes.extract.placeholders import suggest_name, unique_name
from english_guard.fixes.extract.records import FORMAT_CALL, KEYWORDS, PERCENT, PLAIN, Placeholder, Shape, Unsafe

CodeFor = Callable[[cst.CSTNode], str]


@dataclass(frozen=True)
class _Text:
    value: str  # text as the user sees it
    escaped: bool  # True when `{`/`}` are already doubled (f-string text)


@dataclass(frozen=True)
class _Field:
    node: cst.BaseExpression
    conversion: str
    spec: str


def _simple_value(node: cst.SimpleString) -> str | None:
    value = node.evaluated_value
    return value if isinstance(value, str) else None


def is_text_literal(node: cst.CSTNode) -> bool:
    if isinstance(node, cst.SimpleString):
        return _simple_value(node) is not None
    if isinstance(node, cst.FormattedString):
        return "b" not in node.prefix.lower()
    if isinstance(node, cst.ConcatenatedString):
        return is_text_literal(node.left) and is_text_literal(node.right)
    return False


def _literal_parts(node: cst.CSTNode) -> list[cst.SimpleString | cst.FormattedString]:
    if isinstance(node, cst.ConcatenatedString):
        return _literal_parts(node.left) + _literal_parts(node.right)
    assert isinstance(node, (cst.SimpleString, cst.FormattedString))  # see is_text_literal
    return [node]


def _simple_parts(parts: list[cst.SimpleString | cst.FormattedString]) -> list[cst.SimpleString] | None:
    """The parts when none is an f-string."""
    simple = [part for part in parts if isinstance(part, cst.SimpleString)]
    return simple if len(simple) == len(parts) else None


def _fstring_text(node: cst.FormattedString, raw: str) -> str:
    """The value of an f-string's text part, braces still doubled (ready for str.format)."""
    prefix = node.prefix.lower().replace("f", "")
    return ast.literal_eval(f"{prefix}{node.quote}{raw}{node.quote}")


def _fstring_pieces(node: cst.FormattedString, code_for: CodeFor) -> list[_Text | _Field] | Unsafe:
    pieces: list[_Text | _Field] = []
    for part in node.parts:
        if isinstance(part, cst.FormattedStringText):
            pieces.append(_Text(_fstring_text(node, part.value), escaped=True))
            continue
        assert isinstance(part, cst.FormattedStringExpression)  # the only other part of an f-string
        if part.equal is not None:
            return Unsafe(f"self-documenting f-string field {{{code_for(part.expression)}=}}")
        spec = ""
        for spec_part in part.format_spec or ():
            if not isinstance(spec_part, cst.FormattedStringText):
                return Unsafe(f"f-string field {{{code_for(part.expression)}}} has a computed format spec")
            spec += spec_part.value
        pieces.append(_Field(part.expression, part.conversion or "", spec))
    return pieces


def _literal_pieces(node: cst.CSTNode, code_for: CodeFor) -> list[_Text | _Field] | Unsafe:
    pieces: list[_Text | _Field] = []
    for part in _literal_parts(node):
        if isinstance(part, cst.SimpleString):
            pieces.append(_Text(_simple_value(part) or "", escaped=False))
        else:
            more = _fstring_pieces(part, code_for)
            if isinstance(more, Unsafe):
                return more
            pieces.extend(more)
    return pieces


def _flatten_add(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add) and not node.lpar:
        return _flatten_add(node.left) + _flatten_add(node.right)
    return [node]


def _is_plain_reference(node: cst.BaseExpression) -> bool:
    """A name or attribute chain: evaluating it once has no side effect worth ordering."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, cst.Name)


def _is_str_call(node: cst.BaseExpression) -> bool:
    """`str(x)` with one plain argument: concatenating it can never raise, so a placeholder is exact."""
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value == "str"
        and len(node.args) == 1
        and node.args[0].keyword is None
        and not node.args[0].star
        and not node.lpar
    )


def _concat_pieces(operands: list[cst.BaseExpression], code_for: CodeFor) -> list[_Text | _Field] | Unsafe:
    pieces: list[_Text | _Field] = []
    for operand in operands:
        if is_text_literal(operand):
            more = _literal_pieces(operand, code_for)
            if isinstance(more, Unsafe):
                return more
            pieces.extend(more)
        elif _is_plain_reference(operand) and not operand.lpar:
            pieces.append(_Field(operand, "", ""))
        elif _is_str_call(operand):
            pieces.append(_Field(operand, "", ""))  # `"Jami: " + str(total)`: always a str, one placeholder
        else:
            return Unsafe(f"concatenation with `{code_for(operand)}` in the middle cannot become one message")
    return pieces


def _keywords_shape(pieces: list[_Text | _Field], code_for: CodeFor, quote: str) -> Shape:
    template: list[str] = []
    placeholders: list[Placeholder] = []
    taken: set[str] = set()
    by_code: dict[str, str] = {}
    for piece in pieces:
        if isinstance(piece, _Text):
            template.append(piece.value if piece.escaped else piece.value.replace("{", "{{").replace("}", "}}"))
            continue
        code = code_for(piece.node)
        reusable = not _has_call(piece.node)
        name = by_code.get(code) if reusable else None
        if name is None:
            name = unique_name(suggest_name(piece.node), taken)
            placeholders.append(Placeholder(name, code, piece.node))
            if reusable:
                by_code[code] = name
        field = name + (f"!{piece.conversion}" if piece.conversion else "") + (f":{piece.spec}" if piece.spec else "")
        template.append("{" + field + "}")
    if not placeholders:  # an f-string without fields is a plain text
        text = "".join(template).replace("{{", "{").replace("}}", "}")
        return Shape(text, PLAIN, quote=quote)
    joined = "".join(template)
    return Shape(joined, KEYWORDS, tuple(placeholders), _plural_count(joined, placeholders), quote=quote)


_COUNT_NAMES = frozenset({"n", "count", "num", "number", "qty", "quantity", "total_count", "amount"})


def _plural_count(template: str, placeholders: list[Placeholder]) -> Placeholder | None:
    """The one placeholder that counts the noun after it (`{n} items`, `{len(rows)} orders`)."""
    found = []
    for placeholder in placeholders:
        node = placeholder.node
        counting = False
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "len":
            counting = len(node.args) == 1 and _is_plain_reference(node.args[0].value)
        elif _is_plain_reference(node):
            last = placeholder.name.lower()
            counting = last in _COUNT_NAMES or last.endswith("_count") or last.startswith(("count_", "num_", "n_"))
        if counting and re.search(r"\{" + re.escape(placeholder.name) + r"(?:![rsa])?(?::[^{}]*)?\}\s+\w", template):
            found.append(placeholder)
    return found[0] if len(found) == 1 else None


def _has_call(node: cst.CSTNode) -> bool:
    found = False

    class _Finder(cst.CSTVisitor):
        def visit_Call(self, _node: cst.Call) -> bool:
            nonlocal found
            found = True
            return False

    node.visit(_Finder())
    return found


def _first_quote(node: cst.CSTNode) -> str:
    part = _literal_parts(node)[0]
    return part.quote if isinstance(part, (cst.SimpleString, cst.FormattedString)) else '"'


def shape_of(node: cst.BaseExpression, code_for: CodeFor) -> Shape | Unsafe | None:
    """The message an expression shows to users; None when it is not a text expression at all."""
    if is_text_literal(node):
        parts = _literal_parts(node)
        quote = _first_quote(node)
        simple = _simple_parts(parts)
        if simple is not None:
            return Shape("".join(_simple_value(part) or "" for part in simple), PLAIN, quote=quote)
        pieces = _literal_pieces(node, code_for)
        return pieces if isinstance(pieces, Unsafe) else _keywords_shape(pieces, code_for, quote)

    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        operands = _flatten_add(node)
        if not any(is_text_literal(operand) for operand in operands):
            return None
        first_literal = next(operand for operand in operands if is_text_literal(operand))
        pieces = _concat_pieces(operands, code_for)
        return pieces if isinstance(pieces, Unsafe) else _keywords_shape(pieces, code_for, _first_quote(first_literal))

    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo) and is_text_literal(node.left):
        simple = _simple_parts(_literal_parts(node.left))
        if simple is None:
            return Unsafe("an f-string formatted again with `%` cannot become one message")
        template = "".join(_simple_value(part) or "" for part in simple)
        return Shape(template, PERCENT, quote=_first_quote(node.left))

    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "format"
        and is_text_literal(node.func.value)
    ):
        simple = _simple_parts(_literal_parts(node.func.value))
        if simple is None:
            return Unsafe("an f-string formatted again with `.format()` cannot become one message")
        template = "".join(_simple_value(part) or "" for part in simple)
        return Shape(template, FORMAT_CALL, quote=_first_quote(node.func.value))
    return None
