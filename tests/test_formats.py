"""Report formats of `english-guard check`, each checked against its real specification:
JSON (the documented report object), SARIF 2.1.0 (the OASIS JSON schema, shipped in tests/data), GitLab Code Quality
(GitLab's documented format) and GitHub workflow annotations."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from check_helpers import (
    BOT_SOURCE,
    CLEAN_SOURCE,
    RU_COMMENT,
    UZ_COMMENT_2,
    YAML_SOURCE,
    check_json,
    make_project,
    run_cli,
    write,
)

from english_guard.records import KINDS

DATA = Path(__file__).parent / "data"
FINDING_KEYS = {
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "kind",
    "symbol",
    "text",
    "language",
    "confidence",
    "message",
    "suggestion",
}
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """Findings of every Python kind, a YAML comment, a file whose path needs URI escaping, an
    unparseable file, two identical comments and an unused suppression comment."""
    root = tmp_path_factory.mktemp("formats") / "project"
    return make_project(
        root,
        {
            "bot/handlers.py": BOT_SOURCE,
            "bot/clean.py": CLEAN_SOURCE,
            "deploy/values.yaml": YAML_SOURCE,
            "sub dir/çafé, menu.py": f"{UZ_COMMENT_2}\nx = 1\n{UZ_COMMENT_2}\ny = 2  # english-guard: ignore\n",
            "broken.py": "def broken(:\n    pass\n",
        },
    )


@pytest.fixture(scope="module")
def json_report(project) -> tuple[int, dict]:
    code, report, _stderr = check_json(project, "--no-cache", "--show-unused-ignores")
    return code, report


def _run_format(project: Path, name: str) -> str:
    completed = run_cli(project, "check", "--no-cache", "--show-unused-ignores", "--format", name)
    assert completed.returncode == 2, completed.stderr  # broken.py cannot be parsed
    assert "Traceback" not in completed.stderr
    return completed.stdout


# --- JSON -------------------------------------------------------------------------------------------------


def test_json_has_exactly_the_design_shape(json_report):
    code, report = json_report
    assert code == 2
    assert set(report) == {"version", "findings", "errors", "summary"}
    assert report["version"] == 1
    assert set(report["summary"]) == {"files", "findings", "errors"}
    assert report["summary"] == {"files": 6, "findings": len(report["findings"]), "errors": len(report["errors"])}
    for finding in report["findings"]:
        assert set(finding) == FINDING_KEYS
        for key in ("line", "column", "end_line", "end_column"):
            assert type(finding[key]) is int and finding[key] >= 1, finding
        assert (finding["end_line"], finding["end_column"]) >= (finding["line"], finding["column"])
        assert finding["kind"] in KINDS
        assert re.fullmatch(r"EG\d{3}", finding["code"])
        assert re.fullmatch(r"[a-z]{2}|und", finding["language"]), finding["language"]
        assert isinstance(finding["confidence"], float) and 0.0 <= finding["confidence"] <= 1.0
        assert isinstance(finding["message"], str) and finding["message"]
        assert finding["suggestion"] is None or isinstance(finding["suggestion"], str)
    assert report["errors"] == [
        {
            "path": "broken.py",
            "code": "EG900",
            "message": report["errors"][0]["message"],
            "line": 1,
            "column": report["errors"][0]["column"],
        }
    ]
    assert "syntax" in report["errors"][0]["message"]


def test_json_paths_are_relative_to_the_current_folder(project, json_report):
    _code, report = json_report
    paths = {f["path"] for f in report["findings"]}
    assert paths == {"bot/handlers.py", "deploy/values.yaml", "sub dir/çafé, menu.py"}
    # An absolute path argument below the current folder still reports relative paths.
    _code, absolute, _stderr = check_json(project, "--no-cache", str(project / "bot"))
    assert {f["path"] for f in absolute["findings"]} == {"bot/handlers.py"}
    # From another folder, paths are relative to that folder.
    _code, from_bot, _stderr = check_json(project / "bot", "--no-cache", ".")
    assert {f["path"] for f in from_bot["findings"]} == {"handlers.py"}


def test_json_positions_point_at_the_reported_text(project, json_report):
    """1-based lines and character columns: the span in the file holds the finding's text."""
    _code, report = json_report
    checked = set()
    for finding in report["findings"]:
        if finding["kind"] == "docstring" or finding["end_line"] != finding["line"]:
            continue
        line = (project / finding["path"]).read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
        span = line[finding["column"] - 1 : finding["end_column"] - 1]
        assert finding["text"] in span, (finding, span)
        checked.add(finding["code"])
    assert {"EG101", "EG201", "EG401", "EG501", "EG100"} <= checked


def test_json_reports_every_expected_finding(json_report):
    _code, report = json_report
    found = {(f["path"], f["line"], f["code"]) for f in report["findings"]}
    assert found == {
        ("bot/handlers.py", 1, "EG201"),
        ("bot/handlers.py", 5, "EG101"),
        ("bot/handlers.py", 6, "EG301"),
        ("bot/handlers.py", 13, "EG201"),
        ("bot/handlers.py", 15, "EG401"),
        ("deploy/values.yaml", 1, "EG501"),
        ("sub dir/çafé, menu.py", 1, "EG201"),
        ("sub dir/çafé, menu.py", 3, "EG201"),
        ("sub dir/çafé, menu.py", 4, "EG100"),
    }
    by_line = {(f["path"], f["line"]): f for f in report["findings"]}
    assert by_line[("bot/handlers.py", 1)]["language"] == "uz"
    assert by_line[("bot/handlers.py", 13)]["language"] == "ru"
    assert by_line[("bot/handlers.py", 13)]["text"] == RU_COMMENT


# --- SARIF ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft7Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    # rfc3986-validator (dev extra) makes jsonschema check the schema's uri and uri-reference formats.
    assert {"uri", "uri-reference"} <= set(checker.checkers), "install the dev extra (rfc3986-validator)"
    return jsonschema.Draft7Validator(schema, format_checker=checker)


def test_sarif_validates_against_the_sarif_2_1_0_schema(project, sarif_validator, json_report):
    document = json.loads(_run_format(project, "sarif"))
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator.iter_errors(document)]
    assert problems == []
    run = document["runs"][0]
    _code, report = json_report
    assert len(run["results"]) == len(report["findings"])
    rules = run["tool"]["driver"]["rules"]
    for result, finding in zip(run["results"], report["findings"], strict=True):
        assert result["ruleId"] == finding["code"]
        assert rules[result["ruleIndex"]]["id"] == finding["code"]
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            finding["line"],
            finding["column"],
            finding["end_line"],
            finding["end_column"],
        )
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "sub%20dir/%C3%A7af%C3%A9%2C%20menu.py" in uris
    notifications = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notifications] == ["broken.py"]
    assert run["invocations"][0]["executionSuccessful"] is False
    fingerprints = [r["partialFingerprints"]["englishGuardFinding/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_schema_check_catches_a_broken_log(project, sarif_validator):
    """The validator is not a rubber stamp: known violations of the schema are reported."""
    document = json.loads(_run_format(project, "sarif"))
    for mutate in (
        lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(startLine=0),
        lambda d: d["runs"][0]["results"][0].update(level="fatal"),
        lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"].update(
            uri="sub dir/x y.py"
        ),
        lambda d: d.update(version="2.0.0"),
        lambda d: d["runs"][0]["tool"]["driver"].pop("name"),
    ):
        broken = copy.deepcopy(document)
        mutate(broken)
        assert list(sarif_validator.iter_errors(broken)), "a broken SARIF log passed validation"


def test_sarif_of_a_clean_tree_validates(tmp_path, sarif_validator):
    root = make_project(tmp_path / "clean", {"clean.py": CLEAN_SOURCE})
    completed = run_cli(root, "check", "--no-cache", "--format", "sarif")
    assert completed.returncode == 0
    document = json.loads(completed.stdout)
    assert list(sarif_validator.iter_errors(document)) == []
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["invocations"][0]["executionSuccessful"] is True


# --- GitLab Code Quality ----------------------------------------------------------------------------------


def codequality_problems(raw: str) -> list[str]:
    """Problems of a GitLab Code Quality report, per GitLab's documentation ("Implement a custom tool"):
    a JSON array of objects with `description`, `check_name`, `fingerprint` (unique: GitLab shows
    issues with the same fingerprint as one), `severity` (info, minor, major, critical or blocker),
    `location.path` (relative) and `location.lines.begin` or `location.positions.begin.line`; no byte
    order mark at the start of the file."""
    problems = []
    if raw.startswith("\ufeff"):
        problems.append("starts with a byte order mark")
    try:
        issues = json.loads(raw)
    except json.JSONDecodeError as exc:
        return [f"not JSON: {exc}"]
    if not isinstance(issues, list):
        return ["the report is not a JSON array"]
    seen = set()
    for index, issue in enumerate(issues):
        where = f"issue {index}"
        if not isinstance(issue, dict):
            problems.append(f"{where}: not an object")
            continue
        for key in ("description", "check_name", "fingerprint"):
            if not isinstance(issue.get(key), str) or not issue[key]:
                problems.append(f"{where}: {key} must be a non-empty string")
        if issue.get("fingerprint") in seen:
            problems.append(f"{where}: fingerprint {issue['fingerprint']} is not unique")
        seen.add(issue.get("fingerprint"))
        if issue.get("severity") not in GITLAB_SEVERITIES:
            problems.append(f"{where}: severity {issue.get('severity')!r} is not one of {sorted(GITLAB_SEVERITIES)}")
        location = issue.get("location")
        if not isinstance(location, dict):
            problems.append(f"{where}: no location object")
            continue
        path = location.get("path")
        if not isinstance(path, str) or not path or path.startswith(("/", "./")) or "\\" in path:
            problems.append(f"{where}: location.path {path!r} is not a relative path")
        begin = (location.get("lines") or {}).get("begin")
        if begin is None:
            begin = ((location.get("positions") or {}).get("begin") or {}).get("line")
        if type(begin) is not int or begin < 1:
            problems.append(f"{where}: needs location.lines.begin or location.positions.begin.line (a line >= 1)")
    return problems


def test_gitlab_report_follows_the_code_quality_format(project, json_report):
    raw = _run_format(project, "gitlab")
    assert codequality_problems(raw) == []
    issues = json.loads(raw)
    _code, report = json_report
    assert len(issues) == len(report["findings"]) + len(report["errors"])
    assert [i["check_name"] for i in issues] == [f["code"] for f in report["findings"]] + ["EG900"]
    for issue, finding in zip(issues, report["findings"], strict=False):
        assert issue["location"]["path"] == finding["path"]
        assert issue["location"]["positions"]["begin"] == {"line": finding["line"], "column": finding["column"]}


def test_codequality_validator_catches_broken_reports():
    good = {
        "description": "d",
        "check_name": "EG201",
        "fingerprint": "f1",
        "severity": "minor",
        "location": {"path": "a.py", "lines": {"begin": 3}},
    }
    assert codequality_problems(json.dumps([good])) == []
    assert codequality_problems("\ufeff" + json.dumps([good]))
    assert codequality_problems(json.dumps(good))
    assert codequality_problems(json.dumps([good, good]))  # duplicate fingerprint
    for key, value in (
        ("severity", "error"),
        ("check_name", ""),
        ("location", {"path": "/abs/a.py", "lines": {"begin": 1}}),
        ("location", {"path": "a.py"}),
        ("location", {"path": "a.py", "lines": {"begin": 0}}),
    ):
        assert codequality_problems(json.dumps([{**good, key: value}])), (key, value)


def test_gitlab_fingerprints_survive_moved_lines_and_tell_twins_apart(tmp_path):
    root = make_project(tmp_path / "p", {"a.py": f"{UZ_COMMENT_2}\nx = 1\n{UZ_COMMENT_2}\n"})
    before = json.loads(run_cli(root, "check", "--no-cache", "--format", "gitlab").stdout)
    assert len({i["fingerprint"] for i in before}) == 2  # identical comments, two issues
    write(root, "a.py", "import os\n\n\n" + (root / "a.py").read_text(encoding="utf-8"))
    after = json.loads(run_cli(root, "check", "--no-cache", "--format", "gitlab").stdout)
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert [i["location"]["positions"]["begin"]["line"] for i in after] == [4, 6]


# --- GitHub annotations -----------------------------------------------------------------------------------

ANNOTATION = re.compile(
    r"::error title=english-guard (?P<code>EG\d{3}),file=(?P<file>[^,:]+)"
    r"(?:,line=(?P<line>\d+)(?:,col=(?P<col>\d+),endLine=(?P<end_line>\d+),endColumn=(?P<end_col>\d+))?)?"
    r"::(?P<message>.+)"
)


def _unescape_property(value: str) -> str:
    return value.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def test_github_annotations_one_per_finding_and_error(project, json_report):
    lines = _run_format(project, "github").splitlines()
    _code, report = json_report
    assert len(lines) == len(report["findings"]) + len(report["errors"])
    for line, finding in zip(lines, report["findings"], strict=False):
        match = ANNOTATION.fullmatch(line)
        assert match, line
        assert match["code"] == finding["code"]
        assert _unescape_property(match["file"]) == finding["path"]
        assert (int(match["line"]), int(match["col"]), int(match["end_line"]), int(match["end_col"])) == (
            finding["line"],
            finding["column"],
            finding["end_line"],
            finding["end_column"],
        )
        assert match["message"].startswith(finding["code"] + " ")
    # The comma in "çafé, menu.py" would end the file property: it is escaped.
    assert any("file=sub dir/çafé%2C menu.py," in line for line in lines)
    error = ANNOTATION.fullmatch(lines[-1])
    assert error["code"] == "EG900" and error["file"] == "broken.py" and error["line"] == "1"


def test_github_escaping_of_data_and_properties():
    from english_guard.reporting.github_format import _escape_data, _escape_property

    assert _escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert _escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_text_format_summary_and_exit_codes(project, tmp_path):
    completed = run_cli(project, "check", "--no-cache")
    assert completed.returncode == 2
    assert "bot/handlers.py:13:1: EG201" in completed.stdout
    assert "broken.py:1: EG900" in completed.stdout
    # The files counted are the files with findings (3 of the 6 checked); the unreadable one is counted apart.
    assert completed.stdout.rstrip().endswith("Found 8 problems in 3 files. 1 file could not be checked.")
    clean = make_project(tmp_path / "clean", {"clean.py": CLEAN_SOURCE})
    done = run_cli(clean, "check", "--no-cache")
    assert done.returncode == 0 and "All checks passed (2 files)." in done.stdout
    findings_only = make_project(tmp_path / "findings", {"a.py": BOT_SOURCE})
    assert run_cli(findings_only, "check", "--no-cache").returncode == 1
    assert run_cli(findings_only, "check", "--no-cache", "--exit-zero").returncode == 0


def test_sarif_uris_of_files_outside_the_current_folder(project, tmp_path, sarif_validator):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    relative = os.path.relpath(project / "bot", elsewhere)
    completed = run_cli(elsewhere, "check", "--no-cache", "--format", "sarif", str(project / "sub dir"), relative)
    assert completed.returncode == 1, completed.stderr
    document = json.loads(completed.stdout)
    assert list(sarif_validator.iter_errors(document)) == []
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in document["runs"][0]["results"]}
    assert relative.startswith("../")
    assert uris == {(project / "sub dir" / "çafé, menu.py").as_uri(), f"{relative}/handlers.py"}
