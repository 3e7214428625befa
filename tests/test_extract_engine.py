"""Extract with a real translation engine: a tiny NLLB-style CTranslate2 model built by the test.

Its English is nonsense made of English words, but it runs every real step: the proposal becomes
the msgid, the review file lists it as fuzzy, the users of the source language see what they saw.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import argos_builder
import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from english_guard.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "extract_bot"


@pytest.fixture(scope="module")
def nllb_folder(tmp_path_factory) -> Path:
    return argos_builder.build_multilingual_model(tmp_path_factory.mktemp("models") / "nllb-tiny")


@pytest.fixture
def bot(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ENGLISH_GUARD_MODELS_DIR", str(tmp_path / "eg-models"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
    target = tmp_path / "bot_project"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns("answers", "__pycache__"))
    monkeypatch.chdir(target)
    return target


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def review_messages(path: Path):
    with path.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def bot_tests_pass(root: Path) -> bool:
    env = {k: v for k, v in os.environ.items() if k != "MESSAGES_LOCALE"}
    done = subprocess.run([sys.executable, "-m", "pytest"], cwd=root, env=env, capture_output=True, text=True)
    return done.returncode == 0


def test_machine_proposals_become_fuzzy_msgids_and_users_see_no_change(bot, nllb_folder):
    assert run("models", "install", str(nllb_folder)).exit_code == 0
    before = (bot / "bot" / "keyboards.py").read_text(encoding="utf-8")
    result = run("extract", "bot", "--engine", "multilingual")
    assert "English text(s) proposed by a translation engine" in result.output
    review = bot / "locales" / "messages.review.po"
    proposed = [m for m in review_messages(review) if m.fuzzy]
    assert proposed and all(m.string for m in proposed)
    assert all("proposed by the multilingual" in " ".join(m.auto_comments) for m in proposed)
    after = (bot / "bot" / "keyboards.py").read_text(encoding="utf-8")
    assert after != before and "_(" in after
    with (bot / "locales" / "uz" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        uz = {m.id: m.string for m in read_po(handle) if m.id}
    for message in proposed:
        assert uz[message.string] == message.id  # the original text, byte for byte
    assert bot_tests_pass(bot)

    snapshot_before = snapshot(bot)
    assert "wrapped 0 message(s)" in run("extract", "bot", "--engine", "multilingual").output
    assert snapshot(bot) == snapshot_before

    # A reviewer fixes one proposal and accepts it: the msgid in the code follows.
    with review.open("rb") as handle:
        catalog = read_po(handle)
    chosen = next(m for m in catalog if m.id and m.fuzzy)
    chosen.string = "Checked English text"
    chosen.flags.discard("fuzzy")
    with review.open("wb") as handle:
        write_po(handle, catalog)
    result = run("extract", "bot", "--engine", "multilingual")
    code = (bot / "bot" / "handlers.py").read_text(encoding="utf-8") + (bot / "bot" / "keyboards.py").read_text(
        encoding="utf-8"
    )
    assert '_("Checked English text")' in code
    assert chosen.id not in {m.id for m in review_messages(review)}
    assert bot_tests_pass(bot)


def test_without_a_model_everything_waits_for_a_human_and_the_report_says_how(bot):
    before = snapshot(bot)
    result = run("extract", "bot")
    assert result.exit_code == 1
    assert "15 message(s) wait for their English" in result.output
    assert "no translation model for Uzbek" in result.output and "english-guard models install" in result.output
    after = snapshot(bot)
    assert {k: v for k, v in after.items() if k.startswith("bot/")} == {
        k: v for k, v in before.items() if k.startswith("bot/")
    }
