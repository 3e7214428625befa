"""Only reviewed English is written: machine proposals the check itself doubts stay fuzzy in translations.po."""

from __future__ import annotations

import os

from babel.messages.pofile import read_po

from english_guard.config import load_config
from english_guard.fixes.translate.workflow import is_low_confidence
from english_guard.language import judge
from english_guard.migrate import translation_step

SOURCE = '''"""Обработчики сообщений бота."""


def ishga_tushir():
    """Buyurtma bosqichlari."""
    return 1
'''


def _entries(path):
    with open(path, "rb") as handle:
        return {m.id: m for m in read_po(handle) if m.id}


def test_glossary_proposals_are_fuzzy_and_not_written(tmp_path, monkeypatch):
    project = tmp_path / "bot"
    project.mkdir()
    module = project / "handlers.py"
    module.write_text(SOURCE, encoding="utf-8")
    monkeypatch.chdir(project)
    review = project / "translations.po"
    outcome = translation_step.run(["."], load_config(start="."), review, "glossary", use_memory=False)
    assert not outcome.errors
    entries = _entries(review)
    proposals = {text: entry for text, entry in entries.items() if entry.string}
    assert proposals, entries
    for text, entry in proposals.items():
        assert entry.fuzzy, f"{text!r} -> {entry.string!r} was written without review"
    assert not outcome.applied
    assert module.read_text(encoding="utf-8") == SOURCE
    # A reviewer accepts one: the next run writes exactly the reviewed English.
    with open(review, "rb") as handle:
        catalog = read_po(handle)
    accepted = catalog["Обработчики сообщений бота."]
    accepted.string = "Message handlers of the bot."
    accepted.flags.discard("fuzzy")
    from babel.messages.pofile import write_po

    with open(review, "wb") as handle:
        write_po(handle, catalog, width=0)
    translation_step.run(["."], load_config(start="."), review, "glossary", use_memory=False)
    text = module.read_text(encoding="utf-8")
    assert '"""Message handlers of the bot."""' in text
    assert '"""Buyurtma bosqichlari."""' in text
    assert os.path.exists(review)


def test_the_checks_own_engine_judges_every_proposal():
    original = "Обработчики сообщений бота."
    # A neural engine's output that leaves a word nobody knows is not written unreviewed.
    assert is_low_confidence(original, "Handlers of the xqzvbot messages.", "docstring", judge)
    assert is_low_confidence("Buyurtma bosqichlari.", "Buyurtma stages.", "docstring", judge)
    # Plain English from a confident engine is applied; from the glossary it is still only a proposal.
    assert not is_low_confidence(original, "Message handlers of the bot.", "docstring", judge, 0.9)
    assert is_low_confidence(original, "Message handlers of the bot.", "docstring", judge, 0.9, needs_review=True)
