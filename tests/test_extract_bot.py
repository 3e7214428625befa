"""End to end: `english-guard extract` on a small aiogram-style bot with its own tests.

The bot (tests/fixtures/extract_bot) replies in Uzbek and Russian. Its own tests assert the
exact texts users receive; they must pass unchanged after extraction with the source locale,
and with English the users must see the English msgids.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from check_helpers import in_project

FIXTURE = Path(__file__).parent / "fixtures" / "extract_bot"
ANSWERS = json.loads((FIXTURE / "answers" / "english.json").read_text(encoding="utf-8"))
PYBABEL = Path(sys.executable).with_name("pybabel")


def copy_bot(tmp_path: Path) -> Path:
    target = tmp_path / "bot_project"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns("answers", "__pycache__"))
    return target


def extract(project: Path, *args: str):
    return in_project(project, "extract", "bot", "--engine", "none", *args)


def fill_review(path: Path, answers: dict) -> int:
    """Do what the human does: write the English into the review file's msgstr."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    filled = 0
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key not in answers:
            continue
        english = answers[key]
        if message.pluralizable:
            message.string = tuple(english) if isinstance(english, list) else (english, "")
        else:
            message.string = english
        filled += 1
    with path.open("wb") as handle:
        write_po(handle, catalog)
    return filled


def run_bot_tests(project: Path, locale: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MESSAGES_LOCALE"}
    if locale:
        env["MESSAGES_LOCALE"] = locale
    return subprocess.run([sys.executable, "-m", "pytest"], cwd=project, env=env, capture_output=True, text=True)


def snapshot(project: Path) -> dict[str, bytes]:
    return {
        path.relative_to(project).as_posix(): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and ".pytest_cache" not in path.parts
    }


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The bot after the two-step extraction: review file filled by a "human", then applied."""
    project = copy_bot(tmp_path_factory.mktemp("extract"))
    before = snapshot(project)
    first = extract(project)
    after_first = snapshot(project)
    filled = fill_review(project / "locales" / "messages.review.po", ANSWERS["review"])
    second = extract(project)
    return {
        "project": project,
        "before": before,
        "first": first,
        "after_first": after_first,
        "filled": filled,
        "second": second,
    }


def test_fixture_tests_pass_before_extraction(tmp_path):
    result = run_bot_tests(copy_bot(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_first_run_sends_everything_to_review_and_rewrites_nothing(extracted):
    before, after = extracted["before"], extracted["after_first"]
    assert {p: d for p, d in after.items() if p.startswith("bot/")} == {
        p: d for p, d in before.items() if p.startswith("bot/")
    }
    assert extracted["first"].exit_code == 1
    assert "15 message(s) wait for their English in locales/messages.review.po" in extracted["first"].output
    assert extracted["filled"] == 15


def test_unsafe_concatenation_is_reported_with_location_and_left_alone(extracted):
    project = extracted["project"]
    handlers = (project / "bot" / "handlers.py").read_text(encoding="utf-8").splitlines()
    line = handlers.index(ANSWERS["unsafe_line"]) + 1
    assert f"bot/handlers.py:{line}:26: not extracted: concatenation with `format_name(message.from_user)`" in (
        extracted["second"].output
    )


def test_code_is_rewritten_only_inside_messages(extracted):
    project = extracted["project"]
    new = (project / "bot" / "handlers.py").read_text(encoding="utf-8")
    assert "from bot.i18n import _, ngettext\n" in new
    assert (
        '_("Order #{order_id} accepted, total: {order_total} sum").format(order_id=order.id, order_total=order.total)'
    ) in new
    assert 'ngettext("{n} product", "{n} products", n).format(n=n)' in new
    assert '_("%d sum left in your account") % amount' in new
    assert '_("Hello, {}!").format(message.from_user.full_name)' in new
    old_lines = extracted["before"]["bot/handlers.py"].decode().splitlines()
    new_lines = new.splitlines()
    import difflib

    removed = [
        line[1:]
        for line in difflib.unified_diff(old_lines, new_lines, lineterm="", n=0)
        if line.startswith("-") and not line.startswith("---")
    ]
    added = [
        line[1:]
        for line in difflib.unified_diff(old_lines, new_lines, lineterm="", n=0)
        if line.startswith("+") and not line.startswith("+++")
    ]
    # every changed line held a user-facing literal; logs, SQL, dict keys and the unsafe line are as they were
    assert all("answer(" in line or "send_message(" in line for line in removed)
    assert len(added) == len(removed) + 1  # plus the import
    for kept in (
        'logger.info("Foydalanuvchi botni ishga tushirdi: %s"',
        'STATUS_NAMES = {"yangi": "new"',
        ANSWERS["unsafe_line"],
    ):
        assert kept in new
    assert extracted["before"]["bot/db.py"] == (project / "bot" / "db.py").read_bytes()


def test_bot_tests_pass_in_source_language_after_extraction(extracted):
    result = run_bot_tests(extracted["project"])
    assert result.returncode == 0, result.stdout + result.stderr
    result = run_bot_tests(extracted["project"], locale="uz")
    assert result.returncode == 0, result.stdout + result.stderr


def test_english_users_see_the_english_msgids(extracted):
    env = dict(os.environ, MESSAGES_LOCALE="en", PYTHONPATH=str(extracted["project"]))
    script = FIXTURE / "answers" / "english_run.py"
    result = subprocess.run(
        [sys.executable, str(script)], cwd=extracted["project"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ANSWERS["english_replies"]


def test_source_catalog_holds_the_original_texts_byte_for_byte(extracted):
    with (extracted["project"] / "locales" / "uz" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    strings = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in catalog if m.id}
    for original, english in ANSWERS["review"].items():
        key = english[0] if isinstance(english, list) else english
        expected = (original, original) if isinstance(english, list) else original
        assert strings[key] == expected
    assert not any(m.fuzzy for m in catalog if m.id)
    assert not (extracted["project"] / "locales" / "messages.review.po").exists()


def test_babel_and_msgfmt_accept_every_catalog(extracted):
    locales = extracted["project"] / "locales"
    compiled = subprocess.run(
        [str(PYBABEL), "compile", "-d", str(locales), "-D", "messages", "--statistics"], capture_output=True, text=True
    )
    assert compiled.returncode == 0, compiled.stderr
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (GNU gettext) is not installed; .ci/run installs it")
    for po in [*locales.rglob("*.po"), *locales.glob("*.pot")]:
        checked = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], capture_output=True, text=True)
        assert checked.returncode == 0, f"{po}: {checked.stderr}"


def test_pybabel_extract_gives_the_same_msgids_as_the_template(extracted, tmp_path):
    project = extracted["project"]
    out = tmp_path / "pybabel.pot"
    done = subprocess.run([str(PYBABEL), "extract", "-o", str(out), "bot"], cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

    def msgids(path: Path) -> set:
        with path.open("rb") as handle:
            return {m.id for m in read_po(handle) if m.id}

    ours = msgids(project / "locales" / "messages.pot")
    assert ours == msgids(out)
    assert len(ours) == 15


def test_second_run_changes_nothing(extracted):
    project = extracted["project"]
    before = snapshot(project)
    result = extract(project)
    assert result.exit_code == 1  # the unsafe concatenation is still reported
    assert "wrapped 0 message(s)" in result.output
    assert snapshot(project) == before


def test_new_message_adds_one_entry_and_keeps_translations(tmp_path, extracted):
    project = tmp_path / "bot_project"
    shutil.copytree(extracted["project"], project, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    locales = project / "locales"
    # A translator added Russian translations with pybabel init + a hand edit.
    ru = locales / "ru" / "LC_MESSAGES" / "messages.po"
    init = subprocess.run(
        [str(PYBABEL), "init", "-i", str(locales / "messages.pot"), "-d", str(locales), "-D", "messages", "-l", "ru"],
        capture_output=True,
        text=True,
    )
    assert init.returncode == 0, init.stderr
    with ru.open("rb") as handle:
        catalog = read_po(handle)
    catalog["Confirm"].string = "Подтвердить"
    with ru.open("wb") as handle:
        write_po(handle, catalog)

    with (project / "bot" / "handlers.py").open("a", encoding="utf-8") as handle:
        handle.write(ANSWERS["new_handler"])
    first = extract(project)
    assert "1 message(s) wait for their English" in first.output
    fill_review(locales / "messages.review.po", ANSWERS["new_review"])
    second = extract(project)
    assert "wrapped 1 message(s)" in second.output

    def entries(path: Path) -> dict:
        with path.open("rb") as handle:
            return {m.id: m.string for m in read_po(handle) if m.id}

    pot = entries(locales / "messages.pot")
    assert len(pot) == 16 and "Your order was delivered" in pot
    uz = entries(locales / "uz" / "LC_MESSAGES" / "messages.po")
    assert uz["Your order was delivered"] == "Buyurtmangiz yetkazildi"
    for original, english in ANSWERS["review"].items():
        key = tuple(english) if isinstance(english, list) else english
        assert uz[key] == ((original, original) if isinstance(english, list) else original)
    ru_entries = entries(ru)
    assert ru_entries["Confirm"] == "Подтвердить"
    assert "Your order was delivered" in ru_entries and len(ru_entries) == 16
    assert (locales / "ru" / "LC_MESSAGES" / "messages.mo").is_file()
    assert run_bot_tests(project).returncode == 0
