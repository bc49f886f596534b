"""Backtesting: run a JSONL stream through tone + store + shift as the daemon does.

The clock follows each article's ``published`` time, the database is a
temporary file, and nothing is sent: events land in the temporary outbox only
and are handed back to the caller.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TextIO

from monitor import notify
from monitor.config import Config, WatchConfig
from monitor.errors import MonitorError
from monitor.models import Article, ShiftEvent
from monitor.parse import strip_boilerplate
from monitor.pipeline import WatchMemory, build_scorers, score_for_watches
from monitor.shift import CALIBRATION_TARGET, Calibration, calibrate
from monitor.store import Store, iso, parse_iso

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
    """Replay ``records`` (in stream order) and yield one ``Tick`` per article and watch.

    Each watch's detector takes each scored article as it is stored, as the
    daemon's does (``WatchMemory``), and its events go to the store and the
    outbox through ``notify.enqueue_shift``. At the end each watch's detector
    state is saved with it, as the daemon saves it.
    """
    watches = [config.watch(watch)] if watch else list(config.watches)
    scorers = build_scorers(config)
    memories = {w.name: WatchMemory(config.rule_of(w)) for w in watches}
    for name, memory in memories.items():
        memory.fresh(name)
    now: datetime | None = None
    for record in records:
        now = record["published"]
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
        by_watch = {s.watch: (s, sc.tone) for s, sc in scores}
        for w in watches:
            events: list[ShiftEvent] = []
            if w.name in by_watch:
                # The sample as the store holds it (times to the second), as the daemon reads it.
                sample = by_watch[w.name][0]
                sample = replace(sample, at=parse_iso(iso(sample.at) or ""))
                fired = memories[w.name].take([sample])
                events = [e for e in fired if notify.enqueue_shift(store, config, e, now=now)]
            tone = by_watch[w.name][1] if w.name in by_watch else None
            yield Tick(now, w.name, article.title, article.source, tone, tuple(events))
    if now is not None:
        for w in watches:
            memory = memories[w.name]
            memory.row = store.last_score_row()
            memory.rows = store.count_scored(w.name, upto=memory.row)
            memory.save(store, w.name, now)


def calibrate_watches(
    config: Config,
    store: Store,
    *,
    watch: str | None = None,
    target: float = CALIBRATION_TARGET,
    now: datetime | None = None,
) -> dict[str, Calibration]:
    """Calibrate each replayed watch on the stories the replay stored (``replay --calibrate``)."""
    watches = [config.watch(watch)] if watch else list(config.watches)
    out: dict[str, Calibration] = {}
    for w in watches:
        rows, _ = store.scored_rows(w.name)
        out[w.name] = calibrate([s for _, s in rows], config.rule_of(w), target=target, now=now)
    return out
