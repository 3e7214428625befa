"""Reading and scanning one Python file for extract."""
from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper

from english_guard.config import Config
from english_guard.fixes.extract.collect import collect, module_imports_name, skip_file
from english_guard.fixes.extract.model import FileScan, Problem


@dataclass
class ParsedFile:
    path: str            # as reported (relative to the current directory when below it)
    reference: str       # as written in the catalogs (relative to the project root)
    data: bytes
    module: cst.Module
    scan: FileScan
    imports_gettext: bool
    imports_ngettext: bool = False


def parse_file(path: str, reference: str, data: bytes, config: Config, gettext_name: str,
               ngettext_name: str = "ngettext") -> ParsedFile | Problem:
    """Parse and scan a file; a Problem (with path and line) when it cannot be read as Python."""
    try:
        module = cst.parse_module(data)
    except cst.ParserSyntaxError as exc:
        return Problem(path, exc.raw_line, exc.raw_column + 1, f"cannot parse: {exc.message}")
    except (UnicodeDecodeError, LookupError, SyntaxError) as exc:
        return Problem(path, 1, 1, f"cannot decode: {exc}")
    text = module.code
    if "\x00" in text:
        return Problem(path, 1, 1, "binary file skipped")
    if skip_file(text):
        return ParsedFile(path, reference, data, module, FileScan(path), True)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    scan = collect(path, wrapper, text, config, gettext_name)
    return ParsedFile(path, reference, data, module, scan, module_imports_name(module, gettext_name),
                      module_imports_name(module, ngettext_name))
