"""Markdown prose: headings, paragraphs (block quotes included), list items, table rows, HTML comments.

Not prose: front matter, fenced and indented code blocks, raw HTML blocks, link reference definitions,
table delimiter rows, blocks made only of links to people's profiles (a contributor list: names, whatever
their script), and inside the prose: inline code, link targets, autolinks and inline HTML tags
(they are removed from the segment's text; the position still covers the whole block).

The lexer follows CommonMark's block structure closely enough for real READMEs and docs, one line at a
time with a little state (an open block, an open fence or HTML block, the indents of the open list
items, and a nested lexer for the content of an open block quote), so a 10 MB file takes linear time.
"""

from __future__ import annotations

import re

from english_guard.config import Config
from english_guard.records import Segment
from english_guard.sources.text.spans import Spans, stripped_lines

_FRONT_MATTER = re.compile(r"\ufeff?(---|\+\+\+)[ \t]*\r?\n(?:.*?\n)??(---|\.\.\.|\+\+\+)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})([^\n]*)")
_ATX = re.compile(r"(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST_MARKER = re.compile(r"([-+*]|\d{1,9}[.)])(?:([ \t]{1,4})|$)")
_TABLE_DELIMITER = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_LINK_DEFINITION = re.compile(r"\[[^\]^][^\]]*\]:[ \t]*\S")  # a footnote `[^1]: text` is prose
_HTML_RAW = re.compile(r"<(script|pre|style|textarea)(?:[ \t>]|$)", re.IGNORECASE)
_HTML_SPECIAL = (("<?", "?>"), ("<![CDATA[", "]]>"), ("<!", ">"))
# CommonMark HTML blocks: block-level tags start one anywhere; any other tag only when it stands alone
# on its line and no paragraph is open (`<a id="x"></a>` before a heading is inline HTML).
_HTML_BLOCK_TAG = re.compile(
    r"</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog"
    r"|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe"
    r"|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary"
    r"|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t>]|/>|$)",
    re.IGNORECASE,
)
_HTML_LONE_TAG = re.compile(
    r"(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][\w.:-]*(?:[ \t]*=[ \t]*(?:[^\s\"'=<>`]+|'[^'\n]*'|\"[^\"\n]*\"))?)*"
    r"[ \t]*/?>|</[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*"
)
_QUOTE = re.compile(r"[ \t]{0,3}>[ \t]?")
_MAX_QUOTE_DEPTH = 16  # deeper `>` markers are read as text of the innermost quote

# Inline pieces that are not prose.
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t\n]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*\)")
_REFERENCE = re.compile(r"\]\[[^\]\n]*\]")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_INLINE_HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*)?/?>", re.DOTALL)
_BACKTICKS = re.compile(r"`+")
_BRACKETS = re.compile(r"!?\[|\]")
# `[Name](https://github.com/handle)`: a link to a person's profile on a code host or social network.
_PROFILE_LINK = re.compile(
    r"\[[^\]\n]*\]\(\s*<?https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|twitter\.com"
    r"|x\.com|linkedin\.com/in)/[\w.-]+/?>?\s*\)"
)
_SPACES = re.compile(r"[ \t]{2,}")


def read_markdown(path: str, text: str, config: Config) -> list[Segment]:
    spans = Spans(path, text)
    lexer = _MarkdownLexer(spans)
    lexer.run()
    return lexer.out


def prose_text(raw: str) -> str:
    """The prose of a Markdown block: inline code, link targets, autolinks and HTML tags removed."""
    text = _remove_code_spans(raw)
    if "<" in text:
        text = _AUTOLINK.sub("", text)
        text = _INLINE_HTML.sub("", text)
    if "]" in text:
        text = _LINK_TARGET.sub("]", text)
        text = _REFERENCE.sub("]", text)
        text = _BRACKETS.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _remove_code_spans(text: str) -> str:
    """Drop `code spans`: a backtick run opens a span closed by the next run of the same length."""
    if "`" not in text:
        return text
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    # next_same[i]: index of the next run with the same length as run i, or -1 (one backward pass).
    next_same = [-1] * len(runs)
    last_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        next_same[index] = last_of_length.get(length, -1)
        last_of_length[length] = index
    pieces: list[str] = []
    done = 0
    index = 0
    while index < len(runs):
        partner = next_same[index]
        if partner == -1:
            index += 1
            continue
        pieces.append(text[done : runs[index][0]])
        done = runs[partner][1]
        index = partner + 1
    pieces.append(text[done:])
    return "".join(pieces)


class _MarkdownLexer:
    def __init__(self, spans: Spans, out: list[Segment] | None = None, depth: int = 0) -> None:
        self.spans = spans
        self.text = spans.text
        self.out: list[Segment] = [] if out is None else out
        self.quote: _MarkdownLexer | None = None  # the lexer of an open block quote's content
        self.depth = depth  # how many block quotes this lexer is inside
        self.line_start = 0  # where the current line's content starts (after the markers of containers)
        self.block_kind = ""  # paragraph, list_item, table
        self.block: list[tuple[int, int]] = []  # content (start, end) of each line of the open block
        self.list_indents: list[int] = []  # content columns of the open list items, outermost first
        self.fence: tuple[str, int] | None = None  # fence character and length
        self.html_end: str | None = None  # "" = ends at a blank line, else the closing marker
        self.comment_start: int | None = None  # offset of an open HTML comment's body

    def run(self) -> None:
        text = self.text
        starts = self.spans.line_starts
        first = 0
        front = _FRONT_MATTER.match(text)
        if front is not None:
            skip_to = front.end()
            while first < len(starts) and starts[first] < skip_to:
                first += 1
        for line_start in starts[first:]:
            end = text.find("\n", line_start)
            if end == -1:
                end = len(text)
            if end > line_start and text[end - 1] == "\r":
                end -= 1
            self._line(line_start, end)
        self._finish()

    def _finish(self) -> None:
        """Close everything still open at the end of the text (or of the block quote)."""
        self._close_quote()
        self._flush()
        if self.comment_start is not None:
            self._html_comment(self.comment_start, len(self.text))
            self.comment_start = None

    def _close_quote(self) -> None:
        if self.quote is not None:
            self.quote._finish()
            self.quote = None

    # ---- one line ------------------------------------------------------------------------------
    def _line(self, start: int, end: int) -> None:
        text = self.text
        line = text[start:end]
        self.line_start = start
        if self.quote is not None:
            marker = _QUOTE.match(line)
            if marker is not None:
                self.quote._line(start + marker.end(), end)
                return
            if line.strip() and self.quote._accepts_lazy(line.lstrip(" \t")):
                self.quote._line(start, end)
                return
            self._close_quote()
        if self.fence is not None:
            self._fence_line(self.fence, line)
            return
        if self.comment_start is not None:
            close = text.find("-->", start, end)
            if close != -1:
                self._html_comment(self.comment_start, close)
                self.comment_start = None
            return
        if self.html_end is not None:
            if self.html_end == "":
                if not line.strip():
                    self.html_end = None
            elif self.html_end.lower() in line.lower():
                self.html_end = None
            return
        if not line.strip():
            self._flush()
            return
        indent, content_at = _indent(line)
        content = line[content_at:]
        if self.list_indents and indent < self.list_indents[-1] and not self._lazy(content):
            while self.list_indents and indent < self.list_indents[-1]:
                self.list_indents.pop()
        container = next((i for i in reversed(self.list_indents) if i <= indent), 0)
        relative = indent - container
        if relative >= 4:
            if self.block_kind in ("paragraph", "list_item"):
                self.block.append((start + content_at, end))
            # else: an indented code block
            return
        self._block_start(content, start + content_at, end)

    def _lazy(self, content: str) -> bool:
        """Whether `content` continues the open paragraph or list item (it starts no block of its own)."""
        return bool(self.block_kind in ("paragraph", "list_item")) and not (
            _FENCE_OPEN.match(content)
            or _ATX.match(content)
            or _THEMATIC.match(content)
            or content.startswith((">", "<"))
            or _LIST_MARKER.match(content)
        )

    def _block_start(self, content: str, start: int, end: int) -> None:
        fence = _FENCE_OPEN.match(content)
        if fence is not None and not (fence.group(1)[0] == "`" and "`" in fence.group(2)):
            self._flush()
            self.fence = (fence.group(1)[0], len(fence.group(1)))
            return
        heading = _ATX.match(content)
        if heading is not None:
            self._flush()
            body_start = start + heading.end()
            body = self.text[body_start:end]
            closing = _ATX_CLOSE.search(body)
            body_end = body_start + closing.start() if closing else end
            self._emit("heading", [(body_start, body_end)])
            return
        if self.block_kind == "paragraph" and _SETEXT.match(content):
            lines = self.block
            self.block, self.block_kind = [], ""
            self._emit("heading", lines)
            return
        if _THEMATIC.match(content):
            self._flush()
            return
        if content.startswith("<"):
            if self._html_start(content, start, end):
                return
        if content.startswith(">") and self.depth < _MAX_QUOTE_DEPTH:
            self._flush()
            self.quote = _MarkdownLexer(self.spans, self.out, self.depth + 1)
            quote = _QUOTE.match(content)
            assert quote is not None  # the line starts with `>`
            self.quote._line(start + quote.end(), end)
            return
        marker = _LIST_MARKER.match(content)
        if marker is not None and not (self.block_kind == "paragraph" and not _interrupts(marker, content)):
            self._flush()
            width = marker.end()
            column = self._column(start)
            while self.list_indents and self.list_indents[-1] > column:
                self.list_indents.pop()
            self.list_indents.append(column + width)
            self.block_kind = "list_item"
            self.block.append((start + width, end))
            return
        if self.block_kind == "table":
            if "|" in content:
                self._emit("table_row", [(start, end)])
                return
            self._flush()
        if (
            self.block_kind == "paragraph"
            and len(self.block) == 1
            and _TABLE_DELIMITER.match(content)
            and "|" in self.text[self.block[0][0] : self.block[0][1]]
            and ("|" in content or "-" in content)
        ):
            header = self.block
            self.block, self.block_kind = [], "table"
            self._emit("table_row", header)
            return
        if self.block_kind in ("paragraph", "list_item"):
            self.block.append((start, end))
            return
        if _LINK_DEFINITION.match(content):
            return
        self.block_kind = "paragraph"
        self.block = [(start, end)]

    def _column(self, offset: int) -> int:
        """The 0-based column of `offset` in the current line's content, tabs to the next multiple of 4."""
        return _indent(self.text[self.line_start : offset] + "x")[0]

    def _accepts_lazy(self, content: str) -> bool:
        """Whether a line without `>` continues this block quote's open paragraph (a lazy line)."""
        if self.quote is not None:
            return self.quote._accepts_lazy(content)
        return self.fence is None and self.block_kind in ("paragraph", "list_item") and self._lazy(content)

    # ---- fences and HTML -----------------------------------------------------------------------
    def _fence_line(self, fence: tuple[str, int], line: str) -> None:
        char, length = fence
        stripped = line.strip()
        if stripped and set(stripped) == {char} and len(stripped) >= length:
            self.fence = None

    def _html_start(self, content: str, start: int, end: int) -> bool:
        if content.startswith("<!--"):
            self._flush()
            body_start = start + 4
            close = self.text.find("-->", body_start, end)
            if close != -1:
                self._html_comment(body_start, close)
            else:
                self.comment_start = body_start
            return True
        raw = _HTML_RAW.match(content)
        if raw is not None:
            self._flush()
            closing = f"</{raw.group(1)}>"
            if closing.lower() not in content.lower():
                self.html_end = closing
            return True
        for opener, closer in _HTML_SPECIAL:
            if content.startswith(opener):
                self._flush()
                if closer not in content[len(opener) :]:
                    self.html_end = closer
                return True
        if _HTML_BLOCK_TAG.match(content) or (
            self.block_kind not in ("paragraph", "list_item") and _HTML_LONE_TAG.fullmatch(content)
        ):
            self._flush()
            self.html_end = ""
            return True
        return False

    def _html_comment(self, body_start: int, body_end: int) -> None:
        body = self.text[body_start:body_end]
        segment = self.spans.segment(body_start, body_end, "html_comment", text=stripped_lines(body))
        if segment is not None:
            self.out.append(segment)

    # ---- emitting ------------------------------------------------------------------------------
    def _flush(self) -> None:
        if self.block and self.block_kind in ("paragraph", "list_item"):
            self._emit(self.block_kind, self.block)
        self.block, self.block_kind = [], ""

    def _emit(self, symbol: str, lines: list[tuple[int, int]]) -> None:
        if not lines:
            return
        raw = "\n".join(self.text[s:e].strip() for s, e in lines)
        if _people_links_only(raw):
            return
        prose = prose_text(raw)
        if not any(char.isalpha() for char in prose):
            return
        segment = self.spans.segment(lines[0][0], lines[-1][1], symbol, text=prose)
        if segment is not None:
            self.out.append(segment)


def _people_links_only(raw: str) -> bool:
    """Two or more links to people's profiles and nothing else with letters: a list of contributors."""
    if "](" not in raw:
        return False
    rest, links = _PROFILE_LINK.subn("", raw)
    return links >= 2 and not any(char.isalpha() for char in rest)


def _indent(line: str) -> tuple[int, int]:
    """(indent width with tabs to the next multiple of 4, offset of the first non-blank character)."""
    width = 0
    for offset, char in enumerate(line):
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            return width, offset
    return width, len(line)


def _interrupts(marker: re.Match, content: str) -> bool:
    """A list item interrupts a paragraph only when it is not empty and, if ordered, starts at 1."""
    if marker.end() >= len(content.rstrip()):
        return False
    symbol = marker.group(1)
    return symbol in "-+*" or symbol[:-1] == "1"
