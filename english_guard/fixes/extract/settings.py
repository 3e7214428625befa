"""The extract fix's settings, built in one place for `english-guard extract` and the migration.

`extract_settings` reads the configuration and the command's options and never changes the configuration:
when the gettext function is a name the configuration does not list yet, the settings carry a copy of
the configuration that lists it (`ExtractSettings.config`), so the fix finds calls to it, and the caller
says so to the user. (`sources.callpatterns` caches compiled call patterns by configuration object: a
changed object would keep its stale patterns.)
"""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from english_guard.config import Config
from english_guard.errors import EnglishGuardError
from english_guard.ui_text import _


class ExtractSetupError(EnglishGuardError):
    """The extraction cannot be configured (no source language, a bad gettext import); the message says why."""


@dataclass
class ExtractSettings:
    locales_dir: Path
    domain: str
    source_lang: str
    review_file: Path
    gettext_name: str
    import_statement: str
    ngettext_name: str = "ngettext"
    ngettext_import: str = ""
    runtime_module: Path | None = None  # generated when it does not exist yet
    engine: str = "auto"  # a translation engine choice, or "none"
    include_english: bool = True
    extra_review_files: tuple[Path, ...] = ()
    include_tests: bool = False  # test files hold test data (`Message(text=...)`), not what users read
    lazy_import: str = ""  # `from app.i18n import __`: the lazy gettext for texts made at import time
    config: Config | None = None  # the configuration, listing the gettext function (see the module's text)
    notes: tuple[str, ...] = ()  # what the user should know about the settings (a name to add to the config)


def default_runtime_module(path: Path) -> Path:
    """Where the generated gettext helper goes when no `--runtime-module` names it.

    `path` a package (a folder with `__init__.py`): inside it. A folder holding exactly one top-level
    package besides the tests (a project root): inside that package, so `from bot.i18n import _` works
    from the package's modules. Otherwise beside the code: `PATH/i18n.py`.
    """
    folder = path if path.is_dir() else path.parent
    if (folder / "__init__.py").is_file():
        return folder / "i18n.py"
    packages = [
        child
        for child in sorted(folder.iterdir())
        if child.is_dir() and (child / "__init__.py").is_file() and child.name not in {"tests", "test"}
    ]
    if len(packages) == 1:
        return packages[0] / "i18n.py"
    return folder / "i18n.py"


def gettext_binding(statement: str) -> tuple[str, str]:
    """(module, bound name) of `from MODULE import NAME [as ALIAS]`: `from app.i18n import gettext as _`
    gives ("app.i18n", "_")."""
    try:
        tree = ast.parse(statement.strip())
    except SyntaxError as exc:
        raise ExtractSetupError(
            _("the gettext import {statement!r} is not valid Python: {error}").format(
                statement=statement, error=exc.msg
            )
        ) from exc
    node = tree.body[0] if len(tree.body) == 1 else None
    if (
        not isinstance(node, ast.ImportFrom)
        or not (node.module or node.level)
        or len(node.names) != 1
        or node.names[0].name == "*"
    ):
        raise ExtractSetupError(
            _("the gettext import must look like `from package.module import gettext as _`, got {statement!r}").format(
                statement=statement
            )
        )
    alias = node.names[0]
    return "." * node.level + (node.module or ""), alias.asname or alias.name


def _offers_ngettext(module: str, runtime_path: Path | None, search: list[Path]) -> bool:
    """Counting messages use `ngettext` only when the gettext module surely provides it."""
    from english_guard.i18n.runtime import is_generated, module_binds, module_file

    if module == "gettext":
        return True
    path = runtime_path if runtime_path is not None else module_file(module, search)
    if path is None or not path.is_file():
        return runtime_path is not None  # a helper english-guard is about to generate
    return is_generated(path.read_text(encoding="utf-8", errors="replace")) or module_binds(path, "ngettext")


def extract_settings(
    paths: list[str],
    config: Config,
    *,
    source_lang: str | None = None,
    locales_dir: str | None = None,
    domain: str | None = None,
    review_file: str | Path | None = None,
    extra_review_files: tuple[str, ...] = (),
    import_statement: str | None = None,
    runtime_module: str | None = None,
    engine: str = "auto",
    include_english: bool = True,
    include_tests: bool = False,
) -> ExtractSettings:
    """The settings of one extraction: options first, then the configuration, then the defaults."""
    from english_guard.i18n.catalogs import CatalogError, parse_locale
    from english_guard.i18n.runtime import is_generated, lazy_import_for
    from english_guard.module_names import importable_module_name

    root = Path(config.root)
    locales = Path(locales_dir) if locales_dir else root / config.locales_dir
    domain = domain or config.domain
    source_lang = source_lang or config.source_lang
    if not source_lang or source_lang == "und":
        raise ExtractSetupError(
            _("say which language the strings are in today: --source-lang CODE or source-lang in [tool.english-guard]")
        )
    try:
        parse_locale(source_lang)
    except CatalogError as exc:
        raise ExtractSetupError(str(exc)) from exc
    statement = import_statement or config.gettext_import
    runtime_path = Path(runtime_module) if runtime_module else None
    if not statement:
        runtime_path = runtime_path or default_runtime_module(Path(paths[0]) if paths else Path("."))
        # A helper named with --runtime-module is used as it is; one found by default must be ours.
        if not runtime_module and runtime_path.exists():
            if not is_generated(runtime_path.read_text(encoding="utf-8", errors="replace")):
                raise ExtractSetupError(
                    _(
                        "{path} exists and was not generated by english-guard: name your gettext "
                        "import with --import or gettext-import in [tool.english-guard]"
                    ).format(path=runtime_path)
                )
        try:
            statement = f"from {importable_module_name(runtime_path)} import _"
        except ValueError as exc:
            raise ExtractSetupError(str(exc)) from exc
    module, name = gettext_binding(statement)
    notes: tuple[str, ...] = ()
    if name not in config.gettext_functions:
        notes = (
            _("add {name!r} to gettext-functions in [tool.english-guard] so that `check` and pybabel know it").format(
                name=name
            ),
        )
        config = dataclasses.replace(config, gettext_functions=[*config.gettext_functions, name])
    search = [root, Path.cwd(), *map(Path, paths)]
    return ExtractSettings(
        locales_dir=locales,
        domain=domain,
        source_lang=source_lang,
        review_file=Path(review_file) if review_file else locales / f"{domain}.review.po",
        gettext_name=name,
        import_statement=statement.strip(),
        ngettext_import=f"from {module} import ngettext" if _offers_ngettext(module, runtime_path, search) else "",
        runtime_module=runtime_path,
        engine=engine,
        include_english=include_english,
        extra_review_files=tuple(Path(p) for p in extra_review_files),
        include_tests=include_tests,
        lazy_import=lazy_import_for(module, runtime_path, search),
        config=config,
        notes=notes,
    )
