"""The rename codemod: non-English identifiers to English ones across a whole repository.

`plan_paths` writes the reviewable plan; `apply_plan` applies exactly that plan or nothing at all.
Modules: files (discovery, decoding), analysis (one file's tokens and what they name; built from
records, positions, scopes and the walk_* visitors), index (the repository-wide symbols), namespaces
and safety (what a new name must not do), planning, planfile (renames.toml), applying.
"""

from __future__ import annotations

from english_guard.config import Config
from english_guard.fixes.rename.applying import ApplyReport, Refusal, RenamePreview, apply_plan, preview_plan
from english_guard.fixes.rename.planfile import PlanEntry, PlanError, dump_plan, load_plan
from english_guard.fixes.rename.project import Project, load_project


def plan_paths(paths: list[str], config: Config, judge=None) -> tuple[list[PlanEntry], list[str]]:
    """The plan entries for `paths` and the files that could not be read or parsed.

    Names are judged as `check` judges them (see `english_guard.settings`): a word in `allowed-words` or
    a name the project's manifests declare is not proposed for renaming."""
    from pathlib import Path

    from english_guard.fixes.rename.data_names import data_dependent_names
    from english_guard.fixes.rename.planning import make_plan
    from english_guard.settings import settings_for

    project = load_project(paths, config)
    texts = {source.path: source.text for source in project.sources}
    data = data_dependent_names(project.index, texts, Path(config.root))
    judge = judge or settings_for(config).identifier_judge()
    return make_plan(project.index, config.source_lang, judge=judge, texts=texts, data=data), project.errors


__all__ = [
    "ApplyReport",
    "PlanEntry",
    "PlanError",
    "Project",
    "Refusal",
    "RenamePreview",
    "apply_plan",
    "dump_plan",
    "load_plan",
    "load_project",
    "plan_paths",
    "preview_plan",
]
