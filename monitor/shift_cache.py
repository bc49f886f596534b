"""Window figures kept across ``evaluate`` calls for one watch, for ``monitor.shift_windows``.

``WindowCache`` holds what a ``Series`` computed at each instant (windows,
CUSUMs, baseline figures) under keys that name the exact stories involved by
serial number; ``Prepared`` hands a ``Series`` the distinct stories that
``monitor.shift_memo.ShiftMemo`` found, numbered, with that cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from monitor.models import Sample
from monitor.shift_stats import Run

if TYPE_CHECKING:  # only in annotations: shift_windows imports this module
    from monitor.shift_windows import Shift, Snapshot

#: Entries a ``WindowCache`` holds before its first pruning.
PRUNE_ABOVE = 1024

#: An instant (with its UTC offset, which its ISO form shows) and the serial numbers of
#: the first baseline story, the first recent story and the story after the windows.
SnapKey = tuple[datetime, timedelta | None, int, int, int]


class WindowCache:
    """Window figures at instants, kept across calls for one watch (see ``Prepared``).

    A key names the instant and the exact stories of both windows by serial
    number (``ShiftMemo`` never gives one serial to two stories, nor keeps a
    serial once a story before it changed), so an entry is never stale.
    """

    def __init__(self) -> None:
        self.snaps: dict[SnapKey, Snapshot | None] = {}
        self.shifts: dict[tuple[SnapKey, int], Shift | None] = {}
        self.means: dict[SnapKey, tuple[float, float]] = {}
        # Baseline location and scale by the serial numbers of its first and next story.
        self.scales: dict[tuple[int, int], tuple[float, float]] = {}
        self.trims: dict[tuple[int, int], float] = {}  # and its trimmed mean
        # CUSUMs by the serial numbers of the baseline, the recent window, its end, and sign.
        self.runs: dict[tuple[int, int, int, int], Run] = {}
        self._limit = PRUNE_ABOVE

    def clear(self) -> None:
        self.snaps.clear()
        self.shifts.clear()
        self.means.clear()
        self.scales.clear()
        self.trims.clear()
        self.runs.clear()

    def prune(self, before: datetime) -> None:
        """Forget instants before ``before`` once the cache has doubled since the last pruning."""
        held = len(self.snaps) + len(self.shifts) + len(self.scales) + len(self.runs)
        if held + len(self.trims) <= self._limit:
            return
        # Amortised: a pass over the cache every time it doubles keeps pruning O(1) a call.
        self.snaps = {k: v for k, v in self.snaps.items() if k[0] >= before}
        self.shifts = {k: v for k, v in self.shifts.items() if k[0][0] >= before}
        self.means = {k: v for k, v in self.means.items() if k[0] >= before}
        # Keyed by stories, not instants: cheap to find again.
        self.scales.clear()
        self.trims.clear()
        self.runs.clear()
        self._limit = max(PRUNE_ABOVE, 2 * (len(self.snaps) + len(self.shifts)))


@dataclass(frozen=True, slots=True)
class Prepared:
    """Distinct stories found already (by ``ShiftMemo``), numbered, with a shared cache."""

    stories: list[Sample]
    times: list[datetime]
    tones: list[float]
    serial: int  # serial number of stories[0]; the next stories count up from it
    cache: WindowCache
