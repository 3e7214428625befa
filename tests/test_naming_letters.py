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


@pytest.mark.parametrize(
    "text,languages",
    [
        ("Қате", ("kk", "uz")),  # only қ, a word the Uzbek word list does not know
        ("Бағалар", ("kk", "uz")),
        ("Қабул қилинди", ("uz", "kk")),  # only қ, Uzbek words
        ("Қидириш", ("uz", "kk")),
        ("Маълумот сақланди", ("uz",)),  # the hard sign of an Arabic loanword: Uzbek
        ("Тўлов қабул қилинди", ("uz",)),  # ў
        ("Ҳисоб рақами", ("uz",)),  # ҳ
        ("Деректер сақталды", ("kk",)),  # қ with ы
        ("Сабақ кестесі", ("kk",)),  # қ with і
        ("Тізім бос емес", ("uk", "kk")),  # і alone: Ukrainian or Kazakh, the context decides
        ("Тізімді жаңарту", ("kk",)),  # ң
        ("Жаңы колдонуучу", ("ky", "kk")),  # ң without і, қ or ы: Kyrgyz, or Kazakh
    ],
)
def test_kazakh_and_uzbek_cyrillic_are_told_apart_by_their_letters_then_their_words(text, languages):
    from english_guard.language.scripts import cyrillic_languages

    assert cyrillic_languages(text) == languages


def test_a_close_call_between_kazakh_and_uzbek_is_named_by_the_file(tmp_path):
    """`Қате` (only қ) is Kazakh in a Kazakh file and `Қабул қилинди` Uzbek in an Uzbek one."""
    import json

    from click.testing import CliRunner

    from english_guard.cli import main

    (tmp_path / "kazakh.py").write_text(
        "# Пайдаланушылар тізімін аламыз\n# Деректер қорына жазбаны сақтаймыз\n# Қате\nx = 1\n", encoding="utf-8"
    )
    (tmp_path / "uzbek.py").write_text(
        "# Фойдаланувчилар рўйхатини оламиз\n# Тўлов ҳолатини текширамиз\n# Қабул қилинди\ny = 2\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", str(tmp_path)])
    named = {(f["path"].rsplit("/", 1)[-1], f["line"]): f["language"] for f in json.loads(result.output)["findings"]}
    assert named[("kazakh.py", 3)] == "kk"
    assert named[("uzbek.py", 3)] == "uz"
    assert {language for (path, _line), language in named.items() if path == "kazakh.py"} == {"kk"}
