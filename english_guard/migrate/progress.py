"""The migration's progress display: a live line on a terminal, plain stable lines anywhere else.

On a terminal each counted stage redraws one line with the count, the rate and the time left. In a
log file, a pipe or CI the same stages print plain lines only at fixed milestones (a quarter, a half,
three quarters, all), with no timings, so two runs over the same tree print the same text.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO

import click

from english_guard.ui_text import _

MILESTONES = (25, 50, 75, 100)
REDRAW_EVERY = 0.1  # seconds between two redraws of the live line


@dataclass(slots=True)
class _Count:
    """One counted stage: items done, the next milestone to print, when the live line was drawn and how wide."""

    done: int = 0
    next_milestone: int = 0  # index into MILESTONES
    drawn: float = 0.0
    width: int = 0


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class Progress:
    """Stages and counters of one migration run, written to `stream` (stderr by default)."""

    def __init__(
        self, stream: TextIO | None = None, interactive: bool | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if interactive is None:
            isatty = getattr(self.stream, "isatty", None)
            interactive = bool(isatty and isatty())
        self.interactive = interactive
        self.clock = clock
        self.stages = 0
        self.stage_number = 0

    def _echo(self, text: str, nl: bool = True) -> None:
        click.echo(text, file=self.stream, nl=nl)

    def stage(self, title: str) -> None:
        self.stage_number += 1
        self._echo(f"[{self.stage_number}/{self.stages}] {title}" if self.stages else title)

    def note(self, text: str) -> None:
        self._echo(f"    {text}")

    def _redraw(self, line: str, state: _Count) -> None:
        """Carriage return, the new line, and blanks over what is left of a longer previous one."""
        self._echo("\r" + line.ljust(state.width), nl=False)
        state.width = len(line)

    @contextmanager
    def counter(self, total: int, unit: str) -> Iterator[Callable[[int], None]]:
        """Count `total` items of `unit` (already translated, e.g. "files"); yields `update(done_now)`."""
        state = _Count()
        started = self.clock()

        def plain(done: int) -> None:
            reached = None
            while (
                state.next_milestone < len(MILESTONES)
                and total
                and done * 100 >= MILESTONES[state.next_milestone] * total
            ):
                reached = MILESTONES[state.next_milestone]
                state.next_milestone += 1
            if reached is not None:
                self.note(
                    _("{percent}% ({done}/{total} {unit})").format(percent=reached, done=done, total=total, unit=unit)
                )

        def live(done: int, force: bool = False) -> None:
            now = self.clock()
            if not force and now - state.drawn < REDRAW_EVERY and done < total:
                return
            state.drawn = now
            elapsed = now - started
            rate = done / elapsed if elapsed > 0 else 0.0
            left = (total - done) / rate if rate > 0 else None
            line = _("    {done}/{total} {unit}  {rate:.1f}/s  {left} left").format(
                done=done, total=total, unit=unit, rate=rate, left=_duration(left) if left is not None else "?"
            )
            self._redraw(line, state)

        def update(count: int) -> None:
            state.done = min(total, state.done + count)
            if self.interactive:
                live(state.done)
            else:
                plain(state.done)

        if self.interactive and total:
            live(0, force=True)
        try:
            yield update
        finally:
            if self.interactive and total:
                elapsed = self.clock() - started
                self._redraw(
                    _("    {done}/{total} {unit} in {time}").format(
                        done=state.done, total=total, unit=unit, time=_duration(elapsed)
                    ),
                    state,
                )
                self._echo("")
            elif not total:
                self.note(_("nothing to do"))
