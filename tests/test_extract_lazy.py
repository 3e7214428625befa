"""extract keeps the bot working in every locale (issue 12): texts made at import time (keyboards) use the
lazy gettext `__` where it can serve them, and every comparison with incoming text follows its button."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from migrate_helpers import environment

FIXTURE = Path(__file__).parent / "fixtures" / "ombor_bot"

# What a user of each locale presses and reads, after extraction (the bot's own tests cover Uzbek).
ENGLISH_LOCALE_TEST = """
import asyncio

from aiogram.fsm.context import FSMContext
from aiogram.types import Message


def press(text):
    from dokon.handlers import router

    message = Message(text=text)
    handled = asyncio.run(router.feed(message, FSMContext()))
    return handled, message.answers


def test_english_locale_presses_the_buttons_made_at_import_time(monkeypatch):
    monkeypatch.setenv("MESSAGES_LOCALE", "en")
    from dokon.klaviatura import asosiy_menyu

    # left as they were (aiogram's types take no lazy text), so every locale shows and presses them
    assert [str(button.text) for row in asosiy_menyu.keyboard for button in row] == ["🛒 Savat", "📦 Buyurtma"]
    handled, answers = press("🛒 Savat")
    assert handled and len(answers) == 1
    assert press("📦 Buyurtma")[0]
"""

# A project without aiogram: texts made at import time take the lazy `__` and follow the user's locale.
LAZY_PROJECT = {
    "matnlar.py": '"""Matnlar."""\nSALOM = "Assalomu alaykum"\nTUGMALAR = ["🛒 Savat", "📦 Buyurtma"]\n',
    "ilova.py": (
        '"""Ilova."""\nfrom matnlar import SALOM, TUGMALAR\n\n\n'
        "def salomlash(kim):\n    return str(SALOM) + ', ' + kim\n\n\n"
        "def tugma_bosildi(matn):\n    return matn in TUGMALAR\n"
    ),
}
LAZY_ANSWERS = {"Assalomu alaykum": "Hello", "🛒 Savat": "🛒 Cart", "📦 Buyurtma": "📦 Order"}
LAZY_LOCALE_TEST = """
from ilova import salomlash, tugma_bosildi


def test_each_locale(monkeypatch):
    monkeypatch.setenv("MESSAGES_LOCALE", "en")
    assert salomlash("Ali") == "Hello, Ali"
    assert tugma_bosildi("🛒 Cart") and not tugma_bosildi("🛒 Savat")
    monkeypatch.setenv("MESSAGES_LOCALE", "uz")
    assert salomlash("Ali") == "Assalomu alaykum, Ali"
    assert tugma_bosildi("🛒 Savat") and not tugma_bosildi("🛒 Cart")
"""


def _run(command: list[str], folder: Path) -> subprocess.CompletedProcess:
    env = {**environment(folder.parent), "PYTEST_ADDOPTS": ""}
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300, env=env)


def test_buttons_made_at_import_time_in_an_aiogram_bot_stay_with_their_filters(tmp_path):
    folder = tmp_path / "bot"
    shutil.copytree(FIXTURE, folder, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    done = _run(
        [sys.executable, "-m", "english_guard", "extract", ".", "--source-lang", "uz", "--engine", "glossary"], folder
    )
    assert done.returncode in (0, 1), done.stderr
    output = done.stdout + done.stderr
    assert "dokon/klaviatura.py:4:67: not extracted: this text is made when the module is imported" in output
    assert "it is passed to `KeyboardButton(...)` then" in output
    keyboard = (folder / "dokon" / "klaviatura.py").read_text(encoding="utf-8")
    assert 'KeyboardButton(text="🛒 Savat")' in keyboard
    handlers = (folder / "dokon" / "handlers.py").read_text(encoding="utf-8")
    assert '@router.message(F.text == "🛒 Savat")' in handlers  # follows its button, which stays
    assert "_(" in handlers  # the replies inside the handlers are extracted
    # The bot's own tests (Uzbek, the default locale) still pass, and an English user's press is handled.
    (folder / "tests" / "test_locales.py").write_text(ENGLISH_LOCALE_TEST, encoding="utf-8")
    tests = _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], folder)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    # A second run changes nothing.
    before = {p: p.read_bytes() for p in folder.rglob("*.py")}
    _run([sys.executable, "-m", "english_guard", "extract", ".", "--source-lang", "uz", "--engine", "glossary"], folder)
    assert {p: p.read_bytes() for p in folder.rglob("*.py")} == before


def test_texts_made_at_import_time_take_the_lazy_gettext_and_follow_the_locale(tmp_path):
    from test_extract_bot import fill_review

    folder = tmp_path / "app"
    folder.mkdir()
    for name, text in LAZY_PROJECT.items():
        (folder / name).write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "english_guard", "extract", ".", "--source-lang", "uz", "--engine", "none"]
    _run(command, folder)
    assert fill_review(folder / "locales" / "messages.review.po", LAZY_ANSWERS) == 3
    done = _run(command, folder)
    assert "Traceback" not in done.stderr
    texts = (folder / "matnlar.py").read_text(encoding="utf-8")
    assert 'SALOM = __("Hello")' in texts and 'TUGMALAR = [__("🛒 Cart"), __("📦 Order")]' in texts
    (folder / "test_locales.py").write_text(LAZY_LOCALE_TEST, encoding="utf-8")
    tests = _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_locales.py"], folder)
    assert tests.returncode == 0, tests.stdout + tests.stderr


def test_without_a_lazy_gettext_import_time_texts_are_refused_with_the_reason(tmp_path):
    folder = tmp_path / "bot"
    folder.mkdir()
    source = (
        "from aiogram import F\n"
        "from aiogram.types import KeyboardButton\n\n"
        'savat = KeyboardButton(text="🛒 Savat")\n\n\n'
        '@router.message(F.text == "🛒 Savat")\n'
        "async def korsat(message):\n"
        '    await message.answer("Savat bo\'sh")\n'
    )
    (folder / "bot.py").write_text(source, encoding="utf-8")
    done = _run(
        [
            sys.executable,
            "-m",
            "english_guard",
            "extract",
            ".",
            "--source-lang",
            "uz",
            "--engine",
            "glossary",
            "--import",
            "from gettext import gettext as _",
        ],
        folder,
    )
    assert "Traceback" not in done.stderr
    output = done.stdout + done.stderr
    # line 5 once the gettext import is added above it, as the file is left
    assert "bot.py:5:29: not extracted: this text is made when the module is imported" in output
    assert "no lazy gettext" in output
    text = (folder / "bot.py").read_text(encoding="utf-8")
    assert 'KeyboardButton(text="🛒 Savat")' in text  # left as it was, not fixed to one language
    assert "_(" in text.split("async def korsat", 1)[1]  # the reply inside the handler is extracted
