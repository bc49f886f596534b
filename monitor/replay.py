"""Backtesting: run a JSONL stream through tone + store + shift as the daemon does.

The clock follows each article's ``published`` time, the database is a
temporary file, and nothing is sent: events land in the temporary outbox only
and are handed back to the caller.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any, TextIO

from monitor.config import Config, WatchConfig
from monitor.errors import MonitorError
from monitor.models import Article, Rule, Sample, ShiftEvent
from monitor.parse import strip_boilerplate
from monitor.pipeline import build_scorers, check_watch, sample_span_hours, score_for_watches
from monitor.shift import ShiftMemo
from monitor.store import Store, event_from_dict, event_to_dict, iso, parse_iso

REQUIRED = ("id", "published", "source", "title", "text")


class StreamError(MonitorError):
    """A replay stream line is not valid JSON of the documented shape."""


def default_config() -> Config:
    """The config replay uses when none is given: one U.S.–China watch, default rule."""
    return Config(
        watches=(
            WatchConfig(
                name="default",
                actors=("United States", "China"),
                feeds=("https://replay.invalid/stream",),
            ),
        )
    )


@dataclass(frozen=True, slots=True)
class Tick:
    """One replayed article: its score and any events it triggered."""

    at: datetime
    watch: str
    title: str
    source: str
    tone: float | None
    events: tuple[ShiftEvent, ...]


def read_stream(lines: TextIO, *, name: str = "stream") -> Iterator[dict[str, Any]]:
    """Yield validated records from a replay JSONL stream."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise StreamError(f"{name}:{number}: not JSON: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise StreamError(f"{name}:{number}: each line must be a JSON object")
        missing = [k for k in REQUIRED if k not in record]
        if missing:
            raise StreamError(f"{name}:{number}: missing key(s) {', '.join(missing)}")
        try:
            record["published"] = parse_iso(str(record["published"]))
        except ValueError as exc:
            raise StreamError(
                f"{name}:{number}: published: not an ISO-8601 time ({record['published']!r})"
            ) from exc
        yield record


def replay(
    records: Iterable[dict[str, Any]],
    *,
    config: Config,
    store: Store,
    watch: str | None = None,
) -> Iterator[Tick]:
    """Replay ``records`` (oldest first) and yield one ``Tick`` per article and watch."""
    watches = [config.watch(watch)] if watch else list(config.watches)
    scorers = build_scorers(config)
    windows = {w.name: _Window(config.rule_of(w), w.name, store) for w in watches}
    for record in records:
        now: datetime = record["published"]
        text = strip_boilerplate(str(record.get("text") or ""))
        article = Article(
            key=f"replay:{record['id']}",
            feed_url=str(record.get("source") or ""),
            url=record.get("url"),
            title=str(record.get("title") or ""),
            text=text,
            published=now,
            source=str(record.get("source") or ""),
            extracted_from="stream",
        )
        scores = score_for_watches(article, watches, scorers, now=now)
        if not store.save_article(article, scores, now=now):
            continue
        by_watch = {s.watch: sc.tone for s, sc in scores}
        for sample, _ in scores:
            windows[sample.watch].add(sample)
        for w in watches:
            events: list[ShiftEvent] = []
            if w.name in by_watch:
                win = windows[w.name]
                samples, past = win.at(now)
                events = check_watch(
                    w,
                    config=config,
                    store=store,
                    now=now,
                    samples=samples,
                    past=past,
                    memo=win.memo,
                )
                win.record(events)
            yield Tick(
                now, w.name, article.title, article.source, by_watch.get(w.name), tuple(events)
            )


def _time(sample: Sample) -> datetime:
    return sample.at


class _Window:
    """One watch's samples of the last ``sample_span_hours`` and its past events, in memory.

    They are what ``check_watch`` would read back from the store (times cut to
    the second and events decoded from JSON, as stored), without two queries
    and the JSON decoding per replayed article. A record older than one
    already replayed gets ``None``: ``check_watch`` then reads the store.
    """

    def __init__(self, rule: Rule, watch: str, store: Store) -> None:
        self.span = timedelta(hours=sample_span_hours(rule))
        self.watch = watch
        self.store = store
        self.samples: list[Sample] | None = None
        self.past: list[ShiftEvent] = []
        self.latest: datetime | None = None
        self.ordered = True  # ``samples`` are in time order
        self.memo = ShiftMemo()

    def add(self, sample: Sample) -> None:
        if self.samples is not None:
            sample = replace(sample, at=parse_iso(iso(sample.at) or ""))
            if self.samples and sample.at < self.samples[-1].at:
                self.ordered = False
            self.samples.append(sample)

    def at(self, now: datetime) -> tuple[list[Sample] | None, list[ShiftEvent] | None]:
        if self.latest is not None and now < self.latest:
            return None, None
        self.latest = now
        since = now - self.span
        if self.samples is None:  # first use: what the store already holds
            self.samples = self.store.samples(self.watch, since=since, until=now)
            self.past = self.store.past_events(self.watch)
            self.ordered = all(a.at <= b.at for a, b in pairwise(self.samples))
        if self.ordered:
            # In time order (a replay of a stream in order): the samples before ``since``
            # are a prefix and those until ``now`` a prefix of the rest; bisect, not scan.
            del self.samples[: bisect.bisect_left(self.samples, since, key=_time)]
            return self.samples[: bisect.bisect_right(self.samples, now, key=_time)], self.past
        self.samples = [s for s in self.samples if s.at >= since]
        return [s for s in self.samples if s.at <= now], self.past

    def record(self, events: list[ShiftEvent]) -> None:
        self.past += [event_from_dict(json.loads(json.dumps(event_to_dict(e)))) for e in events]
