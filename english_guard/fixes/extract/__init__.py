"""`english-guard extract`: user-facing string literals into Babel gettext catalogs.

See docs/extract.md. `extract_settings` builds the settings (for the command and the migration alike),
`plan_extract` decides, and the shared runner (`fixes.runner`) writes `plan.file_changes(root)`.
"""

from english_guard.fixes.extract.plan import ExtractPlan
from english_guard.fixes.extract.run import STATE, plan_extract
from english_guard.fixes.extract.settings import ExtractSettings, ExtractSetupError, extract_settings

__all__ = ["STATE", "ExtractPlan", "ExtractSettings", "ExtractSetupError", "extract_settings", "plan_extract"]
