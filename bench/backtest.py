"""Backtest: replay a real stream through the scorer and the shift detector.

Mirrors what ``rhetoric-monitor replay`` does for the default watch (actors
United States and China, the default ``Rule``), without a database: every
article is scored with ``monitor.tone.build_scorer``, fingerprinted, and a
``monitor.shift.Detector`` takes it, in stream order, as the daemon would.

Prints each event as one JSON line, then a readable monthly timeline (article
count, mean tone, events, and where the detector stood at the month's end:
warming up, not enough data, watching). Run from the project root::

    .venv/bin/python bench/backtest.py ../shared/streams/peoples-daily.jsonl
    .venv/bin/python bench/backtest.py ../shared/streams/us-china-2021.jsonl
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from detect_eval import parse_rule  # type: ignore[import-not-found]

from monitor.models import Sample, ShiftEvent
from monitor.parse import strip_boilerplate
from monitor.shift import Detector, fingerprint
from monitor.tone import build_scorer


def load(path: Path, actors: Sequence[str]) -> list[Sample]:
    """Score every article of a replay JSONL stream, oldest first."""
    scorer = build_scorer(actors=actors)
    samples = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            title = str(row.get("title") or "")
            text = strip_boilerplate(str(row.get("text") or ""))
            score = scorer.score(text, title=title)
            phrases: list[str] = []
            for ev in score.evidence:
                if ev.phrase not in phrases:
                    phrases.append(ev.phrase)
            samples.append(
                Sample(
                    key=str(row["id"]),
                    watch="default",
                    at=datetime.fromisoformat(row["published"]),
                    tone=score.tone,
                    source=str(row.get("source") or ""),
                    title=title,
                    url=row.get("url"),
                    phrases=tuple(phrases[:5]),
                    fingerprint=fingerprint(f"{title}\n{text}"),
                )
            )
    return samples


def event_json(e: ShiftEvent) -> str:
    """One event as a JSON line (the fields an analyst reads first)."""
    extra = dict(e.extra)
    return json.dumps(
        {
            "type": e.type,
            "at": e.at.isoformat(),
            "watch": e.watch,
            "direction": e.direction,
            "onset": extra.get("onset"),
            "test": extra.get("test"),
            "reason": extra.get("reason"),
            "supersedes": extra.get("supersedes"),
            "baseline": {"mean": e.baseline.mean, "count": e.baseline.count},
            "recent": {"mean": e.recent.mean, "count": e.recent.count},
            "delta": e.delta,
            "effect_size": e.effect_size,
            "drivers": [
                {"title": d.title, "published": d.published.date().isoformat(), "tone": d.tone}
                for d in e.drivers
            ],
        }
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Replay the stream and print events and a monthly timeline."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("stream", type=Path)
    parser.add_argument("--actors", default="United States,China")
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    args = parser.parse_args(argv)
    rule = parse_rule(args.set)
    samples = load(args.stream, [a.strip() for a in args.actors.split(",") if a.strip()])
    det = Detector(rule, "default")
    past: list[ShiftEvent] = []
    status: dict[str, str] = {}
    for sample in samples:
        past += det.step(sample)
        status[sample.at.strftime("%Y-%m")] = det.status(sample.at).describe()
    print(f"# rule: {rule}", file=sys.stderr)
    for e in past:
        print(event_json(e))
    months: dict[str, list[float]] = defaultdict(list)
    for s in samples:
        months[s.at.strftime("%Y-%m")].append(s.tone)
    by_month: dict[str, list[str]] = defaultdict(list)
    for e in past:
        extra = dict(e.extra)
        mark = "DETECTED" if e.type.endswith("detected") else "resolved"
        why = extra.get("test") if mark == "DETECTED" else extra.get("reason")
        by_month[e.at.strftime("%Y-%m")].append(
            f"{e.at:%m-%d} {mark} {e.direction} ({why}, Δ {e.delta:+.2f}, "
            f"onset {extra['onset'][:10]})"
        )
    print("\nmonth    n   mean tone  events")
    for month in sorted(months):
        tones = months[month]
        bar = "#" * round(10 * abs(statistics.mean(tones)))
        sign = "-" if statistics.mean(tones) < 0 else "+"
        print(f"{month}  {len(tones):3d}  {statistics.mean(tones):+.2f} {sign}{bar:10}  ", end="")
        print("; ".join(by_month.get(month, [])) or f"[{status.get(month, '')}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
