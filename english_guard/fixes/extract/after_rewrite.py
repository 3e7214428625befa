"""The rewritten files scanned again: what is reported about them is reported where it will be."""

from __future__ import annotations

from pathlib import Path

from english_guard.config import Config
from english_guard.fixes.extract.parsing import ParsedFile, catalog_reference, parse_file
from english_guard.fixes.extract.plan import Message
from english_guard.fixes.extract.records import Candidate, Problem
from english_guard.fixes.extract.settings import ExtractSettings


class RewrittenFiles:
    """The files extract changes, scanned as they will be: where a text that stayed as it was sits once the
    rest of its file is rewritten, and the scan's problems there."""

    def __init__(
        self,
        parsed: list[ParsedFile],
        new_sources: dict[str, bytes],
        changed: set[str],
        config: Config,
        settings: ExtractSettings,
    ) -> None:
        self.before = {item.path: item for item in parsed}
        self.after: dict[str, ParsedFile] = {}
        self.problems: list[Problem] = []  # the scan's, in the files as they will be
        for item in parsed:
            if item.path not in changed:
                continue
            rescan = parse_file(
                item.path,
                item.reference,
                new_sources[item.reference],
                config,
                settings.gettext_name,
                settings.ngettext_name,
            )
            if not isinstance(rescan, Problem):
                self.after[item.path] = rescan
                self.problems.extend(rescan.scan.problems)

    def position(self, candidate: Candidate, template: str) -> tuple[int, int]:
        """Where a message that stayed as it was sits once the rest of its file is rewritten."""
        rescan = self.after.get(candidate.path)
        original = self.before.get(candidate.path)
        if rescan is None or original is None:
            return candidate.line, candidate.column
        same_after = [c for c in rescan.scan.candidates if c.shape.template == template]
        same_before = [c for c in original.scan.candidates if c.shape.template == template]
        index = next((i for i, c in enumerate(same_before) if c is candidate), 0)
        if index < len(same_after):
            return same_after[index].line, same_after[index].column
        return candidate.line, candidate.column

    def locations(self, message: Message, root: Path) -> list[tuple[str, int]]:
        """The message's (catalog reference, line) in the files as they will be."""
        return [
            (catalog_reference(Path(candidate.path), root), self.position(candidate, message.template)[0])
            for candidate in message.occurrences
        ]
