"""Prose inside commented-out code and inside docstring field lists (issue 10, session 15 classes 1 and 2)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from english_guard.cli import main
from english_guard.language import judge


def _lines(root) -> list[int]:
    report = json.loads(CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", str(root)]).output)
    return sorted(f["line"] for f in report["findings"])


@pytest.mark.parametrize(
    "comment",
    [
        '# cities = ["Ташкент", "Бухара",',  # the first line of a list over several lines
        '#           "Хива"]',  # its last line
        '# print "Привет мир"',  # Python 2
        "# print 'Xush kelibsiz'",
        '# kb = [[KeyboardButton(text="Orqaga"), KeyboardButton(text="Bosh menyu")],',
        '#       [KeyboardButton(text="Sozlamalar")]]',
        '# await message.answer("Xush kelibsiz!",',
        "# cities = [Ташкент, Бухара]",  # bare words: names in code, words in a comment
        '# "Щось пішло не так"',
        '# ("Kullanıcı bulunamadı", 404),',
    ],
)
def test_string_literals_of_commented_out_code_are_read_even_when_the_line_does_not_parse(comment):
    assert not judge(comment, "comment").english


@pytest.mark.parametrize(
    "comment",
    [
        '# print("done")',
        "# x = 1  # TODO",
        "# result = compute(a, b,",
        '#     "value")]',
        "# print 'Loading the configuration'",
        '# kb = [[Button(text="Back"), Button(text="Main menu")],',
        '# e.g. "über"',  # a quoted example in prose is data, as before
        '# See "Foo" (bar)',
        "# it's a 'test' of (things)",
    ],
)
def test_english_commented_out_code_stays_silent(comment):
    assert judge(comment, "comment").english


def test_a_commented_out_block_is_read_line_by_line(tmp_path):
    (tmp_path / "app.py").write_text(
        "import os\n"
        "\n"
        "# 2. Получение данных\n"
        "# menu = [\n"
        '#     ("Ташкент", 3),\n'
        '#     ("Самарканд", 4),\n'
        "# ]\n"
        '# print "Привет мир"\n'
        '# await bot.send_message(chat_id, "Заказ принят",\n'
        "#                        reply_markup=kb)\n"
        '# print("done")\n'
        "# x = 1  # TODO\n"
        "\n"
        "\n"
        "def load():\n"
        "    return os.getcwd()\n",
        encoding="utf-8",
    )
    assert _lines(tmp_path) == [3, 5, 6, 8, 9]


@pytest.mark.parametrize(
    "docstring",
    [
        "Args:\n    x: Користувач\nReturns:\n    Список\n",  # Ukrainian without ї є ґ, one word per field
        "Args:\n    user (User): Пайдаланушы\n",  # Kazakh without its letters, after a Title Case type
        "Returns:\n    bool: Натиже\n",
        ":param chat_id: ID чата\n:return: Результат\n",
    ],
)
def test_a_cyrillic_field_text_is_no_name_of_the_latin_words_around_it(docstring):
    assert not judge(docstring, "docstring").english


def test_a_cyrillic_name_in_an_english_sentence_is_still_a_name():
    assert judge("Uses the Яндекс Маркет API.", "docstring").english
    assert judge("Send the report to Яндекс Маркет.", "docstring").english


def test_a_word_of_a_foreign_lexicon_in_capitals_leans_and_an_acronym_stays_neutral():
    assert judge("# XATOLIK", "comment").leaning  # a shouted Uzbek word: the profile decides
    assert judge("# DİKKAT", "comment").leaning
    for english in ("# TODO: fix this", "# WARNING: DO NOT EDIT", "# THE SOFTWARE IS PROVIDED AS IS", "# see RFC"):
        verdict = judge(english, "comment")
        assert verdict.english and not verdict.leaning, english


def test_a_highlighted_comment_is_prose_and_a_shebang_is_not():
    assert not judge("#!Ejercicio 3: Calcular el área de un triángulo", "comment").english
    assert not judge("#! Dado diez números enteros, calcula la suma", "comment").english
    for shebang in ("#!/usr/bin/env python3", "#! /usr/bin/python", "#!python"):
        assert judge(shebang, "comment").english


def test_the_comment_of_a_commented_out_line_of_code_is_prose():
    assert not judge("# x = 5  # o'zgaruvchi", "comment").english
    assert not judge("# total = 0  # переменная", "comment").english
    assert judge("# x = 1  # TODO", "comment").english
    assert judge("# x = 1  # noqa: E501", "comment").english
