"""The plan file (renames.toml): written by `--plan`, reviewed by a human, read by `--apply`.

A review file of the rename fix (`fixes.review_file`): TOML rather than PO, because a human edits a table of
fields here rather than a text.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

from english_guard.fixes.review_file import ReviewFileError, comment_block

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PLAN_VERSION = 1
ACTIONS = ("rename", "skip")

HEADER = """\
english-guard rename plan. Review it, then run: english-guard rename PATHS --apply {plan}

One [[rename]] table per symbol. An entry is applied when `new_name` is set and `action` is "rename".
  qualified_name  what the symbol is (module.Class.member, module.function.<locals>.name)
  kind            function, method, class, parameter, variable, constant, attribute, import-alias, module
  defined_at      path:line:column of its first definition; `also` lists other classes/methods sharing it
  uses            how many references the rename will update (imports, attributes, keywords, strings)
  new_name        the proposed English name ("" = no proposal: fill it in, or leave the entry skipped)
  action          "rename" or "skip" (module file renames start as "skip": they are opt-in)
  reason          why there is no proposal, or what the planner noticed
"""


class PlanError(ReviewFileError):
    """A plan file that cannot be used; the message names the file and the entry."""


@dataclass(slots=True)
class PlanEntry:
    qualified_name: str
    name: str
    kind: str
    defined_at: str
    uses: int
    new_name: str = ""
    action: str = "rename"
    reason: str = ""
    also: list[str] = field(default_factory=list)

    @property
    def wanted(self) -> bool:
        return self.action == "rename" and bool(self.new_name) and self.new_name != self.name


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def dump_plan(entries: list[PlanEntry], plan_name: str = "renames.toml", paths: list[str] | None = None) -> str:
    lines = [comment_block(HEADER.format(plan=plan_name)) + "\n", f"version = {PLAN_VERSION}"]
    if paths:
        lines.append("# the files the plan was made for; --apply without PATHS uses them")
        lines.append("paths = [" + ", ".join(_string(p) for p in paths) + "]")
    lines.append("")
    for entry in entries:
        lines.append("[[rename]]")
        lines.append(f"qualified_name = {_string(entry.qualified_name)}")
        lines.append(f"name = {_string(entry.name)}")
        lines.append(f"kind = {_string(entry.kind)}")
        lines.append(f"defined_at = {_string(entry.defined_at)}")
        lines.append(f"uses = {entry.uses}")
        lines.append(f"new_name = {_string(entry.new_name)}")
        lines.append(f"action = {_string(entry.action)}")
        if entry.reason:
            lines.append(f"reason = {_string(entry.reason)}")
        if entry.also:
            lines.append("also = [" + ", ".join(_string(a) for a in entry.also) + "]")
        lines.append("")
    return "\n".join(lines)


def plan_paths_of(text: str) -> list[str]:
    """The PATHS recorded in a plan (empty when it has none or does not parse)."""
    try:
        paths = tomllib.loads(text).get("paths", [])
    except tomllib.TOMLDecodeError:
        return []
    return [p for p in paths if isinstance(p, str)] if isinstance(paths, list) else []


def load_plan(text: str, path: str) -> list[PlanEntry]:
    """Parse and validate a plan; any problem raises PlanError naming the file and the entry."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"{path}: not valid TOML: {exc}") from exc
    version = document.get("version")
    if version != PLAN_VERSION:
        raise PlanError(
            f"{path}: unsupported plan version {version!r} (expected {PLAN_VERSION}); re-create it with --plan"
        )
    unknown = set(document) - {"version", "rename", "paths"}
    if unknown:
        raise PlanError(f"{path}: unknown top-level key(s): {', '.join(sorted(unknown))}")
    raw_entries = document.get("rename", [])
    if not isinstance(raw_entries, list):
        raise PlanError(f"{path}: `rename` must be an array of tables ([[rename]])")
    entries: list[PlanEntry] = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_entries, 1):
        where = f"{path}: entry {number}"
        if not isinstance(raw, dict):
            raise PlanError(f"{where}: must be a table")
        for key in ("qualified_name", "name", "new_name"):
            if not isinstance(raw.get(key), str):
                raise PlanError(f"{where}: `{key}` is missing or not a string")
        action = raw.get("action", "rename")
        if action not in ACTIONS:
            raise PlanError(
                f"{where} ({raw['qualified_name']}): action must be one of {', '.join(ACTIONS)}, not {action!r}"
            )
        uses = raw.get("uses", 0)
        if not isinstance(uses, int):
            raise PlanError(f"{where}: `uses` must be an integer")
        also = raw.get("also", [])
        if not isinstance(also, list) or not all(isinstance(a, str) for a in also):
            raise PlanError(f"{where}: `also` must be a list of strings")
        known = {"qualified_name", "name", "kind", "defined_at", "uses", "new_name", "action", "reason", "also"}
        extra = set(raw) - known
        if extra:
            raise PlanError(f"{where}: unknown key(s): {', '.join(sorted(extra))}")
        if raw["qualified_name"] in seen:
            raise PlanError(f"{where}: {raw['qualified_name']} appears twice")
        seen.add(raw["qualified_name"])
        entries.append(
            PlanEntry(
                raw["qualified_name"],
                raw["name"],
                str(raw.get("kind", "")),
                str(raw.get("defined_at", "")),
                uses,
                raw["new_name"].strip(),
                action,
                str(raw.get("reason", "")),
                list(also),
            )
        )
    return entries
