"""Build hook: english-guard's own message catalogs are compiled when the package is built.

pyproject.toml holds all the metadata; this file only adds the catalog steps to setuptools.

    locales/english_guard.pot                      the template, extracted from the code with Babel
    locales/<lang>/LC_MESSAGES/english_guard.po    the translations (Uzbek, Russian)
    english_guard/locale/<lang>/LC_MESSAGES/english_guard.mo    compiled: shipped in the wheel

`build_py` compiles the catalogs into the build (a wheel always has fresh .mo files); an editable
install compiles them in place. By hand:

    python setup.py compile_catalogs     # english_guard/locale/*/LC_MESSAGES/english_guard.mo, in place
    python setup.py update_catalogs      # re-extract the template and merge it into every .po
"""

from __future__ import annotations

import io
from pathlib import Path

from setuptools import Command, setup
from setuptools.command.build_py import build_py as _build_py

HERE = Path(__file__).resolve().parent
LOCALES = HERE / "locales"
PACKAGE = "english_guard"
DOMAIN = "english_guard"
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}  # N_: rules.py marks messages translated later


def catalog_files(locales: Path = LOCALES) -> list[tuple[str, Path]]:
    """(language, path of the .po) for every translation."""
    return sorted((po.parent.parent.name, po) for po in locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compile_catalogs(target: Path, locales: Path = LOCALES) -> list[Path]:
    """Compile every .po under `locales` into `target/<lang>/LC_MESSAGES/english_guard.mo` with Babel."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for language, po in catalog_files(locales):
        with open(po, "rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN, abort_invalid=True)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        mo = target / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        if not mo.is_file() or mo.read_bytes() != buffer.getvalue():
            mo.write_bytes(buffer.getvalue())
        written.append(mo)
    return written


def extracted_template():
    """The template as the code has it today: every `_`, `ngettext` and `N_` message with where it stands."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    template = Catalog(project="english-guard", msgid_bugs_address="", fuzzy=False, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        HERE / PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS, strip_comment_tags=True
    ):
        template.add(message, None, [(f"{PACKAGE}/{filename}", lineno)], auto_comments=comments, context=context)
    return template


def catalog_bytes(catalog) -> bytes:
    """A template or translation as `update_catalogs` writes it. Its `#:` references name the files without
    line numbers, so that only moving a message to another file changes them."""
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_by_file=True, ignore_obsolete=False, include_lineno=False)
    return buffer.getvalue()


def merged_catalog(po: Path, language: str, template):
    """The translations of `po` merged with `template` (new messages added, locations refreshed)."""
    from babel.messages.pofile import read_po

    with open(po, "rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    catalog.update(template, update_header_comment=False)
    return catalog


def update_catalogs(locales: Path = LOCALES) -> None:
    """Extract the template from the code and merge it into every .po (tests/test_i18n_cli.py checks that the
    committed files are what this writes, so `#:` locations stay true)."""
    template = extracted_template()
    (locales / f"{DOMAIN}.pot").write_bytes(catalog_bytes(template))
    for language, po in catalog_files(locales):
        po.write_bytes(catalog_bytes(merged_catalog(po, language, template)))


class build_py(_build_py):
    """setuptools' build_py, then the compiled catalogs into the build (or in place, for -e installs)."""

    def run(self) -> None:
        super().run()
        if not LOCALES.is_dir():
            return
        if self.editable_mode:
            compile_catalogs(HERE / PACKAGE / "locale")
        else:
            compile_catalogs(Path(self.build_lib) / PACKAGE / "locale")

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if not self.editable_mode and LOCALES.is_dir():
            outputs += [
                str(Path(self.build_lib) / PACKAGE / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.mo")
                for language, _po in catalog_files()
            ]
        return outputs


class _CatalogCommand(Command):
    user_options: list = []

    def initialize_options(self) -> None:
        pass

    def finalize_options(self) -> None:
        pass


class compile_catalogs_command(_CatalogCommand):
    description = "compile locales/*.po into english_guard/locale (in place, for editable installs)"

    def run(self) -> None:
        for mo in compile_catalogs(HERE / PACKAGE / "locale"):
            print(f"compiled {mo.relative_to(HERE)}")


class update_catalogs_command(_CatalogCommand):
    description = "extract locales/english_guard.pot from the code and merge it into every .po"

    def run(self) -> None:
        update_catalogs()
        print(f"updated {LOCALES.relative_to(HERE)}/{DOMAIN}.pot and {len(catalog_files())} catalogs")


if __name__ == "__main__":
    setup(
        cmdclass={
            "build_py": build_py,
            "compile_catalogs": compile_catalogs_command,
            "update_catalogs": update_catalogs_command,
        }
    )
