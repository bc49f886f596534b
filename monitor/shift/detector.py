"""Shift detection as a state that moves forward one story at a time.

A ``Detector`` holds one watch's state: its distinct stories of the last
``history_hours(rule)`` (time, tone, outlet; titles and links only for the
recent ones), the windows over them, two CUSUMs per direction, and the open
events. ``Detector.step(sample)`` takes the next story and returns the events
it causes, so every decision is a function of (state, story). The method:

* **Syndication counts once.** A story whose min-hash sketch nearly matches any
  story of the 72 hours before it is a copy and is skipped (``CopyIndex``).
* **Windows.** The *recent* window is the last ``recent_hours`` (widened back
  to hold ``2 × min_articles`` stories, at most ``max_recent_hours``); the
  *baseline* is the ``baseline_hours`` before it (widened back to hold
  ``min_baseline`` stories, at most ``max_baseline_hours``). Both only move
  forward, so stories enter and leave them in order and the sorted samples
  they keep are updated, never rebuilt.
* **Warm-up.** No verdict until the watch has ``warmup_hours`` of history and
  its baseline holds ``warmup_stories`` (afterwards ``min_baseline`` suffice).
  A watch whose baseline, widened to the most, still holds too few stories
  has *not enough data*; ``Detector.status`` says which.
* **Fast test.** Each story's tone is placed in the baseline's distribution by
  its mid-rank and turned into a normal score ``z`` (``normal_score``): about
  N(0, 1) whatever the spread or shape of the baseline, bounded, and moved by
  a burst of extreme articles in the baseline only as much as their share.
  A CUSUM per direction ``S = max(0, S ± z − effect_size / 2)`` alarms at
  ``decision``.
* **Slow test.** The same, against the fixed reference of the
  ``drift_reference_hours`` before the last ``drift_recent_hours`` (the
  reference starts no earlier than the onset of the last alert), with the
  small drift ``drift_effect_size / 2`` and level ``drift_decision``: a move
  spread over months, which a moving baseline absorbs, still accumulates here.
* **Evidence.** The stories since a CUSUM last stood at zero are its *run* and
  its onset. An alarm counts when the run holds ``min_articles`` stories from
  ``min_sources`` outlets (capped by the outlets the watch has), its median
  tone moved ``threshold`` from the reference's (half of it for the slow
  test), the stories of its later half in time moved too (half of that: a
  burst followed by the usual tone is no shift), and it has held for
  ``persistence_hours``, outside the direction's ``cooldown_hours``.
  When the whole run fails that evidence (a run that began in a steady stretch,
  where the statistic climbed while the evidence said no), the fast test judges
  instead the newest stories whose own increments reach ``decision``.
* **Re-arming.** An alert restarts both CUSUMs of its direction. While it is
  open, a story counts toward a new alert in that direction only as far as it
  is extreme both for the baseline and for the *anchor*: the stories of the
  later half of the open alert's run, then each story as it leaves the recent
  window. A false alarm's anchor soon looks like the baseline again, so a
  real shift after it is caught; a real shift's anchor is the new level, so
  only a further move fires. The new alert *supersedes* the open one: a
  ``resolved`` event with reason ``superseded`` names the new alert, which
  names it in ``supersedes``.
* **Resolution.** An open alert is resolved when, at every story over
  ``resolve_hours``, the median of the recent window's stories that came
  after the alert (``min_articles`` of them at least) is back within
  ``threshold / 2`` of the level before the alert (``returned``) or of the
  moving baseline (``settled``); at once when the other direction fires
  (``reversed``) or a new alert in its direction supersedes it. A drift
  alert is judged on its own scale instead (see ``Detector._drift_over``).

``evaluate(samples, rule, now, past=...)`` is the pure function over a whole
history: a fresh ``Detector`` steps through the samples in time order, the
events in ``past`` taking the place of its own decisions before the newest
story. ``docs/detector.md`` explains the choices and the benchmark behind the
defaults.
"""

from __future__ import annotations

import bisect
import hashlib
import math
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

from monitor.models import Direction, Driver, Rule, Sample, ShiftEvent, WindowStats
from monitor.shift.stats import (
    DUPLICATE_SPAN_S,
    CopyIndex,
    median,
    normal_score,
    robust_scale,
    trimmed_mean,
)

DETECTED: Literal["rhetoric.shift.detected"] = "rhetoric.shift.detected"
RESOLVED: Literal["rhetoric.shift.resolved"] = "rhetoric.shift.resolved"

MAX_DRIVERS = 5
MAX_PHRASES = 3
METHOD = "cusum of baseline normal scores (fast) and of a fixed reference (drift)"
STATE_VERSION = 1

#: A runner that receives a story published more than this before the newest one
#: taken rebuilds the state from history; a story less late counts as arriving now.
LATE_TOLERANCE_S = 3600.0
#: Fewest stories a window needs for its statistics to mean anything.
MIN_COMPARABLE = 4
#: A quiet watch's recent window widens to hold this many times min_articles.
RECENT_ROOM = 2
#: A quiet watch's slow-test windows widen to at most this many times their hours.
DRIFT_WIDEST = 2
#: The slow test's reference holds this many times ``drift_min_stories``.
DRIFT_REFERENCE_ROOM = 3
#: A level that turns a test off (``drift_decision: 0``).
_OFF = math.inf
_HOUR = 3600.0
_DAY = 86_400.0

_SIGNS = (1, -1)
_DIRECTION: dict[int, Direction] = {1: "engagement", -1: "confrontation"}
_SIGN: dict[str, int] = {"engagement": 1, "confrontation": -1}

Status = Literal["warming_up", "not_enough_data", "watching"]


def history_hours(rule: Rule) -> float:
    """How far back (in hours) a ``Detector`` keeps stories: load samples since then.

    A rebuild from a shorter history leaves a quiet watch's windows or the slow
    test's reference short, and the first ``warmup_hours`` of it silent.
    """
    fast = max(rule.recent_hours, rule.max_recent_hours) + max(
        rule.baseline_hours, rule.max_baseline_hours
    )
    slow = rule.drift_recent_hours + rule.drift_reference_hours if rule.drift_decision > 0 else 0.0
    if rule.drift_min_stories > 0:
        slow *= DRIFT_WIDEST
    look_back = max(rule.persistence_hours, rule.resolve_hours)
    return max(fast, slow, rule.warmup_hours) + look_back + DUPLICATE_SPAN_S / _HOUR


def _event_id(watch: str, type_: str, direction: str, onset: datetime) -> str:
    """Deterministic id from the watch, event type, direction and the shift's onset."""
    raw = "\x1f".join((watch, type_, direction, onset.astimezone(UTC).isoformat()))
    return "shift_" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def _onset_of(event: ShiftEvent) -> datetime:
    """The onset recorded on a detected event (its time when absent)."""
    value = dict(event.extra).get("onset")
    return datetime.fromisoformat(value) if value else event.at


@dataclass(slots=True)
class _Open:
    """An alert that is still open, with the anchor a new alert in its direction must pass."""

    event: ShiftEvent
    sign: int
    level: float  # the reference median before the alert (``returned`` compares with it)
    start: int  # index of the run's first story
    end: int  # the anchor holds stories[start:end]
    anchor: list[float] = field(default_factory=list)  # their tones, sorted
    settled_since: float | None = None
    fired: int = 0  # stories from this index on came after the alert


@dataclass(frozen=True, slots=True)
class _Held:
    """An alarm condition that held at one story: enough to build its event later."""

    test: str  # "fast" | "drift"
    sign: int
    start: int  # run stories[start:end]
    end: int
    lo: int  # reference stories[lo:hi]
    hi: int
    ref_start: float  # the reference window's bounds (epoch seconds)
    ref_end: float
    statistic: float
    level: float  # the reference median
    decision: float


@dataclass(frozen=True, slots=True)
class WatchStatus:
    """Where a watch's detector stands, for ``status``, ``history`` and ``report``."""

    state: Status
    baseline_stories: int
    stories_needed: int
    history_days: float
    days_needed: float
    stories_per_week: float
    open_events: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line a person reads: "warming up (12 of 60 stories, 5 of 21 days)" etc."""
        rate = f"{self.stories_per_week:.1f} stories a week"
        if self.state == "warming_up":
            return (
                f"warming up ({self.baseline_stories} of {self.stories_needed} stories, "
                f"{min(self.history_days, self.days_needed):.0f} of {self.days_needed:.0f} days)"
            )
        if self.state == "not_enough_data":
            return (
                f"not enough data ({self.baseline_stories} stories in the widest baseline, "
                f"{self.stories_needed} needed; {rate})"
            )
        opened = f", open: {', '.join(self.open_events)}" if self.open_events else ""
        return f"watching ({self.baseline_stories} baseline stories, {rate}{opened})"


class Detector:
    """One watch's detector state; ``step`` advances it by one story."""

    def __init__(self, rule: Rule, watch: str) -> None:
        self.rule = rule
        self.watch = watch
        self._recent_s = rule.recent_hours * _HOUR
        self._max_recent_s = max(rule.recent_hours, rule.max_recent_hours) * _HOUR
        self._base_s = rule.baseline_hours * _HOUR
        self._max_base_s = max(rule.baseline_hours, rule.max_baseline_hours) * _HOUR
        self._room = RECENT_ROOM * rule.min_articles
        self._k = rule.effect_size / 2
        self._h = rule.decision if rule.decision > 0 else _OFF
        self._drift = rule.drift_decision > 0
        self._dr_s = rule.drift_recent_hours * _HOUR
        self._dref_s = rule.drift_reference_hours * _HOUR
        self._dr_room = max(0, rule.drift_min_stories)
        # Where the slow test's reference ends (its recent window starts) and starts.
        self._drift_end = self._drift_lo = -math.inf
        self._k_slow = rule.drift_effect_size / 2
        self._h_slow = rule.drift_decision if self._drift else _OFF
        self._keep_s = history_hours(rule) * _HOUR
        self._detail_s = self._max_recent_s + DUPLICATE_SPAN_S + rule.persistence_hours * _HOUR
        self._min_run = max(rule.min_articles, MIN_COMPARABLE)

        # Stories, by absolute index; position = index - self._first.
        self._first = 0
        self.n = 0
        self._ats: list[datetime] = []
        self._times: list[float] = []
        self._tones: list[float] = []
        self._srcs: list[int] = []
        self._details: list[Sample | None] = []
        self._detail_from = 0  # stories before this index have no details left
        self._cut = 0  # stories before this index are no longer needed
        self._source_ids: dict[str, int] = {}
        self._keys: dict[str, float] = {}  # keys of the last DUPLICATE_SPAN_S
        self._key_order: deque[tuple[float, str]] = deque()
        self._copies = CopyIndex()
        self.last_at: datetime | None = None
        self.first_time: float | None = None

        # Window pointers (absolute indices, only ever moving forward).
        self._pa = self._pc = self._pb1 = self._pb2 = self._pdl = self._pdh = 0
        self.i_r = self.i_b = self.i_dl = self.i_dh = 0
        self._recent_start = 0.0
        self._recent: list[float] = []  # tones of stories[i_r:n], sorted
        self._base: list[float] = []  # tones of stories[i_b:i_r], sorted
        self._ref: list[float] = []  # tones of stories[i_dl:i_dh], sorted
        self._outlets: Counter[int] = Counter()  # outlets of stories[i_b:n]
        self.reset_time = -math.inf  # the slow test's reference starts no earlier

        # Tests and events.
        self.watching = False
        self.fast = {1: 0.0, -1: 0.0}
        self.fast_start = {1: 0, -1: 0}
        self.slow = {1: 0.0, -1: 0.0}
        self.slow_start = {1: 0, -1: 0}
        self.held: dict[int, _Held | None] = {1: None, -1: None}
        self.held_since: dict[int, float | None] = {1: None, -1: None}
        self.last_alert: dict[int, float | None] = {1: None, -1: None}
        self.open: dict[int, _Open | None] = {1: None, -1: None}
        self._applied: set[str] = set()

    # -- stories -------------------------------------------------------------------

    def _pos(self, index: int) -> int:
        return index - self._first

    def _time(self, index: int) -> float:
        return self._times[index - self._first]

    def _accept(self, sample: Sample) -> tuple[datetime, float] | None:
        """The story's time, or None for a copy or a repeated key.

        Stories are taken in the order they come. One published before the
        newest story taken counts at that story's time: the detector learns of
        it now. (A runner that receives stories much later than that rebuilds
        the state from history instead; see ``LATE_TOLERANCE_S``.)
        """
        at = sample.at
        if at.tzinfo is None:
            raise ValueError("Detector: sample times must be timezone-aware (UTC)")
        if self.last_at is not None and at < self.last_at:
            at = self.last_at
        t = at.timestamp()
        keys, order = self._keys, self._key_order
        while order and order[0][0] < t - DUPLICATE_SPAN_S:
            _, old = order.popleft()
            if keys.get(old, math.inf) < t - DUPLICATE_SPAN_S:
                del keys[old]
        if sample.key in keys:
            return None
        order.append((t, sample.key))
        self._keys[sample.key] = t
        self.last_at = at
        if self._copies.is_copy(sample.fingerprint, t):
            return None
        return at, t

    def _append(self, sample: Sample, at: datetime, t: float) -> int:
        tone = float(sample.tone)
        if not math.isfinite(tone):
            tone = 0.0
        src = self._source_ids.setdefault(sample.source, len(self._source_ids))
        index = self.n
        self._ats.append(at)
        self._times.append(t)
        self._tones.append(tone)
        self._srcs.append(src)
        self._details.append(_without_sketch(sample))
        self.n += 1
        if self.first_time is None:
            self.first_time = t
        return index

    # -- windows -------------------------------------------------------------------

    def _advance_to(self, t: float) -> None:
        """Move every window to instant ``t`` (after the newest story was appended)."""
        times, first, n = self._times, self._first, self.n

        def forward(p: int, bound: float, strict: bool) -> int:
            # First index whose time is > bound (strict) or >= bound.
            p = max(p, first)
            if strict:
                while p < n and times[p - first] <= bound:
                    p += 1
            else:
                while p < n and times[p - first] < bound:
                    p += 1
            return p

        self._pa = forward(self._pa, t - self._recent_s, True)
        self._pc = forward(self._pc, t - self._max_recent_s, True)
        i_r = max(self.i_r, min(self._pa, max(n - self._room, self._pc)))
        start = t - self._recent_s
        if i_r < n:
            start = min(start, times[i_r - first])
        start = max(start, self._recent_start)
        self._pb1 = forward(self._pb1, start - self._base_s, False)
        self._pb2 = forward(self._pb2, start - self._max_base_s, False)
        i_b = max(self.i_b, min(self._pb1, max(i_r - self.rule.min_baseline, self._pb2)), first)
        i_b = min(i_b, i_r)
        tones, srcs = self._tones, self._srcs
        base, recent = self._base, self._recent
        for j in range(self.i_b, min(i_b, self.i_r)):  # leave the baseline
            _remove(base, tones[j - first])
        for j in range(self.i_b, i_b):
            self._drop_outlet(srcs[j - first])
        for j in range(self.i_r, i_r):  # leave the recent window
            tone = tones[j - first]
            _remove(recent, tone)
            if j >= i_b:
                bisect.insort(base, tone)
        self.i_b, self.i_r, self._recent_start = i_b, i_r, start
        for o in self.open.values():
            if o is not None and o.end < i_r:
                for j in range(max(o.end, first), i_r):
                    bisect.insort(o.anchor, tones[j - first])
                o.end = i_r
        if self._drift:
            self._pdh, self._pdl = self._drift_bounds(
                t,
                lambda bound: forward(self._pdh, bound, False),
                lambda bound: forward(self._pdl, bound, False),
            )
            i_dh = self._pdh
            i_dl = max(self.i_dl, min(self._pdl, i_dh))
            for j in range(self.i_dl, min(i_dl, self.i_dh)):
                _remove(self._ref, tones[j - first])
            for j in range(max(self.i_dh, i_dl), i_dh):
                bisect.insort(self._ref, tones[j - first])
            self.i_dl, self.i_dh = i_dl, i_dh
        self._forget(t)

    def _drift_bounds(
        self, t: float, locate_hi: Callable[[float], int], locate_lo: Callable[[float], int]
    ) -> tuple[int, int]:
        """The first stories of the slow test's recent window and of its reference at
        instant ``t`` (``locate_*``: the first story at or after a time); notes where
        the reference ends and starts."""
        end = self._drift_bound(t - self._dr_s, self.n - self._dr_room, self._dr_s)
        hi = locate_hi(end)
        lo = self._drift_bound(
            end - self._dref_s, hi - DRIFT_REFERENCE_ROOM * self._dr_room, self._dref_s
        )
        self._drift_end, self._drift_lo = end, max(lo, self.reset_time)
        return hi, locate_lo(self._drift_lo)

    def _drift_bound(self, bound: float, holds: int, span: float) -> float:
        """A slow-test window's earlier bound: ``bound``, moved back to include the story
        at absolute index ``holds`` when the window would hold fewer stories, by at most
        ``span`` more (a quiet watch's windows hold ``drift_min_stories`` and three times
        as many, up to twice their hours)."""
        if not self._dr_room:
            return bound
        widest = bound - (DRIFT_WIDEST - 1) * span
        if holds < self._first:
            return widest
        return max(widest, min(bound, self._times[holds - self._first]))

    def _drop_outlet(self, src: int) -> None:
        self._outlets[src] -= 1
        if not self._outlets[src]:
            del self._outlets[src]

    def _forget(self, t: float) -> None:
        """Drop old stories' titles and links, and stories nothing needs any more."""
        first = self._first
        self._trim_details(t)
        needed = min(
            self.i_b,
            self.i_dl if self._drift else self.i_b,
            *(o.start for o in self.open.values() if o is not None),
            *(min(h.start, h.lo) for h in self.held.values() if h is not None),
        )
        keep_from = t - self._keep_s
        cut = max(self._cut, first)
        while cut < needed and self._times[cut - first] < keep_from:
            cut += 1
        self._cut = cut
        # Runs that began before the cut lose their oldest stories.
        for starts in (self.fast_start, self.slow_start):
            for sign in _SIGNS:
                starts[sign] = max(starts[sign], cut)
        drop = cut - first
        if drop > 64 and drop * 2 > len(self._times):
            for seq in (self._ats, self._times, self._tones, self._srcs, self._details):
                del seq[:drop]
            self._first = cut
            self._detail_from = max(self._detail_from, cut)

    def _trim_details(self, t: float) -> None:
        """Keep titles and links only for stories a driver can come from: those of the
        recent window and of the fast runs, and never older than ``_detail_s``."""
        first, n = self._first, self.n
        keep = min(self.i_r, self.fast_start[1], self.fast_start[-1],
                   *(h.start for h in self.held.values() if h is not None))  # fmt: skip
        limit = t - self._detail_s
        while self._detail_from < n and (
            self._detail_from < keep or self._times[self._detail_from - first] < limit
        ):
            self._details[self._detail_from - first] = None
            self._detail_from += 1

    # -- the step ------------------------------------------------------------------

    def step(self, sample: Sample, *, emit: bool = True) -> list[ShiftEvent]:
        """Take the next story; return the events it causes (none for a copy).

        With ``emit=False`` the story moves the windows and the tests but no
        event is fired or resolved: a caller rebuilding a state from history
        applies the events it already sent instead (``apply``).
        """
        accepted = self._accept(sample)
        if accepted is None:
            return []
        at, t = accepted
        self._append(sample, at, t)
        tone = self._tones[-1]
        self._outlets[self._srcs[-1]] += 1
        bisect.insort(self._recent, tone)
        self._advance_to(t)
        self._update_watching(t)
        z = normal_score(tone, self._base) if self.watching else 0.0
        z_ref = normal_score(tone, self._ref) if self._drift_active(t) else None
        n = self.n
        for sign in _SIGNS:
            anchored = self._anchored(tone, sign)
            if self.watching:
                inc = sign * z if anchored is None else min(sign * z, anchored)
                self.fast[sign] = max(0.0, self.fast[sign] + inc - self._k)
                if self.fast[sign] == 0.0:
                    self.fast_start[sign] = n
            else:
                self.fast[sign], self.fast_start[sign] = 0.0, n
            if z_ref is not None:
                inc = sign * z_ref if anchored is None else min(sign * z_ref, anchored)
                self.slow[sign] = max(0.0, self.slow[sign] + inc - self._k_slow)
                if self.slow[sign] == 0.0:
                    self.slow_start[sign] = n
            else:
                self.slow[sign], self.slow_start[sign] = 0.0, n

        events: list[ShiftEvent] = []
        for sign in _SIGNS:
            events += self._hold(sign, t, at, emit)
        for sign in _SIGNS:
            events += self._try_resolve(sign, t, at, emit)
        return events

    def _anchored(self, tone: float, sign: int) -> float | None:
        """The story's normal score toward ``sign`` in the open alert's anchor, if any."""
        o = self.open[sign]
        return sign * normal_score(tone, o.anchor) if o is not None and o.anchor else None

    def _update_watching(self, t: float) -> None:
        count = self.i_r - self.i_b
        if self.watching:
            self.watching = count >= max(self.rule.min_baseline, MIN_COMPARABLE)
        else:
            old_enough = self.first_time is not None and (
                t - self.first_time >= self.rule.warmup_hours * _HOUR
            )
            need = max(self.rule.warmup_stories, self.rule.min_baseline, MIN_COMPARABLE)
            self.watching = old_enough and count >= need

    def _drift_active(self, t: float) -> bool:
        if not self._drift or self.first_time is None:
            return False
        need = max(self.rule.warmup_stories, self.rule.min_baseline, MIN_COMPARABLE)
        span = self._drift_end - max(self.first_time, self.reset_time)
        return len(self._ref) >= need and span >= self.rule.warmup_hours * _HOUR

    def _condition(self, sign: int, t: float) -> _Held | None:
        """The alarm condition toward ``sign`` now, from the fast test or else the slow one."""
        n, first = self.n, self._first
        need_sources = min(self.rule.min_sources, len(self._outlets))
        o = self.open[sign]
        tests = (
            ("fast", self.fast[sign], self.fast_start[sign], self._h, self._base,
             self.i_b, self.i_r, self.rule.threshold),
            ("drift", self.slow[sign], self.slow_start[sign], self._h_slow, self._ref,
             self.i_dl, self.i_dh, self.rule.threshold / 2),
        )  # fmt: skip
        for name, statistic, start, decision, ref, lo, hi, threshold in tests:
            if statistic < decision or not ref:
                continue
            start = max(start, first)
            if n - start < self._min_run:
                continue
            level = median(ref)
            mark = level
            if o is not None and o.anchor:
                mark = max(level * sign, median(o.anchor) * sign) * sign
            if not self._evidence(start, sign, mark, threshold, need_sources):
                # A run that began in a steady stretch (its statistic climbed there while
                # the evidence rightly said no) holds old stories that keep its median
                # still: judge the newest stories that alone reach the level instead.
                if name != "fast":
                    continue
                crossing = self._crossing_start(start, sign, ref, decision)
                if crossing is None or not self._evidence(
                    crossing, sign, mark, threshold, need_sources
                ):
                    continue
                start = crossing
            if name == "fast":
                ref_start = self._recent_start - self._base_s
                if lo < hi:
                    ref_start = min(ref_start, self._time(lo))
                ref_end = self._recent_start
            else:
                ref_end, ref_start = self._drift_end, self._drift_lo
            return _Held(name, sign, start, n, lo, hi, ref_start, ref_end, statistic, level,
                         decision)  # fmt: skip
        return None

    def _evidence(
        self, start: int, sign: int, mark: float, threshold: float, need_sources: int
    ) -> bool:
        """Whether the stories from ``start`` to now make an alert's case toward ``sign``:
        enough outlets, a median moved ``threshold`` past ``mark``, and a later half in time
        that moved too (by half of it), so a burst followed by the usual tone is no shift."""
        first, n = self._first, self.n
        if len(set(self._srcs[start - first : n - first])) < need_sources:
            return False
        if sign * (median(sorted(self._tones[start - first : n - first])) - mark) < threshold:
            return False
        middle = (self._times[start - first] + self._times[n - 1 - first]) / 2
        k = bisect.bisect_right(self._times, middle, start - first, n - first)
        later = sorted(self._tones[k : n - first])
        return len(later) >= 2 and sign * (median(later) - mark) >= threshold / 2

    def _crossing_start(
        self, start: int, sign: int, ref: Sequence[float], decision: float
    ) -> int | None:
        """The latest story from which the run's own increments (scored against today's
        baseline) reach ``decision``, no later than ``min_run`` stories back; None if none
        does or it would be ``start`` itself."""
        first, n = self._first, self.n
        total = 0.0
        for i in range(n - 1, start, -1):
            total += sign * normal_score(self._tones[i - first], ref) - self._k
            if total >= decision and n - i >= self._min_run:
                return i
        return None

    def _hold(self, sign: int, t: float, at: datetime, emit: bool) -> list[ShiftEvent]:
        """Track how long the condition toward ``sign`` has held; fire when it has held
        ``persistence_hours`` (also when it lapsed with this story, having held that long)."""
        found = self._condition(sign, t)
        since = self.held_since[sign]
        hold_s = self.rule.persistence_hours * _HOUR
        if found is not None:
            if since is None:
                since = self.held_since[sign] = t
            self.held[sign] = found
            if t - since >= hold_s and self._cooled(sign, t) and emit:
                return self._fire(found, t, at)
            return []
        held = self.held[sign]
        self.held[sign] = self.held_since[sign] = None
        lapsed = since is not None and held is not None and t - since >= hold_s > 0
        if lapsed and held is not None and self._cooled(sign, t) and emit:
            return self._fire(held, t, at)
        return []

    def _cooled(self, sign: int, t: float) -> bool:
        last = self.last_alert[sign]
        return last is None or t - last >= self.rule.cooldown_hours * _HOUR

    # -- events --------------------------------------------------------------------

    def _fire(self, held: _Held, t: float, at: datetime) -> list[ShiftEvent]:
        sign = held.sign
        event = self._detected(held, at)
        out: list[ShiftEvent] = []
        mine, other = self.open[sign], self.open[-sign]
        if mine is not None:
            out.append(self._resolved(mine, at, "superseded", superseded_by=event.event_id))
            event = replace(event, extra=(*event.extra, ("supersedes", mine.event.event_id)))
        if other is not None:
            out.append(self._resolved(other, at, "reversed"))
        out.append(event)
        self.apply(event)
        return out

    def apply(self, event: ShiftEvent) -> None:
        """Take ``event`` (just fired, or sent before a rebuild) into the state."""
        if event.event_id in self._applied or event.watch != self.watch:
            return
        self._applied.add(event.event_id)
        sign = _SIGN[event.direction]
        if event.type == RESOLVED:
            o = self.open[sign]
            if o is not None and o.event.event_id == dict(event.extra).get("detected_event_id"):
                self.open[sign] = None
            return
        if event.type != DETECTED:
            return
        t = event.at.timestamp()
        onset = _onset_of(event).timestamp()
        # The anchor starts with the later half of the run: its start is the CUSUM's guess of
        # the onset and often holds a few stories from before the change.
        start = bisect.bisect_left(self._times, (onset + t) / 2) + self._first
        extra = dict(event.extra)
        level = float(extra.get("baseline_median", event.baseline.mean))
        o = _Open(event, sign, level, start, self.n, fired=self.n)
        o.anchor = sorted(self._tones[start - self._first :])
        self.open[sign] = o
        other = self.open[-sign]
        if other is not None and other.event.at <= event.at:
            self.open[-sign] = None  # reversed (its resolution may come separately)
        self.last_alert[sign] = t
        self.fast[sign] = self.slow[sign] = 0.0
        self.fast_start[sign] = self.slow_start[sign] = self.n
        self.held[sign] = self.held_since[sign] = None
        self.reset_time = max(self.reset_time, onset)

    def _try_resolve(self, sign: int, t: float, at: datetime, emit: bool) -> list[ShiftEvent]:
        """Resolve the open alert toward ``sign`` once it has settled ``resolve_hours``."""
        o = self.open[sign]
        if o is None or o.event.at == at:
            return []
        reason = None
        first = self._first
        if self._drift and dict(o.event.extra).get("test") == "drift":
            reason = self._drift_over(o, t)
        else:
            # The tone since the alert: the recent window's stories that came after it.
            since = max(o.fired, self.i_r)
            after = self._recent if since == self.i_r else sorted(self._tones[since - first :])
            if self.watching and len(after) >= self._min_run and self._base:
                now_level = median(after)
                slack = self.rule.threshold / 2
                if sign * (now_level - o.level) < slack:
                    reason = "returned"
                elif sign * (now_level - median(self._base)) < slack:
                    reason = "settled"
        if reason is None:
            o.settled_since = None
            return []
        if o.settled_since is None:
            o.settled_since = t
        hold_s = self.rule.resolve_hours * _HOUR
        if not emit or t - o.settled_since < hold_s or t - o.event.at.timestamp() < hold_s:
            return []
        event = self._resolved(o, at, reason)
        self.apply(event)
        return [event]

    def _drift_over(self, o: _Open, t: float) -> str | None:
        """Whether a drift alert is over, judged on the time scale and size that found it.

        Why: a drift is a move of half the threshold over weeks. A few days of the usual
        tone after the alert, or a band as wide as the drift itself, would call it over
        while the slow move goes on. So the later half of the slow test's recent window
        is read (the last ``drift_recent_hours / 2``, more where a quiet watch widened the
        window), with half the drift's threshold as
        slack: ``returned`` when it is back at the level before the alert; ``settled``
        once the whole window holds only stories from after the alert (the new level
        held that long) and the moving baseline has taken it up.
        """
        first = self._first
        later = bisect.bisect_left(self._times, (t + self._drift_end) / 2, self.i_dh - first)
        window = sorted(self._tones[later:])
        if not self.watching or len(window) < self._min_run or not self._base:
            return None
        now_level = median(window)
        sign = o.sign
        if sign * (now_level - o.level) < self.rule.threshold / 4:
            return "returned"
        held = self.i_dh >= o.fired
        if held and sign * (now_level - median(self._base)) < self.rule.threshold / 2:
            return "settled"
        return None

    def _window(self, tones: Sequence[float], srcs: Iterable[int], start: float, end: float
                ) -> WindowStats:  # fmt: skip
        return WindowStats(
            mean=round(trimmed_mean(tones), 4),
            count=len(tones),
            sources=len(set(srcs)),
            start=datetime.fromtimestamp(start, UTC),
            end=datetime.fromtimestamp(end, UTC),
        )

    def _detected(self, held: _Held, at: datetime) -> ShiftEvent:
        f = self._first
        lo, hi = max(held.lo, f), max(held.hi, f)
        ref = sorted(self._tones[lo - f : hi - f])
        baseline = self._window(ref, self._srcs[lo - f : hi - f], held.ref_start, held.ref_end)
        start = max(held.start, f)
        run_tones = self._tones[start - f : held.end - f]
        onset = self._ats[start - f]
        recent = WindowStats(
            mean=round(trimmed_mean(run_tones), 4),
            count=len(run_tones),
            sources=len(set(self._srcs[start - f : held.end - f])),
            start=onset,
            end=at,
        )
        delta = recent.mean - baseline.mean
        direction = _DIRECTION[held.sign]
        run = [s for s in self._details[start - f : held.end - f] if s is not None]
        return ShiftEvent(
            event_id=_event_id(self.watch, DETECTED, direction, onset),
            type=DETECTED,
            watch=self.watch,
            direction=direction,
            at=at,
            baseline=baseline,
            recent=recent,
            delta=round(delta, 4),
            effect_size=round(delta / robust_scale(ref), 3),
            drivers=_drivers(run, baseline.mean, held.sign),
            extra=(
                ("onset", onset.isoformat()),
                ("cusum", f"{held.statistic:.2f}"),
                ("decision", f"{held.decision:g}"),
                ("test", held.test),
                ("baseline_median", f"{held.level:.4f}"),
                ("method", METHOD),
            ),
        )

    def _resolved(
        self, o: _Open, at: datetime, reason: str, *, superseded_by: str | None = None
    ) -> ShiftEvent:
        f = self._first
        base_tones = self._tones[max(self.i_b, f) - f : self.i_r - f]
        base_start = self._recent_start - self._base_s
        if self.i_b < self.i_r:
            base_start = min(base_start, self._time(self.i_b))
        baseline = self._window(
            base_tones, self._srcs[max(self.i_b, f) - f : self.i_r - f], base_start,
            self._recent_start,
        )  # fmt: skip
        recent = self._window(
            self._tones[self.i_r - f :], self._srcs[self.i_r - f :], self._recent_start,
            at.timestamp(),
        )  # fmt: skip
        delta = recent.mean - baseline.mean
        detected = o.event
        onset = _onset_of(detected)
        extra = [
            ("onset", onset.isoformat()),
            ("reason", reason),
            ("detected_event_id", detected.event_id),
        ]
        if superseded_by is not None:
            extra.append(("superseded_by", superseded_by))
        extra.append(("method", METHOD))
        return ShiftEvent(
            event_id=_event_id(self.watch, RESOLVED, detected.direction, onset),
            type=RESOLVED,
            watch=self.watch,
            direction=detected.direction,
            at=at,
            baseline=baseline,
            recent=recent,
            delta=round(delta, 4),
            effect_size=round(delta / robust_scale(sorted(base_tones)), 3),
            extra=tuple(extra),
        )

    # -- what a caller reads -------------------------------------------------------

    def status(self, now: datetime | None = None) -> WatchStatus:
        """Warming up, not enough data, or watching; with the counts behind it."""
        rule = self.rule
        need = max(rule.warmup_stories, rule.min_baseline, MIN_COMPARABLE)
        count = self.i_r - self.i_b
        t = now.timestamp() if now is not None else (self._times[-1] if self._times else 0.0)
        days = 0.0 if self.first_time is None else max(0.0, (t - self.first_time) / _DAY)
        span = 0.0
        if self.n > self._first:
            span = max(self._times[-1] - self._time(max(self.i_b, self._first)), _DAY)
        rate = 7 * _DAY * (self.n - max(self.i_b, self._first)) / span if span else 0.0
        opened = tuple(
            f"{o.event.direction} since {o.event.at.date().isoformat()}"
            for o in self.open.values()
            if o is not None
        )
        state: Status = "watching"
        if not self.watching:
            widest = self._recent_start - self._max_base_s
            if (
                self.first_time is not None
                and days * _DAY >= rule.warmup_hours * _HOUR
                and self.first_time < widest
            ):
                state = "not_enough_data"
            else:
                state = "warming_up"
        return WatchStatus(
            state=state,
            baseline_stories=count,
            stories_needed=need if not self.watching else rule.min_baseline,
            history_days=round(days, 1),
            days_needed=rule.warmup_hours / 24,
            stories_per_week=round(rate, 1),
            open_events=opened,
        )

    # -- persistence -----------------------------------------------------------------

    def scalars(self) -> dict[str, Any]:
        """The state that the stories do not determine (JSON-ready), for ``restore``."""
        n = self.n
        return {
            "version": STATE_VERSION,
            "n": n,
            "first_time": self.first_time,
            "last_at": self.last_at.isoformat() if self.last_at else None,
            "reset_time": None if self.reset_time == -math.inf else self.reset_time,
            "watching": self.watching,
            "fast": [self.fast[1], self.fast[-1], n - self.fast_start[1], n - self.fast_start[-1]],
            "slow": [self.slow[1], self.slow[-1], n - self.slow_start[1], n - self.slow_start[-1]],
            "held_since": [self.held_since[1], self.held_since[-1]],
            "held": [_held_json(self.held[1], n), _held_json(self.held[-1], n)],
            "last_alert": [self.last_alert[1], self.last_alert[-1]],
            "open": [_open_json(self.open[1], n), _open_json(self.open[-1], n)],
        }

    def load(self, sample: Sample) -> None:
        """Take a story already decided (restoring a state): no test moves, no window yet."""
        accepted = self._accept(sample)
        if accepted is not None:
            self._append(sample, *accepted)

    @classmethod
    def restore(
        cls,
        rule: Rule,
        watch: str,
        scalars: dict[str, Any],
        samples: Iterable[Sample],
        past: Sequence[ShiftEvent],
    ) -> Detector | None:
        """The state ``scalars`` described, its stories taken again from ``samples``.

        ``samples`` are the watch's samples the state had taken, in the same
        order, from at least ``history_hours(rule)`` before the last one; ``past``
        its events (the open ones come back from there). None when the scalars
        are of another version or do not match the samples.
        """
        if scalars.get("version") != STATE_VERSION:
            return None
        det = cls(rule, watch)
        reset = scalars.get("reset_time")
        det.reset_time = -math.inf if reset is None else float(reset)
        for sample in samples:
            det.load(sample)
        last = scalars.get("last_at")
        if last is None or det.last_at is None or det.last_at.isoformat() != last:
            return None
        n = int(scalars["n"])
        loaded = det.n
        if loaded > n:
            return None
        det._first, det.n = n - loaded, n
        det._detail_from = det._cut = det._first
        det.first_time = scalars.get("first_time")
        det._rebuild_windows(det.last_at.timestamp())
        det.watching = bool(scalars.get("watching"))
        fast, slow = scalars["fast"], scalars["slow"]
        det.fast = {1: float(fast[0]), -1: float(fast[1])}
        det.fast_start = {1: n - int(fast[2]), -1: n - int(fast[3])}
        det.slow = {1: float(slow[0]), -1: float(slow[1])}
        det.slow_start = {1: n - int(slow[2]), -1: n - int(slow[3])}
        det.held_since = {1: scalars["held_since"][0], -1: scalars["held_since"][1]}
        held = scalars["held"]
        det.held = {1: _held_from(held[0], 1, n), -1: _held_from(held[1], -1, n)}
        det.last_alert = {1: scalars["last_alert"][0], -1: scalars["last_alert"][1]}
        by_id = {e.event_id: e for e in past}
        det._applied = set(by_id)
        for i, sign in enumerate(_SIGNS):
            saved = scalars["open"][i]
            if saved is None:
                continue
            event = by_id.get(saved["event_id"])
            if event is None:
                return None
            back = saved["back"]
            o = _Open(event, sign, float(saved["level"]), n - back[0], n - back[1])
            o.fired = n - back[2] if len(back) > 2 else n
            lo = max(o.start, det._first)
            o.anchor = sorted(det._tones[lo - det._first : max(o.end, det.i_r) - det._first])
            o.end = max(o.end, det.i_r)
            o.settled_since = saved.get("settled_since")
            det.open[sign] = o
        det._trim_details(det.last_at.timestamp())
        return det

    def _rebuild_windows(self, t: float) -> None:
        """Every window at instant ``t`` from the stories alone (after ``load``)."""
        times, first, n = self._times, self._first, self.n

        def after(bound: float) -> int:
            return bisect.bisect_right(times, bound) + first

        def from_(bound: float) -> int:
            return bisect.bisect_left(times, bound) + first

        self._pa, self._pc = after(t - self._recent_s), after(t - self._max_recent_s)
        self.i_r = min(self._pa, max(n - self._room, self._pc))
        start = t - self._recent_s
        if self.i_r < n:
            start = min(start, times[self.i_r - first])
        self._recent_start = start
        self._pb1, self._pb2 = from_(start - self._base_s), from_(start - self._max_base_s)
        self.i_b = min(max(self._pb1, first), max(self.i_r - self.rule.min_baseline, self._pb2))
        self.i_b = min(max(self.i_b, first), self.i_r)
        tones = self._tones
        self._recent = sorted(tones[self.i_r - first :])
        self._base = sorted(tones[self.i_b - first : self.i_r - first])
        self._outlets = Counter(self._srcs[self.i_b - first :])
        if self._drift:
            self._pdh, self._pdl = self._drift_bounds(t, from_, from_)
            self.i_dh, self.i_dl = self._pdh, min(self._pdl, self._pdh)
            self._ref = sorted(tones[self.i_dl - first : self.i_dh - first])
        for o in self.open.values():
            if o is not None:
                o.end = max(o.end, self.i_r)
                o.anchor = sorted(tones[max(o.start, first) - first : o.end - first])
        self._update_watching(t)


def _held_json(held: _Held | None, n: int) -> dict[str, Any] | None:
    if held is None:
        return None
    return {
        "test": held.test,
        "back": [n - held.start, n - held.end, n - held.lo, n - held.hi],
        "ref": [held.ref_start, held.ref_end],
        "statistic": held.statistic,
        "level": held.level,
        "decision": None if held.decision == _OFF else held.decision,
    }


def _held_from(saved: dict[str, Any] | None, sign: int, n: int) -> _Held | None:
    if saved is None:
        return None
    back = saved["back"]
    decision = saved.get("decision")
    return _Held(
        saved["test"], sign, n - back[0], n - back[1], n - back[2], n - back[3],
        float(saved["ref"][0]), float(saved["ref"][1]), float(saved["statistic"]),
        float(saved["level"]), _OFF if decision is None else float(decision),
    )  # fmt: skip


def _open_json(o: _Open | None, n: int) -> dict[str, Any] | None:
    if o is None:
        return None
    return {
        "event_id": o.event.event_id,
        "level": o.level,
        "back": [n - o.start, n - o.end, n - o.fired],
        "settled_since": o.settled_since,
    }


def _without_sketch(s: Sample) -> Sample:
    """``s`` without its sketch (kept for drivers only; the sketch is in the ``CopyIndex``)."""
    if not s.fingerprint:
        return s
    return Sample(s.key, s.watch, s.at, s.tone, s.source, s.title, s.url, s.phrases, ())


def _remove(ordered: list[float], value: float) -> None:
    """Remove one ``value`` from the sorted list ``ordered``."""
    del ordered[bisect.bisect_left(ordered, value)]


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


def evaluate(
    samples: Sequence[Sample], rule: Rule, now: datetime, *, past: Sequence[ShiftEvent] = ()
) -> list[ShiftEvent]:
    """New shift events for one watch at ``now``: those of its newest story (usually none).

    The pure function of a watch's whole history: a fresh ``Detector`` takes the
    samples (in any order; those after ``now`` are ignored) in time order. Before
    the newest story its own decisions give way to ``past``, the events already
    sent; at the newest story it decides, and what it decides that is not in
    ``past`` is returned. Calling again with the returned events added to ``past``
    returns nothing new. A caller that takes stories one by one keeps a
    ``Detector`` instead: the same decisions, without the history each time.
    """
    if now.tzinfo is None:
        raise ValueError("evaluate: `now` must be timezone-aware (UTC)")
    ordered = sorted((s for s in samples if s.at <= now), key=lambda s: (s.at, s.key))
    if not ordered:
        return []
    watch = ordered[0].watch
    known = sorted(
        (e for e in past if e.watch == watch and e.type in (DETECTED, RESOLVED)),
        key=lambda e: (e.at, e.type == RESOLVED, e.event_id),
    )
    known_ids = {e.event_id for e in known}
    newest = ordered[-1].at
    det = Detector(rule, watch)
    out: list[ShiftEvent] = []
    k = 0
    for sample in ordered:
        while k < len(known) and known[k].at < sample.at:
            det.apply(known[k])
            k += 1
        fresh = det.step(sample, emit=sample.at >= newest)
        out += [e for e in fresh if e.event_id not in known_ids]
    return out
