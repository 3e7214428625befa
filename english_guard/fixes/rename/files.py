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

import pathspec

from english_guard.config import Config

# Folders no project wants renamed: tool caches, virtual environments, VCS metadata.
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".nox",
    ".venv", "venv", "env", ".eggs", "node_modules", "build", "dist", ".english-guard-cache",
})


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


class SourceError(Exception):
    """A file that cannot be read or decoded; the message names the path and line."""


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _ignore_spec(root: Path, config: Config) -> pathspec.PathSpec:
    lines = list(config.exclude) + list(config.extend_exclude)
    gitignore = root / ".gitignore"
    if gitignore.is_file():
        try:
            lines += gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            pass
    return pathspec.PathSpec.from_lines("gitwildmatch", lines)


def discover_python_files(paths: Iterable[str], config: Config) -> list[Path]:
    """Python files under `paths`, sorted; excluded and git-ignored files are left out unless named explicitly."""
    root = Path(config.root).resolve()
    spec = _ignore_spec(root, config)
    found: set[Path] = set()
    for raw in paths:
        start = Path(raw)
        if start.is_file():
            found.add(start.resolve())
            continue
        if not start.is_dir():
            raise SourceError(f"{raw}: no such file or folder")
        for folder, dirs, files in os.walk(start):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info"))
            for name in files:
                if not (name.endswith(".py") or name.endswith(".pyi")):
                    continue
                path = (Path(folder) / name).resolve()
                try:
                    relative = path.relative_to(root).as_posix()
                except ValueError:
                    relative = None
                if relative is not None and spec.match_file(relative):
                    continue
                found.add(path)
    return sorted(found)


def module_name_for(path: Path) -> str:
    """The dotted module name Python would import `path` as (package-aware)."""
    path = path.resolve()
    parts = [] if path.stem == "__init__" else [path.stem]
    folder = path.parent
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        parts.insert(0, folder.name)
        folder = folder.parent
    return ".".join(parts) if parts else path.parent.name


def read_source(path: Path) -> SourceFile:
    """Decode a Python file as Python does (coding cookie, BOM); undecodable or binary files raise SourceError."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
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
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        line = data[: getattr(exc, "start", 0)].count(b"\n") + 1
        raise SourceError(f"{shown}:{line}: cannot decode as {encoding}: {exc}") from exc
    return SourceFile(path=shown, module=module_name_for(path), text=text, encoding=encoding, bom=bom)
