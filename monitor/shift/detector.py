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

It emits ``rhetoric.shift.detected`` once that has held at every instant of a
span of ``persistence_hours`` ending now or in the quiet gap before the newest
story (re-checked from the samples: the function has no memory but ``past``),
outside the direction's cooldown, and not while a shift in that direction is
still open. It emits ``rhetoric.shift.resolved`` once the
recent window has settled (within half the threshold of the pre-shift level
or of the moving baseline) at every instant of the last ``resolve_hours``, or
at once when the opposite direction fires. ``docs/detector.md`` explains the
choices and the benchmark behind the defaults.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Literal

from monitor.models import Direction, Driver, Rule, Sample, ShiftEvent
from monitor.shift.memo import ShiftMemo
from monitor.shift.stats import (
    DUPLICATE_SIMILARITY,
    DUPLICATE_SPAN,
    CopyMemo,
    fingerprint,
    similarity,
    trimmed_mean,
)
from monitor.shift.windows import Series, Shift, Snapshot, horizon

__all__ = [
    "DETECTED",
    "DUPLICATE_SIMILARITY",
    "DUPLICATE_SPAN",
    "RESOLVED",
    "CopyMemo",
    "ShiftMemo",
    "evaluate",
    "fingerprint",
    "history_hours",
    "similarity",
]

DETECTED: Literal["rhetoric.shift.detected"] = "rhetoric.shift.detected"
RESOLVED: Literal["rhetoric.shift.resolved"] = "rhetoric.shift.resolved"

MAX_DRIVERS = 5
MAX_PHRASES = 3
METHOD = "cusum on baseline-standardised tone, 20% trimmed means"

_SIGN: dict[Direction, int] = {"engagement": 1, "confrontation": -1}
_OPPOSITE: dict[Direction, Direction] = {
    "engagement": "confrontation",
    "confrontation": "engagement",
}


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


def _detected(watch: str, direction: Direction, shift: Shift, at: datetime) -> ShiftEvent:
    """The detected event, sent at ``at``, for a shift as it stood at its snapshot."""
    snap, run = shift.snap, shift.run
    baseline = snap.baseline_stats()
    onset = run[0].at
    return ShiftEvent(
        event_id=_event_id(watch, DETECTED, direction, onset),
        type=DETECTED,
        watch=watch,
        direction=direction,
        at=at,
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


def _resolved(snap: Snapshot, detected: ShiftEvent, reason: str) -> ShiftEvent:
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


def history_hours(rule: Rule) -> float:
    """How far before ``now`` (in hours) ``evaluate`` may look: load samples since then.

    Older samples are ignored, so a caller can pass just these; fewer change
    the result for quiet watches, whose windows widen back in time.
    """
    look_back = max(rule.persistence_hours, rule.resolve_hours)
    recent = max(rule.recent_hours, rule.max_recent_hours)
    base = max(rule.baseline_hours, rule.max_baseline_hours)
    return look_back + recent + base + DUPLICATE_SPAN.total_seconds() / 3600


def evaluate(
    samples: Sequence[Sample],
    rule: Rule,
    now: datetime,
    *,
    past: Sequence[ShiftEvent] = (),
    memo: ShiftMemo | CopyMemo | None = None,
) -> list[ShiftEvent]:
    """New shift events for one watch at ``now`` (usually none).

    ``samples`` are the watch's scored articles in any order, ``past`` the
    events already emitted for it. Calling again with the returned events
    added to ``past`` returns nothing new. A caller that evaluates one watch
    again and again passes the same ``memo`` each time: the result is the
    same, but syndicated copies are then found among the new articles only. A
    ``ShiftMemo`` carries more: the stories and the window figures at each
    instant, so a call after one more article does little more than that
    article's work.
    """
    if now.tzinfo is None:
        raise ValueError("evaluate: `now` must be timezone-aware (UTC)")
    now = now.astimezone(UTC)
    if not samples:
        return []
    watch = samples[0].watch
    shared: ShiftMemo | None = None
    if isinstance(memo, ShiftMemo):
        floor = min(horizon(rule, now, full=False), horizon(rule, now, full=True))
        shared = memo if memo.update(samples, rule, now, floor) else None
        memo = memo.copies

    def series(full: bool) -> Series:
        if shared is not None:
            prepared = shared.prepared(horizon(rule, now, full=full))
            return Series(samples, rule, now, full=full, prepared=prepared)
        return Series(samples, rule, now, full=full, memo=memo)

    found = series(False)
    events = _decide(found, now, watch, past)
    if found.truncated:
        events = _decide(series(True), now, watch, past)
    return events


def _decide(
    series: Series, now: datetime, watch: str, past: Sequence[ShiftEvent]
) -> list[ShiftEvent]:
    """The events ``evaluate`` returns, from one ``Series``."""
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
            event = _try_detect(series, now, watch, direction, last.at if last else None)
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
    series: Series, now: datetime, watch: str, direction: Direction, since: datetime | None
) -> ShiftEvent | None:
    """A detected event if the shift toward ``direction`` held for ``persistence_hours``.

    ``evaluate`` runs when stories arrive, so on a quiet watch the condition
    may have held long enough in the gap before the newest story and lapsed
    since: that counts too. The held span must end after the story before the
    newest (earlier spans were visible to an earlier call) and start after
    ``since``, the direction's last event.
    """
    sign = _SIGN[direction]
    hold = timedelta(hours=series.rule.persistence_hours)
    newest = bisect.bisect_right(series.times, now)
    if newest == 0:
        return None
    previous = min(series.times[max(newest - 2, 0)], now)
    if all(series.shift(t, sign) is None for t in series.instants(previous, now)):
        return None
    # No cap is needed: a busy watch's gap is short, a quiet one has few instants.
    start = previous - hold
    if since is not None:
        start = max(start, since)
    points = series.instants(start, now)
    held = [series.shift(t, sign) for t in points]
    found: Shift | None = None
    i = 0
    while i < len(points):
        if held[i] is None:
            i += 1
            continue
        j = i
        while j + 1 < len(points) and held[j + 1] is not None:
            j += 1
        # The condition holds from points[i] until the next instant where it fails.
        end = points[j + 1] if j + 1 < len(points) else now
        if end - points[i] >= hold and end > previous:
            found = held[j]
        i = j + 1
    return None if found is None else _detected(watch, direction, found, now)


def _try_resolve(series: Series, now: datetime, detected: ShiftEvent) -> ShiftEvent | None:
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
    return _resolved(snap, detected, "returned" if returned else "settled")
