"""Detection benchmark: false alarms, delay and direction of the shift detector.

Builds synthetic news streams from labelled sentences of ``../shared/eval/tone/``
(engagement and confrontation sentences only): each article is 3–5 sentences,
each drawn as engagement with probability equal to the stream's current
*engagement share*. Articles are scored by the project's scorer
(``monitor.tone.build_scorer``) and fingerprinted, then a ``Detector`` takes
them one by one, as ``rhetoric-monitor replay`` and the daemon do.

The sentences are split once, by a hash of each sentence's id, into a *tuning*
part (three quarters of plover and keep-it-local) and a *held-out* part (the
other quarter, plus every ungd-dev sentence). Only the tuning part was ever
used to choose the detector's defaults; ``--sentences held-out`` reports the
held-out part on its own.

Stream kinds (five articles a day from four outlets, a Poisson process,
unless said otherwise):

* ``stationary``: 1,000 articles at a fixed share of 0.7, 0.5 or 0.3. Every
  alert is false. Rate per 1,000 articles (all of them, warm-up included).
* ``shift``: share 0.7 for 30 days, 0.3 for 30 days, 0.7 for 30 days. Delay is
  the time from a change to the first alert in its direction within 30 days;
  an alert against the direction of the latest change is wrong-direction
  (rate per 1,000 articles of these streams).
* ``drift``: share 0.7 for 60 days, then down to 0.3 in a straight line over
  90 days, then steady for 30 days. Delay from the start of the decline.
* ``sparse``: one outlet, 0.5 articles a day (3.5 a week), share 0.7 for 240
  days then 0.3 for 120 days. Delay from the change; what the watch says.

Run from the project root (one command; ``--engine evaluate`` calls the pure
``evaluate`` after every article instead, which older code also offers)::

    .venv/bin/python bench/detect_eval.py                         # tuning sentences
    .venv/bin/python bench/detect_eval.py --sentences held-out
    .venv/bin/python bench/detect_eval.py --set decision=7 --set effect_size=1.2

Targets (issue 11): false alarms ≤ 0.5 per 1,000 articles, wrong-direction
≤ 0.25 per 1,000, median delay ≤ 2 days, no shift missed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from monitor.models import Rule, Sample, ShiftEvent
from monitor.shift import DETECTED, evaluate, fingerprint
from monitor.tone import build_scorer

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
T0 = datetime(2024, 1, 1, tzinfo=UTC)
SOURCES = ("wire.example", "daily.example", "herald.example", "post.example")
PER_DAY = 5.0
STATIONARY_ARTICLES = 1000
SEGMENT_DAYS = 30
HIGH, LOW = 0.7, 0.3
DRIFT_START, DRIFT_DAYS = 60.0, 90.0
SPARSE_PER_DAY, SPARSE_CHANGE, SPARSE_DAYS = 0.5, 240.0, 360.0
WINDOW_DAYS = 30.0  # a change counts as caught by an alert within this time


@dataclass(frozen=True, slots=True)
class StreamResult:
    """What one replayed stream produced."""

    kind: str
    share: float
    articles: int
    judged: int
    events: tuple[tuple[float, str, str, str], ...]  # (day, type, direction, test)
    last_status: str
    before_change: int = 0  # articles before a sparse stream's change


def _held_out(row: dict[str, object]) -> bool:
    if row.get("set") == "ungd-dev" or str(row.get("id", "")).startswith("UNGD"):
        return True
    digest = hashlib.blake2b(str(row["id"]).encode(), digest_size=4).digest()
    return digest[0] % 4 == 0


@lru_cache(maxsize=2)
def sentences(part: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Engagement and confrontation sentences of the tuning or held-out part."""
    eng: set[str] = set()
    con: set[str] = set()
    for name in ("plover", "keep-it-local", "ungd-dev"):
        path = SHARED / "eval" / "tone" / f"{name}.jsonl"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            row = json.loads(line)
            if name == "ungd-dev":
                row["set"] = "ungd-dev"
            wanted = _held_out(row) if part == "held-out" else not _held_out(row)
            if not wanted:
                continue
            if row["label"] == "engagement":
                eng.add(row["text"])
            elif row["label"] == "confrontation":
                con.add(row["text"])
    return tuple(sorted(eng)), tuple(sorted(con))


def build_stream(
    share: Callable[[float], float],
    *,
    days: float,
    seed: int,
    part: str,
    per_day: float = PER_DAY,
    sources: Sequence[str] = SOURCES,
) -> list[Sample]:
    """A scored, fingerprinted stream whose engagement share at day d is ``share(d)``."""
    rng = random.Random(seed)
    eng, con = sentences(part)
    scorer = build_scorer()
    out: list[Sample] = []
    day = 0.0
    while True:
        day += rng.expovariate(per_day)
        if day >= days:
            break
        p = share(day)
        text = " ".join(
            rng.choice(eng) if rng.random() < p else rng.choice(con)
            for _ in range(rng.randint(3, 5))
        )
        score = scorer.score(text)
        n = len(out)
        out.append(
            Sample(
                key=f"{seed}-{n}",
                watch="bench",
                at=T0 + timedelta(days=day),
                tone=score.tone,
                source=rng.choice(sources),
                title=f"article {n}",
                phrases=tuple(e.phrase for e in score.evidence[:3]),
                fingerprint=fingerprint(text),
            )
        )
    return out


def run_detector(
    samples: Sequence[Sample], rule: Rule, engine: str
) -> tuple[list[ShiftEvent], int, str]:
    """The events of one stream, the articles judged (after warm-up) and the last status."""
    if engine == "evaluate":
        past: list[ShiftEvent] = []
        for i, sample in enumerate(samples):
            past += evaluate(samples[: i + 1], rule, sample.at, past=past)
        return past, len(samples), "n/a"
    from monitor.shift import Detector

    det = Detector(rule, "bench")
    events: list[ShiftEvent] = []
    judged = 0
    for sample in samples:
        events += det.step(sample)
        judged += det.watching
    return events, judged, det.status().state


def _stream_spec(
    kind: str, seed: int
) -> tuple[Callable[[float], float], float, dict[str, object], float]:
    if kind == "shift":
        return (
            (lambda d: LOW if SEGMENT_DAYS <= d < 2 * SEGMENT_DAYS else HIGH),
            3.0 * SEGMENT_DAYS,
            {},
            HIGH,
        )
    if kind == "drift":

        def ramp(d: float) -> float:
            if d < DRIFT_START:
                return HIGH
            return HIGH + (LOW - HIGH) * min(1.0, (d - DRIFT_START) / DRIFT_DAYS)

        return ramp, DRIFT_START + DRIFT_DAYS + 30, {}, HIGH
    if kind == "sparse":
        extra = {"per_day": SPARSE_PER_DAY, "sources": SOURCES[:1]}
        return (lambda d: HIGH if d < SPARSE_CHANGE else LOW), SPARSE_DAYS, extra, HIGH
    level = (HIGH, 0.5, LOW)[seed % 3]
    return (lambda d: level), STATIONARY_ARTICLES / PER_DAY, {}, level


def run_one(job: tuple[str, int, Rule, str, str]) -> StreamResult:
    """Build and replay one stream (a process-pool task)."""
    kind, seed, rule, part, engine = job
    share, days, extra, level = _stream_spec(kind, seed)
    samples = build_stream(share, days=days, seed=seed, part=part, **extra)  # type: ignore[arg-type]
    found, judged, last = run_detector(samples, rule, engine)
    events = tuple(
        (
            (e.at - T0).total_seconds() / 86_400,
            e.type,
            e.direction,
            dict(e.extra).get("test", "fast"),
        )
        for e in found
    )
    before = sum(1 for x in samples if (x.at - T0).total_seconds() < SPARSE_CHANGE * 86_400)
    return StreamResult(kind, level, len(samples), judged, events, last, before)


def _delays(
    results: Sequence[StreamResult], changes: Sequence[tuple[float, str]]
) -> tuple[list[float], int, list[float], int, int]:
    """Delays of caught changes, misses, wrong-direction days, repeats, alerts before."""
    delays: list[float] = []
    wrong: list[float] = []
    misses = extra = early = 0
    for r in results:
        alerts = [(day, d) for day, t, d, _ in r.events if t == DETECTED]
        early += sum(1 for day, _ in alerts if day < changes[0][0])
        for i, (start, direction) in enumerate(changes):
            end = changes[i + 1][0] if i + 1 < len(changes) else float("inf")
            seg = [(day, d) for day, d in alerts if start <= day < end]
            right = [day for day, d in seg if d == direction and day < start + WINDOW_DAYS]
            wrong += [round(day - start, 1) for day, d in seg if d != direction]
            extra += max(0, len([1 for _, d in seg if d == direction]) - 1)
            if right:
                delays.append(right[0] - start)
            else:
                misses += 1
    return delays, misses, wrong, extra, early


def _median(values: Sequence[float]) -> float:
    return round(statistics.median(values), 2) if values else float("nan")


def summarise(results: Sequence[StreamResult]) -> dict[str, object]:
    """The benchmark's figures from all replayed streams."""
    out: dict[str, object] = {}
    stationary = [r for r in results if r.kind == "stationary"]
    if stationary:
        alarms = sum(1 for r in stationary for _, t, _, _ in r.events if t == DETECTED)
        articles = sum(r.articles for r in stationary)
        out["stationary_streams"] = len(stationary)
        out["stationary_articles"] = articles
        out["stationary_judged"] = sum(r.judged for r in stationary)
        out["false_alarms"] = alarms
        out["false_alarms_per_1000"] = round(1000 * alarms / max(articles, 1), 3)
        out["false_alarms_by_share"] = {
            str(level): sum(
                1
                for r in stationary
                if r.share == level
                for _, t, _, _ in r.events
                if t == DETECTED
            )
            for level in (HIGH, 0.5, LOW)
        }
        out["false_alarms_by_month"] = [
            sum(1 for r in stationary for day, t, _, _ in r.events
                if t == DETECTED and 30 * m <= day < 30 * (m + 1))
            for m in range(7)
        ]  # fmt: skip
        out["false_alarms_by_test"] = {
            test: sum(
                1 for r in stationary for _, t, _, x in r.events if t == DETECTED and x == test
            )
            for test in ("fast", "drift")
        }
    shifts = [r for r in results if r.kind == "shift"]
    if shifts:
        changes = ((SEGMENT_DAYS, "confrontation"), (2 * SEGMENT_DAYS, "engagement"))
        delays, misses, wrong, extra, early = _delays(shifts, changes)
        articles = sum(r.articles for r in shifts)
        out["shift_streams"] = len(shifts)
        out["changes"] = len(shifts) * len(changes)
        out["detected"] = len(delays)
        out["missed"] = misses
        out["median_delay_days"] = _median(delays)
        out["delay_p90_days"] = (
            round(sorted(delays)[int(0.9 * (len(delays) - 1))], 2) if delays else None
        )
        out["wrong_direction_alerts"] = len(wrong)
        out["wrong_direction_per_1000"] = round(1000 * len(wrong) / max(articles, 1), 3)
        out["wrong_direction_days_after_change"] = sorted(wrong)
        out["alerts_before_first_change"] = early
        out["repeat_alerts_same_change"] = extra
    drifts = [r for r in results if r.kind == "drift"]
    if drifts:
        delays, misses, wrong, extra, early = _delays(drifts, ((DRIFT_START, "confrontation"),))
        late = [d for d in delays]
        out["drift_streams"] = len(drifts)
        out["drift_caught_within_30_days"] = len(delays)
        out["drift_median_delay_days"] = _median(late)
        out["drift_caught_within_28_days"] = sum(1 for d in delays if d <= 28)
        out["drift_alerts_by_test"] = {
            test: sum(
                1
                for r in drifts
                for day, t, d, x in r.events
                if t == DETECTED and x == test and day >= DRIFT_START
            )
            for test in ("fast", "drift")
        }
        out["drift_alerts_before_start"] = early
    sparse = [r for r in results if r.kind == "sparse"]
    if sparse:
        delays, misses, wrong, extra, early = _delays(sparse, ((SPARSE_CHANGE, "confrontation"),))
        out["sparse_streams"] = len(sparse)
        out["sparse_caught_within_30_days"] = len(delays)
        out["sparse_median_delay_days"] = _median(delays)
        # Caught at all, in the 120 days after the change: a sustained reversal that a
        # sparse watch never reports is the miss its users notice.
        out["sparse_caught_by_end"] = sum(
            1
            for r in sparse
            if any(
                t == DETECTED and d == "confrontation" and day >= SPARSE_CHANGE
                for day, t, d, _ in r.events
            )
        )
        out["sparse_alerts_before_change"] = early
        out["sparse_alerts_before_change_per_1000"] = round(
            1000 * early / max(sum(r.before_change for r in sparse), 1), 2
        )
        out["sparse_wrong_direction"] = len(wrong)
        out["sparse_last_status"] = sorted({r.last_status for r in sparse})
    return out


def parse_rule(settings: Sequence[str]) -> Rule:
    """The default Rule with ``name=value`` overrides."""
    types = {f.name: f.type for f in fields(Rule)}
    changes: dict[str, float | int] = {}
    for item in settings:
        name, _, value = item.partition("=")
        if name not in types:
            raise SystemExit(f"detect_eval: unknown Rule field {name!r}")
        changes[name] = int(value) if types[name] in (int, "int") else float(value)
    return replace(Rule(), **changes)  # type: ignore[arg-type]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stationary", type=int, default=24, help="stationary streams")
    parser.add_argument("--shifts", type=int, default=24, help="shift streams")
    parser.add_argument("--drifts", type=int, default=12, help="slow-drift streams")
    parser.add_argument("--sparse", type=int, default=12, help="sparse single-outlet streams")
    parser.add_argument("--seed", type=int, default=0, help="first seed")
    parser.add_argument("--sentences", choices=["tuning", "held-out"], default="tuning")
    parser.add_argument("--engine", choices=["detector", "evaluate"], default="detector")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not (SHARED / "eval" / "tone").is_dir():
        print(f"detect_eval: {SHARED / 'eval' / 'tone'} not found", file=sys.stderr)
        return 2
    rule = parse_rule(args.set)
    part, engine = args.sentences, args.engine
    jobs = [("stationary", args.seed + i, rule, part, engine) for i in range(args.stationary)]
    jobs += [("shift", args.seed + 10_000 + i, rule, part, engine) for i in range(args.shifts)]
    jobs += [("drift", args.seed + 20_000 + i, rule, part, engine) for i in range(args.drifts)]
    jobs += [("sparse", args.seed + 30_000 + i, rule, part, engine) for i in range(args.sparse)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(run_one, jobs, chunksize=1))
    figures = summarise(results)
    figures["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps({"rule": str(rule), "sentences": part, "engine": engine, **figures}))
        return 0
    print(f"rule: {rule}")
    print(f"sentences: {part}   engine: {engine}")
    for key, value in figures.items():
        print(f"  {key:36} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
