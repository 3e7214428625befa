"""Bring a locales folder up to date with a template: `.pot`, every `.po` (merged), every `.mo`.

The result is a list of planned file contents; nothing is written here. A file whose content
would differ only in its creation or revision date is left out, so a second run plans nothing.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from english_guard.i18n.catalogs import (
    CatalogError,
    catalog_files,
    catalog_time,
    new_catalog,
    read_catalog,
    render_mo,
    render_po,
    same_apart_from_dates,
    update_catalog,
)


@dataclass(frozen=True)
class PlannedFile:
    path: Path
    old: bytes | None
    new: bytes

    @property
    def is_text(self) -> bool:
        return self.path.suffix in {".po", ".pot"}


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def _now() -> datetime:
    return catalog_time()


def _plan_text(path: Path, rendered_with_now: bytes, plans: list[PlannedFile]) -> bytes:
    """Plan `path` unless only its dates changed; return the bytes the file will hold."""
    old = _read_bytes(path)
    if same_apart_from_dates(old, rendered_with_now):
        return old  # type: ignore[return-value]
    plans.append(PlannedFile(path, old, rendered_with_now))
    return rendered_with_now


def _plan_mo(po_path: Path, po_bytes: bytes, plans: list[PlannedFile]) -> None:
    catalog = read_po(io.BytesIO(po_bytes))
    mo_bytes = render_mo(catalog)
    mo_path = po_path.with_suffix(".mo")
    old = _read_bytes(mo_path)
    if old != mo_bytes:
        plans.append(PlannedFile(mo_path, old, mo_bytes))


def previous_template(pot_path: Path) -> Catalog | None:
    if not pot_path.is_file():
        return None
    return read_catalog(pot_path)


def plan_catalogs(
    locales_dir: Path,
    domain: str,
    template: Catalog,
    source_lang: str,
    source_texts: Mapping[str, str | tuple[str, ...]],
    moved: Mapping[str, str | tuple[str, str]] | None = None,
) -> list[PlannedFile]:
    """Plans for `<locales>/<domain>.pot` and every language's `.po` and `.mo`.

    `source_texts` maps an English msgid to the original text users see today; those become
    the msgstr of the source language's catalog (created when missing), byte for byte. A tuple holds
    a plural message's original forms (msgstr[0], msgstr[1], ...).
    `moved` maps an old msgid to the English msgid the code now uses (a (singular, plural) pair for a
    plural message): every catalog's translation of the old one becomes the translation of the new one.
    """
    plans: list[PlannedFile] = []
    now = _now()
    template.creation_date = now
    _plan_text(locales_dir / f"{domain}.pot", render_po(template), plans)

    po_files = dict(catalog_files(locales_dir, domain))
    source_path = locales_dir / source_lang / "LC_MESSAGES" / f"{domain}.po"
    po_files.setdefault(source_lang, source_path)
    for language, po_path in sorted(po_files.items()):
        if po_path.is_file():
            catalog = read_catalog(po_path, locale=language, domain=domain)
            _move_translations(catalog, moved or {})
            catalog = update_catalog(catalog, template)
        else:
            catalog = new_catalog(template, language, domain)
        if language == source_lang:
            _fill_source_texts(catalog, source_texts)
            catalog.revision_date = now
        po_bytes = _plan_text(po_path, render_po(catalog), plans)
        _plan_mo(po_path, po_bytes, plans)
    return plans


def _move_translations(catalog: Catalog, moved: Mapping[str, str | tuple[str, str]]) -> None:
    for old, new in moved.items():
        message = catalog.get(old)
        if message is None or catalog.get(new) is not None:
            continue
        catalog.delete(old)
        catalog.add(
            new,
            message.string,
            message.locations,
            flags=message.flags,
            auto_comments=message.auto_comments,
            user_comments=message.user_comments,
        )


def _fill_source_texts(catalog: Catalog, source_texts: Mapping[str, str | tuple[str, ...]]) -> None:
    for msgid, original in source_texts.items():
        message = catalog.get(msgid)
        if message is None:
            continue
        if message.pluralizable:
            # original forms in order; a language with more forms repeats the last one
            forms = (original,) if isinstance(original, str) else original
            wanted: str | tuple[str, ...] = tuple(forms[min(n, len(forms) - 1)] for n in range(catalog.num_plurals))
        elif isinstance(original, str):
            wanted = original
        else:
            continue
        if message.string != wanted or message.fuzzy:
            message.string = wanted
            message.flags.discard("fuzzy")
