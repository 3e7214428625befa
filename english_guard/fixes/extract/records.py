"""Records of the extract fix: a message found in code, and what became of it."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

# How a message is turned back into the text the user sees.
PLAIN = "plain"  # _("text")
KEYWORDS = "keywords"  # _("text {name}").format(name=expr)  (f-strings and `+` concatenations)
PERCENT = "percent"  # _("text %s") % args                (the original `%` operand kept)
FORMAT_CALL = "format"  # _("text {}").format(args)          (the original `.format` arguments kept)


@dataclass(frozen=True)
class Placeholder:
    name: str
    expression: str  # source code of the expression, as written in the original
    node: cst.BaseExpression = field(compare=False, repr=False)


@dataclass(frozen=True)
class Shape:
    """One message: its template (what the source-language msgstr holds) and how to rebuild the call."""

    template: str
    style: str
    placeholders: tuple[Placeholder, ...] = ()
    # the placeholder that counts something ("{n} items"): the message may take plural forms
    count: Placeholder | None = None
    # the quote of the first literal, reused for the new literal so the code keeps its style
    quote: str = '"'


@dataclass(frozen=True)
class Unsafe:
    """A user-facing text english-guard cannot turn into one message without changing behaviour."""

    reason: str


@dataclass
class Candidate:
    """A user-facing message in one file, with the node to replace."""

    path: str
    line: int
    column: int
    node: cst.BaseExpression
    shape: Shape
    context: str  # the call that makes it user-facing, for messages
    # made when the module is imported and kept (a keyboard bound to a name): one gettext call would fix
    # one language for every user, so it needs the lazy gettext (`__`)
    module_level: bool = False
    # the call a text made at import time is passed to (`KeyboardButton`): that call keeps its value, and
    # a lazy text is no str (aiogram's types refuse it), so such a text is reported instead
    passed_to: str = ""
    compared: bool = False  # compared with incoming text (`F.text == "..."`): it must match its button


@dataclass(frozen=True)
class Problem:
    """Something reported with file:line and left as it was."""

    path: str
    line: int
    column: int
    message: str
    text: str = ""

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass
class FileScan:
    path: str
    candidates: list[Candidate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
