"""Tests for the shift detector (monitor.shift) and its statistics (monitor.shift_stats)."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.models import Rule, Sample, ShiftEvent
from monitor.shift import DETECTED, RESOLVED, evaluate, fingerprint, similarity
from monitor.shift_stats import t_sf, trimmed_mean

T0 = datetime(2024, 1, 1, tzinfo=UTC)
SOURCES = ("wire.example", "daily.example", "herald.example", "post.example")


def stream(
    level: Callable[[float], float],
    *,
    days: int,
    seed: int,
    per_day: int = 5,
    spread: float = 0.3,
    sources: Sequence[str] = SOURCES,
) -> list[Sample]:
    """A synthetic watch: ``per_day`` distinct articles a day, tone ~ N(level(day), spread)."""
    rng = random.Random(seed)
    out = []
    for day in range(days):
        for _ in range(per_day):
            at = T0 + timedelta(days=day, seconds=rng.randrange(86_400))
            tone = max(-1.0, min(1.0, rng.gauss(level(day), spread)))
            n = len(out)
            out.append(
                Sample(
                    key=f"a{n}",
                    watch="w",
                    at=at,
                    tone=tone,
                    source=rng.choice(sources),
                    title=f"story {n}",
                    url=f"https://news.example/{n}",
                    phrases=(f"phrase {n}a", f"phrase {n}b", f"phrase {n}c", f"phrase {n}d"),
                    fingerprint=fingerprint(f"story number {n} " + " ".join(map(str, range(n, n + 9)))),
                )
            )
    out.sort(key=lambda s: s.at)
    return out


def replay(samples: Sequence[Sample], rule: Rule | None = None) -> list[ShiftEvent]:
    """Call evaluate after each sample with now = its time, as `replay` does; all events."""
    rule = rule or Rule()
    ordered = sorted(samples, key=lambda s: s.at)
    past: list[ShiftEvent] = []
    for i, sample in enumerate(ordered):
        past += evaluate(ordered[: i + 1], rule, sample.at, past=past)
    return past


def step(before: float, after: float, at_day: int) -> Callable[[float], float]:
    """Tone level ``before`` until ``at_day``, then ``after``."""
    return lambda day: before if day < at_day else after


def detected(events: Sequence[ShiftEvent]) -> list[ShiftEvent]:
    """Only the detected events."""
    return [e for e in events if e.type == DETECTED]


def test_stationary_stream_stays_quiet() -> None:
    """A stream whose tone level never changes raises no alert over months."""
    for seed in range(3):
        events = replay(stream(lambda d: 0.1, days=90, seed=seed))
        assert events == []


def test_sustained_shift_fires_within_days_in_the_right_direction() -> None:
    """A sustained move toward confrontation is detected as confrontation within 3 days."""
    for seed in range(3):
        events = detected(replay(stream(step(0.3, -0.1, 30), days=45, seed=seed)))
        assert events, f"seed {seed}: no alert"
        first = events[0]
        assert first.direction == "confrontation"
        assert T0 + timedelta(days=30) <= first.at <= T0 + timedelta(days=33)


def test_shift_toward_engagement_is_engagement() -> None:
    """A sustained move toward engagement is reported as engagement, never confrontation."""
    events = detected(replay(stream(step(-0.2, 0.2, 30), days=45, seed=7)))
    assert [e.direction for e in events][:1] == ["engagement"]
    assert all(e.direction == "engagement" for e in events)


def test_single_extreme_article_never_fires() -> None:
    """One maximally confrontational article in a calm stream never fires on its own."""
    base = stream(lambda d: 0.2, days=30, seed=3, spread=0.05)
    wild = replace(base[-1], key="wild", tone=-1.0, at=base[-1].at + timedelta(hours=1))
    samples = [*base, wild]
    later = [wild.at + timedelta(hours=h) for h in (0, 6, 12, 24)]
    for now in later:
        assert evaluate(samples, Rule(persistence_hours=0), now) == []


def test_near_duplicates_count_once() -> None:
    """Syndicated copies of one wire story count as one article, so they cannot fire alone."""
    base = stream(lambda d: 0.2, days=20, seed=4, spread=0.1)
    text = "Officials threatened sweeping sanctions and new tariffs in a tense exchange on trade"
    end = base[-1].at
    copies = [
        Sample(
            key=f"copy{i}",
            watch="w",
            at=end + timedelta(minutes=10 * (i + 1)),
            tone=-0.8,
            source=SOURCES[i % len(SOURCES)],
            title="Tense exchange",
            fingerprint=fingerprint(text + (" (Reuters)" if i % 2 else "")),
        )
        for i in range(10)
    ]
    assert similarity(copies[0].fingerprint, copies[1].fingerprint) >= 0.5
    rule = Rule(persistence_hours=0, recent_hours=6, min_articles=4)
    now = copies[-1].at
    assert evaluate([*base, *copies], rule, now) == []
    distinct = [
        replace(c, fingerprint=fingerprint(f"distinct story {i} about sanctions {i * 7}"))
        for i, c in enumerate(copies)
    ]
    fired = evaluate([*base, *distinct], rule, now)
    assert [e.direction for e in fired] == ["confrontation"]


def test_fingerprint_is_bounded_sorted_and_separates_stories() -> None:
    """Fingerprints are short sorted sketches; one story's copies match and different stories do not."""
    a = " ".join(f"word{i}" for i in range(400))
    fp = fingerprint(a)
    assert len(fp) <= 32 and list(fp) == sorted(fp) and all(0 <= h < 2**63 for h in fp)
    assert fingerprint(a) == fp
    assert similarity(fp, fingerprint(a + " Subscribe to our channel.")) >= 0.8
    other = " ".join(f"term{i}" for i in range(400))
    assert similarity(fp, fingerprint(other)) < 0.1
    assert fingerprint("") == ()


def test_recent_window_needs_min_sources() -> None:
    """A shift carried by one outlet alone does not fire when the watch follows several."""
    calm = stream(lambda d: 0.3, days=20, seed=5)
    start = calm[-1].at
    loud = [
        replace(s, key=f"x{i}", at=start + timedelta(hours=4 * (i + 1)), tone=-0.5)
        for i, s in enumerate(calm[:12])
    ]
    one_outlet = [replace(s, source="solo.example") for s in loud]
    rule = Rule(persistence_hours=0)
    now = loud[-1].at + timedelta(minutes=1)
    assert evaluate([*calm, *one_outlet], rule, now) == []
    many = [replace(s, source=SOURCES[i % 3]) for i, s in enumerate(loud)]
    assert [e.direction for e in evaluate([*calm, *many], rule, now)] == ["confrontation"]


def test_persistence_delays_the_alert() -> None:
    """The condition must hold for persistence_hours, so a longer persistence fires later."""
    samples = stream(step(0.3, -0.2, 30), days=40, seed=6)
    quick = detected(replay(samples, Rule(persistence_hours=0)))
    slow = detected(replay(samples, Rule(persistence_hours=36)))
    assert quick and slow
    assert slow[0].at - quick[0].at >= timedelta(hours=30)
    onset = datetime.fromisoformat(dict(slow[0].extra)["onset"])
    assert slow[0].at - onset >= timedelta(hours=36)


def test_cooldown_blocks_a_second_alert_in_the_same_direction() -> None:
    """After an alert, the same direction stays silent for cooldown_hours even if it recurs."""
    level = lambda d: -0.2 if 30 <= d < 34 or 37 <= d < 45 else 0.3  # noqa: E731
    samples = stream(level, days=50, seed=8)
    rule = Rule(cooldown_hours=24 * 20, resolve_hours=12)
    conf = [e for e in detected(replay(samples, rule)) if e.direction == "confrontation"]
    assert len(conf) == 1
    short = [
        e
        for e in detected(replay(samples, replace(rule, cooldown_hours=24)))
        if e.direction == "confrontation"
    ]
    assert len(short) >= len(conf)


def test_resolves_after_settling_without_flapping() -> None:
    """A shift that returns to its old level is resolved once, after holding resolve_hours."""
    samples = stream(lambda d: -0.2 if 30 <= d < 40 else 0.3, days=70, seed=9)
    rule = Rule()
    events = [e for e in replay(samples, rule) if e.direction == "confrontation"]
    kinds = [e.type for e in events]
    assert kinds[:2] == [DETECTED, RESOLVED]
    # Strict alternation: never two detections of one direction without a resolution between.
    assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False))
    assert len(events) <= 2
    det, res = events[0], events[1]
    assert res.at - det.at >= timedelta(hours=rule.resolve_hours)
    assert dict(res.extra)["detected_event_id"] == det.event_id


def test_idempotent_given_past() -> None:
    """Calling again with the events just returned in `past` returns nothing new."""
    samples = stream(lambda d: -0.2 if 30 <= d < 40 else 0.3, days=60, seed=10)
    past: list[ShiftEvent] = []
    fired = 0
    for i, sample in enumerate(samples):
        new = evaluate(samples[: i + 1], Rule(), sample.at, past=past)
        past += new
        fired += len(new)
        if new:
            assert evaluate(samples[: i + 1], Rule(), sample.at, past=past) == []
    assert fired >= 2


def test_event_ids_are_deterministic_and_order_free() -> None:
    """The same shift yields the same event id whatever the sample order, and ids are unique."""
    samples = stream(step(0.3, -0.2, 30), days=40, seed=11)
    events = detected(replay(samples))
    assert events
    first = events[0]
    upto = [s for s in samples if s.at <= first.at]
    shuffled = upto[:]
    random.Random(0).shuffle(shuffled)
    again = evaluate(shuffled, Rule(), first.at, past=[])
    assert [e.event_id for e in again] == [first.event_id]
    everything = replay(samples)
    assert len({e.event_id for e in everything}) == len(everything)


def test_detected_event_explains_itself() -> None:
    """A detected event carries both windows, delta, effect size and up to 5 drivers with phrases."""
    samples = stream(step(0.3, -0.2, 30), days=40, seed=12)
    event = detected(replay(samples))[0]
    assert event.watch == "w" and event.at.tzinfo is not None
    assert event.baseline.count >= Rule().min_baseline
    assert event.recent.count >= Rule().min_articles and event.recent.sources >= 2
    assert event.baseline.start < event.baseline.end == event.recent.start < event.recent.end
    assert event.delta == pytest.approx(event.recent.mean - event.baseline.mean, abs=1e-3)
    assert event.delta < 0 and event.effect_size < 0
    assert 1 <= len(event.drivers) <= 5
    tones = [d.tone for d in event.drivers]
    assert tones == sorted(tones) and all(t < event.baseline.mean for t in tones)
    assert all(d.title and d.url and d.source and 0 < len(d.phrases) <= 3 for d in event.drivers)
    assert float(dict(event.extra)["p_value"]) < Rule().alpha


def test_few_thousand_samples_evaluate_fast() -> None:
    """One evaluation over 3,000 samples of a watch takes well under a second."""
    samples = stream(step(0.3, -0.2, 590), days=600, seed=13)
    assert len(samples) == 3000
    shuffled = samples[:]
    random.Random(1).shuffle(shuffled)
    now = samples[-1].at
    started = time.perf_counter()
    evaluate(shuffled, Rule(), now)
    assert time.perf_counter() - started < 0.5


def test_naive_now_is_refused() -> None:
    """A naive `now` is a programming error and is refused."""
    with pytest.raises(ValueError, match="timezone-aware"):
        evaluate(stream(lambda d: 0.0, days=1, seed=0), Rule(), datetime(2024, 1, 2))


def test_robust_statistics_match_reference_values() -> None:
    """The t tail matches textbook quantiles and the trimmed mean ignores one outlier."""
    assert t_sf(2.228, 10) == pytest.approx(0.025, abs=2e-4)
    assert t_sf(-2.228, 10) == pytest.approx(0.975, abs=2e-4)
    assert t_sf(1.96, 1e6) == pytest.approx(0.025, abs=2e-4)
    assert trimmed_mean([0.1, 0.2, 0.1, 0.2, 0.15, -1.0]) == pytest.approx(0.15)


def test_real_articles_are_not_taken_for_duplicates(shared_dir: Path) -> None:
    """Distinct People's Daily articles fingerprint apart; a copy with a tagline matches."""
    lines = (shared_dir / "streams" / "peoples-daily.jsonl").read_text().splitlines()[:60]
    texts = [json.loads(line)["text"] for line in lines]
    prints = [fingerprint(t) for t in texts]
    close = sum(
        1
        for i in range(len(prints))
        for j in range(i + 1, len(prints))
        if similarity(prints[i], prints[j]) >= 0.5
    )
    assert close <= 1
    assert similarity(prints[0], fingerprint(texts[0] + " (Xinhua) Follow us.")) >= 0.8
