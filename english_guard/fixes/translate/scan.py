"""Parse a file with LibCST and collect its translation units (the first step: `collect`)."""

from __future__ import annotations

import ast
import dataclasses
import io
import re
import tokenize
from collections.abc import Callable
from typing import Any

import libcst as cst
from libcst.metadata import CodePosition, CodeRange, MetadataWrapper, PositionProvider

from english_guard.config import Config
from english_guard.deep import TOO_DEEP, too_deep
from english_guard.fixes.translate.comments import block_unit, comment_blocks, inline_unit
from english_guard.fixes.translate.docstrings import docstring_string, docstring_unit
from english_guard.fixes.translate.strings import string_unit
from english_guard.fixes.translate.units import FilePlan, Position, TranslateError, Unit
from english_guard.suppression import file_is_skipped

_LINE_FIELDS: dict[type, tuple[str, ...]] = {}


def line_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node type that can hold whole lines (`leading_lines`, `header`, `footer`, ...): looked
    up once per type, not once per node (a file of 10,000 functions has 400,000 nodes)."""
    names = _LINE_FIELDS.get(kind)
    if names is None:
        names = _LINE_FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind) if "EmptyLine" in str(f.type))
    return names


class _Collector(cst.CSTVisitor):
    """One pass over the tree: where the units are (comment blocks, inline comments, docstrings), and every
    comment and docstring in source order. Units are made afterwards, once their positions are known."""

    def __init__(self, module: cst.Module, strings: dict | None = None, position: Position | None = None) -> None:
        super().__init__()
        self.module = module
        self.strings = strings or {}  # (line, column) -> the check's segment of a string to translate
        self.position = position  # needed during the visit only to find those strings
        # ("block", [EmptyLine]) / ("inline", Comment) / ("doc", body) / ("string", (node, segment))
        self.jobs: list[tuple[str, Any]] = []
        self.comments: list[cst.Comment] = []
        self.docstrings: list[cst.SimpleString] = []

    # comments ------------------------------------------------------------------------------------
    def on_visit(self, node: cst.CSTNode) -> bool:
        for name in line_fields(type(node)):
            value = getattr(node, name, None)
            if isinstance(value, (tuple, list)) and value and all(isinstance(v, cst.EmptyLine) for v in value):
                for block in comment_blocks(value):
                    self.jobs.append(("block", block))
        return super().on_visit(node)

    def visit_Comment(self, node: cst.Comment) -> None:
        self.comments.append(node)

    def visit_TrailingWhitespace(self, node: cst.TrailingWhitespace) -> None:
        if node.comment is not None:
            self.jobs.append(("inline", node.comment))

    # docstrings ----------------------------------------------------------------------------------
    def _docstring(self, body) -> None:
        string = docstring_string(body)
        if string is not None:
            self.docstrings.append(string)
            self.jobs.append(("doc", body))

    def visit_Module(self, node: cst.Module) -> None:
        self._docstring(node.body)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._docstring(node.body.body)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._docstring(node.body.body)

    # strings: log, exception and developer text ----------------------------------------------------
    def _string(self, node: cst.BaseExpression) -> bool:
        if not self.strings or self.position is None:
            return False
        start = self.position(node).start
        segment = self.strings.get((start.line, start.column + 1))
        if segment is None:
            return True
        self.jobs.append(("string", (node, segment)))
        return False

    def visit_SimpleString(self, node: cst.SimpleString) -> bool:
        return self._string(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> bool:
        return self._string(node)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> bool:
        # The check gives the whole literal one role at its first piece; a rewrite needs one piece.
        return self._string(node)

    def units(self, path: str, lines: list[str], position: Position) -> list[Unit]:
        found = []
        for kind, payload in self.jobs:
            if kind == "block":
                unit = block_unit(path, lines, payload, position)
            elif kind == "inline":
                unit = inline_unit(path, payload, position)
            elif kind == "string":
                node, segment = payload
                unit = string_unit(path, lines, node, segment, self.module.code_for_node, position)
            else:
                unit = docstring_unit(path, lines, payload, position)
            if unit is not None:
                found.append(unit)
        return found


# Line breaks that Python's tokenizer and str.splitlines count differently from LibCST: such a file takes
# LibCST's own positions.
_ODD_LINE_BREAKS = re.compile("\r(?!\n)|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _quick_positions(text: str, comments: list[cst.Comment], docstrings: list[cst.SimpleString]) -> Position | None:
    """Positions of the comments (from the tokenizer) and docstrings (from `ast`): a fraction of the cost of
    LibCST's position metadata for the whole tree. None when they do not match one to one."""
    if _ODD_LINE_BREAKS.search(text):
        return None
    ranges: dict[int, CodeRange] = {}
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type == tokenize.COMMENT]
        tree = ast.parse(text) if docstrings else None
    except (SyntaxError, tokenize.TokenError, ValueError):
        return None
    if len(tokens) != len(comments):
        return None
    for comment, token in zip(comments, tokens, strict=True):
        if token.string != comment.value:
            return None
        ranges[id(comment)] = CodeRange(CodePosition(*token.start), CodePosition(*token.end))
    if tree is not None:
        lines = text.splitlines(keepends=True)
        found = sorted(
            (value.lineno, value.col_offset, value.end_lineno or value.lineno, value.end_col_offset or 0)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(value := node.body[0].value, ast.Constant)
            and isinstance(value.value, str)
        )
        index = 0
        for string in docstrings:  # in source order; `found` may hold more (ast counts concatenations too)
            while index < len(found):
                line, offset, end_line, end_offset = found[index]
                index += 1
                start = CodePosition(line, _characters(lines[line - 1], offset))
                end = CodePosition(end_line, _characters(lines[end_line - 1], end_offset))
                if _segment(lines, start, end) == string.value:
                    ranges[id(string)] = CodeRange(start, end)
                    break
            else:
                return None
    return lambda node: ranges[id(node)]


def _characters(line: str, utf8_offset: int) -> int:
    """`ast` counts columns in UTF-8 bytes; LibCST and the units count characters."""
    return len(line.encode("utf-8")[:utf8_offset].decode("utf-8", errors="replace"))


def _segment(lines: list[str], start: CodePosition, end: CodePosition) -> str:
    if start.line == end.line:
        return lines[start.line - 1][start.column : end.column]
    middle = "".join(lines[start.line : end.line - 1])
    return lines[start.line - 1][start.column :] + middle + lines[end.line - 1][: end.column]


def parse(path: str, source: str | bytes) -> tuple[cst.Module, MetadataWrapper]:
    if too_deep(source, path):
        raise TranslateError(f"{path}: {TOO_DEEP}")
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        # Python's own parser names the place of the mistake more precisely than LibCST's.
        try:
            compile(source, path, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
        except SyntaxError as syntax:
            raise TranslateError(f"{path}:{syntax.lineno}:{syntax.offset or 1}: cannot parse: {syntax.msg}") from exc
        except ValueError:
            pass
        raise TranslateError(f"{path}:{exc.raw_line}:{exc.raw_column + 1}: cannot parse: {exc.message}") from exc
    except (UnicodeDecodeError, LookupError, SyntaxError) as exc:
        raise TranslateError(f"{path}: cannot decode the file: {exc}") from exc
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)  # just parsed: no one else holds it
    return wrapper.module, wrapper


def collect(path: str, source: str | bytes, judge: Callable | None = None, config: Config | None = None) -> FilePlan:
    """The units of one file. With `judge`, only those it finds non-English; without, every candidate.
    With `config`, also the log, exception and developer-text strings the check finds (EG402)."""
    module, wrapper = parse(path, source)
    text = module.code
    if file_is_skipped(text):
        return FilePlan(path, source, None, [])
    strings = None
    if config is not None:
        from english_guard.fixes.translate.strings import prose_strings

        strings = prose_strings(path, text, config)
    # Strings to translate are found by position during the visit; otherwise positions are needed only for
    # the units found, and the tokenizer and ast give them far more cheaply than LibCST's metadata.
    position: Position | None = wrapper.resolve(PositionProvider).__getitem__ if strings else None
    collector = _Collector(module, strings, position)
    module.visit(collector)
    if position is None and collector.jobs:
        position = _quick_positions(text, collector.comments, collector.docstrings)
        if position is None:
            position = wrapper.resolve(PositionProvider).__getitem__
    units = collector.units(path, text.splitlines(keepends=True) or [""], position) if position else []
    units = sorted(units, key=lambda u: (u.line, u.anchor[0] != "inline"))
    if judge is not None:
        kept = []
        for unit in units:
            verdict = judge(unit.text, unit.kind)
            if not verdict.english:
                unit.language = verdict.language
                unit.confidence = verdict.confidence
                kept.append(unit)
        units = kept
    return FilePlan(path, source, module if units else None, units)
