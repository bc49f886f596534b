"""Windows of a watch's distinct stories, rebuilt at any instant, for ``monitor.shift.detector``.

``Series`` holds one watch's distinct stories (syndicated copies dropped) in
time order and answers, for any instant ``t``: what were the recent and
baseline windows (``snapshot``), did a shift toward a direction hold
(``shift``), and had an open shift settled (``settled``). ``monitor.shift.detector``
turns those answers into events; the method is in ``docs/detector.md``.

Built from stories that a ``ShiftMemo`` prepared (``Prepared``), a ``Series``
keeps those answers in the memo's ``WindowCache`` (defined here, with
``Prepared``) for the calls that follow, under keys naming the exact stories of
both windows.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.models import Rule, Sample, WindowStats
from monitor.shift.stats import (
    DUPLICATE_SPAN,
    CopyMemo,
    Run,
    cusum,
    distinct_stories,
    location_scale,
    trimmed_mean,
)

#: Fewest stories a window needs for its statistics to mean anything.
MIN_COMPARABLE = 4
#: A quiet watch's recent window widens to hold this many times min_articles.
RECENT_ROOM = 2
#: Most instants a condition is checked at over one span (see ``Series.instants``).
MAX_INSTANTS = 240
#: Slack of the short horizon tried first (see ``Series``).
HORIZON_MARGIN = timedelta(days=1)
#: How many stories back a CUSUM looks for an earlier run of the same windows to go on from.
RUN_REACH = 8

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


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Both windows at one instant, and the baseline's location and scale."""

    at: datetime
    recent: tuple[Sample, ...]
    baseline: tuple[Sample, ...]
    recent_start: datetime
    baseline_start: datetime
    need_sources: int
    center: float
    scale: float

    def window_stats(self, recent: Sequence[Sample], start: datetime) -> WindowStats:
        """``WindowStats`` of ``recent`` from ``start`` to this instant (trimmed mean)."""
        return WindowStats(
            mean=round(trimmed_mean([s.tone for s in recent]), 4),
            count=len(recent),
            sources=len({s.source for s in recent}),
            start=start,
            end=self.at,
        )

    def baseline_stats(self) -> WindowStats:
        """``WindowStats`` of the baseline window (trimmed mean)."""
        return WindowStats(
            mean=round(trimmed_mean([s.tone for s in self.baseline]), 4),
            count=len(self.baseline),
            sources=len({s.source for s in self.baseline}),
            start=self.baseline_start,
            end=self.recent_start,
        )


@dataclass(frozen=True, slots=True)
class Shift:
    """A shift condition that holds at one instant: the run and its numbers."""

    snap: Snapshot
    run: tuple[Sample, ...]
    statistic: float
    delta: float


def _outlets(stories: Sequence[Sample], lo: int, hi: int, cap: int) -> int:
    """``min(cap, number of outlets of stories[lo:hi])``, stopping once ``cap`` are seen."""
    seen: set[str] = set()
    for i in range(lo, hi):
        if len(seen) >= cap:
            break
        seen.add(stories[i].source)
    return min(cap, len(seen))


def horizon(rule: Rule, now: datetime, *, full: bool) -> datetime:
    """The oldest instant whose stories a ``Series`` at ``now`` uses (see ``Series``)."""
    look_back = timedelta(hours=max(rule.persistence_hours, rule.resolve_hours))
    recent = timedelta(hours=rule.recent_hours)
    base = timedelta(hours=rule.baseline_hours)
    if full:
        max_recent = max(recent, timedelta(hours=rule.max_recent_hours))
        max_base = max(base, timedelta(hours=rule.max_baseline_hours))
        return now - look_back - max_recent - max_base
    return now - look_back - recent - base - HORIZON_MARGIN


class Series:
    """One watch's distinct stories in time order, with windows computed on demand."""

    def __init__(
        self,
        samples: Sequence[Sample],
        rule: Rule,
        now: datetime,
        *,
        full: bool,
        memo: CopyMemo | None = None,
        prepared: Prepared | None = None,
    ) -> None:
        self.rule = rule
        self.recent = timedelta(hours=rule.recent_hours)
        self.max_recent = max(self.recent, timedelta(hours=rule.max_recent_hours))
        self.base = timedelta(hours=rule.baseline_hours)
        self.max_base = max(self.base, timedelta(hours=rule.max_baseline_hours))
        # A busy watch never widens its windows, so a short horizon usually
        # suffices; ``truncated`` records when a window reached its edge, and
        # ``evaluate`` then starts again with the full horizon.
        self.full = full
        self.truncated = False
        self._snaps: dict[datetime, Snapshot | None] = {}
        self._shifts: dict[tuple[datetime, int], Shift | None] = {}
        self._keys: dict[datetime, SnapKey] = {}
        self.serial = 0
        self.cache: WindowCache | None = None
        if prepared is not None:
            # ``samples`` were turned into these stories from ``horizon`` on already.
            self.stories, self.times = prepared.stories, prepared.times
            self.tones = prepared.tones
            self.serial, self.cache = prepared.serial, prepared.cache
            return
        start = horizon(rule, now, full=full)
        kept = [s for s in samples if start - DUPLICATE_SPAN <= s.at <= now]
        kept.sort(key=lambda s: (s.at, s.key))
        self.stories = distinct_stories(kept, since=start, memo=memo)
        self.times = [s.at for s in self.stories]
        self.tones = [s.tone for s in self.stories]

    def snapshot(self, t: datetime) -> Snapshot | None:
        """Recent and baseline windows at instant ``t``; None when the baseline is too thin."""
        if t in self._snaps:
            return self._snaps[t]
        rule, times = self.rule, self.times
        end = bisect.bisect_right(times, t)
        i_r = bisect.bisect_right(times, t - self.recent)
        recent_start = t - self.recent
        want = RECENT_ROOM * rule.min_articles
        if end - i_r < want:
            # A quiet watch: widen the recent window back until the CUSUM has
            # room to run over more than the bare minimum of stories.
            i_r = max(0, end - want, bisect.bisect_right(times, t - self.max_recent))
            if i_r < end:
                recent_start = min(recent_start, times[i_r])
        i_b = bisect.bisect_left(times, recent_start - self.base)
        baseline_start = recent_start - self.base
        if i_r - i_b < rule.min_baseline:
            i_b = max(
                0, i_r - rule.min_baseline, bisect.bisect_left(times, recent_start - self.max_base)
            )
            if i_b < i_r:
                baseline_start = min(baseline_start, times[i_b])
        if i_b == 0 and not self.full:
            self.truncated = True
        if self.cache is not None:
            key = (t, t.utcoffset(), self.serial + i_b, self.serial + i_r, self.serial + end)
            self._keys[t] = key
            if key in self.cache.snaps:
                self._snaps[t] = self.cache.snaps[key]
                return self._snaps[t]
        snap = None
        if i_r - i_b >= max(rule.min_baseline, MIN_COMPARABLE) and end > i_r:
            baseline = tuple(self.stories[i_b:i_r])
            # A watch that follows one outlet cannot show two: ask for as many
            # outlets as the watch had over both windows, up to min_sources.
            outlets = _outlets(self.stories, i_b, end, rule.min_sources)
            center, scale = self._location_scale(i_b, i_r)
            snap = Snapshot(
                at=t,
                recent=tuple(self.stories[i_r:end]),
                baseline=baseline,
                recent_start=recent_start,
                baseline_start=baseline_start,
                need_sources=outlets,
                center=center,
                scale=scale,
            )
        self._snaps[t] = snap
        if self.cache is not None:
            self.cache.snaps[self._keys[t]] = snap
        return snap

    def _location_scale(self, i_b: int, i_r: int) -> tuple[float, float]:
        """``location_scale`` of the baseline ``stories[i_b:i_r]``, shared by the instants
        (of this call and later ones) whose baselines are those very stories."""
        if self.cache is None:
            return location_scale(self.tones[i_b:i_r])
        key = (self.serial + i_b, self.serial + i_r)
        if key not in self.cache.scales:
            self.cache.scales[key] = location_scale(self.tones[i_b:i_r])
        return self.cache.scales[key]

    def _baseline_mean(self, t: datetime, snap: Snapshot) -> float:
        """Trimmed mean of the baseline of ``snap`` (at ``t``), shared like its location."""
        shared = self._keys.get(t)
        if self.cache is None or shared is None:
            return trimmed_mean([s.tone for s in snap.baseline])
        key = (shared[2], shared[3])
        if key not in self.cache.trims:
            tones = self.tones[shared[2] - self.serial : shared[3] - self.serial]
            self.cache.trims[key] = trimmed_mean(tones)
        return self.cache.trims[key]

    def _run(self, t: datetime, snap: Snapshot, sign: int) -> Run:
        """The CUSUM over the recent window of ``snap`` (at ``t``) toward ``sign``."""
        drift = self.rule.effect_size / 2
        shared = self._keys.get(t)
        if self.cache is None or shared is None:
            tones = [s.tone for s in snap.recent]
            return cusum(tones, mean=snap.center, scale=snap.scale, sign=sign, drift=drift)
        _, _, sb, sr, se = shared
        runs = self.cache.runs
        if (sb, sr, se, sign) in runs:
            return runs[sb, sr, se, sign]
        # Both windows fix the baseline figures, so a recent window that only grew at its
        # end since an earlier instant carries on from that instant's CUSUM, exactly.
        known = Run(0.0, 0)
        done = sr
        for back in range(1, min(RUN_REACH, se - sr) + 1):
            if (sb, sr, se - back, sign) in runs:
                known, done = runs[sb, sr, se - back, sign], se - back
                break
        tones = self.tones[done - self.serial : se - self.serial]
        run = cusum(
            tones,
            mean=snap.center,
            scale=snap.scale,
            sign=sign,
            drift=drift,
            after=known,
            offset=done - sr,
        )
        runs[sb, sr, se, sign] = run
        return run

    def shift(self, t: datetime, sign: int) -> Shift | None:
        """The shift toward ``sign`` that holds at ``t``, if the evidence suffices."""
        key = (t, sign)
        if key not in self._shifts:
            self.snapshot(t)  # records the shared key of ``t``
            shared = self._keys.get(t)
            if self.cache is None or shared is None:
                self._shifts[key] = self._compute_shift(t, sign)
            else:
                if (shared, sign) not in self.cache.shifts:
                    self.cache.shifts[shared, sign] = self._compute_shift(t, sign)
                self._shifts[key] = self.cache.shifts[shared, sign]
        return self._shifts[key]

    def _compute_shift(self, t: datetime, sign: int) -> Shift | None:
        rule = self.rule
        snap = self.snapshot(t)
        if snap is None:
            return None
        run_info = self._run(t, snap, sign)
        if run_info.statistic < rule.decision:
            return None
        run = snap.recent[run_info.start :]
        if len(run) < max(rule.min_articles, MIN_COMPARABLE):
            return None
        if len({s.source for s in run}) < snap.need_sources:
            return None
        delta = trimmed_mean([s.tone for s in run]) - self._baseline_mean(t, snap)
        if sign * delta < rule.threshold:
            return None
        return Shift(snap, run, run_info.statistic, delta)

    def settled(self, t: datetime, sign: int, before: float) -> bool:
        """At ``t``, the recent window is back near ``before`` or near the moving baseline."""
        snap = self.snapshot(t)
        if snap is None or len(snap.recent) < max(self.rule.min_articles, MIN_COMPARABLE):
            # Too little news to tell: silence never resolves a shift.
            return False
        recent, base = self._means(t, snap)
        slack = self.rule.threshold / 2
        return sign * (recent - base) < slack or sign * (recent - before) < slack

    def _means(self, t: datetime, snap: Snapshot) -> tuple[float, float]:
        """Trimmed means of the recent window and the baseline of ``snap`` (at ``t``)."""
        shared = self._keys.get(t)
        if self.cache is not None and shared is not None and shared in self.cache.means:
            return self.cache.means[shared]
        means = (
            trimmed_mean([s.tone for s in snap.recent]),
            self._baseline_mean(t, snap),
        )
        if self.cache is not None and shared is not None:
            self.cache.means[shared] = means
        return means

    def instants(self, start: datetime, end: datetime) -> list[datetime]:
        """Instants in [start, end] at which a window may change, plus both ends.

        These are the times a story enters the recent window or ages out of it
        or of the baseline. Between them a busy watch's windows do not change,
        so a condition checked at these instants holds over the whole span.

        A very busy watch (over ``MAX_INSTANTS`` changes in the span: more than
        about 60 stories in a 12-hour persistence span) is checked at
        ``MAX_INSTANTS`` of them, evenly spread and always both ends: each check
        costs time in proportion to the window, so checking every change would
        grow with the square of the article rate. A lapse shorter than the gap
        between two checks can then go unseen.
        """
        points = {start, end}
        offsets = (timedelta(0), self.recent, self.max_recent, self.recent + self.base)
        for off in offsets:
            lo = bisect.bisect_left(self.times, start - off)
            hi = bisect.bisect_right(self.times, end - off)
            points.update(self.times[i] + off for i in range(lo, hi))
        ordered = sorted(p for p in points if start <= p <= end)
        if len(ordered) <= MAX_INSTANTS:
            return ordered
        step = (len(ordered) - 1) / (MAX_INSTANTS - 1)
        return [ordered[round(i * step)] for i in range(MAX_INSTANTS)]
