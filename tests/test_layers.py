"""The layers of english-guard: a module imports only from its own layer or the layers below.

Data flows one way (files -> segments -> verdicts -> findings -> reports, fixes beside it), and so do the
imports. Every import in english_guard/ is read with `ast`, those inside functions too (a lazy import is
still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "english_guard"

# Lowest first. A name is a top-level module or package of english_guard/.
LAYERS: list[tuple[str, set[str]]] = [
    (
        "ground floor: records, settings, the rule registry, the reader table, errors, the tool's own files and "
        "messages",
        {
            "__init__",
            "errors",
            "rules",
            "file_types",
            "records",
            "config",
            "own_files",
            "ui_text",
            "deep",
            "invisible_table",
            "module_names",
            "safe_write",
        },
    ),
    ("language: the verdict on a text", {"language"}),
    (
        "sources: files, readers and what the project declares",
        {"sources", "walk", "project_names", "settings", "i18n", "gitdiff"},
    ),
    (
        "check: segments + verdicts -> findings, the project step, the cache, the runner",
        {
            "screen",
            "findings",
            "deceptive_characters",
            "suppression",
            "context",
            "cache",
            "checker",
            "messages",
            "message_sources",
            "baseline",
        },
    ),
    ("reporting: findings -> reports", {"reporting"}),
    ("translation: engines, models, glossary, memory", {"translation"}),
    ("fixes: rename, translate, extract, verification", {"fixes"}),
    ("migrate: the whole migration", {"migrate"}),
    ("front ends: commands, CLI, language server", {"commands", "cli", "__main__", "lsp"}),
]

# (importing module, imported module) pairs that still run upwards, each with why. The list only shrinks:
# an entry whose import is gone fails the test, so remove it then.
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


def _layer_of() -> dict[str, int]:
    return {name: index for index, (_title, names) in enumerate(LAYERS) for name in names}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _unit(module: str) -> str:
    """The top-level module or package of english_guard a dotted name belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path, module: str) -> set[str]:
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from english_guard import checker` imports the submodule
            for alias in node.names:
                if (PACKAGE.parent / base.replace(".", "/") / alias.name).with_suffix(".py").is_file() or (
                    PACKAGE.parent / base.replace(".", "/") / alias.name / "__init__.py"
                ).is_file():
                    found.add(f"{base}.{alias.name}")
    return {name for name in found if name == "english_guard" or name.startswith("english_guard.")}


def _edges() -> list[tuple[str, str]]:
    edges = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        edges += [(module, imported) for imported in sorted(_imports(path, module))]
    return edges


def test_every_module_has_a_layer():
    layer = _layer_of()
    units = {_unit(_module_name(path)) for path in PACKAGE.rglob("*.py")}
    assert sorted(units - set(layer)) == [], "place the new module in LAYERS"
    assert sorted(set(layer) - units) == [], "LAYERS names a module that is gone"


def test_no_import_runs_from_a_lower_layer_to_a_higher_one():
    layer = _layer_of()
    upward = []
    for importer, imported in _edges():
        if layer[_unit(imported)] > layer[_unit(importer)] and not _known(importer, imported):
            upward.append(
                f"{importer} ({LAYERS[layer[_unit(importer)]][0]}) imports {imported} "
                f"({LAYERS[layer[_unit(imported)]][0]})"
            )
    assert upward == []


def _known(importer: str, imported: str) -> bool:
    return any(
        importer == source and (imported == target or imported.startswith(target + "."))
        for source, target in KNOWN_EXCEPTIONS
    )


def test_every_known_exception_is_still_needed():
    edges = set(_edges())
    stale = [
        pair
        for pair in sorted(KNOWN_EXCEPTIONS)
        if not any(
            importer == pair[0] and (imported == pair[1] or imported.startswith(pair[1] + "."))
            for importer, imported in edges
        )
    ]
    assert stale == [], "these imports are gone: remove them from KNOWN_EXCEPTIONS"
