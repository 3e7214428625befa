"""The settings every command judges text with, built once from the configuration.

`check` and every fix (rename, translate, extract, migrate) ask the same question, "is this text
English?", and must get the same answer: a word listed in `allowed-words` (or the words file) and the
project's own names (the `name` its manifests declare, see `project_names`) are never foreign. A
product called `raqam` is not reported by `check`, so no fix proposes to rename or translate it.

    settings = settings_for(config)
    settings.judge("raqam_client", "identifier", path)   # English when `raqam` is the project's name
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from english_guard.config import Config
from english_guard.language.normalize import fold
from english_guard.project_names import project_names
from english_guard.records import Verdict, WordEvidence


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per configuration
class Settings:
    config: Config
    allowed: frozenset[str]  # allowed-words plus the words file, lower case

    @property
    def root(self) -> Path:
        return Path(self.config.root)

    def names(self, path: str | Path | None = None) -> frozenset[str]:
        """The project's names around `path` (folded); around the project root without one."""
        return project_names(str(path) if path is not None else str(self.root / "pyproject.toml"))

    def judge(self, text: str, kind: str, path: str | Path | None = None, explain: bool = False) -> Verdict:
        """The check's verdict on `text`, with the allowed words; the project's names count as English."""
        from english_guard.language import judge

        verdict = judge(text, kind, self.allowed, explain)
        if not any(_leaning(w) for w in verdict.words):
            return verdict
        names = self.names(path)
        if not names or not any(_leaning(w) and fold(w.word) in names for w in verdict.words):
            return verdict
        words = tuple(_as_name(w) if fold(w.word) in names else w for w in verdict.words)
        if verdict.english or any(w.verdict == "foreign" for w in words):
            return dataclasses.replace(verdict, words=words)
        return Verdict(True, "en", 1.0, words, "only the project's own names are not English words")

    def text_judge(self, path: str | Path | None = None) -> Callable[..., Verdict]:
        """`judge(text, kind, explain=False) -> Verdict` for the texts of one file (or of the project)."""
        return lambda text, kind, explain=False: self.judge(text, kind, path, explain)

    def identifier_judge(self, path: str | Path | None = None) -> Callable[[str], Verdict]:
        """`judge(name) -> Verdict` for identifiers, as rename's planner takes it."""
        return lambda name: self.judge(name, "identifier", path)


def _leaning(word: WordEvidence) -> bool:
    return word.verdict in ("foreign", "unknown", "shared")  # words.SHARED: the engine is not loaded here


def _as_name(word: WordEvidence) -> WordEvidence:
    if not _leaning(word):
        return word
    return WordEvidence(word.word, "proper", "", "the project's own name")


_built: dict[int, Settings] = {}


def settings_for(config: Config) -> Settings:
    """The settings of `config`, built once per configuration object (the words file is read once)."""
    settings = _built.get(id(config))
    if settings is None or settings.config is not config:
        settings = Settings(config, config.all_allowed_words())
        if len(_built) > 32:
            _built.clear()
        _built[id(config)] = settings
    return settings
