"""`--format sarif`: SARIF 2.1.0 for code scanning, one rule entry per code."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from english_guard import REPOSITORY_URL, __version__
from english_guard.reporting import indented_json
from english_guard.rules import RULES, UNREADABLE_FILE

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = REPOSITORY_URL


def _region(line: int | None, column: int | None, end_line: int | None = None, end_column: int | None = None) -> dict:
    region = {"startLine": max(1, line or 1)}
    if column:
        region["startColumn"] = max(1, column)
    if end_line:
        region["endLine"] = max(region["startLine"], end_line)
    if end_column and end_line:
        region["endColumn"] = max(1, end_column)
    return region


def _uri(path: str) -> str:
    """A relative path as a relative URI reference (percent-encoded); an absolute one as a file: URI."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/")


def render(run, **_options) -> str:
    from english_guard.baseline import finding_fingerprints

    fingerprints = finding_fingerprints(run.findings)
    codes = sorted(RULES)
    index = {code: i for i, code in enumerate(codes)}
    rules = [
        {
            "id": code,
            "name": RULES[code].name,
            "shortDescription": {"text": RULES[code].summary},
            "fullDescription": {"text": RULES[code].explanation},
            "defaultConfiguration": {"level": "error"},
            "help": {"text": RULES[code].explanation},
        }
        for code in codes
    ]
    results = []
    for f in run.findings:
        result = {
            "ruleId": f.code,
            "ruleIndex": index[f.code] if f.code in index else 0,
            "level": "error",
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path)},
                        "region": _region(f.line, f.column, f.end_line, f.end_column),
                    }
                }
            ],
            "partialFingerprints": {"englishGuardFinding/v1": fingerprints[id(f)]},
            "properties": {"kind": f.kind, "language": f.language, "confidence": f.confidence},
        }
        if f.code not in index:
            result.pop("ruleIndex")
        results.append(result)
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{e.path}: {e.message}"},
            "descriptor": {"id": UNREADABLE_FILE.code},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": _uri(e.path)}, "region": _region(e.line, e.column)}}
            ],
        }
        for e in run.errors
    ]
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "english-guard",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "results": results,
                "invocations": [{"executionSuccessful": not run.errors, "toolExecutionNotifications": notifications}],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return indented_json.dumps(document) + "\n"
