"""The one review-file concept of the fixes (`fixes/review_file.py`): extract's, translate's and the migration's
PO files share its entries, and rename's TOML plan file shares its header comments and its errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from english_guard.fixes.extract.review import load_review, render_review
from english_guard.fixes.rename.planfile import PlanEntry, PlanError, dump_plan, load_plan
from english_guard.fixes.review_file import ReviewEntry, ReviewFileError, comment_block
from english_guard.fixes.translate.review import ReviewError, read_review
from english_guard.i18n.catalogs import CatalogError

# Written by extract before its entries were the shared ReviewEntry (a machine proposal, a text waiting for a
# human, a counting message and an answer).
WRITTEN_BEFORE = Path(__file__).parent / "fixtures" / "review_files" / "messages.review.po"


def _without_babel_version(data: bytes) -> bytes:
    return re.sub(rb'"Generated-By: Babel [^"]*"\n', b"", data)


def test_an_extract_review_file_of_the_earlier_version_loads_as_shared_entries():
    entries = load_review(WRITTEN_BEFORE)
    assert all(isinstance(entry, ReviewEntry) for entry in entries.values())
    proposal = entries["Buyurtma qabul qilindi"]
    assert (proposal.english, proposal.fuzzy, proposal.accepted) == ("Order accepted", True, False)
    assert proposal.comments == [
        "english-guard: English proposed by the argos engine and already used in the code; check it"
    ]
    waiting = entries["Savatingiz bo'sh"]
    assert (waiting.english, waiting.comments, waiting.locations) == (
        "",
        [],  # the request to write the English is worded anew on every run
        [("bot/cart.py", 40), ("bot/handlers.py", 30)],
    )
    assert entries["{n} ta mahsulot"].plural_like
    assert entries["Xush kelibsiz"].accepted


def test_rewriting_an_earlier_extract_review_file_changes_no_byte():
    old = WRITTEN_BEFORE.read_bytes()
    new = render_review(list(load_review(WRITTEN_BEFORE).values()), None, old)
    assert new is not None
    assert _without_babel_version(new) == _without_babel_version(old)


def test_a_review_file_that_is_not_po_is_one_error_naming_it(tmp_path):
    broken = tmp_path / "messages.review.po"
    broken.write_text('msgid "a"\nmsgid "b"\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"messages\.review\.po: not a valid PO file"):
        load_review(broken)
    with pytest.raises(ReviewError, match=r"messages\.review\.po: not a valid PO file") as raised:
        read_review(broken)
    assert isinstance(raised.value, ReviewFileError)


def test_the_plan_file_shares_the_header_and_the_error_of_the_review_files(tmp_path):
    text = dump_plan([PlanEntry("bot.narx", "narx", "variable", "bot.py:1:0", 2, "price")], "renames.toml")
    header = text.split("\nversion = ")[0].rstrip("\n")
    assert header.startswith("# english-guard rename plan.")
    assert header == comment_block("\n".join(line[2:] for line in header.splitlines()))
    assert [entry.new_name for entry in load_plan(text, "renames.toml")] == ["price"]
    with pytest.raises(ReviewFileError, match=r"renames\.toml: unsupported plan version 2"):
        load_plan(text.replace("version = 1", "version = 2"), "renames.toml")
    assert issubclass(PlanError, ReviewFileError) and issubclass(ReviewError, ReviewFileError)


def test_comment_block_marks_empty_lines_with_a_bare_hash():
    assert comment_block("first\n\n  indented\n") == "# first\n#\n#   indented"
