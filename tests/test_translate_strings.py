"""`translate` on non-English log, exception and developer-text strings (EG402), end to end.

The engine is the tiny real Argos package the translate tests build (deterministic nonsense made of English
words); the review is a real PO file read and written with Babel.
"""

from __future__ import annotations

import ast
import re

import argos_builder
import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from english_guard.cli import main

SOURCE = """import logging

logger = logging.getLogger(__name__)


def register(user, count):
    logger.info("Пользователь зарегистрирован: %s", user)
    if count < 0:
        raise ValueError('Неверное значение, попробуйте снова')
    logger.warning(f"Заказ не найден: {count}")
    logger.error(r"Ошибка в файле %(name)s", {"name": user})
    key = "Пользователь"  # a name in a string: a key, never translated
    return {key: count}
"""


@pytest.fixture(scope="module")
def ru_package(tmp_path_factory):
    return argos_builder.build_argos_package(tmp_path_factory.mktemp("packages"), "ru")


@pytest.fixture
def project(tmp_path, monkeypatch, ru_package):
    monkeypatch.setenv("ENGLISH_GUARD_MODELS_DIR", str(tmp_path / "eg-models"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.english-guard]\n", encoding="utf-8")
    (root / "app.py").write_text(SOURCE, encoding="utf-8")
    monkeypatch.chdir(root)
    assert run("models", "install", str(ru_package)).exit_code == 0
    return root


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def string_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if "logger." in line or "raise " in line or "key = " in line]


def test_write_translates_log_exception_and_fstring_keeping_placeholders_quotes_and_prefixes(project):
    before = run("check", "--no-cache", ".")
    assert before.output.count("EG402") == 4, before.output
    result = run("translate", "app.py", "--write")
    assert result.exit_code == 0, result.output
    text = (project / "app.py").read_text(encoding="utf-8")
    ast.parse(text)
    log, exception, fstring, raw, key = string_lines(text)
    assert re.fullmatch(r'    logger\.info\("[a-z ]+: %s", user\)', log), log
    assert re.fullmatch(r"        raise ValueError\('[a-z ,]+'\)", exception), exception
    assert re.fullmatch(r'    logger\.warning\(f"[a-z ]+: \{count\}"\)', fstring), fstring
    assert re.fullmatch(r'    logger\.error\(r"[a-z ]+ %\(name\)s", \{"name": user\}\)', raw), raw
    assert key == '    key = "Пользователь"  # a name in a string: a key, never translated'
    # Only the literals changed: every other line is the original.
    assert [ln for ln in text.splitlines() if ln not in string_lines(text)] == [
        ln for ln in SOURCE.splitlines() if ln not in string_lines(SOURCE)
    ]
    after = run("check", "--no-cache", ".")
    assert not [ln for ln in after.output.splitlines() if re.match(r"app\.py:(7|9|10|11):", ln)], after.output
    assert run("translate", "app.py", "--write").exit_code == 0
    assert (project / "app.py").read_text(encoding="utf-8") == text  # idempotent


def test_review_file_round_trip_with_quotes_and_a_lost_placeholder(project):
    review = project / "review.po"
    result = run("translate", ".", "--to-po", str(review))
    assert result.exit_code == 0, result.output
    with open(review, "rb") as handle:
        catalog = read_po(handle)
    messages = {m.id: m for m in catalog if m.id}
    assert set(messages) == {
        "Пользователь зарегистрирован: %s",
        "Неверное значение, попробуйте снова",
        "Заказ не найден: {count}",
        "Ошибка в файле %(name)s",
    }
    assert any("log message in Russian" in c for c in messages["Заказ не найден: {count}"].auto_comments)
    assert any("exception message" in c for c in messages["Неверное значение, попробуйте снова"].auto_comments)
    assert all(m.fuzzy and m.string for m in messages.values())  # proposals wait for a reviewer

    accepted = {
        "Пользователь зарегистрирован: %s": "User registered: %s",
        "Неверное значение, попробуйте снова": "The value isn't valid, try again",
        "Заказ не найден: {count}": "Order not found: {count}",
        "Ошибка в файле %(name)s": "Error in a file",  # the placeholder is lost: refused
    }
    for msgid, english in accepted.items():
        messages[msgid].string = english
        messages[msgid].flags.discard("fuzzy")
    with open(review, "wb") as handle:
        write_po(handle, catalog)

    applied = run("translate", "app.py", "--from-po", str(review), "--write")
    assert applied.exit_code == 1, applied.output  # one entry left for a human
    assert "app.py:11: the translation does not keep the placeholders" in applied.output
    expected = (
        SOURCE.replace('"Пользователь зарегистрирован: %s"', '"User registered: %s"')
        .replace("'Неверное значение, попробуйте снова'", "'The value isn\\'t valid, try again'")
        .replace('f"Заказ не найден: {count}"', 'f"Order not found: {count}"')
    )
    assert (project / "app.py").read_text(encoding="utf-8") == expected
    assert ast.literal_eval("'The value isn\\'t valid, try again'") == "The value isn't valid, try again"


def test_suppressed_strings_and_test_data_are_left_alone(project):
    (project / "app.py").write_text(
        'import logging\nlogging.info("Пользователь зарегистрирован")  # noqa: EG402\n', encoding="utf-8"
    )
    tests = project / "tests"
    tests.mkdir()
    (tests / "test_app.py").write_text(
        'import pytest\n\n\ndef test_error():\n    with pytest.raises(ValueError, match="Неверное значение"):\n'
        '        raise ValueError("Неверное значение")\n',
        encoding="utf-8",
    )
    original = (tests / "test_app.py").read_bytes()
    result = run("translate", ".", "--write")
    assert result.exit_code == 0, result.output
    assert "Пользователь зарегистрирован" in (project / "app.py").read_text(encoding="utf-8")
    assert (tests / "test_app.py").read_bytes() == original
