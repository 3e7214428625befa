"""The one-off migration (`python translate_comments.py`, `english-guard migrate`).

    from english_guard.migrate import MigrationOptions, run_migration

    result = run_migration(MigrationOptions(path="src", write=False))
    result.report_path     # .english-guard/migration/migration-report.md
    result.report.items    # the manual-review list (manual.ReviewItem), each with path and line

Modules: pipeline (the order of the steps), workspace (staging copy and journaled commit), gitstate,
translation_step, rename_step, extract_step, manual (the manual-review list), report (Markdown),
progress (terminal and plain output).
"""

from english_guard.migrate.pipeline import MigrationError, MigrationOptions, MigrationResult, run_migration
from english_guard.migrate.progress import Progress

__all__ = ["MigrationError", "MigrationOptions", "MigrationResult", "Progress", "run_migration"]
