"""Segments of a Python file that does not parse: its comments, docstrings and defined names are still plain.

A syntax error, a merge-conflict marker or Python 2 code stops `ast`, but not a reader: this lexer
tokenizes the file with the standard library's `tokenize`, and where tokenizing fails (an unterminated
string, an indentation it cannot follow) it starts again on the next line, so one error costs one
line, not the rest of the file. The file still gets its EG900; these segments are judged besides.
"""

from __future__ import annotations

import io
import tokenize

from english_guard.records import Segment

_MAX_RESTARTS = 200
_DEFINERS = {"def": "function", "class": "class"}


def _tokens(text: str) -> list[tuple[int, str, tuple[int, int], tuple[int, int]]]:
    """Tokens of `text` as (type, string, start, end), restarting after each tokenizer error.

    An unfinished string or bracket swallows the lines after it: the tokens from the line after the one
    where the unfinished token or statement began are read again by a new tokenizer, which starts there
    (a NEWLINE token marks the restart)."""
    lines = text.split("\n")
    out: list[tuple[int, str, tuple[int, int], tuple[int, int]]] = []
    first = 0  # 0-based index of the line the current tokenizer starts at
    restarts = 0
    while first < len(lines) and restarts <= _MAX_RESTARTS:
        source = "\n".join(lines[first:]) + "\n"
        statement = first  # 0-based line where the current logical line began
        fresh_statement = True
        mark = len(out)
        try:
            for token in tokenize.generate_tokens(io.StringIO(source).readline):
                start = (token.start[0] + first, token.start[1])
                if fresh_statement and token.type not in (
                    tokenize.NL,
                    tokenize.COMMENT,
                    tokenize.INDENT,
                    tokenize.DEDENT,
                ):
                    statement = start[0] - 1
                    fresh_statement = False
                if token.type == tokenize.NEWLINE:
                    fresh_statement = True
                out.append((token.type, token.string, start, (token.end[0] + first, token.end[1])))
            return out
        except (tokenize.TokenError, SyntaxError) as exc:  # IndentationError is a SyntaxError
            if isinstance(exc, tokenize.TokenError) and "string" in str(exc.args[0]) and len(exc.args) > 1:
                restart = exc.args[1][0] + first  # the line after the unterminated string's first line
            elif isinstance(exc, tokenize.TokenError):
                restart = statement + 1  # an unclosed bracket: the line after the statement's first line
            else:
                restart = (exc.lineno or 1) + first  # an indentation error: the line after it
            restart = max(first + 1, restart)
            del out[mark + sum(1 for token in out[mark:] if token[2][0] - 1 < restart) :]
            out.append((tokenize.NEWLINE, "", (restart, 0), (restart, 0)))
            first = restart
            restarts += 1
    return out


def tolerant_segments(path: str, text: str) -> list[Segment]:
    """Comments, docstrings and names after `def`/`class` of a file `ast` cannot parse."""
    segments: list[Segment] = []
    previous = None  # the previous significant token (type, string)
    expect_docstring = True  # at the start of the module, and after a `def ...:` / `class ...:` header line
    header_seen = False
    pending_definer = ""
    for kind, string, start, end in _tokens(text):
        if kind == tokenize.COMMENT:
            comment = string.rstrip()  # tokenize counts columns in characters, from 0
            segments.append(
                Segment(
                    path, "comment", comment, start[0], start[1] + 1, start[0], start[1] + 1 + len(comment), "comment"
                )
            )
            continue
        if kind in (tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING):
            continue
        if kind == tokenize.NEWLINE:
            expect_docstring = header_seen and previous == (tokenize.OP, ":")
            header_seen = False
            previous = (kind, string)
            continue
        if kind == tokenize.NAME and pending_definer:
            segments.append(
                Segment(path, "identifier", string, start[0], start[1] + 1, end[0], end[1] + 1, pending_definer)
            )
            pending_definer = ""
        elif (
            kind == tokenize.NAME
            and string in _DEFINERS
            and previous in (None, (tokenize.NEWLINE, "\n"), (tokenize.NEWLINE, ""), (tokenize.NAME, "async"))
        ):
            pending_definer = _DEFINERS[string]
            header_seen = True
        else:
            pending_definer = ""
        if (
            kind == tokenize.STRING
            and expect_docstring
            and previous in (None, (tokenize.NEWLINE, "\n"), (tokenize.NEWLINE, ""))
        ):
            value = _string_value(string)
            if value is not None:
                segments.append(
                    Segment(path, "docstring", value, start[0], start[1] + 1, end[0], end[1] + 1, "docstring")
                )
        if kind != tokenize.STRING or not expect_docstring:
            expect_docstring = False
        previous = (kind, string)
    segments.sort(key=lambda s: (s.line, s.column))
    return segments


def _string_value(literal: str) -> str | None:
    """The text of a plain string literal (prefixes r, u, b allowed), or None for f-strings and bytes."""
    prefix_end = 0
    while prefix_end < len(literal) and literal[prefix_end] not in "'\"":
        prefix_end += 1
    prefix = literal[:prefix_end].lower()
    if "f" in prefix or "b" in prefix:
        return None
    body = literal[prefix_end:]
    quote = body[:3] if body[:3] in ('"""', "'''") else body[:1]
    if len(body) < 2 * len(quote):
        return None
    return body[len(quote) : -len(quote)]
