"""The one small interface every translation engine implements."""

from __future__ import annotations

from typing import Protocol

from english_guard.errors import EnglishGuardError


class Engine(Protocol):
    """Translates sentences from one source language into English.

    `translate` returns one result per input, in order; None means "this engine cannot translate
    this sentence" (the caller then reports it for a human instead of inventing a translation).
    """

    #: Shown in reports and PO comments, and part of the translation-memory key.
    name: str
    # An engine may also set `needs_review = True`: its output is then always a fuzzy proposal.

    def translate(self, sentences: list[str], source_lang: str) -> list[str | None]: ...


class EngineError(EnglishGuardError):
    """An engine that cannot run (missing extra, unreadable model); the message says how to fix it."""
