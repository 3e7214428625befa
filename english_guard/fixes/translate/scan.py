"""Parse a file with LibCST and collect its translation units (the first step: `collect`)."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from english_guard.config import Config
from english_guard.deep import TOO_DEEP, too_deep
from english_guard.fixes.translate.comments import block_unit, comment_blocks, inline_unit
from english_guard.fixes.translate.docstrings import docstring_unit
from english_guard.fixes.translate.strings import string_unit
from english_guard.fixes.translate.units import FilePlan, TranslateError, Unit
from english_guard.suppression import file_is_skipped


class _Collector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, path: str, lines: list[str], module: cst.Module, strings: dict | None = None) -> None:
        super().__init__()
        self.path = path
        self.lines = lines
        self.module = module
        self.strings = strings or {}  # (line, column) -> the check's segment of a string to translate
        self.units: list[Unit] = []

    def _position(self, node: cst.CSTNode) -> CodeRange:
        return self.get_metadata(PositionProvider, node)

    def _add(self, unit: Unit | None) -> None:
        if unit is not None:
            self.units.append(unit)

    # comments ------------------------------------------------------------------------------------
    def on_visit(self, node: cst.CSTNode) -> bool:
        for f in dataclasses.fields(node):
            value = getattr(node, f.name, None)
            if isinstance(value, (tuple, list)) and value and all(isinstance(v, cst.EmptyLine) for v in value):
                for block in comment_blocks(value):
                    self._add(block_unit(self.path, self.lines, block, self._position))
        return super().on_visit(node)

    def visit_TrailingWhitespace(self, node: cst.TrailingWhitespace) -> None:
        if node.comment is not None:
            self._add(inline_unit(self.path, node.comment, self._position))

    # docstrings ----------------------------------------------------------------------------------
    def visit_Module(self, node: cst.Module) -> None:
        self._add(docstring_unit(self.path, self.lines, node.body, self._position))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._add(docstring_unit(self.path, self.lines, node.body.body, self._position))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._add(docstring_unit(self.path, self.lines, node.body.body, self._position))

    # strings: log, exception and developer text ----------------------------------------------------
    def _string(self, node: cst.BaseExpression) -> bool:
        if not self.strings:
            return False
        start = self._position(node).start
        segment = self.strings.get((start.line, start.column + 1))
        if segment is None:
            return True
        self._add(string_unit(self.path, self.lines, node, segment, self.module.code_for_node, self._position))
        return False

    def visit_SimpleString(self, node: cst.SimpleString) -> bool:
        return self._string(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> bool:
        return self._string(node)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> bool:
        # The check gives the whole literal one role at its first piece; a rewrite needs one piece.
        return self._string(node)


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
    wrapper = MetadataWrapper(module)
    return wrapper.module, wrapper


def collect(path: str, source: str | bytes, judge: Callable | None = None, config: Config | None = None) -> FilePlan:
    """The units of one file. With `judge`, only those it finds non-English; without, every candidate.
    With `config`, also the log, exception and developer-text strings the check finds (EG402)."""
    module, wrapper = parse(path, source)
    text = module.code
    if file_is_skipped(text):
        return FilePlan(path, source, module, [])
    strings = None
    if config is not None:
        from english_guard.fixes.translate.strings import prose_strings

        strings = prose_strings(path, text, config)
    collector = _Collector(path, text.splitlines(keepends=True) or [""], module, strings)
    wrapper.visit(collector)
    units = sorted(collector.units, key=lambda u: (u.line, u.anchor[0] != "inline"))
    if judge is not None:
        kept = []
        for unit in units:
            verdict = judge(unit.text, unit.kind)
            if not verdict.english:
                unit.language = verdict.language
                unit.confidence = verdict.confidence
                kept.append(unit)
        units = kept
    return FilePlan(path, source, module, units)
