"""What the extraction decides: each distinct message and what became of it, and the files it would change."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from english_guard.fixes.extract.records import Candidate, Problem
from english_guard.fixes.extract.review import ReviewEntry
from english_guard.fixes.runner import changes_of
from english_guard.fixes.transaction import Change
from english_guard.i18n.sync import PlannedFile


@dataclass
class Message:
    """One distinct message text (all its occurrences share one msgid)."""

    template: str
    language: str
    english_source: bool
    occurrences: list[Candidate] = field(default_factory=list)
    english: str | None = None
    english_plural: str = ""
    origin: str = ""  # english, catalog, review, machine, invalid
    engine: str = ""
    problem: str = ""  # why the English could not be used (origin "invalid")


@dataclass
class ExtractPlan:
    code: list[PlannedFile] = field(default_factory=list)
    catalogs: list[PlannedFile] = field(default_factory=list)
    review: PlannedFile | None = None
    review_removed: Path | None = None
    review_removed_data: bytes = b""  # the removed review file's bytes as planned
    runtime: PlannedFile | None = None
    problems: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    pending: list[ReviewEntry] = field(default_factory=list)
    proposed: list[ReviewEntry] = field(default_factory=list)
    applied: int = 0
    renamed: int = 0
    notes: list[str] = field(default_factory=list)

    def changes(self) -> list[PlannedFile]:
        extra = [plan for plan in (self.runtime, self.review) if plan is not None]
        return extra + self.catalogs + self.code

    @property
    def changed(self) -> bool:
        return bool(self.changes()) or self.review_removed is not None

    def file_changes(self, root: Path) -> list[Change]:
        """Every planned write as a change of the project at `root`, for `fixes.runner`."""
        files: list[tuple[Path, bytes | None, bytes | None]] = [
            (planned.path, planned.old, planned.new) for planned in self.changes()
        ]
        if self.review_removed is not None:
            files.append((self.review_removed, self.review_removed_data, None))
        return changes_of(root, files)
