"""The migration's progress display and report: live on a terminal, plain and stable anywhere else."""

from __future__ import annotations

import io

from migrate_helpers import STATE, example_repo, run_migration

from english_guard.migrate import manual
from english_guard.migrate.positions import LineMap
from english_guard.migrate.progress import Progress
from english_guard.migrate.report import ReportData, manual_locations, render


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_plain_progress_prints_milestones_without_timings():
    out = io.StringIO()
    progress = Progress(out, interactive=False)
    progress.stages = 2
    progress.stage("check")
    with progress.counter(8, "files") as update:
        for _ in range(8):
            update(1)
    progress.stage("translate")
    with progress.counter(3, "sentences") as update:
        update(3)  # one jump past every milestone prints the last one only
    with progress.counter(0, "files"):
        pass
    assert out.getvalue() == (
        "[1/2] check\n"
        "    25% (2/8 files)\n    50% (4/8 files)\n    75% (6/8 files)\n    100% (8/8 files)\n"
        "[2/2] translate\n"
        "    100% (3/3 sentences)\n"
        "    nothing to do\n"
    )


def test_terminal_progress_redraws_one_line_with_rate_and_time_left():
    out = io.StringIO()
    clock = _Clock()
    progress = Progress(out, interactive=True, clock=clock)
    with progress.counter(100, "sentences") as update:
        clock.now += 2.0
        update(20)  # 10/s, 80 left: 8 seconds
        clock.now += 0.01
        update(1)  # too soon to redraw
        clock.now += 1.99
        update(19)
    text = out.getvalue()
    frames = text.split("\r")
    assert frames[1] == "    0/100 sentences  0.0/s  ? left"
    assert frames[2] == "    20/100 sentences  10.0/s  0:08 left"
    assert frames[3] == "    40/100 sentences  10.0/s  0:06 left"
    assert frames[4] == "    40/100 sentences in 0:04".ljust(len(frames[3])) + "\n"  # blanks over the old line
    assert len(frames) == 5


def test_progress_follows_the_stream_being_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert Progress(Terminal()).interactive
    assert not Progress(io.StringIO()).interactive


def test_line_map_follows_inserted_and_rewrapped_lines():
    old = "import a\nx = 1\n# one long\n# comment\ny = 2\n"
    new = "import a\nfrom b import _\nx = 1\n# one long comment\ny = 2\n"
    line_map = LineMap(old, new)
    assert [line_map.line(n) for n in (1, 2, 3, 4, 5)] == [1, 3, 4, 4, 5]
    assert LineMap("a\nb\nc\n", "a\nc\n").line(2) == 2  # a deleted line maps to where it was


def test_report_sections_and_manual_review_locations():
    class Finding:
        def __init__(self, path, line, kind, language, code="EG101", text="x"):
            self.path, self.line, self.kind, self.language, self.code, self.text = (
                path,
                line,
                kind,
                language,
                code,
                text,
            )

    before = [
        Finding("a.py", 1, "identifier", "uz"),
        Finding("a.py", 2, "identifier", "uz"),
        Finding("chart/values.yaml", 3, "prose", "ru", "EG501"),
    ]
    after = [Finding("chart/values.yaml", 3, "prose", "ru", "EG501")]
    items = [
        manual.ReviewItem(manual.OTHER, "chart/values.yaml", 3, "Количество | реплик", "prose", "EG501"),
        manual.ReviewItem(manual.NO_MODEL, "a.py", 9, "", "fill in new_name"),
    ]
    data = ReportData(
        project="bot",
        paths=["."],
        write=False,
        engine="glossary",
        source_lang="uz",
        source_lang_guessed=True,
        before=before,
        after=after,
        items=items,
        review_files=[".english-guard/migration/renames.toml"],
    )
    text = render(data)
    assert "| Uzbek (uz) | identifier | 2 | 2 | 0 | renamed |" in text
    assert "| Russian (ru) | prose | 1 | 0 | 1 | by hand |" in text
    assert "### Entries without a model (write the English by hand) (1)" in text
    assert "Количество \\| реплик" in text  # table-safe
    assert text.index("Entries without a model") < text.index("Other findings left")
    assert manual_locations(text) == {"chart/values.yaml:3", "a.py:9"}
    assert render(data) == text


def test_two_dry_runs_print_the_same_plain_output_and_report(tmp_path):
    folder = example_repo(tmp_path / "one" / "bot")
    other = example_repo(tmp_path / "two" / "bot")
    first = run_migration(folder)
    second = run_migration(other)
    report = (folder / STATE / "migration-report.md").read_text(encoding="utf-8")
    assert first.returncode == second.returncode == 1
    assert first.stderr == second.stderr and first.stdout == second.stdout
    assert (other / STATE / "migration-report.md").read_text(encoding="utf-8") == report
    # Run again over its own review files: the same decisions, the same report and review files.
    review = {name: (folder / STATE / name).read_bytes() for name in ("translations.po", "renames.toml")}
    third = run_migration(folder)
    assert third.stdout == first.stdout
    assert (folder / STATE / "migration-report.md").read_text(encoding="utf-8") == report
    assert {name: (folder / STATE / name).read_bytes() for name in review} == review
    assert "\r" not in first.stderr and "\x1b" not in first.stderr
    stages = [line for line in first.stderr.splitlines() if line.startswith("[")]
    assert stages == [
        "[1/6] check: what is there",
        "[2/6] translate comments and docstrings",
        "[3/6] rename identifiers",
        "[4/6] extract user-facing strings",
        "[5/6] check again: what is left",
        "[6/6] verify the result (imports, names, tests, git)",
    ]
    assert "    100% (17/17 files)" in first.stderr
    for heading in (
        "## By language and kind",
        "## Translated comments and docstrings",
        "## Renamed identifiers",
        "## Extracted messages",
        "## Manual review",
        "### Low-confidence translations",
        "### Entries without a model",
        "### Renames refused",
        "### Other findings left",
    ):
        assert heading in report, heading
    assert "- `tests/soxta.py:14` EG101 SoxtaXabar — no English name proposed" in report
    assert "- `bot/savat.py:25` EG101 tozalash — renaming tozalash to 'clear' would change" in report
