"""`extract` moves non-English msgids already inside gettext calls (EG403) into the catalogs, end to end
with real Babel catalogs: the code gets an English msgid, the source language's catalog keeps the
original text as that msgid's translation, and every other catalog keeps its translation."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from babel.support import Translations
from click.testing import CliRunner

from english_guard.cli import main

SHOP = """from app.i18n import _


def total(amount):
    return _("Jami: %s so'm") % amount


def empty():
    return _("Savatingiz bo'sh")


def greet():
    return _("Welcome")
"""


def write_catalog(path: Path, language: str, translations: dict[str, str]) -> None:
    catalog = Catalog(locale=language, domain="messages")
    for msgid, msgstr in translations.items():
        catalog.add(msgid, msgstr, flags=["python-format"] if "%s" in msgid else [])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def po(root: Path, language: str) -> Path:
    return root / "locales" / language / "LC_MESSAGES" / "messages.po"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "shop"
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("", encoding="utf-8")
    (root / "app" / "i18n.py").write_text("def _(text):\n    return text\n", encoding="utf-8")
    (root / "app" / "shop.py").write_text(SHOP, encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.english-guard]\nsource-lang = "uz"\n', encoding="utf-8")
    # The project's catalogs today: Uzbek msgids, an English and a Russian translation of some of them.
    write_catalog(po(root, "en"), "en", {"Jami: %s so'm": "Total: %s soum", "Welcome": "Welcome"})
    write_catalog(po(root, "ru"), "ru", {"Savatingiz bo'sh": "Ваша корзина пуста", "Welcome": "Добро пожаловать"})
    monkeypatch.chdir(root)
    return root


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def extract(*args: str):
    return run("extract", "--import", "from app.i18n import _", *args, "app")


def translations(root: Path, language: str) -> Translations:
    return Translations.load(str(root / "locales"), [language], domain="messages")


def project_files(root: Path) -> dict[Path, bytes]:
    """Every file of the project but the result cache of the checks this test runs."""
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".english-guard-cache" not in p.parts}


def entries(path: Path) -> dict:
    with path.open("rb") as handle:
        return {m.id: (m.string, m.fuzzy) for m in read_po(handle) if m.id and not isinstance(m.id, tuple)}


def test_msgids_move_to_english_with_the_originals_in_the_catalogs(project):
    assert run("check", "--no-cache", "app").output.count("EG403") == 2

    # First run, no engine: the English catalog gives one msgid its English; the other waits for a human.
    first = extract("--engine", "none")
    assert first.exit_code == 1, first.output
    code = (project / "app" / "shop.py").read_text(encoding="utf-8")
    assert '_("Total: %s soum") % amount' in code and '_("Savatingiz bo\'sh")' in code
    review = project / "locales" / "messages.review.po"
    assert entries(review) == {"Savatingiz bo'sh": ("", False)}
    assert entries(po(project, "uz"))["Total: %s soum"] == ("Jami: %s so'm", False)

    # A reviewer writes the English; the next run moves that msgid too and the review file goes away.
    with review.open("rb") as handle:
        catalog = read_po(handle)
    catalog["Savatingiz bo'sh"].string = "Your cart is empty"
    with review.open("wb") as handle:
        write_po(handle, catalog)
    second = extract("--engine", "none")
    assert second.exit_code == 0, second.output
    assert not review.exists()
    assert (project / "app" / "shop.py").read_text(encoding="utf-8") == SHOP.replace(
        '_("Jami: %s so\'m")', '_("Total: %s soum")'
    ).replace('_("Savatingiz bo\'sh")', '_("Your cart is empty")')

    # Babel's conventions: English msgids in the template; the source language holds the originals;
    # the other languages keep their translations under the new msgids; compiled catalogs agree.
    with (project / "locales" / "messages.pot").open("rb") as handle:
        assert {m.id for m in read_po(handle) if m.id} == {"Total: %s soum", "Your cart is empty", "Welcome"}
    uz = entries(po(project, "uz"))
    assert uz["Total: %s soum"] == ("Jami: %s so'm", False)
    assert uz["Your cart is empty"] == ("Savatingiz bo'sh", False)
    assert entries(po(project, "ru"))["Your cart is empty"] == ("Ваша корзина пуста", False)
    assert entries(po(project, "en"))["Total: %s soum"] == ("Total: %s soum", False)
    assert translations(project, "uz").gettext("Your cart is empty") == "Savatingiz bo'sh"
    assert translations(project, "uz").gettext("Total: %s soum") % 5 == "Jami: 5 so'm"
    assert translations(project, "ru").gettext("Your cart is empty") == "Ваша корзина пуста"
    assert translations(project, "ru").gettext("Welcome") == "Добро пожаловать"

    assert "EG403" not in run("check", "--no-cache", "app").output
    before = project_files(project)
    third = extract("--engine", "none")
    assert third.exit_code == 0, third.output
    assert project_files(project) == before  # nothing left to do


def test_machine_proposal_is_used_fuzzy_and_a_reviewer_can_correct_it(project):
    (project / "locales" / "en").rename(project / "en-old")  # no English catalog: the engine proposes
    result = extract("--engine", "glossary")
    assert result.exit_code == 0, result.output
    assert "proposed by a translation engine" in result.output
    review = project / "locales" / "messages.review.po"
    proposals = entries(review)
    assert set(proposals) == {"Jami: %s so'm", "Savatingiz bo'sh"}
    assert all(fuzzy and english for english, fuzzy in proposals.values())  # in use, waiting for a check
    total_english = proposals["Jami: %s so'm"][0]
    assert "%s" in total_english  # placeholders kept
    code = (project / "app" / "shop.py").read_text(encoding="utf-8")
    assert f'_("{total_english}")' in code
    assert entries(po(project, "uz"))[total_english] == ("Jami: %s so'm", False)

    # The reviewer prefers other English: the msgid is renamed again and the catalogs follow.
    with review.open("rb") as handle:
        catalog = read_po(handle)
    catalog["Jami: %s so'm"].string = "Total: %s soum"
    catalog["Jami: %s so'm"].flags.discard("fuzzy")
    with review.open("wb") as handle:
        write_po(handle, catalog)
    again = extract("--engine", "glossary")
    assert again.exit_code == 0, again.output
    assert '_("Total: %s soum") % amount' in (project / "app" / "shop.py").read_text(encoding="utf-8")
    assert translations(project, "uz").gettext("Total: %s soum") % 2 == "Jami: 2 so'm"
    assert "Jami: %s so'm" not in entries(review)


def test_english_that_drops_a_placeholder_is_refused(project):
    (project / "locales" / "en").rename(project / "en-old")
    review = project / "locales" / "messages.review.po"
    catalog = Catalog(locale="en")
    catalog.add("Jami: %s so'm", "Total")
    review.parent.mkdir(parents=True, exist_ok=True)
    with review.open("wb") as handle:
        write_po(handle, catalog)
    result = extract("--engine", "none")
    assert result.exit_code == 1
    assert "not moved: the English 'Total' must keep the placeholders" in result.output
    assert '_("Jami: %s so\'m")' in (project / "app" / "shop.py").read_text(encoding="utf-8")


LIBRARY = """from app.i18n import _, ngettext


def books(n):
    return ngettext("{n} ta kitob", "{n} ta kitob", n).format(n=n)


def readers(n):
    return ngettext("%(count)d o'quvchi", "%(count)d o'quvchilar", n) % {"count": n}
"""


@pytest.fixture
def library(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "library"
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("", encoding="utf-8")
    (root / "app" / "i18n.py").write_text(
        "def _(text):\n    return text\n\n\n"
        "def ngettext(singular, plural, n):\n    return singular if n == 1 else plural\n",
        encoding="utf-8",
    )
    (root / "app" / "library.py").write_text(LIBRARY, encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.english-guard]\nsource-lang = "uz"\n', encoding="utf-8")
    # The English catalog translates one plural msgid; a Russian catalog translates the other.
    en = Catalog(locale="en", domain="messages")
    en.add(("{n} ta kitob", "{n} ta kitob"), ("{n} book", "{n} books"))
    ru = Catalog(locale="ru", domain="messages")
    ru.add(
        ("%(count)d o'quvchi", "%(count)d o'quvchilar"),
        ("%(count)d читатель", "%(count)d читателя", "%(count)d читателей"),
        flags=["python-format"],
    )
    for language, catalog in (("en", en), ("ru", ru)):
        po(root, language).parent.mkdir(parents=True)
        with po(root, language).open("wb") as handle:
            write_po(handle, catalog)
    monkeypatch.chdir(root)
    return root


def plural_entries(path: Path) -> dict:
    with path.open("rb") as handle:
        return {m.id: (m.string, m.fuzzy) for m in read_po(handle) if isinstance(m.id, tuple)}


def test_plural_msgids_move_to_english_with_the_original_forms_in_the_source_catalog(library):
    assert run("check", "--no-cache", "app").output.count("EG403") == 4  # singular and plural of each call

    # The English catalog gives "{n} ta kitob" its English forms; the other waits in the review file.
    first = extract("--engine", "none")
    assert first.exit_code == 1, first.output
    code = (library / "app" / "library.py").read_text(encoding="utf-8")
    assert 'ngettext("{n} book", "{n} books", n).format(n=n)' in code
    assert 'ngettext("%(count)d o\'quvchi", "%(count)d o\'quvchilar", n)' in code
    review = library / "locales" / "messages.review.po"
    assert list(plural_entries(review)) == [("%(count)d o'quvchi", "%(count)d o'quvchi")]
    uz = plural_entries(po(library, "uz"))
    assert uz[("{n} book", "{n} books")] == (("{n} ta kitob", "{n} ta kitob"), False)

    # A reviewer writes the English singular only: the answer is kept, the msgid still waits.
    with review.open("rb") as handle:
        catalog = read_po(handle)
    catalog["%(count)d o'quvchi"].string = ("%(count)d reader", "")
    with review.open("wb") as handle:
        write_po(handle, catalog)
    half = extract("--engine", "none")
    assert half.exit_code == 1, half.output
    assert plural_entries(review)[("%(count)d o'quvchi", "%(count)d o'quvchi")] == (("%(count)d reader", ""), False)
    assert 'ngettext("%(count)d o\'quvchi"' in (library / "app" / "library.py").read_text(encoding="utf-8")

    # Then the plural too (msgstr[0], msgstr[1]).
    with review.open("rb") as handle:
        catalog = read_po(handle)
    catalog["%(count)d o'quvchi"].string = ("%(count)d reader", "%(count)d readers")
    with review.open("wb") as handle:
        write_po(handle, catalog)
    second = extract("--engine", "none")
    assert second.exit_code == 0, second.output
    assert not review.exists()
    assert (library / "app" / "library.py").read_text(encoding="utf-8") == LIBRARY.replace(
        '"{n} ta kitob", "{n} ta kitob"', '"{n} book", "{n} books"'
    ).replace('"%(count)d o\'quvchi", "%(count)d o\'quvchilar"', '"%(count)d reader", "%(count)d readers"')

    with (library / "locales" / "messages.pot").open("rb") as handle:
        assert {m.id for m in read_po(handle) if m.id} == {
            ("{n} book", "{n} books"),
            ("%(count)d reader", "%(count)d readers"),
        }
    uz = plural_entries(po(library, "uz"))
    assert uz[("%(count)d reader", "%(count)d readers")] == (("%(count)d o'quvchi", "%(count)d o'quvchilar"), False)
    ru = plural_entries(po(library, "ru"))
    assert ru[("%(count)d reader", "%(count)d readers")][0] == (
        "%(count)d читатель",
        "%(count)d читателя",
        "%(count)d читателей",
    )
    # compiled catalogs answer the English msgids with the originals and the translations
    assert translations(library, "uz").ngettext("{n} book", "{n} books", 3) == "{n} ta kitob"
    assert translations(library, "uz").ngettext("%(count)d reader", "%(count)d readers", 1) == "%(count)d o'quvchi"
    assert translations(library, "uz").ngettext("%(count)d reader", "%(count)d readers", 3) == "%(count)d o'quvchilar"
    assert translations(library, "ru").ngettext("%(count)d reader", "%(count)d readers", 5) == "%(count)d читателей"
    assert translations(library, "en").ngettext("{n} book", "{n} books", 2) == "{n} books"

    assert "EG403" not in run("check", "--no-cache", "app").output
    before = project_files(library)
    third = extract("--engine", "none")
    assert third.exit_code == 0, third.output
    assert project_files(library) == before
