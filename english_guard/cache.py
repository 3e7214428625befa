"""A result cache keyed by file content, configuration and tool version.

One small JSON file per distinct (path, content, reader) under
`<root>/.english-guard-cache/<version>-<code digest>-<config digest>/`, written atomically, so concurrent
runs never see half an entry and never need a lock. The path is part of the key because a reader may
treat a file by its name (a chart's values.yaml is not any YAML file).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from english_guard.config import Config
from english_guard.texts import requested_languages
from english_guard.model import Candidate, FileError, FileResult, Finding


def _code_digest() -> str:
    """A digest of english-guard's own code and data, so a changed engine never reuses old results."""
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


class ResultCache:
    def __init__(self, config: Config, version: str) -> None:
        base = Path(os.environ.get("ENGLISH_GUARD_CACHE_DIR") or Path(config.root) / config.cache_dir)
        self.base = base
        # Messages are stored translated: each interface language has its own entries.
        interface = hashlib.blake2b(",".join(requested_languages()).encode(), digest_size=3).hexdigest()
        self.folder = base / f"{version}-{_code_digest()}-{config.fingerprint()}-{interface}"
        self._ready = False

    def _prepare(self) -> bool:
        if self._ready:
            return True
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

    def _entry(self, digest: str) -> Path:
        return self.folder / f"{digest}.json"

    def load(self, digest: str, path: str) -> FileResult | None:
        try:
            raw = self._entry(digest).read_bytes()
            data = json.loads(raw)
        except (OSError, ValueError):
            return None
        try:
            result = FileResult(path)
            result.findings = [Finding(path=path, **item) for item in data["findings"]]
            result.unused_directives = [Finding(path=path, **item) for item in data["unused"]]
            if data["error"] is not None:
                result.error = FileError(path=path, **data["error"])
            for item in data["candidates"]:
                finding = dict(item["finding"], path=path)
                result.candidates.append(Candidate(Finding(**finding), tuple((lang, value) for lang, value in item["leaning"])))
            result.facts = data["facts"]
        except (KeyError, TypeError, ValueError):
            return None
        return result

    def store(self, digest: str, result: FileResult) -> None:
        if not self._prepare():
            return

        def strip(finding: Finding) -> dict:
            item = finding.to_json()
            item.pop("path")
            return item

        error = None
        if result.error is not None:
            error = {"message": result.error.message, "line": result.error.line, "column": result.error.column,
                     "code": result.error.code}
        candidates = []
        for candidate in result.candidates:
            item = candidate.to_json()
            item["finding"].pop("path")
            candidates.append(item)
        payload = {"findings": [strip(f) for f in result.findings], "unused": [strip(f) for f in result.unused_directives],
                   "error": error, "candidates": candidates, "facts": result.facts}
        try:
            import tempfile  # only a run that writes to the cache needs it

            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False)
            os.replace(tmp, self._entry(digest))
        except OSError:
            try:
                os.unlink(tmp)
            except (OSError, UnboundLocalError):
                pass
