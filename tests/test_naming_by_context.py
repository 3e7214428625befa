"""Naming by context (issue 10, session 15 classes 3 and 4): letters first, then the file's and the project's
language between close neighbours (Turkish and Azerbaijani, Russian and Kazakh), never against a letter only
one language writes. The small projects are written by the tests."""

from __future__ import annotations

import json

from click.testing import CliRunner

from english_guard.cli import main
from english_guard.language import judge
from english_guard.language.scripts import cyrillic_languages


def _languages(root) -> dict[str, str]:
    report = json.loads(CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", str(root)]).output)
    return {f["text"]: f["language"] for f in report["findings"]}


AZERBAIJANI_BOT = """\
# Botun əsas faylı: istifadəçi mesajlarını emal edir
WELCOME = "Xoş gəlmisiniz! Zəhmət olmasa, dil seçin."
ERROR = "Xəta baş verdi, yenidən cəhd edin."


def handle(update):
    update.message.reply_text("Təşəkkürlər")
    update.message.reply_text("XƏTA")
    update.message.reply_text("Nəticə: {update}")
    update.message.reply_text("Sağ olun")
    update.message.reply_text("Oyun bitdi")
    # Oyunu başlat
    return "Hazırdır"
"""

TURKISH_BOT = """\
# Kullanıcı işlemleri
WELCOME = "Hoş geldiniz! Lütfen bir seçenek seçin."


def show(update):
    # Oyunu başlat
    update.message.reply_text("Oyun bitti")
    update.message.reply_text("Sağ olun")
    return "Tamam"
"""

ENGLISH_MODULE = """\
def credits(update):
    # Thanks to the translators of this release
    update.message.reply_text("Thanks, Məmmədov")
    return "Məmmədov"
"""


def test_azerbaijani_without_its_letter_is_named_by_the_project(tmp_path):
    (tmp_path / "bot.py").write_text(AZERBAIJANI_BOT, encoding="utf-8")
    found = _languages(tmp_path)
    assert found["Xoş gəlmisiniz! Zəhmət olmasa, dil seçin."] == "az"  # ə decides, whatever the neighbours say
    for text in ("Sağ olun", "Oyun bitdi", "# Oyunu başlat", "Hazırdır"):
        assert found[text] == "az", (text, found)
    # Short texts with ə are Azerbaijani words where the project writes Azerbaijani, not names.
    for text in ("Təşəkkürlər", "XƏTA", "Nəticə: {update}"):
        assert found[text] == "az", (text, found)


def test_the_same_letters_in_a_turkish_project_stay_turkish(tmp_path):
    (tmp_path / "app.py").write_text(TURKISH_BOT, encoding="utf-8")
    found = _languages(tmp_path)
    assert set(found.values()) == {"tr"}, found
    assert {"Sağ olun", "Oyun bitti", "# Oyunu başlat"} <= set(found)


def test_a_name_with_a_letter_of_one_language_is_no_finding_in_an_english_project(tmp_path):
    (tmp_path / "credits.py").write_text(ENGLISH_MODULE, encoding="utf-8")
    assert _languages(tmp_path) == {}


def test_kazakh_without_its_letters_in_a_russian_project():
    # ң without і, қ or ғ: Kazakh unless Kyrgyz's double vowels say otherwise.
    assert cyrillic_languages("Жаңа пайдаланушы") == ("kk", "ky")
    assert cyrillic_languages("Жаңы колдонуучу") == ("ky", "kk")
    # A word no list knows with a Kazakh infinitive ending: Russian is no close call any more.
    verdict = judge("Тексеру", "string")
    assert verdict.language == "kk"
    assert "ru" not in [language for language, share in verdict.candidates if share >= 0.5 * verdict.candidates[0][1]]


def test_words_only_one_of_russian_and_ukrainian_writes_name_the_text():
    verdict = judge("Головне меню", "string")
    assert verdict.language == "uk"
    assert [language for language, share in verdict.candidates if share >= 0.5 * verdict.candidates[0][1]] == ["uk"]
    assert judge("Главное меню", "string").language == "ru"


POLISH_BOT = """\
# Obsługa poleceń użytkownika
POWITANIE = "Witaj! Wybierz opcję z menu."


def pokaz(bot, chat_id, wynik):
    bot.send_message(chat_id, f"Wynik: {wynik}")
    bot.send_message(chat_id, "Dziękuję")
    bot.send_message(chat_id, "Zapisano")
    return "Gotowe"
"""


def test_a_word_two_lexicons_list_about_as_often_is_named_by_the_project(tmp_path):
    # `zapisano`: transliterated Russian 3.3, Polish 2.6 (Zipf): a close call, Polish in a Polish project.
    (tmp_path / "app.py").write_text(POLISH_BOT, encoding="utf-8")
    assert _languages(tmp_path)["Zapisano"] == "pl"


def test_a_latin_i_typed_inside_a_cyrillic_word_is_the_letter_i():
    assert cyrillic_languages("Бiлiм беру") == ("uk", "kk")  # Latin i in Cyrillic words: і, as in `Білім`
    assert cyrillic_languages("iPhone Привет") == ("",)  # a Latin word beside a Cyrillic one is no letter of it
