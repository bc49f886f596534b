"""Backtesting: run a JSONL stream through tone + store + shift as the daemon does.

The clock follows each article's ``published`` time, the database is a
temporary file, and nothing is sent: events land in the temporary outbox only
and are handed back to the caller.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from monitor.codec import parse_iso
from monitor.config import Config, WatchConfig
from monitor.errors import MonitorError
from monitor.extract import strip_boilerplate
from monitor.models import Article, ShiftEvent
from monitor.pipeline import build_scorers, check_watch, score_for_watches
from monitor.store import Store

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
        for w in watches:
            events = (
                check_watch(w, config=config, store=store, now=now) if w.name in by_watch else []
            )
            yield Tick(
                now, w.name, article.title, article.source, by_watch.get(w.name), tuple(events)
            )
