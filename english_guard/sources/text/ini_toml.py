"""TOML, INI/cfg and .env files: comments and free-text values.

- TOML: `#` comments outside strings; string values (basic, literal, multi-line) of keys whose last
  word is description, summary, message, help or title, also inside inline tables.
- INI/cfg: `#` and `;` comment lines (indented ones inside multi-line values too) and `#` after a blank
  in a value; free-text values with their indented continuation lines.
- .env: `#` comment lines and `#` after a blank in an unquoted value; free-text values
  (`APP_WELCOME_MESSAGE="..."`), quoted values may span lines.
"""

from __future__ import annotations

import re

from english_guard.config import Config
from english_guard.records import Segment
from english_guard.sources.text.spans import Spans, comment_segment, is_free_text_key, line_end

# ---- TOML ----------------------------------------------------------------------------------------

_TOML_TOKEN = re.compile(
    r'''(?P<nl>\n)
    |(?P<comment>\#[^\n]*)
    |(?P<mlbasic>"""(?:[^"\\]+|\\.?|"(?!""))*(?:"""|$))
    |(?P<mlliteral>\'\'\'(?:[^']+|'(?!''))*(?:\'\'\'|$))
    |(?P<basic>"(?:[^"\\\n]+|\\.?)*"?)
    |(?P<literal>'[^'\n]*'?)
    |(?P<bare>[A-Za-z0-9_-]+)
    |(?P<space>[ \t\r]+)
    |(?P<other>.)''',
    re.DOTALL | re.VERBOSE,
)
_STRING_KINDS = {"mlbasic": 3, "mlliteral": 3, "basic": 1, "literal": 1}
_TABLE_HEADER = re.compile(r"""\[\[?(?:[^\]"'\n]|"[^"\n]*"|'[^'\n]*')*\]\]?""")


def read_toml(path: str, text: str, config: Config) -> list[Segment]:
    spans = Spans(path, text)
    segments: list[Segment] = []
    key_parts: list[str] = []  # the dotted key being read before "="
    value_key: str | None = None  # the key whose value comes next
    expect_key = True
    pos = 0
    match = _TOML_TOKEN.match
    n = len(text)
    while pos < n:
        token = match(text, pos)
        assert token is not None  # the last alternative matches any character
        kind = token.lastgroup
        value = token.group()
        if kind == "comment":
            _add(segments, comment_segment(spans, token.start(), token.end()))
        elif kind == "nl":
            expect_key, key_parts, value_key = True, [], None
        elif kind == "space":
            pass
        elif kind in _STRING_KINDS or kind == "bare":
            if expect_key:
                key_parts.append(_unquote(value, kind))
            elif value_key is not None and kind in _STRING_KINDS:
                if is_free_text_key(value_key):
                    quote = _STRING_KINDS[kind]
                    closed = _closed(value, kind)
                    start = token.start() + quote
                    end = token.end() - (quote if closed else 0)
                    if kind.startswith("ml") and text.startswith("\n", start):
                        start += 1
                    _add(segments, _prose_value(spans, start, end))
                value_key = None
        elif value == "=" and expect_key and key_parts:
            value_key = key_parts[-1]
            key_parts = []
            expect_key = False
        elif value in "{,":
            expect_key, key_parts, value_key = True, [], None
        elif value == "[" and expect_key and not key_parts:
            # a table header: its name is not a key; a comment after it is still read
            header = _TABLE_HEADER.match(text, pos)
            pos = header.end() if header else line_end(text, pos)
            continue
        elif value == "[":
            value_key = None
        pos = token.end()
    return segments


def _unquote(token: str, kind: str) -> str:
    if kind == "bare":
        return token
    return token.strip("\"'")


def _closed(token: str, kind: str) -> bool:
    quote = '"' if "basic" in kind else "'"
    width = _STRING_KINDS[kind]
    return len(token) >= 2 * width and token.endswith(quote * width)


# ---- INI / cfg -----------------------------------------------------------------------------------

_INI_KEY = re.compile(r"([^=:\s][^=:]*?)[ \t]*[=:]")
_INLINE_HASH = re.compile(r"[ \t]#")


def read_ini(path: str, text: str, config: Config) -> list[Segment]:
    spans = Spans(path, text)
    segments: list[Segment] = []
    free_key_indent: int | None = None  # a free-text value whose continuation lines are being read
    value_lines: list[tuple[int, int]] = []
    for start in spans.line_starts:
        end = _line_stop(text, start)
        line = text[start:end]
        stripped = line.lstrip(" \t\ufeff")
        indent = len(line) - len(stripped)
        if stripped[:1] in ("#", ";"):
            _add(segments, comment_segment(spans, start + indent, end, markers=stripped[0]))
            continue
        if free_key_indent is not None:
            if stripped and indent > free_key_indent:
                value_lines.append(_cut_inline_comment(spans, segments, start + indent, end))
                continue
            _add_free_value(spans, segments, value_lines)
            free_key_indent, value_lines = None, []
        if not stripped or stripped.startswith("["):
            continue
        key = _INI_KEY.match(text, start + indent, end)
        if key is None:
            _cut_inline_comment(spans, segments, start + indent, end)
            continue
        value_start = key.end()
        if is_free_text_key(key.group(1)):
            free_key_indent = indent
            value_lines = [_cut_inline_comment(spans, segments, value_start, end)]
        else:
            _cut_inline_comment(spans, segments, value_start, end)
    if free_key_indent is not None:
        _add_free_value(spans, segments, value_lines)
    return segments


def _cut_inline_comment(spans: Spans, segments: list[Segment], start: int, end: int) -> tuple[int, int]:
    """Report a ` # comment` after a value; the value's (start, end) without it."""
    hash_match = _INLINE_HASH.search(spans.text, start, end)
    if hash_match is None:
        return start, end
    _add(segments, comment_segment(spans, hash_match.start() + 1, end))
    return start, hash_match.start()


def _add_free_value(spans: Spans, segments: list[Segment], lines: list[tuple[int, int]]) -> None:
    lines = [(s, e) for s, e in lines if spans.text[s:e].strip()]
    if not lines:
        return
    text = "\n".join(spans.text[s:e].strip() for s, e in lines)
    _add(segments, _prose_value(spans, lines[0][0], lines[-1][1], text=text))


# ---- .env ----------------------------------------------------------------------------------------

_ENV_KEY = re.compile(r"[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*")


def read_env(path: str, text: str, config: Config) -> list[Segment]:
    spans = Spans(path, text)
    segments: list[Segment] = []
    n = len(text)
    pos = 1 if text.startswith("\ufeff") else 0
    while pos < n:
        end = _line_stop(text, pos)
        line = text[pos:end]
        stripped = line.lstrip(" \t")
        if stripped.startswith("#"):
            _add(segments, comment_segment(spans, pos + len(line) - len(stripped), end))
            pos = line_end(text, pos) + 1
            continue
        key = _ENV_KEY.match(text, pos, end)
        if key is None:
            pos = line_end(text, pos) + 1
            continue
        value_start = key.end()
        quote = text[value_start : value_start + 1]
        free_text = is_free_text_key(key.group(1))
        if quote in ("'", '"'):
            close = _env_quote_end(text, value_start + 1, quote)
            if free_text:
                _add(segments, _prose_value(spans, value_start + 1, close))
            after = min(close + 1, n)
            stop = _line_stop(text, after) if after < n else n
            _cut_inline_comment(spans, segments, after, stop)
            pos = line_end(text, after) + 1 if after < n else n
            continue
        value_start, value_end = _cut_inline_comment(spans, segments, value_start, end)
        if free_text:
            _add(segments, _prose_value(spans, value_start, value_end))
        pos = line_end(text, pos) + 1
    return segments


def _env_quote_end(text: str, pos: int, quote: str) -> int:
    """The offset of the closing quote (escaped with a backslash in double quotes), or the end of the text."""
    n = len(text)
    while pos < n:
        char = text[pos]
        if char == "\\" and quote == '"':
            pos += 2
            continue
        if char == quote:
            return pos
        pos += 1
    return n


# ---- shared --------------------------------------------------------------------------------------


def _line_stop(text: str, start: int) -> int:
    end = line_end(text, start)
    return end - 1 if end > start and text[end - 1] == "\r" else end


def _prose_value(spans: Spans, start: int, end: int, text: str | None = None) -> Segment | None:
    body = spans.text[start:end] if text is None else text
    if not any(char.isalpha() for char in body):
        return None
    if text is None and "\n" in body:
        text = "\n".join(line.strip() for line in body.strip().splitlines())
    return spans.segment(start, end, "value", text=text)


def _add(segments: list[Segment], segment: Segment | None) -> None:
    if segment is not None:
        segments.append(segment)
