"""The sources Babel's template is extracted from: the rewritten files, and what the previous template
knew of files this run did not read."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog

from english_guard.fixes.extract.parsing import catalog_reference
from english_guard.fixes.extract.records import Problem
from english_guard.fixes.extract.settings import ExtractSettings
from english_guard.i18n.catalogs import SourceFile
from english_guard.i18n.sync import previous_template


def template_sources(
    settings: ExtractSettings, root: Path, errors: list[Problem], new_sources: dict[str, bytes]
) -> list[SourceFile]:
    """The rewritten files, plus files the previous template listed that this run did not scan."""
    sources = [SourceFile(ref, data) for ref, data in new_sources.items()]
    previous = previous_template(settings.locales_dir / f"{settings.domain}.pot")
    if previous is not None:
        broken = {catalog_reference(Path(error.path), root) for error in errors}
        extra = sorted({loc for message in previous for loc, _line in message.locations} - set(new_sources) - broken)
        for ref in extra:
            path = root / ref
            if path.is_file() and path.suffix == ".py":
                sources.append(SourceFile(ref, path.read_bytes()))
    return sorted(sources, key=lambda source: source.reference)


def keep_unreadable_files_messages(
    template: Catalog, settings: ExtractSettings, root: Path, errors: list[Problem]
) -> None:
    """A file that could not be parsed this run keeps its entries from the previous template."""
    previous = previous_template(settings.locales_dir / f"{settings.domain}.pot")
    broken = {catalog_reference(Path(error.path), root) for error in errors}
    if previous is None or not broken:
        return
    for message in previous:
        locations = [loc for loc in message.locations if loc[0] in broken]
        if message.id and locations:
            template.add(message.id, None, locations, auto_comments=message.auto_comments, context=message.context)
