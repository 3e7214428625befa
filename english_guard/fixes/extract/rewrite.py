"""Rewrite a module: each chosen message becomes a gettext call, and the gettext import is added once.

LibCST keeps every other byte of the file as it was (comments, blank lines, quotes, line endings).
"""
from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from english_guard.fixes.extract.model import FORMAT_CALL, KEYWORDS, PERCENT, Candidate

_NO_SPACE = cst.SimpleWhitespace("")
_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def python_literal(text: str, quote: str = '"', ascii_only: bool = False) -> str:
    """A one-line Python string literal for `text`, in the file's quote style."""
    mark = "'" if quote.startswith("'") else '"'
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch == mark:
            out.append("\\" + ch)
        elif not ch.isprintable() or (ascii_only and not ch.isascii()):
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return mark + "".join(out) + mark


def gettext_call(gettext_name: str, msgid: str, quote: str, ascii_only: bool) -> cst.Call:
    return cst.Call(
        func=cst.parse_expression(gettext_name),
        args=[cst.Arg(cst.SimpleString(python_literal(msgid, quote, ascii_only)))],
    )


def ngettext_call(ngettext_name: str, singular: str, plural: str, count: cst.BaseExpression, quote: str,
                  ascii_only: bool) -> cst.Call:
    return cst.Call(
        func=cst.parse_expression(ngettext_name),
        args=[
            cst.Arg(cst.SimpleString(python_literal(singular, quote, ascii_only))),
            cst.Arg(cst.SimpleString(python_literal(plural, quote, ascii_only))),
            cst.Arg(count),
        ],
    )


@dataclass(frozen=True)
class Msgid:
    """The English for one occurrence: one form, or singular and plural around a count."""

    singular: str
    plural: str = ""


@dataclass(frozen=True)
class GettextNames:
    gettext: str = "_"
    ngettext: str = "ngettext"


def replacement(candidate: Candidate, msgid: Msgid, names: GettextNames, ascii_only: bool) -> cst.BaseExpression:
    shape, node = candidate.shape, candidate.node
    if msgid.plural and shape.count is not None:
        call = ngettext_call(names.ngettext, msgid.singular, msgid.plural, shape.count.node, shape.quote, ascii_only)
    else:
        call = gettext_call(names.gettext, msgid.singular, shape.quote, ascii_only)
    if shape.style == KEYWORDS:
        args = [
            cst.Arg(
                value=placeholder.node,
                keyword=cst.Name(placeholder.name),
                equal=cst.AssignEqual(whitespace_before=_NO_SPACE, whitespace_after=_NO_SPACE),
            )
            for placeholder in shape.placeholders
        ]
        new: cst.BaseExpression = cst.Call(func=cst.Attribute(value=call, attr=cst.Name("format")), args=args)
    elif shape.style == PERCENT:
        assert isinstance(node, cst.BinaryOperation)
        new = node.with_changes(left=call, lpar=(), rpar=())
    elif shape.style == FORMAT_CALL:
        assert isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
        new = node.with_changes(func=node.func.with_changes(value=call), lpar=(), rpar=())
    else:
        new = call
    return new.with_changes(lpar=node.lpar, rpar=node.rpar)


def _is_docstring(statement: cst.CSTNode) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _is_import(statement: cst.CSTNode, future_only: bool = False) -> bool:
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    for small in statement.body:
        if future_only:
            if not (isinstance(small, cst.ImportFrom) and isinstance(small.module, cst.Name)
                    and small.module.value == "__future__"):
                return False
        elif not isinstance(small, (cst.Import, cst.ImportFrom)):
            return False
    return True


def add_imports(module: cst.Module, statements: list[str]) -> cst.Module:
    for statement in statements:
        module = add_import(module, statement)
    return module


def add_import(module: cst.Module, import_statement: str) -> cst.Module:
    """Insert the import after the docstring, `__future__` imports and the leading import block."""
    body = list(module.body)
    index = 1 if body and _is_docstring(body[0]) else 0
    after_docstring = index == 1
    while index < len(body) and _is_import(body[index], future_only=True):
        index += 1
        after_docstring = False
    while index < len(body) and _is_import(body[index]):
        index += 1
        after_docstring = False
    statement = cst.parse_statement(import_statement + module.default_newline, config=module.config_for_parsing)
    if after_docstring:
        statement = statement.with_changes(leading_lines=[cst.EmptyLine()])
    body.insert(index, statement)
    return module.with_changes(body=body)


class _Replacer(cst.CSTTransformer):
    def __init__(self, replacements: dict[int, cst.BaseExpression]):
        super().__init__()
        self.replacements = replacements

    def on_leave(self, original_node, updated_node):
        new = self.replacements.get(id(original_node))
        return new if new is not None else updated_node


def rewrite_module(module: cst.Module, chosen: list[tuple[Candidate, Msgid]], names: GettextNames,
                   import_statements: list[str]) -> cst.Module:
    """The module with each (candidate, msgid) replaced and the given import statements added."""
    ascii_only = module.encoding.lower().replace("_", "-") not in {"utf-8", "utf8", "utf-8-sig"}
    replacements = {id(c.node): replacement(c, msgid, names, ascii_only) for c, msgid in chosen}
    new_module = module.visit(_Replacer(replacements))
    if chosen and import_statements:
        new_module = add_imports(new_module, import_statements)
    return new_module


class _MsgidRenamer(cst.CSTTransformer):
    """Give gettext calls the English a reviewer corrected: `_("Old")` -> `_("New")`."""

    def __init__(self, renames: dict[Msgid, Msgid], is_gettext, ascii_only: bool):
        super().__init__()
        self.renames = renames
        self.is_gettext = is_gettext
        self.ascii_only = ascii_only
        self.count = 0

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        from english_guard.fixes.extract.collect import callee_name

        if not self.is_gettext(callee_name(updated_node.func)):
            return updated_node
        literals = []
        for arg in updated_node.args[:2]:
            value = arg.value
            if not (isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str)) or arg.keyword:
                break
            literals.append(value)
        if not literals:
            return updated_node
        plural_key = Msgid(literals[0].evaluated_value, literals[1].evaluated_value) if len(literals) == 2 else None
        key = plural_key if plural_key in self.renames else Msgid(literals[0].evaluated_value)
        new = self.renames.get(key)
        if new is None:
            return updated_node
        args = list(updated_node.args)
        forms = [new.singular, new.plural] if key.plural else [new.singular]
        for index, text in enumerate(forms):
            literal = args[index].value
            quote = literal.quote if isinstance(literal, cst.SimpleString) else '"'
            args[index] = args[index].with_changes(
                value=literal.with_changes(value=python_literal(text, quote, self.ascii_only)))
        self.count += 1
        return updated_node.with_changes(args=args)


def rename_msgids(module: cst.Module, renames: dict[Msgid, Msgid], is_gettext) -> tuple[cst.Module, int]:
    if not renames:
        return module, 0
    ascii_only = module.encoding.lower().replace("_", "-") not in {"utf-8", "utf8", "utf-8-sig"}
    renamer = _MsgidRenamer(renames, is_gettext, ascii_only)
    return module.visit(renamer), renamer.count
