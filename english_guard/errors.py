"""The one base of english-guard's own errors.

Every error the tool raises on purpose (bad configuration, an unreadable file, a plan that no longer
applies, a broken model package...) is an `EnglishGuardError` whose message is one line naming the file
(and line) it is about. The CLI prints such an error as that one line and exits with 2, never a traceback.
This module imports nothing, so every layer may use it.
"""

from __future__ import annotations


class EnglishGuardError(Exception):
    """An error english-guard reports as its one-line message (exit code 2)."""
