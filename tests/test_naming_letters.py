"""Naming by letters first: letters that only some languages write decide between neighbours."""

from __future__ import annotations

import pytest

from english_guard.language import judge
from english_guard.language.scripts import cyrillic_language, latin_language


@pytest.mark.parametrize(
    "text,language",
    [
        ("# Отримуємо список користувачів з бази даних", "uk"),  # є
        ("# Перевіряємо запис у таблиці", "uk"),  # і without any Kazakh letter
        ("# Пайдаланушылар тізімін дерекқордан аламыз", "kk"),  # і with қ
        ("# Деректер қорына жазбаны сақтаймыз", "kk"),  # қ with ы: Uzbek Cyrillic has no ы
        ("# Фойдаланувчилар рўйхатини базадан оламиз", "uz"),  # ў
        ("# Маълумотлар базасига ёзувни сақлаймиз", "uz"),  # қ with the hard sign of a loanword
        ("# Прочитать список пользователей из базы данных", "ru"),
        ("# Kullanıcı listesini veritabanından alıyoruz", "tr"),
        ("# İstifadəçilərin siyahısını verilənlər bazasından alırıq", "az"),  # ə
        ("# Não foi possível salvar a configuração", "pt"),
        ("# Obtém a lista dos usuários do banco", "pt"),  # function words: a, dos, do
        ("# ¿Dónde está el archivo de configuración?", "es"),
        ("# Obtiene la lista de los usuarios del sistema", "es"),
    ],
)
def test_the_language_is_named_by_its_letters(text, language):
    verdict = judge(text, "comment")
    assert not verdict.english
    assert verdict.language == language


def test_letters_alone():
    assert cyrillic_language("їжа") == "uk"
    assert cyrillic_language("ўқиш") == "uz"
    assert cyrillic_language("бірінші") == "uk"  # і alone: Ukrainian unless Kazakh letters say otherwise
    assert cyrillic_language("бірінші қадам") == "kk"
    assert cyrillic_language("список") == ""
    assert latin_language("ação") == "pt"
    assert latin_language("año") == "es"
    assert latin_language("hayır") == "tr"
    assert latin_language("la lista de los nombres", ("es", "pt")) == "es"
    assert latin_language("la lista de los nombres", ("fr", "it")) == ""


def test_camel_case_splits_at_capitals_of_any_alphabet():
    """Dotless ı and accented letters are letters: `kullanıcıAdı` is two Turkish words, not `kullan` + `ıcıAdı`."""
    from english_guard.language.tokens import split_identifier

    assert split_identifier("kullanıcıAdı") == ["kullanıcı", "Adı"]
    assert split_identifier("pedidoNúmero") == ["pedido", "Número"]
    assert split_identifier("ÜBERSICHTListe") == ["ÜBERSICHT", "Liste"]
    assert split_identifier("getHTTPResponse") == ["get", "HTTP", "Response"]
    verdict = judge("kullanıcıAdı", "identifier")
    assert not verdict.english and verdict.language == "tr"
