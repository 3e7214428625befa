"""Is the project a git work tree with uncommitted changes? The migration must be one reviewable diff."""

from __future__ import annotations

import subprocess
from pathlib import Path


def uncommitted_changes(root: Path) -> list[str] | None:
    """`git status` lines for the work tree holding `root`, or None when it is not a git work tree.

    english-guard's own folder (`.english-guard/`, ignored through its .gitignore) never counts.
    """
    try:
        inside = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return None
    status = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain=v1", "--untracked-files=normal"],
        capture_output=True,
        text=True,
        check=False,
    )
    if status.returncode != 0:
        return None
    return [line for line in status.stdout.splitlines() if line.strip() and not _ours(line[3:])]


def _ours(path: str) -> bool:
    """english-guard's own folders, even before (or if a killed run never wrote) their .gitignore."""
    parts = path.strip('"').rstrip("/").split("/")
    return ".english-guard" in parts or ".english-guard-cache" in parts
