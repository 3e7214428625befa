"""The project as `git clone` hands it to a colleague: files the change adds that `.gitignore` drops.

A migration compiles catalogs (`*.mo`) and may generate a gettext helper; GitHub's Python template
ignores `*.mo` and `*.pot`, so the bot works here and serves untranslated text everywhere else. The
files are checked with `git check-ignore` against the changed tree's own `.gitignore` files only (a
colleague has none of this machine's excludes); a negation such as `!locales/**/*.mo` is added to the
root `.gitignore`, and whatever it cannot re-include (a file inside an ignored folder) is reported.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class GitView:
    added_rules: list[str] = field(default_factory=list)  # lines appended to .gitignore
    still_ignored: dict[str, str] = field(default_factory=dict)  # path -> the rule that drops it
    available: bool = True  # git could be asked


def _check_ignore(folder: Path, paths: list[str]) -> dict[str, str] | None:
    """path -> "source:line:pattern" for every path git would ignore in `folder` (None: git unavailable)."""
    if not paths:
        return {}
    with tempfile.TemporaryDirectory(prefix="english-guard-gitview-") as scratch:
        git_dir = Path(scratch) / "git"
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
        try:
            subprocess.run(["git", "init", "-q", "--bare", str(git_dir)], check=True, capture_output=True, env=env)
            done = subprocess.run(
                [
                    "git",
                    f"--git-dir={git_dir}",
                    f"--work-tree={folder}",
                    "-c",
                    f"core.excludesFile={os.devnull}",
                    "check-ignore",
                    "-v",
                    "-z",
                    "--no-index",
                    "--stdin",
                ],
                input="\0".join(paths).encode("utf-8") + b"\0",
                capture_output=True,
                env=env,
                cwd=folder,
            )
        except (OSError, subprocess.CalledProcessError):
            return None
    if done.returncode not in (0, 1):
        return None
    fields = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    ignored: dict[str, str] = {}
    for index in range(0, len(fields) - 3, 4):
        source, line, pattern, path = fields[index : index + 4]
        if pattern.startswith("!"):
            continue  # matched by a negation: kept
        ignored[path] = f"{source}:{line}: {pattern}"
    return ignored


def negation_for(path: str) -> str:
    """The rule that re-includes `path` and its siblings of the same kind (`!locales/**/*.mo`)."""
    parts = path.split("/")
    suffix = Path(parts[-1]).suffix
    if len(parts) == 1 or not suffix:
        return f"!/{path}"
    return f"!{parts[0]}/**/*{suffix}"


def ship_generated_files(folder: Path, generated: list[str], fix: bool = True) -> GitView:
    """Make the generated files that `.gitignore` in `folder` drops reach git (editing `folder/.gitignore`)."""
    view = GitView()
    ignored = _check_ignore(folder, generated)
    if ignored is None:
        view.available = False
        return view
    if ignored and fix:
        rules = sorted({negation_for(path) for path in ignored})
        gitignore = folder / ".gitignore"
        text = gitignore.read_text(encoding="utf-8") if gitignore.is_file() else ""
        existing = set(text.splitlines())
        rules = [rule for rule in rules if rule not in existing]
        if rules:
            if text and not text.endswith("\n"):
                text += "\n"
            text += "# english-guard: compiled catalogs and the gettext helper must reach a fresh clone\n"
            text += "".join(f"{rule}\n" for rule in rules)
            gitignore.write_text(text, encoding="utf-8")
            view.added_rules = rules
        ignored = _check_ignore(folder, sorted(ignored)) or {}
    view.still_ignored = ignored
    return view
