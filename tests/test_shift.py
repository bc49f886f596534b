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
    ShiftMemo,
    evaluate,
    fingerprint,
    history_hours,
    similarity,
)
from monitor.shift.stats import CLIP, CopyMemo, cusum, distinct_stories, trimmed_mean
from monitor.shift.windows import MAX_INSTANTS, Series, horizon

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
    """Streams whose tone level never changes raise at most 2 alerts per 1,000 articles."""
    articles = alerts = 0
    for seed in range(6):
        samples = stream(lambda d: 0.1, days=45, seed=seed)
        articles += len(samples)
        alerts += len(detected(replay(samples)))
    assert alerts <= 2 * articles / 1000


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


def test_copy_chains_and_memo_give_the_same_stories_as_a_fresh_call() -> None:
    """A copy is a copy of any earlier sample of the span, and a memo kept across calls
    (sliding windows, late arrivals, removals) never changes which stories are kept."""
    rng = random.Random(11)
    wires = [" ".join(f"w{k}x{j}" for j in range(60)) for k in range(12)]
    t0 = T0
    samples = []
    for i in range(900):
        at = t0 + timedelta(minutes=rng.randrange(60 * 24 * 40))
        if rng.random() < 0.4:  # a wire story, slightly edited by the outlet
            words = rng.choice(wires).split()
            words[rng.randrange(len(words))] = f"edit{i}"
            text = " ".join(words)
        elif rng.random() < 0.2:  # a brief: the wire's opening lines (a short sketch)
            text = " ".join(rng.choice(wires).split()[: rng.randrange(3, 30)])
        else:
            text = " ".join(f"u{i}y{j}" for j in range(40))
        samples.append(Sample(key=f"s{i}", watch="w", at=at, tone=0.0, source="x",
                              fingerprint=fingerprint(text)))  # fmt: skip
    samples.sort(key=lambda s: (s.at, s.key))

    # A chain: B copies A, C copies B but not A. C is still a copy (of B).
    a = " ".join(f"c{j}" for j in range(60))
    b = " ".join([f"c{j}" for j in range(15, 60)] + [f"d{j}" for j in range(15)])
    c = " ".join([f"c{j}" for j in range(30, 60)] + [f"d{j}" for j in range(30)])
    assert (
        similarity(fingerprint(b), fingerprint(c))
        >= 0.5
        > similarity(fingerprint(a), fingerprint(c))
    )
    chain = [
        Sample(
            key=k,
            watch="w",
            at=t0 + timedelta(hours=h),
            tone=0.0,
            source="x",
            fingerprint=fingerprint(t),
        )
        for k, h, t in (("A", 0, a), ("B", 1, b), ("C", 2, c))
    ]
    assert [s.key for s in distinct_stories(chain)] == ["A"]

    memo = CopyMemo()
    held: list[Sample] = []
    late = samples[::7]
    timely = [s for s in samples if s not in late]
    for step, sample in enumerate(timely):
        held.append(sample)
        if step % 5 == 0 and late:  # an article published earlier arrives now
            held.append(late.pop())
        if step % 11 == 0 and len(held) > 50:  # one is gone (retention, a re-scored watch)
            held.remove(rng.choice(held))
        if step % 13 == 0 and held:  # one moves in time (a corrected publication date)
            k = rng.randrange(len(held))
            held[k] = replace(held[k], at=held[k].at - timedelta(hours=rng.randrange(1, 80)))
        if step % 3:
            continue
        now = sample.at
        window = sorted((s for s in held if now - timedelta(days=10) <= s.at <= now),
                        key=lambda s: (s.at, s.key))  # fmt: skip
        since = now - timedelta(days=7)
        fresh = distinct_stories(window, since=since)
        assert distinct_stories(window, since=since, memo=memo) == fresh, f"step {step}"
    assert 0 < len(fresh) < len([s for s in window if s.at >= since])


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
    assert distinct_stories(samples) == expected


def test_a_very_busy_watch_is_checked_at_a_bounded_number_of_instants() -> None:
    """Every window change of a quiet span is an instant to check; a span with thousands of
    changes is checked at MAX_INSTANTS of them, evenly spread, both ends included, and a
    shift under way there is still detected."""
    busy = stream(lambda d: 0.3 if d < 12 else -0.5, days=14, seed=9, per_day=600, spread=0.2)
    now = max(s.at for s in busy)
    series = Series(busy, Rule(), now, full=True)
    start = now - timedelta(hours=12)
    points = series.instants(start, now)
    assert len(points) == MAX_INSTANTS and points[0] == start and points[-1] == now
    assert points == sorted(points) and len(set(points)) == len(points)
    gaps = [b - a for a, b in itertools.pairwise(points)]
    assert max(gaps) < 4 * (now - start) / MAX_INSTANTS

    quiet = stream(lambda d: 0.3, days=14, seed=9, per_day=5)
    quiet_now = max(s.at for s in quiet)
    q = Series(quiet, Rule(), quiet_now, full=True)
    every = q.instants(quiet_now - timedelta(hours=12), quiet_now)
    assert len(every) < MAX_INSTANTS
    assert all(t in every for t in q.times if t >= quiet_now - timedelta(hours=12))

    fired = evaluate(busy, Rule(), now)
    assert [e.direction for e in fired] == ["confrontation"]


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
    """A shift that held for persistence_hours between two stories fires with the next one."""
    calm = stream(lambda d: 0.3, days=30, seed=14)
    start = calm[-1].at
    loud = [
        replace(s, key=f"loud{i}", at=start + timedelta(hours=i + 1), tone=-0.6)
        for i, s in enumerate(calm[:10])
    ]
    # A one-day recent window that never widens: the loud stories age out of it
    # a day later, so the shift holds for about a day and lapses before the
    # next story arrives, two days after the last loud one.
    rule = Rule(recent_hours=24, max_recent_hours=24)
    late = replace(calm[10], key="late", at=loud[-1].at + timedelta(hours=48), tone=0.3)
    assert evaluate([*calm, *loud], rule, loud[-1].at) == []
    fired = evaluate([*calm, *loud, late], rule, late.at)
    assert [(e.type, e.direction) for e in fired] == [(DETECTED, "confrontation")]
    assert fired[0].at == late.at
    assert fired[0].recent.end < late.at


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


def test_cusum_clips_one_story_and_finds_the_onset() -> None:
    """One story adds at most CLIP - drift to the CUSUM, and the run starts at the change."""
    wild = cusum([0.0, 0.0, -50.0], mean=0.0, scale=1.0, sign=-1, drift=0.4)
    assert wild.statistic == pytest.approx(CLIP - 0.4)
    stepped = cusum([0.0] * 10 + [1.0] * 10, mean=0.0, scale=1.0, sign=1, drift=0.4)
    assert stepped.start == 10
    assert stepped.statistic == pytest.approx(10 * 0.6)
    assert cusum([1.0] * 10, mean=0.0, scale=1.0, sign=-1, drift=0.4).statistic == 0.0
    assert 0.1 <= trimmed_mean([0.1, 0.2, 0.1, 0.2, 0.15, -1.0]) <= 0.2


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


class _CountingMemo(ShiftMemo):
    """A ``ShiftMemo`` that counts how often it had to start afresh."""

    def __init__(self) -> None:
        super().__init__()
        self.rebuilds = 0

    def _rebuild(
        self, samples: Sequence[Sample], rule: Rule, now: datetime, floor: datetime
    ) -> None:
        self.rebuilds += 1
        super()._rebuild(samples, rule, now, floor)


def test_shift_memo_gives_what_a_fresh_call_gives_with_late_removed_and_copied_samples() -> None:
    """Kept across calls, a ShiftMemo (stories and window figures reused) returns exactly
    the events of a call without one, and the same stories, while articles arrive in
    order, arrive late, are removed, repeat a wire story, come in another order, or the
    clock goes back."""
    rule = Rule(baseline_hours=24 * 7, recent_hours=36, min_baseline=10, persistence_hours=6,
                cooldown_hours=24, resolve_hours=12, max_recent_hours=24 * 4,
                max_baseline_hours=24 * 14)  # fmt: skip
    rng = random.Random(5)
    level = lambda d: 0.5 if d < 14 else (-0.5 if d < 26 else 0.5)  # noqa: E731
    base = stream(level, days=36, seed=17, per_day=9, spread=0.25)
    samples = []
    for i, s in enumerate(base):
        if i > 5 and rng.random() < 0.15:  # a syndicated copy of a recent story
            s = replace(s, fingerprint=base[i - rng.randrange(1, 5)].fingerprint)
        if samples and rng.random() < 0.25:  # published in the same second as the last
            s = replace(s, at=samples[-1].at)
        samples.append(s)
    late = set(rng.sample(range(len(samples)), len(samples) // 12))
    pending: list[Sample] = []
    held: list[Sample] = []
    memo = _CountingMemo()
    past: list[ShiftEvent] = []
    span = timedelta(hours=history_hours(rule))
    steps = 0
    for i, sample in enumerate(samples):
        if i in late:  # published now, arrives a few articles later
            pending.append(sample)
            continue
        held.append(sample)
        if pending and rng.random() < 0.3:
            held.append(pending.pop(0))
        if rng.random() < 0.03:  # one is gone (retention, a re-scored watch)
            held.remove(rng.choice(held))
        now = sample.at + timedelta(microseconds=rng.randrange(0, 10**6, 10**5))
        if rng.random() < 0.03:
            now -= timedelta(hours=rng.randrange(1, 30))  # a clock behind some samples
        # Now and then a caller keeps less history: samples leave whose copies remain.
        cut = span - timedelta(days=3) if rng.random() < 0.1 else span
        held = [s for s in held if s.at >= now - cut]
        given = list(held)
        if rng.random() < 0.03:
            rng.shuffle(given)
        fresh = evaluate(given, rule, now, past=past)
        assert evaluate(given, rule, now, past=past, memo=memo) == fresh, f"step {i}"
        start = horizon(rule, now, full=True)
        if memo.update(given, rule, now, start):
            # The figures at each instant, from the memo's cache, are those computed afresh.
            full = Series(given, rule, now, full=True)
            kept = Series(given, rule, now, full=True, prepared=memo.prepared(start))
            assert kept.stories == full.stories
            for t in full.instants(now - timedelta(hours=24), now):
                assert kept.snapshot(t) == full.snapshot(t), f"step {i} at {t}"
                for sign in (1, -1):
                    assert kept.shift(t, sign) == full.shift(t, sign)
                    assert kept.settled(t, sign, 0.0) == full.settled(t, sign, 0.0)
        past += fresh
        steps += 1
    assert {(e.type, e.direction) for e in past} >= {
        (DETECTED, "confrontation"),
        (RESOLVED, "confrontation"),
    }
    # Most calls reused the last one's work; late, removed and reordered ones did not.
    assert 10 < memo.rebuilds < steps // 2
