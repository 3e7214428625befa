"""The dotted name Python imports a source file as: one rule for rename's index and extract's imports."""

from __future__ import annotations

import keyword
from pathlib import Path


def module_name_for(path: Path) -> str:
    """The dotted name of `path` when its top-level package's parent is on sys.path.

    `bot/i18n.py` with `bot/__init__.py` is `bot.i18n` and `bot/__init__.py` is `bot`; a file in a
    folder without `__init__.py` is importable by its stem, as a script's neighbour is.
    """
    path = path.resolve()
    parts = [] if path.stem == "__init__" else [path.stem]
    folder = path.parent
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        parts.insert(0, folder.name)
        folder = folder.parent
    return ".".join(parts) if parts else path.parent.name


def importable_module_name(path: Path) -> str:
    """`module_name_for`, for a module that code will import: ValueError when a part is not a Python name."""
    name = module_name_for(path)
    if not all(part.isidentifier() and not keyword.iskeyword(part) for part in name.split(".")):
        raise ValueError(
            f"{path.resolve()}: cannot be imported as a module (its name or a package name is not a Python identifier)"
        )
    return name
