"""A language picker shows each language by its own name: a name, the same in every locale, not text.

`🇺🇦 Українська`, `🇷🇺 РУССКИЙ`, `🇺🇿 O'zbekcha`, `🇰🇿 Қазақ тілі` on the buttons of a language picker are written
the same for every user (Django keeps them as `LANG_INFO[...]["name_local"]`), so they are no EG401. A picker
whose items the bot keeps in two languages (`{"uz": [...], "ru": [...]}`) translates the names: those stay EG401,
like any name kept in two languages. The names come from the Unicode CLDR through Babel
(tools/build_language_names.py).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from english_guard.checker import check_source
from english_guard.config import Config
from english_guard.language.labels import fold_language_name, names_a_language

ROOT = Path(__file__).resolve().parent.parent

PICKER = """\
from aiogram import types

LANGUAGES = ["🇺🇦 Українська", "🇷🇺 РУССКИЙ", "🇺🇿 O'zbekcha", "🇰🇿 Қазақ тілі", "🇰🇿 Қазақша", "🇹🇷 Türkçe"]


async def choose(message: types.Message):
    keyboard = types.ReplyKeyboardMarkup()
    for name in LANGUAGES:
        keyboard.add(types.KeyboardButton(name))
    await message.answer("Tilni tanlang / Оберіть мову", reply_markup=keyboard)
    await message.answer("O'zbek tilini o'rganamiz")
"""

TRANSLATED_PICKER = """\
LANGUAGE_BUTTONS = {
    "uz": ["O'zbekcha", "Ruscha"],
    "ru": ["Узбекский", "Русский"],
}
"""


def _findings(source: str) -> list[tuple[int, str, str]]:
    found = check_source("bot/language.py", source.encode(), Config(), "python").findings
    return [(f.line, f.code, f.text) for f in found]


def test_a_pickers_own_language_names_are_names_and_its_sentences_text():
    assert _findings(PICKER) == [
        (10, "EG401", "Tilni tanlang / Оберіть мову"),
        (11, "EG401", "O'zbek tilini o'rganamiz"),
    ]


def test_language_names_kept_in_two_languages_are_translated_text():
    assert [text for _, code, text in _findings(TRANSLATED_PICKER) if code == "EG401"] == [
        "O'zbekcha",
        "Ruscha",
        "Узбекский",
        "Русский",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "🇺🇦 Українська",
        "РУССКИЙ",
        "🇺🇿 Oʻzbekcha",
        "O‘zbek",
        "Қазақ тілі",
        "Қазақша",
        "Русский язык",
        "Deutsch",
        "🇪🇸 Español",
        "Українська мова",
    ],
)
def test_names_a_language(text):
    assert names_a_language(text)


@pytest.mark.parametrize(
    "text",
    ["Meta", "Deutsch lernen", "Русский язык и литература", "Tilni tanlang", "Ruscha", "Sena", "Qozoq", ""],
)
def test_names_no_language(text):
    assert not names_a_language(text)


def test_fold_language_name_reads_every_apostrophe_as_one():
    assert fold_language_name("🇺🇿 Oʻzbek") == fold_language_name("O‘zbek") == fold_language_name("o'zbek") == "o'zbek"


def test_the_shipped_names_are_what_babel_gives():
    """The data file is the builder's output for the Babel release it names (another release may differ)."""
    import babel

    data = (ROOT / "english_guard" / "language" / "data" / "language_names.txt").read_text(encoding="utf-8")
    if f"via Babel {babel.__version__}." not in data.splitlines()[0]:
        pytest.skip(f"the names were built with another Babel release than {babel.__version__}")
    spec = importlib.util.spec_from_file_location("build_language_names", ROOT / "tools" / "build_language_names.py")
    assert spec and spec.loader
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    assert builder.render() == data
