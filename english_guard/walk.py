"""Finding the files to check: recursive, ignore files as git sees them, excludes applied, symlink loops avoided.

Inside a git work tree, git itself says which files are ignored (`git ls-files --cached --others
--exclude-standard`): `.gitignore` files, `.git/info/exclude` and the global excludes file, exactly as
git and ruff read them. Outside git, the `.gitignore` files are read here. `.ignore` files (ripgrep's and
ruff's convention for "ignore for tools, not for git") apply in both cases, after `.gitignore`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: checking one named file without excludes never needs it
    import pathspec

from english_guard.config import Config
from english_guard.errors import EnglishGuardError

# Folders that never hold a project's own sources.
ALWAYS_SKIPPED = {
    ".git",
    ".hg",
    ".svn",
    "__pycache__",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".english-guard-cache",
    ".eggs",
    "site-packages",
    ".direnv",
    ".idea",
    ".vscode",
}


@dataclass(slots=True)
class WalkResult:
    files: list[str] = field(default_factory=list)
    explicit: set[str] = field(default_factory=set)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, message)


class Excluder:
    """Configured include/exclude globs (gitignore syntax) matched relative to the configuration's root."""

    def __init__(self, config: Config) -> None:
        self.root = Path(config.root).resolve()
        patterns = [*config.exclude, *config.extend_exclude]
        self.exclude = _configured_spec(patterns, "exclude") if patterns else None
        self.include = _configured_spec(config.include, "include") if config.include else None

    def relative(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None

    def excluded(self, path: Path, is_dir: bool = False) -> bool:
        return self._excluded_relative(self.relative(path), is_dir)

    def excluded_real(self, real: str, root: str, is_dir: bool = False) -> bool:
        """`excluded` for a path already resolved (`real`), with `root` = str(self.root): no system call."""
        if self.exclude is None and self.include is None:
            return False
        if real == root:
            return False
        if not real.startswith(root + os.sep):
            return False
        return self._excluded_relative(real[len(root) + 1 :].replace(os.sep, "/"), is_dir)

    def _excluded_relative(self, relative: str | None, is_dir: bool) -> bool:
        if relative is None or relative == ".":
            return False
        if self.exclude is not None and self.exclude.match_file(relative + ("/" if is_dir else "")):
            return True
        if not is_dir and self.include is not None and not self.include.match_file(relative):
            return True
        return False


IGNORE_FILES = (".gitignore", ".ignore")  # read in this order: a later pattern wins


def _gitignore_spec(folder: Path, names: tuple[str, ...] = IGNORE_FILES) -> pathspec.GitIgnoreSpec | None:
    lines: list[str] = []
    for name in names:
        try:
            lines += (folder / name).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
    return _spec(_valid_patterns(lines)) if lines else None


def _valid_patterns(lines: list[str]) -> list[str]:
    """The lines of an ignore file that are patterns git can read: git skips the others (`!` alone, a lone
    backslash), and so does the walk, instead of failing on the whole file."""
    try:
        _spec(lines)
        return lines
    except ValueError:  # pathspec's GitIgnorePatternError
        pass
    valid = []
    for line in lines:
        try:
            _spec([line])
        except ValueError:
            continue
        valid.append(line)
    return valid


def _spec(lines: list[str]) -> pathspec.GitIgnoreSpec:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _configured_spec(patterns: list[str], key: str) -> pathspec.GitIgnoreSpec:
    """A configured list of patterns; one git cannot read is a one-line error naming it."""
    try:
        return _spec(patterns)
    except ValueError:
        bad = next((pattern for pattern in patterns if not _valid_patterns([pattern])), patterns[0])
        raise EnglishGuardError(f"invalid pattern in the `{key}` setting: {bad!r}") from None


@dataclass(slots=True)
class GitListing:
    """The files git does not ignore under a walked folder, relative to it, and the folders that hold them."""

    top: Path
    files: set[str]
    folders: set[str]
    top_text: str = ""
    prefix: str = ""

    def __post_init__(self) -> None:
        self.top_text = str(self.top)
        # os.scandir joins the folder as given and the name: "./a.py" under ".", "/x/a.py" under "/x/"
        self.prefix = self.top_text if self.top_text.endswith(os.sep) else self.top_text + os.sep

    def keeps_text(self, path: str, is_dir: bool) -> bool:
        """`keeps` for a path that starts with the walked folder as it was given."""
        relative = (
            os.path.relpath(path, self.top_text) if not path.startswith(self.prefix) else path[len(self.prefix) :]
        )
        relative = relative.replace(os.sep, "/")
        if is_dir:
            return relative in self.folders or relative in self.files  # a symlink to a folder is listed as a file
        return relative in self.files


def _inside_git_work_tree(folder: Path) -> bool:
    """A cheap look for a `.git` above `folder`, so that a folder outside any repository never starts git."""
    resolved = folder.resolve()
    return any((candidate / ".git").exists() for candidate in (resolved, *resolved.parents))


def git_listing(top: Path) -> GitListing | None:
    """What git would check under `top`, or None outside a work tree (or without a working git)."""
    if not _inside_git_work_tree(top):
        return None
    import subprocess

    try:
        done = subprocess.run(
            ["git", "-C", str(top), "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git on this machine: read the .gitignore files instead
    if done.returncode != 0:
        return None  # not a work tree after all (a bare repository, an unsafe owner): read the files
    files: set[str] = set()
    folders: set[str] = set()
    for raw in done.stdout.split(b"\0"):
        if not raw:
            continue
        relative = os.fsdecode(raw)
        files.add(relative)
        parent = relative.rpartition("/")[0]
        while parent and parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    return GitListing(top, files, folders)


def _display(path: Path) -> str:
    """Paths are reported relative to the current directory when they are below it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def collect_files(paths: list[str], config: Config, force_exclude: bool = False) -> WalkResult:
    """Every file to check under `paths`; a file named explicitly is always checked unless `force_exclude`."""
    result = WalkResult()
    excluder = Excluder(config)
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            result.problems.append((raw, "no such file or directory"))
            continue
        if path.is_file():
            if force_exclude and excluder.excluded(path.absolute()):
                continue
            shown = _display(path.absolute()) if path.is_absolute() else path.as_posix()
            if shown not in seen:
                seen.add(shown)
                result.files.append(shown)
                result.explicit.add(shown)
            continue
        if path.is_dir():
            if force_exclude and excluder.excluded(path.absolute(), is_dir=True):
                continue
            _walk(path, excluder, result, seen)
            continue
        # Named explicitly but nothing to read: say so rather than pass silently.
        result.problems.append((raw, "broken symbolic link" if path.is_symlink() else "not a regular file"))
    return result


_name = attrgetter("name")


def _walk(top: Path, excluder: Excluder, result: WalkResult, seen: set[str]) -> None:
    # Paths are joined as strings: a walk visits every entry of a tree, and pathlib objects (or a
    # realpath per entry) cost more than the rest of a cached run. Only symbolic links are resolved.
    top_real = os.path.realpath(top)
    visited_real: set[str] = set()
    listing = git_listing(top)
    # git decides about .gitignore; the ignore files read here are then only the tools' own `.ignore`.
    ignore_files = IGNORE_FILES if listing is None else (".ignore",)
    root = str(excluder.root)
    excluding = excluder.exclude is not None or excluder.include is not None
    shown_absolute = top.is_absolute()
    # Stack of (folder as given, as shown (pathlib's normal form), its real path, ignore specs that apply:
    # (base folder, spec)).
    stack: list[tuple[str, str, str, str, list[tuple[str, pathspec.GitIgnoreSpec]]]] = [
        (
            str(top),
            top.as_posix(),
            top_real,
            os.path.abspath(top),
            [(str(base.absolute()), spec) for base, spec in _parent_ignores(top, ignore_files)],
        )
    ]
    while stack:
        folder, folder_shown, real, folder_absolute, ignores = stack.pop()
        if real in visited_real:
            continue  # a symlink loop or a second way into the same folder
        visited_real.add(real)
        try:
            entries = sorted(os.scandir(folder), key=_name)
        except OSError as exc:
            result.problems.append((_display(Path(folder)), f"cannot list folder: {exc.strerror or exc}"))
            continue
        # String prefixes instead of os.path.join: this loop runs once per entry of the tree.
        absolute_prefix = folder_absolute if folder_absolute.endswith(os.sep) else folder_absolute + os.sep
        real_prefix = real if real.endswith(os.sep) else real + os.sep
        names = {entry.name for entry in entries}
        present = tuple(name for name in ignore_files if name in names)
        spec = _gitignore_spec(Path(folder), present) if present else None
        if spec is not None:
            ignores = [*ignores, (folder_absolute, spec)]
        subfolders = []
        child_prefix = "" if folder_shown == "." else folder_shown + "/"
        for entry in entries:
            try:
                is_dir = entry.is_dir()
                is_link = entry.is_symlink()
            except OSError:
                continue
            name = entry.name
            if is_dir and name in ALWAYS_SKIPPED:
                continue
            entry_path = entry.path
            if listing is not None and not listing.keeps_text(entry_path, is_dir):
                continue
            if ignores and _ignored_text(absolute_prefix + name, entry_path, is_dir, ignores):
                continue
            # The real path: only a symbolic link is resolved, and only a folder or an exclude needs it.
            entry_real = os.path.realpath(entry_path) if is_link else ""
            if (excluding or is_dir) and not is_link:
                entry_real = real_prefix + name
            if excluding and excluder.excluded_real(entry_real, root, is_dir):
                continue
            if is_link and not (entry_real == top_real or entry_real.startswith(top_real + os.sep)):
                continue  # symlinks that leave the tree are not followed
            if is_dir:
                subfolders.append((entry_path, child_prefix + name, entry_real, absolute_prefix + name, ignores))
            elif entry.is_file():
                shown = _display(Path(absolute_prefix + name)) if shown_absolute else child_prefix + name
                if shown not in seen:
                    seen.add(shown)
                    result.files.append(shown)
        stack.extend(reversed(subfolders))


def _parent_ignores(top: Path, names: tuple[str, ...] = IGNORE_FILES) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
    """The ignore files of the folders above `top`, up to the repository root."""
    specs: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
    folder = top.resolve()
    if (folder / ".git").exists():
        return specs  # the top is a repository root: nothing above it applies
    for parent in folder.parents:
        spec = _gitignore_spec(parent, names)
        if spec is not None:
            specs.append((parent, spec))
        if (parent / ".git").exists():
            break
    return list(reversed(specs))


def _ignored_text(absolute: str, path: str, is_dir: bool, ignores: list[tuple[str, pathspec.GitIgnoreSpec]]) -> bool:
    """As git decides: the last matching pattern wins, and a deeper .gitignore (later in `ignores`) can
    re-include with `!pattern` what a shallower one ignored. `absolute` is the entry's absolute path (not
    resolved); an ignore file's base that is not above it is compared by real paths (a symlinked folder)."""
    ignored = False
    suffix = "/" if is_dir else ""
    for base, spec in ignores:
        if absolute.startswith(base + os.sep):
            relative = absolute[len(base) + 1 :]
        else:
            relative = os.path.relpath(os.path.realpath(path), os.path.realpath(base))
            if relative == os.pardir or relative.startswith(os.pardir + os.sep):
                continue
        decision = spec.check_file(relative.replace(os.sep, "/") + suffix).include
        if decision is not None:
            ignored = decision
    return ignored


# What a copy of the project leaves out (the migration's staging tree, the verification's copy): version
# control, tools' caches and environments, and english-guard's own working files. Editor and direnv
# settings and a vendored site-packages are part of a project that runs as it does.
COPY_SKIPPED = (ALWAYS_SKIPPED - {"site-packages", ".direnv", ".idea", ".vscode"}) | {".english-guard"}


def project_files(root: Path) -> list[str]:
    """Every file of the project (relative POSIX paths, sorted): git's view when `root` is in a work tree
    (`git_listing`), else every file below it; folders in `COPY_SKIPPED` are left out. Unlike
    `collect_files`, the configuration's excludes do not apply: a copy of the project must run as it does."""
    listing = git_listing(root)
    names = sorted(listing.files) if listing is not None else project_files_plain(root)
    kept = []
    for name in names:
        parts = name.split("/")
        if any(part in COPY_SKIPPED for part in parts[:-1]):
            continue
        path = root / name
        if path.is_symlink() or path.is_file():
            kept.append(name)
    return kept


def project_files_plain(folder: Path) -> list[str]:
    """Every file below `folder` without asking git (a staging copy has no git), `COPY_SKIPPED` left out."""
    names = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in COPY_SKIPPED)
        base = Path(current).relative_to(folder)
        names += [(base / f).as_posix() for f in sorted(files)]
    return names
