"""The translation units of a file and the suppression comments that exclude text from translation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import CodeRange

from english_guard.errors import EnglishGuardError
from english_guard.rules import NON_ENGLISH_COMMENT, NON_ENGLISH_DOCSTRING, NON_ENGLISH_STRING
from english_guard.suppression import line_suppresses

MIN_WIDTH = 79
# The source position of a node: the PositionProvider lookup of the visitor that found it.
Position = Callable[[cst.CSTNode], CodeRange]
# The rule whose suppression comment leaves a unit of each kind alone.
_RULE_OF_KIND = {
    "comment": NON_ENGLISH_COMMENT.code,
    "docstring": NON_ENGLISH_DOCSTRING.code,
    "string": NON_ENGLISH_STRING.code,
}


class TranslateError(EnglishGuardError):
    """A file that cannot be translated (unreadable, does not parse); the message names it."""


@dataclass
class Unit:
    """One comment block, inline comment, docstring or string (log, exception, developer text) to translate."""

    path: str
    kind: str  # "comment", "docstring" or "string"
    line: int
    end_line: int
    text: str  # the logical text: what a reviewer sees as msgid
    column: int = 1  # 1-based start column and exclusive end column of the edited span
    end_column: int = 1
    language: str = "und"
    confidence: float = 0.0
    width: int = MIN_WIDTH  # the text width available inside the markers/quotes
    inline: bool = False  # an inline comment or a one-line docstring: never wrapped
    proposal: str | None = None
    engine: str = ""
    needs_review: bool = False  # the engine's output is only a proposal (a word-for-word glossary)
    problem: str = ""
    # How to find the node again: ("block", id of first EmptyLine) / ("inline", id of Comment) / ("doc", id of
    # string) / ("string", id of string)
    anchor: tuple[str, int] = ("", 0)
    role: str = ""  # a string's role in the check ("log message", "exception message", "developer text")
    render: dict = field(default_factory=dict, repr=False)


@dataclass
class FilePlan:
    path: str
    source: str | bytes  # as read from a file, or the text of an editor's document
    # The syntax tree, kept only while the plan has units: a run over a large tree holds one tree per file
    # with something to translate, not one per file read (issue 16: memory bounded by the work).
    parsed: cst.Module | None
    units: list[Unit]

    @property
    def module(self) -> cst.Module:
        if self.parsed is None:
            self.parsed = cst.parse_module(self.source)
        return self.parsed


def is_ignored(text: str, kind: str) -> bool:
    """Does a suppression comment in `text` keep this unit as it is?"""
    return line_suppresses(text, _RULE_OF_KIND[kind])
