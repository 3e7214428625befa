"""extract keeps the bot working in every locale (issue 12): texts made at import time (keyboards) use the
lazy gettext `__`, and every comparison with incoming text follows its button. On tests/fixtures/ombor_bot."""

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


def test_english_locale_shows_and_handles_the_english_buttons(monkeypatch):
    monkeypatch.setenv("MESSAGES_LOCALE", "en")
    from dokon.klaviatura import asosiy_menyu

    assert [str(button.text) for row in asosiy_menyu.keyboard for button in row] == ["🛒 Cart", "📦 Order"]
    handled, answers = press("🛒 Cart")
    assert handled and len(answers) == 1
    assert press("📦 Order")[0]
    assert not press("🛒 Savat")[0]  # an English user never sends the Uzbek label


def test_uzbek_locale_keeps_the_uzbek_buttons(monkeypatch):
    monkeypatch.setenv("MESSAGES_LOCALE", "uz")
    from dokon.klaviatura import asosiy_menyu

    assert [str(button.text) for row in asosiy_menyu.keyboard for button in row] == ["🛒 Savat", "📦 Buyurtma"]
    assert press("🛒 Savat")[0]
    assert not press("🛒 Cart")[0]
"""


def _run(command: list[str], folder: Path) -> subprocess.CompletedProcess:
    env = {**environment(folder.parent), "PYTEST_ADDOPTS": ""}
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300, env=env)


def test_module_level_buttons_and_their_filters_work_in_every_locale(tmp_path):
    folder = tmp_path / "bot"
    shutil.copytree(FIXTURE, folder, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    done = _run(
        [sys.executable, "-m", "english_guard", "extract", ".", "--source-lang", "uz", "--engine", "glossary"], folder
    )
    assert done.returncode in (0, 1), done.stderr
    keyboard = (folder / "dokon" / "klaviatura.py").read_text(encoding="utf-8")
    assert 'KeyboardButton(text=__("🛒 Cart"))' in keyboard and "from i18n import __" in keyboard
    handlers = (folder / "dokon" / "handlers.py").read_text(encoding="utf-8")
    assert '@router.message(F.text == __("🛒 Cart"))' in handlers
    assert '"🛒 Savat"' not in handlers
    assert 'msgid "🛒 Cart"' in (folder / "locales" / "messages.pot").read_text(encoding="utf-8")
    # The bot's own tests (Uzbek, the default locale) still pass, and each locale presses its own buttons.
    (folder / "tests" / "test_locales.py").write_text(ENGLISH_LOCALE_TEST, encoding="utf-8")
    tests = _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], folder)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    # A second run changes nothing.
    before = {p: p.read_bytes() for p in folder.rglob("*.py")}
    _run([sys.executable, "-m", "english_guard", "extract", ".", "--source-lang", "uz", "--engine", "glossary"], folder)
    assert {p: p.read_bytes() for p in folder.rglob("*.py")} == before


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
