"""Running the check: files -> segments -> verdicts -> findings, cached and in parallel."""

from __future__ import annotations

import gc
import importlib
import os
import re
import sys
import tokenize
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING

from english_guard import __version__
from english_guard.cache import ResultCache
from english_guard.config import Config
from english_guard.context import (
    ALTERNATIVES,
    CANDIDATES_DEFERRED,
    FLOWS,
    FLOWS_UNREAD,
    HELD_FINDINGS,
    HELD_LABELS,
    LANGUAGES,
    candidates_needed,
    flows_needed,
    resolve,
)
from english_guard.errors import EnglishGuardError
from english_guard.own_files import MAX_SOURCE_BYTES as MAX_FILE_BYTES
from english_guard.records import Candidate, FileError, FileResult, Finding, Segment
from english_guard.rules import INVISIBLE_OR_BIDI_CHARACTER, UNUSED_SUPPRESSION
from english_guard.sources.registry import load_reader, reader_name_for
from english_guard.ui_text import rule_message
from english_guard.walk import collect_files

if TYPE_CHECKING:
    from concurrent.futures import Executor

# Below this many files to judge, a process pool costs more than it saves.
PARALLEL_THRESHOLD = 24


class DecodeError(EnglishGuardError):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(slots=True)
class RunResult:
    results: list[FileResult] = field(default_factory=list)
    files: int = 0

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    @property
    def errors(self) -> list[FileError]:
        return [r.error for r in self.results if r.error is not None]

    @property
    def unused_directives(self) -> list[Finding]:
        return [f for r in self.results for f in r.unused_directives]


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(path: str, data: bytes, reader: str) -> str:
    """Decode a file as Python does (BOM, PEP 263 cookie) or as UTF-8 for other files."""
    if b"\0" in data[:8192]:
        raise DecodeError("binary file (contains NUL bytes)")
    if reader == "python":
        try:
            encoding, _lines = tokenize.detect_encoding(BytesIO(data).readline)
        except SyntaxError as exc:
            raise DecodeError(f"bad encoding declaration: {exc.msg if hasattr(exc, 'msg') else exc}") from None
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"cannot decode as {encoding}: invalid byte 0x{data[exc.start]:02x} at byte {exc.start}",
            _line_of_offset(data, exc.start),
        ) from None
    except LookupError:
        raise DecodeError(f"unknown encoding {encoding!r}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    # Universal newlines, as Python reads source: positions are counted in lines either way.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def source_locale_texts(config: Config) -> frozenset[str]:
    """The translations of the project's source-locale catalog: the texts its UI shows in the source
    language. A test that asserts one checks the UI, so that string is not a finding."""
    if not config.source_lang or config.source_lang == "und":
        return frozenset()
    path = os.path.join(config.root, config.locales_dir, config.source_lang, "LC_MESSAGES", f"{config.domain}.po")
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        return frozenset()
    from english_guard.i18n.catalogs import catalog_texts  # Babel is loaded only for projects with a catalog

    return catalog_texts(path, stamp)


def check_source(path: str, data: bytes, config: Config, reader: str, parse: bool = False) -> FileResult:
    """Check one file's bytes. Never raises for bad input: problems become an EG900 error. `parse` takes
    the full path even where the screen would not (to find a screened file's deferred candidates)."""
    try:
        text = decode(path, data, reader)
    except DecodeError as exc:
        return FileResult(path, error=FileError(path, str(exc), exc.line))
    return _check_text(path, text, config, reader, parse)


def check_document(path: str, text: str, config: Config, reader: str | None = None) -> FileResult:
    """Check one document's text as if it were the file `path` (stdin, an editor's unsaved buffer).

    The reader comes from the path (or `reader`), so `config.file_types` applies; a path no reader
    handles gives an empty result. Line ends are normalised as for files, so positions agree with
    a check of the same text on disk. Excludes are not applied: the caller decides whether to check.
    """
    if reader is None:
        reader = reader_name_for(path, config.file_types)
        if reader is None:
            return FileResult(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    result = _check_text(path, text.replace("\r\n", "\n").replace("\r", "\n"), config, reader)
    resolve([result], config.min_confidence)  # one document is its own project: its own profile decides
    return result


def _check_text(path: str, text: str, config: Config, reader: str, parse: bool = False) -> FileResult:
    # The language engine loads when a file is judged: a cached run never needs it.
    from english_guard import screen as screening
    from english_guard.settings import settings_for

    cleared = screening.screen_python(text, settings_for(config).allowed) if reader == "python" else screening.NOT_CLEAN
    screened = cleared.clean or cleared.deferred
    if screened and screening.SKIP_PARSE and not parse and screening.parses(text, path):
        # The full path could only find plainly English segments, or candidates that lean towards any
        # foreign language: those are found when the project's profile could make them findings.
        result = FileResult(path)
        result.facts[FLOWS_UNREAD] = True  # read in full when another module holds what it may send
        if cleared.deferred:
            result.facts[CANDIDATES_DEFERRED] = True
    else:
        result = _read_and_judge(path, text, config, reader)
    if screened:
        # A screened file weighs its words in the profile, parsed or not (english_guard.screen).
        result.facts.pop(LANGUAGES, None)
        weight = screening.english_weight(cleared)
        if weight:
            result.facts[LANGUAGES] = {"en": weight}
    return result


def _read_and_judge(path: str, text: str, config: Config, reader: str) -> FileResult:
    # The language engine and the judging steps: loaded when a file is judged, never on a cached run.
    from english_guard.deceptive_characters import invisible_character_findings
    from english_guard.findings import FileEvidence, evaluate, finding_for
    from english_guard.settings import settings_for
    from english_guard.suppression import directives_in, suppress

    result = FileResult(path)
    try:
        segments = load_reader(reader)(path, text, config)
    except Exception as exc:  # the reader's own errors carry a line when they know one
        line = getattr(exc, "line", None) or getattr(exc, "lineno", None)
        column = getattr(exc, "column", None)
        message = str(exc) or type(exc).__name__
        result.error = FileError(path, message, line, column)
        # A file that does not parse keeps its EG900, and what a tolerant reader still finds is judged.
        partial: list[Segment] | None = getattr(exc, "segments", None)
        if not partial:
            return result
        segments = partial
    segments = _without_people_names(path, segments)
    enabled = config.codes_enabled() - config.ignored_in(path)
    settings = settings_for(config)
    directives, skip_file = directives_in(segments)
    if skip_file:
        return result
    evidence = FileEvidence()
    findings = evaluate(
        segments,
        enabled,
        settings.allowed,
        config.min_confidence,
        settings.names(path),
        evidence,
        source_locale_texts(config),
    )
    if INVISIBLE_OR_BIDI_CHARACTER.code in enabled:
        findings.extend(invisible_character_findings(path, text))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    candidates = [
        Candidate(finding_for(segment, verdict, code), verdict.leaning)
        for segment, verdict, code in evidence.candidates
    ]
    held_labels = [
        (holder, Candidate(finding_for(segment, verdict, code), verdict.leaning))
        for holder, segment, verdict, code in evidence.held_labels
    ]
    # A suppression comment covers a candidate as it would cover the finding it may become.
    kept = suppress(findings + [c.finding for c in candidates] + [c.finding for _h, c in held_labels], directives)
    kept_ids = {id(f) for f in kept}
    result.findings = [f for f in findings if id(f) in kept_ids]
    result.candidates = [c for c in candidates if id(c.finding) in kept_ids]
    if evidence.languages:
        result.facts[LANGUAGES] = evidence.languages
    if evidence.alternatives:
        result.facts[ALTERNATIVES] = evidence.alternatives
    if evidence.held_findings:
        result.facts[HELD_FINDINGS] = evidence.held_findings
    labels = [[holder, c.to_json()] for holder, c in held_labels if id(c.finding) in kept_ids]
    if labels:
        result.facts[HELD_LABELS] = labels
    flows: dict[str, list[str]] = {}
    for segment in segments:
        if segment.kind == "flow":
            flows.setdefault(segment.symbol, []).append(segment.text)
    if flows:
        result.facts[FLOWS] = flows
    result.unused_directives = [
        Finding(
            path,
            d.line,
            d.column,
            d.line,
            d.column + len(d.text),
            UNUSED_SUPPRESSION.code,
            "comment",
            "directive",
            d.text,
            "en",
            1.0,
            rule_message(UNUSED_SUPPRESSION),
        )
        for d in _unique_unused(directives, enabled)
    ]
    return result


# Lists of people (AUTHORS, CONTRIBUTORS, ...) are names, and so are changelog credit lines: names written in
# their owners' script are no evidence of the language a project writes.
_PEOPLE_LIST = re.compile(
    r"(?i)^(?:authors|contributors|credits|thanks|maintainers|backers|sponsors|patrons"
    r"|codeowners|people|committers)(?:\.\w+)?$"
)
_CHANGELOG = re.compile(r"(?i)^(?:change(?:s|log)|history|news|release[-_ ]?notes)(?:\.\w+)?$")
_CREDIT = re.compile(
    r"(?i)\b(?:thanks?|thank you|credits?|kudos|props|(?:contributed|reported|patch(?:ed)?|written|"
    r"authored|suggested|implemented|fixed|reviewed) by)\b"
)


_MENTION = re.compile(r"(?<![\w@])@[\w-]+")  # a list of @handles is a list of contributors


def _without_people_names(path: str, segments: list) -> list:
    name = path.replace("\\", "/").rpartition("/")[2]
    if _PEOPLE_LIST.match(name):
        return [s for s in segments if s.kind not in ("prose", "comment")]
    if _CHANGELOG.match(name):
        segments = [
            s
            for s in segments
            if not (s.kind == "prose" and (_CREDIT.search(s.text) or len(_MENTION.findall(s.text)) >= 3))
        ]
    return _without_credited_lists(segments)


# A list of short items right after "Thanks to all who contributed:" or a "Contributors" heading: people.
_CREDITED_LIST_INTRO = re.compile(
    r"(?i)(?:\b(?:thanks?|thank you|credits?|kudos)\b.*:\s*$|^(?:contributors|authors|credits)$)"
)
_NAME_ITEM_WORDS = 5


def _without_credited_lists(segments: list) -> list:
    if not any(s.kind == "prose" and s.symbol in ("paragraph", "heading") for s in segments):
        return segments  # not a document
    kept = []
    in_list = False
    for segment in segments:
        if segment.kind == "prose" and segment.symbol == "list_item":
            if in_list and len(segment.text.split()) <= _NAME_ITEM_WORDS and not segment.text.rstrip().endswith("."):
                continue
        else:
            in_list = segment.kind == "prose" and bool(_CREDITED_LIST_INTRO.search(segment.text.strip()))
        kept.append(segment)
    return kept


def _unique_unused(directives, enabled: frozenset[str]) -> list:
    """One entry per directive comment that suppressed nothing on any of its lines. A directive that
    names only codes this run does not check (`--select EG2`) is not judged: it may well be needed."""
    by_comment: dict[tuple, list] = {}
    for directive in directives:
        if directive.codes is not None and directive.codes.isdisjoint(enabled):
            continue
        by_comment.setdefault((directive.start_line, directive.column, directive.text, directive.codes), []).append(
            directive
        )
    return [same[0] for same in by_comment.values() if not any(d.used for d in same)]


def available_cores() -> int:
    """The cores this process may run on (a container or `taskset` can allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _check_file(args: tuple[str, str, Config, str | None, bool]) -> tuple[FileResult, str | None]:
    path, reader, config, digest, parse = args
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size  # of the open file: no second look-up of its path
            if size > MAX_FILE_BYTES:
                return FileResult(
                    path, error=FileError(path, f"file too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
                ), digest
            data = handle.read()
    except OSError as exc:
        return FileResult(path, error=FileError(path, f"cannot read: {exc.strerror or exc}")), digest
    try:
        return check_source(path, data, config, reader, parse), digest
    except Exception as exc:  # noqa: BLE001 - a bug met on one odd file must not end the whole run
        message = f"internal error while checking this file ({type(exc).__name__}: {exc}); please report it"
        return FileResult(path, error=FileError(path, message)), None  # None: never cached


def _tune_garbage_collector() -> None:
    """Parsing allocates millions of short-lived AST nodes and the language detection keeps large word caches: with
    the default thresholds the cycle collector rescans those caches over and over (half the cost of a
    cold run). The nodes hold no cycles, so collect rarely, as mypy does; forked workers inherit it."""
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


def _pool_context():
    """Forked workers on Linux: they inherit the parent's warm state (imports, word lists, the collector's
    settings) whatever the interpreter's default start method (`forkserver` from Python 3.14 on). Elsewhere the
    platform's default (`spawn` on macOS and Windows), where each worker loads what it needs itself."""
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _warm_before_fork(readers: set[str]) -> None:
    """Load once in the parent what every worker needs, so that the forked workers share it."""
    from english_guard.language.lexicon import common_words
    from english_guard.language.uzbek_words import uzbek_forms

    common_words().load()
    uzbek_forms()
    judging = ("screen", "findings", "settings", "suppression", "deceptive_characters")
    for module in (f"english_guard.{name}" for name in judging):
        importlib.import_module(module)
    for reader in sorted(readers):
        load_reader(reader)
    gc.freeze()  # all of it lives as long as the run: no worker's collector needs to scan it


class _Checking:
    """Checks files: in this process, or in a process pool once there are enough of them to pay for it. The pool
    then stays for the rest of the run: a later reading of a few files (the flows) goes to its workers, whose
    word decisions are warm, instead of this process deciding every word again alone."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: Executor | None = None

    def checked(self, pending: list[tuple[str, str, Config, str | None, bool]]):
        if self.pool is None and (self.workers <= 1 or len(pending) < PARALLEL_THRESHOLD):
            yield from map(_check_file, pending)
            return
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor  # imported only when needed: it costs start-up time

            _warm_before_fork({reader for _path, reader, _config, _digest, _parse in pending})
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_pool_context())
        chunk = max(1, min(16, len(pending) // (self.workers * 16) or 1))
        yield from self.pool.map(_check_file, pending, chunksize=chunk)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()


def _ascii_text(path: str) -> str | None:
    """A screened file's text again (the screen clears ASCII text only), or None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("ascii", errors="replace")
    except OSError:
        return None


def _fresh_results(
    work: list[tuple[str, str]],
    pending: list[tuple[str, str, Config, str | None, bool]],
    cached_results: dict[str, FileResult],
    digests: dict[str, str | None],
    config: Config,
    cache: ResultCache | None,
    checking: _Checking,
    progress: Callable[[int, int], None] | None,
) -> list[FileResult]:
    """Every file's result, in `work`'s order: the cached ones, the pending files checked, and the screened
    files that the project's other files show need a reading in full, read again."""
    fresh: dict[str, FileResult] = {}
    done = len(cached_results)
    if progress:
        progress(done, len(work))
    for result, digest in checking.checked(pending):
        fresh[result.path] = result
        if cache is not None and digest:
            cache.store(digest, result)
        done += 1
        if progress:
            progress(done, len(work))
    results = [cached_results.get(path) or fresh[path] for path, _reader in work]
    deferred = [result for result in results if result.facts.get(CANDIDATES_DEFERRED)]
    if not (deferred and candidates_needed(results)):
        deferred = []
    # A project whose profile is foreign enough to decide candidates that lean towards any foreign
    # language: the screened files that have such candidates are read in full now; and so are the
    # screened files that may send a constant another module holds (`texts.WELCOME`).
    again_paths = {r.path for r in deferred} | {r.path for r in flows_needed(results, _ascii_text)}
    read: dict[str, FileResult] = {}
    readers = dict(work)
    while again_paths:
        again = [
            (path, readers[path], config, digests.get(path), True) for path, _reader in work if path in again_paths
        ]
        for result, digest in checking.checked(again):
            read[result.path] = result
            if cache is not None and digest:
                cache.store(digest, result)
        results = [read.get(result.path, result) for result in results]
        # A file read in full may hold constants that other unread files send: read those too, until none is
        # left, so that the next run (which sees those constants from the start) reads nothing more.
        again_paths = {r.path for r in flows_needed(results, _ascii_text)} - read.keys()
    return results


def run_check(
    paths: Iterable[str],
    config: Config,
    *,
    jobs: int | None = None,
    use_cache: bool = True,
    force_exclude: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    _tune_garbage_collector()
    walked = collect_files(list(paths), config, force_exclude=force_exclude)
    run = RunResult()
    for path, message in walked.problems:
        run.results.append(FileResult(path, error=FileError(path, message)))
    work: list[tuple[str, str]] = []
    for path in walked.files:
        reader = reader_name_for(path, config.file_types)
        if reader is not None:
            work.append((path, reader))
    run.files = len(work)
    cache = ResultCache(config, __version__) if use_cache else None
    recorded = cache.recorded_run(work) if cache is not None else None
    if cache is not None and recorded is not None:  # the same files as a recorded run: its findings stand
        cache.save()
        run.results.extend(recorded)
        return run
    pending: list[tuple[str, str, Config, str | None, bool]] = []
    cached_results: dict[str, FileResult] = {}
    digests: dict[str, str | None] = {}
    for path, reader in work:
        digest = None
        if cache is not None:
            digest, hit = cache.lookup(path, reader)
            digests[path] = digest
            if hit is not None:
                cached_results[path] = hit
                continue
        pending.append((path, reader, config, digest, False))
    checking = _Checking(max(1, jobs or available_cores()))
    try:
        results = _fresh_results(work, pending, cached_results, digests, config, cache, checking, progress)
    finally:
        checking.close()
    if cache is not None:
        cache.save()
    run.results.extend(results)
    # The project-level step: every file's facts and candidates, cached or fresh, decided together.
    resolve(run.results, config.min_confidence)
    if cache is not None:
        cache.record_run(results)
    return run
