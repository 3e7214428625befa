"""Safe file writing shared by every fix: encoding kept, parse-checked, atomic, previewable."""
from __future__ import annotations

import difflib
import errno
import os
import tempfile
from pathlib import Path


class ReadOnlyFileError(PermissionError):
    """The file has no write permission: it is left as it is."""


class UnsafeWriteError(Exception):
    """A fix produced something that must not be written (for example code that no longer parses)."""


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff between two versions of a file, as `git diff` would label it."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def check_python_parses(path: str | os.PathLike, source: bytes) -> None:
    """Refuse Python source that does not compile; the message names the file and line."""
    try:
        compile(source, str(path), "exec", dont_inherit=True, flags=0x400)  # PyCF_ONLY_AST
    except SyntaxError as exc:
        raise UnsafeWriteError(f"{path}:{exc.lineno}: refusing to write code that does not parse: {exc.msg}") from exc


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Replace `path` with `data` in one step: readers see the old file or the new one, never half of it.

    The file's permission bits are kept. The temporary file lives in the same folder so the
    final rename never crosses file systems. A symbolic link stays a link: the file it points to is
    replaced (callers only pass links that stay inside the project: the walker follows no other). A
    read-only file (no write permission bit) is refused, as ruff and Black do, not replaced.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_current_umask()  # a new file gets the usual permissions, not mkstemp's 0600
    else:
        if not mode & 0o222:
            raise ReadOnlyFileError(errno.EACCES, "read-only file, not changed", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".eg-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_python_source(path: str | os.PathLike, source: bytes) -> None:
    """Atomically write Python source after checking it still parses."""
    check_python_parses(path, source)
    atomic_write_bytes(path, source)
