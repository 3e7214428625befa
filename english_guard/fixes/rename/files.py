"""Which Python files a rename covers, what module each one is, and reading/writing them without loss.

A module's dotted name follows the package layout, as Python itself would import it: walk up from the
file while the folder has an `__init__.py`; the first folder without one is the import root (tests
run by pytest's rootdir insertion work the same way).
"""

from __future__ import annotations

import codecs
import io
import os
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from english_guard.config import Config
from english_guard.errors import EnglishGuardError
from english_guard.module_names import module_name_for
from english_guard.own_files import read_source_file

# Folders no project wants renamed: tool caches, virtual environments, VCS metadata.
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        "env",
        ".eggs",
        "node_modules",
        "build",
        "dist",
        ".english-guard-cache",
    }
)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One decoded Python file: its text plus what is needed to write it back byte for byte."""

    path: str  # as shown to the user (relative to the current folder when possible)
    module: str
    text: str
    encoding: str
    bom: bool

    def encode(self, text: str) -> bytes:
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


class SourceError(EnglishGuardError):
    """A file that cannot be read or decoded; the message names the path and line."""


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def rename_root(paths: Iterable[str], config: Config) -> Path:
    """The folder a rename may write in: the configuration's root and every folder named, together."""
    folders = [os.path.realpath(config.root)]
    for raw in paths:
        absolute = os.path.abspath(raw)  # the link itself, not where it points
        folders.append(
            absolute if os.path.isdir(absolute) and not os.path.islink(absolute) else os.path.dirname(absolute)
        )
    return Path(os.path.commonpath([os.path.realpath(folder) for folder in folders]))


def discover_python_files(paths: Iterable[str], config: Config) -> list[Path]:
    """Python files under `paths`, sorted, as the check finds them (`walk.collect_files`): excluded and
    git-ignored files are left out unless named explicitly; FIFOs, sockets and devices are skipped; a
    symbolic link is followed only to a file inside the project, so a rename never writes outside it."""
    from english_guard.walk import collect_files

    paths = list(paths)
    root = rename_root(paths, config)
    walked = collect_files(paths, config)
    for raw, problem in walked.problems:
        if raw in paths:  # a named path that cannot be renamed; unreadable folders below are skipped as before
            raise SourceError(
                f"{raw}: no such file or folder" if problem == "no such file or directory" else f"{raw}: {problem}"
            )
    found: set[Path] = set()
    for shown in walked.files:
        if not shown.endswith((".py", ".pyi")):
            continue
        path = Path(shown).resolve()
        try:
            parts = path.relative_to(root).parts
        except ValueError:
            raise SourceError(f"{shown}: leads outside the project ({path}); not renamed") from None
        if any(part in SKIP_DIRS or part.endswith(".egg-info") for part in parts[:-1]):
            continue
        found.add(path)
    return sorted(found)


def read_source(path: Path) -> SourceFile:
    """Decode a Python file as Python does (coding cookie, BOM); undecodable or binary files raise SourceError."""
    shown = display_path(path)
    try:
        data = read_source_file(path)
    except OSError as exc:
        raise SourceError(f"{shown}: cannot read: {exc.strerror or exc}") from exc
    if b"\x00" in data:
        raise SourceError(f"{shown}: binary file (contains NUL bytes), not Python source")
    try:
        encoding, _lines = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        raise SourceError(f"{shown}: {exc}") from exc
    bom = encoding == "utf-8-sig"
    if bom:
        encoding = "utf-8"
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        line = data[: getattr(exc, "start", 0)].count(b"\n") + 1
        raise SourceError(f"{shown}:{line}: cannot decode as {encoding}: {exc}") from exc
    return SourceFile(path=shown, module=module_name_for(path), text=text, encoding=encoding, bom=bom)
