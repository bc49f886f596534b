"""The reference check: the running state of the detector, recomputed from scratch.

On the shared real streams, after every story, the windows the ``Detector``
keeps up to date (sorted tones of the baseline, the recent window and the slow
test's reference) and its CUSUMs are compared with the same quantities computed
from scratch by their definitions, from the list of every story taken so far.
"""

from __future__ import annotations

import json
import statistics
from bisect import bisect_left, bisect_right
from pathlib import Path

import pytest

from monitor.models import Rule, Sample
from monitor.parse import strip_boilerplate
from monitor.shift import Detector, fingerprint
from monitor.tone import build_scorer

_INV = statistics.NormalDist().inv_cdf


def _load(path: Path) -> list[Sample]:
    scorer = build_scorer(actors=("United States", "China"))
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            title = str(row.get("title") or "")
            text = strip_boilerplate(str(row.get("text") or ""))
            from monitor.store import parse_iso

            out.append(
                Sample(
                    key=str(row["id"]),
                    watch="w",
                    at=parse_iso(str(row["published"])),
                    tone=scorer.score(text, title=title).tone,
                    source=str(row.get("source") or ""),
                    title=title,
                    fingerprint=fingerprint(f"{title}\n{text}"),
                )
            )
    return out


def _score(x: float, pool: list[float]) -> float:
    """Normal score of x's mid-rank in pool, counted one by one."""
    below = sum(1 for v in pool if v < x)
    ties = sum(1 for v in pool if v == x)
    return _INV((below + ties / 2 + 0.5) / (len(pool) + 1)) if pool else 0.0


def _windows(times: list[float], tones: list[float], t: float, rule: Rule, reset: float
             ) -> tuple[list[float], list[float], list[float], int]:  # fmt: skip
    """Baseline, recent and drift-reference tones at t, by the definitions in docs/detector.md."""
    n = len(times)
    recent_s, max_recent_s = rule.recent_hours * 3600, rule.max_recent_hours * 3600
    base_s, max_base_s = rule.baseline_hours * 3600, rule.max_baseline_hours * 3600
    # Recent: the last recent_hours, widened back to hold 2 × min_articles stories (at most
    # max_recent_hours back).
    in_recent = bisect_right(times, t - recent_s)
    widest = bisect_right(times, t - max_recent_s)
    i_r = min(in_recent, max(n - 2 * rule.min_articles, widest))
    start = t - recent_s if i_r >= n else min(t - recent_s, times[i_r])
    # Baseline: the baseline_hours before it, widened back to hold min_baseline stories.
    i_b = min(
        bisect_left(times, start - base_s),
        max(i_r - rule.min_baseline, bisect_left(times, start - max_base_s)),
    )
    # The slow test: its recent window is the last drift_recent_hours, widened back to hold
    # drift_min_stories (at most twice its hours); its reference the drift_reference_hours
    # before that, widened back to hold three times as many (at most twice its hours).
    room, dr_s = rule.drift_min_stories, rule.drift_recent_hours * 3600
    dref_s = rule.drift_reference_hours * 3600
    d0 = t - dr_s
    if room:
        d0 = max(t - 2 * dr_s, min(d0, times[n - room])) if n >= room else t - 2 * dr_s
    hi = bisect_left(times, d0)
    start_ref = d0 - dref_s
    if room:
        k = hi - 3 * room
        start_ref = max(d0 - 2 * dref_s, min(start_ref, times[k])) if k >= 0 else d0 - 2 * dref_s
    lo = bisect_left(times, max(start_ref, reset))
    return (
        sorted(tones[max(i_b, 0) : i_r]),
        sorted(tones[i_r:]),
        sorted(tones[min(lo, hi) : hi]),
        i_r,
    )


@pytest.mark.parametrize("name", ["peoples-daily.jsonl", "us-china-2021.jsonl"])
def test_running_state_equals_a_recomputation_from_scratch(shared_dir: Path, name: str) -> None:
    """At every story of a shared stream the detector's windows and CUSUMs equal those
    recomputed from every story taken so far, and its events equal a fresh detector's."""
    path = shared_dir / "streams" / name
    if not path.exists():
        pytest.skip(f"{path} not found")
    samples = sorted(_load(path), key=lambda s: (s.at, s.key))
    # Lower levels than the defaults, so that alerts (and the anchors and restarts they
    # bring) happen on these short streams too.
    rule = Rule(effect_size=1.0, decision=5.0, drift_decision=20.0)
    det = Detector(rule, "w")
    times: list[float] = []
    tones: list[float] = []
    cusum = {1: 0.0, -1: 0.0}
    events = []
    judged = alerts = 0
    for sample in samples:
        before = det.n
        opened = {s: det.open[s] for s in (1, -1)}
        # An open alert's anchor: its stories from ``start`` to ``end`` (then to the recent
        # window's start, as stories leave it).
        spans = {s: (o.start, o.end) if o else None for s, o in opened.items()}
        reset = det.reset_time
        fresh_events = det.step(sample)
        events += fresh_events
        if det.n == before:  # a copy or a repeated key
            continue
        t = det.last_at.timestamp() if det.last_at else 0.0
        x = det._tones[-1]
        alerts += sum(1 for e in fresh_events if e.type.endswith("detected"))
        times.append(t)
        tones.append(x)
        base, recent, ref, i_r = _windows(times, tones, t, rule, reset)
        anchors = {
            s: sorted(tones[span[0] : max(span[1], i_r)]) if span else None
            for s, span in spans.items()
        }
        assert det._base == base and det._recent == recent
        assert det._ref == ref
        z = _score(x, base)
        for sign in (1, -1):
            anchored = sign * _score(x, anchors[sign]) if anchors[sign] else None
            if det.watching:
                inc = sign * z if anchored is None else min(sign * z, anchored)
                cusum[sign] = max(0.0, cusum[sign] + inc - rule.effect_size / 2)
            else:
                cusum[sign] = 0.0
            fired = {e.direction for e in fresh_events if e.type.endswith("detected")}
            if ("engagement" if sign == 1 else "confrontation") in fired:
                cusum[sign] = 0.0  # an alert restarts its direction's CUSUMs
            assert det.fast[sign] == pytest.approx(cusum[sign], abs=1e-9)
        judged += det.watching
    assert judged > 50 and alerts >= 1
    fresh = Detector(rule, "w")
    again = [e for s in samples for e in fresh.step(s)]
    assert again == events
