"""The extract fix from end to end: scan, choose English msgids, rewrite, plan catalogs, write.

    files -> messages -> English (review file, catalog, engine, or a human later)
          -> rewritten code -> Babel template over that code -> .po / .mo -> written atomically

`plan_extract` decides everything and touches nothing; `ExtractPlan.changes` are what it would write,
and the shared runner (`fixes.runner`) writes them: verified, all files or none, catalogs and the runtime
helper before the code, so code never refers to a catalog that is not there yet.

Each step is its own module: `messages` (files -> messages), `english_msgids` (the English of each),
`code_changes` (the rewritten code), `after_rewrite` (positions in the files as they will be),
`catalog_sources` and `i18n.sync` (the catalogs), `review_plan` (the review file).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from english_guard.config import Config
from english_guard.fixes.extract.after_rewrite import RewrittenFiles
from english_guard.fixes.extract.catalog_sources import keep_unreadable_files_messages, template_sources
from english_guard.fixes.extract.code_changes import CodeRewriter
from english_guard.fixes.extract.english_msgids import EnglishMsgids
from english_guard.fixes.extract.messages import check_view, find_messages, parse_files
from english_guard.fixes.extract.parsing import display_path
from english_guard.fixes.extract.plan import ExtractPlan, Message
from english_guard.fixes.extract.records import Problem
from english_guard.fixes.extract.review_plan import plan_review
from english_guard.fixes.extract.settings import ExtractSettings
from english_guard.i18n.catalogs import babel_keywords, extract_template
from english_guard.i18n.runtime import is_generated, render_runtime_module
from english_guard.i18n.sync import PlannedFile, plan_catalogs, previous_template
from english_guard.own_files import read_source_file
from english_guard.safe_write import UnsafeWriteError
from english_guard.settings import settings_for

STATE = ".english-guard/extract"  # the commit journal of `extract` (see fixes.transaction)


def _python_files(paths: Iterable[str], config: Config) -> tuple[list[Path], list[Problem]]:
    from english_guard.walk import collect_files

    walked = collect_files(list(paths), config)
    problems = [Problem(path, 1, 1, message) for path, message in walked.problems]
    files = [Path(name) for name in walked.files if name.endswith(".py")]
    return files, problems


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


def plan_extract(paths: Iterable[str], settings: ExtractSettings) -> ExtractPlan:
    """Everything the extraction of `paths` would change (nothing is written: see `ExtractPlan.file_changes`)."""
    config = settings.config
    assert config is not None, "settings come from extract_settings()"
    root = Path(config.root).resolve()
    keywords = babel_keywords(config.gettext_functions)
    judging = settings_for(config)
    plan = ExtractPlan()
    paths = list(paths)
    files, walk_problems = _python_files(paths, config)
    plan.errors.extend(walk_problems)
    if not settings.include_tests:
        files, left_out = _without_tests(files, paths)
        if left_out:
            plan.notes.append(
                f"{left_out} test files not extracted (their texts are test data; --include-tests extracts them too)"
            )
    parsed = parse_files(files, config, settings, root, plan.errors)
    view = check_view(parsed, config)
    messages = find_messages(parsed, view, settings, judging, plan.problems)
    english = EnglishMsgids(settings, keywords, view, plan)
    english.choose(messages, parsed)
    rewriter = CodeRewriter(settings, config, english.renames, plan)
    new_sources = rewriter.rewrite(parsed, messages)

    # Positions reported after the rewrite are the positions in the file as it will be.
    changed = {planned.path.as_posix() for planned in plan.code}
    rewritten = RewrittenFiles(parsed, new_sources, changed, config, settings)
    plan.problems = _problems_after_rewrite(plan.problems, changed, rewritten, messages, rewriter)

    template = extract_template(template_sources(settings, root, plan.errors, new_sources), keywords)
    keep_unreadable_files_messages(template, settings, root, plan.errors)
    source_texts: dict[str, str | tuple[str, ...]] = {
        m.english: m.template
        for m in messages
        if m.english is not None and not m.english_source and m.origin != "invalid" and m.english != m.template
    }
    source_texts.update(english.corrected)
    source_texts.update({singular: originals for singular, (_forms, originals) in english.moved_plurals.items()})
    moved: dict[str, str | tuple[str, str]] = dict(english.moved)
    moved.update({originals[0]: forms for forms, originals in english.moved_plurals.values()})
    if len(template) or previous_template(settings.locales_dir / f"{settings.domain}.pot") is not None:
        plan.catalogs = plan_catalogs(
            settings.locales_dir, settings.domain, template, settings.source_lang, source_texts, moved
        )
    plan_review(
        plan,
        settings,
        messages,
        rewritten,
        root,
        english.msgid_entries,
        scanned={item.reference for item in parsed},
        template_ids={m.id for m in template if m.id and isinstance(m.id, str)},  # a plural id never matches
        used_templates=rewriter.used_templates,
    )
    _plan_runtime_module(plan, settings)
    _refuse_links_out_of_the_project(plan, root)
    return plan


def _problems_after_rewrite(
    problems: list[Problem],
    changed: set[str],
    rewritten: RewrittenFiles,
    messages: list[Message],
    rewriter: CodeRewriter,
) -> list[Problem]:
    """Every problem at its place in the files as they will be, sorted by place: the changed files' from
    their new scan, the messages whose English was refused, and the texts left at import time."""
    kept = [p for p in problems if p.path not in changed] + rewritten.problems
    for message in messages:
        if message.origin == "invalid":
            for candidate in message.occurrences:
                line, column = rewritten.position(candidate, message.template)
                kept.append(Problem(candidate.path, line, column, message.problem, message.template))
    for candidate, why in rewriter.at_import_time:
        line, column = rewritten.position(candidate, candidate.shape.template)
        kept.append(Problem(candidate.path, line, column, why, candidate.shape.template))
    kept += rewriter.compared_at_import_time
    return sorted(kept, key=lambda p: (p.path, p.line, p.column))


def _plan_runtime_module(plan: ExtractPlan, settings: ExtractSettings) -> None:
    """The generated gettext helper, when the rewritten code needs it and it does not exist yet."""
    path = settings.runtime_module
    if path is not None and not path.exists() and not plan.code:
        return  # nothing uses it yet
    if path is None or path.exists():
        if path is not None and path.is_file() and not is_generated(path.read_text(encoding="utf-8", errors="replace")):
            plan.notes.append(f"{display_path(path)} exists and is the project's own; it was not changed")
        return
    module_name = settings.import_statement.split()[1]
    text = render_runtime_module(path, settings.locales_dir, settings.domain, settings.source_lang, module_name)
    plan.runtime = PlannedFile(path, None, text.encode("utf-8"))


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
                f"{display_path(Path(path))}: a symbolic link takes it out of the project (to {real}); "
                f"extract writes only inside the project, nothing was written"
            )


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, os.path.abspath(folder)]) == os.path.abspath(folder)
