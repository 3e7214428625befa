"""The plain records one file's analysis produces (`FileFacts` and its parts).

They hold only strings, numbers and containers of them, so they cross a process boundary cheaply;
`index.py` joins them into repository-wide symbols. See `analysis.py` for what a symbol string means.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from english_guard.errors import EnglishGuardError


class AnalysisError(EnglishGuardError):
    """A token could not be located exactly; the file is not analysed rather than edited wrongly."""


@dataclass(slots=True)
class Occurrence:
    """One token that names a symbol. `offset` indexes the decoded text; `text` is what is there now."""

    offset: int
    line: int
    column: int
    text: str
    symbol: str
    role: str  # definition, use, import, attribute, keyword, string


@dataclass(slots=True)
class Binding:
    """A name bound in this file (a definition, or an import that binds a name)."""

    qualname: str
    name: str
    kind: str  # function, method, class, parameter, variable, constant, attribute, import-alias, import
    line: int
    column: int
    symbol: str  # the symbol its tokens carry (q:... or a:...)
    # For imports: what the name refers to, as a symbol (d:module|name) or a module path (m:pkg.mod).
    target: str = ""
    implicit: bool = False  # `from m import n` (the local name is the imported one) rather than `as`


@dataclass(slots=True)
class ClassInfo:
    qualname: str
    bases: list[str]  # symbols of the base expressions
    members: set[str] = field(default_factory=set)


@dataclass(slots=True)
class FunctionInfo:
    qualname: str
    name: str
    params: list[str]
    class_qualname: str = ""  # set for methods
    fixture: bool = False  # a pytest fixture: test parameters with its name receive it


@dataclass(slots=True)
class FileFacts:
    path: str
    module: str
    occurrences: list[Occurrence] = field(default_factory=list)
    bindings: list[Binding] = field(default_factory=list)
    classes: dict[str, ClassInfo] = field(default_factory=dict)
    functions: dict[str, FunctionInfo] = field(default_factory=dict)
    star_imports: list[str] = field(default_factory=list)  # absolute module names
    # String literals that look like identifiers but that the rename cannot prove are references.
    strings: list[Occurrence] = field(default_factory=list)
    # Calls that pass `**mapping`: the keyword names travel as data (their symbol is the callee's).
    star_calls: list[Occurrence] = field(default_factory=list)
    error: str = ""  # a parse error "path:line: message"; nothing else is filled then
