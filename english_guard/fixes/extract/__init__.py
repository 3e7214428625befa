"""`english-guard extract`: user-facing string literals into Babel gettext catalogs.

See docs/extract.md. The flow lives in `run`: `plan_extract` decides, `apply_plan` writes.
"""

from english_guard.fixes.extract.run import ExtractPlan, ExtractSettings, apply_plan, plan_extract

__all__ = ["ExtractPlan", "ExtractSettings", "apply_plan", "plan_extract"]
