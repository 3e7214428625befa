"""Write accepted translations back into the syntax tree, keeping markers, quotes and indentation (`apply`)."""

from __future__ import annotations

import ast
import re

import libcst as cst

from english_guard.errors import EnglishGuardError
from english_guard.fixes.translate.scan import line_fields
from english_guard.fixes.translate.strings import render_string
from english_guard.fixes.translate.units import FilePlan, TranslateError, Unit


class UnitRejected(EnglishGuardError):
    """A translation that cannot be written into this place safely."""


def render_docstring(unit: Unit, text: str) -> str:
    r = unit.render
    quote, prefix = r["quote"], r["prefix"]
    if unit.inline:
        text = " ".join(line.strip() for line in text.split("\n"))
    lines = text.split("\n")
    indent = r["indent"]
    # The first line follows the opening quotes (or the head's own line break); the rest are indented.
    body_lines = [lines[0]] + [(indent + ln) if ln.strip() else "" for ln in lines[1:]]
    content = r["head"] + "\n".join(body_lines) + r["tail"]
    if "r" not in prefix.lower():
        # Backslashes that are not escapes the original already had would change meaning; double them.
        content = re.sub(r"\\(?![\\'\"abfnrtv0-7xNuU\n])", r"\\\\", content)
    if quote in content or content.endswith(quote[0]) or (len(quote) == 1 and "\n" in content):
        raise UnitRejected(
            f"{unit.path}:{unit.line}: the translation contains the docstring's quote; translate by hand"
        )
    value = f"{prefix}{quote}{content}{quote}"
    try:
        ast.literal_eval(value)
    except (SyntaxError, ValueError) as exc:
        raise UnitRejected(f"{unit.path}:{unit.line}: the translation would not be a valid string literal") from exc
    return value


def render_comment_lines(unit: Unit, text: str) -> list[str]:
    prefix = unit.render["prefix"]
    out = []
    for line in text.split("\n"):
        value = (prefix + line).rstrip() if line.strip() else prefix.rstrip() or "#"
        out.append(value.replace("\r", " "))
    return out


class _Applier(cst.CSTTransformer):
    def __init__(self, replacements: dict[tuple[str, int], tuple[Unit, str]]) -> None:
        super().__init__()
        self.replacements = replacements
        self.applied: list[Unit] = []

    def leave_Comment(self, original: cst.Comment, updated: cst.Comment) -> cst.Comment:
        found = self.replacements.get(("inline", id(original)))
        if found is None:
            return updated
        unit, text = found
        r = unit.render
        single = " ".join(line.strip() for line in text.split("\n") if line.strip())
        self.applied.append(unit)
        return updated.with_changes(value=r["prefix"] + r["leading"] + single + r["trailing"])

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        found = self.replacements.get(("doc", id(original)))
        if found is None:
            found = self.replacements.get(("string", id(original)))
            if found is None:
                return updated
            unit, text = found
            self.applied.append(unit)
            return updated.with_changes(value=render_string(unit, text))
        unit, text = found
        self.applied.append(unit)
        return updated.with_changes(value=render_docstring(unit, text))

    def leave_FormattedString(self, original: cst.FormattedString, updated: cst.FormattedString) -> cst.BaseExpression:
        found = self.replacements.get(("string", id(original)))
        if found is None:
            return updated
        unit, text = found
        self.applied.append(unit)
        return cst.parse_expression(render_string(unit, text))

    def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode):
        result = super().on_leave(original, updated)
        if not isinstance(result, cst.CSTNode) or type(result) is not type(original):
            return result
        changes = {}
        for name in line_fields(type(original)):
            old = getattr(original, name, None)
            if not (isinstance(old, (tuple, list)) and old and all(isinstance(v, cst.EmptyLine) for v in old)):
                continue
            if not any(("block", id(line)) in self.replacements for line in old):
                continue
            new_value = list(getattr(result, name))
            rebuilt: list[cst.EmptyLine] = []
            skip = 0
            for position, line in enumerate(old):
                if skip:
                    skip -= 1
                    continue
                found = self.replacements.get(("block", id(line)))
                if found is None:
                    rebuilt.append(new_value[position])
                    continue
                unit, text = found
                skip = unit.render["lines"] - 1
                for value in render_comment_lines(unit, text):
                    rebuilt.append(
                        cst.EmptyLine(
                            indent=line.indent,
                            whitespace=line.whitespace,
                            comment=cst.Comment(value),
                            newline=cst.Newline(),
                        )
                    )
                self.applied.append(unit)
            changes[name] = rebuilt
        return result.with_changes(**changes) if changes else result


def apply(plan: FilePlan, accepted: dict[int, str]) -> tuple[bytes, list[Unit], list[tuple[Unit, str]]]:
    """New file bytes with `accepted` (index into plan.units -> new logical text) written in.

    Returns the bytes, the units applied, and (unit, reason) for those refused.
    """
    replacements: dict[tuple[str, int], tuple[Unit, str]] = {}
    refused: list[tuple[Unit, str]] = []
    for index, text in accepted.items():
        unit = plan.units[index]
        if text == unit.text:
            continue
        if unit.kind in ("docstring", "string"):
            try:
                (render_docstring if unit.kind == "docstring" else render_string)(unit, text)
            except UnitRejected as exc:
                refused.append((unit, str(exc)))
                continue
        replacements[unit.anchor] = (unit, text)
    applier = _Applier(replacements)
    if replacements:
        new_module = plan.module.visit(applier)
    elif isinstance(plan.source, bytes):
        return plan.source, [], refused
    else:  # an editor's text: its bytes as the file's encoding would hold them
        new_module = plan.module
    try:
        data = new_module.bytes
    except UnicodeEncodeError as exc:
        raise TranslateError(
            f"{plan.path}: the translation has characters that the file's encoding "
            f"({plan.module.encoding}) cannot hold: {exc.object[exc.start : exc.end]!r}"
        ) from exc
    return data, applier.applied, refused
