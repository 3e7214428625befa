"""Which calls make a string user-facing, and which calls are gettext: shared by `check` (EG401) and `extract`.

Patterns are dotted names. A pattern that starts with "." matches any callee that ends with it
(`.answer` matches `message.answer` and `callback.message.answer`); any other pattern matches
the callee exactly or as its dotted suffix (`click.echo` matches `click.echo`, `echo` matches `echo`).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from functools import lru_cache

from english_guard.config import Config

# Callees whose strings are never user-facing, whatever a keyword says (log and internal errors).
NEVER_USER_FACING = (
    ".debug",
    ".info",
    ".warning",
    ".warn",
    ".error",
    ".exception",
    ".critical",
    ".log",
    "logging.debug",
    "logging.info",
    "logging.warning",
    "logging.error",
    "logging.exception",
    "logger.debug",
    "logger.info",
    "logger.warning",
    "logger.error",
    "logger.exception",
    ".execute",
    ".executemany",
    ".fetch",
    ".fetchrow",
    ".fetchval",
    "re.compile",
    "re.match",
    "re.search",
    "re.sub",
    "re.fullmatch",
    "re.findall",
    "re.split",
    ".getenv",
    "os.getenv",
    "os.environ.get",
    ".strftime",
    ".strptime",
    "open",
    "Path",
    ".startswith",
    ".endswith",
    ".removeprefix",
    ".removesuffix",
    ".split",
    ".replace",
    ".get",
    ".setdefault",
    ".pop",
    ".join",
)


# What fnmatch reads as a wildcard: the text after the last one is a literal ending of every match.
_GLOB_WILDCARD = re.compile(r"[*?\]]")


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


# The compiled form of each tuple of patterns met, by identity: hashing a tuple of a hundred patterns on every
# call cost more than the match. The tuple is kept with its compiled form, so its id is never reused.
_compiled_tuples: dict[int, tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]] = {}


def matches_any(callee: str, patterns) -> bool:
    """True when a pattern equals a dotted tail of `callee` (a glob pattern: matches one)."""
    if not callee:
        return False
    entry = _compiled_tuples.get(id(patterns)) if patterns.__class__ is tuple else None
    if entry is not None and entry[0] is patterns:
        plain, globs = entry[1], entry[2]
    else:
        plain, globs = _compile(tuple(patterns))
        if patterns.__class__ is tuple:
            _compiled_tuples[id(patterns)] = (patterns, plain, globs)
    tails = _tails(callee)
    if not plain.isdisjoint(tails):
        return True
    return bool(globs) and any(fnmatch.fnmatchcase(tail, glob) for glob in globs for tail in tails)


@lru_cache(maxsize=4096)
def _never_user_facing(callee: str) -> bool:
    return matches_any(callee, NEVER_USER_FACING)


class CallPatterns:
    """The configuration's call patterns, compiled once: one set look-up per dotted tail of a callee."""

    def __init__(self, config: Config) -> None:
        self.gettext_names = frozenset(config.gettext_functions)
        self.gettext_dotted = tuple(p for p in config.gettext_functions if "." in p)
        self.extend = tuple(config.extend_user_facing_calls)
        self.shown = (*config.user_facing_calls, *config.extend_user_facing_calls, *config.user_facing_constructors)
        self.keywords = frozenset(config.user_facing_keywords)
        # A plain pattern matches a callee only with the callee's last dotted part (`.answer`, `click.echo`),
        # a glob only a callee that ends with the glob's text after its last wildcard (`models.*Field`):
        # a callee that does neither is no gettext and no user-facing call (see `may_match`).
        every = (*config.gettext_functions, *self.shown)
        self.last_parts = frozenset(p.rsplit(".", 1)[-1] for p in every if "*" not in p)
        self.glob_endings = tuple(_GLOB_WILDCARD.split(p)[-1] for p in every if "*" in p)
        # One cache per instance: a cache on the class would share its slots between configurations.
        self.gettext: Callable[[str], bool] = lru_cache(maxsize=4096)(self._gettext)
        self.user_facing: Callable[[str], bool] = lru_cache(maxsize=4096)(self._user_facing)

    def may_match(self, callee: str, last: str) -> bool:
        """False when no gettext or user-facing pattern can match `callee`, whose last dotted part is `last`."""
        if last in self.last_parts:
            return True
        return bool(self.glob_endings) and ("" in self.glob_endings or callee.endswith(self.glob_endings))

    def _gettext(self, callee: str) -> bool:
        return callee in self.gettext_names or matches_any(callee, self.gettext_dotted)

    def _user_facing(self, callee: str) -> bool:
        if matches_any(callee, NEVER_USER_FACING) and not matches_any(callee, self.extend):
            return False
        return matches_any(callee, self.shown)

    def user_facing_keyword(self, callee: str, keyword: str) -> bool:
        return keyword in self.keywords and not _never_user_facing(callee)


_compiled: dict[int, tuple[Config, CallPatterns]] = {}


def patterns_for(config: Config) -> CallPatterns:
    """The compiled patterns of a configuration (kept for the process: there are one or two)."""
    entry = _compiled.get(id(config))
    if entry is None or entry[0] is not config:
        entry = (config, CallPatterns(config))
        _compiled[id(config)] = entry
    return entry[1]


def is_gettext_call(callee: str, config: Config) -> bool:
    return patterns_for(config).gettext(callee)


def is_user_facing_call(callee: str, config: Config) -> bool:
    """Strings passed positionally to this call are shown to users."""
    return patterns_for(config).user_facing(callee)


def is_user_facing_keyword(callee: str, keyword: str, config: Config) -> bool:
    """A keyword argument (`text=`, `detail=`, `help=`) whose string is shown to users."""
    return patterns_for(config).user_facing_keyword(callee, keyword)
