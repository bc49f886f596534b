"""Tests for the shift stage: the detector and its statistics."""

from __future__ import annotations

import itertools
import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.models import Rule, Sample, ShiftEvent
from monitor.shift import (
    DETECTED,
    RESOLVED,
    CopyIndex,
    Detector,
    evaluate,
    fingerprint,
    similarity,
)

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
                    fingerprint=fingerprint(
                        " ".join(f"w{rng.randrange(10**9)}" for _ in range(12))
                    ),
                )
            )
    out.sort(key=lambda s: s.at)
    return out


def replay(samples: Sequence[Sample], rule: Rule | None = None) -> list[ShiftEvent]:
    """Step one Detector through the samples in time order, as `replay` does; all events."""
    det = Detector(rule or Rule(), "w")
    events: list[ShiftEvent] = []
    for sample in sorted(samples, key=lambda s: (s.at, s.key)):
        events += det.step(sample)
    return events


def distinct(samples: Sequence[Sample]) -> list[Sample]:
    """The samples (in time order) that are not copies of one of the 72 hours before."""
    index = CopyIndex()
    return [s for s in samples if not index.is_copy(s.fingerprint, s.at.timestamp())]


def step(before: float, after: float, at_day: int) -> Callable[[float], float]:
    """Tone level ``before`` until ``at_day``, then ``after``."""
    return lambda day: before if day < at_day else after


def detected(events: Sequence[ShiftEvent]) -> list[ShiftEvent]:
    """Only the detected events."""
    return [e for e in events if e.type == DETECTED]


def test_stationary_stream_stays_quiet() -> None:
    """Streams whose tone level never changes raise at most 2 alerts per 1,000 articles."""
    articles = alerts = 0
    for seed in range(6):
        samples = stream(lambda d: 0.1, days=45, seed=seed)
        articles += len(samples)
        alerts += len(detected(replay(samples)))
    assert alerts <= 2 * articles / 1000


def test_sustained_shift_fires_within_days_in_the_right_direction() -> None:
    """A sustained move toward confrontation is detected as confrontation within 3.5 days."""
    for seed in range(3):
        events = detected(replay(stream(step(0.3, -0.1, 30), days=45, seed=seed)))
        assert events, f"seed {seed}: no alert"
        first = events[0]
        assert first.direction == "confrontation"
        assert T0 + timedelta(days=30) <= first.at <= T0 + timedelta(days=33, hours=12)


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


def test_indexed_copy_search_finds_every_copy_a_full_comparison_finds() -> None:
    """Sketches that share just about the minimum of values, many of them common ones,
    get the same verdicts from the indexed search as from comparing every pair."""
    rng = random.Random(12)
    samples = []
    for b in range(12):
        # A wire story's sketch: values low enough to be among the lowest of any union,
        # and frequent (every rewrite carries some), so they sort last in the index.
        base = [rng.getrandbits(40) for _ in range(24)]
        start = T0 + timedelta(hours=rng.randrange(24 * 5))
        versions = [(base, 8, timedelta(0))]
        for _ in range(40):
            keep = rng.choice([15, 16, 16, 17, 20, 5])
            later = timedelta(minutes=rng.randrange(1, 60 * 80))
            versions.append((rng.sample(base, keep), 32 - keep if keep > 5 else 4, later))
        for n, (kept, fill, later) in enumerate(versions):
            values = set(kept) | {2**50 + rng.getrandbits(60) for _ in range(fill)}
            samples.append(Sample(key=f"b{b}v{n}", watch="w", at=start + later, tone=0.0,
                                  source="x", fingerprint=tuple(sorted(values))))  # fmt: skip
    samples.sort(key=lambda s: (s.at, s.key))

    def copy_of_earlier(i: int) -> bool:
        a = samples[i]
        for b in samples[:i]:
            if a.at - b.at > timedelta(hours=72) or not a.fingerprint or not b.fingerprint:
                continue
            shared = len(set(a.fingerprint) & set(b.fingerprint))
            least = 0.5 * min(len(a.fingerprint), len(b.fingerprint))
            if shared >= least and similarity(a.fingerprint, b.fingerprint) >= 0.5:
                return True
        return False

    expected = [s for i, s in enumerate(samples) if not copy_of_earlier(i)]
    assert 12 < len(expected) < len(samples) - 100
    assert distinct(samples) == expected


def test_copy_search_agrees_with_every_pair_at_every_sketch_length() -> None:
    """Sketches of every length from 1 to 32, each a rewrite of a story that keeps a
    random share of its values (so pairs fall on both sides of the threshold, many just
    at it), get the same verdicts from the indexed search as from comparing every pair
    within 72 hours."""
    rng = random.Random(5)
    samples = []
    for b in range(30):
        story = sorted(rng.getrandbits(62) for _ in range(32))
        start = T0 + timedelta(hours=rng.randrange(24 * 10))
        for n in range(12):
            size = rng.randint(1, 32)
            kept = rng.sample(
                story[: size + 4], max(0, min(size, rng.randint(size // 2 - 3, size)))
            )
            values = set(kept) | {rng.getrandbits(62) for _ in range(size - len(kept))}
            at = start + timedelta(minutes=rng.randrange(60 * 100))
            samples.append(Sample(key=f"s{b}n{n}", watch="w", at=at, tone=0.0, source="x",
                                  fingerprint=tuple(sorted(values))))  # fmt: skip
    samples.sort(key=lambda s: (s.at, s.key))

    def copy_of_earlier(i: int) -> bool:
        a = samples[i]
        return any(
            a.at - b.at <= timedelta(hours=72) and similarity(a.fingerprint, b.fingerprint) >= 0.5
            for b in samples[:i]
        )

    expected = [s for i, s in enumerate(samples) if not copy_of_earlier(i)]
    assert 30 < len(expected) < len(samples) - 30
    assert distinct(samples) == expected


def test_fingerprint_is_bounded_sorted_and_separates_stories() -> None:
    """Fingerprints are short sorted sketches; copies of a story match, other stories do not."""
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


def test_shift_that_held_in_a_quiet_gap_fires_with_the_next_story() -> None:
    """A shift whose condition held for persistence_hours in the gap after the last story
    fires with the next story: decisions are taken when stories arrive."""
    calm = stream(lambda d: 0.3, days=30, seed=14)
    start = calm[-1].at
    loud = [
        replace(s, key=f"loud{i}", at=start + timedelta(hours=i + 1), tone=-0.6)
        for i, s in enumerate(calm[:10])
    ]
    # Ten hostile stories within ten hours: the condition holds from the sixth on, for
    # a few hours only, then nothing arrives for two days.
    rule = Rule(persistence_hours=12)
    late = replace(calm[10], key="late", at=loud[-1].at + timedelta(hours=48), tone=0.3)
    assert evaluate([*calm, *loud], rule, loud[-1].at) == []
    fired = evaluate([*calm, *loud, late], rule, late.at)
    assert [(e.type, e.direction) for e in fired] == [(DETECTED, "confrontation")]
    assert fired[0].at == late.at
    onset = datetime.fromisoformat(dict(fired[0].extra)["onset"])
    assert onset <= loud[0].at


def test_cooldown_blocks_a_second_alert_in_the_same_direction() -> None:
    """After an alert, the same direction stays silent for cooldown_hours even if it recurs."""
    level = lambda d: -0.2 if 30 <= d < 34 or 44 <= d < 52 else 0.3  # noqa: E731
    samples = stream(level, days=60, seed=8)
    rule = Rule(cooldown_hours=24 * 30, resolve_hours=12)
    conf = [e for e in detected(replay(samples, rule)) if e.direction == "confrontation"]
    assert len(conf) == 1
    short = [
        e
        for e in detected(replay(samples, replace(rule, cooldown_hours=24)))
        if e.direction == "confrontation"
    ]
    assert len(short) == 2
    assert short[1].at - short[0].at >= timedelta(hours=24)


def test_resolves_after_settling_without_flapping() -> None:
    """A shift that returns to its old level is resolved once, after holding resolve_hours."""
    samples = stream(lambda d: -0.2 if 30 <= d < 40 else 0.3, days=70, seed=9)
    rule = Rule()
    events = [e for e in replay(samples, rule) if e.direction == "confrontation"]
    kinds = [e.type for e in events]
    assert kinds[:2] == [DETECTED, RESOLVED]
    # Strict alternation: never two detections of one direction without a resolution between.
    assert all(a != b for a, b in itertools.pairwise(kinds))
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
    """A detected event carries both windows, delta, effect size and up to 5 drivers."""
    samples = stream(step(0.3, -0.2, 30), days=40, seed=12)
    event = detected(replay(samples))[0]
    assert event.watch == "w" and event.at.tzinfo is not None
    assert event.baseline.count >= Rule().min_baseline
    assert event.recent.count >= Rule().min_articles and event.recent.sources >= 2
    # The recent figures are those of the run since the onset, inside the recent window.
    assert event.baseline.start < event.baseline.end <= event.recent.start < event.recent.end
    assert event.delta == pytest.approx(event.recent.mean - event.baseline.mean, abs=1e-3)
    assert event.delta < 0 and event.effect_size < 0
    assert 1 <= len(event.drivers) <= 5
    tones = [d.tone for d in event.drivers]
    assert tones == sorted(tones) and all(t < event.baseline.mean for t in tones)
    assert all(d.title and d.url and d.source and 0 < len(d.phrases) <= 3 for d in event.drivers)
    assert float(dict(event.extra)["cusum"]) >= Rule().decision


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


def test_real_articles_are_not_taken_for_duplicates(shared_dir: Path) -> None:
    """In People's Daily, only republished articles (same title) fingerprint as near-duplicates."""
    with (shared_dir / "streams" / "peoples-daily.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()][:200]
    prints = [fingerprint(r["text"]) for r in rows]
    close = [
        (rows[i]["title"], rows[j]["title"])
        for i in range(len(rows))
        for j in range(i + 1, len(rows))
        if similarity(prints[i], prints[j]) >= 0.5
    ]
    assert close, "the stream republishes some articles; none was recognised"
    assert all(a == b for a, b in close)
    text = rows[0]["text"]
    assert similarity(prints[0], fingerprint(text + " (Xinhua) Follow us on Twitter.")) >= 0.8
