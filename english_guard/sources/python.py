"""Python files -> segments: defined identifiers, comments, docstrings and string literals with their roles.

The lint path reads Python with the standard library's `ast` (about ten times faster than building a
LibCST tree); the fixes parse with LibCST and find the same nodes by the exact positions recorded here.
What each string is for is decided in `user_facing` (flows) and `string_roles` (the model),
positions in `python_positions`.
"""

from __future__ import annotations

import ast
import bisect
import dataclasses
import itertools
import operator
import os
import re
import unicodedata
from collections.abc import Callable, Container

from english_guard.config import Config
from english_guard.deep import TOO_DEEP, deeper, in_deep_thread
from english_guard.errors import EnglishGuardError
from english_guard.records import Segment
from english_guard.sources.python_positions import Positions
from english_guard.sources.string_roles import CALLBACK_DATA, SHOWN, USER_FACING, is_test_module
from english_guard.sources.user_facing import Frame, UserFacingStrings, call_kinds_for, flow_keywords_for

# ENGLISH_GUARD_STRING_ROLES=off follows no string flow and leaves string literals unjudged (comments,
# docstrings and names are read as usual); `flows` follows the flows of the walk but builds no string
# segment; `segments` builds the string segments too and drops them before they are judged. Only for
# measuring what strings cost, step by step (benchmarks/bench_string_share.py); never a setting for users.
_STRING_STEPS = os.environ.get("ENGLISH_GUARD_STRING_ROLES", "on")
STRING_ROLES = _STRING_STEPS != "off"
_STRING_SEGMENTS = _STRING_STEPS in ("on", "segments")
_JUDGED_STRINGS = _STRING_STEPS not in ("off", "flows", "segments")


class PythonSyntaxError(EnglishGuardError):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.segments: list[Segment] = []  # what a tolerant lexer still reads in the file


_POSITION = operator.attrgetter("line", "column")  # a segment's (line, column), in C
# A frozen dataclass's `__init__` sets each field through `object.__setattr__`, about 1.5 µs a segment; the
# reader builds some 100,000 segments on the standard library, so it sets the slots itself: the same record
# (equal, same hash), in half the time. `_segment` names every field: a new field of Segment stops the import.
_SEGMENT_FIELDS = tuple(field.name for field in dataclasses.fields(Segment))
if _SEGMENT_FIELDS != (
    "path", "kind", "text", "line", "column", "end_line", "end_column", "symbol", "user_facing", "context", "holder"
):  # fmt: skip
    raise ImportError(f"sources.python._segment does not set the fields {_SEGMENT_FIELDS} of Segment")
_SET_PATH, _SET_KIND, _SET_TEXT, _SET_LINE, _SET_COLUMN, _SET_END_LINE, _SET_END_COLUMN = (
    getattr(Segment, name).__set__ for name in _SEGMENT_FIELDS[:7]
)
_SET_SYMBOL, _SET_USER_FACING, _SET_CONTEXT, _SET_HOLDER = (
    getattr(Segment, name).__set__ for name in _SEGMENT_FIELDS[7:]
)
_NEW = object.__new__


def _segment(
    path: str,
    kind: str,
    text: str,
    line: int,
    column: int,
    end_line: int,
    end_column: int,
    symbol: str,
    user_facing: bool = False,
    context: str = "",
    holder: str = "",
) -> Segment:
    """`Segment(...)` with every field given, without the frozen dataclass's `__init__` (see above)."""
    segment = _NEW(Segment)
    _SET_PATH(segment, path)
    _SET_KIND(segment, kind)
    _SET_TEXT(segment, text)
    _SET_LINE(segment, line)
    _SET_COLUMN(segment, column)
    _SET_END_LINE(segment, end_line)
    _SET_END_COLUMN(segment, end_column)
    _SET_SYMBOL(segment, symbol)
    _SET_USER_FACING(segment, user_facing)
    _SET_CONTEXT(segment, context)
    _SET_HOLDER(segment, holder)
    return segment


_SKIPPED_FIELDS = frozenset({"ctx", "op", "type_comment"})
_WORD = re.compile(r"\w+")


class _Collector(UserFacingStrings):
    # NodeVisitor's dispatch (a getattr per node) and its generic_visit are a third of the lint
    # path's time: a class-keyed method table and a leaner child walk do the same work faster.
    _methods: dict[type, Callable[..., object]] = {}
    # The fields of each node class that can hold nodes to visit, in ast's order.
    _child_fields: dict[type, tuple[str, ...]] = {}

    def _method(self, node_class: type) -> Callable[..., object]:
        method = getattr(type(self), "visit_" + node_class.__name__, None) or type(self).generic_visit
        if not STRING_ROLES and getattr(UserFacingStrings, method.__name__, None) is method:
            method = type(self).generic_visit  # a string flow's step: switched off with the strings
        self._methods[node_class] = method
        return method

    def visit(self, node: ast.AST):
        return (self._methods.get(node.__class__) or self._method(node.__class__))(self, node)

    def generic_visit(self, node: ast.AST) -> None:
        # The dispatch of `visit` is written out here: one Python call per node instead of two, on the
        # walk's most frequent path (about a million nodes on the standard library).
        methods = self._methods
        fields = self._child_fields.get(node.__class__)
        if fields is None:
            fields = self._child_fields[node.__class__] = tuple(
                name for name in node._fields if name not in _SKIPPED_FIELDS
            )
        for field_name in fields:
            value = getattr(node, field_name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, ast.AST):
                        (methods.get(item.__class__) or self._method(item.__class__))(self, item)
            elif isinstance(value, ast.AST):
                (methods.get(value.__class__) or self._method(value.__class__))(self, value)

    def __init__(self, path: str, text: str, config: Config) -> None:
        self.path = path
        self.text = text
        self.ascii_source = text.isascii()
        self.config = config
        self.pos = Positions(text)
        # Each name's first definition in the source, as (line, column, text as written, symbol): the segments
        # are built once the walk is done, for the definitions that stay.
        self.definitions: dict[str, tuple[int, int, str, str]] = {}
        self.docstrings: list[Segment] = []
        self.strings: list[Segment] = []
        self.docstring_nodes: set[int] = set()
        self.class_depth: list[bool] = []  # True while directly inside a class body
        self.frames: list[Frame] = []
        self.senders: dict[str, tuple[set[int], set[str]]] = {}
        # Calls of this file's own functions (by a plain name), resolved once senders are known.
        self.local_calls: list[tuple[ast.Call, str]] = []
        # Per function scope: names last assigned a string expression (for `text = "..."; send(text)`).
        self.string_variables: list[dict[str, ast.expr]] = [{}]
        # Every string literal met, and the role a flow gave it (see `string_roles`).
        self.string_nodes: list[ast.expr] = []
        self.roles: dict[int, tuple[str, str]] = {}
        self.class_names: list[str] = []
        self.holders: dict[int, str] = {}
        self.flows: dict[str, set[str]] = {SHOWN: set(), CALLBACK_DATA: set()}
        self.language_tables: dict[str, list[tuple[str, ast.expr]]] = {}
        self.call_kinds = call_kinds_for(config)
        self.shown_keywords = frozenset(config.user_facing_keywords)
        self.flow_keywords = flow_keywords_for(self.shown_keywords)
        self.test_file = False  # set by read_python_text: its strings are then test data
        # Names the code uses (defined here or not): a comment that mentions one refers to code.
        self.references: dict[str, ast.Name] = {}
        # Byte literals: with the string literals, where a `#` is no comment's start (see `string_spans`).
        self.bytes_nodes: list[ast.Constant] = []

    def string_spans(self, lines: Container[int]) -> list[tuple[int, int, int, int]]:
        """Where string and byte literals are, as `read_comments` takes them (0-based character columns):
        every literal that spans lines, and the one-line literals on `lines`, the lines that hold a `#`."""
        spans = []
        column = self.pos.column
        for node in itertools.chain(self.string_nodes, self.bytes_nodes):
            line, end_line = node.lineno, node.end_lineno or node.lineno
            if line == end_line and line not in lines:
                continue
            spans.append(
                (line, column(line, node.col_offset) - 1, end_line, column(end_line, node.end_col_offset or 0) - 1)
            )
        return spans

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self.string_nodes.append(node)
        elif isinstance(node.value, bytes):
            self.bytes_nodes.append(node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        self.string_nodes.append(node)
        for part in node.values:  # the literal parts belong to this f-string, not to strings of their own
            if isinstance(part, ast.FormattedValue):
                self.visit(part.value)

    # -- identifiers -------------------------------------------------------
    def define(self, name: str, symbol: str, line: int, column: int) -> None:
        if not name or name == "_":
            return
        existing = self.definitions.get(name)
        if existing is not None and (existing[0], existing[1]) <= (line, column):
            return
        text = name
        if not self.ascii_source:
            text, column = self._as_written(name, line, column)
        self.definitions[name] = (line, column, text, symbol)

    def definition_segments(self) -> list[Segment]:
        """The identifier segment of each name's first definition, in the order the names were first met."""
        path = self.path
        return [
            _segment(path, "identifier", text, line, column, line, column + len(text), symbol)
            for line, column, text, symbol in self.definitions.values()
        ]

    def _as_written(self, name: str, line: int, column: int) -> tuple[str, int]:
        """The name as the file spells it: Python NFKC-normalises identifiers, so `ｐassword` arrives as
        `password`; the check must see the full-width letter (EG102)."""
        source = self.pos.line_text(line)
        if source[column - 1 : column - 1 + len(name)] == name:
            return name, column
        word = _WORD.search(source, max(0, column - 1))
        if word is not None and unicodedata.normalize("NFKC", word.group()) == name:
            return word.group(), word.start() + 1
        return name, column

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        symbol = "method" if self.class_depth and self.class_depth[-1] else "function"
        keyword = "async def" if isinstance(node, ast.AsyncFunctionDef) else "def"
        column = self.pos.column(node.lineno, node.col_offset)
        column = self.pos.find_name(node.lineno, node.name, column + len(keyword))
        self.define(node.name, symbol, node.lineno, column)
        self._docstring(node)
        for decorator in node.decorator_list:
            self.visit(decorator)
        self._arguments(node.args)
        if node.returns:
            self.visit(node.returns)
        self.class_depth.append(False)
        self.string_variables.append({})
        params = [a.arg for a in [*node.args.posonlyargs, *node.args.args]]
        frame = Frame(
            node.name, params + [a.arg for a in node.args.kwonlyargs], 1 if params[:1] in (["self"], ["cls"]) else 0
        )
        self.frames.append(frame)
        for statement in node.body:
            self.visit(statement)
        self.frames.pop()
        if frame.shown:
            indexes = {i - frame.offset for i, p in enumerate(params) if p in frame.shown and i >= frame.offset}
            self.senders[node.name] = (indexes, frame.shown)
        self.string_variables.pop()
        self.class_depth.pop()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._arguments(node.args)
        self.visit(node.body)

    def _arguments(self, args: ast.arguments) -> None:
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
        if args.vararg:
            every.append(args.vararg)
        if args.kwarg:
            every.append(args.kwarg)
        for arg in every:
            self.define(arg.arg, "parameter", arg.lineno, self.pos.column(arg.lineno, arg.col_offset))
            if arg.annotation:
                self.visit(arg.annotation)
        for default in [*args.defaults, *[d for d in args.kw_defaults if d is not None]]:
            self.visit(default)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        column = self.pos.find_name(node.lineno, node.name, self.pos.column(node.lineno, node.col_offset) + 5)
        self.define(node.name, "class", node.lineno, column)
        self._docstring(node)
        if STRING_ROLES:
            self.class_keywords(node)
        for item in [*node.decorator_list, *node.bases, *node.keywords]:
            self.visit(item)
        self.class_depth.append(True)
        self.class_names.append(node.name)
        for statement in node.body:
            self.visit(statement)
        self.class_names.pop()
        self.class_depth.pop()

    def visit_Name(self, node: ast.Name) -> None:
        self.references.setdefault(node.id, node)  # the first use of a name
        if node.ctx.__class__ is ast.Store:  # the walk's most frequent node: no isinstance call
            symbol = "class attribute" if self.class_depth and self.class_depth[-1] else "variable"
            self.define(node.id, symbol, node.lineno, self.pos.column(node.lineno, node.col_offset))

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            line = node.end_lineno or node.lineno
            column = self.pos.column(line, node.end_col_offset or 0) - len(node.attr)
            self.define(node.attr, "attribute", line, column)
        # Its one child node, visited as `generic_visit` would (`attr` is a string, `ctx` is skipped).
        value = node.value
        (self._methods.get(value.__class__) or self._method(value.__class__))(self, value)

    def visit_Expr(self, node: ast.Expr) -> None:
        value = node.value  # an expression statement's one child, without `generic_visit`'s field loop
        (self._methods.get(value.__class__) or self._method(value.__class__))(self, value)

    # The nodes `generic_visit` meets most (an `if`, operators, a call's keywords), with their children in the
    # order of their fields, without the field loop.
    def visit_If(self, node: ast.If) -> None:
        methods = self._methods
        test = node.test
        (methods.get(test.__class__) or self._method(test.__class__))(self, test)
        for statement in node.body:
            (methods.get(statement.__class__) or self._method(statement.__class__))(self, statement)
        for statement in node.orelse:
            (methods.get(statement.__class__) or self._method(statement.__class__))(self, statement)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        left, right = node.left, node.right
        (self._methods.get(left.__class__) or self._method(left.__class__))(self, left)
        (self._methods.get(right.__class__) or self._method(right.__class__))(self, right)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        methods = self._methods
        for value in node.values:
            (methods.get(value.__class__) or self._method(value.__class__))(self, value)

    def _one_child(self, node: ast.keyword | ast.UnaryOp) -> None:
        child = node.value if node.__class__ is ast.keyword else node.operand  # type: ignore[union-attr]
        (self._methods.get(child.__class__) or self._method(child.__class__))(self, child)

    visit_keyword = visit_UnaryOp = _one_child

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            line = node.lineno
            self.define(
                node.name,
                "variable",
                line,
                self.pos.find_name(line, node.name, self.pos.column(line, node.col_offset) + 6),
            )
        self.generic_visit(node)

    def visit_alias(self, node: ast.alias) -> None:
        if node.asname:
            line = getattr(node, "lineno", None)
            if line is not None:
                start = self.pos.column(line, node.col_offset) + len(node.name)
                self.define(node.asname, "import alias", line, self.pos.find_name(line, node.asname, start))

    def _names_statement(self, node: ast.Global | ast.Nonlocal, keyword: str) -> None:
        column = self.pos.column(node.lineno, node.col_offset) + len(keyword)
        for name in node.names:
            column = self.pos.find_name(node.lineno, name, column)
            self.define(name, keyword, node.lineno, column)

    def visit_Global(self, node: ast.Global) -> None:
        self._names_statement(node, "global")

    def visit_Nonlocal(self, node: ast.Nonlocal) -> None:
        self._names_statement(node, "nonlocal")

    def _match_name(self, node: ast.pattern, name: str | None) -> None:
        if name:
            line = node.end_lineno or node.lineno
            end = self.pos.column(line, node.end_col_offset or 0)
            text = self.pos.line_text(line)
            column = text.rfind(name, 0, end - 1) + 1 or end - len(name)
            self.define(name, "variable", line, column)

    def visit_MatchAs(self, node: ast.MatchAs) -> None:
        self.generic_visit(node)
        self._match_name(node, node.name)

    def visit_MatchStar(self, node: ast.MatchStar) -> None:
        self._match_name(node, node.name)

    def visit_MatchMapping(self, node: ast.MatchMapping) -> None:
        self.generic_visit(node)
        self._match_name(node, node.rest)

    # -- docstrings and strings --------------------------------------------
    def _docstring(self, node: ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        body = node.body
        if not body or not isinstance(body[0], ast.Expr):
            return
        value = body[0].value
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            self.docstring_nodes.add(id(value))
            self.docstrings.append(self._literal_segment(value, "docstring", value.value, ""))

    def visit_Module(self, node: ast.Module) -> None:
        self._docstring(node)
        self.generic_visit(node)

    def _literal_segment(
        self, node: ast.expr, kind: str, text: str, symbol: str, context: str = "", holder: str = ""
    ) -> Segment:
        line, end_line = node.lineno, node.end_lineno or node.lineno
        return _segment(
            self.path,
            kind,
            text,
            line,
            self.pos.column(line, node.col_offset),
            end_line,
            self.pos.column(end_line, node.end_col_offset or 0),
            symbol,
            symbol == USER_FACING,
            context,
            holder,
        )


def _lines_with_hash(text: str) -> dict[int, str]:
    """The lines (by 1-based number, split at "\\n") that hold a `#`: found with str.find and str.count, which
    run in C, instead of a Python step per line (most lines of a file have no `#`)."""
    lines: dict[int, str] = {}
    number, counted = 1, 0
    index = text.find("#")
    while index >= 0:
        number += text.count("\n", counted, index)
        end = text.find("\n", index)
        if end < 0:
            end = len(text)
        lines[number] = text[text.rfind("\n", 0, index) + 1 : end]
        counted = end
        index = text.find("#", end)
    return lines


def read_comments(path: str, text: str, string_spans: list[tuple[int, int, int, int]]) -> list[Segment]:
    """Every `#` comment: a `#` that is not inside a string literal starts one (ast knows where strings are).

    This is several times faster than the `tokenize` module, which the lint path cannot afford. The string
    spans are laid out on the lines that hold a `#` only.
    """
    return _comments(path, _lines_with_hash(text), string_spans)


def _comments(path: str, hash_lines: dict[int, str], string_spans: list[tuple[int, int, int, int]]) -> list[Segment]:
    """`read_comments` on the lines that hold a `#` (`_lines_with_hash`)."""
    if not hash_lines:
        return []
    numbers = list(hash_lines)  # ascending
    inside: dict[int, list[tuple[int, float]]] = {}
    for first_line, column, end_line, end_column in string_spans:
        if first_line == end_line:
            if first_line in hash_lines:
                inside.setdefault(first_line, []).append((column, end_column))
            continue
        if first_line in hash_lines:
            inside.setdefault(first_line, []).append((column, float("inf")))
        for middle in numbers[bisect.bisect_right(numbers, first_line) : bisect.bisect_left(numbers, end_line)]:
            inside.setdefault(middle, []).append((0, float("inf")))
        if end_line in hash_lines:
            inside.setdefault(end_line, []).append((0, end_column))
    segments = []
    for number, line in hash_lines.items():
        index = line.find("#")
        strings = inside.get(number)
        if strings:  # a `#` inside a string literal starts no comment: try the next one
            while index >= 0 and any(start <= index < end for start, end in strings):
                index = line.find("#", index + 1)
            if index < 0:
                continue
        comment = line[index:].rstrip("\r \t\f")
        segments.append(
            _segment(path, "comment", comment, number, index + 1, number, index + 1 + len(comment), "comment")
        )
    return segments


def parse(path: str, text: str) -> ast.Module:
    try:
        return ast.parse(text, filename=path, type_comments=False)
    except SyntaxError as exc:
        raise PythonSyntaxError(f"syntax error: {exc.msg}", exc.lineno, exc.offset) from None
    except RecursionError:
        if in_deep_thread():
            raise PythonSyntaxError(TOO_DEEP, None, None) from None
        raise  # `deeper` tries again with room for the depth
    except (ValueError, MemoryError) as exc:
        raise PythonSyntaxError(f"cannot parse: {exc}", None, None) from None


def read_python_text(
    path: str,
    text: str,
    config: Config,
    test_file: bool | None = None,
    needs_no_segment: Callable[[str, str], bool] | None = None,
) -> list[Segment]:
    """All segments of one Python file, in source order. Its strings are test data when it is a test file
    (by its path and content, unless `test_file` says otherwise: `extract --include-tests` reads tests as
    code). Deep trees get a deeper stack (see `deep`). `needs_no_segment` (text, role) leaves string
    literals out (see `read_python_to_judge`).

    A file that does not parse raises PythonSyntaxError (EG900) carrying, as `segments`, what a
    tolerant lexer still reads in it: comments, docstrings and defined names are checked all the same."""
    try:
        return deeper(_read_python_text, path, text, config, test_file, needs_no_segment)
    except RecursionError:
        error = PythonSyntaxError(TOO_DEEP, None, None)
    from english_guard.sources.python_tolerant import tolerant_segments

    error.segments = tolerant_segments(path, text)
    raise error


def read_python_to_judge(path: str, text: str, config: Config) -> list[Segment]:
    """`read_python_text` for the check (the reader table's entry): without the string literals whose verdict
    could change nothing (`settled_literals`). The fixes read every literal."""
    from english_guard.settings import settings_for
    from english_guard.sources.settled_literals import literals_needing_no_segment

    return read_python_text(
        path, text, config, needs_no_segment=literals_needing_no_segment(settings_for(config).allowed)
    )


def _read_python_text(
    path: str,
    text: str,
    config: Config,
    test_file: bool | None = None,
    needs_no_segment: Callable[[str, str], bool] | None = None,
) -> list[Segment]:
    try:
        tree = parse(path, text)
    except PythonSyntaxError as exc:
        from english_guard.sources.python_tolerant import tolerant_segments

        exc.segments = tolerant_segments(path, text)
        raise
    collector = _Collector(path, text, config)
    collector.test_file = is_test_module(path, text) if test_file is None else test_file
    collector.visit(tree)
    if STRING_ROLES:
        collector.resolve_local_calls()
        collector.mark_language_tables()
        if _STRING_SEGMENTS:
            collector.strings = collector.string_segments(needs_no_segment)
            if not _JUDGED_STRINGS:
                collector.strings = []
    if "\r" in text:
        hash_lines = _lines_with_hash(text)
    else:  # the reader's lines are the text split at "\n" (`Positions`): no second pass over the text
        hash_lines = {number: line for number, line in enumerate(collector.pos.lines, 1) if "#" in line}
    comments = _comments(path, hash_lines, collector.string_spans(hash_lines) if hash_lines else [])
    references = [
        _segment(
            path,
            "reference",
            name,
            node.lineno,
            collector.pos.column(node.lineno, node.col_offset),
            node.lineno,
            collector.pos.column(node.lineno, node.col_offset) + len(name),
            "use",
        )
        for name, node in collector.references.items()
        if name not in collector.definitions
    ]
    segments = [
        *collector.definition_segments(),
        *collector.docstrings,
        *collector.strings,
        *comments,
        *references,
        *collector.flow_segments(),
    ]
    segments.sort(key=_POSITION)
    return segments
