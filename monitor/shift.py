"""Shift detection: turn a watch's scored samples into shift events.

``evaluate(samples, rule, now, past=...)`` is a pure function. At any instant
``t`` it compares a *recent* window (the last ``rule.recent_hours``) with a
*baseline* window (the ``rule.baseline_hours`` before it) and calls the
rhetoric shifted toward a direction when, at once:

* evidence: the recent window holds ``min_articles`` distinct stories from
  ``min_sources`` outlets (capped by the outlets the watch has at all) and the
  baseline ``min_baseline``; syndicated near-duplicates count once;
* size: the 20 % trimmed mean moved by at least ``threshold`` and the robust
  effect size is at least ``effect_size``;
* significance: Yuen's one-sided t-test gives p < ``alpha``;
* no single article: the above still holds without the recent article that
  pulls hardest that way.

It fires ``rhetoric.shift.detected`` once that condition has held at every
instant of the last ``persistence_hours`` (re-checked from the samples: the
function has no memory but ``past``), outside the direction's cooldown, and
not while a shift in that direction is still open. It fires
``rhetoric.shift.resolved`` once the recent window has settled back (within
half the threshold of the pre-shift level or of the moving baseline) at every
instant of the last ``resolve_hours``, or at once when the opposite direction
fires. ``docs/detector.md`` explains the choices and the benchmark behind the
defaults.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from monitor.models import Direction, Driver, Rule, Sample, ShiftEvent, WindowStats
from monitor.shift_stats import Comparison, compare

__all__ = ["DETECTED", "RESOLVED", "evaluate", "fingerprint", "similarity"]

DETECTED: Literal["rhetoric.shift.detected"] = "rhetoric.shift.detected"
RESOLVED: Literal["rhetoric.shift.resolved"] = "rhetoric.shift.resolved"

#: Bottom-k sketch size of a fingerprint and words per shingle.
SKETCH_SIZE = 32
SHINGLE_WORDS = 4
#: Estimated Jaccard similarity above which two articles are one story.
DUPLICATE_SIMILARITY = 0.5
#: Wire copies appear within days of each other; older look-alikes are news again.
DUPLICATE_SPAN = timedelta(hours=72)
#: Fewest articles a window needs for the trimmed statistics to mean anything.
MIN_COMPARABLE = 4
MAX_DRIVERS = 5
MAX_PHRASES = 3
METHOD = "yuen-welch t on 20% trimmed means"

_SIGN: dict[Direction, int] = {"engagement": 1, "confrontation": -1}
_WORD = re.compile(r"\w+")


def fingerprint(text: str) -> tuple[int, ...]:
    """Bottom-k min-hash sketch of the text's word 4-shingles (sorted, at most 32 values).

    Values are 63-bit so they fit a SQLite INTEGER. Two sketches estimate the
    Jaccard similarity of the texts' shingle sets (see ``similarity``).
    """
    words = _WORD.findall(text.lower())
    if not words:
        return ()
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)}
    else:
        shingles = {
            " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
        }
    hashes = {
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") >> 1
        for s in shingles
    }
    return tuple(sorted(hashes)[:SKETCH_SIZE])


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two ``fingerprint`` sketches (0 when either is empty)."""
    if not a or not b:
        return 0.0
    k = min(len(a), len(b))
    set_a, set_b = set(a), set(b)
    # Bottom-k estimator: among the k smallest hashes of the union, the share
    # present in both sketches estimates |A ∩ B| / |A ∪ B|.
    lowest = sorted(set_a | set_b)[:k]
    return sum(1 for h in lowest if h in set_a and h in set_b) / k


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """Both windows and their comparison at one instant."""

    at: datetime
    recent: tuple[Sample, ...]
    baseline: tuple[Sample, ...]
    recent_start: datetime
    baseline_start: datetime
    enough: bool
    comparison: Comparison | None

    def stats(self) -> tuple[WindowStats, WindowStats]:
        """Baseline and recent ``WindowStats`` (means are 20 % trimmed means)."""
        assert self.comparison is not None
        base = WindowStats(
            mean=round(self.comparison.baseline_mean, 4),
            count=len(self.baseline),
            sources=len({s.source for s in self.baseline}),
            start=self.baseline_start,
            end=self.recent_start,
        )
        rec = WindowStats(
            mean=round(self.comparison.recent_mean, 4),
            count=len(self.recent),
            sources=len({s.source for s in self.recent}),
            start=self.recent_start,
            end=self.at,
        )
        return base, rec


class _Series:
    """One watch's distinct stories in time order, with windows computed on demand."""

    def __init__(self, samples: Sequence[Sample], rule: Rule, now: datetime) -> None:
        self.rule = rule
        self.recent = timedelta(hours=rule.recent_hours)
        self.max_recent = max(self.recent, timedelta(hours=rule.max_recent_hours))
        self.base = timedelta(hours=rule.baseline_hours)
        self.max_base = max(self.base, timedelta(hours=rule.max_baseline_hours))
        look_back = timedelta(
            hours=max(rule.persistence_hours, rule.resolve_hours, rule.max_recent_hours)
        )
        horizon = now - look_back - self.max_recent - self.max_base
        kept = [s for s in samples if horizon - DUPLICATE_SPAN <= s.at <= now]
        kept.sort(key=lambda s: (s.at, s.key))
        self.stories = [s for s in _distinct(kept) if s.at >= horizon]
        self.times = [s.at for s in self.stories]
        self._cache: dict[datetime, _Snapshot] = {}

    def snapshot(self, t: datetime) -> _Snapshot:
        """Recent and baseline windows as they stood at instant ``t``."""
        cached = self._cache.get(t)
        if cached is not None:
            return cached
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
        recent = tuple(self.stories[i_r:end])
        baseline = tuple(self.stories[i_b:i_r])
        # A watch that follows one outlet cannot show two: the source rule asks
        # for as many outlets as the watch had over both windows, up to the minimum.
        outlets = len({s.source for s in self.stories[i_b:end]})
        need_sources = min(rule.min_sources, outlets)
        enough = (
            len(recent) >= max(rule.min_articles, MIN_COMPARABLE)
            and len(baseline) >= max(rule.min_baseline, MIN_COMPARABLE)
            and len({s.source for s in recent}) >= need_sources
        )
        comparison = (
            compare([s.tone for s in recent], [s.tone for s in baseline]) if enough else None
        )
        snap = _Snapshot(t, recent, baseline, recent_start, baseline_start, enough, comparison)
        self._cache[t] = snap
        return snap

    def instants(self, start: datetime, end: datetime) -> list[datetime]:
        """Instants in [start, end] at which a window may change, plus both ends.

        Between consecutive instants no story enters or leaves a window, so
        checking a condition at these instants checks it over the whole span.
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
    index: dict[int, list[int]] = {}
    seen_keys: set[str] = set()
    for sample in ordered:
        if sample.key in seen_keys:
            continue
        seen_keys.add(sample.key)
        shared = Counter(i for h in sample.fingerprint for i in index.get(h, ()))
        duplicate = any(
            sample.at - kept[i].at <= DUPLICATE_SPAN
            and similarity(sample.fingerprint, kept[i].fingerprint) >= DUPLICATE_SIMILARITY
            for i, _ in shared.most_common()
        )
        if duplicate:
            continue
        for h in sample.fingerprint:
            index.setdefault(h, []).append(len(kept))
        kept.append(sample)
    return kept


def _shifted(series: _Series, t: datetime, sign: int) -> bool:
    """True when, at ``t``, the recent window has moved toward ``sign`` on all counts."""
    rule = series.rule
    snap = series.snapshot(t)
    c = snap.comparison
    if c is None or not _passes(c, rule, sign):
        return False
    # One article must never fire alone: drop the one that pulls hardest this way.
    strongest = max(range(len(snap.recent)), key=lambda i: sign * snap.recent[i].tone)
    rest = [s.tone for i, s in enumerate(snap.recent) if i != strongest]
    return _passes(compare(rest, [s.tone for s in snap.baseline]), rule, sign, sized=False)


def _passes(c: Comparison, rule: Rule, sign: int, *, sized: bool = True) -> bool:
    """Delta, effect size (when ``sized``) and significance all point toward ``sign``."""
    if sign * c.delta < rule.threshold or c.p_toward(sign) >= rule.alpha:
        return False
    return not sized or sign * c.effect_size >= rule.effect_size


def _settled(series: _Series, t: datetime, sign: int, before: float) -> bool:
    """True when, at ``t``, the recent window is back near ``before`` or the moving baseline."""
    c = series.snapshot(t).comparison
    if c is None:
        # Too little news to tell: silence never resolves a shift.
        return False
    slack = series.rule.threshold / 2
    return sign * c.delta < slack or sign * (c.recent_mean - before) < slack


def _event_id(watch: str, type_: str, direction: str, onset: datetime) -> str:
    """Deterministic id from the watch, event type, direction and the shift's onset."""
    raw = "\x1f".join((watch, type_, direction, onset.astimezone(UTC).isoformat()))
    return "shift_" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def _drivers(snap: _Snapshot, sign: int) -> tuple[Driver, ...]:
    """The recent stories that pulled hardest toward ``sign``, strongest first."""
    assert snap.comparison is not None
    base = snap.comparison.baseline_mean
    pulling = [s for s in snap.recent if sign * (s.tone - base) > 0]
    pulling.sort(key=lambda s: (-sign * (s.tone - base), s.at, s.key))
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


def _event(
    type_: Literal["rhetoric.shift.detected", "rhetoric.shift.resolved"],
    watch: str,
    direction: Direction,
    snap: _Snapshot,
    onset: datetime,
    *,
    drivers: tuple[Driver, ...] = (),
    extra: tuple[tuple[str, str], ...] = (),
) -> ShiftEvent:
    """Build one event from the snapshot at the instant it fires."""
    c = snap.comparison
    assert c is not None
    baseline, recent = snap.stats()
    sign = _SIGN[direction]
    return ShiftEvent(
        event_id=_event_id(watch, type_, direction, onset),
        type=type_,
        watch=watch,
        direction=direction,
        at=snap.at,
        baseline=baseline,
        recent=recent,
        delta=round(c.delta, 4),
        effect_size=round(c.effect_size, 3),
        drivers=drivers,
        extra=(
            ("onset", onset.isoformat()),
            ("p_value", f"{c.p_toward(sign):.2g}"),
            ("method", METHOD),
            *extra,
        ),
    )


def _onset_of(event: ShiftEvent) -> datetime:
    """The onset recorded on a detected event (its time when absent)."""
    for key, value in event.extra:
        if key == "onset":
            return datetime.fromisoformat(value)
    return event.at


def _history(past: Sequence[ShiftEvent], watch: str) -> dict[Direction, ShiftEvent]:
    """The latest shift event (detected or resolved) per direction for ``watch``."""
    latest: dict[Direction, ShiftEvent] = {}
    mine = [e for e in past if e.watch == watch and e.type in (DETECTED, RESOLVED)]
    # At equal times a resolution follows the detection it closes.
    for e in sorted(mine, key=lambda e: (e.at, e.type == RESOLVED, e.event_id)):
        latest[e.direction] = e
    return latest


def _last_detected(past: Sequence[ShiftEvent], watch: str, direction: Direction) -> datetime | None:
    """When ``direction`` last fired for ``watch``, if ever."""
    times = [
        e.at for e in past if e.watch == watch and e.type == DETECTED and e.direction == direction
    ]
    return max(times) if times else None


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
    series = _Series(samples, rule, now)
    if not series.stories:
        return []
    latest = _history(past, watch)
    resolved: list[ShiftEvent] = []
    detected: list[ShiftEvent] = []
    directions: tuple[Direction, Direction] = ("confrontation", "engagement")
    for direction in directions:
        sign = _SIGN[direction]
        last = latest.get(direction)
        if last is not None and last.type == DETECTED:
            event = _try_resolve(series, now, last, sign)
            if event is not None:
                resolved.append(event)
        else:
            event = _try_detect(series, now, watch, direction, past, last)
            if event is not None:
                detected.append(event)
    for event in detected:
        # A shift the other way closes any shift still open in this direction's opposite.
        opposite: Direction = (
            "engagement" if event.direction == "confrontation" else "confrontation"
        )
        last = latest.get(opposite)
        if (
            last is not None
            and last.type == DETECTED
            and all(r.direction != opposite for r in resolved)
        ):
            snap = series.snapshot(now)
            resolved.append(
                _event(
                    RESOLVED,
                    watch,
                    opposite,
                    snap,
                    _onset_of(last),
                    extra=(("reason", "reversed"), ("detected_event_id", last.event_id)),
                )
            )
    return resolved + detected


def _try_detect(
    series: _Series,
    now: datetime,
    watch: str,
    direction: Direction,
    past: Sequence[ShiftEvent],
    last: ShiftEvent | None,
) -> ShiftEvent | None:
    """A detected event if ``direction`` held for the persistence time and is out of cooldown."""
    rule, sign = series.rule, _SIGN[direction]
    fired = _last_detected(past, watch, direction)
    if fired is not None and now - fired < timedelta(hours=rule.cooldown_hours):
        return None
    if not _shifted(series, now, sign):
        return None
    span_start = now - timedelta(hours=rule.persistence_hours)
    if not all(_shifted(series, t, sign) for t in series.instants(span_start, now)):
        return None
    # Onset: the earliest instant from which the condition has held until now,
    # searched back no further than the last event of this direction.
    floor = max(now - series.max_recent, last.at if last is not None else now - series.max_recent)
    onset = span_start
    for t in reversed(series.instants(floor, span_start)):
        if not _shifted(series, t, sign):
            break
        onset = t
    snap = series.snapshot(now)
    return _event(DETECTED, watch, direction, snap, onset, drivers=_drivers(snap, sign))


def _try_resolve(
    series: _Series, now: datetime, detected: ShiftEvent, sign: int
) -> ShiftEvent | None:
    """A resolved event if the open shift ``detected`` has settled for ``resolve_hours``."""
    hold = timedelta(hours=series.rule.resolve_hours)
    if now - detected.at < hold:
        return None
    before = detected.baseline.mean
    if not all(_settled(series, t, sign, before) for t in series.instants(now - hold, now)):
        return None
    c = series.snapshot(now).comparison
    assert c is not None
    slack = series.rule.threshold / 2
    reason = "returned" if sign * (c.recent_mean - before) < slack else "absorbed"
    return _event(
        RESOLVED,
        detected.watch,
        detected.direction,
        series.snapshot(now),
        _onset_of(detected),
        extra=(("reason", reason), ("detected_event_id", detected.event_id)),
    )
