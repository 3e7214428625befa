"""One open document: its findings under the project's configuration, and the fixes and evidence for them.

Everything here works on plain text and plain records, without LSP types. Positions are 1-based lines
and characters with an exclusive end, as in `Finding`; the server converts them to the client's encoding.
Lines are split at "\\r\\n", "\\r" and "\\n", as both Python and the LSP specification count them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from english_guard.checker import MAX_FILE_BYTES, check_document
from english_guard.config import Config, ConfigError, find_pyproject, load_config
from english_guard.fixes.rename.positions import line_starts
from english_guard.records import FileError, FileResult, Finding
from english_guard.rules import (
    INVISIBLE_OR_BIDI_CHARACTER,
    MIXED_SCRIPT_IDENTIFIER,
    NON_ENGLISH_COMMENT,
    NON_ENGLISH_DOCSTRING,
    NON_ENGLISH_IDENTIFIER,
    RULES,
    UNUSED_SUPPRESSION,
)
from english_guard.sources.registry import reader_name_for
from english_guard.ui_text import language_name
from english_guard.walk import Excluder

logger = logging.getLogger(__name__)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Readers whose comments start with `#` and run to the end of the line.
_HASH_COMMENT_READERS = frozenset({"python", "yaml", "shell", "toml", "ini", "dotenv", "dockerfile"})
_IGNORE_WITH_CODES = re.compile(r"(english-guard:\s*ignore\[)([^\]]*)(\])")


@dataclass(frozen=True, slots=True)
class TextChange:
    """Replace the text from (line, column) up to (end_line, end_column) with `new_text`."""

    line: int
    column: int
    end_line: int
    end_column: int
    new_text: str


@dataclass(slots=True)
class Fix:
    title: str
    code: str
    changes: list[TextChange]
    preferred: bool = False


@dataclass(slots=True)
class CheckedDocument:
    """A document's text and what the check made of it. `result` is None when nothing checks the document
    (a file type without a reader, an excluded path, a configuration that does not load)."""

    path: str
    text: str
    config: Config | None = None
    reader: str | None = None
    result: FileResult | None = None
    excluded: bool = False
    config_error: str = ""

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings if self.result is not None else []

    @property
    def error(self) -> FileError | None:
        return self.result.error if self.result is not None else None


class ConfigCache:
    """The configuration that governs each path, as `check` finds it (the nearest pyproject.toml with a
    [tool.english-guard] table, or `--config`), loaded again whenever that file changes."""

    def __init__(self, explicit: str | None = None) -> None:
        self.explicit = explicit
        self._loaded: dict[tuple, tuple[Config, Excluder]] = {}

    def for_path(self, path: str) -> tuple[Config, Excluder]:
        folder = Path(path).parent
        source = Path(self.explicit) if self.explicit else find_pyproject(folder)
        try:
            status = source.stat() if source is not None else None
            stamp = (status.st_mtime_ns, status.st_size) if status is not None else None
        except OSError:
            stamp = None
        key = (str(source) if source is not None else str(folder), stamp)
        loaded = self._loaded.get(key)
        if loaded is None:
            config = load_config(source, start=folder)
            loaded = self._loaded[key] = (config, Excluder(config))
        return loaded


def check_text(path: str, text: str, configs: ConfigCache) -> CheckedDocument:
    """Check a document's text as `english-guard check --force-exclude PATH` checks the file on disk."""
    document = CheckedDocument(path, text)
    try:
        config, excluder = configs.for_path(path)
    except ConfigError as exc:
        document.config_error = str(exc)
        return document
    document.config = config
    document.reader = reader_name_for(path, config.file_types)
    if document.reader is None:
        return document
    if excluder.excluded(Path(path)):
        document.excluded = True
        return document
    if len(text) > MAX_FILE_BYTES:  # as `check` refuses such a file: a generated file, not one to read
        document.result = FileResult(
            path, error=FileError(path, f"document too large ({len(text)} characters; the limit is {MAX_FILE_BYTES})")
        )
        return document
    try:
        document.result = check_document(path, text, config, document.reader)
    except ConfigError as exc:  # a words file that cannot be read any more
        document.config_error = str(exc)
    except Exception as exc:  # noqa: BLE001 - one odd document must not stop the server
        message = f"internal error while checking this document ({type(exc).__name__}: {exc}); please report it"
        document.result = FileResult(path, error=FileError(path, message))
    return document


def findings_at(
    document: CheckedDocument, line: int, column: int, end_line: int | None = None, end_column: int | None = None
) -> list[Finding]:
    """The findings whose span touches the position (or the range up to end_line/end_column)."""
    end = (end_line or line, end_column or column)
    return [f for f in document.findings if (f.line, f.column) <= end and (line, column) <= (f.end_line, f.end_column)]


# ----- positions ---------------------------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def position_of(starts: list[int], offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of a character offset, given `line_starts(text)`."""
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low + 1, offset - starts[low] + 1


def whole_change(old: str, new: str) -> TextChange | None:
    """One change that turns `old` into `new`: the lines between their common first and last lines."""
    if old == new:
        return None
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    prefix = 0
    while prefix < min(len(old_lines), len(new_lines)) and old_lines[prefix] == new_lines[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old_lines), len(new_lines)) - prefix and old_lines[-1 - suffix] == new_lines[-1 - suffix]:
        suffix += 1
    start = sum(len(line) for line in old_lines[:prefix])
    end = len(old) - sum(len(line) for line in old_lines[len(old_lines) - suffix :])
    replacement = "".join(new_lines[prefix : len(new_lines) - suffix])
    starts = line_starts(old)
    return TextChange(*position_of(starts, start), *position_of(starts, end), replacement)


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


# ----- fixes -------------------------------------------------------------------------------------------


def rename_fix(document: CheckedDocument, finding: Finding) -> Fix | None:
    """EG101: the rename plan's English name for the identifier, with every use of it in this document,
    resolved by scope and verified as `rename --apply` verifies a plan (no capture, no shadowing)."""
    if document.reader != "python" or document.config is None:
        return None
    from english_guard.fixes.rename import Project, preview_plan
    from english_guard.fixes.rename.analysis import analyze_source
    from english_guard.fixes.rename.files import SourceFile
    from english_guard.fixes.rename.index import SymbolIndex
    from english_guard.fixes.rename.planning import make_plan
    from english_guard.module_names import module_name_for
    from english_guard.records import Verdict
    from english_guard.settings import settings_for

    source = SourceFile(document.path, module_name_for(Path(document.path)), document.text, "utf-8", False)
    facts = analyze_source(source)
    if facts.error:
        return None
    position = next(
        (
            i
            for i, o in enumerate(facts.occurrences)
            if o.role == "definition"
            and o.line == finding.line
            and o.column == finding.column
            and o.text == finding.text
        ),
        None,
    )
    if position is None:
        return None
    index = SymbolIndex([facts])
    group = index.group_at(0, position)
    if group is None or not group.definitions:
        return None
    english = Verdict(True, "en", 1.0)
    settings = settings_for(document.config)

    def this_name_only(name: str):
        return settings.judge(name, "identifier", document.path) if name == group.name else english

    entries = make_plan(index, document.config.source_lang, judge=this_name_only, texts={source.path: source.text})
    entry = next((e for e in entries if e.kind != "module" and index.find_group(e.qualified_name) is group), None)
    if entry is None or not entry.wanted:
        return None
    preview = preview_plan(Project(sources=[source], facts=[facts], index=index), [entry])
    if preview.report.refused or not preview.edits.get(0):
        return None
    starts = line_starts(document.text)
    changes = [
        TextChange(*position_of(starts, offset), *position_of(starts, offset + len(old)), new)
        for offset, old, new in sorted(set(preview.edits[0]))
    ]
    title = f"Rename '{entry.name}' to '{entry.new_name}' (english-guard rename: {len(changes)} in this file)"
    if _visible_outside(entry, facts.module, group):
        title += "; other modules: run english-guard rename --plan"
    return Fix(title, finding.code, changes, preferred=True)


def _visible_outside(entry, module: str, group) -> bool:
    """Module globals and class members can be used by other modules, which this edit does not change."""
    return group.is_member or entry.qualified_name.count(".") == module.count(".") + 1


_LINE_WITH_END = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass(slots=True)
class _Excerpt:
    """The lines of a comment block or docstring, made a small module of their own for the translate fix
    (LibCST needs a whole module, and parsing a 2,000-line file costs seconds; the text and its layout
    only depend on these lines). `header` lines are made up; the first line's `prefix` (code before an
    inline comment, a one-line `def ...:`) stands in for the real `original`."""

    first: int  # 1-based document lines first..last
    last: int
    lines: list[str]  # the document's lines first..last, with their line ends
    header: list[str]
    original: str = ""
    prefix: str = ""

    def source(self) -> str:
        return "".join([*self.header, self.prefix + self.lines[0][len(self.original) :], *self.lines[1:]])

    def back(self, translated: str) -> str | None:
        """The document's lines first..last with the translation, or None if the excerpt's shape changed."""
        lines = _LINE_WITH_END.findall(translated)
        if lines[: len(self.header)] != self.header:
            return None
        body = lines[len(self.header) :]
        if not body or not body[0].startswith(self.prefix):
            return None
        return "".join([self.original + body[0][len(self.prefix) :], *body[1:]])


def _excerpt(text: str, finding: Finding) -> _Excerpt | None:
    lines = _LINE_WITH_END.findall(text)
    if not 0 < finding.line <= finding.end_line <= len(lines):
        return None
    before = lines[finding.line - 1][: finding.column - 1]
    newline = re.search(r"\r\n|\r|\n", text)
    end = newline.group() if newline else "\n"
    if finding.kind == "comment":
        if before.strip():  # an inline comment: any statement can stand before it
            return _Excerpt(
                finding.line,
                finding.line,
                lines[finding.line - 1 : finding.line],
                [],
                before,
                "_ = 0" + before[len(before.rstrip()) :],
            )
        # a block: the neighbouring full-line comments at the same indentation, as the translate fix groups them
        first = last = finding.line

        def same_block(number: int) -> bool:
            line = lines[number - 1]
            return line.startswith(before) and line[len(before) :].startswith("#")

        while first > 1 and same_block(first - 1):
            first -= 1
        while last < len(lines) and same_block(last + 1):
            last += 1
        return _Excerpt(first, last, lines[first - 1 : last], [])
    if finding.kind == "docstring":
        chosen = lines[finding.line - 1 : finding.end_line]
        if before.strip():  # a one-line body: `def f(): """..."""`
            return _Excerpt(finding.line, finding.end_line, chosen, [], before, "def _(): ")
        return _Excerpt(finding.line, finding.end_line, chosen, [f"def _():{end}"] if before else [])
    return None


def translate_fix(document: CheckedDocument, finding: Finding) -> Fix | None:
    """EG201/EG301: the translate fix's English proposal for the comment or docstring (an installed model
    for the language, else the offline glossary), to review before accepting. Offered only when the
    proposal reads as English to the engine: a word-for-word rendering that left foreign words is not."""
    if document.reader != "python" or document.config is None:
        return None
    from english_guard.fixes.translate import TranslateError, apply, collect, propose
    from english_guard.fixes.translate.workflow import memory_for
    from english_guard.settings import settings_for
    from english_guard.translation.engine_router import EngineRouter

    excerpt = _excerpt(document.text, finding)
    if excerpt is None:
        return None
    try:
        plan = collect(document.path, excerpt.source())
    except TranslateError:
        return None
    line = finding.line - excerpt.first + 1 + len(excerpt.header)
    found = [(i, u) for i, u in enumerate(plan.units) if u.kind == finding.kind and u.line <= line <= u.end_line]
    if not found:
        return None
    number, unit = found[0]
    unit.language = finding.language
    settings = settings_for(document.config)

    def judge(text: str, kind: str, explain: bool = False):
        return settings.judge(text, kind, document.path, explain)

    router = EngineRouter("auto")
    memory = None
    if router.engine_for(unit.language) is None:
        router = EngineRouter("glossary")
    else:  # a model is slow: reuse what `translate` already translated (read only)
        memory = memory_for(document.config)
    try:
        propose([unit], router, memory, judge=judge)
    except Exception:  # noqa: BLE001 - a broken model costs the proposal, not the server
        return None
    if unit.proposal is None:
        return None
    verdict = judge(unit.proposal, unit.kind)
    if not verdict.english or verdict.foreign_words:
        return None
    try:
        new, applied, _refused = apply(plan, {number: unit.proposal})
    except TranslateError:
        return None
    if not applied:
        return None
    translated = excerpt.back(new.decode(plan.module.encoding) if isinstance(new, bytes) else new)
    change = whole_change("".join(excerpt.lines), translated) if translated is not None else None
    if change is None:
        return None
    shift = excerpt.first - 1
    change = TextChange(change.line + shift, change.column, change.end_line + shift, change.end_column, change.new_text)
    title = f"Translate {unit.kind} ({unit.engine} proposal, review it): {_short(unit.proposal)}"
    return Fix(title, finding.code, [change])


def suppress_fix(document: CheckedDocument, finding: Finding) -> Fix | None:
    """`# english-guard: ignore[CODE]` at the end of the finding's last line (codes merged into a directive
    that is already there), offered only when a check of the edited text shows that it suppresses the
    finding and changes nothing else."""
    if document.config is None or document.reader is None:
        return None
    if document.reader != "python" and not (document.reader in _HASH_COMMENT_READERS and finding.symbol == "comment"):
        return None  # elsewhere a `#` can be part of a value (a YAML block, a Dockerfile instruction)
    lines = split_lines(document.text)
    if not 0 < finding.end_line <= len(lines):
        return None
    line = lines[finding.end_line - 1]
    existing = _IGNORE_WITH_CODES.search(line)
    if existing is not None:
        codes = [c.strip() for c in existing.group(2).split(",") if c.strip()]
        change = TextChange(
            finding.end_line,
            existing.start(2) + 1,
            finding.end_line,
            existing.end(2) + 1,
            ", ".join([*codes, finding.code]),
        )
    else:
        kept = line.rstrip(" \t\f")
        change = TextChange(
            finding.end_line,
            len(kept) + 1,
            finding.end_line,
            len(line) + 1,
            f"  # english-guard: ignore[{finding.code}]",
        )
    edited = lines[:]
    edited[finding.end_line - 1] = line[: change.column - 1] + change.new_text + line[change.end_column - 1 :]
    after = check_document(document.path, "\n".join(edited), document.config, document.reader)
    before = {_key(f) for f in document.findings}
    remaining = {_key(f) for f in after.findings}
    gone = before - remaining
    # Gone: this finding and possibly others of its code on the same line; nothing new, nothing else gone.
    if (
        after.error is not None
        or not remaining <= before
        or _key(finding) not in gone
        or any(
            code != finding.code or not line <= finding.end_line <= end_line for code, line, _c, end_line, _t in gone
        )
    ):
        return None
    return Fix(
        f"Suppress {finding.code} on this line (# english-guard: ignore[{finding.code}])", finding.code, [change]
    )


def _key(finding: Finding) -> tuple:
    return finding.code, finding.line, finding.column, finding.end_line, finding.text


# ----- evidence ----------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def hover_markdown(document: CheckedDocument, findings: list[Finding]) -> str:
    """`english-guard detect`'s per-word evidence for each finding, as Markdown tables."""
    from english_guard.language import judge

    allowed = document.config.all_allowed_words() if document.config is not None else frozenset()
    parts = []
    for finding in findings:
        rule = RULES.get(finding.code)
        heading = f"**english-guard {finding.code}**" + (f" ({rule.name})" if rule else "")
        if finding.kind not in ("identifier", "comment", "docstring", "string", "prose") or finding.code in (
            MIXED_SCRIPT_IDENTIFIER.code,
            INVISIBLE_OR_BIDI_CHARACTER.code,
            UNUSED_SUPPRESSION.code,
        ):
            parts.append(f"{heading}: {finding.message}" + (f"\n\n{rule.explanation}" if rule else ""))
            continue
        verdict = judge(finding.text, finding.kind, allowed, explain=True)
        lines = [
            f"{heading}: {language_name(finding.language)}, confidence {finding.confidence:.2f}",
            "",
            f"{verdict.reason}" if verdict.reason else "",
        ]
        if verdict.words:
            lines += ["", "| word | verdict | language | why |", "|---|---|---|---|"]
            for word in verdict.words:
                language = word.language if word.verdict not in ("english", "code") else ""
                lines.append(f"| `{_cell(word.word)}` | {word.verdict} | {language} | {_cell(word.reason)} |")
        parts.append("\n".join(line for line in lines))
    return "\n\n---\n\n".join(parts)


def fixes_for(document: CheckedDocument, findings: list[Finding]) -> list[Fix]:
    """The quick fixes for `findings`: the rename or translation first, then the suppression comment."""
    fixes: list[Fix] = []
    for finding in findings:
        makers = [suppress_fix]
        if finding.code == NON_ENGLISH_IDENTIFIER.code:
            makers.insert(0, rename_fix)
        elif finding.code in (NON_ENGLISH_COMMENT.code, NON_ENGLISH_DOCSTRING.code):
            makers.insert(0, translate_fix)
        for make in makers:
            try:
                fix = make(document, finding)
            except Exception:  # noqa: BLE001 - a fix that fails on odd code leaves the others on offer
                logger.exception("%s failed on %s:%s", make.__name__, document.path, finding.line)
                continue
            if fix is not None:
                fixes.append(fix)
    return fixes
