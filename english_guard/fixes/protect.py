"""Keeping code out of the translation engine's hands.

Code spans, identifiers, URLs, paths, format placeholders and directives inside a comment or docstring
must come back exactly as they were. `mask` replaces each with a short token (`X0X`, `X1X`, ...) that
engines copy through; `unmask` puts the originals back and answers None when the engine lost,
duplicated or invented a token. The caller then falls back to `runs`: the text between protected spans
is translated piece by piece and the protected spans are put back between the pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERNS = [
    r"\\\S",  # a backslash escape (in docstrings) or a Windows path separator
    r"```.*?```",  # fenced code
    r"``[^`]+``",  # reST inline literal
    r":[\w:.-]+:`[^`]+`",  # reST role (:func:`name`)
    r"`[^`\n]+`",  # Markdown code span
    r"\b(?:https?|ftp|file)://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]",  # URL
    r"\bwww\.[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail address
    # directives that tools read inside comments
    r"\b(?:noqa|nosec|NOSONAR)\b(?::\s*[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)?",
    r"\b(?:type|pyright|mypy|pragma|fmt|isort|pylint|flake8|ruff|english-guard|yapf)\s*:\s*"
    r"[A-Za-z0-9_\-=\[\]]+(?:,\s?[A-Za-z0-9_\-=\[\]]+)*",
    r"%\([\w.]+\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGcoa%]",  # %(name)s
    r"%[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGco]",  # %s, %5.2f
    r"\{[\w.\[\]]*(?:![rsa])?(?::[^{}\s]*)?\}",  # {name}, {0}, {x!r:>10}
    r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?",  # $VAR, ${VAR}
    r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>",  # markup tags
    r"(?:\.{0,2}/)?(?:[\w.-]+/)+[\w.-]+",  # paths
    r"\b[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+(?:\(\))?",  # dotted names, file names
    r"\b[A-Za-z_]\w*\(\)",  # calls
    r"\b[A-Za-z]\w*_\w*\b|\b_\w+\b",  # snake_case and _private names
    r"\b[a-z]+[A-Z]\w*\b|\b[A-Z][a-z0-9]+[A-Z]\w*\b",  # camelCase, PascalCase
    r"\b[A-Z]{2,}\d*\b",  # ACRONYMS and CONSTANTS (API, HTTP, UTF8)
    r"\b\d+(?:[.:,]\d+)+\b|\bv\d+(?:\.\d+)*\b",  # versions, times, decimals
]
_PROTECTED = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.DOTALL)
_TOKEN_TEMPLATE = "X{}X"


@dataclass(frozen=True)
class Masked:
    text: str
    originals: tuple[str, ...]
    tokens: tuple[str, ...]


def protected_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every protected span, left to right, never overlapping."""
    return [m.span() for m in _PROTECTED.finditer(text) if m.group().strip()]


def mask(text: str) -> Masked:
    spans = protected_spans(text)
    if not spans:
        return Masked(text, (), ())
    template = _TOKEN_TEMPLATE
    while any(template.format(i) in text for i in range(len(spans))):
        template = "X" + template + "X"  # the text already contains a token lookalike
    parts: list[str] = []
    originals: list[str] = []
    tokens: list[str] = []
    last = 0
    for index, (start, end) in enumerate(spans):
        token = template.format(index)
        parts.append(text[last:start])
        parts.append(token)
        originals.append(text[start:end])
        tokens.append(token)
        last = end
    parts.append(text[last:])
    return Masked("".join(parts), tuple(originals), tuple(tokens))


def unmask(translated: str, masked: Masked) -> str | None:
    """Put the protected spans back; None unless every token survived exactly once."""
    if not masked.tokens:
        return translated
    if any(translated.count(token) != 1 for token in masked.tokens):
        return None
    # One pass over the tokens (one template, so no token contains another); originals are never rescanned.
    pattern = re.compile("|".join(re.escape(t) for t in sorted(masked.tokens, key=len, reverse=True)))
    lookup = dict(zip(masked.tokens, masked.originals, strict=True))
    return pattern.sub(lambda match: lookup[match.group()], translated)


def runs(text: str) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_protected) runs, for translating around the protected spans."""
    out: list[tuple[str, bool]] = []
    last = 0
    for start, end in protected_spans(text):
        if start > last:
            out.append((text[last:start], False))
        out.append((text[start:end], True))
        last = end
    if last < len(text):
        out.append((text[last:], False))
    return out


def has_words(text: str) -> bool:
    """Whether a piece holds anything an engine should translate (a letter)."""
    return any(ch.isalpha() for ch in text)
