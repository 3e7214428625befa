"""Which calls make a string user-facing, and which calls are gettext: shared by `check` (EG401) and `extract`.

Patterns are dotted names. A pattern that starts with "." matches any callee that ends with it
(`.answer` matches `message.answer` and `callback.message.answer`); any other pattern matches
the callee exactly or as its dotted suffix (`click.echo` matches `click.echo`, `echo` matches `echo`).
"""
from __future__ import annotations

import fnmatch
from functools import lru_cache

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


@lru_cache(maxsize=64)
def _compile(patterns: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Plain patterns become a set of dotted tails (".answer" and "answer" both match `msg.answer`)."""
    plain = frozenset(p.lstrip(".") for p in patterns if "*" not in p)
    globs = tuple(p.lstrip(".") for p in patterns if "*" in p)
    return plain, globs


@lru_cache(maxsize=65536)
def _tails(callee: str) -> tuple[str, ...]:
    parts = callee.split(".")
    return tuple(".".join(parts[i:]) for i in range(len(parts)))


def matches_any(callee: str, patterns) -> bool:
    """True when a pattern equals a dotted tail of `callee` (a glob pattern: matches one)."""
    if not callee:
        return False
    plain, globs = _compile(tuple(patterns))
    tails = _tails(callee)
    if any(tail in plain for tail in tails):
        return True
    return any(fnmatch.fnmatchcase(tail, glob) for glob in globs for tail in tails)


def callee_matches(callee: str, pattern: str) -> bool:
    return matches_any(callee, (pattern,))


def is_gettext_call(callee: str, config: Config) -> bool:
    return callee in config.gettext_functions or matches_any(callee, [p for p in config.gettext_functions if "." in p])


def is_user_facing_call(callee: str, config: Config) -> bool:
    """Strings passed positionally to this call are shown to users."""
    if matches_any(callee, NEVER_USER_FACING) and not matches_any(callee, config.extend_user_facing_calls):
        return False
    patterns = (*config.user_facing_calls, *config.extend_user_facing_calls, *config.user_facing_constructors)
    return matches_any(callee, patterns)


def is_user_facing_keyword(callee: str, keyword: str, config: Config) -> bool:
    """A keyword argument (`text=`, `detail=`, `help=`) whose string is shown to users."""
    if keyword not in config.user_facing_keywords:
        return False
    return not matches_any(callee, NEVER_USER_FACING)
