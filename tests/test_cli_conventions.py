"""Conventions users bring from ruff and typos: colour policy, progress, the summary line, --quiet,
--statistics, `rules`, stdin, per-file ignores, a blanket `# noqa`, strict configuration, --show-source."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
from pathlib import Path

import pytest
from check_helpers import CLEAN_SOURCE, CLI, RU_COMMENT, UZ_COMMENT, UZ_FUNCTION, cli_env, make_project, run_cli

from english_guard.commands.check import Progress, use_color
from english_guard.rules import RULES

REPO = Path(__file__).resolve().parent.parent

BOT = f"import os\n\n{UZ_COMMENT}\ndef {UZ_FUNCTION}(values):\n    return os.sep\n"


def _env(**extra: str) -> dict[str, str]:
    env = cli_env(**extra)
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    env.update(extra)
    return env


# --- colour --------------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("choice", "environ", "terminal", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),  # an empty NO_COLOR does not count (no-color.org)
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_policy(choice, environ, terminal, expected):
    assert use_color(choice, _Terminal() if terminal else io.StringIO(), environ) is expected


def _run_on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run english-guard with stdout on a pseudo-terminal and return what it wrote there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([*CLI, *args], cwd=cwd, env=env, stdout=follower, stderr=subprocess.DEVNULL)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_no_color_is_honoured_on_a_terminal(tmp_path):
    project = make_project(tmp_path / "p", {"bot.py": BOT})
    coloured = _run_on_terminal(["check", "--no-cache", "bot.py"], project, _env())
    plain = _run_on_terminal(["check", "--no-cache", "bot.py"], project, _env(NO_COLOR="1"))
    assert "\x1b[" in coloured
    assert "\x1b[" not in plain and "EG201" in plain


def test_force_color_and_color_flags_through_a_pipe(tmp_path):
    project = make_project(tmp_path / "p", {"bot.py": BOT})
    assert "\x1b[" in run_cli(project, "check", "--no-cache", "bot.py", env=_env(FORCE_COLOR="1")).stdout
    assert "\x1b[" in run_cli(project, "check", "--no-cache", "--color", "always", "bot.py", env=_env()).stdout
    assert (
        "\x1b["
        not in run_cli(project, "check", "--no-cache", "--color", "never", "bot.py", env=_env(FORCE_COLOR="1")).stdout
    )
    assert "\x1b[" not in run_cli(project, "check", "--no-cache", "bot.py", env=_env()).stdout


# --- progress -------------------------------------------------------------------------------------


def test_progress_is_drawn_on_a_terminal_after_a_moment_and_cleared():
    now = [0.0]
    stream = _Terminal()
    progress = Progress(stream, clock=lambda: now[0])
    progress(1, 100)
    assert stream.getvalue() == ""  # short runs never flash it
    now[0] = 1.0
    progress(40, 100)
    assert "40/100" in stream.getvalue()
    progress.clear()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path):
    stream = io.StringIO()
    progress = Progress(stream, clock=lambda: 100.0)
    progress(5, 10)
    assert stream.getvalue() == ""
    project = make_project(tmp_path / "p", {f"m{i}.py": CLEAN_SOURCE for i in range(30)})
    done = run_cli(project, "check", "--no-cache")
    assert done.returncode == 0 and done.stderr == ""


# --- summary line, --quiet, --statistics ---------------------------------------------------------


def test_summary_counts_files_with_problems_and_speaks_in_plurals(tmp_path):
    project = make_project(tmp_path / "p", {"bot.py": BOT, "clean.py": CLEAN_SOURCE, "other.py": CLEAN_SOURCE})
    done = run_cli(project, "check", "--no-cache")
    assert done.stdout.rstrip().endswith("Found 2 problems in 1 file.")
    single = make_project(tmp_path / "one", {"clean.py": CLEAN_SOURCE}, pyproject="")
    assert run_cli(single, "check", "--no-cache", "clean.py").stdout.strip() == "All checks passed (1 file)."
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run_cli(empty, "check", "--no-cache")
    assert done.returncode == 0 and done.stdout.strip() == "No files to check."


def test_quiet_prints_findings_only(tmp_path):
    project = make_project(tmp_path / "p", {"bot.py": BOT, "clean.py": CLEAN_SOURCE})
    done = run_cli(project, "check", "--no-cache", "--quiet")
    assert done.returncode == 1
    assert [line.split(" ")[1] for line in done.stdout.splitlines()] == ["EG201", "EG101"]
    clean = run_cli(project, "check", "--no-cache", "-q", "clean.py")
    assert clean.returncode == 0 and clean.stdout == ""


def test_statistics_counts_each_rule_and_language(tmp_path):
    project = make_project(
        tmp_path / "p", {"bot.py": BOT, "ru.py": f"{RU_COMMENT}\nx = 1\n", "uz.py": f"{UZ_COMMENT}\n"}
    )
    done = run_cli(project, "check", "--no-cache", "--statistics")
    assert done.returncode == 1
    rows = [line.split() for line in done.stdout.splitlines()[:-1]]
    assert rows == [
        ["2", "EG201", "non-english-comment", "(Uzbek)"],
        ["1", "EG101", "non-english-identifier", "(Uzbek)"],
        ["1", "EG201", "non-english-comment", "(Russian)"],
    ]
    as_json = json.loads(run_cli(project, "check", "--no-cache", "--statistics", "--format", "json").stdout)
    assert {(row["code"], row["language"], row["count"]) for row in as_json} == {
        ("EG201", "uz", 2),
        ("EG101", "uz", 1),
        ("EG201", "ru", 1),
    }


# --- rules ----------------------------------------------------------------------------------------


def test_rules_lists_every_code_of_the_rule_table(tmp_path):
    done = run_cli(tmp_path, "rules")
    assert done.returncode == 0
    assert [line.split()[0] for line in done.stdout.splitlines()] == sorted(RULES)
    listed = json.loads(run_cli(tmp_path, "rules", "--format", "json").stdout)
    assert [rule["code"] for rule in listed] == sorted(RULES)
    assert all(rule["name"] and rule["summary"] for rule in listed)


def test_configuration_explain_and_sarif_know_the_same_codes(tmp_path):
    from english_guard.checker import RunResult
    from english_guard.config import ALL_CODES, expand_codes
    from english_guard.reporting.sarif_format import render as sarif

    assert set(ALL_CODES) == set(RULES) and "EG100" in ALL_CODES
    assert expand_codes(["EG1"]) == [code for code in sorted(RULES) if code.startswith("EG1")]
    sarif_rules = json.loads(sarif(RunResult()))["runs"][0]["tool"]["driver"]["rules"]
    assert {rule["id"] for rule in sarif_rules} == set(RULES)
    for code in RULES:
        assert run_cli(tmp_path, "explain", code).returncode == 0


def _template_pattern(template: str) -> re.Pattern[str]:
    """A rule's message template as a pattern: its literal text, anything where a field stands."""
    parts = re.split(r"\{[^{}]*\}", template)
    return re.compile(".+".join(re.escape(part) for part in parts) + r"\Z", re.DOTALL)


def test_every_message_is_its_rules_template(tmp_path):
    """The registry is the one place of a finding's message: each finding of the example says what its
    rule's template says, and a rule without a template is the tool's own (EG900)."""
    done = run_cli(REPO / "examples" / "dokon_bot", "check", "--no-cache", "--format", "json")
    findings = json.loads(done.stdout)["findings"]
    characters = "x = 1  # noqa: EG201\npаssword = 1\nｐassword = 2\naccess = 'user\u202e'\n"
    project = make_project(tmp_path / "p", {"a.py": characters})
    done = run_cli(project, "check", "--no-cache", "--select", "ALL", "--format", "json")
    findings += json.loads(done.stdout)["findings"]
    codes = {finding["code"] for finding in findings}
    assert codes >= {"EG100", "EG101", "EG102", "EG103", "EG201", "EG301", "EG401", "EG501"}, codes
    for finding in findings:
        rule = RULES[finding["code"]]
        templates = [rule.message, *rule.variants.values()]
        assert any(_template_pattern(t).match(finding["message"]) for t in templates), finding
    assert [code for code, rule in RULES.items() if not rule.message] == ["EG900"]


def test_selecting_eg100_reports_unused_suppressions(tmp_path):
    project = make_project(tmp_path / "p", {"a.py": "x = 1  # noqa: EG201\n"})
    assert run_cli(project, "check", "--no-cache").returncode == 0  # off by default
    done = run_cli(project, "check", "--no-cache", "--select", "ALL")
    assert done.returncode == 1 and "a.py:1:8: EG100" in done.stdout


# --- stdin ----------------------------------------------------------------------------------------


def test_stdin_is_checked_as_the_named_file(tmp_path):
    project = make_project(tmp_path / "p", {}, pyproject='[tool.english-guard]\nignore = ["EG101"]\n')
    done = subprocess.run(
        [*CLI, "check", "-", "--stdin-filename", "bot/handlers.py"],
        cwd=project,
        input=BOT,
        capture_output=True,
        text=True,
        env=cli_env(),
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("bot/handlers.py:3:1: EG201")
    assert "EG101" not in done.stdout  # the project's settings apply
    yaml = subprocess.run(
        [*CLI, "check", "-", "--stdin-filename", "values.yaml", "--format", "json"],
        cwd=project,
        input="# Пример конфигурации сервиса\nname: web\n",
        capture_output=True,
        text=True,
        env=cli_env(),
    )
    assert [f["code"] for f in json.loads(yaml.stdout)["findings"]] == ["EG501"]
    plain = subprocess.run(
        [*CLI, "check", "-"], cwd=project, input="x = 1\n", capture_output=True, text=True, env=cli_env()
    )
    assert plain.returncode == 0, plain.stdout + plain.stderr


def test_stdin_with_force_exclude_skips_an_excluded_name(tmp_path):
    project = make_project(tmp_path / "p", {}, pyproject='[tool.english-guard]\nexclude = ["legacy/"]\n')
    done = subprocess.run(
        [*CLI, "check", "-", "--stdin-filename", "legacy/old.py", "--force-exclude"],
        cwd=project,
        input=BOT,
        capture_output=True,
        text=True,
        env=cli_env(),
    )
    assert done.returncode == 0 and "EG201" not in done.stdout


def test_stdin_misuse_is_a_clear_error(tmp_path):
    for args in (["check", "-", "other.py"], ["check", "--stdin-filename", "a.py", "."]):
        done = run_cli(tmp_path, *args)
        assert done.returncode == 2 and "Traceback" not in done.stderr and "english-guard: error:" in done.stderr


# --- per-file ignores, blanket noqa ---------------------------------------------------------------


def test_per_file_ignores(tmp_path):
    pyproject = '[tool.english-guard]\nper-file-ignores = { "tests/**" = ["EG2"], "scripts/*.py" = ["EG101"] }\n'
    project = make_project(
        tmp_path / "p", {"tests/test_bot.py": BOT, "scripts/run.py": BOT, "bot.py": BOT}, pyproject=pyproject
    )
    done = run_cli(project, "check", "--no-cache", "--quiet")
    found = sorted(" ".join(line.split(" ")[:2]) for line in done.stdout.splitlines())
    assert found == [
        "bot.py:3:1: EG201",
        "bot.py:4:5: EG101",
        "scripts/run.py:3:1: EG201",
        "tests/test_bot.py:4:5: EG101",
    ]


def test_a_blanket_noqa_suppresses_every_code_on_its_line(tmp_path):
    source = f"x = 1  {UZ_COMMENT}  # noqa\ny = 2  {UZ_COMMENT}  # NOQA\nz = 3  {UZ_COMMENT}  # noqa: E501\n"
    project = make_project(tmp_path / "p", {"a.py": source})
    done = run_cli(project, "check", "--no-cache", "--quiet")
    assert [line.split(":")[1] for line in done.stdout.splitlines()] == ["3"]  # E501 is another tool's code


# --- strict configuration -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('exclude = "build"', "exclude must be a list of strings"),
        ('select = "EG1"', "select must be a list of strings"),
        ('file-types = { "*.j2" = "jinja" }', "unknown reader 'jinja'"),
        ('per-file-ignores = { "tests/**" = "EG401" }', "per-file-ignores must be a table"),
        ('per-file-ignores = { "tests/**" = ["XX1"] }', "unknown rule code or prefix 'XX1'"),
        ("min-confidence = true", "min-confidence must be a number"),
        ("locales-dir = 3", "locales-dir must be a string"),
        ('ignore = ["EG999"]', "unknown rule code or prefix 'EG999'"),
    ],
)
def test_a_wrong_setting_is_exit_2_naming_the_file_and_setting(tmp_path, setting, message):
    project = make_project(tmp_path / "p", {"a.py": "x = 1\n"}, pyproject=f"[tool.english-guard]\n{setting}\n")
    done = run_cli(project, "check", "--no-cache")
    assert done.returncode == 2, done.stdout
    assert "pyproject.toml" in done.stderr and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


# --- --show-source --------------------------------------------------------------------------------


def test_show_source_prints_the_line_and_marks_the_finding(tmp_path):
    project = make_project(tmp_path / "p", {"bot.py": BOT})
    lines = run_cli(project, "check", "--no-cache", "--show-source", "bot.py").stdout.splitlines()
    at = lines.index(next(line for line in lines if "EG101" in line))
    assert lines[at + 2] == f"4 | def {UZ_FUNCTION}(values):"
    assert lines[at + 3] == "  |     " + "^" * len(UZ_FUNCTION)


# --- the console script's quick exit ----------------------------------------------------------------

# `console_main` as the console script runs it, with an exit handler of the caller's registered first.
_WITH_EXIT_HANDLER = (
    "import atexit, sys; atexit.register(print, 'exit handler ran'); sys.argv[0] = 'english-guard';"
    " from english_guard.cli import console_main; console_main()"
)


def _buffered_env() -> dict[str, str]:
    """A user's environment, where stdout is buffered in a pipe (this test's shell may set PYTHONUNBUFFERED)."""
    return {key: value for key, value in cli_env().items() if key != "PYTHONUNBUFFERED"}


def test_the_quick_exit_flushes_a_long_report_whole_and_keeps_the_exit_code(tmp_path):
    comments = "".join(f"{UZ_COMMENT} {number}\nx{number} = {number}\n" for number in range(400))
    project = make_project(tmp_path / "p", {"bot.py": comments})
    done = run_cli(project, "check", "--no-cache", "--format", "json", env=_buffered_env())
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)  # a report of about 200 KB: more than a pipe holds at once
    assert len(done.stdout) > 100_000
    assert sum(1 for finding in report["findings"] if finding["code"] == "EG201") == 400


@pytest.mark.parametrize(("files", "status"), [({"bot.py": BOT}, 1), ({"a.py": CLEAN_SOURCE}, 0)])
def test_the_quick_exit_runs_the_exit_handlers_after_the_output(tmp_path, files, status):
    project = make_project(tmp_path / "p", files)
    command = [*CLI[:-2], "-c", _WITH_EXIT_HANDLER]
    done = run_cli(project, "check", "--no-cache", command=command, env=_buffered_env())
    assert done.returncode == status, done.stderr
    assert done.stdout.endswith("exit handler ran\n"), done.stdout
    assert "Traceback" not in done.stderr


def test_the_quick_exit_keeps_a_usage_error_and_its_message(tmp_path):
    done = run_cli(tmp_path, "check", "--no-such-option")
    assert done.returncode == 2
    assert "No such option '--no-such-option'" in done.stderr and "Traceback" not in done.stderr
