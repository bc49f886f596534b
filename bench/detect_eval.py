"""Detection benchmark: false alerts, delay and direction of the shift detector.

Builds synthetic news streams from the labelled sentences in
``../shared/eval/tone/`` (engagement and confrontation sentences only): each
article is 3–5 sentences, each sentence drawn as engagement with probability
equal to the stream's current *engagement share*, from one of four outlets,
about five articles a day (a Poisson process). Articles are scored by the
project's scorer (``monitor.tone.build_scorer``) and fingerprinted, then
replayed through ``monitor.shift.detector.evaluate`` after every article with the clock
at its publication time, as ``rhetoric-monitor replay`` does.

* stationary streams (share fixed at 0.7, 0.5 or 0.3) measure false alerts per
  1,000 articles (articles of the first baseline period, when no alert is
  possible, are not counted);
* shift streams (share 0.7 for 30 days, 0.3 for 30 days, 0.7 for 30 days)
  measure the delay from each change to the first alert in the right
  direction, misses, wrong-direction alerts and alerts before the first change.

Run from the project root::

    /work/venv/bin/python bench/detect_eval.py            # default Rule, 60 + 60 streams
    /work/venv/bin/python bench/detect_eval.py --set decision=6 --set effect_size=0.8

Targets (issue 4): ≤ 1 false alert per 1,000 articles, median delay ≤ 3 days,
0 wrong-direction alerts.
"""

from __future__ import annotations

import argparse
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


@dataclass(frozen=True, slots=True)
class StreamResult:
    """What one replayed stream produced."""

    kind: str
    share: float
    articles: int
    counted_articles: int
    events: tuple[tuple[float, str, str], ...]  # (day, type, direction)


@lru_cache(maxsize=1)
def sentences(corpus: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Engagement and confrontation sentences of the chosen corpus."""
    names = ["plover", "keep-it-local"] if corpus == "both" else [corpus]
    eng: set[str] = set()
    con: set[str] = set()
    for name in names:
        path = SHARED / "eval" / "tone" / f"{name}.jsonl"
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            row = json.loads(line)
            if row["label"] == "engagement":
                eng.add(row["text"])
            elif row["label"] == "confrontation":
                con.add(row["text"])
    return tuple(sorted(eng)), tuple(sorted(con))


def build_stream(
    share: Callable[[float], float], *, days: float, seed: int, corpus: str
) -> list[Sample]:
    """A scored, fingerprinted stream whose engagement share at day d is ``share(d)``."""
    rng = random.Random(seed)
    eng, con = sentences(corpus)
    scorer = build_scorer()
    out: list[Sample] = []
    day = 0.0
    while True:
        day += rng.expovariate(PER_DAY)
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
                source=rng.choice(SOURCES),
                title=f"article {n}",
                phrases=tuple(e.phrase for e in score.evidence[:3]),
                fingerprint=fingerprint(text),
            )
        )
    return out


def replay(samples: Sequence[Sample], rule: Rule) -> list[ShiftEvent]:
    """Evaluate after every article with now = its time; every event emitted."""
    past: list[ShiftEvent] = []
    for i, sample in enumerate(samples):
        past += evaluate(samples[: i + 1], rule, sample.at, past=past)
    return past


def run_one(job: tuple[str, int, Rule, str]) -> StreamResult:
    """Build and replay one stream (a process-pool task)."""
    kind, seed, rule, corpus = job
    if kind == "shift":
        days = 3.0 * SEGMENT_DAYS
        level = HIGH

        def share(d: float) -> float:
            return LOW if SEGMENT_DAYS <= d < 2 * SEGMENT_DAYS else HIGH
    else:
        level = (HIGH, 0.5, LOW)[seed % 3]
        days = STATIONARY_ARTICLES / PER_DAY

        def share(d: float) -> float:
            return level

    samples = build_stream(share, days=days, seed=seed, corpus=corpus)
    warm = T0 + timedelta(hours=rule.baseline_hours + rule.recent_hours)
    events = tuple(
        ((e.at - T0).total_seconds() / 86_400, e.type, e.direction) for e in replay(samples, rule)
    )
    counted = sum(1 for s in samples if s.at >= warm)
    return StreamResult(kind, level, len(samples), counted, events)


def summarise(results: Sequence[StreamResult]) -> dict[str, object]:
    """The benchmark's figures from all replayed streams."""
    stationary = [r for r in results if r.kind == "stationary"]
    shifts = [r for r in results if r.kind == "shift"]
    false_alerts = sum(1 for r in stationary for _, t, _ in r.events if t == DETECTED)
    counted = sum(r.counted_articles for r in stationary)
    delays: list[float] = []
    misses = early = extra = 0
    wrong_days: list[float] = []
    changes = ((SEGMENT_DAYS, "confrontation"), (2 * SEGMENT_DAYS, "engagement"))
    for r in shifts:
        alerts = [(day, d) for day, t, d in r.events if t == DETECTED]
        early += sum(1 for day, _ in alerts if day < SEGMENT_DAYS)
        for start, direction in changes:
            seg = [(day, d) for day, d in alerts if start <= day < start + SEGMENT_DAYS]
            right = [day for day, d in seg if d == direction]
            wrong_days += [round(day - start, 1) for day, d in seg if d != direction]
            extra += max(0, len(right) - 1)
            if right:
                delays.append(right[0] - start)
            else:
                misses += 1
    by_share = {
        f"false_alerts_at_share_{level}": sum(
            1 for r in stationary if r.share == level for _, t, _ in r.events if t == DETECTED
        )
        for level in (HIGH, 0.5, LOW)
    }
    n_changes = len(shifts) * len(changes)
    delays.sort()
    # Median over every change, a missed change counting as an infinite delay.
    everything = delays + [float("inf")] * misses
    everything.sort()
    return {
        "stationary_streams": len(stationary),
        "stationary_articles": counted,
        "false_alerts": false_alerts,
        "false_alerts_per_1000": round(1000 * false_alerts / max(counted, 1), 3),
        **by_share,
        "shift_streams": len(shifts),
        "changes": n_changes,
        "detected": len(delays),
        "missed": misses,
        "median_delay_days": round(statistics.median(delays), 2) if delays else float("nan"),
        "median_delay_days_counting_misses": round(statistics.median(everything), 2)
        if everything
        else float("nan"),
        "wrong_direction_alerts": len(wrong_days),
        "wrong_direction_days_after_change": sorted(wrong_days),
        "alerts_before_first_change": early,
        "repeat_alerts_same_change": extra,
    }


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
    parser.add_argument("--stationary", type=int, default=60, help="stationary streams")
    parser.add_argument("--shifts", type=int, default=60, help="shift streams")
    parser.add_argument("--seed", type=int, default=0, help="first seed")
    parser.add_argument("--corpus", choices=["both", "plover", "keep-it-local"], default="both")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not (SHARED / "eval" / "tone").is_dir():
        print(f"detect_eval: {SHARED / 'eval' / 'tone'} not found", file=sys.stderr)
        return 2
    rule = parse_rule(args.set)
    jobs = [("stationary", args.seed + i, rule, args.corpus) for i in range(args.stationary)]
    jobs += [("shift", args.seed + 10_000 + i, rule, args.corpus) for i in range(args.shifts)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(run_one, jobs, chunksize=2))
    figures = summarise(results)
    figures["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps({"rule": str(rule), "corpus": args.corpus, **figures}))
        return 0
    print(f"rule: {rule}")
    print(f"corpus: {args.corpus}")
    for key, value in figures.items():
        print(f"  {key:28} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
