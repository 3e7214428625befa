"""Baselines: accept today's findings, report only new ones.

A fingerprint is made of the path, the code and the finding's text with white space folded, plus
its occurrence number among identical findings in that file. Line numbers are not part of it, so
lines moving up or down and code reformatted around a finding keep it matched.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from english_guard.fixes.safe_write import atomic_write_bytes
from english_guard.model import Finding

FORMAT_VERSION = 1


class BaselineError(Exception):
    pass


def _fingerprints(findings: list[Finding]) -> list[tuple[str, Finding]]:
    seen: Counter = Counter()
    out = []
    for finding in sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code)):
        text = " ".join(finding.text.split())
        key = (finding.path, finding.code, text)
        occurrence = seen[key]
        seen[key] += 1
        digest = hashlib.blake2b(f"{finding.path}\0{finding.code}\0{text}\0{occurrence}".encode(), digest_size=12)
        out.append((digest.hexdigest(), finding))
    return out


def write_baseline(path: str, findings: list[Finding]) -> int:
    entries = [{"fingerprint": fp, "path": f.path, "code": f.code, "line": f.line, "text": f.text}
               for fp, f in _fingerprints(findings)]
    document = {"version": FORMAT_VERSION, "tool": "english-guard", "entries": entries}
    atomic_write_bytes(path, (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return len(entries)


@dataclass(slots=True)
class BaselineMatch:
    new: list[Finding]
    stale: list[dict]


def load_baseline(path: str) -> list[dict]:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with `english-guard baseline -o {path}`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: the baseline is not valid JSON: {exc.msg}") from None
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise BaselineError(f"{path}: not an english-guard baseline (no 'entries' list)")
    if document.get("version") != FORMAT_VERSION:
        raise BaselineError(f"{path}: unsupported baseline version {document.get('version')!r}")
    return document["entries"]


def apply_baseline(findings: list[Finding], entries: list[dict], checked_paths: set[str] | None = None) -> BaselineMatch:
    known = {entry.get("fingerprint") for entry in entries}
    matched = set()
    new = []
    for fingerprint, finding in _fingerprints(findings):
        if fingerprint in known:
            matched.add(fingerprint)
        else:
            new.append(finding)
    stale = [e for e in entries if e.get("fingerprint") not in matched
             and (checked_paths is None or e.get("path") in checked_paths)]
    new.sort(key=lambda f: (f.path, f.line, f.column, f.code))
    return BaselineMatch(new, stale)
