"""Template extraction, PO update and MO compilation, all with Babel's own code.

Every function here is pure with respect to the file system except `read_catalog`:
callers get bytes back and decide whether (and how atomically) to write them.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from english_guard.errors import EnglishGuardError

# Header lines that change with the clock only; two catalogs that differ only here are the same.
_DATE_LINE = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): [^"\\]*\\n"$', re.MULTILINE)


def catalog_time() -> datetime:
    """The date catalogs carry: now, or SOURCE_DATE_EPOCH when it is set (reproducible builds and runs)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


class CatalogError(EnglishGuardError):
    """A catalog file that cannot be read; the message names the file."""


@dataclass(frozen=True)
class SourceFile:
    """A Python file to extract messages from: its path as written in the template, and its bytes."""

    reference: str
    content: bytes


def babel_keywords(gettext_functions: Iterable[str]) -> dict:
    """Babel's default keywords plus the project's gettext names (only the last dotted part counts for Babel)."""
    keywords = dict(DEFAULT_KEYWORDS)
    for name in gettext_functions:
        short = name.rsplit(".", 1)[-1]
        if short and short not in keywords:
            keywords[short] = DEFAULT_KEYWORDS.get(short.replace("lazy_", "").replace("_lazy", ""))
    return keywords


def extract_template(sources: Iterable[SourceFile], keywords: Mapping, *, project: str | None = None) -> Catalog:
    """Build the `.pot` catalog exactly as `pybabel extract` builds it from the same files."""
    now = catalog_time()
    catalog = Catalog(project=project, charset="utf-8", fuzzy=True, creation_date=now, revision_date=now)
    for source in sources:
        for lineno, message, comments, context in extract("python", io.BytesIO(source.content), keywords=keywords):
            catalog.add(message, None, [(source.reference, lineno)], auto_comments=comments, context=context)
    return catalog


def read_catalog(path: Path, locale: str | None = None, domain: str | None = None) -> Catalog:
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=locale, domain=domain, abort_invalid=True)
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read the catalog: {exc.strerror or exc}") from exc
    except Exception as exc:  # Babel raises several types (PoFileError, ValueError, UnicodeDecodeError)
        raise CatalogError(f"{path}: not a valid PO file: {exc}") from exc


def parse_locale(code: str) -> Locale:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise CatalogError(f"unknown language code {code!r}: {exc}") from exc


def new_catalog(template: Catalog, locale: str, domain: str) -> Catalog:
    """What `pybabel init` makes from a template: empty translations, the language's plural rule."""
    parsed = parse_locale(locale)
    catalog = read_po(io.BytesIO(render_po(template)), locale=parsed, domain=domain)
    catalog.locale = parsed
    catalog.revision_date = template.creation_date
    catalog.fuzzy = False
    return catalog


def update_catalog(catalog: Catalog, template: Catalog) -> Catalog:
    """What `pybabel update` does: new messages added, vanished ones kept as obsolete, translations kept."""
    catalog.update(template)
    return catalog


def render_po(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76)
    return buffer.getvalue()


def render_mo(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def same_apart_from_dates(old: bytes | None, new: bytes) -> bool:
    """True when two rendered catalogs differ at most in their creation and revision dates."""
    if old is None:
        return False
    return _DATE_LINE.sub(b"", old) == _DATE_LINE.sub(b"", new)


def catalog_files(locales_dir: Path, domain: str) -> list[tuple[str, Path]]:
    """Every `<locales>/<lang>/LC_MESSAGES/<domain>.po`, as (language, path), sorted by language."""
    found = []
    if locales_dir.is_dir():
        for po_path in sorted(locales_dir.glob(f"*/LC_MESSAGES/{domain}.po")):
            found.append((po_path.parent.parent.name, po_path))
    return found


@lru_cache(maxsize=8)
def catalog_texts(path: str, _stamp: int) -> frozenset[str]:
    """Every translation of a catalog (`_stamp`, its modification time, renews the cached answer)."""
    try:
        catalog = read_catalog(Path(path))
    except CatalogError:
        return frozenset()
    texts: set[str] = set()
    for message in catalog:
        values = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        texts.update(value for value in values if value)
    return frozenset(texts)
