"""Shift detection: turn a watch's scored samples into shift events.

``evaluate(samples, rule, now, past=...)`` is a pure function of its inputs.
At any instant ``t`` it looks at the *recent* window (the last
``rule.recent_hours``) against the *baseline* window (the
``rule.baseline_hours`` before it), and says the rhetoric has shifted toward a
direction when all of these hold:

* a one-sided CUSUM over the recent stories, standardised by the baseline's
  mean and SD and tuned to a move of ``effect_size`` SDs, is at least
  ``decision`` (one story adds at most 3 SDs, so none can fire alone);
* the stories of the CUSUM's current run (since it was last zero: the
  estimated onset) number ``min_articles``, from ``min_sources`` outlets
  (capped by the outlets the watch has at all), and their 20 % trimmed mean
  moved at least ``threshold`` from the baseline's;
* syndicated near-duplicates counted once throughout.

It emits ``rhetoric.shift.detected`` once that has held at every instant of the
last ``persistence_hours`` (re-checked from the samples: the function has no
memory but ``past``), outside the direction's cooldown, and not while a shift
in that direction is still open. It emits ``rhetoric.shift.resolved`` once the
recent window has settled (within half the threshold of the pre-shift level
or of the moving baseline) at every instant of the last ``resolve_hours``, or
at once when the opposite direction fires. ``docs/detector.md`` explains the
choices and the benchmark behind the defaults.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from monitor.models import Direction, Driver, Rule, Sample, ShiftEvent, WindowStats
from monitor.shift_stats import cusum, fingerprint, location_scale, similarity, trimmed_mean

__all__ = ["DETECTED", "RESOLVED", "evaluate", "fingerprint", "similarity"]

DETECTED: Literal["rhetoric.shift.detected"] = "rhetoric.shift.detected"
RESOLVED: Literal["rhetoric.shift.resolved"] = "rhetoric.shift.resolved"

#: Estimated Jaccard similarity above which two articles are one story.
DUPLICATE_SIMILARITY = 0.5
#: Wire copies appear within days of each other; older look-alikes are news again.
DUPLICATE_SPAN = timedelta(hours=72)
#: Fewest stories a window needs for its statistics to mean anything.
MIN_COMPARABLE = 4
#: Slack of the short horizon tried first (see ``_Series``).
HORIZON_MARGIN = timedelta(days=1)
MAX_DRIVERS = 5
MAX_PHRASES = 3
METHOD = "cusum on baseline-standardised tone, 20% trimmed means"

_SIGN: dict[Direction, int] = {"engagement": 1, "confrontation": -1}
_OPPOSITE: dict[Direction, Direction] = {
    "engagement": "confrontation",
    "confrontation": "engagement",
}


@dataclass(frozen=True, slots=True)
class _Snapshot:
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
class _Shift:
    """A shift condition that holds at one instant: the run and its numbers."""

    snap: _Snapshot
    run: tuple[Sample, ...]
    statistic: float
    delta: float


class _Series:
    """One watch's distinct stories in time order, with windows computed on demand."""

    def __init__(self, samples: Sequence[Sample], rule: Rule, now: datetime, *, full: bool) -> None:
        self.rule = rule
        self.recent = timedelta(hours=rule.recent_hours)
        self.max_recent = max(self.recent, timedelta(hours=rule.max_recent_hours))
        self.base = timedelta(hours=rule.baseline_hours)
        self.max_base = max(self.base, timedelta(hours=rule.max_baseline_hours))
        look_back = timedelta(hours=max(rule.persistence_hours, rule.resolve_hours))
        # A busy watch never widens its windows, so a short horizon usually
        # suffices; ``truncated`` records when a window reached its edge, and
        # ``evaluate`` then starts again with the full horizon.
        if full:
            horizon = now - look_back - self.max_recent - self.max_base
        else:
            horizon = now - look_back - self.max_recent - self.base - HORIZON_MARGIN
        self.full = full
        self.truncated = False
        kept = [s for s in samples if horizon - DUPLICATE_SPAN <= s.at <= now]
        kept.sort(key=lambda s: (s.at, s.key))
        self.stories = [s for s in _distinct(kept) if s.at >= horizon]
        self.times = [s.at for s in self.stories]
        self._snaps: dict[datetime, _Snapshot | None] = {}
        self._shifts: dict[tuple[datetime, int], _Shift | None] = {}

    def snapshot(self, t: datetime) -> _Snapshot | None:
        """Recent and baseline windows at instant ``t``; None when the baseline is too thin."""
        if t in self._snaps:
            return self._snaps[t]
        rule, times = self.rule, self.times
        end = bisect.bisect_right(times, t)
        i_r = bisect.bisect_right(times, t - self.recent)
        recent_start = t - self.recent
        if end - i_r < rule.min_articles:
            # A quiet watch: widen the recent window back to hold min_articles.
            i_r = max(0, end - rule.min_articles, bisect.bisect_right(times, t - self.max_recent))
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
        snap = None
        if i_r - i_b >= max(rule.min_baseline, MIN_COMPARABLE) and end > i_r:
            baseline = tuple(self.stories[i_b:i_r])
            # A watch that follows one outlet cannot show two: ask for as many
            # outlets as the watch had over both windows, up to min_sources.
            outlets = len({s.source for s in self.stories[i_b:end]})
            center, scale = location_scale([s.tone for s in baseline])
            snap = _Snapshot(
                at=t,
                recent=tuple(self.stories[i_r:end]),
                baseline=baseline,
                recent_start=recent_start,
                baseline_start=baseline_start,
                need_sources=min(rule.min_sources, outlets),
                center=center,
                scale=scale,
            )
        self._snaps[t] = snap
        return snap

    def shift(self, t: datetime, sign: int) -> _Shift | None:
        """The shift toward ``sign`` that holds at ``t``, if the evidence suffices."""
        key = (t, sign)
        if key not in self._shifts:
            self._shifts[key] = self._compute_shift(t, sign)
        return self._shifts[key]

    def _compute_shift(self, t: datetime, sign: int) -> _Shift | None:
        rule = self.rule
        snap = self.snapshot(t)
        if snap is None:
            return None
        tones = [s.tone for s in snap.recent]
        run_info = cusum(
            tones, mean=snap.center, scale=snap.scale, sign=sign, drift=rule.effect_size / 2
        )
        if run_info.statistic < rule.decision:
            return None
        run = snap.recent[run_info.start :]
        if len(run) < max(rule.min_articles, MIN_COMPARABLE):
            return None
        if len({s.source for s in run}) < snap.need_sources:
            return None
        delta = trimmed_mean([s.tone for s in run]) - trimmed_mean([s.tone for s in snap.baseline])
        if sign * delta < rule.threshold:
            return None
        return _Shift(snap, run, run_info.statistic, delta)

    def settled(self, t: datetime, sign: int, before: float) -> bool:
        """At ``t``, the recent window is back near ``before`` or near the moving baseline."""
        snap = self.snapshot(t)
        if snap is None or len(snap.recent) < max(self.rule.min_articles, MIN_COMPARABLE):
            # Too little news to tell: silence never resolves a shift.
            return False
        recent = trimmed_mean([s.tone for s in snap.recent])
        base = trimmed_mean([s.tone for s in snap.baseline])
        slack = self.rule.threshold / 2
        return sign * (recent - base) < slack or sign * (recent - before) < slack

    def instants(self, start: datetime, end: datetime) -> list[datetime]:
        """Instants in [start, end] at which a window may change, plus both ends.

        Between consecutive instants no story enters or leaves a window, so a
        condition checked at these instants is checked over the whole span.
        """
        points = {start, end}
        offsets = (timedelta(0), self.recent, self.max_recent, self.recent + self.base)
        for off in offsets:
            lo = bisect.bisect_left(self.times, start - off)
            hi = bisect.bisect_right(self.times, end - off)
            points.update(self.times[i] + off for i in range(lo, hi))
        return sorted(p for p in points if start <= p <= end)


def _distinct(ordered: Sequence[Sample]) -> list[Sample]:
    """The first copy of each story; later near-duplicates (syndication) are dropped."""
    kept: list[Sample] = []
    sketches: list[frozenset[int]] = []
    oldest = 0
    seen_keys: set[str] = set()
    for sample in ordered:
        if sample.key in seen_keys:
            continue
        seen_keys.add(sample.key)
        # Copies are compared only with the stories of the last DUPLICATE_SPAN.
        while oldest < len(kept) and sample.at - kept[oldest].at > DUPLICATE_SPAN:
            oldest += 1
        sketch = frozenset(sample.fingerprint)
        if not (sketch and _is_copy(sample, sketch, kept, sketches, oldest)):
            kept.append(sample)
            sketches.append(sketch)
    return kept


def _is_copy(
    sample: Sample,
    sketch: frozenset[int],
    kept: Sequence[Sample],
    sketches: Sequence[frozenset[int]],
    oldest: int,
) -> bool:
    """True when ``sample`` nearly duplicates a kept story from index ``oldest`` on."""
    for i in range(oldest, len(kept)):
        other = sketches[i]
        # Cheap set tests first: most pairs share nothing, and an estimated
        # similarity of s needs at least s * k shared sketch values.
        if sketch.isdisjoint(other):
            continue
        if len(sketch & other) < DUPLICATE_SIMILARITY * min(len(sketch), len(other)):
            continue
        if similarity(sample.fingerprint, kept[i].fingerprint) >= DUPLICATE_SIMILARITY:
            return True
    return False


def _event_id(watch: str, type_: str, direction: str, onset: datetime) -> str:
    """Deterministic id from the watch, event type, direction and the shift's onset."""
    raw = "\x1f".join((watch, type_, direction, onset.astimezone(UTC).isoformat()))
    return "shift_" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def _drivers(run: Sequence[Sample], base: float, sign: int) -> tuple[Driver, ...]:
    """The stories of the run that pulled hardest toward ``sign``, strongest first."""
    pulling = sorted(
        (s for s in run if sign * (s.tone - base) > 0),
        key=lambda s: (-sign * (s.tone - base), s.at, s.key),
    )
    return tuple(
        Driver(
            title=s.title,
            url=s.url,
            source=s.source,
            published=s.at,
            tone=s.tone,
            phrases=s.phrases[:MAX_PHRASES],
        )
        for s in pulling[:MAX_DRIVERS]
    )


def _detected(watch: str, direction: Direction, shift: _Shift) -> ShiftEvent:
    """The detected event for a shift that fires now."""
    snap, run = shift.snap, shift.run
    baseline = snap.baseline_stats()
    onset = run[0].at
    return ShiftEvent(
        event_id=_event_id(watch, DETECTED, direction, onset),
        type=DETECTED,
        watch=watch,
        direction=direction,
        at=snap.at,
        baseline=baseline,
        recent=snap.window_stats(run, onset),
        delta=round(shift.delta, 4),
        effect_size=round(shift.delta / snap.scale, 3),
        drivers=_drivers(run, baseline.mean, _SIGN[direction]),
        extra=(
            ("onset", onset.isoformat()),
            ("cusum", f"{shift.statistic:.2f}"),
            ("method", METHOD),
        ),
    )


def _resolved(snap: _Snapshot, detected: ShiftEvent, reason: str) -> ShiftEvent:
    """The resolved event closing ``detected`` now."""
    baseline = snap.baseline_stats()
    recent = snap.window_stats(snap.recent, snap.recent_start)
    delta = recent.mean - baseline.mean
    onset = _onset_of(detected)
    return ShiftEvent(
        event_id=_event_id(detected.watch, RESOLVED, detected.direction, onset),
        type=RESOLVED,
        watch=detected.watch,
        direction=detected.direction,
        at=snap.at,
        baseline=baseline,
        recent=recent,
        delta=round(delta, 4),
        effect_size=round(delta / snap.scale, 3),
        extra=(
            ("onset", onset.isoformat()),
            ("reason", reason),
            ("detected_event_id", detected.event_id),
            ("method", METHOD),
        ),
    )


def _onset_of(event: ShiftEvent) -> datetime:
    """The onset recorded on a detected event (its time when absent)."""
    for key, value in event.extra:
        if key == "onset":
            return datetime.fromisoformat(value)
    return event.at


def evaluate(
    samples: Sequence[Sample],
    rule: Rule,
    now: datetime,
    *,
    past: Sequence[ShiftEvent] = (),
) -> list[ShiftEvent]:
    """New shift events for one watch at ``now`` (usually none).

    ``samples`` are the watch's scored articles in any order, ``past`` the
    events already emitted for it. Calling again with the returned events
    added to ``past`` returns nothing new.
    """
    if now.tzinfo is None:
        raise ValueError("evaluate: `now` must be timezone-aware (UTC)")
    now = now.astimezone(UTC)
    if not samples:
        return []
    watch = samples[0].watch
    series = _Series(samples, rule, now, full=False)
    events = _decide(series, now, watch, past)
    if series.truncated:
        series = _Series(samples, rule, now, full=True)
        events = _decide(series, now, watch, past)
    return events


def _decide(
    series: _Series, now: datetime, watch: str, past: Sequence[ShiftEvent]
) -> list[ShiftEvent]:
    """The events ``evaluate`` returns, from one ``_Series``."""
    mine = [e for e in past if e.watch == watch and e.type in (DETECTED, RESOLVED)]
    # Latest event per direction; at equal times a resolution follows its detection.
    latest: dict[Direction, ShiftEvent] = {}
    for e in sorted(mine, key=lambda e: (e.at, e.type == RESOLVED, e.event_id)):
        latest[e.direction] = e
    known = {e.event_id for e in mine}

    resolved: list[ShiftEvent] = []
    detected: list[ShiftEvent] = []
    for direction in ("confrontation", "engagement"):
        last = latest.get(direction)
        if last is not None and last.type == DETECTED:
            event = _try_resolve(series, now, last)
            if event is not None:
                resolved.append(event)
        elif _cooled(mine, direction, now, series.rule):
            event = _try_detect(series, now, watch, direction)
            if event is not None and event.event_id not in known:
                detected.append(event)
    snap = series.snapshot(now)
    for event in detected:
        # A shift the other way closes a shift still open in the opposite direction.
        other = latest.get(_OPPOSITE[event.direction])
        if (
            snap is not None
            and other is not None
            and other.type == DETECTED
            and all(r.direction != other.direction for r in resolved)
        ):
            resolved.append(_resolved(snap, other, "reversed"))
    return [e for e in resolved if e.event_id not in known] + detected


def _cooled(past: Sequence[ShiftEvent], direction: Direction, now: datetime, rule: Rule) -> bool:
    """True when ``direction`` has not fired within the last ``cooldown_hours``."""
    cooldown = timedelta(hours=rule.cooldown_hours)
    return all(
        not (e.type == DETECTED and e.direction == direction and now - e.at < cooldown)
        for e in past
    )


def _try_detect(
    series: _Series, now: datetime, watch: str, direction: Direction
) -> ShiftEvent | None:
    """A detected event if the shift toward ``direction`` held for ``persistence_hours``."""
    sign = _SIGN[direction]
    shift = series.shift(now, sign)
    if shift is None:
        return None
    span_start = now - timedelta(hours=series.rule.persistence_hours)
    if not all(series.shift(t, sign) is not None for t in series.instants(span_start, now)):
        return None
    return _detected(watch, direction, shift)


def _try_resolve(series: _Series, now: datetime, detected: ShiftEvent) -> ShiftEvent | None:
    """A resolved event if the open shift ``detected`` has settled for ``resolve_hours``."""
    hold = timedelta(hours=series.rule.resolve_hours)
    snap = series.snapshot(now)
    if snap is None or now - detected.at < hold:
        return None
    sign, before = _SIGN[detected.direction], detected.baseline.mean
    if not all(series.settled(t, sign, before) for t in series.instants(now - hold, now)):
        return None
    recent = trimmed_mean([s.tone for s in snap.recent])
    returned = sign * (recent - before) < series.rule.threshold / 2
    return _resolved(snap, detected, "returned" if returned else "absorbed")
