"""What ``evaluate`` may carry from one call to the next for one watch, checked exactly.

A replay or a daemon evaluates one watch again and again on nearly the same
samples: the oldest few leave the history and a new article arrives at the
end. ``ShiftMemo`` remembers the last call's samples, in the order given and
sorted, the distinct stories among them (numbered with serial numbers) and
the window figures computed at each instant (``WindowCache``), and brings
them up to date for the difference only.

Every reuse is checked against the exact inputs: the same sample objects (by
identity, not equality: equal samples can still differ in how a time prints)
in the same order, minus some of the oldest, plus new ones after all the
others. Anything else (a late or a removed article, a repeated key, another
rule, a clock that went back) rebuilds the state from the samples, so the
result is always that of a call without a memo.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import islice

from monitor.models import Rule, Sample
from monitor.shift.stats import DUPLICATE_SPAN, CopyMemo, copies_earlier, distinct_stories
from monitor.shift.windows import Prepared, WindowCache

#: How long before the span ``evaluate`` looks back over the cache keeps instants.
KEEP_SLACK = timedelta(days=1)
#: Most of the oldest samples that may leave between two calls for the state to be
#: updated rather than rebuilt (a quick look for where the old samples continue).
MAX_DROPPED = 256


def _order(sample: Sample) -> tuple[datetime, str]:
    """The order ``Series`` sorts samples in."""
    return (sample.at, sample.key)


class ShiftMemo:
    """One watch's distinct stories and window figures, kept across ``evaluate`` calls.

    Pass the same memo to every ``evaluate`` call for one watch (a daemon or a
    replay keeps one per watch); the result is the same as without it.
    """

    def __init__(self) -> None:
        self.copies = CopyMemo()
        self.cache = WindowCache()
        self._rule: Rule | None = None
        self._valid = False
        self._now: datetime | None = None
        self._floor: datetime | None = None
        self._inputs: list[Sample] = []
        self._ordered: list[Sample] = []  # the inputs sorted by ``_order``
        self._times: list[datetime] = []  # their times
        self._keys: set[str] = set()
        self._stories: list[Sample] = []  # distinct stories from ``_floor`` on
        self._story_times: list[datetime] = []
        self._story_tones: list[float] = []
        self._serial = 0  # serial number of ``_stories[0]``

    def update(self, samples: Sequence[Sample], rule: Rule, now: datetime, floor: datetime) -> bool:
        """Bring the stories from ``floor`` on up to date; False when none can be shared.

        False means the samples hold a repeated key or a sample after ``now``:
        ``Series`` then reads them itself, as it does without a memo.
        """
        if not self._advance(samples, rule, now, floor):
            self._rebuild(samples, rule, now, floor)
        # ``evaluate`` looks at instants of the last persistence or resolve span (and of a
        # quiet watch's gap before its newest story): older figures are seldom asked for
        # again, and one asked for is computed afresh.
        look_back = timedelta(hours=max(rule.persistence_hours, rule.resolve_hours))
        self.cache.prune(now - look_back - KEEP_SLACK)
        return self._valid

    def prepared(self, start: datetime) -> Prepared:
        """The stories from ``start`` (not before the floor of the last ``update``) on."""
        first = bisect.bisect_left(self._story_times, start)
        return Prepared(
            self._stories[first:],
            self._story_times[first:],
            self._story_tones[first:],
            self._serial + first,
            self.cache,
        )

    def _advance(
        self, samples: Sequence[Sample], rule: Rule, now: datetime, floor: datetime
    ) -> bool:
        """Update the state for what changed since the last call, if it is only that
        some of the oldest samples left and new ones came after all the others."""
        if not self._valid or rule != self._rule or not samples:
            return False
        if self._now is None or now < self._now or self._floor is None or floor < self._floor:
            return False
        old = self._inputs
        head = samples[0]
        dropped = next((i for i in range(min(len(old), MAX_DROPPED + 1)) if old[i] is head), None)
        if dropped is None or dropped > MAX_DROPPED:
            return False
        stay = len(old) - dropped
        if len(samples) < stay or not all(
            map(operator.is_, islice(samples, stay), islice(old, dropped, None))
        ):
            return False
        gone = old[:dropped]
        # The samples that left must be the oldest, and too old to have made any sample
        # from the floor on a copy (a verdict looks back DUPLICATE_SPAN only).
        if {id(s) for s in gone} != {id(s) for s in self._ordered[:dropped]}:
            return False
        if any(s.at + DUPLICATE_SPAN >= floor for s in gone):
            return False
        added = list(islice(samples, stay, None))
        last = _order(self._ordered[-1]) if stay else None
        fresh: set[str] = set()
        for s in added:
            # New samples must sort after every other one (then no older verdict
            # depends on them), with keys not seen before, and not after ``now``.
            if (last is not None and _order(s) <= last) or s.at > now:
                return False
            # (A key that leaves as it comes back is rare enough to leave to a rebuild.)
            if s.key in fresh or s.key in self._keys:
                return False
            last = _order(s)
            fresh.add(s.key)

        del self._ordered[:dropped], self._times[:dropped]
        self._keys.difference_update(s.key for s in gone)
        cut = bisect.bisect_left(self._story_times, floor)
        del self._stories[:cut], self._story_times[:cut], self._story_tones[:cut]
        self._serial += cut
        for s in added:
            self._ordered.append(s)
            self._times.append(s.at)
            self._keys.add(s.key)
            if s.at >= floor:
                start = bisect.bisect_left(self._times, s.at - DUPLICATE_SPAN)
                if not copies_earlier(s, self._ordered[start:-1]):
                    self._stories.append(s)
                    self._story_times.append(s.at)
                    self._story_tones.append(s.tone)
        self._inputs = list(samples)
        self._now, self._floor = now, floor
        return True

    def _rebuild(
        self, samples: Sequence[Sample], rule: Rule, now: datetime, floor: datetime
    ) -> None:
        """Build the state from the samples alone; stories get serial numbers never used."""
        # Serial numbers go on from the last ones, so no cached key can match a new story.
        self._serial += len(self._stories)
        self._stories, self._story_times, self._story_tones = [], [], []
        self.cache.clear()
        self._rule, self._now, self._floor = rule, now, floor
        self._inputs = list(samples)
        self._ordered = sorted(samples, key=_order)
        self._times = [s.at for s in self._ordered]
        self._keys = {s.key for s in self._ordered}
        # With a repeated key, which sample counts depends on where the window
        # starts; with a sample after ``now``, on the clock: leave both to ``Series``.
        self._valid = len(self._keys) == len(self._ordered) and (
            not self._ordered or self._ordered[-1].at <= now
        )
        if not self._valid:
            return
        first = bisect.bisect_left(self._times, floor - DUPLICATE_SPAN)
        self._stories = distinct_stories(self._ordered[first:], since=floor, memo=self.copies)
        self._story_times = [s.at for s in self._stories]
        self._story_tones = [s.tone for s in self._stories]
