"""extract leaves test files alone by default: their texts are test data (issue 12)."""

from __future__ import annotations

from click.testing import CliRunner

from english_guard.cli import main

HANDLER = 'async def salom(message):\n    await message.answer("Assalomu alaykum, do\'konimizga xush kelibsiz")\n'
TEST = (
    "from bot.handlers import salom\n\n\ndef test_salom(fake):\n"
    "    message = fake.Message(text=\"Mahsulotlar ro'yxatini ko'rsating\")\n"
    '    message.answer("Buyurtma qabul qilindi, rahmat")\n'
)


def project(tmp_path):
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "bot" / "handlers.py").write_text(HANDLER, encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_handlers.py").write_text(TEST, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.english-guard]\nsource-lang = "uz"\n', encoding="utf-8")
    return tmp_path


def run(folder, monkeypatch, *args):
    monkeypatch.chdir(folder)
    return CliRunner().invoke(
        main, ["extract", ".", "--engine", "none", "--runtime-module", "bot/i18n.py", *args], catch_exceptions=False
    )


def test_test_files_are_not_extracted_by_default(tmp_path, monkeypatch):
    folder = project(tmp_path)
    result = run(folder, monkeypatch)
    review = (folder / "locales" / "messages.review.po").read_text(encoding="utf-8")
    assert "Assalomu alaykum" in review, result.output
    assert "Mahsulotlar" not in review and "Buyurtma qabul" not in review
    assert (folder / "tests" / "test_handlers.py").read_text(encoding="utf-8") == TEST


def test_include_tests_extracts_them_too(tmp_path, monkeypatch):
    folder = project(tmp_path)
    run(folder, monkeypatch, "--include-tests")
    review = (folder / "locales" / "messages.review.po").read_text(encoding="utf-8")
    assert "Buyurtma qabul qilindi, rahmat" in review


def test_a_quiz_handler_named_like_a_test_is_extracted(tmp_path, monkeypatch):
    """`handlers/test/savollar.py` and `test_tuzish.py` of a quiz bot hold no test: they are the bot's code."""
    folder = project(tmp_path)
    (folder / "bot" / "test").mkdir()
    (folder / "bot" / "test" / "__init__.py").write_text("", encoding="utf-8")
    quiz = 'async def test_yaratish(message):\n    await message.answer("Test savollarini yuboring, iltimos")\n'
    (folder / "bot" / "test" / "savollar.py").write_text(quiz, encoding="utf-8")
    (folder / "bot" / "test_tuzish.py").write_text(quiz.replace("savollarini", "javoblarini"), encoding="utf-8")
    result = run(folder, monkeypatch)
    review = (folder / "locales" / "messages.review.po").read_text(encoding="utf-8")
    assert "Test savollarini yuboring, iltimos" in review, result.output
    assert "Test javoblarini yuboring, iltimos" in review
    assert "Buyurtma qabul" not in review  # the real test stays out
