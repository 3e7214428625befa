"""extract on a bot that runs on the real aiogram 3 (issue 12): every button press is still handled in every
locale, through `F.text ==`, `F.text.in_()` and `match`; a keyboard made at import time is left as it was
(aiogram's types refuse a lazy text), and its comparisons stay with it. On tests/fixtures/tugma_bot.

The bot's answers are read as aiogram's session would send them; no request reaches Telegram.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from migrate_helpers import environment
from test_extract_bot import fill_review

FIXTURE = Path(__file__).parent / "fixtures" / "tugma_bot"

# What a reviewer writes for the bot's texts (original -> English).
ANSWERS = {
    "🏠 Bosh sahifa": "🏠 Home",
    "🛒 Savat": "🛒 Cart",
    "📦 Buyurtma": "📦 Order",
    "ℹ️ Yordam": "ℹ️ Help",
    "❌ Bekor qilish": "❌ Cancel",
    "Xush kelibsiz": "Welcome",
    "Savatingiz bo'sh": "Your cart is empty",
    "Buyurtmalaringiz yo'q": "You have no orders",
    "Tugmalardan birini bosing": "Press one of the buttons",
    "Bekor qilindi": "Cancelled",
    "Tushunmadim": "I did not understand",
}

# Each locale presses the buttons it is shown, with the real Dispatcher and magic filter.
LOCALE_TEST = """
import pytest
from conftest import buttons, press, sent


@pytest.fixture
def english(monkeypatch):
    monkeypatch.setenv("MESSAGES_LOCALE", "en")


def test_english_user_sees_english_buttons_and_each_press_is_handled(english):
    answer = press("🏠 Bosh sahifa")  # the keyboard made at import time keeps its label in every locale
    assert sent(answer)["text"] == "Xush kelibsiz"  # a constant: aiogram would refuse a lazy text there
    assert buttons(answer) == ["🛒 Cart", "📦 Order"]
    cart = press("🛒 Cart")  # F.text == __("🛒 Cart")
    assert sent(cart)["text"] == "Your cart is empty"
    assert buttons(cart) == ["ℹ️ Help", "❌ Cancel"]
    assert sent(press("📦 Order"))["text"] == "You have no orders"  # F.text.in_([__("📦 Order"), ...])
    assert sent(press("/buyurtma"))["text"] == "You have no orders"
    assert sent(press("ℹ️ Help"))["text"] == "Press one of the buttons"  # match ... case
    cancelled = press("❌ Cancel")
    assert sent(cancelled)["text"] == "Cancelled"
    assert buttons(cancelled) == ["🏠 Bosh sahifa"]
    assert sent(press("🛒 Savat"))["text"] == "I did not understand"  # the Uzbek label is not an English press


def test_uzbek_user_is_served_as_before(monkeypatch):
    monkeypatch.setenv("MESSAGES_LOCALE", "uz")
    assert buttons(press("🛒 Savat")) == ["ℹ️ Yordam", "❌ Bekor qilish"]
    assert sent(press("📦 Buyurtma"))["text"] == "Buyurtmalaringiz yo'q"
    assert sent(press("❌ Bekor qilish"))["text"] == "Bekor qilindi"
    assert sent(press("🛒 Cart"))["text"] == "Tushunmadim"
"""


def _run(command: list[str], folder: Path) -> subprocess.CompletedProcess:
    env = {**environment(folder.parent), "PYTEST_ADDOPTS": ""}
    env.pop("MESSAGES_LOCALE", None)
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300, env=env)


def _extract(folder: Path) -> subprocess.CompletedProcess:
    done = _run(
        [sys.executable, "-m", "english_guard", "extract", ".", "--source-lang", "uz", "--engine", "none"], folder
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _bot_tests(folder: Path) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], folder)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("tugma") / "bot"
    shutil.copytree(FIXTURE, folder, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    before = _bot_tests(folder)
    _extract(folder)
    filled = fill_review(folder / "locales" / "messages.review.po", ANSWERS)
    second = _extract(folder)
    return {"folder": folder, "before": before, "filled": filled, "second": second}


def test_the_bot_tests_pass_before(extracted):
    assert extracted["before"].returncode == 0, extracted["before"].stdout


def test_filters_and_match_cases_follow_their_buttons(extracted):
    handlers = (extracted["folder"] / "dokon" / "handlers.py").read_text(encoding="utf-8")
    assert '@router.message(F.text == __("🛒 Cart"))' in handlers
    # a set would hash the lazy texts once, in one locale: a list compares them when a message comes
    assert '@router.message(F.text.in_([__("📦 Order"), "/buyurtma"]))' in handlers
    assert 'case incoming_text if incoming_text == _("ℹ️ Help"):' in handlers
    assert 'case incoming_text if incoming_text in (_("❌ Cancel"), "/bekor"):' in handlers
    keyboards = (extracted["folder"] / "dokon" / "klaviatura.py").read_text(encoding="utf-8")
    assert 'KeyboardButton(text=_("🛒 Cart"))' in keyboards


def test_a_keyboard_made_at_import_time_is_left_with_its_filter_and_the_reason(extracted):
    keyboards = (extracted["folder"] / "dokon" / "klaviatura.py").read_text(encoding="utf-8")
    assert 'KeyboardButton(text="🏠 Bosh sahifa")' in keyboards
    handlers = (extracted["folder"] / "dokon" / "handlers.py").read_text(encoding="utf-8")
    assert '@router.message(F.text == "🏠 Bosh sahifa")' in handlers
    output = extracted["second"].stdout + extracted["second"].stderr
    assert "it is passed to `KeyboardButton(...)` then" in output
    assert "the same text made at import time elsewhere (a button) stays as it is" in output
    assert "dokon/matnlar.py:2:17: not extracted" in output and "the project uses aiogram" in output
    assert 'XUSH_KELIBSIZ = "Xush kelibsiz"' in (extracted["folder"] / "dokon" / "matnlar.py").read_text("utf-8")


def test_the_bot_tests_pass_after_and_every_locale_presses_its_buttons(extracted):
    folder = extracted["folder"]
    assert extracted["filled"] >= 10
    (folder / "tests" / "test_locales.py").write_text(LOCALE_TEST, encoding="utf-8")
    try:
        done = _bot_tests(folder)
    finally:
        (folder / "tests" / "test_locales.py").unlink()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "7 passed" in done.stdout


def test_a_second_run_changes_nothing(extracted):
    folder = extracted["folder"]
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    _extract(folder)
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert after == before


def test_lazy_text_with_aiogram_types_and_magic_filter(tmp_path, monkeypatch):
    """The generated `__` against aiogram itself: the magic filter compares a real Message's text with it in
    the user's locale, and aiogram's types refuse it (which is why extract leaves import-time keyboards)."""
    from aiogram import F
    from aiogram.types import KeyboardButton, Message
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from pydantic import ValidationError

    from english_guard.i18n.runtime import render_runtime_module

    catalog = Catalog(locale="uz", domain="messages")
    catalog.add("🛒 Cart", "🛒 Savat")
    (tmp_path / "locales" / "uz" / "LC_MESSAGES").mkdir(parents=True)
    with (tmp_path / "locales" / "uz" / "LC_MESSAGES" / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    helper = tmp_path / "lazy_i18n_probe.py"
    helper.write_text(
        render_runtime_module(helper, tmp_path / "locales", "messages", "uz", "lazy_i18n_probe"), encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    import lazy_i18n_probe as i18n

    cart = F.text == i18n.__("🛒 Cart")  # built once, at import time, as a decorator's filter is
    message = Message.model_validate(
        {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "text": "🛒 Savat"}
    )
    english = message.model_copy(update={"text": "🛒 Cart"})
    with i18n.use_locale("uz"):
        assert cart.resolve(message) and not cart.resolve(english)
    with i18n.use_locale("en"):
        assert cart.resolve(english) and not cart.resolve(message)
    with pytest.raises(ValidationError):
        KeyboardButton(text=i18n.__("🛒 Cart"))
