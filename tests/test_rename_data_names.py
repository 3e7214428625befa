"""Names that data, strings or a framework depend on start as "skip" in the rename plan, with where they
are bound (issue 12), on tests/fixtures/ombor_bot."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from english_guard.config import load_config
from english_guard.fixes.rename import apply_plan, plan_paths

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

FIXTURE = Path(__file__).parent / "fixtures" / "ombor_bot"


@pytest.fixture
def bot(tmp_path, monkeypatch):
    target = tmp_path / "bot"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    monkeypatch.chdir(target)
    return target


def plan(project: Path) -> dict:
    entries, errors = plan_paths(["."], load_config(None, start=project))
    assert not errors
    return {entry.qualified_name: entry for entry in entries}


@pytest.mark.parametrize(
    "name, reason",
    [
        ("modellar.Buyurtma.miqdor", "a database column of Buyurtma (dokon/modellar.py:18)"),
        ("ombor.mahsulot.Mahsulot.narxi", "a pydantic field (Mahsulot, dokon/ombor/mahsulot.py:16)"),
        ("ombor.mahsulot.Mahsulot.nomi", "a template reads it: shablonlar/chek.txt:1"),
        ("holatlar.BuyurtmaHolati", "an aiogram StatesGroup (dokon/holatlar.py:5)"),
        ("holatlar.BuyurtmaHolati.miqdor_kutilmoqda", '"BuyurtmaHolati:miqdor_kutilmoqda"'),
        ("xizmatlar.jami_narx", "named in the string 'dokon.xizmatlar.jami_narx' (tests/test_xizmatlar.py:8"),
        ("handlers.miqdor_qabul_qilish.<locals>.miqdor", "as_('miqdor') at dokon/handlers.py:33"),
        ("ombor.savat.Savat.hisob", "the body of class Savat uses 'hisob' (dokon/ombor/savat.py:12) before its method"),
    ],
)
def test_each_data_dependent_name_starts_as_skip_with_where_it_is_bound(bot, name, reason):
    entry = plan(bot)[name]
    assert entry.action == "skip"
    assert entry.reason.startswith("data depends on this name:") and reason in entry.reason, entry.reason


def test_ordinary_names_are_still_renamed(bot):
    entries = plan(bot)
    for name in ("ombor.savat.Savat", "ombor.savat.Savat.qoshish", "handlers.chek", "modellar.Buyurtma"):
        assert entries[name].action == "rename", (name, entries[name].reason)


def test_a_class_body_name_before_the_method_is_the_module_function(bot):
    """`nom = hisob()` in the class body calls the module's `hisob`: renaming the function renames that call."""
    entries = plan(bot)
    function = entries["ombor.savat.hisob"]
    assert function.uses == 1
    function.new_name, function.action = "heading", "rename"
    report = apply_plan(["."], [function], load_config(None, start=bot))
    assert not report.errors and not report.refused
    text = (bot / "dokon/ombor/savat.py").read_text(encoding="utf-8")
    assert "def heading() -> str:" in text and "    nom = heading()\n" in text and "def hisob(self)" in text
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=bot,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_opting_in_renames_every_binding_found(bot):
    entries = plan(bot)
    column = entries["modellar.Buyurtma.miqdor"]
    column.new_name, column.action = "quantity", "rename"
    preview = apply_plan(["."], [column], load_config(None, start=bot), diff=True)
    assert not preview.errors and not preview.refused
    diff = "".join(preview.diffs)
    assert "+    quantity = Column(Integer)" in diff
    # the raw SQL is data: it keeps the old column name, as the plan's reason said
    assert "SELECT SUM(miqdor) FROM buyurtmalar" in (bot / "dokon/modellar.py").read_text(encoding="utf-8")
    assert "SUM(miqdor)" not in diff
    # ... which is why the write is refused: the project's test of that SQL fails on the renamed copy.
    report = apply_plan(["."], [column], load_config(None, start=bot))
    assert not report.written and "tests.test_modellar::test_umumiy_miqdor" in report.verification[0]
    assert "    miqdor = Column(Integer)" in (bot / "dokon/modellar.py").read_text(encoding="utf-8")


def test_rename_apply_is_verified_and_stops_when_a_test_breaks(bot):
    """`rename --apply` runs the project's tests on a copy before and after: the opted-in mock.patch target breaks."""
    from click.testing import CliRunner

    from english_guard.cli import main
    from english_guard.fixes.rename import dump_plan

    entries = plan(bot)
    target = entries["xizmatlar.jami_narx"]
    target.new_name, target.action = "total_price", "rename"
    (bot / "renames.toml").write_text(dump_plan([target], "renames.toml", ["."]), encoding="utf-8")
    before = (bot / "dokon/xizmatlar.py").read_bytes()
    result = CliRunner().invoke(
        main,
        ["rename", "--apply", "renames.toml", "--test-command", f"{sys.executable} -m pytest -q"],
        catch_exceptions=False,
    )
    assert result.exit_code == 2, result.output
    assert "tests.test_xizmatlar::test_chegirma" in result.output
    assert "Nothing was written" in result.output
    assert (bot / "dokon/xizmatlar.py").read_bytes() == before
    (bot / "renames.toml").write_text(
        dump_plan([entries["ombor.savat.Savat.qoshish"]], "renames.toml", ["."]), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["rename", "--apply", "renames.toml"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "def add(self" in (bot / "dokon/ombor/savat.py").read_text(encoding="utf-8")


def test_the_library_apply_is_verified_by_default_and_stops_when_a_test_breaks(bot):
    """`apply_plan` (the call behind `rename --apply`) runs the same gate when its caller does not choose one:
    the project's tests, found as the command finds them, on a copy before and after."""
    entries = plan(bot)
    target = entries["xizmatlar.jami_narx"]
    target.new_name, target.action = "total_price", "rename"
    before = {path: path.read_bytes() for path in bot.rglob("*.py")}
    report = apply_plan(["."], [target], load_config(None, start=bot))
    assert not report.errors and not report.refused and not report.written
    assert len(report.verification) == 1 and "tests.test_xizmatlar::test_chegirma" in report.verification[0]
    assert {path: path.read_bytes() for path in bot.rglob("*.py")} == before
