"""A project's own names: the names its manifests declare.

A product called `raqam` (Uzbek for "number") or a chart called `kassa` is a name wherever it appears
in its own repository, not a word of another language. The names come from the `name` of the nearest
Helm chart (Chart.yaml) and Python package (pyproject.toml, setup.cfg); the configuration's
`allowed-words` add more. Folder and file names are not names: in an Uzbek project the folders are Uzbek
words (`buyurtma/`, `sozlamalar.py`), exactly the words the check must find.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from english_guard.language.normalize import fold

MANIFESTS = ("Chart.yaml", "pyproject.toml", "setup.cfg")
# The whole value of the first `name` key: a templated chart name (`{{ .Values.x | default "kassa" }}`)
# still names the project.
_NAME = re.compile(r"^name\s*[:=]\s*(.+)$", re.MULTILINE)
_WORDS = re.compile(r"[^\W\d_]{3,}")
_SEARCHED_LEVELS = 4
_MAX_MANIFEST_BYTES = 256 * 1024


def _words(text: str) -> set[str]:
    return {fold(word) for word in _WORDS.findall(text)}


def _declared_name(manifest: Path) -> str:
    try:
        if manifest.stat().st_size > _MAX_MANIFEST_BYTES:
            return ""
        match = _NAME.search(manifest.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return ""
    return match.group(1) if match else ""


@lru_cache(maxsize=4096)
def _folder_names(folder: Path) -> frozenset[str]:
    names: set[str] = set()
    for ancestor in [folder, *folder.parents][:_SEARCHED_LEVELS]:
        for manifest in MANIFESTS:
            declared = _declared_name(ancestor / manifest)
            if declared:
                names |= _words(declared)
    return frozenset(names)


def project_names(path: str) -> frozenset[str]:
    """The words of the names the manifests around `path` declare (folded, three letters or more)."""
    if os.path.islink(path):  # the names around the file it links to
        return _folder_names(Path(path).resolve().parent)
    # A file that is no link resolves to its resolved folder and its name: its folder is resolved once per run
    # (a check asks for every file it reads: `Path.resolve` costs about 50 µs).
    folder = os.path.dirname(path)
    return _names_in(folder if os.path.isabs(folder) else os.path.join(os.getcwd(), folder))


@lru_cache(maxsize=4096)
def _names_in(folder: str) -> frozenset[str]:
    """`_folder_names` of an absolute folder, as written (resolved here, `..` after a link included)."""
    return _folder_names(Path(folder).resolve())
