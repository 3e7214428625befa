"""`english-guard extract`: user-facing string literals into Babel gettext catalogs.

See docs/extract.md. `extract_settings` builds the settings (for the command and the migration alike),
`plan_extract` decides, `apply_plan` writes.
"""

from english_guard.fixes.extract.run import ExtractPlan, apply_plan, plan_extract
from english_guard.fixes.extract.settings import ExtractSettings, ExtractSetupError, extract_settings

__all__ = ["ExtractPlan", "ExtractSettings", "ExtractSetupError", "apply_plan", "extract_settings", "plan_extract"]
