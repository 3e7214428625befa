"""The English-detection engine: is this text English, and if not, which language is it?"""

from __future__ import annotations

from english_guard.language.engine import judge
from english_guard.language.tokens import split_identifier

__all__ = ["judge", "split_identifier"]
