"""The extract fix from end to end: scan, choose English msgids, rewrite, plan catalogs, write.

    files -> messages -> English (review file, catalog, engine, or a human later)
          -> rewritten code -> Babel template over that code -> .po / .mo -> written atomically

`plan_extract` decides everything and touches nothing; `ExtractPlan.changes` are what it would write,
and the shared runner (`fixes.runner`) writes them: verified, all files or none, catalogs and the runtime
helper before the code, so code never refers to a catalog that is not there yet.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst
from babel.messages.extract import extract as babel_extract

from english_guard.config import Config
from english_guard.fixes.extract.collect import visible_text
from english_guard.fixes.extract.judging import language_of, looks_like_message
from english_guard.fixes.extract.parsing import ParsedFile, parse_file
from english_guard.fixes.extract.placeholders_check import describe_placeholders, same_placeholders
from english_guard.fixes.extract.proposals import propose
from english_guard.fixes.extract.records import PLAIN, Candidate, Problem
from english_guard.fixes.extract.review import PROPOSED, ReviewEntry, load_review, render_review
from english_guard.fixes.extract.rewrite import (
    GettextNames,
    Msgid,
    add_imports,
    rename_msgids,
    rewrite_comparisons,
    rewrite_module,
)
from english_guard.fixes.extract.settings import ExtractSettings
from english_guard.fixes.runner import changes_of
from english_guard.fixes.transaction import Change
from english_guard.i18n.catalogs import (
    SourceFile,
    babel_keywords,
    extract_template,
    read_catalog,
    same_apart_from_dates,
)
from english_guard.i18n.runtime import is_generated, render_runtime_module
from english_guard.i18n.sync import PlannedFile, plan_catalogs, previous_template
from english_guard.own_files import read_source_file
from english_guard.rules import NON_ENGLISH_MSGID, UNTRANSLATED_USER_FACING_STRING
from english_guard.safe_write import (
    UnsafeWriteError,
    check_python_parses,
)
from english_guard.settings import settings_for
from english_guard.sources.callpatterns import is_gettext_call
from english_guard.sources.string_roles import PRESUMED


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


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _reference(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _python_files(paths: Iterable[str], config: Config) -> tuple[list[Path], list[Problem]]:
    from english_guard.walk import collect_files

    walked = collect_files(list(paths), config)
    problems = [Problem(path, 1, 1, message) for path, message in walked.problems]
    files = [Path(name) for name in walked.files if name.endswith(".py")]
    return files, problems


STATE = ".english-guard/extract"  # the commit journal of `extract` (see fixes.transaction)


def is_test_file(path: Path) -> bool:
    """A test module or fixture helper, as the check's string roles read it: anything in tests/ and
    conftest.py, and test/, test_*.py or *_test.py files that hold tests (a quiz bot's `test_tuzish.py` holds
    none)."""
    from english_guard.sources.string_roles import is_test_module, is_test_path

    if not is_test_path(path.as_posix()):
        return False
    try:
        text = read_source_file(path).decode("utf-8", errors="replace")
    except OSError:
        return True  # unreadable: reported where it is read, never extracted as code
    return is_test_module(path.as_posix(), text)


def _without_tests(files: list[Path], paths: Iterable[str]) -> tuple[list[Path], int]:
    named = {Path(p).resolve() for p in paths if Path(p).is_file()}
    kept = [f for f in files if f.resolve() in named or not is_test_file(f)]
    return kept, len(files) - len(kept)


def _existing_msgids(sources: Iterable[SourceFile], keywords: dict) -> set[str]:
    ids: set[str] = set()
    for source in sources:
        try:
            for _line, message, _comments, _context in babel_extract(
                "python", io.BytesIO(source.content), keywords=keywords
            ):
                ids.add(message if isinstance(message, str) else message[0])
        except SyntaxError:
            continue
    return ids


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


def _foreign_msgids(
    parsed: list[ParsedFile], keywords: dict, view: CheckView
) -> dict[str | tuple, list[tuple[str, int]]]:
    """The msgids `check` reports as non-English (EG403), in Babel's reading of the gettext calls: msgid
    (a tuple for plural forms) -> its (file, line) references. The check decides, Babel reads."""
    found: dict[str | tuple, list[tuple[str, int]]] = {}
    for item in parsed:
        texts = view.non_english_msgids.get(Path(item.path).resolve())
        if not texts:
            continue
        try:
            messages = list(babel_extract("python", io.BytesIO(item.data), keywords=keywords))
        except SyntaxError:
            continue
        for line, message, _comments, _context in messages:
            key = tuple(m for m in message if m) if isinstance(message, tuple) else message
            if isinstance(key, tuple) and len(key) == 1:
                key = key[0]
            if (key[0] if isinstance(key, tuple) else key) in texts:
                found.setdefault(key, []).append((item.reference, line))
    return found


class _Planner:
    def __init__(self, config: Config, settings: ExtractSettings):
        self.config = config
        self.settings = settings
        self.root = Path(config.root).resolve()
        self.keywords = babel_keywords(config.gettext_functions)
        self.judging = settings_for(config)
        self.plan = ExtractPlan()
        self.renames: dict[Msgid, Msgid] = {}  # msgids a reviewer corrected
        self.corrected: dict[str, str] = {}  # corrected English -> original text
        self.at_import_time: list[tuple[Candidate, str]] = []  # texts left: made at import, no lazy gettext
        self.compared_at_import_time: list[Problem] = []
        self.view = CheckView()
        self.moved: dict[str, str] = {}  # non-English msgid in the code (EG403) -> its English msgid
        # plural EG403 msgids moved: English singular -> ((English singular, plural), (original singular, plural))
        self.moved_plurals: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {}
        self.msgid_entries: list[ReviewEntry] = []  # their review entries: proposals and texts waiting
        self.used_templates: set[str] = set()  # messages with at least one occurrence rewritten
        self.source_po = settings.locales_dir / settings.source_lang / "LC_MESSAGES" / f"{settings.domain}.po"

    # -- reading ---------------------------------------------------------------------------------
    def parse(self, files: list[Path]) -> list[ParsedFile]:
        runtime = self.settings.runtime_module.resolve() if self.settings.runtime_module else None
        parsed = []
        for path in files:
            if runtime is not None and path.resolve() == runtime:
                continue
            display = _display(path)
            try:
                data = read_source_file(path)
            except OSError as exc:
                self.plan.errors.append(Problem(display, 1, 1, f"cannot read: {exc.strerror or exc}"))
                continue
            result = parse_file(
                display,
                _reference(path, self.root),
                data,
                self.config,
                self.settings.gettext_name,
                self.settings.ngettext_name,
            )
            if isinstance(result, Problem):
                self.plan.errors.append(result)
            else:
                parsed.append(result)
        self.parsed_by_path = {item.path: item for item in parsed}
        self.view = check_view(parsed, self.config)
        return parsed

    def messages(self, parsed: list[ParsedFile]) -> list[Message]:
        found: dict[str, Message] = {}
        for item in parsed:
            self.plan.problems.extend(item.scan.problems)
            for candidate in item.scan.candidates:
                message = found.get(candidate.shape.template)
                if message is None:
                    english, language = language_of(visible_text(candidate.shape), self.judging)
                    position = (Path(candidate.path).resolve(), candidate.line, candidate.column)
                    if english and position in self.view.non_english_messages:
                        english, language = False, self.settings.source_lang  # the check's verdict stands
                    if english and (
                        candidate.context == PRESUMED
                        or not (self.settings.include_english and looks_like_message(visible_text(candidate.shape)))
                    ):
                        continue  # English prose that no flow shows to a user may be anything: left alone
                    message = found[candidate.shape.template] = Message(candidate.shape.template, language, english)
                message.occurrences.append(candidate)
        return list(found.values())

    # -- choosing English msgids -----------------------------------------------------------------
    def resolve(self, messages: list[Message], parsed: list[ParsedFile]) -> None:
        known_by_original: dict[str, tuple[str, str]] = {}
        claims: dict[str, str] = {}  # msgid -> the text users of the source language see for it
        if self.source_po.is_file():
            for catalog_entry in read_catalog(self.source_po):
                msgid, translation = catalog_entry.id, catalog_entry.string
                if not msgid or catalog_entry.fuzzy:
                    continue
                if isinstance(msgid, (list, tuple)):  # pluralizable: (singular, plural)
                    if translation and translation[0]:
                        known_by_original.setdefault(translation[0], (msgid[0], msgid[1]))
                        claims[msgid[0]] = translation[0]
                elif isinstance(translation, str) and translation:
                    known_by_original.setdefault(translation, (msgid, ""))
                    claims[msgid] = translation
        originals = [SourceFile(item.reference, item.data) for item in parsed]
        for msgid in _existing_msgids(originals, self.keywords):
            claims.setdefault(msgid, msgid)

        review = self.review_entries()
        self._corrections(review, known_by_original, claims, {m.template for m in messages})
        self._move_foreign_msgids(parsed, review, known_by_original, claims, {m.template for m in messages})
        for message in messages:
            if message.english_source:
                message.english, message.origin = message.template, "english"
                continue
            entry = review.get(message.template)
            if entry is not None and entry.english:
                message.english, message.origin = entry.english, ("machine" if entry.fuzzy else "review")
                if self._counts(message) and entry.english_plural:
                    message.english_plural = entry.english_plural
            elif message.template in known_by_original:
                message.english, message.english_plural = known_by_original[message.template]
                message.origin = "catalog"
                if not self._counts(message):
                    message.english_plural = ""

        wanted = [m for m in messages if m.english is None]
        proposals, notes = propose({self.settings.source_lang: [m.template for m in wanted]}, self.settings.engine)
        self.plan.notes.extend(notes)
        for message in wanted:
            proposal = proposals.get(message.template)
            if proposal is not None:
                message.english, message.origin, message.engine = proposal.english, "machine", proposal.engine

        for message in messages:
            if message.english is None:
                continue
            problem = self._check(message, claims)
            if problem:
                message.origin, message.problem = "invalid", problem
                continue
            claims[message.english] = message.template

    def _check(self, message: Message, claims: dict[str, str]) -> str | None:
        english = message.english or ""
        if not english.strip():
            return "not extracted: the English text is empty"
        if message.english_plural and not same_placeholders(message.template, message.english_plural):
            return (
                f"not extracted: the English plural {message.english_plural!r} must keep the placeholders of "
                f"the original ({describe_placeholders(message.template) or 'none'})"
            )
        if not same_placeholders(message.template, english):
            return (
                f"not extracted: the English {english!r} must keep the placeholders of the original "
                f"({describe_placeholders(message.template) or 'none'})"
            )
        owner = claims.get(english)
        if owner is not None and owner != message.template:
            return (
                f"not extracted: the English {english!r} already stands for {owner!r}; "
                f"give this message a different English text in the review file"
            )
        return None

    def _corrections(
        self,
        review: dict[str, ReviewEntry],
        known_by_original: dict[str, tuple[str, str]],
        claims: dict[str, str],
        templates: set[str],
    ) -> None:
        """A reviewer changed the English of a message already in the code: rename its msgid."""
        for original, entry in review.items():
            current = known_by_original.get(original)
            if entry.fuzzy or not entry.english or current is None or original in templates:
                continue
            wanted = (entry.english, entry.english_plural if current[1] else "")
            if wanted == current:
                continue
            if current[1] and not wanted[1]:
                wanted = (wanted[0], current[1])
            probe = Message(original, "", False, english=wanted[0], english_plural=wanted[1])
            problem = self._check(probe, {k: v for k, v in claims.items() if k != current[0]})
            location = (entry.locations or [("", 0)])[0]
            if problem:
                self.plan.problems.append(Problem(location[0], location[1], 1, problem, original))
                continue
            self.renames[Msgid(*current)] = Msgid(*wanted)
            self.corrected[wanted[0]] = original
            claims[wanted[0]] = original  # the old English stays claimed: no other message may take it now
            known_by_original[original] = wanted

    def _move_foreign_msgids(
        self,
        parsed: list[ParsedFile],
        review: dict[str, ReviewEntry],
        known_by_original: dict[str, tuple[str, str]],
        claims: dict[str, str],
        templates: set[str],
    ) -> None:
        """Non-English msgids already inside gettext calls (EG403): the code gets an English msgid and the
        source language's catalog keeps the original as its translation (Babel's convention: the code
        speaks English, the catalogs the rest).

        The English comes from the review file (a reviewed entry, or a fuzzy proposal already in use), from
        an English catalog that translates the msgid, from the source catalog of an earlier run, or from
        the translation engine (then fuzzy in the review file); else the msgid waits there for a human."""
        found = _foreign_msgids(parsed, self.keywords, self.view)
        if not found:
            return
        english_catalog = self._english_catalog()
        unknown = [m for m in found if m not in templates and m not in review and m not in english_catalog]
        wanted = [m for m in unknown if m not in known_by_original and not isinstance(m, tuple)]
        proposals, notes = propose({self.settings.source_lang: wanted}, self.settings.engine)
        self.plan.notes.extend(notes)
        for original, locations in found.items():
            if original in templates:
                continue
            if isinstance(original, tuple):
                self._move_plural_msgid(original, locations, review.get(original[0]), claims)
                continue
            entry = review.get(original)
            engine = ""
            if entry is not None and entry.english:
                english, fuzzy = entry.english, entry.fuzzy
            elif original in english_catalog:
                english, fuzzy = english_catalog[original], False
            elif original in known_by_original and not known_by_original[original][1]:
                english, fuzzy = known_by_original[original][0], False
            elif original in proposals:
                english, fuzzy, engine = proposals[original].english, True, proposals[original].engine
            else:
                self.msgid_entries.append(ReviewEntry(original, "", False, locations))
                continue
            probe = Message(original, "", False, english=english)
            problem = self._check(probe, claims)
            if problem:
                self.plan.problems.append(
                    Problem(
                        locations[0][0], locations[0][1], 1, problem.replace("not extracted", "not moved"), original
                    )
                )
                self.msgid_entries.append(ReviewEntry(original, english if fuzzy else "", False, locations))
                continue
            self.renames[Msgid(original)] = Msgid(english)
            self.corrected[english] = original
            self.moved[original] = english
            claims[english] = original
            if fuzzy:
                note = entry.comments if entry is not None and entry.comments else []
                proposed = ReviewEntry(
                    original, english, True, locations, note or [PROPOSED.format(engine=engine or "translation")]
                )
                self.msgid_entries.append(proposed)
                self.plan.proposed.append(proposed)

    def _move_plural_msgid(
        self,
        original: tuple,
        locations: list[tuple[str, int]],
        entry: ReviewEntry | None,
        claims: dict[str, str],
    ) -> None:
        """`ngettext("{n} ta kitob", "{n} ta kitob", n)`: the English singular and plural come from the review
        file (msgstr[0] and msgstr[1]) or the English catalog; the source catalog keeps the original forms as
        msgstr[0..]. No engine proposes plural forms: without English the msgid waits in the review file."""
        singular, plural = original[0], original[1] if len(original) > 1 else original[0]
        english: tuple[str, str] | None
        if entry is not None and entry.english and entry.english_plural:
            english = (entry.english, entry.english_plural)
        else:
            english = self._english_plural_catalog().get(singular)
        if english is None:  # a half-written answer (the singular alone) stays for the reviewer to finish
            kept = (entry.english, entry.english_plural) if entry is not None else ("", "")
            self.msgid_entries.append(
                ReviewEntry(singular, kept[0], False, locations, plural_like=True, english_plural=kept[1])
            )
            return
        probe = Message(singular, "", False, english=english[0], english_plural=english[1])
        problem = self._check(probe, claims)
        if problem:
            self.plan.problems.append(
                Problem(locations[0][0], locations[0][1], 1, problem.replace("not extracted", "not moved"), singular)
            )
            self.msgid_entries.append(ReviewEntry(singular, "", False, locations, plural_like=True))
            return
        self.renames[Msgid(singular, plural)] = Msgid(*english)
        self.moved_plurals[english[0]] = (english, (singular, plural))
        claims[english[0]] = singular

    def _english_plural_catalog(self) -> dict[str, tuple[str, str]]:
        """Original singular msgid -> (English singular, English plural), from the project's English catalog."""
        path = self.settings.locales_dir / "en" / "LC_MESSAGES" / f"{self.settings.domain}.po"
        if self.settings.source_lang.split("_")[0] == "en" or not path.is_file():
            return {}
        found = {}
        for entry in read_catalog(path):
            forms = entry.string
            if (
                isinstance(entry.id, (list, tuple))
                and entry.id[0]
                and not entry.fuzzy
                and isinstance(forms, (list, tuple))
                and len(forms) >= 2
                and all(form.strip() for form in forms[:2])
            ):
                found[entry.id[0]] = (forms[0], forms[1])
        return found

    def _english_catalog(self) -> dict[str, str]:
        """msgid -> English, from the project's own English catalog (`<locales>/en/...`), when it has one."""
        if self.settings.source_lang.split("_")[0] == "en":
            return {}
        path = self.settings.locales_dir / "en" / "LC_MESSAGES" / f"{self.settings.domain}.po"
        if not path.is_file():
            return {}
        return {
            entry.id: entry.string
            for entry in read_catalog(path)
            if isinstance(entry.id, str)
            and entry.id
            and not entry.fuzzy
            and isinstance(entry.string, str)
            and entry.string.strip()
        }

    def _counts(self, message: Message) -> bool:
        """A counting message can take plural forms (when the gettext module offers ngettext)."""
        return bool(self.settings.ngettext_import) and all(c.shape.count is not None for c in message.occurrences)

    def review_entries(self) -> dict[str, ReviewEntry]:
        entries = load_review(self.settings.review_file)
        for extra in self.settings.extra_review_files:
            for original, entry in load_review(extra).items():
                if entry.english:
                    entries[original] = entry
        return entries

    # -- writing plans ---------------------------------------------------------------------------
    def rewrite(self, parsed: list[ParsedFile], messages: list[Message]) -> dict[str, bytes]:
        chosen_by_node = {
            id(candidate.node): Msgid(message.english, message.english_plural)
            for message in messages
            if message.english is not None and message.origin != "invalid"
            for candidate in message.occurrences
        }
        lazy = _bound_name(self.settings.lazy_import)
        # aiogram, pydantic, python-telegram-bot: their types take only a str, a lazy text serves comparisons only.
        strict = next((name for item in parsed if (name := _str_only_framework(item.data))), "")
        # Messages with a text left as it was at import time (a button): every use of them stays as it is.
        held = {
            message.template
            for message in messages
            if message.english is not None
            and any(
                _import_time_refusal(c, Msgid(message.english, message.english_plural), lazy, strict)
                for c in message.occurrences
            )
        }
        # What incoming text is compared with: the original of every plain message now in the catalogs.
        compared = {
            message.template: message.english
            for message in messages
            if message.english is not None
            and message.origin != "invalid"
            and not message.english_plural
            and message.english != message.template
            and all(not c.shape.placeholders and c.shape.style == PLAIN for c in message.occurrences)
            # a button left as it was keeps its comparisons as they are: its press must still match
            and message.template not in held
        }
        names = GettextNames(self.settings.gettext_name, self.settings.ngettext_name, lazy)
        new_sources: dict[str, bytes] = {}
        for item in parsed:
            chosen = [(c, chosen_by_node[id(c.node)]) for c in item.scan.candidates if id(c.node) in chosen_by_node]
            chosen = self._refuse_at_import_time(chosen, lazy, held, strict)
            self.used_templates.update(candidate.shape.template for candidate, _msgid in chosen)
            module = item.module
            if module is None and compared and any(t.encode("utf-8") in item.data for t in compared):
                module = cst.parse_module(item.data)
            if not chosen and not self.renames and module is None:
                new_sources[item.reference] = item.data
                continue
            module = module if module is not None else cst.parse_module(item.data)
            new_module = rewrite_module(module, chosen, names, [])
            new_module, compared_with, refused = rewrite_comparisons(new_module, compared, names)
            for literal in refused:
                self._report_import_time(item.path, module, literal)
            new_module, renamed = rename_msgids(
                new_module, self.renames, lambda callee: is_gettext_call(callee, self.config)
            )
            if not chosen and not renamed and not compared_with:
                new_sources[item.reference] = item.data
                continue
            new_module = add_imports(new_module, self._imports(item, chosen, compared_with, lazy))
            new_data = new_module.bytes
            try:
                check_python_parses(item.path, new_data)
            except UnsafeWriteError as exc:
                self.plan.errors.append(Problem(item.path, 1, 1, str(exc)))
                new_sources[item.reference] = item.data
                continue
            new_sources[item.reference] = new_data
            self.plan.applied += len(chosen)
            self.plan.renamed += renamed
            if new_data != item.data:
                self.plan.code.append(PlannedFile(Path(item.path), item.data, new_data))
        return new_sources

    def _refuse_at_import_time(self, chosen: list, lazy: str, held: set[str], strict: str) -> list:
        """Texts made at import time that the lazy gettext cannot serve stay as they are, reported: one
        gettext call at import would show one language to every user. Every other use of such a text stays
        too, so that a button and the comparison that handles its press keep matching."""
        kept = []
        for candidate, msgid in chosen:
            why = _import_time_refusal(candidate, msgid, lazy, strict)
            if not why and candidate.shape.template in held:
                why = (
                    "not extracted: the same text made at import time elsewhere (a button) stays as it is, so "
                    "this use stays too and a press still matches its comparison"
                )
            if why:
                self.at_import_time.append((candidate, why))
            else:
                kept.append((candidate, msgid))
        return kept

    def _report_import_time(self, path: str, module: cst.Module, literal) -> None:
        code = module.code_for_node(literal)
        before, found, _rest = module.code.partition(code)
        line, column = (before.count("\n") + 1, len(before.rpartition("\n")[2]) + 1) if found else (1, 1)
        self.compared_at_import_time.append(
            Problem(
                path,
                line,
                column,
                f"not rewritten: {module.code_for_node(literal)} is compared with incoming text at import "
                f"time and the gettext module has no lazy gettext `__`; compare with the translated text "
                f"by hand",
                literal.evaluated_value,
            )
        )

    def _imports(self, item: ParsedFile, chosen: list, compared_with: set[str], lazy: str) -> list[str]:
        plain = any(not c.module_level for c, _m in chosen) or self.settings.gettext_name in compared_with
        wants_lazy = bool(lazy) and (any(c.module_level for c, _m in chosen) or lazy in compared_with)
        statements = [self.settings.import_statement] if plain and not item.imports_gettext else []
        if wants_lazy and not _imports_name(item.data, lazy):
            statements = _joined(statements, self.settings.lazy_import)
        if any(msgid.plural for _c, msgid in chosen) and not item.imports_ngettext and self.settings.ngettext_import:
            statements = _joined(statements, self.settings.ngettext_import)
        return statements

    def template_sources(self, parsed: list[ParsedFile], new_sources: dict[str, bytes]) -> list[SourceFile]:
        """The rewritten files, plus files the previous template listed that this run did not scan."""
        sources = [SourceFile(ref, data) for ref, data in new_sources.items()]
        previous = previous_template(self.settings.locales_dir / f"{self.settings.domain}.pot")
        if previous is not None:
            broken = {_reference(Path(error.path), self.root) for error in self.plan.errors}
            extra = sorted(
                {loc for message in previous for loc, _line in message.locations} - set(new_sources) - broken
            )
            for ref in extra:
                path = self.root / ref
                if path.is_file() and path.suffix == ".py":
                    sources.append(SourceFile(ref, path.read_bytes()))
        return sorted(sources, key=lambda source: source.reference)

    def keep_unreadable_files_messages(self, template) -> None:
        """A file that could not be parsed this run keeps its entries from the previous template."""
        previous = previous_template(self.settings.locales_dir / f"{self.settings.domain}.pot")
        broken = {_reference(Path(error.path), self.root) for error in self.plan.errors}
        if previous is None or not broken:
            return
        for message in previous:
            locations = [loc for loc in message.locations if loc[0] in broken]
            if message.id and locations:
                template.add(message.id, None, locations, auto_comments=message.auto_comments, context=message.context)

    def review_plan(
        self, messages: list[Message], rescans: dict[str, ParsedFile], scanned: set[str], template_ids: set[str]
    ) -> None:
        entries: list[ReviewEntry] = []
        for message in messages:
            if message.english_source:
                continue
            locations = self._locations(message, rescans)
            plural_like = self._counts(message)
            if message.english is None or message.origin == "invalid":
                entry = ReviewEntry(
                    message.template,
                    message.english or "",
                    False,
                    locations,
                    plural_like=plural_like,
                    english_plural=message.english_plural,
                )
                entries.append(entry)
                self.plan.pending.append(entry)
            elif message.origin == "review" and message.template not in self.used_templates:
                # reviewed, but every occurrence was left (made at import time): the answer is kept for later
                entries.append(
                    ReviewEntry(
                        message.template,
                        message.english,
                        False,
                        locations,
                        plural_like=plural_like,
                        english_plural=message.english_plural,
                    )
                )
            elif message.origin == "machine":
                entry = ReviewEntry(
                    message.template,
                    message.english,
                    True,
                    locations,
                    [PROPOSED.format(engine=message.engine or "translation")],
                    plural_like=plural_like,
                    english_plural=message.english_plural,
                )
                entries.append(entry)
                self.plan.proposed.append(entry)
        for entry in self.msgid_entries:
            entries.append(entry)
            if not entry.english or (entry.plural_like and not entry.english_plural):
                self.plan.pending.append(entry)
        seen = {entry.original for entry in entries}
        for entry in load_review(self.settings.review_file).values():
            if entry.original in seen:
                continue
            files = {ref for ref, _line in entry.locations}
            if (entry.fuzzy and entry.english in template_ids) or (files and not files & scanned):
                entries.append(entry)
        entries.sort(key=lambda e: (sorted(e.locations) or [("", 0)])[0])
        path = self.settings.review_file
        old = path.read_bytes() if path.is_file() else None
        new = render_review(entries, None, old)
        if new is None:
            if old is not None:
                self.plan.review_removed = path
                self.plan.review_removed_data = old
        elif not same_apart_from_dates(old, new):
            self.plan.review = PlannedFile(path, old, new)

    def _locations(self, message: Message, rescans: dict[str, ParsedFile]) -> list[tuple[str, int]]:
        return [
            (
                _reference(Path(candidate.path), self.root),
                self.position_after_rewrite(candidate, message.template, rescans)[0],
            )
            for candidate in message.occurrences
        ]

    def position_after_rewrite(
        self, candidate: Candidate, template: str, rescans: dict[str, ParsedFile]
    ) -> tuple[int, int]:
        """Where a message that stayed as it was sits once the rest of its file is rewritten."""
        rescan = rescans.get(candidate.path)
        original = self.parsed_by_path.get(candidate.path)
        if rescan is None or original is None:
            return candidate.line, candidate.column
        same_after = [c for c in rescan.scan.candidates if c.shape.template == template]
        same_before = [c for c in original.scan.candidates if c.shape.template == template]
        index = next((i for i, c in enumerate(same_before) if c is candidate), 0)
        if index < len(same_after):
            return same_after[index].line, same_after[index].column
        return candidate.line, candidate.column

    def runtime_plan(self) -> None:
        path = self.settings.runtime_module
        if path is not None and not path.exists() and not self.plan.code:
            return  # nothing uses it yet
        if path is None or path.exists():
            if (
                path is not None
                and path.is_file()
                and not is_generated(path.read_text(encoding="utf-8", errors="replace"))
            ):
                self.plan.notes.append(f"{_display(path)} exists and is the project's own; it was not changed")
            return
        module_name = self.settings.import_statement.split()[1]
        text = render_runtime_module(
            path, self.settings.locales_dir, self.settings.domain, self.settings.source_lang, module_name
        )
        self.plan.runtime = PlannedFile(path, None, text.encode("utf-8"))


# Frameworks whose types validate or serialise a text as a str, which a lazy text is not: in a project that
# uses one, a lazy text made at import time can only be compared with incoming text (`F.text == __("...")`).
_STR_ONLY_FRAMEWORKS = re.compile(rb"^[ \t]*(?:from|import)[ \t]+(aiogram|pydantic|telegram|telebot)\b", re.MULTILINE)


def _str_only_framework(data: bytes) -> str:
    """The str-only framework the file imports, or ""."""
    found = _STR_ONLY_FRAMEWORKS.search(data)
    return found.group(1).decode() if found else ""


def _import_time_refusal(candidate: Candidate, msgid: Msgid, lazy: str, strict: str = "") -> str:
    """Why a text made at import time cannot take the lazy gettext ("" when it can)."""
    if not candidate.module_level:
        return ""
    if not lazy:
        why = "the gettext module has no lazy gettext `__` (the helper extract generates has one)"
    elif msgid.plural:
        why = "plural forms at import time have no lazy gettext"
    elif strict and candidate.passed_to:
        why = (
            f"it is passed to `{candidate.passed_to}(...)` then, which keeps it, and a lazy text is not a str "
            f"({strict}'s types refuse it)"
        )
    elif strict and not candidate.compared:
        why = (
            f"the project uses {strict}, whose types take only a str: a lazy text would fail when it is sent "
            f"(it serves only comparisons with incoming text, `F.text == __(...)`)"
        )
    elif candidate.shape.style != PLAIN:
        why = "it is formatted then, which fixes its language"
    else:
        return ""
    return (
        f"not extracted: this text is made when the module is imported, so a gettext call there would show one "
        f"language to every user; {why}: build it inside a function (e.g. one that returns the keyboard)"
        + ("" if lazy else " or add a lazy gettext")
    )


def _bound_name(statement: str) -> str:
    """`from app.i18n import __` -> `__` ("" for no statement)."""
    return statement.replace(",", " ").split()[-1] if statement else ""


def _imports_name(data: bytes, name: str) -> bool:
    return (
        re.search(rb"^(?:from\s+\S+\s+)?import\s+[^\n]*\b" + re.escape(name.encode()) + rb"\b", data, re.MULTILINE)
        is not None
    )


def _joined(statements: list[str], statement: str) -> list[str]:
    """Add an import, on the line of one from the same module: `from app.i18n import _, __`."""
    for index, existing in enumerate(statements):
        if existing.split()[:3] == statement.split()[:3] and existing.startswith("from "):
            return [*statements[:index], existing + ", " + statement.split()[-1], *statements[index + 1 :]]
    return [*statements, statement]


def plan_extract(paths: Iterable[str], settings: ExtractSettings) -> ExtractPlan:
    """Everything the extraction of `paths` would change (nothing is written: see `ExtractPlan.file_changes`)."""
    config = settings.config
    assert config is not None, "settings come from extract_settings()"
    planner = _Planner(config, settings)
    paths = list(paths)
    files, walk_problems = _python_files(paths, config)
    planner.plan.errors.extend(walk_problems)
    if not settings.include_tests:
        files, left_out = _without_tests(files, paths)
        if left_out:
            planner.plan.notes.append(
                f"{left_out} test files not extracted (their texts are test data; --include-tests extracts them too)"
            )
    parsed = planner.parse(files)
    messages = planner.messages(parsed)
    planner.resolve(messages, parsed)
    new_sources = planner.rewrite(parsed, messages)

    # Positions reported after the rewrite are the positions in the file as it will be.
    rescans: dict[str, ParsedFile] = {}
    changed = {plan.path.as_posix() for plan in planner.plan.code}
    kept_problems = [p for p in planner.plan.problems if p.path not in changed]
    for item in parsed:
        if item.path in changed:
            rescan = parse_file(
                item.path,
                item.reference,
                new_sources[item.reference],
                config,
                settings.gettext_name,
                settings.ngettext_name,
            )
            if not isinstance(rescan, Problem):
                rescans[item.path] = rescan
                kept_problems.extend(rescan.scan.problems)
    for message in messages:
        if message.origin == "invalid":
            for candidate in message.occurrences:
                line, column = planner.position_after_rewrite(candidate, message.template, rescans)
                kept_problems.append(Problem(candidate.path, line, column, message.problem, message.template))
    for candidate, why in planner.at_import_time:
        line, column = planner.position_after_rewrite(candidate, candidate.shape.template, rescans)
        kept_problems.append(Problem(candidate.path, line, column, why, candidate.shape.template))
    kept_problems += planner.compared_at_import_time
    planner.plan.problems = sorted(kept_problems, key=lambda p: (p.path, p.line, p.column))

    sources = planner.template_sources(parsed, new_sources)
    template = extract_template(sources, planner.keywords)
    planner.keep_unreadable_files_messages(template)
    source_texts: dict[str, str | tuple[str, ...]] = {
        m.english: m.template
        for m in messages
        if m.english is not None and not m.english_source and m.origin != "invalid" and m.english != m.template
    }
    source_texts.update(planner.corrected)
    source_texts.update({english: originals for english, (_forms, originals) in planner.moved_plurals.items()})
    moved: dict[str, str | tuple[str, str]] = dict(planner.moved)
    moved.update({originals[0]: forms for forms, originals in planner.moved_plurals.values()})
    if len(template) or previous_template(settings.locales_dir / f"{settings.domain}.pot") is not None:
        planner.plan.catalogs = plan_catalogs(
            settings.locales_dir, settings.domain, template, settings.source_lang, source_texts, moved
        )
    template_ids = {m.id for m in template if m.id and isinstance(m.id, str)}  # plural ids never match an English
    planner.review_plan(messages, rescans, {item.reference for item in parsed}, template_ids)
    planner.runtime_plan()
    _refuse_links_out_of_the_project(planner.plan, planner.root)
    return planner.plan


def _refuse_links_out_of_the_project(plan: ExtractPlan, root: Path) -> None:
    """A file meant to be inside the project that a symbolic link (`locales -> ../elsewhere`) takes out of it
    is never written: nothing is, and the error names the link."""
    real_root = os.path.realpath(root)
    paths = [planned.path for planned in plan.changes()]
    if plan.review_removed is not None:
        paths.append(plan.review_removed)
    for path in paths:
        lexical = os.path.abspath(path)
        real = os.path.realpath(path)
        if _inside(lexical, str(root)) and not _inside(real, real_root):
            raise UnsafeWriteError(
                f"{_display(Path(path))}: a symbolic link takes it out of the project (to {real}); "
                f"extract writes only inside the project, nothing was written"
            )


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, os.path.abspath(folder)]) == os.path.abspath(folder)
