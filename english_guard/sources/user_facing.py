"""The role of every string literal of a Python file (see `string_roles`), found while the reader walks the tree.

A string is user-facing when it is passed to a configured call or keyword (`message.answer(...)`,
`text=`), to a button or HTTP error constructor, when it is a value of a message catalogue keyed by
language codes or of a Django `choices` table, when it is compared with a message's text, returned
with an HTTP status, or when it reaches such a call through a variable of the same scope or a function
of the same file that passes its parameter on (a "sender"). Log calls, exceptions, assertions, keys
and data calls give their strings the other roles; a literal no flow reaches is judged by its shape.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from english_guard.config import Config
from english_guard.records import Segment
from english_guard.sources.callpatterns import (
    is_gettext_call,
    is_user_facing_call,
    is_user_facing_keyword,
    patterns_for,
)
from english_guard.sources.python_positions import Positions, dotted_name
from english_guard.sources.string_roles import (
    CALLBACK_DATA,
    DATA,
    DEVELOPER,
    DEVELOPER_KEYWORDS,
    EXCEPTION,
    MSGID,
    NAME,
    NAME_KEYWORDS,
    PRESUMED,
    ROLE_CALL_LAST_PARTS,
    SHOWN,
    TABLE_LANGUAGES,
    TRANSLATED_TABLE,
    USER_FACING,
    call_role,
    is_callback_token,
    is_exception_class,
    is_slug_pair,
    is_word_list,
    role_of_shape,
    stronger,
    text_shape,
)

_STRING_PREFIX = re.compile(r"^[rRbBuUfF]{0,2}('''|\"\"\"|'|\")")


_LANGUAGE_KEY = re.compile(r"^[a-z]{2}(?:[-_][A-Za-z]{2,4})?$")
# A variable named for a language: `regions_uz`, `BUTTONS_RU`, `uz_menu`.
_LANGUAGE_SUFFIX = re.compile(r"^(?P<base>\w+?)_(?P<lang>[A-Za-z]{2})$")
_LANGUAGE_PREFIX = re.compile(r"^(?P<lang>[A-Za-z]{2})_(?P<base>\w+)$")
_TABLE_VALUES = (ast.List, ast.Tuple, ast.Set, ast.Dict)
# The values `_remember` keeps as a variable's string expression (`text = "..." + name`).
_STRING_EXPRESSIONS = frozenset({ast.Constant, ast.JoinedStr, ast.BinOp, ast.IfExp})


def _table_language(name: str) -> tuple[str, str] | None:
    """(the table's name without its language, the language) for `regions_uz`, `RU_BUTTONS`; None else."""
    for pattern in (_LANGUAGE_SUFFIX, _LANGUAGE_PREFIX):
        found = pattern.match(name)
        if found and found.group("lang").lower() in TABLE_LANGUAGES:
            return found.group("base").lower(), found.group("lang").lower()
    return None


def _is_message_catalog(node: ast.Dict) -> bool:
    """`{"uz": {...}, "ru": {...}}` or `{"uz": "...", "ru": "..."}`: texts per language are shown to users."""
    if len(node.keys) < 2:
        return False
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


# Handlers of pressed inline buttons (aiogram 2 `callback_query_handler`, aiogram 3 and pyTelegramBotAPI
# `callback_query`/`callback_query_handler`): their text filters (`text="dossari12"`) match callback data.
_CALLBACK_HANDLERS = frozenset({"callback_query_handler", "callback_query"})
# String methods that test or cut callback data (`call.data.startswith("pora")`, `F.data.in_({...})`).
_DATA_TESTS = frozenset({"startswith", "endswith", "removeprefix", "removesuffix", "in_", "contains", "split"})


# A reply keyboard's methods that take buttons or, in pyTelegramBotAPI, plain strings as button labels.
_KEYBOARD_ROWS = frozenset({"add", "row", "insert"})
_KEYBOARD_NAME = re.compile(r"keyboard|markup|(?:^|_)kb(?:_|$)", re.IGNORECASE)


def _is_keyboard(node: ast.AST) -> bool:
    """`keyboard`, `self.main_markup`, `menu_kb`: a name that says it holds a keyboard (`items.add` does not)."""
    if node.__class__ is ast.Name:
        name = node.id
    elif node.__class__ is ast.Attribute:
        name = node.attr
    else:
        return False
    return _KEYBOARD_NAME.search(name) is not None


def _is_callback_data(node: ast.AST) -> bool:
    """`call.data`, `callback.data`, `F.data`: the callback data of a pressed inline button."""
    return isinstance(node, ast.Attribute) and node.attr == "data"


# What a callee says about the strings passed to it: (a handler of pressed buttons, a gettext function,
# a user-facing call, the role a log, data, developer or exception call gives, a plain call), per callee and
# configuration. A plain call is none of the first three and no call whose name `_call_arguments` tests
# (`.startswith`, `keyboard.add`, `F.text.in_`, `"a b".split`, `CallbackData`): its arguments take its role.
_CallKind = tuple[bool, bool, bool, str | None, bool]
# The last parts of a callee that `_call_arguments` tests before it gives the arguments the call's role.
_TESTED_METHODS = frozenset({*_DATA_TESTS, *_KEYBOARD_ROWS, "in_", "split", "splitlines"})
_call_kinds: dict[int, tuple[Config, dict[str, _CallKind]]] = {}


def call_kinds_for(config: Config) -> dict[str, _CallKind]:
    """The callees classified so far under a configuration (one or two per process)."""
    entry = _call_kinds.get(id(config))
    if entry is None or entry[0] is not config:
        entry = _call_kinds[id(config)] = (config, {})
    return entry[1]


def flow_keywords_for(shown_keywords: frozenset[str]) -> frozenset[str]:
    """The keyword arguments whose values a flow gives a role (`UserFacingStrings._call_keywords`)."""
    return shown_keywords | {"choices", "callback_data"} | NAME_KEYWORDS | DEVELOPER_KEYWORDS


def _call_kind(callee: str, config: Config) -> _CallKind:
    last = callee.rsplit(".", 1)[-1]
    if last in _CALLBACK_HANDLERS:
        return True, False, False, None, False
    plain = last not in _TESTED_METHODS and last != "CallbackData"
    if last not in ROLE_CALL_LAST_PARTS and not patterns_for(config).may_match(callee, last):
        # Most callees: no pattern ends with their last part (what the three tests below would find).
        return False, False, False, EXCEPTION if is_exception_class(last) else None, plain
    if is_gettext_call(callee, config):
        return False, True, False, None, False
    if is_user_facing_call(callee, config):
        return False, False, True, None, False
    return False, False, False, call_role(callee), plain


def _literal_like(node: ast.AST) -> bool:
    return isinstance(node, (ast.JoinedStr, ast.BinOp)) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


# The functions whose returned text `_developer_text` may call developer text: asked first, without a call.
_DEVELOPER_TEXT_FUNCTIONS = frozenset({"__repr__", "__str__"})


def _developer_text(function: str, value: ast.expr) -> bool:
    """What `__repr__` returns, and a `__str__` shaped like a repr (`<Manzil: {self.title}>`): text for
    developers reading a debugger or a log, not for users (a plain `__str__` may be shown in an admin)."""
    if function == "__repr__":
        return True
    if function != "__str__" or not isinstance(value, (ast.Constant, ast.JoinedStr)):
        return False
    first, last = (value.values[0], value.values[-1]) if isinstance(value, ast.JoinedStr) else (value, value)
    return (
        isinstance(first, ast.Constant)
        and isinstance(last, ast.Constant)
        and str(first.value).startswith("<")
        and str(last.value).endswith(">")
    )


def held_name(node: ast.AST) -> str:
    """The name under which a module holds what `node` reads, as `_hold` records it: `texts.WELCOME` ->
    `WELCOME`, `Button.back.value` -> `Button.back`, `TEXTS["welcome"]` -> `TEXTS[welcome]`; "" else."""
    if isinstance(node, ast.Subscript):
        if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            table = held_name(node.value)
            return f"{table}[{node.slice.value}]" if table else ""
        return ""
    parts = dotted_name(node).split(".") if isinstance(node, (ast.Attribute, ast.Name)) else []
    if len(parts) >= 3 and parts[-1] == "value":  # an Enum member's value
        parts = parts[:-1]
    if not parts or not parts[-1]:
        return ""
    if len(parts) >= 2 and parts[-2][:1].isupper():  # a class attribute
        return f"{parts[-2]}.{parts[-1]}"
    return parts[-1]


def _literal_text(node: ast.Constant | ast.JoinedStr) -> str:
    """The text of a literal; an f-string's fields count as one letter each (`f"pora{n}"` is a token)."""
    if isinstance(node, ast.Constant):
        return str(node.value)
    return "".join(str(part.value) if isinstance(part, ast.Constant) else "x" for part in node.values)


# Values in which `_mark` finds no literal and, outside a flow to users or callback data, no name: an attribute or
# subscript (`self.text`), a comparison, a call other than `.format` (`_holds_nothing`).
_HOLDING_NOTHING = frozenset({ast.Attribute, ast.Subscript, ast.Compare, ast.UnaryOp, ast.Lambda, ast.Await})


def _holds_nothing(node: ast.AST) -> bool:
    """A value `_mark`'s loop passes by when no flow to users or callback data follows it."""
    if node.__class__ is ast.Call:
        func = node.func
        return not (isinstance(func, ast.Attribute) and func.attr == "format")
    return node.__class__ in _HOLDING_NOTHING


_NO_ROLE = (None, PRESUMED)  # the role and context of a literal no flow reached
_UNDECIDED = "undecided"  # no role is this string: a decision not taken yet
# The role of a literal's segment (None: no segment), per (text, role a flow assigned, in a test file), for each
# test of `needs_no_segment`: it is a pure function of those (`text_shape`, `role_of_shape` and the test), and
# most texts recur (`"utf-8"`, keys), so each literal costs one dictionary lookup once its text was met.
_segment_roles: dict[object, dict[tuple[str, str | None, bool], str | None]] = {}
_KEPT_ROLES = 200_000  # beyond this many decisions per test, new ones are taken each time they are met


def _decided_roles(
    needs_no_segment: Callable[[str, str], bool] | None,
) -> dict[tuple[str, str | None, bool], str | None]:
    decided = _segment_roles.get(needs_no_segment)
    if decided is None:
        decided = _segment_roles[needs_no_segment] = {}
    return decided


def _segment_role(
    text: str, assigned: str | None, in_tests: bool, needs_no_segment: Callable[[str, str], bool] | None
) -> str | None:
    """The role of a literal's segment, or None when it gets none: data whatever its role (`final_role`), or a
    literal `needs_no_segment` accepts."""
    if assigned == DATA:
        return None  # data whatever its shape (`role_of_shape`): no shape needed
    shape = text_shape(text)
    if shape == DATA:
        return None
    role = role_of_shape(assigned, shape, in_tests)
    if role == DATA or (needs_no_segment is not None and needs_no_segment(text, role)):
        return None
    return role


class UserFacingStrings(ast.NodeVisitor):
    """The string-role part of the reader's tree walk (the reader's visitor inherits it and sets the
    attributes declared here)."""

    config: Config
    path: str
    pos: Positions
    string_nodes: list[ast.expr]  # every string literal met
    roles: dict[int, tuple[str, str]]  # id(node) -> role and context
    docstring_nodes: set[int]
    string_variables: list[dict[str, ast.expr]]  # a stack of scopes
    frames: list[Frame]
    senders: dict[str, tuple[set[int], set[str]]]
    local_calls: list[tuple[ast.Call, str]]
    test_file: bool
    class_names: list[str]  # the classes being visited, innermost last
    holders: dict[int, str]  # id(literal) -> the constant, class attribute or table entry holding it
    flows: dict[str, set[str]]  # "shown" / "callback data" -> names of constants sent or matched here
    language_tables: dict[str, list[tuple[str, ast.expr]]]  # `regions` -> [("uz", [...]), ("ru", [...])]
    call_kinds: dict[str, _CallKind]  # see `call_kinds_for`
    shown_keywords: frozenset[str]  # the configuration's user-facing keywords (`verbose_name`, `help_text`)
    flow_keywords: frozenset[str]  # every keyword `_call_keywords` reads (see `flow_keywords_for`)

    def _literal_segment(
        self, node: ast.expr, kind: str, text: str, symbol: str, context: str = "", holder: str = ""
    ) -> Segment:
        raise NotImplementedError

    # The reader's dispatch (see `english_guard.sources.python._Collector`).
    _methods: dict[type, Callable[..., object]]

    def _method(self, node_class: type) -> Callable[..., object]:
        raise NotImplementedError

    def _hold(self, targets: list[ast.expr], value: ast.expr) -> None:
        """Remember which module constant, class attribute or module table entry holds a literal: another
        module may send it (`texts.WELCOME`, `Button.back.value`, `TEXTS["welcome"]`)."""
        if self.frames or len(targets) != 1 or not isinstance(targets[0], ast.Name):
            return
        name = targets[0].id
        if isinstance(value, _TABLE_VALUES):
            table = _table_language(name)
            if table is not None:
                self.language_tables.setdefault(table[0], []).append((table[1], value))
        if self.class_names:
            name = f"{self.class_names[-1]}.{name}"
        if isinstance(value, (ast.Constant, ast.JoinedStr)):
            self.holders[id(value)] = name
        elif isinstance(value, ast.Dict) and not self.class_names:
            for key, item in zip(value.keys, value.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    if isinstance(item, (ast.Constant, ast.JoinedStr)):
                        self.holders[id(item)] = f"{name}[{key.value}]"

    def visit_Assign(self, node: ast.Assign) -> None:
        targets, value = node.targets, node.value
        if len(targets) == 1 and targets[0].__class__ is ast.Name:  # most assignments: one name, no loop
            self._remember_name(targets[0].id, value)
        else:
            self._remember(targets, value)
        if not self.frames:  # only module and class bodies hold constants
            self._hold(targets, value)
        self._visit_children(targets, value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._remember([node.target], node.value)
            self._hold([node.target], node.value)
        self.generic_visit(node)

    def _remember(self, targets: list[ast.expr], value: ast.expr) -> None:
        for target in targets:
            if target.__class__ is ast.Name:
                self._remember_name(target.id, value)

    def _remember_name(self, name: str, value: ast.expr) -> None:
        if name in self.shown_keywords:
            # `verbose_name = "..."` in a Django Meta, `help_text = "..."`: the name says who reads it
            self._mark(value, USER_FACING, f"{name} = ...")
        elif "choices" in name.lower():
            self._mark_choices(value)
        elif value.__class__ in _STRING_EXPRESSIONS:
            self.string_variables[-1][name] = value
        else:
            self.string_variables[-1].pop(name, None)

    def _mark_choices(self, node: ast.AST) -> None:
        """Django `choices`: `[("yangi", "Yangi buyurtma"), ...]` stores the key and shows the label."""
        if not isinstance(node, (ast.List, ast.Tuple)):
            return
        for pair in node.elts:
            if isinstance(pair, (ast.Tuple, ast.List)) and len(pair.elts) == 2:
                if isinstance(pair.elts[1], (ast.List, ast.Tuple)):  # a named group of choices
                    self._mark(pair.elts[0], USER_FACING, "choices")
                    self._mark_choices(pair.elts[1])
                else:
                    self._mark(pair.elts[0], NAME, "choices")
                    self._mark(pair.elts[1], USER_FACING, "choices")

    def visit_Dict(self, node: ast.Dict) -> None:
        if _is_message_catalog(node):
            for value in node.values:
                if isinstance(value, ast.Dict):
                    for inner in value.values:
                        self._mark(inner, USER_FACING, TRANSLATED_TABLE)
                else:
                    self._mark(value, USER_FACING, TRANSLATED_TABLE)
        for key, value in zip(node.keys, node.values, strict=True):
            if key.__class__ is ast.Constant and isinstance(key.value, str):
                self._mark(key, NAME, "dict key")
                if key.value in self.shown_keywords:
                    # a migration's `options={"verbose_name": "..."}`, a form's `{"label": "..."}`
                    self._mark(value, USER_FACING, f"{key.value!r}: ...")
                elif key.value == "choices":
                    self._mark_choices(value)
        self._visit_children(node.keys)
        self._visit_children(node.values)

    def _collection(self, node: ast.Tuple | ast.List | ast.Set) -> None:
        elts = node.elts
        if len(elts) < 6:  # too short for a word list; a pair may be a text and its slug
            if len(elts) == 2:
                first, second = elts
                if (
                    first.__class__ is ast.Constant
                    and second.__class__ is ast.Constant
                    and isinstance(first.value, str)
                    and isinstance(second.value, str)
                    and is_slug_pair(first.value, second.value)
                ):
                    self._mark(first, DATA, "a text and its slug")
                    self._mark(second, DATA, "a text and its slug")
            methods = self._methods  # the children, as `_visit_children` visits them
            for child in elts:
                (methods.get(child.__class__) or self._method(child.__class__))(self, child)
            return
        words = [e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(words) == len(elts) and is_word_list(words):  # every element is a string literal
            for text in elts:
                self._mark(text, DATA, "a word list")
        self._visit_children(elts)

    visit_Tuple = visit_List = visit_Set = _collection

    def _loop(self, node: ast.For | ast.AsyncFor | ast.comprehension) -> None:
        if isinstance(node.iter, ast.Constant):
            self._mark(node.iter, DATA, "a set of characters")  # `for char in "äöüß"`
        self.generic_visit(node)

    visit_For = visit_AsyncFor = visit_comprehension = _loop

    def visit_Subscript(self, node: ast.Subscript) -> None:
        # `row["yetkazilgan"]`, `TEXTS["welcome"]`: a key names data
        key = node.slice
        if key.__class__ is ast.Constant and isinstance(key.value, str):
            self._mark(key, NAME, "subscript")
        value = node.value  # the children, as `_visit_children` visits them
        (self._methods.get(value.__class__) or self._method(value.__class__))(self, value)
        (self._methods.get(key.__class__) or self._method(key.__class__))(self, key)

    def visit_Raise(self, node: ast.Raise) -> None:
        if isinstance(node.exc, ast.Call):
            for arg in node.exc.args:
                self._mark(arg, EXCEPTION, "raise")
        self.generic_visit(node)

    def visit_Assert(self, node: ast.Assert) -> None:
        if node.msg is not None:
            self._mark(node.msg, DEVELOPER, "assert")
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        value = node.value
        # Flask's `return "Topilmadi", 404`: the body of an HTTP response
        if (
            isinstance(value, ast.Tuple)
            and len(value.elts) >= 2
            and isinstance(value.elts[1], ast.Constant)
            and isinstance(value.elts[1].value, int)
        ):
            self._mark(value.elts[0], USER_FACING, "HTTP response")
        elif value is None:
            return  # a bare `return`: no child to visit
        elif (
            self.frames
            and self.frames[-1].name in _DEVELOPER_TEXT_FUNCTIONS
            and _developer_text(self.frames[-1].name, value)
        ):
            self._mark(value, DEVELOPER, self.frames[-1].name)
        (self._methods.get(value.__class__) or self._method(value.__class__))(self, value)  # its one child

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        args = node.args
        keywords = node.keywords
        if args or keywords:
            callee = func.id if func.__class__ is ast.Name else dotted_name(func)
            kind = self.call_kinds.get(callee) or self._call_kind(callee)
            if kind[4]:
                # A plain call (most calls): `_call_flows`' first branch, with `_call_keywords` only for a call
                # that passes a keyword some flow reads.
                self._plain_arguments(node, callee, kind[3])
                if keywords:
                    tested = self.flow_keywords
                    for keyword in keywords:
                        if keyword.arg in tested:
                            self._call_keywords(node, callee)
                            break
            else:
                self._call_flows(node, func, args, keywords)
        elif (
            # Many calls pass nothing: only `"a b c".split()` gives a string a role then.
            func.__class__ is ast.Attribute
            and func.attr in ("split", "splitlines")
            and isinstance(func.value, ast.Constant)
            and not any(self._call_kind(dotted_name(func))[:3])  # unless configured as a message call
        ):
            self._mark(func.value, DATA, "a word list")
        # The children in `generic_visit`'s order (func, args, keywords), without its field loop.
        methods = self._methods
        (methods.get(func.__class__) or self._method(func.__class__))(self, func)
        for arg in args:
            (methods.get(arg.__class__) or self._method(arg.__class__))(self, arg)
        for keyword in keywords:
            (methods.get(keyword.__class__) or self._method(keyword.__class__))(self, keyword)

    def _call_flows(self, node: ast.Call, func: ast.expr, args: list[ast.expr], keywords: list[ast.keyword]) -> None:
        """The roles a call with arguments gives them."""
        callee = func.id if func.__class__ is ast.Name else dotted_name(func)
        handler, gettext, shown, role, plain = self.call_kinds.get(callee) or self._call_kind(callee)
        if plain:  # most calls: the arguments take the call's role, `_call_arguments`' last branch
            self._plain_arguments(node, callee, role)
        elif handler:
            for value in (*args, *(k.value for k in keywords if k.arg)):
                self._mark_callback_data(value, f"{callee}(...)")
            return
        else:
            self._call_arguments(node, callee, gettext, shown, role)
        if keywords and not gettext:
            self._call_keywords(node, callee)

    def _visit_children(self, nodes: Sequence[ast.AST | None], last: ast.AST | None = None) -> None:
        """`nodes` and then `last`, as `generic_visit` visits a node's fields (a dict's `**` key is None)."""
        methods = self._methods
        for child in nodes:
            if child is not None:
                (methods.get(child.__class__) or self._method(child.__class__))(self, child)
        if last is not None:
            (methods.get(last.__class__) or self._method(last.__class__))(self, last)

    def _call_kind(self, callee: str) -> _CallKind:
        kind = self.call_kinds.get(callee)
        if kind is None:
            kind = self.call_kinds[callee] = _call_kind(callee, self.config)
        return kind

    def _call_arguments(self, node: ast.Call, callee: str, gettext: bool, shown: bool, role: str | None) -> None:
        func = node.func
        if func.__class__ is ast.Attribute and func.attr in _DATA_TESTS and _is_callback_data(func.value):
            for arg in node.args:
                self._mark_callback_data(arg, f"{callee}(...)")
        if callee.endswith("CallbackData") and callee.rsplit(".", 1)[-1] == "CallbackData":
            for arg in node.args:  # aiogram 2: `CallbackData("vote", "action")`
                self._mark_callback_data(arg, callee)
        if gettext:
            for arg in node.args:
                self._mark(arg, MSGID, callee)
        elif shown:
            for arg in node.args:
                self._mark(arg, USER_FACING, callee)
                self._parameter_shown(arg)
        elif func.__class__ is ast.Attribute and func.attr in _KEYBOARD_ROWS and _is_keyboard(func.value):
            for arg in node.args:  # pyTelegramBotAPI's `keyboard.add(texts.MENU)`: a string is a button's label
                self._mark(arg, USER_FACING, callee)
                self._parameter_shown(arg)
        elif func.__class__ is ast.Attribute and func.attr == "in_" and _is_message_text(func.value):
            for arg in node.args:  # aiogram's `F.text.in_({...})` filter lists button labels
                self._mark(arg, USER_FACING, callee)
        elif (
            func.__class__ is ast.Attribute
            and func.attr in ("split", "splitlines")
            and isinstance(func.value, ast.Constant)
        ):
            self._mark(func.value, DATA, "a word list")  # `"a b c".split()`
        else:
            self._plain_arguments(node, callee, role)

    def _plain_arguments(self, node: ast.Call, callee: str, role: str | None) -> None:
        """The positional arguments of a call no flow reads specially take the call's role (a log call's,
        an exception's), and a call of a bare name is kept for `resolve_local_calls`."""
        if role is not None:
            for arg in node.args:
                self._mark(arg, role, callee)
        if "." not in callee and callee:
            self.local_calls.append((node, callee))

    def _call_keywords(self, node: ast.Call, callee: str) -> None:
        tested = self.flow_keywords
        for keyword in node.keywords:
            if keyword.arg not in tested:  # `**kwargs` (None) and the keywords no flow reads
                continue
            if keyword.arg in self.shown_keywords and is_user_facing_keyword(callee, keyword.arg, self.config):
                self._mark(keyword.value, USER_FACING, f"{callee}({keyword.arg}=...)")
                self._parameter_shown(keyword.value)
            elif keyword.arg == "choices":
                self._mark_choices(keyword.value)
            elif keyword.arg == "callback_data":
                self._mark_callback_data(keyword.value, f"{callee}(callback_data=...)")
            elif keyword.arg in NAME_KEYWORDS:
                self._mark(keyword.value, NAME, f"{callee}({keyword.arg}=...)")
            elif keyword.arg in DEVELOPER_KEYWORDS:
                self._mark(keyword.value, DEVELOPER, f"{callee}({keyword.arg}=...)")

    def visit_Compare(self, node: ast.Compare) -> None:
        # `message.text == "📦 Yangi buyurtma"`: a bot matches the label of a button the user pressed.
        sides = [node.left, *node.comparators]
        # Most comparisons hold no attribute; `in` tests a class in C.
        attributes = (
            [side.attr for side in sides if side.__class__ is ast.Attribute]
            if ast.Attribute in map(type, sides)
            else None
        )
        if attributes and "data" in attributes:  # `_is_callback_data`
            for side in sides:
                if not _is_callback_data(side):
                    self._mark_callback_data(side, "compared with callback data")
        elif attributes and ("text" in attributes or "caption" in attributes):  # `_is_message_text`
            for side in sides:
                if not _is_message_text(side):
                    self._mark(side, USER_FACING, "compared with a message's text")
        elif ast.Constant in map(type, node.comparators):  # most comparisons test no literal on the right
            for op, right in zip(node.ops, node.comparators, strict=True):
                if isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, ast.Constant):
                    self._mark(right, DATA, "a set of characters")  # `ch in "ўқғҳ"`
        methods = self._methods  # the children, as `_visit_children` visits them (`ops` hold no node to visit)
        for side in sides:
            (methods.get(side.__class__) or self._method(side.__class__))(self, side)

    def class_keywords(self, node: ast.ClassDef) -> None:
        """aiogram 3: `class Surah(CallbackData, prefix="sura")`: the prefix starts every callback id."""
        if any(dotted_name(base).rsplit(".", 1)[-1] == "CallbackData" for base in node.bases):
            for keyword in node.keywords:
                if keyword.arg in ("prefix", "sep"):
                    self._mark_callback_data(keyword.value, "CallbackData prefix")

    def _mark_callback_data(self, node: ast.AST, context: str) -> None:
        """Callback ids in a value are data; a text with spaces there keeps the role its shape gives."""
        self._mark(node, DATA, context, only=is_callback_token)

    def _parameter_shown(self, node: ast.AST) -> None:
        """A parameter of an enclosing function reaches a user-facing call: that function is a sender."""
        if isinstance(node, ast.Name):
            for frame in self.frames:
                if node.id in frame.params:
                    frame.shown.add(node.id)

    def mark_language_tables(self) -> None:
        """Tables kept once per language (`regions_uz` and `regions_ru`) hold translated UI text."""
        for tables in self.language_tables.values():
            if len({language for language, _value in tables}) < 2:
                continue
            for _language, value in tables:
                items = value.values if isinstance(value, ast.Dict) else [value]
                for item in items:
                    self._mark(item, USER_FACING, TRANSLATED_TABLE)

    def resolve_local_calls(self) -> None:
        """Calls of this file's own senders that pass a literal (the calls were kept whatever their arguments:
        only a sender's calls are worth the test)."""
        for node, callee in self.local_calls:
            sender = self.senders.get(callee)
            if sender is None or not any(_literal_like(a) for a in (*node.args, *(k.value for k in node.keywords))):
                continue
            indexes, names = sender
            for index, arg in enumerate(node.args):
                if index in indexes:
                    self._mark(arg, USER_FACING, callee)
            for keyword in node.keywords:
                if keyword.arg in names:
                    self._mark(keyword.value, USER_FACING, callee)

    def _mark(self, node: ast.AST, role: str, context: str, only: Callable[[str], bool] | None = None) -> None:
        """Give the string literals that make up a value the role of where the value goes (with `only`,
        the literals whose text it accepts).

        Iterative, with each node visited once: a value can refer to itself through a variable
        (`text = text + "..."`), and generated code concatenates thousands of terms."""
        if node.__class__ is ast.Constant and only is None:  # a literal alone (a dict key, an argument)
            if isinstance(node.value, str):
                old = self.roles.get(id(node))
                if old is None or stronger(role, old[0]):  # most literals are marked once
                    self.roles[id(node)] = (role, context)
            return
        # A name this file does not assign may be a constant of another module: the project decides.
        flow = SHOWN if role == USER_FACING else CALLBACK_DATA if only is is_callback_token else None
        if flow is None and _holds_nothing(node):
            return  # a value the loop below would pass by: `err.args`, `len(x)` (most arguments of log calls)
        stack = [node]
        seen: set[int] = set()
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, (ast.Constant, ast.JoinedStr)):
                if isinstance(node, ast.Constant) and not isinstance(node.value, str):
                    continue
                if only is not None and not only(_literal_text(node)):
                    continue
                old = self.roles.get(id(node))
                if stronger(role, old[0] if old else None):
                    self.roles[id(node)] = (role, context)
            elif isinstance(node, ast.Name):
                value = self.string_variables[-1].get(node.id)
                if value is not None and value is not node:
                    stack.append(value)
                elif flow is not None:
                    self.flows[flow].add(node.id)
            elif flow is not None and isinstance(node, (ast.Attribute, ast.Subscript)):
                held = held_name(node)
                if held:
                    self.flows[flow].add(held)
            elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
                if isinstance(node.op, ast.Add):
                    stack.append(node.right)
                stack.append(node.left)
            elif isinstance(node, ast.IfExp):
                stack.extend((node.orelse, node.body))
            elif isinstance(node, ast.BoolOp):
                stack.extend(reversed(node.values))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
                stack.append(node.func.value)
            elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                stack.extend(reversed(node.elts))

    def string_segments(self, needs_no_segment: Callable[[str, str], bool] | None = None) -> list[Segment]:
        """One segment per string literal that is not data, with its role as the segment's symbol; with
        `needs_no_segment`, none for the literals it accepts by text and role (see `settled_literals`)."""
        segments = []
        docstrings, roles, holders, test_file = self.docstring_nodes, self.roles, self.holders, self.test_file
        decided = _decided_roles(needs_no_segment)
        for node in self.string_nodes:
            key = id(node)
            if key in docstrings:
                continue
            if node.__class__ is ast.Constant:
                # `visit_Constant` collects string values only (no `typing.cast`: a Python call per literal)
                body: str = node.value  # type: ignore[assignment]
            else:
                source = self.pos.segment(node)
                body = _STRING_PREFIX.sub("", source)
                quote = _STRING_PREFIX.match(source)
                if quote:
                    body = body[: len(body) - len(quote.group(1))] if body.endswith(quote.group(1)) else body
            assigned, context = roles.get(key, _NO_ROLE)
            decision = (body, assigned, test_file)
            role = decided.get(decision, _UNDECIDED)
            if role is _UNDECIDED:
                role = _segment_role(body, assigned, test_file, needs_no_segment)
                if len(decided) < _KEPT_ROLES:
                    decided[decision] = role
            if role is not None:
                segments.append(self._literal_segment(node, "string", body, role, context, holders.get(key, "")))
        return segments

    def flow_segments(self) -> list[Segment]:
        """The names of constants this file sends to users or matches as callback data, for the project
        step (kind "flow": no rule judges them)."""
        return [
            Segment(self.path, "flow", name, 1, 1, 1, 1, flow)
            for flow in (SHOWN, CALLBACK_DATA)
            for name in sorted(self.flows[flow])
        ]
