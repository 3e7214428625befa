"""The code as it will be: each chosen text wrapped in a gettext call, the msgids to rename renamed, the
comparisons with incoming text made against the translated text, and the imports the new calls need.

A text made when a module is imported stays as it is (reported) unless the lazy gettext can serve it: one
gettext call at import time would show one language to every user."""

from __future__ import annotations

import re
from pathlib import Path

import libcst as cst

from english_guard.config import Config
from english_guard.fixes.extract.parsing import ParsedFile
from english_guard.fixes.extract.plan import ExtractPlan, Message
from english_guard.fixes.extract.records import PLAIN, Candidate, Problem
from english_guard.fixes.extract.rewrite import (
    GettextNames,
    Msgid,
    add_imports,
    rename_msgids,
    rewrite_comparisons,
    rewrite_module,
)
from english_guard.fixes.extract.settings import ExtractSettings
from english_guard.i18n.sync import PlannedFile
from english_guard.safe_write import UnsafeWriteError, check_python_parses
from english_guard.sources.callpatterns import is_gettext_call


class CodeRewriter:
    """Rewrites the parsed files with the messages' English msgids; adds the rewritten files to `plan.code`.

    Remembers what later steps need: the texts left as they were at import time (with why) and the
    messages with at least one occurrence rewritten."""

    def __init__(
        self, settings: ExtractSettings, config: Config, renames: dict[Msgid, Msgid], plan: ExtractPlan
    ) -> None:
        self.settings = settings
        self.config = config
        self.renames = renames
        self.plan = plan
        self.at_import_time: list[tuple[Candidate, str]] = []  # texts left: made at import, no lazy gettext
        self.compared_at_import_time: list[Problem] = []
        self.used_templates: set[str] = set()  # messages with at least one occurrence rewritten

    def rewrite(self, parsed: list[ParsedFile], messages: list[Message]) -> dict[str, bytes]:
        """The new bytes of every parsed file, by catalog reference (a file left as it was keeps its bytes)."""
        chosen_by_node = {
            id(candidate.node): Msgid(message.english, message.english_plural)
            for message in messages
            if message.english is not None and message.origin != "invalid"
            for candidate in message.occurrences
        }
        lazy = _bound_name(self.settings.lazy_import)
        # aiogram, pydantic, python-telegram-bot: their types take only a str, a lazy text serves comparisons only.
        strict = next((name for item in parsed if (name := _str_only_framework(item.data))), "")
        held = _held_at_import_time(messages, lazy, strict)
        compared = _compared_texts(messages, held)
        names = GettextNames(self.settings.gettext_name, self.settings.ngettext_name, lazy)
        new_sources: dict[str, bytes] = {}
        for item in parsed:
            chosen = [(c, chosen_by_node[id(c.node)]) for c in item.scan.candidates if id(c.node) in chosen_by_node]
            chosen = self._refuse_at_import_time(chosen, lazy, held, strict)
            self.used_templates.update(candidate.shape.template for candidate, _msgid in chosen)
            new_sources[item.reference] = self._rewrite_file(item, chosen, compared, names, lazy)
        return new_sources

    def _rewrite_file(
        self,
        item: ParsedFile,
        chosen: list[tuple[Candidate, Msgid]],
        compared: dict[str, str],
        names: GettextNames,
        lazy: str,
    ) -> bytes:
        """One file's new bytes; its own when nothing in it changes or the change would not parse."""
        module = item.module
        if module is None and compared and any(t.encode("utf-8") in item.data for t in compared):
            module = cst.parse_module(item.data)
        if not chosen and not self.renames and module is None:
            return item.data
        module = module if module is not None else cst.parse_module(item.data)
        new_module = rewrite_module(module, chosen, names, [])
        new_module, compared_with, refused = rewrite_comparisons(new_module, compared, names)
        for literal in refused:
            self._report_import_time(item.path, module, literal)
        new_module, renamed = rename_msgids(
            new_module, self.renames, lambda callee: is_gettext_call(callee, self.config)
        )
        if not chosen and not renamed and not compared_with:
            return item.data
        new_module = add_imports(new_module, self._imports(item, chosen, compared_with, lazy))
        new_data = new_module.bytes
        try:
            check_python_parses(item.path, new_data)
        except UnsafeWriteError as exc:
            self.plan.errors.append(Problem(item.path, 1, 1, str(exc)))
            return item.data
        self.plan.applied += len(chosen)
        self.plan.renamed += renamed
        if new_data != item.data:
            self.plan.code.append(PlannedFile(Path(item.path), item.data, new_data))
        return new_data

    def _refuse_at_import_time(
        self, chosen: list[tuple[Candidate, Msgid]], lazy: str, held: set[str], strict: str
    ) -> list[tuple[Candidate, Msgid]]:
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

    def _report_import_time(self, path: str, module: cst.Module, literal: cst.SimpleString) -> None:
        code = module.code_for_node(literal)
        before, found, _rest = module.code.partition(code)
        line, column = (before.count("\n") + 1, len(before.rpartition("\n")[2]) + 1) if found else (1, 1)
        text = literal.evaluated_value  # a text message's literal: a str (bytes never match a msgid)
        self.compared_at_import_time.append(
            Problem(
                path,
                line,
                column,
                f"not rewritten: {module.code_for_node(literal)} is compared with incoming text at import "
                f"time and the gettext module has no lazy gettext `__`; compare with the translated text "
                f"by hand",
                text if isinstance(text, str) else text.decode("utf-8", "replace"),
            )
        )

    def _imports(
        self, item: ParsedFile, chosen: list[tuple[Candidate, Msgid]], compared_with: set[str], lazy: str
    ) -> list[str]:
        plain = any(not c.module_level for c, _m in chosen) or self.settings.gettext_name in compared_with
        wants_lazy = bool(lazy) and (any(c.module_level for c, _m in chosen) or lazy in compared_with)
        statements = [self.settings.import_statement] if plain and not item.imports_gettext else []
        if wants_lazy and not _imports_name(item.data, lazy):
            statements = _joined(statements, self.settings.lazy_import)
        if any(msgid.plural for _c, msgid in chosen) and not item.imports_ngettext and self.settings.ngettext_import:
            statements = _joined(statements, self.settings.ngettext_import)
        return statements


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


def _held_at_import_time(messages: list[Message], lazy: str, strict: str) -> set[str]:
    """Messages with a text left as it was at import time (a button): every use of them stays as it is."""
    return {
        message.template
        for message in messages
        if message.english is not None
        and any(
            _import_time_refusal(c, Msgid(message.english, message.english_plural), lazy, strict)
            for c in message.occurrences
        )
    }


def _compared_texts(messages: list[Message], held: set[str]) -> dict[str, str]:
    """What incoming text is compared with: the original of every plain message now in the catalogs -> its
    English."""
    return {
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
