"""`--format gitlab`: GitLab Code Quality report (a JSON array of issues)."""

from __future__ import annotations

import hashlib

from english_guard.reporting import indented_json
from english_guard.rules import UNREADABLE_FILE


def _fingerprint(*parts: object) -> str:
    return hashlib.md5("\0".join(map(str, parts)).encode(), usedforsecurity=False).hexdigest()


def render(run, **_options) -> str:
    from english_guard.baseline import finding_fingerprints

    # GitLab shows issues with the same fingerprint as one: unique per finding, stable when lines move.
    fingerprints = finding_fingerprints(run.findings)
    issues = []
    for f in run.findings:
        issues.append(
            {
                "description": f"{f.code} {f.message}",
                "check_name": f.code,
                "fingerprint": _fingerprint(fingerprints[id(f)]),
                "severity": "minor",
                "location": {
                    "path": f.path,
                    "positions": {
                        "begin": {"line": f.line, "column": f.column},
                        "end": {"line": f.end_line, "column": f.end_column},
                    },
                },
            }
        )
    for e in run.errors:
        issues.append(
            {
                "description": f"EG900 {e.message}",
                "check_name": UNREADABLE_FILE.code,
                "fingerprint": _fingerprint(e.path, UNREADABLE_FILE.code, e.message),
                "severity": "major",
                "location": {"path": e.path, "lines": {"begin": e.line or 1}},
            }
        )
    return indented_json.dumps(issues) + "\n"
