"""english-guard speaks Uzbek and Russian: its own catalogs, compiled at build time and in place."""

from __future__ import annotations

import difflib
import os
import re
import runpy
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parent.parent
LOCALES = REPO / "locales"
PACKAGE_LOCALE = REPO / "english_guard" / "locale"
LANGUAGES = ("uz", "ru")
EXAMPLE = REPO / "examples" / "dokon_bot"
# The modules whose messages `check` prints and the migration writes: every one must be translated.
CORE_MODULES = (
    "english_guard/rules.py",
    "english_guard/findings.py",
    "english_guard/checker.py",
    "english_guard/deceptive_characters.py",
    "english_guard/reporting/text_format.py",
    "english_guard/commands/check.py",
    "english_guard/commands/migrate.py",
    "english_guard/migrate/report.py",
    "english_guard/migrate/pipeline.py",
    "english_guard/migrate/manual.py",
)


def _setup_module() -> dict:
    return runpy.run_path(str(REPO / "setup.py"), run_name="english_guard_catalogs")


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogs():
    """The .mo files an editable install needs; compiled here when missing (a stale one fails a test below)."""
    if not all((PACKAGE_LOCALE / language / "LC_MESSAGES" / "english_guard.mo").is_file() for language in LANGUAGES):
        _setup_module()["compile_catalogs"](PACKAGE_LOCALE)


def _catalog(language: str):
    with open(LOCALES / language / "LC_MESSAGES" / "english_guard.po", "rb") as handle:
        return read_po(handle, locale=language, abort_invalid=True)


def _env(lang: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = lang
    return env


@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_check_accepts_the_catalog(language, tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed: apt-get install gettext")
    po = LOCALES / language / "LC_MESSAGES" / "english_guard.po"
    done = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", str(tmp_path / "out.mo"), str(po)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "untranslated" not in done.stderr and "fuzzy" not in done.stderr, done.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_message_is_translated(language):
    with open(LOCALES / "english_guard.pot", "rb") as handle:
        template = read_po(handle)
    catalog = _catalog(language)
    for message in template:
        if not message.id:
            continue
        translated = catalog.get(message.id)
        assert translated is not None and not translated.fuzzy, message.id
        strings = translated.string if isinstance(translated.string, tuple) else (translated.string,)
        assert all(strings), message.id
    if language == "ru":
        assert catalog.num_plurals == 3


@pytest.mark.parametrize("module", CORE_MODULES)
def test_the_template_holds_every_message_of_the_check_and_migration(module):
    with open(LOCALES / "english_guard.pot", "rb") as handle:
        template = read_po(handle)
    keywords = _setup_module()["KEYWORDS"]
    for _line, message, _comments, _context in extract_from_file("python", REPO / module, keywords=keywords):
        assert template.get(message) is not None, (
            f"{module}: {message!r} is not in locales/english_guard.pot: run `python setup.py update_catalogs` "
            f"and translate it"
        )


def _changed_lines(fresh: bytes, committed: bytes) -> list[str]:
    """The lines that differ, the creation date of the template aside (it is the one line a rerun changes)."""

    def lines(data: bytes) -> list[str]:
        return re.sub(r'"POT-Creation-Date: [^"]*"\n', "", data.decode("utf-8")).splitlines()

    return [line for line in difflib.unified_diff(lines(committed), lines(fresh), lineterm="", n=0)][:12]


def test_the_committed_template_is_what_the_code_extracts():
    """Every message and every `#:` location of the template is the code's today."""
    setup = _setup_module()
    fresh = setup["catalog_bytes"](setup["extracted_template"]())
    changed = _changed_lines(fresh, (LOCALES / "english_guard.pot").read_bytes())
    assert changed == [], "run `python setup.py update_catalogs` (and translate what is new):\n" + "\n".join(changed)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_translations_are_merged_with_the_template(language):
    setup = _setup_module()
    po = LOCALES / language / "LC_MESSAGES" / "english_guard.po"
    fresh = setup["catalog_bytes"](setup["merged_catalog"](po, language, setup["extracted_template"]()))
    changed = _changed_lines(fresh, po.read_bytes())
    assert changed == [], "run `python setup.py update_catalogs` (and translate what is new):\n" + "\n".join(changed)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogs_match_the_po_files(language, tmp_path):
    compiled = _setup_module()["compile_catalogs"](tmp_path)
    fresh = {path.parent.parent.name: path.read_bytes() for path in compiled}
    in_place = PACKAGE_LOCALE / language / "LC_MESSAGES" / "english_guard.mo"
    assert in_place.read_bytes() == fresh[language], "run `python setup.py compile_catalogs`"


def _console_script() -> list[str]:
    script = shutil.which("english-guard", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "english_guard"]


def test_check_speaks_uzbek():
    """`LANG=uz_UZ.UTF-8 english-guard check ...`, the installed command itself."""
    done = subprocess.run(
        [*_console_script(), "check", "--no-cache", "bot/savat.py"],
        cwd=EXAMPLE,
        capture_output=True,
        text=True,
        env=_env("uz_UZ.UTF-8"),
    )
    assert done.returncode == 1, done.stderr
    assert "identifikatori ingliz tilida emas" in done.stdout
    assert "ingliz tilida boʻlmagan izoh" in done.stdout
    assert done.stdout.rstrip().endswith("ta muammo topildi (1 ta faylda).")


def test_check_speaks_russian_with_russian_plurals():
    done = subprocess.run(
        [sys.executable, "-m", "english_guard", "check", "--no-cache", "bot/savat.py"],
        cwd=EXAMPLE,
        capture_output=True,
        text=True,
        env=_env("ru_RU.UTF-8"),
    )
    assert "не на английском" in done.stdout
    assert done.stdout.rstrip().endswith("в 1 файле.")


def test_english_without_a_translated_locale():
    done = subprocess.run(
        [sys.executable, "-m", "english_guard", "check", "--no-cache", "bot/savat.py"],
        cwd=EXAMPLE,
        capture_output=True,
        text=True,
        env=_env("C.UTF-8"),
    )
    assert "is not English" in done.stdout
    assert done.stdout.rstrip().endswith("in 1 file.")


def test_migrate_help_and_errors_speak_uzbek(tmp_path):
    help_text = subprocess.run(
        [sys.executable, str(REPO / "translate_comments.py"), "--help"],
        capture_output=True,
        text=True,
        env=_env("uz_UZ.UTF-8"),
    ).stdout
    assert "Koʻrib chiqish fayllarida" in help_text
    assert "Migratsiyani ishga tushirish" in help_text
    missing = subprocess.run(
        [sys.executable, str(REPO / "translate_comments.py"), str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        env=_env("uz_UZ.UTF-8"),
    )
    assert missing.returncode == 2
    assert "xato:" in missing.stderr and "bunday fayl yoki papka yoʻq" in missing.stderr


def test_the_wheel_ships_catalogs_compiled_at_build_time(tmp_path):
    """Built from a tree with no compiled catalog at all: the build compiles them into the wheel."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, source / name)
    shutil.copytree(LOCALES, source / "locales")
    shutil.copytree(
        REPO / "english_guard",
        source / "english_guard",
        ignore=shutil.ignore_patterns("__pycache__", "locale", "*.building"),
    )
    try:
        import wheel  # noqa: F401  (setuptools needs it for bdist_wheel without build isolation)
    except ImportError:
        pytest.skip("the wheel package is not installed (it is in the dev extra)")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            str(source),
            "-w",
            str(tmp_path / "dist"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (built,) = (tmp_path / "dist").glob("english_guard-*.whl")
    with zipfile.ZipFile(built) as archive:
        names = set(archive.namelist())
        for language in LANGUAGES:
            name = f"english_guard/locale/{language}/LC_MESSAGES/english_guard.mo"
            assert name in names
            assert archive.read(name) == (PACKAGE_LOCALE / language / "LC_MESSAGES" / "english_guard.mo").read_bytes()
