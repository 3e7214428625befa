"""`extract` wraps exactly the user-facing messages `check` reports, across modules (issue 11).

A small bot keeps its Uzbek messages and button labels in `texts.py` (constants, a `TEXTS` table, an Enum)
and sends them from `handlers.py`. Every EG401 that `check` reports must be sent to review by the first
`extract` run and wrapped by the second, or be named in extract's output with its position and a reason.
One Title Case label (`📊 Test Tahlili`) is user-facing only because `handlers.py` shows it: `texts.py`
checked alone does not report it, and extract still wraps it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from babel.messages.pofile import read_po, write_po
from check_helpers import in_project

TEXTS = '''"""Texts the bot sends."""

from enum import Enum

WELCOME = "Assalomu alaykum! Botimizga xush kelibsiz."
ORDER_BUTTON = "Buyurtma"
BACK_BUTTON = "Orqaga"
PRICE_LABEL = "Narxlar Ro'yxati"
TEXTS = {
    "bye": "Xayr, yana keling!",
    "menu": "Menyu",
}
CALLBACK_ID = "buyurtma_ber"
STATS_LABEL = "📊 Test Tahlili"


class Button(Enum):
    settings = "Sozlamalar"
    contacts = "Aloqa"
'''

HANDLERS = '''"""Handlers that send the texts."""

from bot import texts
from bot.texts import BACK_BUTTON, ORDER_BUTTON, PRICE_LABEL, TEXTS, Button


def display_name(user):
    return user.full_name


async def start(message):
    await message.answer(texts.WELCOME)


async def menu(message, keyboard):
    keyboard.add(ORDER_BUTTON)
    keyboard.add(BACK_BUTTON)
    keyboard.add(PRICE_LABEL)
    keyboard.add(KeyboardButton(text=texts.STATS_LABEL))
    keyboard.add(Button.settings.value)
    keyboard.add(Button.contacts.value)
    await message.answer(TEXTS["menu"], reply_markup=keyboard)


async def greet(message):
    await message.answer("Salom, " + display_name(message.from_user) + "! Buyurtmangiz qabul qilindi")


async def bye(message):
    await message.answer(TEXTS["bye"])
'''

_NOT_EXTRACTED = re.compile(r"^(?P<path>\S+?):(?P<line>\d+):(?P<column>\d+): not extracted: (?P<reason>.+)$", re.M)


def _make_bot(root: Path) -> Path:
    (root / "bot").mkdir()
    (root / "bot" / "__init__.py").write_text("", encoding="utf-8")
    (root / "bot" / "texts.py").write_text(TEXTS, encoding="utf-8")
    (root / "bot" / "handlers.py").write_text(HANDLERS, encoding="utf-8")
    return root


def _eg401(project: Path) -> list[dict]:
    result = in_project(project, "check", ".", "--format", "json", "--no-cache")
    return [f for f in json.loads(result.output)["findings"] if f["code"] == "EG401"]


def _extract(project: Path):
    return in_project(
        project, "extract", "bot", "--engine", "none", "--source-lang", "uz", "--locales", "locales",
        "--test-command", "none",
    )  # fmt: skip


def test_every_eg401_check_reports_is_wrapped_by_extract_or_listed_with_a_reason(tmp_path):
    project = _make_bot(tmp_path)
    reported = _eg401(project)
    # the cross-module flows: labels held in texts.py and shown from handlers.py are reported
    assert {f["text"] for f in reported if f["path"] == "bot/texts.py"} >= {
        "Buyurtma", "Orqaga", "Narxlar Ro'yxati", "Menyu", "Sozlamalar", "Aloqa", "Xayr, yana keling!",
    }  # fmt: skip
    assert "buyurtma_ber" not in {f["text"] for f in reported}  # an id, not a message
    # A Title Case label is a candidate: texts.py alone does not report it, handlers.py's button shows it.
    assert "📊 Test Tahlili" in {f["text"] for f in reported}
    alone = in_project(project, "check", "bot/texts.py", "--format", "json", "--no-cache")
    assert "📊 Test Tahlili" not in {f["text"] for f in json.loads(alone.output)["findings"]}

    first = _extract(project)
    assert first.exit_code == 1, first.output
    listed = {(m["path"], int(m["line"]), int(m["column"])): m["reason"] for m in _NOT_EXTRACTED.finditer(first.output)}
    review = project / "locales" / "messages.review.po"
    with review.open("rb") as handle:
        catalog = read_po(handle)
    waiting = {message.id for message in catalog if message.id}

    # every EG401 is either waiting for its English (it will be wrapped) or listed with a reason
    unaccounted = [
        f for f in reported if f["text"] not in waiting and (f["path"], f["line"], f["column"]) not in listed
    ]
    assert unaccounted == []
    # and extract proposes nothing `check` does not report: one notion of user-facing
    assert waiting <= {f["text"] for f in reported}
    assert all(reason.strip() for reason in listed.values())
    # the concatenation with a call in the middle is named once per string, each with its reason
    greet = (
        HANDLERS.splitlines().index(
            '    await message.answer("Salom, " + display_name(message.from_user) + "! Buyurtmangiz qabul qilindi")'
        )
        + 1
    )
    assert {key for key in listed if key[0] == "bot/handlers.py"} == {
        ("bot/handlers.py", greet, 26), ("bot/handlers.py", greet, 72)
    }  # fmt: skip
    assert listed[("bot/handlers.py", greet, 72)].startswith(f"part of the expression at {greet}:26: concatenation")

    for message in catalog:
        if message.id:
            message.string = _ENGLISH[message.id]  # a reviewer's answer
    with review.open("wb") as handle:
        write_po(handle, catalog)
    second = _extract(project)
    assert "wrapped 9 message(s)" in second.output, second.output  # exit 1: the concatenation stays reported

    left = {(f["path"], f["line"], f["column"]) for f in _eg401(project)}
    listed_after = {(m["path"], int(m["line"]), int(m["column"])) for m in _NOT_EXTRACTED.finditer(second.output)}
    assert left <= listed_after, (left, second.output)
    new_texts = (project / "bot" / "texts.py").read_text(encoding="utf-8")
    every_english = (
        "Orders",
        "Back",
        "Price list",
        "📊 Test analysis",
        "Menu",
        "Settings",
        "Contact us",
        "Goodbye, come again!",
    )
    for english in every_english:
        assert f'("{english}")' in new_texts
    assert '"buyurtma_ber"' in new_texts  # data stays as it is
    with (project / "locales" / "uz" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        source = {message.id: message.string for message in read_po(handle) if message.id}
    assert source["Price list"] == "Narxlar Ro'yxati"
    assert source["Settings"] == "Sozlamalar"
    assert source["📊 Test analysis"] == "📊 Test Tahlili"  # the label only the second module shows


_ENGLISH = {
    "Assalomu alaykum! Botimizga xush kelibsiz.": "Hello! Welcome to our bot.",
    "Buyurtma": "Orders",
    "Orqaga": "Back",
    "Narxlar Ro'yxati": "Price list",
    "📊 Test Tahlili": "📊 Test analysis",
    "Xayr, yana keling!": "Goodbye, come again!",
    "Menyu": "Menu",
    "Sozlamalar": "Settings",
    "Aloqa": "Contact us",
}
