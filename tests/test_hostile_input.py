"""Hostile and pathological input (issue 16): never a traceback, never a hang, never a write outside the target.

Each test names the item of the issue it covers; every one failed on the code before the fix.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from engine_helpers import RU_COMMENT, UZ_FUNCTION, check_json, cli_env, make_project, run_cli

LONG_EXPRESSION = "QUERY = " + " + ".join(['"a"'] * 500) + "\n"  # 500 terms: CPython compiles about 2,900
NESTED_BRACKETS = "VALUE = " + "[" * 150 + "1" + "]" * 150 + "\n"  # CPython allows 200
BEYOND_LIMITS = "QUERY = " + " + ".join(['"a"'] * 30_000) + "\n"  # more than CPython compiles


def _no_models(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path / "cache", ENGLISH_GUARD_MODELS_DIR=str(tmp_path / "no-models"),
                   ARGOS_PACKAGES_DIR=str(tmp_path / "no-argos"))


# -- item 1: deep syntax trees --------------------------------------------------------------------
def test_check_reads_a_500_term_expression_without_eg900(tmp_path):
    root = make_project(tmp_path / "p", {"generated.py": f"{RU_COMMENT}\n{LONG_EXPRESSION}"})
    code, report, _stderr = check_json(root, "--no-cache")
    assert report["errors"] == []
    assert [f["code"] for f in report["findings"]] == ["EG201"]


def test_check_reports_a_file_beyond_the_limits_once_and_checks_the_others(tmp_path):
    root = make_project(tmp_path / "p", {"huge.py": BEYOND_LIMITS, "other.py": RU_COMMENT + "\n"})
    code, report, _stderr = check_json(root, "--no-cache")
    assert code == 2
    assert [(e["path"], e["code"]) for e in report["errors"]] == [("huge.py", "EG900")]
    assert "too deeply nested" in report["errors"][0]["message"]
    assert [f["path"] for f in report["findings"]] == ["other.py"]


def test_translate_handles_nested_brackets_and_long_expressions(tmp_path):
    root = make_project(tmp_path / "p", {"nested.py": f"{RU_COMMENT}\n{NESTED_BRACKETS}",
                                         "long.py": f"{RU_COMMENT}\n{LONG_EXPRESSION}",
                                         "huge.py": f"{RU_COMMENT}\n{BEYOND_LIMITS}"})
    done = run_cli(root, "translate", "--engine", "glossary", "--no-memory", ".", env=_no_models(tmp_path))
    assert "Traceback" not in done.stderr
    assert "huge.py: too deeply nested" in done.stderr
    assert "nested.py:1:" in done.stderr + done.stdout and "long.py:1:" in done.stderr + done.stdout


def test_rename_plans_files_with_deep_trees(tmp_path):
    root = make_project(tmp_path / "p", {"nested.py": f"def {UZ_FUNCTION}():\n    {NESTED_BRACKETS}",
                                         "long.py": f"def {UZ_FUNCTION}_2():\n    {LONG_EXPRESSION}",
                                         "huge.py": BEYOND_LIMITS})
    done = run_cli(root, "rename", ".", "--plan", "plan.toml")
    assert "Traceback" not in done.stderr, done.stderr
    assert "huge.py: too deeply nested" in done.stderr
    plan = (root / "plan.toml").read_text(encoding="utf-8")
    assert UZ_FUNCTION in plan and f"{UZ_FUNCTION}_2" in plan


def test_extract_handles_nested_brackets(tmp_path):
    root = make_project(tmp_path / "p", {"bot.py": f"def send(bot):\n    {NESTED_BRACKETS}"
                                                   f"    bot.send_message('Ваш заказ принят')\n",
                                         "huge.py": "print('Ваш заказ принят')\n" + BEYOND_LIMITS})
    done = run_cli(root, "extract", ".", "--source-lang", "ru", "--diff")
    assert "Traceback" not in done.stderr, done.stderr
    assert "huge.py" in done.stderr and "too deeply nested" in done.stderr
    assert 'msgid "Ваш заказ принят"' in done.stdout  # the message was found and queued for review


def test_migrate_survives_nested_brackets(tmp_path):
    root = make_project(tmp_path / "p", {"nested.py": f"{RU_COMMENT}\n{NESTED_BRACKETS}"})
    done = run_cli(root, "migrate", ".", "--engine", "glossary", "--allow-dirty", env=_no_models(tmp_path))
    assert "Traceback" not in done.stderr, done.stderr
    assert "RecursionError" not in done.stdout + done.stderr
