"""The English detection: is this text English, and if not, which language is it?"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from english_guard.language.tokens import split_identifier
    from english_guard.language.verdict import judge

__all__ = ["judge", "split_identifier"]


def __getattr__(name: str) -> object:
    # The engine loads on first use: a run served from the cache imports only the light modules of this
    # package (`profile`, `scripts`, `normalize`), never the lexicons and the verdict.
    if name == "judge":
        from english_guard.language.verdict import judge

        return judge
    if name == "split_identifier":
        from english_guard.language.tokens import split_identifier

        return split_identifier
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
