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
