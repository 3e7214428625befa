"""Names are not prose: lists of people, changelog credits, unit symbols and typography are no evidence."""

from __future__ import annotations

import json

from click.testing import CliRunner

from english_guard.cli import main
from english_guard.language import judge


def _check(root) -> list[tuple[str, int]]:
    report = json.loads(CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", str(root)]).output)
    return sorted((f["path"].rpartition("/")[2], f["line"]) for f in report["findings"])


def test_people_lists_and_changelog_credits_are_names(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n', encoding="utf-8")
    (tmp_path / "AUTHORS.md").write_text("# Authors\n\n- Иван Петров\n- Öztürk Çağlar\n- 王小明\n", encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text(
        "# Changelog\n\n- Fixed the parser. Thanks to Олександр Коваленко!\n- Исправлена ошибка в парсере\n",
        encoding="utf-8",
    )
    # The credit line is names; the Russian entry of the changelog is still prose.
    assert _check(tmp_path) == [("CHANGELOG.md", 4)]


def test_typography_and_units_are_not_letters_of_a_language():
    assert judge("# He's a wrong’un, but the parser handles it", "comment").english  # ’ is not Uzbek o‘/g‘
    assert judge("# wait 5 µs before retrying", "comment").english
    assert judge("timeout_µs", "identifier").english
    assert not judge("# Xatolik boʻlsa qaytaramiz", "comment").english  # the Uzbek letter sign ʻ still counts


def test_accented_spellings_are_not_english_words_folded():
    """`für` is German, not English `fur`; with it the capitalised nouns are German nouns, not names."""
    verdict = judge("# Messwert für die Anzeige", "comment")
    assert not verdict.english and verdict.language == "de"
    assert judge("# Serve the café menu", "comment").english  # a loan in English text stays English


def test_a_changelog_list_of_handles_is_names(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n', encoding="utf-8")
    (tmp_path / "CHANGES.md").write_text(
        "# Changes\n\n## Contributors\n\n@aguinaldo | @ozturk | @kuryer | @sotuvchi\n", encoding="utf-8"
    )
    assert _check(tmp_path) == []


def test_a_block_of_links_to_peoples_profiles_is_a_list_of_names(tmp_path):
    """A release note thanks its contributors with links to their profiles: names in any script. A block
    with words of its own, or links that are not profiles, is still prose."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n', encoding="utf-8")
    (tmp_path / "release.md").write_text(
        "# Release 2.0\n\n"
        "We thank everyone who contributed.\n\n"
        "[Ёжи Ковальский](https://github.com/ezhi)\n"
        "[Zeynep Çağlayan Öztürk](https://github.com/zeynep-c)\n"
        "[Jean-Loïc Dupré](https://gitlab.com/jld)\n\n"
        "[Hujjatlar](https://github.com/acme/docs) va [Yordam](https://github.com/acme/help) sahifalari\n",
        encoding="utf-8",
    )
    assert _check(tmp_path) == [("release.md", 9)]


def test_a_name_followed_by_its_native_spelling_is_a_name():
    """A person's name followed by its spelling in the owner's script: the spelling is a name too. A word in
    parentheses after one English word is text."""
    assert judge("Thanks to Yu Cheng Gu (顾宇成) and Omar Farooq (عمر فاروق) for the new parser", "prose").english
    assert not judge("Config (настройки) для бота", "prose").english
    assert not judge("Foydalanuvchi Ismi (Имя) maydoni bo'sh bo'lmasligi kerak", "prose").english


def test_a_heading_that_names_what_the_english_text_names_is_a_name():
    """A list of third-party packages: `### Flama` heads English paragraphs that use Flama as a name. A
    Spanish heading over Spanish text is still Spanish."""
    from english_guard.checker import check_document
    from english_guard.config import Config

    document = (
        "# Third-party packages\n\n### Flama\n\n"
        "Flama is a framework to build machine learning APIs.\nWith Flama, data scientists turn models into APIs.\n\n"
        "### Ventas\n\nVentas del mes y clientes nuevos por región.\n"
    )
    found = [(f.line, f.text) for f in check_document("docs/packages.md", document, Config()).findings]
    assert found == [(8, "Ventas"), (10, "Ventas del mes y clientes nuevos por región.")]


def test_a_list_after_a_credit_line_is_a_list_of_people():
    """A release announcement thanks its contributors in a list: names in any script. The next section's
    list is prose again."""
    from english_guard.checker import check_document
    from english_guard.config import Config

    announcement = (
        "Release 3.2\n===========\n\nThanks to all who contributed to this release, among them:\n\n"
        "* Bruno Oliveira\n* Семён Марьясин\n* 林玮\n\nNew features\n------------\n\n"
        "* Foydalanuvchilar roʻyxati qoʻshildi\n"
    )
    found = [(f.line, f.text) for f in check_document("doc/announce/release-3.2.rst", announcement, Config()).findings]
    assert found == [(13, "Foydalanuvchilar roʻyxati qoʻshildi")]
