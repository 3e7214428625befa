"""`--format json`: exactly the documented shape (docs/check.md), one object on stdout."""

from __future__ import annotations

from english_guard.reporting import indented_json


def payload(run, **_options) -> dict:
    findings = [f.to_json() for f in run.findings]
    errors = [e.to_json() for e in run.errors]
    data = {
        "version": 1,
        "findings": findings,
        "errors": errors,
        "summary": {"files": run.files, "findings": len(findings), "errors": len(errors)},
    }
    return data


def render(run, **options) -> str:
    return indented_json.dumps(payload(run, **options)) + "\n"
