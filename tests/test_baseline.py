"""`english-guard baseline` and `check --baseline` (issue 3, acceptance 3): a baseline survives lines moving
and code being reformatted, new findings are reported, and entries that match nothing are stale."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from check_helpers import (
    BOT_SOURCE,
    RU_NEW_COMMENT,
    UZ_COMMENT,
    UZ_COMMENT_2,
    YAML_SOURCE,
    check_json,
    make_project,
    run_cli,
    write,
)

BASELINE = ".english-guard-baseline.json"

SECOND_MODULE = f"""{UZ_COMMENT_2}
class Store:
    #{UZ_COMMENT_2[2:]}
    def save(self, item):
        {UZ_COMMENT_2}
        return {{'item': item, 'state': 'saved'}}
"""

MARKDOWN = """# Orders service

Bu xizmat buyurtmalarni qabul qiladi va ularni navbatga qo'yadi.

Run it with `make run`.
"""


@pytest.fixture
def project(tmp_path) -> Path:
    root = make_project(
        tmp_path / "project",
        {
            "app/handlers.py": BOT_SOURCE,
            "app/store.py": SECOND_MODULE,
            "deploy/values.yaml": YAML_SOURCE,
            "docs/README.md": MARKDOWN,
        },
    )
    done = run_cli(root, "baseline", "--no-cache")
    assert done.returncode == 0, done.stderr
    return root


def _entries(root: Path) -> list[dict]:
    return json.loads((root / BASELINE).read_text(encoding="utf-8"))["entries"]


def _reformat_python(text: str) -> str:
    """Re-indent from 4 to 8 spaces, put blank lines between statements, swap quotes and normalise
    `#x` comments to `# x`: what a formatter does around the findings."""
    out = []
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        indent = (len(line) - len(stripped)) * 2
        stripped = re.sub(r"^#(?=\w)", "# ", stripped)
        stripped = stripped.replace("'", '"') if "#" not in stripped and '"' not in stripped else stripped
        out.append(" " * indent + stripped if stripped else "")
        if stripped.startswith(("return", "total =", "label =")):
            out.append("")
    return "\n".join(out) + "\n"


def _shift_and_reformat(root: Path) -> None:
    """20 new lines at the top of every file, then reformatting."""
    for path in root.rglob("*"):
        if not path.is_file() or path.name in (BASELINE, "pyproject.toml") or ".english-guard-cache" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            header = "".join(f"import module_{i}  # dependency number {i}\n" for i in range(20))
            path.write_text(_reformat_python(header + text), encoding="utf-8")
        elif path.suffix == ".yaml":
            header = "".join(f"setting_{i}: {i}\n" for i in range(20))
            path.write_text(header + text.replace("replicas: 2", "replicas:   2"), encoding="utf-8")
        else:
            header = "".join(f"Line {i} of the introduction.\n\n" for i in range(10))
            path.write_text(header + text.replace("Bu xizmat", "Bu  xizmat\n"), encoding="utf-8")


def test_baseline_records_every_finding(project):
    _code, report, _stderr = check_json(project, "--no-cache")
    entries = _entries(project)
    assert len(entries) == len(report["findings"]) >= 9
    assert {e["path"] for e in entries} == {"app/handlers.py", "app/store.py", "deploy/values.yaml", "docs/README.md"}
    assert all(set(e) == {"fingerprint", "path", "code", "line", "text"} for e in entries)
    code, clean, _stderr = check_json(project, "--no-cache", "--baseline", BASELINE)
    assert (code, clean["findings"]) == (0, [])


def test_moved_and_reformatted_findings_stay_baselined(project):
    _code, before, _stderr = check_json(project, "--no-cache")
    _shift_and_reformat(project)
    code, after, _stderr = check_json(project, "--no-cache")
    # Not vacuous: the same findings are still there, at least 20 lines further down.
    assert code == 1
    old = sorted((f["path"], f["code"], f["line"]) for f in before["findings"])
    new = sorted((f["path"], f["code"], f["line"]) for f in after["findings"])
    assert [item[:2] for item in new] == [item[:2] for item in old]
    assert all(moved[2] >= was[2] + 20 for moved, was in zip(new, old, strict=True))
    code, report, stderr = check_json(project, "--no-cache", "--baseline", BASELINE, "--show-stale")
    assert (code, report["findings"]) == (0, [])
    assert "stale" not in stderr


def test_a_new_non_english_comment_is_reported(project):
    _shift_and_reformat(project)
    path = project / "app/store.py"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(22, RU_NEW_COMMENT)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, report, _stderr = check_json(project, "--no-cache", "--baseline", BASELINE)
    assert code == 1
    assert [(f["path"], f["line"], f["code"], f["text"]) for f in report["findings"]] == [
        ("app/store.py", 23, "EG201", RU_NEW_COMMENT)
    ]


def test_one_more_copy_of_a_baselined_text_is_new(project):
    path = project / "app/store.py"
    path.write_text(path.read_text(encoding="utf-8") + UZ_COMMENT_2 + "\n", encoding="utf-8")
    code, report, _stderr = check_json(project, "--no-cache", "--baseline", BASELINE)
    assert code == 1
    assert [(f["path"], f["code"], f["text"]) for f in report["findings"]] == [("app/store.py", "EG201", UZ_COMMENT_2)]


def test_a_removed_finding_makes_its_entry_stale(project):
    path = project / "app/handlers.py"
    path.write_text(path.read_text(encoding="utf-8").replace(UZ_COMMENT + "\n", ""), encoding="utf-8")
    quiet = run_cli(project, "check", "--no-cache", "--baseline", BASELINE)
    assert quiet.returncode == 0 and "stale" not in quiet.stderr
    shown = run_cli(project, "check", "--no-cache", "--baseline", BASELINE, "--show-stale")
    assert shown.returncode == 0
    stale = [line for line in shown.stderr.splitlines() if "stale baseline entry" in line]
    assert stale == [f'app/handlers.py: stale baseline entry EG201 (no longer found): "{UZ_COMMENT}"']


def test_entries_of_a_deleted_file_are_stale_but_unchecked_files_are_not(project):
    (project / "docs/README.md").unlink()
    shown = run_cli(project, "check", "--no-cache", "--baseline", BASELINE, "--show-stale", "app", "docs", "deploy")
    assert shown.returncode == 0, shown.stdout
    assert [line.split(":")[0] for line in shown.stderr.splitlines() if "stale" in line] == ["docs/README.md"]
    # Checking one folder: entries of files that exist but were not checked are not stale.
    only_app = run_cli(project, "check", "--no-cache", "--baseline", BASELINE, "--show-stale", "app")
    assert only_app.returncode == 0
    assert [line.split(":")[0] for line in only_app.stderr.splitlines() if "stale" in line] == ["docs/README.md"]


def test_baseline_matches_from_another_folder(project):
    """Paths in the baseline are relative to its own folder: a check run from a sub-folder matches."""
    code, report, _stderr = check_json(project / "app", "--no-cache", "--baseline", f"../{BASELINE}", ".")
    assert (code, report["findings"]) == (0, [])
    write(project, "app/extra.py", RU_NEW_COMMENT + "\n")
    code, report, _stderr = check_json(project / "app", "--no-cache", "--baseline", f"../{BASELINE}", ".")
    assert (code, [(f["path"], f["line"]) for f in report["findings"]]) == (1, [("extra.py", 1)])


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "is not valid JSON"),
        ('{"version": 1}', "not an english-guard baseline"),
        ('{"version": 7, "entries": []}', "unsupported baseline version 7"),
    ],
)
def test_a_bad_baseline_file_is_a_clear_error(project, content, message):
    write(project, "bad.json", content)
    completed = run_cli(project, "check", "--no-cache", "--baseline", "bad.json")
    assert completed.returncode == 2
    assert "bad.json" in completed.stderr and message in completed.stderr
    assert "Traceback" not in completed.stderr
    missing = run_cli(project, "check", "--no-cache", "--baseline", "missing.json")
    assert missing.returncode == 2 and "baseline file not found" in missing.stderr
