"""Reading the tool's own files (cache entries, baselines, plans, words files, model metadata) safely.

Such a file comes from the project or the user, so it may be anything: a FIFO (a plain read blocks
forever), a device (`/dev/zero` reads until memory runs out), a huge or deeply nested document. Each is
read only if it is a regular file of bounded size, opened without blocking, and parsed with a bounded
nesting depth; every refusal is one line naming the file.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from english_guard.errors import EnglishGuardError

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a project file larger than this is generated data: check and fixes skip it
MAX_NESTING = 100  # the tool's own documents nest a few levels; 100 leaves room and stays far from the stack


_BRACKETS = re.compile(r"[\[\]{}]")


class OwnFileError(EnglishGuardError):
    """One line: the file and why it is not used."""


def read_regular_file(path: str | os.PathLike, limit: int = MAX_DOCUMENT_BYTES) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes; None for anything else (a FIFO, a device,
    a folder, a missing, unreadable or too large file)."""
    try:
        return read_own_file(path, "file", limit)
    except OwnFileError:
        return None


def read_own_file(path: str | os.PathLike, what: str, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of `path`, or OwnFileError saying why not (`what` names the file's role: "words file")."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise OwnFileError(f"{path}: {what} not found") from None
    except OSError as exc:
        raise OwnFileError(f"{path}: cannot read the {what}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OwnFileError(f"{path}: the {what} is not a regular file")
        if info.st_size > limit:
            raise OwnFileError(f"{path}: the {what} is larger than {limit // (1024 * 1024)} MB")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise OwnFileError(f"{path}: the {what} is larger than {limit // (1024 * 1024)} MB")
        return data
    except OSError as exc:
        raise OwnFileError(f"{path}: cannot read the {what}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def nesting_depth(text: str) -> int:
    """How deeply brackets nest in a JSON or TOML document (brackets inside strings count too: an
    over-estimate is safe, it only makes the limit stricter)."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


def check_nesting(text: str, path: str | os.PathLike, what: str, limit: int = MAX_NESTING) -> None:
    if nesting_depth(text) > limit:
        raise OwnFileError(f"{path}: the {what} nests more than {limit} levels deep")


def load_json_document(path: str | os.PathLike, what: str, limit: int = MAX_DOCUMENT_BYTES, nesting: int = MAX_NESTING):
    """A JSON document from a regular file of bounded size and nesting, or OwnFileError."""
    data = read_own_file(Path(path), what, limit)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise OwnFileError(f"{path}: the {what} is not UTF-8 text: {exc}") from None
    check_nesting(text, path, what, nesting)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise OwnFileError(f"{path}:{exc.lineno}: the {what} is not valid JSON: {exc.msg}") from None


def read_source_file(path: str | os.PathLike) -> bytes:
    """A project file a fix will rewrite: a regular file within the check's size limit, or OSError with a
    one-line reason (so the fixes' work and memory stay proportional to files the check reads too)."""
    try:
        return read_own_file(path, "file", MAX_SOURCE_BYTES)
    except OwnFileError as exc:
        reason = str(exc).split(": ", 1)[-1]
        raise OSError(
            f"{reason} (the limit is {MAX_SOURCE_BYTES} bytes, as for check)" if "larger than" in reason else reason
        ) from None
