"""Acceptance 1 of the check issue: the policy's own bad and good examples."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from english_guard.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "policy"


def run_json(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", *args])
    return result.exit_code, json.loads(result.stdout)


def test_bad_example_gives_two_eg101_and_one_eg301_in_uzbek():
    code, report = run_json(str(FIXTURES / "bad.py"))
    assert code == 1
    found = sorted((f["code"], f["text"], f["language"], f["line"]) for f in report["findings"])
    assert found == [
        ("EG101", "foydalanuvchi_analytics", "uz", 1),
        ("EG101", "malumot", "uz", 3),
        ("EG301", "Foydalanuvchi uchun analytics hisoblash.", "uz", 2),
    ]
    by_text = {f["text"]: f for f in report["findings"]}
    assert by_text["foydalanuvchi_analytics"]["column"] == 5
    assert by_text["foydalanuvchi_analytics"]["end_column"] == 5 + len("foydalanuvchi_analytics")
    assert by_text["foydalanuvchi_analytics"]["symbol"] == "function"
    assert report["summary"] == {"files": 1, "findings": 3, "errors": 0}


def test_good_example_is_clean():
    code, report = run_json(str(FIXTURES / "good.py"))
    assert code == 0
    assert report["findings"] == []
