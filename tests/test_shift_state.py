"""Tests for the shift detector as a state: warm-up, robust scores, re-arming, slow drift,
sparse watches, persistence with the watch, and calibration per watch."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.config import Config, WatchConfig
from monitor.models import Article, Rule, Sample, ShiftEvent, ToneScore
from monitor.pipeline import WatchMemory, check_watch
from monitor.shift import DETECTED, RESOLVED, Detector, calibrate, evaluate
from monitor.shift.stats import normal_score, robust_scale
from monitor.store import Store
from tests.test_shift import T0, detected, replay, step, stream


def _events(det: Detector, samples: list[Sample]) -> list[ShiftEvent]:
    out: list[ShiftEvent] = []
    for s in samples:
        out += det.step(s)
    return out


def test_no_verdict_while_warming_up_and_status_says_so() -> None:
    """A watch whose history is shorter than warmup_hours, or whose baseline holds fewer than
    warmup_stories, gives no verdict even for a glaring move, and says how far it is."""
    rule = Rule(warmup_hours=24 * 21, warmup_stories=60)
    samples = stream(step(0.4, -0.5, 6), days=10, seed=1)
    det = Detector(rule, "w")
    assert _events(det, samples) == []
    status = det.status()
    assert status.state == "warming_up"
    assert status.stories_needed == 60 and status.baseline_stories < 60
    assert status.describe().startswith(f"warming up ({status.baseline_stories} of 60 stories")
    # The same move once the baseline is complete fires.
    later = stream(step(0.4, -0.5, 30), days=36, seed=1)
    assert [e.direction for e in detected(replay(later, rule))][:1] == ["confrontation"]


def test_normal_scores_are_bounded_and_ignore_the_spread() -> None:
    """A story's score is its place in the baseline, so stretching the baseline's spread
    (and the story with it) leaves it unchanged, and it is bounded by the baseline's size."""
    rng = random.Random(3)
    base = sorted(rng.gauss(0.1, 0.2) for _ in range(100))
    wide = sorted(0.1 + 3 * (v - 0.1) for v in base)
    for x in (-0.3, 0.0, 0.25, 0.6):
        assert normal_score(x, base) == normal_score(0.1 + 3 * (x - 0.1), wide)
    assert abs(normal_score(-50.0, base)) < 2.6 and abs(normal_score(50.0, base)) < 2.6
    # One burst of extreme articles (5 % of the baseline) barely moves the robust scale.
    burst = sorted([*base, *([-1.0] * 5)])
    assert robust_scale(burst) < 1.15 * robust_scale(base)


def test_a_burst_in_the_baseline_does_not_mask_a_shift_nor_trigger_one() -> None:
    """Eight maximally engaged articles in one afternoon, once they sit in the baseline,
    neither make the usual tone look confrontational (no alert in the next two weeks) nor
    hide a real move toward confrontation two weeks later."""
    calm = stream(step(0.3, -0.1, 40), days=48, seed=21)
    day = T0 + timedelta(days=22, hours=14)
    burst = [
        replace(calm[0], key=f"burst{i}", at=day + timedelta(minutes=10 * i), tone=1.0,
                source=f"outlet{i}.example", fingerprint=(i, i + 1000))
        for i in range(8)
    ]  # fmt: skip
    events = detected(replay([*calm, *burst]))
    settled = T0 + timedelta(days=27)  # the burst has left the recent window
    assert not [e for e in events if settled <= e.at < T0 + timedelta(days=40)]
    after = [e for e in events if e.at >= T0 + timedelta(days=40)]
    assert [e.direction for e in after][:1] == ["confrontation"]
    assert after[0].at <= T0 + timedelta(days=43)
    assert after[0].at - detected(replay(calm))[0].at < timedelta(days=1)


def test_an_open_false_alarm_cannot_hide_a_real_shift_it_is_superseded() -> None:
    """A brief hostile spell fires and stays open (long resolve time); a real, sustained move
    the same way two weeks later fires again, supersedes the open alert and names it, and the
    superseded one is resolved with reason 'superseded' naming the new one."""
    rng = random.Random(8)
    level = lambda d: -0.35 if 30 <= d < 31.5 else (-0.2 if d >= 45 else 0.3)  # noqa: E731
    samples = stream(level, days=55, seed=8, per_day=8)
    rule = Rule(resolve_hours=24 * 60)
    events = replay(samples, rule)
    conf = [e for e in events if e.direction == "confrontation"]
    first = [e for e in conf if e.type == DETECTED and e.at < T0 + timedelta(days=40)]
    later = [e for e in conf if e.type == DETECTED and e.at >= T0 + timedelta(days=45)]
    assert first and later, [(e.type, e.at) for e in conf]
    assert rng is not None
    new = later[0]
    assert new.at <= T0 + timedelta(days=48)
    assert dict(new.extra)["supersedes"] == first[-1].event_id
    closed = [e for e in conf if e.type == RESOLVED and dict(e.extra)["reason"] == "superseded"]
    assert [dict(e.extra)["superseded_by"] for e in closed] == [new.event_id]
    assert dict(closed[0].extra)["detected_event_id"] == first[-1].event_id


def test_a_real_shift_fires_once_while_its_alert_is_open() -> None:
    """After a sustained step the new level is the open alert's anchor: the stories that keep
    coming at that level (while the moving baseline catches up) never fire it again."""
    samples = stream(step(0.3, -0.2, 30), days=60, seed=12, per_day=8)
    events = [e for e in replay(samples, Rule(resolve_hours=24 * 60)) if e.type == DETECTED]
    assert [e.direction for e in events] == ["confrontation"]


def test_a_slow_three_month_move_is_reported_by_the_drift_test() -> None:
    """A decline of 0.4 spread evenly over 90 days, which the 28-day moving baseline absorbs, is
    reported by the slow test alone against its fixed reference within five weeks of its
    start (ten stories a day), and with both tests no later than with the fast test alone."""

    def ramp(d: float) -> float:
        return 0.3 if d < 60 else 0.3 - 0.4 * min(1.0, (d - 60) / 90)

    def first_alert(samples: list[Sample], rule: Rule) -> float:
        after = [e for e in detected(replay(samples, rule)) if e.at >= T0 + timedelta(days=60)]
        assert all(e.direction == "confrontation" for e in after[:1])
        return (after[0].at - T0).total_seconds() / 86_400 - 60 if after else 90.0

    drift_only, both, fast_only = [], [], []
    for seed in range(3):
        samples = stream(ramp, days=150, seed=100 + seed, per_day=10)
        drift_only.append(first_alert(samples, Rule(decision=0)))
        both.append(first_alert(samples, Rule()))
        fast_only.append(first_alert(samples, Rule(drift_decision=0)))
    assert sum(drift_only) / 3 <= 35, drift_only
    assert sum(both) <= sum(fast_only), (both, fast_only)


def test_a_drift_alert_is_judged_over_on_the_drift_time_scale() -> None:
    """A drift alert (slow test only) stays open while the slow move holds, a four-day
    respite of the old tone right after it included; when the tone goes back for good it
    is resolved as returned within three weeks, not within days."""

    def ramp(d: float, back: float = 999.0, respite: tuple[float, float] = (0, 0)) -> float:
        if respite[0] <= d < respite[1] or d >= back:
            return 0.3
        return 0.3 - 0.3 * min(1.0, max(0.0, d - 60) / 90)

    def days(e: ShiftEvent) -> float:
        return (e.at - T0).total_seconds() / 86_400

    rule = Rule(decision=0)
    for seed in (200, 202):
        alert = detected(replay(stream(ramp, days=200, seed=seed, per_day=6), rule))[0]
        assert dict(alert.extra)["test"] == "drift" and alert.direction == "confrontation"
        a = days(alert)
        spell = (a + 1, a + 5)
        held = stream(lambda d, s=spell: ramp(d, respite=s), days=200, seed=seed, per_day=6)
        closed = [e for e in replay(held, rule) if e.type == RESOLVED]
        assert closed and days(closed[0]) >= a + 20, [(days(e), e.extra) for e in closed]
        back = stream(lambda d, a=a: ramp(d, back=a + 3), days=200, seed=seed, per_day=6)
        closed = [e for e in replay(back, rule) if e.type == RESOLVED]
        assert dict(closed[0].extra)["reason"] == "returned"
        assert a + 7 <= days(closed[0]) <= a + 3 + 21, (a, days(closed[0]))


def test_a_sparse_watch_says_not_enough_data_then_judges_on_longer_windows() -> None:
    """A watch with about one story a week cannot fill a 20-story baseline within 56 days and
    says 'not enough data'; at three a week the windows widen and it judges a clear move."""
    rare = stream(lambda d: 0.3, days=120, seed=4, per_day=1)[::7]
    det = Detector(Rule(), "w")
    assert _events(det, rare) == []
    assert det.status().state == "not_enough_data"
    assert det.status().describe().startswith("not enough data (")
    rng = random.Random(9)
    weekly = [s for s in stream(step(0.4, -0.4, 150), days=240, seed=5, per_day=1)
              if rng.random() < 3 / 7]  # fmt: skip
    one_outlet = [replace(s, source="ministry.example") for s in weekly]
    det = Detector(Rule(), "w")
    events: list[ShiftEvent] = []
    states: list[str] = []
    for s in one_outlet:
        fired = [e for e in det.step(s) if e.type == DETECTED]
        states.append(det.status().state)
        assert not fired or states[-1] == "watching"
        events += fired
    # Three stories a week is near the least rate a verdict needs (20 in 56 days): the
    # widest baseline dips below it now and then, and the watch says so while it does.
    judged = states[states.index("watching") :]
    assert judged.count("watching") >= 0.8 * len(judged)
    assert [e.direction for e in events][:1] == ["confrontation"]
    assert events[0].at <= T0 + timedelta(days=150 + 28)
    assert events[0].baseline.start <= T0 + timedelta(days=150 - 28)  # a widened baseline


def test_evaluate_gives_what_the_stepping_detector_gives() -> None:
    """The pure evaluate over each prefix, with the events so far as past, returns exactly the
    events a Detector stepping through the same stories returns at each story."""
    samples = stream(lambda d: -0.2 if 30 <= d < 40 else 0.3, days=55, seed=10)
    det = Detector(Rule(), "w")
    past: list[ShiftEvent] = []
    for i, sample in enumerate(samples):
        stepped = det.step(sample)
        assert evaluate(samples[: i + 1], Rule(), sample.at, past=past) == stepped, f"story {i}"
        past += stepped
    assert {e.type for e in past} == {DETECTED, RESOLVED}


def test_a_saved_state_restored_from_the_stories_goes_on_as_if_never_stopped() -> None:
    """Saving the scalars at any story and restoring them with the same stories and past events
    gives the same later events as the detector that never stopped."""
    samples = stream(lambda d: -0.2 if 30 <= d < 40 else (0.4 if d >= 55 else 0.3), days=70,
                     seed=30)  # fmt: skip
    whole = Detector(Rule(), "w")
    events = _events(whole, samples)
    assert len([e for e in events if e.type == DETECTED]) >= 2
    for cut in (150, 180, 210, 260, 300):
        det = Detector(Rule(), "w")
        before = _events(det, samples[:cut])
        restored = Detector.restore(Rule(), "w", det.scalars(), samples[:cut], before)
        assert restored is not None
        assert _events(restored, samples[cut:]) == events[len(before) :], f"cut {cut}"


def _article(key: str, at: datetime) -> Article:
    return Article(key=key, feed_url="f", url=None, title=key, text=key, published=at,
                   source=f"s{hash(key) % 3}")  # fmt: skip


def test_the_daemon_state_is_saved_with_the_watch_and_rebuilt_when_the_rule_changes(
    tmp_path: Path,
) -> None:
    """check_watch saves the detector with the watch; a later run restores it (no rebuild) and
    sends the same alerts an uninterrupted detector sends, once; a changed rule rebuilds it
    quietly from history, with no alert sent twice."""
    store = Store(tmp_path / "m.db")
    watch = WatchConfig(name="w", actors=("A", "B"), feeds=("https://x.test/",))
    config = Config(watches=(watch,))
    samples = stream(lambda d: -0.2 if 30 <= d < 40 else 0.3, days=50, seed=31)
    sent: list[str] = []
    memory = WatchMemory(config.rule_of(watch))
    for i, s in enumerate(samples):
        article = _article(s.key, s.at)
        sample = replace(s, watch="w", source=article.source, fingerprint=())
        store.save_article(article, [(sample, ToneScore(s.tone, "neutral", 1.0))], now=s.at)
        if i % 9 == 0:  # some runs are a fresh process (poll), most keep the memory
            memory = WatchMemory(config.rule_of(watch))
        sent += [e.event_id for e in check_watch(watch, config=config, store=store, now=s.at,
                                                  memory=memory)]  # fmt: skip
    uninterrupted = Detector(config.rule_of(watch), "w")
    expected: list[str] = []
    for _, s in store.scored_rows("w")[0]:
        expected += [e.event_id for e in uninterrupted.step(s)]
    assert sent == expected and len(sent) >= 2
    assert memory.rebuilds == 0
    state = store.detector_state("w")
    assert state is not None and state["status"]["state"] == "watching"
    # Another rule: rebuilt quietly, nothing sent again.
    changed = Config(watches=(watch.model_copy(update={"rule": None}),),
                     defaults=config.defaults.model_copy(update={"rule": config.defaults.rule.model_copy(update={"decision": 8.0})}))  # fmt: skip  # noqa: E501
    memory = WatchMemory(changed.rule_of(watch))
    again = check_watch(watch, config=changed, store=store, now=samples[-1].at, memory=memory)
    assert again == [] and memory.rebuilds == 1
    store.close()


def test_calibration_estimates_the_false_alarm_rate_and_fits_levels_to_a_target() -> None:
    """On a steady watch's own stories the block bootstrap estimates a finite false-alarm rate,
    and the fitted levels meet the target on the resampled series (and are stricter when the
    target is stricter)."""
    samples = stream(lambda d: 0.1, days=120, seed=40)
    loose = calibrate(samples, Rule(), target=5.0, budget=6000, seed=1)
    strict = calibrate(samples, Rule(), target=0.5, budget=6000, seed=1)
    for result in (loose, strict):
        assert result.false_alarms is not None and result.judged > 3000
        assert result.fitted_false_alarms is not None
        assert result.fitted_false_alarms <= result.target
        assert result.block >= 5 and result.resamples >= 3
    assert strict.fitted_decision is not None and loose.fitted_decision is not None
    assert strict.fitted_decision >= loose.fitted_decision
    few = calibrate(samples[:50], Rule())
    assert few.false_alarms is None and few.note.startswith("not enough data")
    assert datetime.now(UTC) - few.computed_at < timedelta(minutes=5)


def test_a_flip_after_a_wandering_steady_stretch_is_announced_within_a_day() -> None:
    """When the fast statistic climbed during a steady stretch (its evidence rightly said
    no), a real flip afterwards is judged on the newest stories that alone reach the level,
    not on a run reaching back into the steady stretch: announced within a day, not days."""
    import math

    t0 = datetime(2026, 3, 1, tzinfo=UTC)
    flip_at = 6 * 20  # six stories a day: 20 steady days, then the flip
    detector = Detector(Rule(), "w")
    alerts = []
    for i in range(6 * 28):
        at = t0 + timedelta(hours=4 * i)
        # Steady but wandering: runs of slightly cooler stories push the statistic up.
        tone = 0.84 + 0.08 * math.sin(i / 6.0) if i < flip_at else -0.85 + 0.02 * math.sin(i)
        sample = Sample(key=f"k{i}", watch="w", at=at, tone=round(tone, 3),
                        source=("a", "b")[i % 2], title=f"story {i}", url=None, phrases=(),
                        fingerprint=(i * 7919 + 1,))  # fmt: skip
        alerts += [(i, e) for e in detector.step(sample) if e.type.endswith("detected")]
    assert alerts, "the flip was never announced"
    first_i, first = alerts[0]
    assert first_i >= flip_at and first.direction == "confrontation"
    delay_days = (first_i - flip_at) * 4 / 24
    assert delay_days <= 1.0, f"announced {delay_days:.2f} days after the flip"


def _ministry_turn(rule: Rule, seed: int, after: float) -> tuple[int, ShiftEvent | None]:
    """A one-outlet watch at about 3.5 stories a week whose tone level turns from 0.1 to
    ``after`` on day 200: the alerts before the turn, and the first one after it."""
    rng = random.Random(seed)
    stories = [
        replace(s, source="ministry.example")
        for s in stream(step(0.1, after, 200), days=320, seed=seed, per_day=1)
        if rng.random() < 0.5
    ]
    alerts = [e for e in _events(Detector(rule, "w"), stories) if e.type == DETECTED]
    turn = T0 + timedelta(days=200)
    later = [e for e in alerts if e.at >= turn]
    return sum(1 for e in alerts if e.at < turn), (later[0] if later else None)


def test_a_sparse_watch_keeps_a_turn_out_of_its_baseline_long_enough_to_report_it() -> None:
    """At 3.5 stories a week the recent window widens to hold 12 stories (about 24 days),
    up to 42 days back: a turn of one spread stays out of the baseline while the CUSUM
    gathers it. With the window capped at 14 days the baseline took in the new level first
    and fewer turns were reported."""
    wide = [_ministry_turn(Rule(), seed, -0.2) for seed in range(20)]
    narrow = [_ministry_turn(Rule(max_recent_hours=24 * 14), seed, -0.2) for seed in range(20)]
    caught = sum(1 for _, first in wide if first is not None)
    assert caught >= 14
    assert caught > sum(1 for _, first in narrow if first is not None)
    assert sum(before for before, _ in wide) <= sum(before for before, _ in narrow)


def test_a_sparse_watch_widens_the_slow_test_to_hold_its_stories() -> None:
    """At 3.5 stories a week the slow test's 30 days hold about 15 stories and its 90-day
    reference about 45: a lasting turn the fast test misses entered the reference before
    the slow CUSUM reached its level. Widened to hold 30 and 90 stories (up to 60 and 180
    days), the slow test reports it (16 of these 20 turns against 10), with no more alerts
    before the turn; a busy watch's windows hold their stories and never widen."""
    widened = [_ministry_turn(Rule(), seed, -0.15) for seed in range(20)]
    fixed = [_ministry_turn(Rule(drift_min_stories=0), seed, -0.15) for seed in range(20)]
    caught = sum(1 for _, first in widened if first is not None)
    assert caught >= 15
    assert caught > sum(1 for _, first in fixed if first is not None) + 3
    tests = [dict(first.extra).get("test") for _, first in widened if first is not None]
    assert "drift" in tests
    assert sum(b for b, _ in widened) <= sum(b for b, _ in fixed)
    busy = stream(step(0.1, -0.15, 60), days=90, seed=3)
    busy_events = [e.event_id for e in _events(Detector(Rule(), "w"), busy)]
    assert busy_events
    assert busy_events == [
        e.event_id for e in _events(Detector(Rule(drift_min_stories=0), "w"), busy)
    ]
