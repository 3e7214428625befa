"""`--since REF`: the lines changed since a git ref (committed, staged, unstaged and untracked)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from english_guard.errors import EnglishGuardError

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {
    ord("a"): 7,
    ord("b"): 8,
    ord("t"): 9,
    ord("n"): 10,
    ord("v"): 11,
    ord("f"): 12,
    ord("r"): 13,
    ord('"'): 34,
    ord("\\"): 92,
}


class GitError(EnglishGuardError):
    pass


def _git(args: list[str], cwd: str) -> bytes:
    # Non-ASCII names unescaped, whatever the user's git configuration says.
    command = ["git", "-c", "core.quotePath=false", *args]
    try:
        completed = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed; --since needs git") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip()
        raise GitError(message or f"git {' '.join(args)} failed")
    return completed.stdout


def _unquote(name: bytes) -> bytes:
    """A path as git prints it in a diff header: C-quoted when it holds special characters."""
    if not (name.startswith(b'"') and name.endswith(b'"') and len(name) >= 2):
        return name.rstrip(b"\t")  # git adds a tab after a name with a space in it
    body, out, index = name[1:-1], bytearray(), 0
    while index < len(body):
        char = body[index]
        if char == 92 and index + 1 < len(body):  # a backslash
            octal = body[index + 1 : index + 4]
            if len(octal) == 3 and all(48 <= digit <= 55 for digit in octal):
                out.append(int(octal, 8))
                index += 4
                continue
            following = body[index + 1]
            out.append(_ESCAPES.get(following, following))
            index += 2
            continue
        out.append(char)
        index += 1
    return bytes(out)


def _relative_to(top: str, here: str):
    """A repository path (bytes, relative to `top`) -> that file's path relative to `here`."""

    def convert(name: bytes) -> str:
        path = os.path.join(top, name.decode("utf-8", "surrogateescape"))
        return os.path.relpath(path, here).replace(os.sep, "/")

    return convert


def changed_lines(ref: str, cwd: str = ".") -> dict[str, set[int] | None]:
    """Path (relative to `cwd`) -> changed line numbers; None means the whole file is new.

    The whole repository is compared, not only `cwd`: from a sub-folder, `check --since REF ..` still
    sees the changes beside it."""
    top = _git(["rev-parse", "--show-toplevel"], cwd).decode("utf-8", "surrogateescape").rstrip("\n")
    relative = _relative_to(top, os.path.realpath(cwd))
    try:
        _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd)
    except GitError:
        raise GitError(f"unknown git revision {ref!r} (a commit, branch or tag is needed)") from None
    diff = _git(
        [
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--unified=0",
            "--find-renames",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            ref,
            "--",
        ],
        top,
    )
    result: dict[str, set[int] | None] = {}
    current: str | None = None
    for line in diff.split(b"\n"):
        if line.startswith(b"+++ "):
            name = _unquote(line[4:])
            current = None if name == b"/dev/null" else relative(name[2:] if name.startswith(b"b/") else name)
            if current is not None:
                result.setdefault(current, set())
        elif current is not None:
            match = _HUNK.match(line)
            if match:
                start, count = int(match.group(1)), int(match.group(2) or b"1")
                lines = result[current]
                if lines is not None:
                    lines.update(range(start, start + count))
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], top)
    for name in untracked.split(b"\0"):
        if name:
            result[relative(name)] = None
    return result


def keep_changed(findings, changes: dict[str, set[int] | None]):
    kept = []
    for finding in findings:
        key = os.path.normpath(finding.path).replace(os.sep, "/")
        if key not in changes:
            key = os.path.relpath(Path(finding.path).resolve(), Path.cwd()).replace(os.sep, "/")
        if key not in changes:
            continue
        lines = changes[key]
        if lines is None or any(line in lines for line in range(finding.line, finding.end_line + 1)):
            kept.append(finding)
    return kept
