"""A result cache keyed by file content, configuration and tool version, read with one file read.

Under `<root>/.english-guard-cache/<version>-<code digest>-<config digest>-<interface>/` one `index.json`
holds, for every file checked, its size, modification time and content digest, and each digest's result.
A run reads the index once; a file whose size and modification time are unchanged is not read or hashed
again (as git and ruff do), and only a changed file is hashed and looked up by content. A file changed
within two seconds before its run is recorded without its stat, so it is hashed next time: a change that
keeps the size and falls in the same clock tick is never served stale.

The index is written once at the end of a run, atomically (a temporary file and a rename), merged with
whatever another run wrote meanwhile: concurrent runs never see half an index, never need a lock, and at
worst one run's additions are recomputed later. The path is part of the key because a reader may treat
a file by its name (a chart's values.yaml is not any YAML file).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any, TypeGuard

from english_guard.config import Config
from english_guard.records import Candidate, FileError, FileResult, Finding
from english_guard.ui_text import requested_languages


def _code_digest() -> str:
    """A digest of english-guard's own code and data, so a changed checker never reuses old results."""
    package = Path(__file__).parent
    parts = []
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".sqlite3", ".txt", ".gz") and "__pycache__" not in path.parts:
            stat = path.stat()
            parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=6).hexdigest()


def content_digest(data: bytes, reader: str, path: str = "") -> str:
    key = hashlib.blake2b(digest_size=16)
    key.update(f"{reader}\0{path}\0".encode("utf-8", "surrogateescape"))
    key.update(data)
    return key.hexdigest()


INDEX = "index.json"
INDEX_VERSION = 1
MAX_INDEX_BYTES = 256 * 1024 * 1024  # a cache of millions of files stays far below this
_RACY_NS = 2_000_000_000  # a file changed this close to the run is hashed again next time


def _inside(path: Path, root: Path) -> bool:
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
    except ValueError:
        return False
    return True


_FINDING_TYPES: dict[str, type | tuple[type, ...]] = {
    "line": int,
    "column": int,
    "end_line": int,
    "end_column": int,
    "code": str,
    "kind": str,
    "symbol": str,
    "text": str,
    "language": str,
    "confidence": (int, float),
    "message": str,
    "suggestion": (str, type(None)),
}


def _finding_ok(item: object) -> bool:
    return (
        isinstance(item, dict)
        and item.keys() == _FINDING_TYPES.keys()
        and all(isinstance(item[key], kind) for key, kind in _FINDING_TYPES.items())
    )


def _well_formed(data: object) -> TypeGuard[dict[str, Any]]:
    """The shape `store` writes, with the right types: a tampered entry never reaches the report."""
    if not isinstance(data, dict) or not {"findings", "unused", "error", "candidates", "facts"} <= data.keys():
        return False
    if not all(
        isinstance(data[key], list) and all(_finding_ok(item) for item in data[key]) for key in ("findings", "unused")
    ):
        return False
    error = data["error"]
    if error is not None and not (
        isinstance(error, dict)
        and isinstance(error.get("message"), str)
        and isinstance(error.get("code"), str)
        and all(isinstance(error.get(k), (int, type(None))) for k in ("line", "column"))
        and error.keys() <= {"message", "line", "column", "code"}
    ):
        return False
    for item in data["candidates"] if isinstance(data["candidates"], list) else [None]:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("finding"), dict)
            and _finding_ok({k: v for k, v in item["finding"].items() if k != "path"})
            and isinstance(item.get("leaning"), list)
            and all(
                isinstance(pair, list)
                and len(pair) == 2
                and isinstance(pair[0], str)
                and isinstance(pair[1], (int, float))
                for pair in item["leaning"]
            )
        ):
            return False
    facts = data["facts"]
    if not isinstance(facts, dict):
        return False
    languages = facts.get("languages", {})
    return isinstance(languages, dict) and all(
        isinstance(k, str) and isinstance(v, (int, float)) for k, v in languages.items()
    )


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
        self._files, self._results = self._read_index()
        self._new_files: dict[str, list] = {}
        self._new_results: dict[str, dict] = {}

    # ---------------------------------------------------------------- reading ---

    def _read_index(self) -> tuple[dict[str, list], dict[str, dict]]:
        """The stored index, or an empty one when it is missing, unreadable or not of this shape."""
        index = self.folder / INDEX
        if not self.usable:
            return {}, {}
        try:
            if not index.is_file() or index.is_symlink() or index.stat().st_size > MAX_INDEX_BYTES:
                return {}, {}
            data = json.loads(index.read_bytes())
        except (OSError, ValueError, RecursionError):
            return {}, {}
        if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
            return {}, {}
        files, results = data.get("files"), data.get("results")
        if not isinstance(files, dict) or not isinstance(results, dict):
            return {}, {}
        return files, results

    def lookup(self, path: str, reader: str) -> tuple[str | None, FileResult | None]:
        """(content digest, cached result or None) for one file of this run.

        An unchanged size and modification time reuse the recorded digest without reading the file."""
        try:
            stat = os.stat(path)
        except OSError:
            return None, None
        recorded = self._files.get(path)
        digest = None
        if (
            isinstance(recorded, list)
            and len(recorded) == 3
            and recorded[0] == stat.st_size
            and recorded[1] == stat.st_mtime_ns
            and isinstance(recorded[2], str)
        ):
            digest = recorded[2]
        else:
            try:
                with open(path, "rb") as handle:
                    digest = content_digest(handle.read(), reader, path)
            except OSError:
                return None, None
        settled = stat.st_mtime_ns < self._started_ns - _RACY_NS
        stat_record = [stat.st_size, stat.st_mtime_ns if settled else -1, digest]
        if recorded != stat_record:
            self._new_files[path] = stat_record
        return digest, self.load(digest, path)

    def load(self, digest: str, path: str) -> FileResult | None:
        data = self._new_results.get(digest) or self._results.get(digest)
        if not _well_formed(data):
            return None  # tampered or from a broken write: computed again
        try:
            result = FileResult(path)
            result.findings = [Finding(path=path, **item) for item in data["findings"]]
            result.unused_directives = [Finding(path=path, **item) for item in data["unused"]]
            if data["error"] is not None:
                result.error = FileError(path=path, **data["error"])
            for item in data["candidates"]:
                finding = dict(item["finding"], path=path)
                result.candidates.append(
                    Candidate(Finding(**finding), tuple((lang, value) for lang, value in item["leaning"]))
                )
            result.facts = data["facts"]
        except (KeyError, TypeError, ValueError):
            return None
        return result

    # ---------------------------------------------------------------- writing ---

    def store(self, digest: str, result: FileResult) -> None:
        """Remember a fresh result; `save` writes everything remembered at the end of the run."""

        def strip(finding: Finding) -> dict:
            item = finding.to_json()
            item.pop("path")
            return item

        error = None
        if result.error is not None:
            error = {
                "message": result.error.message,
                "line": result.error.line,
                "column": result.error.column,
                "code": result.error.code,
            }
        candidates = []
        for candidate in result.candidates:
            item = candidate.to_json()
            item["finding"].pop("path")
            candidates.append(item)
        self._new_results[digest] = {
            "findings": [strip(f) for f in result.findings],
            "unused": [strip(f) for f in result.unused_directives],
            "error": error,
            "candidates": candidates,
            "facts": result.facts,
        }

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
        """Write the index when this run learned something, merged with what is on disk now."""
        if not self._new_files and not self._new_results:
            return
        if not self._prepare():
            return
        files, results = self._read_index()  # another run may have written since this one started
        files.update(self._new_files)
        results.update(self._new_results)
        live = {record[2] for record in files.values() if isinstance(record, list) and len(record) == 3}
        results = {digest: value for digest, value in results.items() if digest in live}
        payload = {"version": INDEX_VERSION, "files": files, "results": results}
        import tempfile  # only a run that learned something writes

        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self.folder / INDEX)
        except OSError:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
