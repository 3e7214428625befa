"""Which reader reads which file: decided by name and extension, configurable, never guessed.

A reader is a function `(path: str, text: str, config: Config) -> list[Segment]` that takes the decoded text
of one file. Unknown file types get no reader and are skipped silently. The table of readers and file-name
patterns is `english_guard/file_types.py`, on the ground floor, so that the configuration can check its
`file-types` against it.
"""

from __future__ import annotations

import fnmatch
import importlib
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import PurePosixPath

from english_guard.config import Config
from english_guard.file_types import NAME_PATTERNS, READERS
from english_guard.records import Segment

Reader = Callable[[str, str, Config], list[Segment]]

# All built-in patterns as one compiled alternation (a walk asks for every file of a tree).
_BUILT_IN = re.compile(
    "|".join(f"(?P<p{index}>{fnmatch.translate(pattern)})" for index, (pattern, _reader) in enumerate(NAME_PATTERNS))
)


@lru_cache(maxsize=4096)
def _built_in_reader(name: str) -> str | None:
    match = _BUILT_IN.match(name)
    if match is None or match.lastgroup is None:
        return None
    return NAME_PATTERNS[int(match.lastgroup[1:])][1]


def reader_name_for(path: str, extra_patterns: dict[str, str] | None = None) -> str | None:
    """The reader name for `path`, or None for a type english-guard does not read."""
    if extra_patterns:
        posix = PurePosixPath(path.replace("\\", "/"))
        name = posix.name
        for pattern, reader in extra_patterns.items():
            if fnmatch.fnmatchcase(name, pattern) or fnmatch.fnmatchcase(str(posix), pattern):
                return reader if reader in READERS else None
    else:
        name = path.replace("\\", "/").rpartition("/")[2]
    return _built_in_reader(name)


def load_reader(name: str) -> Reader:
    module_name, function = READERS[name].split(":")
    module = importlib.import_module(f"english_guard.sources.{module_name}")
    return getattr(module, function)
