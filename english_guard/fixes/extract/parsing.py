"""Reading and scanning one Python file for extract."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper

from english_guard.config import Config
from english_guard.deep import TOO_DEEP, too_deep
from english_guard.fixes.extract.collect import collect, skip_file
from english_guard.fixes.extract.prefilter import user_facing_strings
from english_guard.fixes.extract.records import FileScan, Problem


def display_path(path: Path) -> str:
    """`path` as messages name it: relative to the current folder when below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def catalog_reference(path: Path, root: Path) -> str:
    """`path` as the catalogs name it: relative to the project's (resolved) `root` when inside it."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class ParsedFile:
    path: str  # as reported (relative to the current directory when below it)
    reference: str  # as written in the catalogs (relative to the project root)
    data: bytes
    module: cst.Module | None  # None: nothing to extract, not parsed by LibCST
    scan: FileScan
    imports_gettext: bool
    imports_ngettext: bool = False


def parse_file(
    path: str, reference: str, data: bytes, config: Config, gettext_name: str, ngettext_name: str = "ngettext"
) -> ParsedFile | Problem:
    """Parse and scan a file; a Problem (with path and line) when it cannot be read as Python.

    A file without any user-facing string (the check's string roles decide) is not parsed by
    LibCST (None is returned as its module: there is nothing to rewrite).
    """
    shown = user_facing_strings(path, data, config) if b"\x00" not in data else None
    if shown is not None and not shown:
        return ParsedFile(path, reference, data, None, FileScan(path), True, True)
    if too_deep(data, path):
        return Problem(path, 1, 1, TOO_DEEP)
    try:
        module = cst.parse_module(data)
    except cst.ParserSyntaxError as exc:
        return Problem(path, exc.raw_line, exc.raw_column + 1, f"cannot parse: {exc.message}")
    except (UnicodeDecodeError, LookupError, SyntaxError) as exc:
        return Problem(path, 1, 1, f"cannot decode: {exc}")
    text = data.decode(module.encoding, errors="replace")  # cheaper than module.code (a whole codegen)
    if "\x00" in text:
        return Problem(path, 1, 1, "binary file skipped")
    if skip_file(text):
        return ParsedFile(path, reference, data, module, FileScan(path), True)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    try:
        scan, imported = collect(path, wrapper, text, config, gettext_name, ngettext_name, shown)
    except Exception as exc:  # a construct this version does not understand: report it, go on with the rest
        return Problem(path, 1, 1, f"cannot scan for messages ({type(exc).__name__}: {exc}); file left as it is")
    return ParsedFile(
        path, reference, data, module, scan, gettext_name.split(".")[0] in imported, ngettext_name in imported
    )
