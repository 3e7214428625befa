"""`--since REF`: the lines changed since a git ref (committed, staged, unstaged and untracked)."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class GitError(Exception):
    pass


def _git(args: list[str], cwd: str) -> str:
    try:
        completed = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed; --since needs git") from None
    if completed.returncode != 0:
        raise GitError(completed.stderr.strip() or f"git {' '.join(args)} failed")
    return completed.stdout


def changed_lines(ref: str, cwd: str = ".") -> dict[str, set[int] | None]:
    """Path (relative to `cwd`) -> changed line numbers; None means the whole file is new."""
    top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    diff = _git(["diff", "--no-color", "--no-ext-diff", "--unified=0", "--relative", ref, "--"], cwd)
    result: dict[str, set[int] | None] = {}
    current: str | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else name[2:] if name.startswith("b/") else name
            if current is not None:
                result.setdefault(current, set())
        elif current is not None:
            match = _HUNK.match(line)
            if match:
                start, count = int(match.group(1)), int(match.group(2) or "1")
                lines = result[current]
                if lines is not None:
                    lines.update(range(start, start + count))
    untracked = _git(["ls-files", "--others", "--exclude-standard"], cwd)
    for name in untracked.splitlines():
        result[name] = None
    del top
    return {os.path.normpath(path).replace(os.sep, "/"): lines for path, lines in result.items()}


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
