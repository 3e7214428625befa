"""The English detection: is this text English, and if not, which language is it?"""

from __future__ import annotations

from english_guard.language.tokens import split_identifier
from english_guard.language.verdict import judge

__all__ = ["judge", "split_identifier"]
