"""Files -> messages: parse the files, ask `check` what is not English, and gather each distinct text once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from english_guard.config import Config
from english_guard.fixes.extract.collect import visible_text
from english_guard.fixes.extract.judging import language_of, looks_like_message
from english_guard.fixes.extract.parsing import ParsedFile, catalog_reference, display_path, parse_file
from english_guard.fixes.extract.plan import Message
from english_guard.fixes.extract.records import Problem
from english_guard.fixes.extract.settings import ExtractSettings
from english_guard.own_files import read_source_file
from english_guard.rules import NON_ENGLISH_MSGID, UNTRANSLATED_USER_FACING_STRING
from english_guard.settings import Settings
from english_guard.sources.string_roles import PRESUMED


@dataclass
class CheckView:
    """What `check` reports in the files extract reads: it decides whether a text is English (with the
    project's profile, so a short "Jami: %s so'm" in an Uzbek project is Uzbek), extract rewrites."""

    non_english_messages: set[tuple[Path, int, int]] = field(default_factory=set)  # EG401 literal starts
    non_english_msgids: dict[Path, set[str]] = field(default_factory=dict)  # EG403 texts per file


def check_view(parsed: list[ParsedFile], config: Config) -> CheckView:
    from english_guard.checker import run_check

    view = CheckView()
    if not parsed:
        return view
    run = run_check([item.path for item in parsed], config, use_cache=False)  # extract leaves no cache
    for result in run.results:
        for finding in result.findings:
            if finding.code == UNTRANSLATED_USER_FACING_STRING.code:
                view.non_english_messages.add((Path(finding.path).resolve(), finding.line, finding.column))
            elif finding.code == NON_ENGLISH_MSGID.code:
                view.non_english_msgids.setdefault(Path(finding.path).resolve(), set()).add(finding.text)
    return view


def parse_files(
    files: list[Path], config: Config, settings: ExtractSettings, root: Path, errors: list[Problem]
) -> list[ParsedFile]:
    """Every file read and scanned (the generated gettext helper left out); a file that cannot be read or
    parsed is added to `errors`."""
    runtime = settings.runtime_module.resolve() if settings.runtime_module else None
    parsed = []
    for path in files:
        if runtime is not None and path.resolve() == runtime:
            continue
        display = display_path(path)
        try:
            data = read_source_file(path)
        except OSError as exc:
            errors.append(Problem(display, 1, 1, f"cannot read: {exc.strerror or exc}"))
            continue
        result = parse_file(
            display, catalog_reference(path, root), data, config, settings.gettext_name, settings.ngettext_name
        )
        if isinstance(result, Problem):
            errors.append(result)
        else:
            parsed.append(result)
    return parsed


def find_messages(
    parsed: list[ParsedFile],
    view: CheckView,
    settings: ExtractSettings,
    judging: Settings,
    problems: list[Problem],
) -> list[Message]:
    """The distinct texts to extract, in the order first seen; what the scan could not take goes to `problems`."""
    found: dict[str, Message] = {}
    for item in parsed:
        problems.extend(item.scan.problems)
        for candidate in item.scan.candidates:
            message = found.get(candidate.shape.template)
            if message is None:
                english, language = language_of(visible_text(candidate.shape), judging)
                position = (Path(candidate.path).resolve(), candidate.line, candidate.column)
                if english and position in view.non_english_messages:
                    english, language = False, settings.source_lang  # the check's verdict stands
                if english and (
                    candidate.context == PRESUMED
                    or not (settings.include_english and looks_like_message(visible_text(candidate.shape)))
                ):
                    continue  # English prose that no flow shows to a user may be anything: left alone
                message = found[candidate.shape.template] = Message(candidate.shape.template, language, english)
            message.occurrences.append(candidate)
    return list(found.values())
