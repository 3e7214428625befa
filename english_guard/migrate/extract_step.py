"""Step 4: user-facing strings into gettext catalogs, through the review file `strings.review.po`.

The extract fix keeps its own review file (msgid = the message as the code shows it, msgstr = the
English); the migration points it at `.english-guard/migration/strings.review.po`. Messages with
English (from the review file, the catalog or an engine) are wrapped in `_()`; the others wait in the
review file and stay as they are in the code.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from english_guard.config import Config
from english_guard.rules import UNTRANSLATED_USER_FACING_STRING

if TYPE_CHECKING:
    from english_guard.fixes.extract import ExtractPlan


@dataclass
class ExtractOutcome:
    plan: ExtractPlan | None = None  # once planned and applied
    config: Config | None = None  # the configuration the extraction used (it lists the gettext function)
    source_lang: str = ""
    source_lang_guessed: bool = False
    errors: list[str] = field(default_factory=list)
    extracted: list[tuple[str, str, list[tuple[str, int]]]] = field(default_factory=list)  # (English, original, where)


def guess_source_lang(findings) -> str:
    """The language most user-facing strings are written in today (from the first check)."""
    counts = Counter(
        f.language
        for f in findings
        if f.code == UNTRANSLATED_USER_FACING_STRING.code and f.language not in ("", "und", "en")
    )
    return counts.most_common(1)[0][0] if counts else ""


def _source_catalog_entries(settings) -> dict[str, tuple[str, list]]:
    from english_guard.i18n.catalogs import CatalogError, read_catalog

    path = settings.locales_dir / settings.source_lang / "LC_MESSAGES" / f"{settings.domain}.po"
    if not path.is_file():
        return {}
    try:
        catalog = read_catalog(path)
    except CatalogError:
        return {}
    entries = {}
    for message in catalog:
        if not message.id or not message.string:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        original = message.string if isinstance(message.string, str) else message.string[0]
        entries[english] = (original, list(message.locations))
    return entries


def run(
    paths: list[str],
    config: Config,
    source_lang: str,
    review_file: Path,
    engine: str,
    runtime_module: str | None = None,
) -> ExtractOutcome:
    """Plan and apply the extraction in the current (staging) tree."""
    from english_guard.fixes.extract import ExtractSetupError, extract_settings, plan_extract
    from english_guard.fixes.runner import write_in_place
    from english_guard.i18n.catalogs import CatalogError
    from english_guard.safe_write import UnsafeWriteError

    outcome = ExtractOutcome(source_lang=source_lang)
    try:
        settings = extract_settings(
            paths,
            config,
            source_lang=source_lang,
            review_file=review_file,
            engine=engine,
            runtime_module=runtime_module,
        )
    except ExtractSetupError as exc:
        outcome.errors.append(str(exc))
        return outcome
    outcome.config = settings.config
    before = _source_catalog_entries(settings)
    try:
        plan = plan_extract(paths, settings)
        # In the staging copy: the migration commits the copy as one transaction, verified as a whole.
        write_in_place(Path(config.root), plan.file_changes(Path(config.root)))
    except (CatalogError, UnsafeWriteError) as exc:
        outcome.errors.append(str(exc))
        return outcome
    except OSError as exc:
        outcome.errors.append(f"{exc.filename or ''}: {exc.strerror or exc}")
        return outcome
    outcome.plan = plan
    outcome.errors += [f"{e.location()}: {e.message}" for e in plan.errors]
    after = _source_catalog_entries(settings)
    outcome.extracted = [
        (english, original, locations)
        for english, (original, locations) in sorted(after.items())
        if english not in before
    ]
    return outcome


def review_file_keeping_answers(previous: Path, staged: Path) -> bytes | None:
    """The review file a dry run leaves: the staged one, plus the answers of the previous one.

    The staged extraction applied the reviewer's answers and, as `extract` does once a message is
    wrapped, dropped them from its review file; a dry run changes no code, so the answers must stay
    for the `--write` run that follows.
    """
    from babel.messages.pofile import read_po, write_po

    def load(path: Path):
        with open(path, "rb") as handle:
            return read_po(handle, abort_invalid=True)

    new = load(staged) if staged.is_file() else None
    if not previous.is_file():
        return staged.read_bytes() if new is not None else None
    old = load(previous)
    answered = [m for m in old if m.id and not m.fuzzy and (m.string if isinstance(m.string, str) else any(m.string))]
    if new is None:
        if not answered:
            return None
        keep = {(m.id, m.context) for m in answered}
        new = old
        for message in list(new):
            if message.id and (message.id, message.context) not in keep:
                new.delete(message.id, message.context)
    else:
        for message in answered:
            if new.get(message.id, message.context) is None:
                new[message.id] = message
    buffer = io.BytesIO()
    write_po(buffer, new, width=0)
    return buffer.getvalue()
