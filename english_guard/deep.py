"""Room for deep syntax trees: long expressions and deeply nested code must not stop a run.

Python's default recursion limit (1,000 frames) is lower than what valid code needs: CPython compiles a
`"a" + "a" + ...` chain of about 2,900 terms, and the recursive walks over such a tree (`ast` visitors,
LibCST's visitors and codemods) need a few frames per level. Raising the limit in the main thread is not
safe (its C stack is small), so deep work runs in a thread with a large stack and a raised limit:

- `deeper(function, ...)` calls `function` normally and, only when it hits the recursion limit, runs it
  again in such a thread (the common case costs nothing);
- `@deep_stack` runs a whole command in such a thread (the fixes, which walk many trees in many ways).

Code deeper than even that still raises `RecursionError`, which callers report as one clear error per file.
"""

from __future__ import annotations

import ast
import ctypes
import functools
import sys
import threading
import warnings
from collections.abc import Callable
from types import FrameType
from typing import TypeVar

T = TypeVar("T")

STACK_BYTES = 512 * 1024 * 1024  # virtual memory only: pages are used as the recursion reaches them
RECURSION_LIMIT = 20_000
TOO_DEEP = "too deeply nested to analyse (more levels of expressions or brackets than the tool supports)"

_lock = threading.Lock()
_deep_threads: set[int] = set()


def in_deep_thread() -> bool:
    return threading.get_ident() in _deep_threads


def run_in_deep_thread(function: Callable[..., T], *args, **kwargs) -> T:
    """Run `function` in a thread with a large stack and a high recursion limit; its result or exception."""
    if in_deep_thread():
        return function(*args, **kwargs)
    outcome: dict[str, object] = {}

    def target() -> None:
        _deep_threads.add(threading.get_ident())
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as exc:  # handed to the calling thread unchanged (SystemExit included)
            outcome["error"] = exc
        finally:
            _deep_threads.discard(threading.get_ident())

    with _lock:
        previous_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(previous_limit, RECURSION_LIMIT))
        previous_stack = threading.stack_size()
        threading.stack_size(STACK_BYTES)
        try:
            thread = threading.Thread(target=target, name="english-guard-deep", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous_stack)
    try:
        _join(thread)
    finally:
        with _lock:
            if not any(t.name == "english-guard-deep" and t.is_alive() for t in threading.enumerate()):
                sys.setrecursionlimit(previous_limit)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("value")  # type: ignore[return-value]


def _join(thread: threading.Thread) -> None:
    """Wait for `thread`; Ctrl-C is passed on to it so that its cleanup (journals, temporary files) runs."""
    interrupted = False
    while thread.is_alive():
        try:
            thread.join(0.25)
        except KeyboardInterrupt:
            if not interrupted and thread.ident is not None:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(thread.ident), ctypes.py_object(KeyboardInterrupt)
                )
            interrupted = True


def deeper(function: Callable[..., T], *args, **kwargs) -> T:
    """`function(*args, **kwargs)`, retried with room for deep trees if it hits the recursion limit."""
    try:
        return function(*args, **kwargs)
    except RecursionError:
        if in_deep_thread():
            raise
    return run_in_deep_thread(function, *args, **kwargs)


def deep_stack(function: Callable[..., T]) -> Callable[..., T]:
    """Decorator: the whole call runs with room for deep trees."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return run_in_deep_thread(function, *args, **kwargs)

    return wrapper


# CPython's default recursion limit: with it, `ast.parse` refuses trees deeper than about 3,000 levels
# (what CPython compiles); LibCST takes minutes on deeper ones, so the fixes check this first.
DEFAULT_RECURSION_LIMIT = 1_000


def _frames() -> int:
    depth = 0
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    return depth


def too_deep(source: str | bytes, path: str = "<unknown>") -> bool:
    """True when the code nests deeper than CPython compiles with its default limits (code that does not
    parse is not judged here). One `ast.parse`, no walk: the parser itself counts the depth."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(_frames() + DEFAULT_RECURSION_LIMIT)
    try:
        ast.parse(source, filename=path)
    except RecursionError:
        return True
    except (SyntaxError, ValueError, MemoryError):
        return False
    finally:
        sys.setrecursionlimit(previous)
    return False


def parse_snippet(source: str) -> ast.Module:
    """Parse a piece of text tried as Python (a comment's body, a string's text). Python warns about some
    text that still parses (`1st` is an "invalid decimal literal", `"\\d"` an invalid escape); such a warning
    is about a guess of ours, not about the user's file, so it must not reach the user's terminal."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(source)
