"""A result cache keyed by file content, configuration and tool version, read with one file read.

Under `<root>/.english-guard-cache/<version>-<code digest>-<config digest>-<interface>/`:

- `index.json` holds, for every file checked, its size, modification time and content digest. A run reads
  it once; a file whose size and modification time are unchanged is not read or hashed again (as git and
  ruff do), and only a changed file is hashed. A file changed within two seconds before its run is recorded
  without its stat, so it is hashed next time: a change that keeps the size and falls in the same clock
  tick is never served stale.
- `results.json` holds each content digest's result, read (once) only when a file's result is needed.
  It is compact: a finding is a row of its fields (`ROW_FIELDS`), not an object with named keys. Every row
  is checked for its shape and types before use: a tampered or half-written entry is computed again.
- `run-<key>.json` records the resolved findings of a whole run whose every file came from the cache, keyed
  by its files, readers and contents and by the results file it was made from. The same run again (nothing
  changed) is served from it: no result is read and the project-level step does not run again.

Files are written at the end of a run that learned something, each atomically (a temporary file and a
rename), merged with whatever another run wrote meanwhile: concurrent runs never see half a file, never
need a lock, and at worst one run's additions are recomputed later. The path is part of the key because a
reader may treat a file by its name (a chart's values.yaml is not any YAML file).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from stat import S_ISREG
from typing import Any, TypeGuard

from english_guard.config import Config
from english_guard.records import Candidate, FileError, FileResult, Finding
from english_guard.ui_text import requested_languages


def _code_digest() -> str:
    """A digest of english-guard's own code and data, so a changed checker never reuses old results."""
    package = os.path.dirname(__file__)
    parts: list[str] = []
    _list_code(package, "", parts)
    parts.sort()
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=6).hexdigest()


_CODE_SUFFIXES = (".py", ".sqlite3", ".txt", ".gz", ".json")


def _list_code(folder: str, relative: str, parts: list[str]) -> None:
    """`relative-path:size:mtime` of every code and data file below `folder` (os.scandir: one listing per folder,
    no pathlib objects; this runs at the start of every cached run)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            name = relative + entry.name
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    _list_code(entry.path, name + "/", parts)
            elif entry.name.endswith(_CODE_SUFFIXES):
                stat = entry.stat()
                parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")


def content_digest(data: bytes, reader: str, path: str = "") -> str:
    key = hashlib.blake2b(digest_size=16)
    key.update(f"{reader}\0{path}\0".encode("utf-8", "surrogateescape"))
    key.update(data)
    return key.hexdigest()


INDEX = "index.json"  # path -> [size, modification time, content digest]
RESULTS = "results.json"  # content digest -> the file's result
RUN_PREFIX = "run-"  # run-<key>.json: the resolved results of one whole run (`ResultCache.recorded_run`)
MAX_RUNS = 8  # the run records kept (a tree, its subfolders, a few editors' files)
INDEX_VERSION = 3
MAX_INDEX_BYTES = 256 * 1024 * 1024  # a cache of millions of files stays far below this
_RACY_NS = 2_000_000_000  # a file changed this close to the run is hashed again next time

# A stored finding is the row of Finding's fields after its path, in their order: derived, so that a new field
# cannot be left out of the cache (the code digest in the folder's name retires caches of the older shape).
ROW_FIELDS = tuple(item.name for item in fields(Finding))[1:]
_NUMBER = (int, float)
_ROW_TYPES: tuple[Any, ...] = (int, int, int, int, str, str, str, str, str, _NUMBER, str, (str, type(None)))
_ERROR_TYPES: tuple[Any, ...] = (str, (int, type(None)), (int, type(None)), str)  # message, line, column, code
_row_of = attrgetter(*ROW_FIELDS)


def _inside(path: Path, root: Path) -> bool:
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
    except ValueError:
        return False
    return True


def _row_ok(row: object) -> bool:
    return type(row) is list and len(row) == len(_ROW_TYPES) and all(map(isinstance, row, _ROW_TYPES))


def _leaning_ok(leaning: object) -> bool:
    return type(leaning) is list and all(
        type(pair) is list and len(pair) == 2 and isinstance(pair[0], str) and isinstance(pair[1], _NUMBER)
        for pair in leaning
    )


def _facts_ok(facts: object) -> bool:
    if type(facts) is not dict:
        return False
    languages = facts.get("languages", {})
    return type(languages) is dict and all(
        isinstance(key, str) and isinstance(value, _NUMBER) for key, value in languages.items()
    )


def _well_formed(entry: object) -> TypeGuard[list]:
    """The shape `store` writes, with the right types: a tampered entry never reaches the report.

    An entry is `[finding rows, unused-directive rows, error or null, candidates, facts]`; an error is
    `[message, line, column, code]`, a candidate `[finding row, leaning pairs]`."""
    if type(entry) is not list or len(entry) != 5:
        return False
    findings, unused, error, candidates, facts = entry
    return (
        type(findings) is list
        and all(map(_row_ok, findings))
        and type(unused) is list
        and all(map(_row_ok, unused))
        and _error_ok(error)
        and type(candidates) is list
        and all(
            type(item) is list and len(item) == 2 and _row_ok(item[0]) and _leaning_ok(item[1]) for item in candidates
        )
        and _facts_ok(facts)
    )


def _result_of(entry: list, path: str) -> FileResult:
    findings, unused, error, candidates, facts = entry
    result = FileResult(path)
    result.findings = [Finding(path, *row) for row in findings]
    result.unused_directives = [Finding(path, *row) for row in unused]
    if error is not None:
        result.error = FileError(path, *error)
    result.candidates = [
        Candidate(Finding(path, *row), tuple((lang, value) for lang, value in leaning)) for row, leaning in candidates
    ]
    result.facts = facts
    return result


def _error_row(error: FileError) -> list:
    return [error.message, error.line, error.column, error.code]


def _error_ok(error: object) -> bool:
    return error is None or (type(error) is list and len(error) == 4 and all(map(isinstance, error, _ERROR_TYPES)))


def _run_entry_ok(entry: object) -> bool:
    """A file's entry in a run record: `[finding rows, unused-directive rows, error or null]`."""
    return (
        type(entry) is list
        and len(entry) == 3
        and type(entry[0]) is list
        and all(map(_row_ok, entry[0]))
        and type(entry[1]) is list
        and all(map(_row_ok, entry[1]))
        and _error_ok(entry[2])
    )


def _resolved_result(path: str, entry: list | None) -> FileResult:
    result = FileResult(path)
    if entry is not None:
        findings, unused, error = entry
        result.findings = [Finding(path, *row) for row in findings]
        result.unused_directives = [Finding(path, *row) for row in unused]
        if error is not None:
            result.error = FileError(path, *error)
    return result


def _entry_of(result: FileResult) -> list:
    error = result.error
    return [
        [list(_row_of(f)) for f in result.findings],
        [list(_row_of(f)) for f in result.unused_directives],
        None if error is None else _error_row(error),
        [[list(_row_of(c.finding)), [list(pair) for pair in c.leaning]] for c in result.candidates],
        result.facts,
    ]


def _stamp(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _read_bytes(path: Path) -> tuple[bytes | None, tuple[int, int, int] | None]:
    """A regular file's bytes and identity; None when it is missing, unreadable or too large."""
    try:
        stat = os.stat(path, follow_symlinks=False)
        if not S_ISREG(stat.st_mode) or stat.st_size > MAX_INDEX_BYTES:
            return None, None
        with open(path, "rb") as handle:
            return handle.read(), _stamp(stat)
    except OSError:
        return None, None


def _decoded(raw: bytes | None) -> dict | None:
    """A JSON object of this cache's version, or None for anything else."""
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and data.get("version") == INDEX_VERSION else None


def _read_json(path: Path) -> tuple[dict | None, tuple[int, int, int] | None]:
    raw, stamp = _read_bytes(path)
    data = _decoded(raw)
    return data, stamp if data is not None else None


def _json_bytes(payload: dict) -> bytes:
    # json.dumps, not json.dump: only the one-shot encoder is the C one (json.dump is pure Python).
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _same_file(path: Path, stamp: tuple[int, int, int] | None) -> bool:
    try:
        return _stamp(os.stat(path, follow_symlinks=False)) == stamp
    except OSError:
        return stamp is None


class _StoredResults:
    """`results.json`, read as bytes once and decoded only when a result this run wants is in it.

    A run that asks only for new contents (a pre-commit run on changed files) finds none of their digests
    in the bytes (a key is written `"<digest>":`), so it never decodes the file, and it appends its own
    results to the text instead of encoding the whole file again. Results no file points at any more are
    dropped whenever a run that decoded the file writes it."""

    def __init__(self, path: Path, usable: bool) -> None:
        self.path = path
        self.usable = usable
        self._raw: bytes | None = None
        self._stamp: tuple[int, int, int] | None = None
        self._read = False
        self._results: dict | None = None

    def _bytes(self) -> bytes | None:
        if not self._read and self.usable:
            self._raw, self._stamp = _read_bytes(self.path)
        self._read = True
        return self._raw

    def get(self, digest: str) -> object:
        if self._results is None:
            raw = self._bytes()
            if raw is None or _key(digest) not in raw:
                return None
            self._results = _results_in(raw)
        return self._results.get(digest)

    def text_with(self, new: dict[str, list], live: set[str]) -> bytes:
        """The file's new text: what is on disk now with `new` added."""
        self._bytes()
        raw, results = self._raw, self._results
        if not _same_file(self.path, self._stamp):  # another run wrote since this one read
            raw, results = _read_bytes(self.path)[0], None
        head = _RESULTS_HEAD
        if (
            results is None
            and raw is not None
            and raw.startswith(head)
            and raw.endswith(b"}}")
            and not any(_key(digest) in raw for digest in new)
        ):
            body = raw[len(head) : -2]
            added = json.dumps(new, ensure_ascii=False, separators=(",", ":"))[1:-1].encode()
            return head + body + (b"," if body else b"") + added + b"}}"
        merged = results if results is not None else _results_in(raw)
        merged.update(new)
        kept = {digest: value for digest, value in merged.items() if digest in live}
        return json.dumps(
            {"version": INDEX_VERSION, "results": kept}, ensure_ascii=False, separators=(",", ":")
        ).encode()


_RESULTS_HEAD = b'{"version":%d,"results":{' % INDEX_VERSION


def _key(digest: str) -> bytes:
    return b'"' + digest.encode() + b'":'


def _results_in(raw: bytes | None) -> dict:
    data = _decoded(raw)
    results = data.get("results") if data is not None else None
    return results if isinstance(results, dict) else {}


class ResultCache:
    def __init__(self, config: Config, version: str) -> None:
        chosen = os.environ.get("ENGLISH_GUARD_CACHE_DIR")
        base = Path(chosen or Path(config.root) / config.cache_dir)
        self.base = base
        # A cache folder in the project that is (or passes through) a symbolic link out of the project
        # would make `check` write there: such a cache is not used. A folder the user names is theirs.
        self.usable = bool(chosen) or _inside(base, Path(config.root))
        # Messages are stored translated: each interface language has its own entries.
        interface = hashlib.blake2b(",".join(requested_languages()).encode(), digest_size=3).hexdigest()
        self.folder = base / f"{version}-{_code_digest()}-{config.fingerprint()}-{interface}"
        self._ready = False
        self._started_ns = time.time_ns()
        self._files, self._files_stamp = self._read_part(INDEX, "files")
        self._results = _StoredResults(self.folder / RESULTS, self.usable)  # read when a result is needed
        self._new_files: dict[str, list] = {}
        self._new_results: dict[str, list] = {}
        self._digests: dict[str, str | None] = {}
        self._run_key: str | None = None
        self._missed = False

    # ---------------------------------------------------------------- reading ---

    def _read_part(self, name: str, key: str) -> tuple[dict[str, list], tuple[int, int, int] | None]:
        """One part of the cache (`files` of the index, `results`), or an empty one; and the identity of its
        file, so `save` reads it again only when another run replaced it."""
        if not self.usable:
            return {}, None
        data, stamp = _read_json(self.folder / name)
        part = data.get(key) if data is not None else None
        if not isinstance(part, dict):
            return {}, None
        return part, stamp

    def digest(self, path: str, reader: str) -> str | None:
        """The content digest of one file of this run (None when it cannot be read).

        An unchanged size and modification time reuse the recorded digest without reading the file."""
        if path in self._digests:
            return self._digests[path]
        digest = self._digests[path] = self._find_digest(path, reader)
        return digest

    def _find_digest(self, path: str, reader: str) -> str | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        recorded = self._files.get(path)
        if (
            type(recorded) is list
            and len(recorded) == 3
            and recorded[0] == stat.st_size
            and recorded[1] == stat.st_mtime_ns
            and isinstance(recorded[2], str)
        ):
            digest = recorded[2]
            if stat.st_mtime_ns < self._started_ns - _RACY_NS:
                return digest  # settled and recorded as it is: nothing to update (most files of a cached run)
        else:
            try:
                with open(path, "rb") as handle:
                    digest = content_digest(handle.read(), reader, path)
            except OSError:
                return None
        settled = stat.st_mtime_ns < self._started_ns - _RACY_NS
        stat_record = [stat.st_size, stat.st_mtime_ns if settled else -1, digest]
        if recorded != stat_record:
            self._new_files[path] = stat_record
        return digest

    def lookup(self, path: str, reader: str) -> tuple[str | None, FileResult | None]:
        """(content digest, cached result or None) for one file of this run."""
        digest = self.digest(path, reader)
        if digest is None:
            return None, None
        result = self.load(digest, path)
        self._missed = self._missed or result is None
        return digest, result

    def load(self, digest: str, path: str) -> FileResult | None:
        entry = self._new_results.get(digest) or self._results.get(digest)
        if not _well_formed(entry):
            return None  # tampered or from a broken write: computed again
        return _result_of(entry, path)

    # ------------------------------------------------------------ whole runs ---

    def recorded_run(self, work: list[tuple[str, str]]) -> list[FileResult] | None:
        """The resolved results of an earlier run of exactly these files (paths, readers, contents, in this
        order) over the same stored results, or None. Such a run reads no file and no result, and needs no
        project-level step: its findings were decided once. Its results hold findings, unused directives
        and errors; their candidates and facts were spent on that decision and are not kept."""
        if not self.usable:
            return None
        parts = []
        for path, reader in work:
            digest = self.digest(path, reader)
            if digest is None:
                return None  # an unreadable file is reported afresh
            parts.append(f"{path}\0{reader}\0{digest}")
        try:  # the record is valid for the results file it was made from (an edited one voids it)
            parts.append(repr(_stamp(os.stat(self.folder / RESULTS, follow_symlinks=False))))
        except OSError:
            return None
        key = "\0".join(parts).encode("utf-8", "surrogateescape")
        self._run_key = hashlib.blake2b(key, digest_size=16).hexdigest()
        data, _stamp_of_run = _read_json(self.folder / f"{RUN_PREFIX}{self._run_key}.json")
        recorded = data.get("results") if data is not None else None
        if not isinstance(recorded, dict) or not all(map(_run_entry_ok, recorded.values())):
            return None
        paths = {path for path, _reader in work}
        if not paths.issuperset(recorded):
            return None
        return [_resolved_result(path, recorded.get(path)) for path, _reader in work]

    def record_run(self, results: list[FileResult]) -> None:
        """Remember this run's resolved results (after the project-level step), when every file came from
        the cache: the next run of the same files over the same results is served whole."""
        if self._run_key is None or self._missed or self._new_results or not self._prepare():
            return
        recorded = {
            result.path: [
                [list(_row_of(f)) for f in result.findings],
                [list(_row_of(f)) for f in result.unused_directives],
                None if result.error is None else _error_row(result.error),
            ]
            for result in results
            if result.findings or result.unused_directives or result.error is not None
        }
        self._write(f"{RUN_PREFIX}{self._run_key}.json", _json_bytes({"version": INDEX_VERSION, "results": recorded}))
        self._forget_old_runs()

    def _forget_old_runs(self) -> None:
        try:
            runs = [entry for entry in os.scandir(self.folder) if entry.name.startswith(RUN_PREFIX)]
            runs.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
            for entry in runs[MAX_RUNS:]:
                os.unlink(entry.path)
        except OSError:
            pass  # another run removed it first

    # ---------------------------------------------------------------- writing ---

    def store(self, digest: str, result: FileResult) -> None:
        """Remember a fresh result; `save` writes everything remembered at the end of the run."""
        self._new_results[digest] = _entry_of(result)

    def _prepare(self) -> bool:
        if self._ready:
            return True
        if not self.usable:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tag = self.base / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# english-guard result cache\n")
                (self.base / ".gitignore").write_text("*\n")
        except OSError:
            return False  # a read-only tree runs without a cache
        self._ready = True
        return True

    def save(self) -> None:
        """Write what this run learned, merged with what is on disk now: the results first, then the index
        that points at them (a run that reads an index newer than its results only recomputes a file)."""
        if not self._new_files and not self._new_results:
            return
        if not self._prepare():
            return
        files = self._files
        if not _same_file(self.folder / INDEX, self._files_stamp):
            files = self._read_part(INDEX, "files")[0]  # another run wrote since this one read
        files.update(self._new_files)
        if self._new_results:
            live = {record[2] for record in files.values() if type(record) is list and len(record) == 3}
            self._write(RESULTS, self._results.text_with(self._new_results, live))
        self._write(INDEX, _json_bytes({"version": INDEX_VERSION, "files": files}))

    def _write(self, name: str, text: bytes) -> None:
        """Replace one file of the cache atomically: a temporary file of this process, then a rename. (Not
        the tempfile module: its import costs a small run more than the write.)"""
        tmp = self.folder / f".{name}.{os.getpid()}.{time.time_ns()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(text)
            os.replace(tmp, self.folder / name)
        except OSError:
            try:
                os.unlink(tmp)
            except OSError:
                pass
