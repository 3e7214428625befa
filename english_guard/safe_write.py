"""Safe file writing shared by every fix: encoding kept, parse-checked, atomic, previewable."""

from __future__ import annotations

import difflib
import errno
import os
import tempfile
from collections import Counter
from pathlib import Path

from english_guard.errors import EnglishGuardError


class ReadOnlyFileError(EnglishGuardError, PermissionError):
    """The file has no write permission: it is left as it is."""


class UnsafeWriteError(EnglishGuardError):
    """A fix produced something that must not be written (for example code that no longer parses)."""


def unified_diff(path: str, old: str, new: str, new_path: str | None = None) -> str:
    """A unified diff between two versions of a file, as `git diff` would label it.

    Linear in practice: lines that occur once in both versions and keep their order anchor the diff
    (the patience method), and difflib compares only the short stretches between anchors. difflib on a
    whole generated file of 10,000 functions took minutes.
    """
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out = []
    if old_lines != new_lines:
        out += [f"--- a/{path}\n", f"+++ b/{new_path or path}\n"]
    for group in _grouped(line_opcodes(old_lines, new_lines), context=3):
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [" " + line for line in old_lines[i1:i2]]
                continue
            out += ["-" + line for line in old_lines[i1:i2]]
            out += ["+" + line for line in new_lines[j1:j2]]
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


def _range(start: int, stop: int) -> str:
    length = stop - start
    beginning = start + 1 if length else start
    return f"{beginning}" if length == 1 else f"{beginning},{length}"


def _anchors(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of lines unique in both versions, the longest run that keeps their order."""
    old_count, new_count = Counter(old), Counter(new)
    new_at = {line: j for j, line in enumerate(new) if new_count[line] == 1}
    pairs = [(i, new_at[line]) for i, line in enumerate(old) if old_count[line] == 1 and line in new_at]
    # Longest increasing subsequence of the j's (pairs are in i order): O(n log n).
    tails: list[int] = []  # index into pairs of the smallest tail of each length
    previous = [-1] * len(pairs)
    for index, (_i, j) in enumerate(pairs):
        length = _bisect_tails(pairs, tails, j)
        if length > 0:
            previous[index] = tails[length - 1]
        if length == len(tails):
            tails.append(index)
        else:
            tails[length] = index
    chain = []
    index = tails[-1] if tails else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def _bisect_tails(pairs: list[tuple[int, int]], tails: list[int], j: int) -> int:
    low, high = 0, len(tails)
    while low < high:
        middle = (low + high) // 2
        if pairs[tails[middle]][1] < j:
            low = middle + 1
        else:
            high = middle
    return low


def line_opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes for two lists of lines, computed between unique-line anchors (linear in practice)."""
    codes: list[tuple[str, int, int, int, int]] = []
    i0 = j0 = 0
    for i, j in [*_anchors(old, new), (len(old), len(new))]:
        if i > i0 or j > j0:
            matcher = difflib.SequenceMatcher(None, old[i0:i], new[j0:j], autojunk=False)
            codes += [(tag, i0 + a1, i0 + a2, j0 + b1, j0 + b2) for tag, a1, a2, b1, b2 in matcher.get_opcodes()]
        if i < len(old):
            codes.append(("equal", i, i + 1, j, j + 1))
        i0, j0 = i + 1, j + 1
    merged: list[tuple[str, int, int, int, int]] = []
    for code in codes:  # neighbouring equal stretches become one
        if merged and code[0] == "equal" == merged[-1][0]:
            merged[-1] = ("equal", merged[-1][1], code[2], merged[-1][3], code[4])
        else:
            merged.append(code)
    return merged


def _grouped(codes: list[tuple[str, int, int, int, int]], context: int):
    """The changes with `context` lines around them, as difflib's get_grouped_opcodes does."""
    if not codes or (len(codes) == 1 and codes[0][0] == "equal"):
        return
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)
    group = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * context:
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


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
