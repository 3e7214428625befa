"""Translate non-English comments and docstrings in place, with LibCST.

The flow is one way:

1. `collect` parses a file and returns its translation units: blocks of full-line comments, inline
   comments and docstrings, each with its logical text (comment markers and indentation removed) and
   the language the language detection names;
2. `propose` fills in an English proposal for every unit (sentence by sentence, code protected, through
   the translation memory and the engine for the unit's language) or says why there is none;
3. `apply` renders accepted texts back into the syntax tree: comment markers, indentation, inline position,
   docstring prefix, quotes and indentation are kept and the text is re-wrapped to the original width.
   LibCST round-trips everything else byte for byte.

The modules: `units` (the data), `comments` and `docstrings` (finding units), `scan` (parsing and `collect`),
`wrapping` (paragraphs and re-wrapping), `proposals` (`propose`) and `rewrite` (`apply`).
"""

from __future__ import annotations

from english_guard.fixes.translate.proposals import propose
from english_guard.fixes.translate.rewrite import UnitRejected, apply, render_comment_lines, render_docstring
from english_guard.fixes.translate.scan import collect, parse
from english_guard.fixes.translate.units import MIN_WIDTH, FilePlan, TranslateError, Unit
from english_guard.fixes.translate.wrapping import SHORT_LINE, layout, render_blocks

__all__ = [
    "MIN_WIDTH",
    "SHORT_LINE",
    "FilePlan",
    "TranslateError",
    "Unit",
    "UnitRejected",
    "apply",
    "collect",
    "layout",
    "parse",
    "propose",
    "render_blocks",
    "render_comment_lines",
    "render_docstring",
]
