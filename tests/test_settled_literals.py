"""The string literals the check reads without a segment are those whose segment `evaluate` would do nothing with.

`evaluate` treats each string segment on its own (the file's identifiers, references and document prose are the
only segments it reads across), so a segment that alone gives no finding and leaves the file's evidence empty
gives nothing in any file: that is the definition each literal left out is held to, on every sample text and
role, in a file and in test data, with every rule reported and with none. tests/test_settled.py compares whole
checks with and without settling, this shortcut included.
"""

from __future__ import annotations

import pytest
from check_helpers import sample_texts

from english_guard.config import Config
from english_guard.findings import FileEvidence, evaluate
from english_guard.language import settled
from english_guard.records import Segment
from english_guard.rules import RULES
from english_guard.sources.python import read_python_text, read_python_to_judge
from english_guard.sources.settled_literals import literals_needing_no_segment
from english_guard.sources.string_roles import (
    DEVELOPER,
    EXCEPTION,
    LOG,
    MSGID,
    NAME,
    PRESUMED,
    TEST_DATA,
    USER_FACING,
    text_shape,
)

ROLES = (USER_FACING, MSGID, LOG, EXCEPTION, DEVELOPER, NAME, TEST_DATA)
EVERY_CODE = frozenset(RULES)
EDGE_TEXTS = [
    "Send the report to the user",  # two spaces: English weight in the profile
    "Bosh Menu",
    "Test Tahlili",  # a user-facing Title Case label leans through a lexicon word
    "ILTIMOS QISQA VA TUSHUNARLI YOZING",  # shouted: judged again in small letters
    "SAVE ALL",
    "utf-8",
    "__main__",
    "read_settings",
    "Hello",
    "Salom",
    "Foydalanuvchi",
    "Отправить",
    "it's done",
    "zorbix_glorp",
]
TEXTS = list(dict.fromkeys([*sample_texts(), *EDGE_TEXTS]))


def _nothing_follows(text: str, role: str, path: str, enabled: frozenset[str]) -> bool:
    segment = Segment(path, "string", text, 3, 5, 3, 5 + len(text), role, role == USER_FACING, PRESUMED, "HELD")
    evidence = FileEvidence()
    findings = evaluate([segment], enabled, frozenset(), 0.5, frozenset(), evidence)
    return not findings and evidence == FileEvidence()


def test_every_literal_left_out_changes_nothing() -> None:
    needs_no_segment = literals_needing_no_segment(frozenset())
    assert needs_no_segment is not None
    left_out = 0
    for text in TEXTS:
        if text_shape(text) == "data":
            continue  # never a segment at all
        for role in ROLES:
            if needs_no_segment(text, role):
                left_out += 1
                for path in ("app/views.py", "tests/data/sample.py"):
                    for enabled in (EVERY_CODE, frozenset()):
                        assert _nothing_follows(text, role, path, enabled), (text, role, path)
    assert left_out > 300  # the shortcut is not idle (642 without ../shared beside the checkout, as in CI)


@pytest.mark.parametrize(
    "text, role",
    [
        ("Send the report to the user", USER_FACING),
        ("Test Tahlili", USER_FACING),
        ("ILTIMOS QISQA VA TUSHUNARLI YOZING", LOG),
        ("Salom", USER_FACING),
        ("Отправить", USER_FACING),
    ],
)
def test_literals_that_weigh_lean_or_are_foreign_keep_their_segment(text: str, role: str) -> None:
    needs_no_segment = literals_needing_no_segment(frozenset())
    assert needs_no_segment is not None
    assert not needs_no_segment(text, role)
    assert not _nothing_follows(text, role, "app/views.py", EVERY_CODE)


def test_a_sentence_of_test_data_is_left_out_but_not_a_sentence_of_the_code() -> None:
    needs_no_segment = literals_needing_no_segment(frozenset())
    assert needs_no_segment is not None
    assert needs_no_segment("Send the report to the user", TEST_DATA)
    assert not needs_no_segment("Send the report to the user", LOG)


SOURCE = (
    "import logging\n\n"
    "log = logging.getLogger(__name__)\n"
    'ENCODING = "utf-8"\n\n\n'
    "def send(bot, chat):\n"
    '    log.info("sent")\n'
    '    bot.send_message(chat, "Salom, xush kelibsiz")\n'
    '    bot.send_message(chat, "Send the report to the user")\n'
)


def test_the_check_reads_fewer_literals_and_the_fixes_read_all(monkeypatch) -> None:
    def strings(segments: list[Segment]) -> list[str]:
        return [s.text for s in segments if s.kind == "string"]

    every = strings(read_python_text("bot.py", SOURCE, Config()))
    judged = strings(read_python_to_judge("bot.py", SOURCE, Config()))
    assert every == ["utf-8", "sent", "Salom, xush kelibsiz", "Send the report to the user"]
    assert judged == ["Salom, xush kelibsiz", "Send the report to the user"]
    monkeypatch.setattr(settled, "ENABLED", False)  # no settling: every literal is judged
    assert strings(read_python_to_judge("bot.py", SOURCE, Config())) == every
