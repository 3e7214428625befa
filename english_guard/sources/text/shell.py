"""Shell scripts (sh, bash): comments.

A `#` starts a comment only where a shell word starts (line start, after a blank or one of `;&|()<>`),
outside quotes, `$#`, `${#x}` and `${x#prefix}`. The first-line shebang is returned with the `shebang`
context hint. Here-document bodies are data, not comments, and are skipped. One linear regex pass.
"""

from __future__ import annotations

import re

from english_guard.config import Config
from english_guard.records import Segment
from english_guard.sources.text.spans import SHEBANG, Spans, comment_segment, line_end

_TOKEN = re.compile(
    r"""(?P<nl>\n)
    |(?P<hash>\#)
    |(?P<ansi>\$'(?:[^'\\]+|\\.)*'?)
    |(?P<sq>'[^']*'?)
    |(?P<dq>"(?:[^"\\]+|\\.)*"?)
    |(?P<esc>\\.)
    |(?P<param>\$\{[^}\n]*\}?)
    |(?P<dollar>\$.)
    |(?P<herestring><<<)
    |(?P<heredoc><<(?P<strip>-)?[ \t]*
        (?:'(?P<sqdelim>[^'\n]+)'|"(?P<dqdelim>[^"\n]+)"|\\?(?P<delim>[A-Za-z_][A-Za-z_0-9]*)))
    |(?P<word>[^\n\#'"\\$<]+)
    |(?P<other>.)""",
    re.DOTALL | re.VERBOSE,
)
_WORD_BREAK = " \t;&|()<>"


def read_shell(path: str, text: str, config: Config) -> list[Segment]:
    spans = Spans(path, text)
    segments: list[Segment] = []
    for marker, end, context in shell_comments(text):
        segment = comment_segment(spans, marker, end, context=context)
        if segment is not None:
            segments.append(segment)
    return segments


def shell_comments(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str | None]]:
    """(offset of `#`, end of the comment, context hint or None) for every comment of text[start:end]."""
    limit = len(text) if end is None else end
    found: list[tuple[int, int, str | None]] = []
    pos = start
    if text.startswith("\ufeff", pos):
        pos += 1
    if text.startswith("#!", pos):
        stop = min(line_end(text, pos), limit)
        found.append((pos, stop, SHEBANG))
        pos = stop
    heredocs: list[tuple[str, bool]] = []
    match = _TOKEN.match
    while pos < limit:
        token = match(text, pos)
        assert token is not None  # the last alternative matches any character
        kind = token.lastgroup
        if kind == "hash":
            if pos == start or text[pos - 1] in _WORD_BREAK or text[pos - 1] == "\n":
                stop = min(line_end(text, pos), limit)
                found.append((pos, stop, None))
                pos = stop
                continue
        elif kind == "nl" and heredocs:
            pos = _skip_heredoc_bodies(text, token.end(), limit, heredocs)
            heredocs = []
            continue
        elif kind == "heredoc" and not _inside_arithmetic(text, pos):
            delimiter = token.group("sqdelim") or token.group("dqdelim") or token.group("delim")
            heredocs.append((delimiter, bool(token.group("strip"))))
        pos = token.end()
    return found


def _skip_heredoc_bodies(text: str, pos: int, limit: int, heredocs: list[tuple[str, bool]]) -> int:
    """The offset after the last here-document body that starts at `pos`."""
    for delimiter, strip_tabs in heredocs:
        while pos < limit:
            stop = line_end(text, pos)
            line = text[pos:stop].rstrip("\r")
            if strip_tabs:
                line = line.lstrip("\t")
            pos = stop + 1
            if line == delimiter:
                break
    return min(pos, limit)


def _inside_arithmetic(text: str, pos: int) -> bool:
    """`(( a << b ))` is a shift, not a here-document."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    return before.count("((") > before.count("))")
