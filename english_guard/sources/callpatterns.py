"""Which calls make a string user-facing, and which calls are gettext: shared by `check` (EG401) and `extract`.

Patterns are dotted names. A pattern that starts with "." matches any callee that ends with it
(`.answer` matches `message.answer` and `callback.message.answer`); any other pattern matches
the callee exactly or as its dotted suffix (`click.echo` matches `click.echo`, `echo` matches `echo`).
"""
from __future__ import annotations

import fnmatch

from english_guard.config import Config

# Callees whose strings are never user-facing, whatever a keyword says (log and internal errors).
NEVER_USER_FACING = (
    ".debug", ".info", ".warning", ".warn", ".error", ".exception", ".critical", ".log",
    "logging.debug", "logging.info", "logging.warning", "logging.error", "logging.exception",
    "logger.debug", "logger.info", "logger.warning", "logger.error", "logger.exception",
    ".execute", ".executemany", ".fetch", ".fetchrow", ".fetchval", "re.compile", "re.match", "re.search",
    "re.sub", "re.fullmatch", "re.findall", "re.split", ".getenv", "os.getenv", "os.environ.get", ".strftime",
    ".strptime", "open", "Path", ".startswith", ".endswith", ".removeprefix", ".removesuffix", ".split",
    ".replace", ".get", ".setdefault", ".pop", ".join",
)


def callee_matches(callee: str, pattern: str) -> bool:
    if not callee:
        return False
    if "*" in pattern:  # `models.*Field`: a glob over the dotted callee or its dotted suffix
        parts = callee.split(".")
        return any(fnmatch.fnmatchcase(".".join(parts[i:]), pattern) for i in range(len(parts)))
    if pattern.startswith("."):
        return callee.endswith(pattern) or callee == pattern[1:]
    return callee == pattern or callee.endswith("." + pattern)


def matches_any(callee: str, patterns) -> bool:
    return any(callee_matches(callee, pattern) for pattern in patterns)


def is_gettext_call(callee: str, config: Config) -> bool:
    return callee in config.gettext_functions or matches_any(callee, [p for p in config.gettext_functions if "." in p])


def is_user_facing_call(callee: str, config: Config) -> bool:
    """Strings passed positionally to this call are shown to users."""
    if matches_any(callee, NEVER_USER_FACING) and not matches_any(callee, config.extend_user_facing_calls):
        return False
    patterns = list(config.user_facing_calls) + list(config.extend_user_facing_calls)
    return matches_any(callee, patterns) or matches_any(callee, config.user_facing_constructors)


def is_user_facing_keyword(callee: str, keyword: str, config: Config) -> bool:
    """A keyword argument (`text=`, `detail=`, `help=`) whose string is shown to users."""
    if matches_any(callee, NEVER_USER_FACING):
        return False
    return keyword in config.user_facing_keywords
