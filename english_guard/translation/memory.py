"""The translation memory: a repeated sentence is translated once, in this run and the next.

Keys are (engine, source language, sentence). The memory can be kept in a JSON file (in the project's
cache folder) so that `--to-po` followed by `--write` does not translate everything twice.
"""

from __future__ import annotations

import json
from pathlib import Path

_SEPARATOR = "\x1f"


class TranslationMemory:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._entries: dict[str, str] = {}
        self._dirty = False
        if path is not None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and isinstance(data.get("entries"), dict):
                    self._entries = {k: v for k, v in data["entries"].items() if isinstance(v, str)}
            except (OSError, ValueError):
                self._entries = {}  # a missing or damaged memory is only a slower run

    @staticmethod
    def _key(engine: str, language: str, text: str) -> str:
        return _SEPARATOR.join((engine, language, text))

    def get(self, engine: str, language: str, text: str) -> str | None:
        return self._entries.get(self._key(engine, language, text))

    def put(self, engine: str, language: str, text: str, translation: str) -> None:
        self._entries[self._key(engine, language, text)] = translation
        self._dirty = True

    def __len__(self) -> int:
        return len(self._entries)

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        from english_guard.safe_write import atomic_write_bytes

        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"version": 1, "entries": self._entries}, ensure_ascii=False, sort_keys=True)
        atomic_write_bytes(self.path, payload.encode("utf-8"))
        self._dirty = False
