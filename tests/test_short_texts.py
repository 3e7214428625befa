"""Short texts of a project written in another language (issue 10/11): replies and button labels of one or two
words (`Pronto ✅`, `Ciao! 👋`, `Catálogo`, `Réserver`) and names of one word in Latin letters (`Zvit`). Alone
they may be English, names or abbreviations; in a project written in their language they are that language.
The sample projects are written by the tests."""

from __future__ import annotations

import pytest
from test_profile_naming import _languages as _findings
from test_profile_naming import _write

from english_guard.language import judge
from english_guard.language.words import AMBIGUOUS, SHARED, WEAK, classify_identifier_word, classify_word


@pytest.mark.parametrize(
    ("word", "language"),
    [("Catálogo", "es"), ("Categoría", "es"), ("Réserver", "fr"), ("Confirmé", "fr"), ("Olá", "pt")],
)
def test_a_word_with_letters_english_spells_without_is_no_english_word(word, language):
    """English spells its words without accents: `Catálogo` is no rare English `catalogo`, `Réserver` no
    English reserve + -er."""
    found = classify_word(word, frozenset(), identifier=False)
    assert found.verdict == "foreign"
    assert language in {lang for lang, _zipf in found.languages}


@pytest.mark.parametrize(("word", "language"), [("Pronto", "es"), ("Ciao", "it"), ("Bonjour", "fr"), ("Hallo", "de")])
def test_a_capitalised_homograph_leans_towards_its_language(word, language):
    """`Pronto`, capitalised at the start of a reply, is as much the Spanish word as a name: the profile decides."""
    found = classify_word(word, frozenset(), identifier=False)
    assert (found.verdict, found.strength) == ("foreign", AMBIGUOUS)
    assert dict(judge(f"{word} ✅", "string").leaning).get(language, -1.0) > 0.0


@pytest.mark.parametrize("text", ["Pronto ✅", "Ciao! 👋", "Bonjour"])
def test_a_capitalised_homograph_alone_is_no_finding(text):
    assert judge(text, "string").english


def test_accented_words_english_writes_often_stay_as_before():
    """`café`, `naïve`: the rule for common English words written with accents is unchanged (weak evidence)."""
    assert classify_word("café", frozenset(), identifier=False).strength == WEAK


@pytest.mark.parametrize(("name", "language"), [("Zvit", "uk"), ("zvit", "uk")])
def test_a_one_word_name_of_four_letters_may_be_a_romanized_word(name, language):
    """`Zvit` ("звіт", a report) is too short for the romanized reading alone; as a name of its own it leans
    towards Ukrainian where the profile shows Ukrainian."""
    found = classify_identifier_word(name, name, frozenset())
    assert found.verdict == SHARED
    assert found.languages[0][0] == language
    assert classify_identifier_word(name, f"{name}_path", frozenset()).verdict == "unknown"


SPANISH_BOT = """\
\"\"\"Menú principal del bot de la tienda: catálogo, carrito y pedidos.\"\"\"


async def inicio(message):
    # Saludo y menú principal con las opciones de la tienda
    await message.answer("Elige una opción del menú")
    await message.answer("Pronto ✅")


async def pedido(message):
    \"\"\"Confirma el pedido del usuario y muestra el total.\"\"\"
    await message.answer("Pedido enviado, gracias por su compra")
"""

ENGLISH_BOT = """\
\"\"\"Main menu of the shop bot: catalogue, cart and orders.\"\"\"


async def start(message):
    # Greeting and the main menu with the shop's options
    await message.answer("Choose an option from the menu")
    await message.answer("Pronto ✅")
    await message.answer("Ciao! 👋")


async def order(message):
    \"\"\"Confirm the user's order and show the total.\"\"\"
    await message.answer("Order sent, thank you for shopping with us")
"""

UKRAINIAN_APP = """\
\"\"\"Звіти магазину: щоденні продажі та залишки товарів.\"\"\"


class Zvit:
    \"\"\"Звіт за один день.\"\"\"

    def __init__(self, data, suma):
        # Дата звіту та загальна сума продажів
        self.data = data
        self.suma = suma
"""


def test_short_replies_in_a_spanish_bot_are_spanish(tmp_path, monkeypatch):
    found = _findings(_write(tmp_path, {"bot/menu.py": SPANISH_BOT}), monkeypatch)
    assert found.get("Pronto ✅") == "es"


def test_the_same_replies_in_an_english_bot_are_not_reported(tmp_path, monkeypatch):
    assert _findings(_write(tmp_path, {"bot/menu.py": ENGLISH_BOT}), monkeypatch) == {}


def test_a_romanized_class_name_in_a_ukrainian_module_is_ukrainian(tmp_path, monkeypatch):
    found = _findings(_write(tmp_path, {"app/zvity.py": UKRAINIAN_APP}), monkeypatch)
    assert found.get("Zvit") == "uk"


@pytest.mark.parametrize(
    ("name", "language"), [("klients", "ru"), ("zakazs", "pl"), ("spisoks", "ru"), ("kitobs", "uz")]
)
def test_a_foreign_noun_with_the_english_plural_leans_towards_its_language(name, language):
    """`klients`: the Russian noun with the English plural -s. Alone it is no finding (a foreign stem turns up in
    English code by chance); the profile decides, like any weak word."""
    found = classify_identifier_word(name, name, frozenset())
    assert (found.verdict, found.strength) == ("foreign", AMBIGUOUS)
    assert language in {lang for lang, _zipf in found.languages}
    assert judge(name, "identifier").english


@pytest.mark.parametrize("name", ["nodeids", "sockaddrs", "tzinfos", "kwargs", "attrs", "mixins", "lexems", "Lvalores"])
def test_english_code_plurals_are_no_foreign_plurals(name):
    assert not any(
        not language.startswith("~") and language != "*" for language, _r in judge(name, "identifier").leaning
    )


@pytest.mark.parametrize(("text", "folded"), [("İptal", "iptal"), ("İLETİŞİM", "iletisim"), ("Şifre", "sifre")])
def test_the_turkish_capital_dotted_i_folds_to_a_plain_i(text, folded):
    """`"İ".lower()` is `i` and a combining dot: without it `İptal` ("cancel") would be no word of any lexicon."""
    from english_guard.language.normalize import fold

    assert fold(text) == folded


@pytest.mark.parametrize("text", ["İptal", "İletişim", "İşlem başarılı"])
def test_a_turkish_label_that_starts_with_the_capital_dotted_i_is_turkish(text):
    verdict = judge(text, "string")
    assert (verdict.english, verdict.language) == (False, "tr")
