"""Choosing each message's English msgid: the English text itself, the review file, the catalogs of an
earlier run, or the translation engine; a reviewer's correction renames a msgid already in the code, and a
non-English msgid already inside a gettext call (EG403) moves to English."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from babel.messages.extract import extract as babel_extract

from english_guard.fixes.extract.messages import CheckView
from english_guard.fixes.extract.parsing import ParsedFile
from english_guard.fixes.extract.placeholders_check import describe_placeholders, same_placeholders
from english_guard.fixes.extract.plan import ExtractPlan, Message
from english_guard.fixes.extract.proposals import Proposal, propose
from english_guard.fixes.extract.records import Problem
from english_guard.fixes.extract.review import PROPOSED, ReviewEntry, load_review
from english_guard.fixes.extract.rewrite import Msgid
from english_guard.fixes.extract.settings import ExtractSettings
from english_guard.i18n.catalogs import SourceFile, read_catalog


class EnglishMsgids:
    """The English msgid of every message, and the msgids of the code to rename (corrections, moves).

    Adds its problems, notes and proposals to `plan`."""

    def __init__(
        self, settings: ExtractSettings, keywords: Mapping[str, Any], view: CheckView, plan: ExtractPlan
    ) -> None:
        self.settings = settings
        self.keywords = keywords
        self.view = view
        self.plan = plan
        self.renames: dict[Msgid, Msgid] = {}  # msgids a reviewer corrected
        self.corrected: dict[str, str] = {}  # corrected English -> original text
        self.moved: dict[str, str] = {}  # non-English msgid in the code (EG403) -> its English msgid
        # plural EG403 msgids moved: English singular -> ((English singular, plural), (original singular, plural))
        self.moved_plurals: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {}
        self.msgid_entries: list[ReviewEntry] = []  # their review entries: proposals and texts waiting
        self.source_po = settings.locales_dir / settings.source_lang / "LC_MESSAGES" / f"{settings.domain}.po"

    def choose(self, messages: list[Message], parsed: list[ParsedFile]) -> None:
        """Give each message its English: the text itself, the review file, the source catalog, or the engine."""
        known_by_original, claims = self._source_catalog()
        originals = [SourceFile(item.reference, item.data) for item in parsed]
        for msgid in _existing_msgids(originals, self.keywords):
            claims.setdefault(msgid, msgid)

        review = self.review_entries()
        self._corrections(review, known_by_original, claims, {m.template for m in messages})
        self._move_foreign_msgids(parsed, review, known_by_original, claims, {m.template for m in messages})
        for message in messages:
            _take_known_english(message, review, known_by_original, self.settings)

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
            problem = english_problem(message, claims)
            if problem:
                message.origin, message.problem = "invalid", problem
                continue
            claims[message.english] = message.template

    def _source_catalog(self) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
        """From the source language's catalog of an earlier run: original text -> (English, English plural),
        and msgid -> the text users of the source language see for it (the msgid's claim)."""
        known_by_original: dict[str, tuple[str, str]] = {}
        claims: dict[str, str] = {}
        if not self.source_po.is_file():
            return known_by_original, claims
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
        return known_by_original, claims

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
            problem = english_problem(probe, {k: v for k, v in claims.items() if k != current[0]})
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
            known = _english_of_msgid(original, entry, english_catalog, known_by_original, proposals)
            if known is None:
                self.msgid_entries.append(ReviewEntry(original, "", False, locations))
                continue
            english, fuzzy, engine = known
            probe = Message(original, "", False, english=english)
            problem = english_problem(probe, claims)
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
        original: tuple[str, ...],
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
        problem = english_problem(probe, claims)
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

    def review_entries(self) -> dict[str, ReviewEntry]:
        entries = load_review(self.settings.review_file)
        for extra in self.settings.extra_review_files:
            for original, entry in load_review(extra).items():
                if entry.english:
                    entries[original] = entry
        return entries


def _english_of_msgid(
    original: str,
    entry: ReviewEntry | None,
    english_catalog: dict[str, str],
    known_by_original: dict[str, tuple[str, str]],
    proposals: dict[str, Proposal],
) -> tuple[str, bool, str] | None:
    """(English, fuzzy, engine) for a non-English msgid, first found of: the review file, the English
    catalog, the source catalog of an earlier run, the engine's proposal; None when none has it."""
    if entry is not None and entry.english:
        return entry.english, entry.fuzzy, ""
    if original in english_catalog:
        return english_catalog[original], False, ""
    if original in known_by_original and not known_by_original[original][1]:
        return known_by_original[original][0], False, ""
    if original in proposals:
        return proposals[original].english, True, proposals[original].engine
    return None


def english_problem(message: Message, claims: dict[str, str]) -> str | None:
    """Why the message's English cannot be its msgid (placeholders lost, the English taken), or None."""
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


def takes_plural_forms(message: Message, settings: ExtractSettings) -> bool:
    """A counting message can take plural forms (when the gettext module offers ngettext)."""
    return bool(settings.ngettext_import) and all(c.shape.count is not None for c in message.occurrences)


def _take_known_english(
    message: Message,
    review: dict[str, ReviewEntry],
    known_by_original: dict[str, tuple[str, str]],
    settings: ExtractSettings,
) -> None:
    """The English a message already has: its own text, a review entry, or the source catalog."""
    if message.english_source:
        message.english, message.origin = message.template, "english"
        return
    entry = review.get(message.template)
    if entry is not None and entry.english:
        message.english, message.origin = entry.english, ("machine" if entry.fuzzy else "review")
        if takes_plural_forms(message, settings) and entry.english_plural:
            message.english_plural = entry.english_plural
    elif message.template in known_by_original:
        message.english, message.english_plural = known_by_original[message.template]
        message.origin = "catalog"
        if not takes_plural_forms(message, settings):
            message.english_plural = ""


def _existing_msgids(sources: Iterable[SourceFile], keywords: Mapping[str, Any]) -> set[str]:
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


def _foreign_msgids(
    parsed: list[ParsedFile], keywords: Mapping[str, Any], view: CheckView
) -> dict[str | tuple[str, ...], list[tuple[str, int]]]:
    """The msgids `check` reports as non-English (EG403), in Babel's reading of the gettext calls: msgid
    (a tuple for plural forms) -> its (file, line) references. The check decides, Babel reads."""
    found: dict[str | tuple[str, ...], list[tuple[str, int]]] = {}
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
