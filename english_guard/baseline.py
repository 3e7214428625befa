"""Baselines: accept today's findings, report only new ones.

A fingerprint is made of the path (relative to the baseline file's folder, so a check run from any
folder matches), the code and the finding's text with white space removed, plus its occurrence number
among identical findings in that file. Line numbers are not part of it, so lines moving up or down and
code reformatted around a finding (re-indented, re-wrapped, `#x` -> `# x`) keep it matched.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass

from english_guard.errors import EnglishGuardError
from english_guard.records import Finding
from english_guard.safe_write import atomic_write_bytes

FORMAT_VERSION = 1


class BaselineError(EnglishGuardError):
    pass


def _base_folder(baseline_path: str | None) -> str:
    return os.path.dirname(os.path.abspath(baseline_path)) if baseline_path else os.getcwd()


def _relative(path: str, base: str) -> str:
    """`path` (relative to the current folder) as seen from the baseline's folder, with forward slashes."""
    return os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")


def _fingerprints(findings: list[Finding], base: str) -> list[tuple[str, str, Finding]]:
    seen: Counter = Counter()
    out = []
    for finding in sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code)):
        path = _relative(finding.path, base)
        text = "".join(finding.text.split())
        key = (path, finding.code, text)
        occurrence = seen[key]
        seen[key] += 1
        digest = hashlib.blake2b(
            f"{path}\0{finding.code}\0{text}\0{occurrence}".encode("utf-8", "surrogateescape"), digest_size=12
        )
        out.append((digest.hexdigest(), path, finding))
    return out


def finding_fingerprints(findings: list[Finding]) -> dict[int, str]:
    """id(finding) -> a fingerprint that survives line moves and is unique among `findings` (for reports)."""
    return {id(finding): fingerprint for fingerprint, _path, finding in _fingerprints(findings, os.getcwd())}


def write_baseline(path: str, findings: list[Finding]) -> int:
    entries = [
        {"fingerprint": fp, "path": relative, "code": f.code, "line": f.line, "text": f.text}
        for fp, relative, f in _fingerprints(findings, _base_folder(path))
    ]
    document = {"version": FORMAT_VERSION, "tool": "english-guard", "entries": entries}
    atomic_write_bytes(path, (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return len(entries)


@dataclass(slots=True)
class BaselineMatch:
    new: list[Finding]
    stale: list[dict]


def load_baseline(path: str) -> list[dict]:
    from english_guard.own_files import OwnFileError, load_json_document

    if not os.path.lexists(path):
        raise BaselineError(f"{path}: baseline file not found (create it with `english-guard baseline -o {path}`)")
    try:
        document = load_json_document(path, "baseline")
    except OwnFileError as exc:
        raise BaselineError(str(exc)) from None
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise BaselineError(f"{path}: not an english-guard baseline (no 'entries' list)")
    if document.get("version") != FORMAT_VERSION:
        raise BaselineError(f"{path}: unsupported baseline version {document.get('version')!r}")
    return document["entries"]


def apply_baseline(
    findings: list[Finding],
    entries: list[dict],
    checked_paths: set[str] | None = None,
    baseline_path: str | None = None,
) -> BaselineMatch:
    """Split findings into new ones and matched ones; baseline entries of checked (or deleted) files that
    matched nothing are stale."""
    base = _base_folder(baseline_path)
    known = {entry.get("fingerprint") for entry in entries}
    matched = set()
    new = []
    for fingerprint, _path, finding in _fingerprints(findings, base):
        if fingerprint in known:
            matched.add(fingerprint)
        else:
            new.append(finding)
    checked = None if checked_paths is None else {_relative(p, base) for p in checked_paths}

    def in_scope(entry: dict) -> bool:
        path = str(entry.get("path"))
        return checked is None or path in checked or not os.path.exists(os.path.join(base, path))

    stale = [e for e in entries if e.get("fingerprint") not in matched and in_scope(e)]
    new.sort(key=lambda f: (f.path, f.line, f.column, f.code))
    return BaselineMatch(new, stale)
