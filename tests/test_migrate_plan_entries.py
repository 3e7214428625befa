"""Plan entries are never dropped: an entry added to renames.toml by hand is applied or reported with the reason."""

from __future__ import annotations

from english_guard.config import load_config
from english_guard.fixes.rename import PlanEntry, dump_plan, load_plan
from english_guard.migrate import rename_step

SHOP = """def helper():
    return 1


def total():
    return helper() + 1
"""


def test_hand_added_entries_are_applied_or_refused_with_the_reason(tmp_path, monkeypatch):
    project = tmp_path / "bot"
    project.mkdir()
    (project / "shop.py").write_text(SHOP, encoding="utf-8")
    monkeypatch.chdir(project)
    plan = project / "renames.toml"
    # Neither name is in a fresh plan: `helper` reads as English, `shop.missing` does not exist.
    hand_added = [
        PlanEntry("shop.helper", "helper", "function", "shop.py:1:5", 1, "assist"),
        PlanEntry("shop.missing", "missing", "function", "shop.py:9:5", 0, "absent"),
    ]
    plan.write_text(dump_plan(hand_added, plan.name), encoding="utf-8")

    outcome = rename_step.run(["."], load_config(start="."), plan)

    assert not outcome.errors
    text = (project / "shop.py").read_text(encoding="utf-8")
    assert "def assist():" in text and "return assist() + 1" in text
    assert [entry.qualified_name for entry, _count in outcome.renamed] == ["shop.helper"]
    refused = {entry.qualified_name: reason for entry, reason in outcome.refused if entry is not None}
    assert "shop.missing" in refused and "no longer exists" in refused["shop.missing"]
    kept = {entry.qualified_name: entry for entry in load_plan(plan.read_text(encoding="utf-8"), str(plan))}
    assert kept["shop.helper"].new_name == "assist"
    assert kept["shop.missing"].reason.startswith("refused: ")

    # A second run: the applied entry is recognised as done, nothing changes, nothing is dropped.
    again = rename_step.run(["."], load_config(start="."), plan)
    assert (project / "shop.py").read_text(encoding="utf-8") == text
    assert not again.renamed
    assert {e.qualified_name for e in load_plan(plan.read_text(encoding="utf-8"), str(plan))} == set(kept)
