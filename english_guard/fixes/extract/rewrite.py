"""Rewrite a module: each chosen message becomes a gettext call, and the gettext import is added once.

LibCST keeps every other byte of the file as it was (comments, blank lines, quotes, line endings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from english_guard.fixes.extract.records import FORMAT_CALL, KEYWORDS, PERCENT, Candidate

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


def ngettext_call(
    ngettext_name: str, singular: str, plural: str, count: cst.BaseExpression, quote: str, ascii_only: bool
) -> cst.Call:
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
    lazy: str = ""  # the lazy gettext (`__`) for texts made at import time; "" when there is none


def replacement(candidate: Candidate, msgid: Msgid, names: GettextNames, ascii_only: bool) -> cst.BaseExpression:
    shape, node = candidate.shape, candidate.node
    if msgid.plural and shape.count is not None:
        call = ngettext_call(names.ngettext, msgid.singular, msgid.plural, shape.count.node, shape.quote, ascii_only)
    else:
        name = names.lazy if candidate.module_level and names.lazy else names.gettext
        call = gettext_call(name, msgid.singular, shape.quote, ascii_only)
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
            if not (
                isinstance(small, cst.ImportFrom)
                and isinstance(small.module, cst.Name)
                and small.module.value == "__future__"
            ):
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


def rewrite_module(
    module: cst.Module, chosen: list[tuple[Candidate, Msgid]], names: GettextNames, import_statements: list[str]
) -> cst.Module:
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
        literals: list[cst.SimpleString] = []
        texts: list[str] = []
        for arg in updated_node.args[:2]:
            value = arg.value
            if not isinstance(value, cst.SimpleString) or arg.keyword:
                break
            text = value.evaluated_value
            if not isinstance(text, str):
                break
            literals.append(value)
            texts.append(text)
        if not literals:
            return updated_node
        plural_key = Msgid(texts[0], texts[1]) if len(texts) == 2 else None
        key = plural_key if plural_key in self.renames else Msgid(texts[0])
        new = self.renames.get(key)
        if new is None:
            return updated_node
        args = list(updated_node.args)
        forms = [new.singular, new.plural] if key.plural else [new.singular]
        for index, text in enumerate(forms):
            literal = args[index].value
            quote = literal.quote if isinstance(literal, cst.SimpleString) else '"'
            args[index] = args[index].with_changes(
                value=literal.with_changes(value=python_literal(text, quote, self.ascii_only))
            )
        self.count += 1
        return updated_node.with_changes(args=args)


def rename_msgids(module: cst.Module, renames: dict[Msgid, Msgid], is_gettext) -> tuple[cst.Module, int]:
    if not renames:
        return module, 0
    ascii_only = module.encoding.lower().replace("_", "-") not in {"utf-8", "utf8", "utf-8-sig"}
    renamer = _MsgidRenamer(renames, is_gettext, ascii_only)
    return module.visit(renamer), renamer.count


_TEXT_COMPARISONS = (cst.Equal, cst.NotEqual, cst.In, cst.NotIn)


class _ComparisonRewriter(cst.CSTTransformer):
    """`F.text == "🛒 Savat"` -> `F.text == _("🛒 Cart")`: incoming text compared with a message that was
    extracted is compared with that message in the user's locale, exactly as its button shows it.

    Inside a function the comparison runs per update and takes `_`; in a decorator or at module level it
    runs once at import and takes the lazy gettext (`__`), or is reported when there is none.
    """

    def __init__(self, msgids: dict[str, str], names: GettextNames, ascii_only: bool):
        super().__init__()
        self.msgids = msgids
        self.names = names
        self.ascii_only = ascii_only
        self.stack: list[cst.CSTNode] = []
        self.decorators: list[int] = []
        self.used: set[str] = set()
        self.refused: list[cst.SimpleString] = []  # literals at import time with no lazy gettext
        self.subjects: list[str] = []  # per enclosing `match`: the name its rewritten cases capture

    def visit_FunctionDef(self, node) -> None:
        self.stack.append(node)

    def leave_FunctionDef(self, original_node, updated_node):
        self.stack.pop()
        return updated_node

    def visit_Lambda(self, node) -> None:
        self.stack.append(node)

    def leave_Lambda(self, original_node, updated_node):
        self.stack.pop()
        return updated_node

    def visit_Decorator(self, node) -> None:
        self.decorators.append(len(self.stack) - 1)

    def leave_Decorator(self, original_node, updated_node):
        self.decorators.pop()
        return updated_node

    def _literal(self, node: cst.BaseExpression) -> cst.BaseExpression:
        if not (isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str)):
            return node
        msgid = self.msgids.get(node.evaluated_value)
        if msgid is None:
            return node
        from english_guard.fixes.extract.collect import runs_at_import

        at_import = runs_at_import(self.stack, self.decorators)
        name = self.names.lazy if at_import else self.names.gettext
        if not name:
            self.refused.append(node)
            return node
        self.used.add(name)
        call = gettext_call(name, msgid, node.quote, self.ascii_only)
        return call.with_changes(lpar=node.lpar, rpar=node.rpar)

    def _side(self, node: cst.BaseExpression, membership: bool) -> cst.BaseExpression:
        if membership and isinstance(node, (cst.Tuple, cst.List, cst.Set)):
            elements = [
                e.with_changes(value=self._literal(e.value)) if isinstance(e, cst.Element) else e for e in node.elements
            ]
            new = node.with_changes(elements=elements)
            if isinstance(node, cst.Set) and self._lazy_in(new):
                # a set hashes its lazy texts once, in one locale: a list compares them when asked
                return cst.List(
                    elements=new.elements, lbracket=cst.LeftSquareBracket(), rbracket=cst.RightSquareBracket()
                )
            return new
        return self._literal(node)

    def _lazy_in(self, node: cst.BaseExpression) -> bool:
        return bool(self.names.lazy) and any(
            isinstance(e, cst.Element)
            and isinstance(e.value, cst.Call)
            and isinstance(e.value.func, cst.Name)
            and e.value.func.value == self.names.lazy
            for e in getattr(node, "elements", ())
        )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        """`F.text.in_({"🛒 Savat", "🧺 Savat"})`: a magic filter's membership test, like `in`."""
        from english_guard.fixes.extract.collect import is_membership_call

        if not is_membership_call(updated_node) or updated_node.args[0].keyword is not None:
            return updated_node
        argument = updated_node.args[0]
        return updated_node.with_changes(args=[argument.with_changes(value=self._side(argument.value, True))])

    def visit_Match(self, node: cst.Match) -> None:
        self.subjects.append(self._capture_name(node))

    def leave_Match(self, original_node: cst.Match, updated_node: cst.Match) -> cst.Match:
        self.subjects.pop()
        return updated_node

    def _capture_name(self, node: cst.Match) -> str:
        """A name for the subject in rewritten cases, unused anywhere in the statement."""
        code = cst.Module([]).code_for_node(node)
        name, number = "incoming_text", 1
        while re.search(rf"\b{name}\b", code):
            number += 1
            name = f"incoming_text_{number}"
        return name

    def leave_MatchCase(self, original_node: cst.MatchCase, updated_node: cst.MatchCase) -> cst.MatchCase:
        """`case "🛒 Savat":` -> `case incoming_text if incoming_text == _("🛒 Cart"):`. A pattern cannot call
        gettext, so the text moves into a guard on the subject, captured under a fresh name."""
        pattern = updated_node.pattern
        options = pattern.patterns if isinstance(pattern, cst.MatchOr) else [pattern]
        values = [option.pattern if isinstance(option, cst.MatchOrElement) else option for option in options]
        if not self.subjects or not values or not all(isinstance(value, cst.MatchValue) for value in values):
            return updated_node
        literals = [value.value for value in values if isinstance(value, cst.MatchValue)]
        texts = [self._literal(literal) for literal in literals]
        if all(new is old for new, old in zip(texts, literals, strict=True)):
            return updated_node
        name = cst.Name(self.subjects[-1])
        if len(texts) == 1:
            test: cst.BaseExpression = cst.Comparison(
                left=name, comparisons=[cst.ComparisonTarget(operator=cst.Equal(), comparator=texts[0])]
            )
        else:
            choices = cst.Tuple([cst.Element(text) for text in texts])
            test = cst.Comparison(left=name, comparisons=[cst.ComparisonTarget(operator=cst.In(), comparator=choices)])
        if updated_node.guard is not None:
            guard = updated_node.guard
            if isinstance(guard, (cst.BooleanOperation, cst.IfExp, cst.Lambda, cst.NamedExpr)):
                guard = guard.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
            test = cst.BooleanOperation(left=test, operator=cst.And(), right=guard)
        space = cst.SimpleWhitespace(" ")
        return updated_node.with_changes(
            pattern=cst.MatchAs(name=name),
            guard=test,
            whitespace_before_if=space,
            whitespace_after_if=space,
        )

    def leave_Comparison(self, original_node: cst.Comparison, updated_node: cst.Comparison) -> cst.Comparison:
        if len(updated_node.comparisons) != 1 or not isinstance(
            updated_node.comparisons[0].operator, _TEXT_COMPARISONS
        ):
            return updated_node
        target = updated_node.comparisons[0]
        membership = isinstance(target.operator, (cst.In, cst.NotIn))
        left = updated_node.left if membership else self._literal(updated_node.left)
        comparator = self._side(target.comparator, membership)
        return updated_node.with_changes(left=left, comparisons=[target.with_changes(comparator=comparator)])


def rewrite_comparisons(module: cst.Module, msgids: dict[str, str], names: GettextNames):
    """The module with every comparison against an extracted message's original text rewritten:
    (module, gettext names used, literals left because they run at import time and there is no lazy gettext)."""
    if not msgids:
        return module, set(), []
    ascii_only = module.encoding.lower().replace("_", "-") not in {"utf-8", "utf8", "utf-8-sig"}
    rewriter = _ComparisonRewriter(msgids, names, ascii_only)
    return module.visit(rewriter), rewriter.used, rewriter.refused
