"""Calibration per watch: the rule's false-alarm rate on the watch's own stories.

``calibrate(samples, rule)`` takes a watch's distinct stories in order and
builds series that look like them but hold no shift of their own: a circular
block bootstrap (Politis & Romano 1992). Blocks of consecutive stories (tone,
outlet and the time since the story before) are drawn at random starting
points, wrapping round the end, and laid end to end, so each series keeps the
watch's story rate, its outlets, its spread and its day-to-day dependence,
while a level change survives only inside a block. The rule runs over every
series as the daemon runs it; each alert counts as a false alarm, per 1,000
stories judged (after warm-up).

It then finds, by bisection on the same series, the lowest ``decision`` at
which the fast test alone and the lowest ``drift_decision`` at which the slow
test alone spend half of the target each (all of it when the slow test is
off). A watch whose history holds real shifts keeps some of them inside
blocks and at the seams between blocks, so the estimate errs on the high side
and the levels on the cautious side.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime, timedelta

from monitor.models import Rule, Sample
from monitor.shift.detector import DETECTED, Detector
from monitor.shift.stats import CopyIndex

#: Default target: false alarms per 1,000 stories.
TARGET = 1.0
#: Stories judged (after warm-up), summed over the resampled series, per estimate.
BUDGET = 30_000
#: Fewest distinct stories worth calibrating on.
MIN_STORIES = 120
#: Bisection steps for each level.
STEPS = 7
_DECISION_RANGE = (2.0, 30.0)
_DRIFT_RANGE = (4.0, 200.0)
_T0 = datetime(2000, 1, 1, tzinfo=UTC)

#: The rule fields calibration sets; the rest of the rule is what it was run for.
LEVELS = ("decision", "drift_decision")


def rule_key(rule: Rule) -> str:
    """A short hash of the rule without its decision levels (what a calibration fits)."""
    rest = {f.name: getattr(rule, f.name) for f in fields(Rule) if f.name not in LEVELS}
    return hashlib.sha256(json.dumps(rest, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Calibration:
    """What ``calibrate`` found for one watch and rule."""

    watch: str
    rule_key: str
    computed_at: datetime
    stories: int  # distinct stories of the watch's series
    block: int  # stories per block
    resamples: int
    judged: int  # stories judged over all resampled series, at the rule's levels
    target: float  # false alarms per 1,000 stories
    decision: float  # the rule's levels ...
    drift_decision: float
    false_alarms: float | None  # ... and their false alarms per 1,000 stories
    fitted_decision: float | None  # the levels that meet the target ...
    fitted_drift_decision: float | None
    fitted_false_alarms: float | None  # ... and their false alarms per 1,000 stories
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["computed_at"] = self.computed_at.isoformat()
        return out

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> Calibration:
        names = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in d.items() if k in names}
        kwargs["computed_at"] = datetime.fromisoformat(str(d["computed_at"]))
        return cls(**kwargs)  # type: ignore[arg-type]

    def describe(self) -> str:
        """One line: the estimate, and the levels for the target."""
        if self.false_alarms is None:
            return f"not calibrated: {self.note}"
        line = (
            f"{self.false_alarms:.2f} false alarms per 1,000 stories at decision "
            f"{self.decision:g}/{self.drift_decision:g} (block bootstrap: {self.stories} stories, "
            f"blocks of {self.block}, {self.resamples} series, {self.judged} stories judged)"
        )
        if self.fitted_decision is not None:
            line += (
                f"; target {self.target:g} per 1,000 → decision {self.fitted_decision:g}, "
                f"drift_decision {self.fitted_drift_decision:g} "
                f"({self.fitted_false_alarms:.2f} per 1,000)"
            )
        if self.note:
            line += f"; {self.note}"
        return line

    def levels(self) -> tuple[float, float] | None:
        """The fitted (decision, drift_decision), if any."""
        if self.fitted_decision is None or self.fitted_drift_decision is None:
            return None
        return self.fitted_decision, self.fitted_drift_decision


def distinct_series(samples: Sequence[Sample]) -> list[Sample]:
    """The samples (in the order given) that are neither repeated keys nor copies."""
    index = CopyIndex()
    seen: set[str] = set()
    out: list[Sample] = []
    last: datetime | None = None
    for s in samples:
        if s.key in seen:
            continue
        seen.add(s.key)
        at = s.at if last is None or s.at >= last else last
        last = at
        if not index.is_copy(s.fingerprint, at.timestamp()):
            out.append(replace(s, at=at, fingerprint=()))
    return out


def _resample(
    series: Sequence[Sample], block: int, length: int, rng: random.Random, n: int
) -> list[Sample]:
    """One circular-block-bootstrap series of ``length`` stories."""
    m = len(series)
    gaps = [0.0] + [(series[i].at - series[i - 1].at).total_seconds() for i in range(1, m)]
    # The wrap-round gap (last story → first) is the median gap.
    ordered = sorted(gaps[1:]) or [3600.0]
    gaps[0] = ordered[len(ordered) // 2]
    out: list[Sample] = []
    t = 0.0
    while len(out) < length:
        start = rng.randrange(m)
        for j in range(block):
            if len(out) >= length:
                break
            s = series[(start + j) % m]
            t += gaps[(start + j) % m] if out else 0.0
            out.append(
                Sample(
                    key=f"r{n}-{len(out)}",
                    watch=s.watch,
                    at=_T0 + timedelta(seconds=t),
                    tone=s.tone,
                    source=s.source,
                )
            )
    return out


def _false_alarms(series: Sequence[Sequence[Sample]], rule: Rule, watch: str) -> tuple[float, int]:
    """False alarms per 1,000 judged stories over the resampled series, and the judged count."""
    alarms = judged = 0
    for one in series:
        det = Detector(rule, watch)
        for s in one:
            events = det.step(s)
            if det.watching:
                judged += 1
            alarms += sum(1 for e in events if e.type == DETECTED)
    return (1000.0 * alarms / judged if judged else math.nan), judged


def _lowest(
    fa: Callable[[float], float], lo: float, hi: float, goal: float, steps: int
) -> tuple[float, float]:
    """The lowest level in [lo, hi] (to the bisection's resolution) whose rate is ≤ goal."""
    rate_hi = fa(hi)
    if not rate_hi <= goal:
        return hi, rate_hi
    best = (hi, rate_hi)
    for _ in range(steps):
        mid = (lo + hi) / 2
        rate = fa(mid)
        if rate <= goal:
            hi, best = mid, (mid, rate)
        else:
            lo = mid
    return round(best[0], 2), best[1]


def calibrate(
    samples: Sequence[Sample],
    rule: Rule,
    *,
    target: float = TARGET,
    fit: bool = True,
    budget: int = BUDGET,
    block: int | None = None,
    seed: int = 0,
    now: datetime | None = None,
) -> Calibration:
    """Estimate the rule's false alarms on the watch's own stories, and fit levels to ``target``.

    ``samples`` are the watch's samples in the order the detector takes them
    (copies are dropped here). With ``fit`` the levels that meet ``target``
    (false alarms per 1,000 stories) are found as well.
    """
    now = now or datetime.now(UTC)
    series = distinct_series(samples)
    watch = series[0].watch if series else (samples[0].watch if samples else "")
    base = dict(
        watch=watch,
        rule_key=rule_key(rule),
        computed_at=now,
        stories=len(series),
        target=target,
        decision=rule.decision,
        drift_decision=rule.drift_decision,
    )
    if len(series) < MIN_STORIES:
        return Calibration(
            **base,  # type: ignore[arg-type]
            block=0, resamples=0, judged=0, false_alarms=None, fitted_decision=None,
            fitted_drift_decision=None, fitted_false_alarms=None,
            note=f"not enough data: {len(series)} distinct stories, {MIN_STORIES} needed",
        )  # fmt: skip
    series = series[-budget:]
    m = len(series)
    span_h = max((series[-1].at - series[0].at).total_seconds() / 3600, 1.0)
    per_window = round(m / span_h * rule.recent_hours)
    if block is None:
        block = max(5, round(m ** (1 / 3)), per_window)
    block = max(1, min(block, m // 4))
    rng = random.Random(seed)
    resamples = max(3, math.ceil(budget / m))
    fake = [_resample(series, block, m, rng, i) for i in range(resamples)]

    def fa(r: Rule) -> tuple[float, int]:
        return _false_alarms(fake, r, watch)

    rate, judged = fa(rule)
    note = ""
    if judged < 1000:
        note = f"only {judged} stories judged: the series is short for the warm-up"
    fitted: tuple[float | None, float | None, float | None] = (None, None, None)
    if fit and judged:
        drift_on = rule.drift_decision > 0
        share = target / 2 if drift_on else target
        decision, _ = _lowest(
            lambda h: fa(replace(rule, decision=h, drift_decision=0))[0],
            *_DECISION_RANGE, share, STEPS,
        )  # fmt: skip
        drift = 0.0
        if drift_on:
            drift, _ = _lowest(
                lambda h: fa(replace(rule, decision=0, drift_decision=h))[0],
                *_DRIFT_RANGE, share, STEPS,
            )  # fmt: skip
        both, _ = fa(replace(rule, decision=decision, drift_decision=drift))
        for _ in range(8):  # the two tests together may spend a little more than the sum
            if both <= target:
                break
            decision, drift = round(decision * 1.05, 2), round(drift * 1.05, 2)
            both, _ = fa(replace(rule, decision=decision, drift_decision=drift))
        fitted = (decision, drift, round(both, 3))
    return Calibration(
        **base,  # type: ignore[arg-type]
        block=block,
        resamples=resamples,
        judged=judged,
        false_alarms=round(rate, 3) if judged else None,
        fitted_decision=fitted[0],
        fitted_drift_decision=fitted[1],
        fitted_false_alarms=fitted[2],
        note=note,
    )
