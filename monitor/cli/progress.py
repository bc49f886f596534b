"""A progress line for long commands (``replay``, ``demo``): a bar, the count and an ETA.

Drawn on stderr only when stderr is a terminal, redrawn at most ten times a second, and
erased before any other line is printed; when stderr is a pipe or a file it prints
nothing at all, so piped output and logs stay clean.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

__all__ = ["Progress"]

_BAR = 24


class Progress:
    """``update(done)`` as work advances, ``clear()`` before printing, ``finish()`` at the end."""

    def __init__(
        self,
        label: str,
        *,
        total: float | None,
        unit: str,
        stream: TextIO | None = None,
        every_s: float = 0.1,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.label, self.total, self.unit = label, total, unit
        self.every_s = every_s
        self.started = time.monotonic()
        self.done = 0.0
        self._drawn = 0.0
        self._visible = False
        self._lock = threading.Lock()

    def update(self, done: float) -> None:
        """Record progress; redraw when the last drawing is old enough."""
        self.done = done
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._drawn >= self.every_s:
            with self._lock:
                self._draw(now)

    def clear(self) -> None:
        """Erase the line (call before printing anything else on the terminal)."""
        if self.enabled and self._visible:
            with self._lock:
                self.stream.write("\r\033[K")
                self.stream.flush()
                self._visible = False
                self._drawn = 0.0  # draw again at the next update

    def finish(self) -> None:
        """Erase the line for good."""
        self.clear()
        self.enabled = False

    def line(self, now: float | None = None) -> str:
        """The text of the progress line as it would be drawn now."""
        now = time.monotonic() if now is None else now
        elapsed = now - self.started
        count = _count(self.done)
        if not self.total:
            rate = self.done / elapsed if elapsed > 0 else 0.0
            return f"{self.label}  {count} {self.unit}  {rate:,.0f}/s  {_clock(elapsed)}"
        share = min(1.0, self.done / self.total)
        filled = int(share * _BAR)
        bar = "#" * filled + "." * (_BAR - filled)
        eta = _clock(elapsed * (1 - share) / share) if share > 0 else "--:--"
        return (
            f"{self.label}  [{bar}]  {count}/{_count(self.total)} {self.unit}  "
            f"{share:4.0%}  ETA {eta}"
        )

    def _draw(self, now: float) -> None:
        self.stream.write("\r\033[K" + self.line(now))
        self.stream.flush()
        self._drawn = now
        self._visible = True


def _count(n: float) -> str:
    return f"{n:,.0f}" if float(n).is_integer() or n >= 10 else f"{n:.1f}"


def _clock(seconds: float) -> str:
    s = int(seconds + 0.5)
    return (
        f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
    )
