"""Translate non-English comments and docstrings in place, with LibCST.

The flow is one way:

1. `collect` parses a file and returns its translation units: blocks of full-line comments, inline
   comments and docstrings, each with its logical text (comment markers and indentation removed) and
   the language the detection engine names;
2. `propose` fills in an English proposal for every unit (sentence by sentence, code protected, through
   the translation memory and the engine for the unit's language) or says why there is none;
3. `apply` renders accepted texts back into the syntax tree: comment markers, indentation, inline position,
   docstring prefix, quotes and indentation are kept and the text is re-wrapped to the original width.
   LibCST round-trips everything else byte for byte.
"""
from __future__ import annotations

import ast
import dataclasses
import re
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from english_guard.fixes import protect
from english_guard.translation.sentences import split_sentences

MIN_WIDTH = 79
_SKIP_FILE = re.compile(r"#\s*english-guard:\s*skip-file\b")
_IGNORE = re.compile(r"english-guard:\s*ignore(?:\[([A-Z0-9, ]+)\])?|noqa:\s*([A-Z0-9, ]*EG[23]01[A-Z0-9, ]*)")
_CODING = re.compile(r"^#.*coding[:=]\s*[-\w.]+")
_MARKER = re.compile(r"^#+[:!]?")
_ITEM = re.compile(
    r"^(?:[-*+\u2022]\s+|\d+[.)]\s+|:[\w ]+:\s+|[A-Za-z_][\w.]*(?:\s*\([^)]*\))?\s*:\s+|\*\*?\w+\s*:\s+)"
)
_UNDERLINE = re.compile(r"^([-=~^*#])\1{2,}\s*$")


class TranslateError(Exception):
    """A file that cannot be translated (unreadable, does not parse); the message names it."""


@dataclass
class Unit:
    """One comment block, inline comment or docstring to translate."""

    path: str
    kind: str  # "comment" or "docstring"
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
    problem: str = ""
    # How to find the node again: ("block", id of first EmptyLine) / ("inline", id of Comment) / ("doc", id of string)
    anchor: tuple[str, int] = ("", 0)
    render: dict = field(default_factory=dict, repr=False)


@dataclass
class FilePlan:
    path: str
    source: bytes
    module: cst.Module
    units: list[Unit]


# ---------------------------------------------------------------------------------------------- collect


def _comment_prefix(values: list[str]) -> str:
    """The marker shared by the lines of a comment block ("# ", "#: ", "#")."""
    markers = {(_MARKER.match(v) or re.match("#", v)).group() for v in values}
    marker = markers.pop() if len(markers) == 1 else "#"
    bodies = [v[len(marker):] for v in values if v[len(marker):].strip()]
    if bodies and all(b.startswith(" ") for b in bodies):
        return marker + " "
    return marker


def _is_ignored(text: str, kind: str) -> bool:
    match = _IGNORE.search(text)
    if not match:
        return False
    codes = match.group(1) or match.group(2)
    if not codes:
        return True
    return ("EG201" if kind == "comment" else "EG301") in codes


class _Collector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, path: str, lines: list[str]) -> None:
        super().__init__()
        self.path = path
        self.lines = lines
        self.units: list[Unit] = []

    # comments ------------------------------------------------------------------------------------
    def on_visit(self, node: cst.CSTNode) -> bool:
        for f in dataclasses.fields(node):
            value = getattr(node, f.name, None)
            if isinstance(value, (tuple, list)) and value and all(isinstance(v, cst.EmptyLine) for v in value):
                self._comment_blocks(value)
        return super().on_visit(node)

    def _comment_blocks(self, empty_lines: Iterable[cst.EmptyLine]) -> None:
        block: list[cst.EmptyLine] = []
        for line in list(empty_lines) + [None]:
            same = (
                line is not None and line.comment is not None and block
                and line.indent == block[0].indent and line.whitespace.value == block[0].whitespace.value
            )
            if same:
                block.append(line)
                continue
            if block:
                self._comment_block(block)
            block = [line] if line is not None and line.comment is not None else []

    def _comment_block(self, block: list[cst.EmptyLine]) -> None:
        first = self.get_metadata(PositionProvider, block[0].comment)
        last = self.get_metadata(PositionProvider, block[-1].comment)
        # Never touch the shebang or the encoding declaration (lines 1 and 2 only).
        while block and first.start.line <= 2 and (
            block[0].comment.value.startswith("#!") or _CODING.match(block[0].comment.value)
        ):
            block = block[1:]
            if block:
                first = self.get_metadata(PositionProvider, block[0].comment)
        if not block:
            return
        values = [line.comment.value for line in block]
        prefix = _comment_prefix(values)
        bare = prefix.rstrip()
        texts = [v[len(prefix):] if v.startswith(prefix) else v[len(bare):] for v in values]
        text = "\n".join(texts)
        if not text.strip() or _is_ignored(" ".join(values), "comment"):
            return
        column = first.start.column
        longest = max(len(self.lines[n - 1].rstrip("\r\n")) for n in range(first.start.line, last.start.line + 1))
        unit = Unit(
            self.path, "comment", first.start.line, last.end.line, text, column + 1, last.end.column + 1,
            width=max(MIN_WIDTH, longest) - column - len(prefix),
            anchor=("block", id(block[0])),
        )
        unit.render = {"prefix": prefix, "lines": len(block)}
        self.units.append(unit)

    def visit_TrailingWhitespace(self, node: cst.TrailingWhitespace) -> None:
        if node.comment is None:
            return
        value = node.comment.value
        position = self.get_metadata(PositionProvider, node.comment)
        line = position.start.line
        if line <= 2 and (value.startswith("#!") or _CODING.match(value)):
            return
        prefix = _comment_prefix([value])
        text = value[len(prefix):] if value.startswith(prefix) else value[len(prefix.rstrip()):]
        if not text.strip() or _is_ignored(value, "comment"):
            return
        unit = Unit(self.path, "comment", line, line, text.strip(), position.start.column + 1,
                    position.end.column + 1, inline=True, anchor=("inline", id(node.comment)))
        unit.render = {"prefix": prefix, "trailing": text[len(text.rstrip()):], "leading": text[: len(text) - len(text.lstrip())]}
        self.units.append(unit)

    # docstrings ----------------------------------------------------------------------------------
    def visit_Module(self, node: cst.Module) -> None:
        self._docstring(node.body)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._docstring(node.body.body)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._docstring(node.body.body)

    def _docstring(self, body) -> None:
        if not body:
            return
        statement = body[0]
        if isinstance(statement, cst.SimpleStatementLine):
            if not statement.body:
                return
            statement = statement.body[0]
        if not isinstance(statement, cst.Expr) or not isinstance(statement.value, cst.SimpleString):
            return
        string = statement.value
        if "b" in string.prefix.lower():
            return
        position = self.get_metadata(PositionProvider, string)
        quote = string.quote
        content = string.value[len(string.prefix) + len(quote): -len(quote)]
        head = content[: len(content) - len(content.lstrip())]
        tail = content[len(content.rstrip()):]
        body_text = content.strip()
        if not body_text:
            return
        lines = body_text.split("\n")
        first_inline = "\n" not in head
        # The first line follows the quotes or `head` (which then ends with its indentation).
        indent = _common_indent(lines[1:])
        if indent is None:
            indent = head.rsplit("\n", 1)[-1] if not first_inline else " " * position.start.column
        logical = [lines[0]] + [ln[len(indent):] if ln.startswith(indent) else ln.lstrip() for ln in lines[1:]]
        text = "\n".join(ln.rstrip() for ln in logical)
        if _is_ignored(self.lines[position.start.line - 1], "docstring"):
            return
        source_lines = self.lines[position.start.line - 1: position.end.line]
        longest = max(len(ln.rstrip("\r\n")) for ln in source_lines)
        unit = Unit(
            self.path, "docstring", position.start.line, position.end.line, text,
            position.start.column + 1, position.end.column + 1, width=max(MIN_WIDTH, longest) - len(indent),
            inline=len(quote) == 1 or "\n" not in content,
            anchor=("doc", id(string)),
        )
        unit.render = {"prefix": string.prefix, "quote": quote, "head": head, "tail": tail, "indent": indent,
                       "first_offset": len(string.prefix) + len(quote) if first_inline else 0}
        self.units.append(unit)


def _common_indent(lines: list[str]) -> str | None:
    indents = [ln[: len(ln) - len(ln.lstrip())] for ln in lines if ln.strip()]
    if not indents:
        return None
    common = indents[0]
    for other in indents[1:]:
        while not other.startswith(common):
            common = common[:-1]
    return common


def parse(path: str, source: bytes) -> tuple[cst.Module, MetadataWrapper]:
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


def collect(path: str, source: bytes, judge: Callable | None = None) -> FilePlan:
    """The units of one file. With `judge`, only those it finds non-English; without, every candidate."""
    module, wrapper = parse(path, source)
    text = module.code
    if _SKIP_FILE.search(text):
        return FilePlan(path, source, module, [])
    collector = _Collector(path, text.splitlines(keepends=True) or [""])
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


# ---------------------------------------------------------------------------------------------- layout


@dataclass
class _Block:
    verbatim: bool
    lines: list[str]  # verbatim: the lines; prose: the body lines (stripped)
    indent: str = ""
    marker: str = ""
    continuation: str | None = None


def layout(text: str) -> list[_Block]:
    """Cut a logical text into verbatim blocks (blank lines, doctests, literal blocks, rules) and prose items."""
    blocks: list[_Block] = []
    lines = text.split("\n")
    literal_indent: int | None = None  # inside a reST literal block introduced by "::"
    in_doctest = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        indent = line[: len(line) - len(line.lstrip())]
        if not stripped:
            in_doctest = False
            blocks.append(_Block(True, [line]))
            continue
        if literal_indent is not None:
            if len(indent) > literal_indent:
                blocks.append(_Block(True, [line]))
                continue
            literal_indent = None
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        if in_doctest or stripped.startswith(">>>") or _UNDERLINE.match(stripped) or not protect.has_words(stripped):
            in_doctest = in_doctest or stripped.startswith(">>>")
            blocks.append(_Block(True, [line]))
            continue
        current = blocks[-1] if blocks and not blocks[-1].verbatim else None
        item = _ITEM.match(stripped)
        heading = bool(_UNDERLINE.match(next_line.strip()))
        continues = current is not None and not item and not heading and _continues(current, indent, stripped)
        if continues:
            if current.continuation is None:
                current.continuation = indent
            current.lines.append(stripped)
        else:
            marker = item.group() if item else ""
            blocks.append(_Block(False, [stripped[len(marker):]], indent=indent, marker=marker))
        if stripped.endswith("::"):
            literal_indent = len(indent)
    return blocks


SHORT_LINE = 40


def _continues(current: _Block, indent: str, line: str) -> bool:
    """Whether `line` continues the prose block `current` rather than starting a new one."""
    if current.lines[-1].endswith("::"):
        return False
    if current.continuation is not None:
        return indent == current.continuation
    if indent == current.indent:
        return not _hard_break(current.lines[-1], line)
    # A deeper line continues a list item or field ("path: text" / "    more text"); under a plain
    # paragraph it is an example or a quotation and keeps its own place.
    return bool(current.marker) and len(indent) > len(current.indent)


def _hard_break(previous: str, line: str) -> bool:
    """Whether the author ended a paragraph here: a short line, or a full stop before a capital letter."""
    if len(previous) < SHORT_LINE:
        return True
    return previous[-1] in ".!?:;" and line[:1].isupper()


def render_blocks(blocks: list[_Block], texts: dict[int, str], width: int, wrap: bool, first_offset: int = 0) -> str:
    """Re-wrap the prose blocks; `first_offset` is how far the first line starts to the right (after quotes)."""
    out: list[str] = []
    for index, block in enumerate(blocks):
        if block.verbatim:
            out.extend(block.lines)
            continue
        body = texts.get(index, " ".join(block.lines))
        first = block.indent + block.marker
        if not wrap:
            out.append(first + body)
            continue
        rest = block.continuation if block.continuation is not None else (
            block.indent + " " * len(block.marker) if block.marker and not block.marker.strip().endswith(":")
            else block.indent + ("    " if block.marker else ""))
        offset = first_offset if not out else 0
        wrapped = textwrap.wrap(
            body, width=max(20, width), initial_indent=" " * offset + first, subsequent_indent=rest,
            break_long_words=False, break_on_hyphens=False,
        )
        if wrapped:
            wrapped[0] = wrapped[0][offset:]
        out.extend(wrapped or [first.rstrip()])
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------- propose


class _Requests:
    """Sentences waiting for an engine, deduplicated, answered from the memory or in batches."""

    def __init__(self, memory, batch_size: int = 32) -> None:
        self.memory = memory
        self.batch_size = batch_size
        self.pending: dict[tuple[int, str], list[str]] = {}
        self.engines: dict[int, object] = {}
        self.results: dict[tuple[str, str, str], str | None] = {}

    def want(self, engine, language: str, sentence: str) -> None:
        key = (engine.name, language, sentence)
        if key in self.results:
            return
        remember = self.memory is not None and getattr(engine, "remember", True)
        cached = self.memory.get(engine.name, language, sentence) if remember else None
        if cached is not None:
            self.results[key] = cached
            return
        self.results[key] = None
        self.engines[id(engine)] = engine
        self.pending.setdefault((id(engine), language), []).append(sentence)

    def count(self) -> int:
        return sum(len(v) for v in self.pending.values())

    def run(self, progress: Callable[[int], None] | None = None) -> None:
        for (engine_id, language), sentences in self.pending.items():
            engine = self.engines[engine_id]
            for start in range(0, len(sentences), self.batch_size):
                chunk = sentences[start: start + self.batch_size]
                for sentence, result in zip(chunk, engine.translate(chunk, language)):
                    self.results[(engine.name, language, sentence)] = result
                    if result is not None and self.memory is not None and getattr(engine, "remember", True):
                        self.memory.put(engine.name, language, sentence, result)
                if progress is not None:
                    progress(len(chunk))
        self.pending.clear()

    def get(self, engine, language: str, sentence: str) -> str | None:
        return self.results.get((engine.name, language, sentence))


def _needs_translation(sentence: str, kind: str, judge: Callable | None) -> bool:
    if not protect.has_words(sentence):
        return False
    stripped = re.sub(r"X+\d+X+", " ", sentence)
    if not protect.has_words(stripped):
        return False
    if judge is None:
        return True
    verdict = judge(stripped, kind)
    if not verdict.english:
        return True
    # "English" for want of evidence (a lone short word such as a conjunction between two code spans):
    # translate it when it is written in another alphabet.
    has_evidence = any(w.verdict in ("english", "code", "proper") for w in verdict.words)
    return not has_evidence and any(ch.isalpha() and not ch.isascii() for ch in stripped)


def propose(
    units: list[Unit],
    router,
    memory=None,
    judge: Callable | None = None,
    progress_factory: Callable[[int], Callable[[int], None]] | None = None,
) -> None:
    """Fill `proposal` (or `problem`) for every unit."""
    requests = _Requests(memory)
    plans: list[tuple[Unit, object, list[_Block], dict[int, protect.Masked]]] = []
    for unit in units:
        engine = router.engine_for(unit.language)
        if engine is None:
            unit.problem = router.missing_help(unit.language)
            continue
        unit.engine = engine.name
        blocks = layout(unit.text)
        masks = {}
        for index, block in enumerate(blocks):
            if block.verbatim:
                continue
            masked = protect.mask(" ".join(block.lines))
            masks[index] = masked
            for sentence in split_sentences(masked.text):
                if _needs_translation(sentence, unit.kind, judge):
                    requests.want(engine, unit.language, sentence)
        plans.append((unit, engine, blocks, masks))

    _run(requests, progress_factory)

    # Assemble; paragraphs whose protected tokens did not survive are retried piece by piece.
    retry: list[tuple[Unit, object, list[_Block], dict[int, protect.Masked], dict[int, str]]] = []
    for unit, engine, blocks, masks in plans:
        texts: dict[int, str] = {}
        pending_pieces = False
        for index, masked in masks.items():
            translated = _translate_sentences(masked.text, unit, engine, requests, judge)
            if translated is None:
                unit.problem = router.incomplete_help(engine.name, unit.language)
                break
            restored = protect.unmask(translated, masked)
            if restored is None:
                pending_pieces = True
                for piece, protected in protect.runs(" ".join(blocks[index].lines)):
                    if not protected:
                        for sentence in split_sentences(_edges(piece)[1]):
                            if _needs_translation(sentence, unit.kind, judge):
                                requests.want(engine, unit.language, sentence)
                continue
            texts[index] = restored
        if unit.problem:
            continue
        if pending_pieces:
            retry.append((unit, engine, blocks, masks, texts))
        else:
            _finish(unit, blocks, texts)

    if retry:
        _run(requests, progress_factory)
        for unit, engine, blocks, masks, texts in retry:
            for index in masks:
                if index in texts:
                    continue
                pieces = []
                for piece, protected in protect.runs(" ".join(blocks[index].lines)):
                    if protected or not protect.has_words(piece):
                        pieces.append(piece)
                        continue
                    lead, core, trail = _edges(piece)
                    translated = _translate_sentences(core, unit, engine, requests, judge)
                    if translated is None:
                        unit.problem = router.incomplete_help(engine.name, unit.language)
                        break
                    pieces.append(lead + translated + trail)
                if unit.problem:
                    break
                texts[index] = "".join(pieces)
            if not unit.problem:
                _finish(unit, blocks, texts)


_EDGE = re.compile(r"^([\W\d_]*)(.*?)([\W\d_]*)$", re.DOTALL)


def _edges(piece: str) -> tuple[str, str, str]:
    """Split a piece between protected spans into (leading non-letters, words, trailing non-letters).

    Only the words go to the engine, so a comment marker or bracket next to a protected span survives.
    A sentence's own final stop stays with the words.
    """
    lead, core, trail = _EDGE.match(piece).groups()
    stop = re.match(r"^[.!?\u2026]+", trail)
    if stop and core:
        core, trail = core + stop.group(), trail[stop.end():]
    return lead, core, trail


def _run(requests: _Requests, progress_factory) -> None:
    total = requests.count()
    if not total:
        return
    if progress_factory is None:
        requests.run()
        return
    with progress_factory(total) as update:
        requests.run(update)


def _translate_sentences(text: str, unit: Unit, engine, requests: _Requests, judge) -> str | None:
    out = []
    for sentence in split_sentences(text):
        if not _needs_translation(sentence, unit.kind, judge):
            out.append(sentence)
            continue
        translated = requests.get(engine, unit.language, sentence)
        if translated is None:
            return None
        out.append(translated)
    return " ".join(out)


def _finish(unit: Unit, blocks: list[_Block], texts: dict[int, str]) -> None:
    proposal = render_blocks(blocks, texts, unit.width, wrap=not unit.inline,
                             first_offset=unit.render.get("first_offset", 0))
    if unit.inline:
        proposal = " ".join(proposal.split("\n"))
    unit.proposal = proposal


# ---------------------------------------------------------------------------------------------- apply


class UnitRejected(Exception):
    """A translation that cannot be written into this place safely."""


def render_docstring(unit: Unit, text: str) -> str:
    r = unit.render
    quote, prefix = r["quote"], r["prefix"]
    if unit.inline:
        text = " ".join(line.strip() for line in text.split("\n"))
    lines = text.split("\n")
    indent = r["indent"]
    first_inline = "\n" not in r["head"]
    body_lines = [lines[0] if first_inline else lines[0]] + [(indent + ln) if ln.strip() else "" for ln in lines[1:]]
    content = r["head"] + "\n".join(body_lines) + r["tail"]
    if "r" not in prefix.lower():
        # Backslashes that are not escapes the original already had would change meaning; double them.
        content = re.sub(r"\\(?![\\'\"abfnrtv0-7xNuU\n])", r"\\\\", content)
    if quote in content or content.endswith(quote[0]) or (len(quote) == 1 and "\n" in content):
        raise UnitRejected(f"{unit.path}:{unit.line}: the translation contains the docstring's quote; translate by hand")
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
            return updated
        unit, text = found
        self.applied.append(unit)
        return updated.with_changes(value=render_docstring(unit, text))

    def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode):
        result = super().on_leave(original, updated)
        if not isinstance(result, cst.CSTNode) or type(result) is not type(original):
            return result
        changes = {}
        for f in dataclasses.fields(original):
            old = getattr(original, f.name, None)
            if not (isinstance(old, (tuple, list)) and old and all(isinstance(v, cst.EmptyLine) for v in old)):
                continue
            if not any(("block", id(line)) in self.replacements for line in old):
                continue
            new_value = list(getattr(result, f.name))
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
                    rebuilt.append(cst.EmptyLine(indent=line.indent, whitespace=line.whitespace,
                                                 comment=cst.Comment(value), newline=cst.Newline()))
                self.applied.append(unit)
            changes[f.name] = rebuilt
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
        if unit.kind == "docstring":
            try:
                render_docstring(unit, text)
            except UnitRejected as exc:
                refused.append((unit, str(exc)))
                continue
        replacements[unit.anchor] = (unit, text)
    if not replacements:
        return plan.source, [], refused
    applier = _Applier(replacements)
    new_module = plan.module.visit(applier)
    try:
        data = new_module.bytes
    except UnicodeEncodeError as exc:
        raise TranslateError(f"{plan.path}: the translation has characters that the file's encoding "
                             f"({plan.module.encoding}) cannot hold: {exc.object[exc.start:exc.end]!r}") from exc
    return data, applier.applied, refused
