"""Backtesting: run a JSONL stream through tone + store + shift as the daemon does.

The clock follows each article's ``published`` time, the database is a
temporary file, and nothing is sent: events land in the temporary outbox only
and are handed back to the caller.
"""

from __future__ import annotations

import json
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TextIO

from monitor import notify
from monitor.config import Config, WatchConfig
from monitor.errors import MonitorError
from monitor.models import Article, Evidence, Sample, ShiftEvent, ToneScore
from monitor.parse import strip_boilerplate
from monitor.pipeline import WatchMemory, score_for_watches
from monitor.shift import CALIBRATION_TARGET, Calibration, calibrate
from monitor.store import STORED_EVIDENCE, Store, iso, parse_iso
from monitor.tone import ToneScorer, build_scorer

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


#: Articles stored in one transaction (and scored as one task when scoring ahead).
CHUNK = 500
#: Articles scored in this process before scoring ahead pays for starting processes.
INLINE = 2_000


def replay(
    records: Iterable[dict[str, Any]],
    *,
    config: Config,
    store: Store,
    watch: str | None = None,
    workers: int = 0,
) -> Iterator[Tick]:
    """Replay ``records`` (in stream order) and yield one ``Tick`` per article and watch.

    Articles are stored ``CHUNK`` at a time in one transaction each (a chunk is
    stored at the time of its newest article, as a poll stores a feed's new
    articles at once). Then each watch's detector takes each stored article in
    order, as the daemon's does (``WatchMemory``), and its events go to the
    store and the outbox through ``notify.enqueue_shift``, each at its
    article's time. With ``workers`` > 0, once a stream passes ``INLINE``
    articles that many processes score the chunks ahead of the one being
    stored and detected; the events are the same either way. At the end each
    watch's detector state is saved with it, as the daemon saves it.
    """
    watches = [config.watch(watch)] if watch else list(config.watches)
    memories = {w.name: WatchMemory(config.rule_of(w)) for w in watches}
    for name, memory in memories.items():
        memory.fresh(name)
    now: datetime | None = None
    for chunk in _scored_chunks(records, watches, workers=workers):
        flags = store.save_articles(chunk, now=max(a.published for a, _ in chunk))
        for (article, scores), new in zip(chunk, flags, strict=True):
            now = article.published
            if not new:
                continue
            by_watch = {s.watch: (s, sc.tone) for s, sc in scores}
            for w in watches:
                events: list[ShiftEvent] = []
                if w.name in by_watch:
                    # The sample as the store holds it (times to the second), as the
                    # daemon reads it.
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


_Scored = list[tuple[Sample, ToneScore]]
_Chunk = list[tuple[Article, _Scored]]


def _scored_chunks(
    records: Iterable[dict[str, Any]], watches: list[WatchConfig], *, workers: int
) -> Iterator[_Chunk]:
    """The stream's articles in chunks of ``CHUNK``, in order, each with its scores.

    The first ``INLINE`` articles are scored here. After that, with ``workers`` > 0,
    the chunks go to that many scoring processes, up to ``2 × workers + 1`` chunks
    ahead of the one handed out, and come back in order.
    """
    scorers = {w.name: build_scorer(actors=w.actors, aliases=w.aliases, terms=w.terms)
               for w in watches}  # fmt: skip
    chunks = _chunked(map(_article, records))
    done = 0
    for chunk in chunks:
        yield [(a, score_for_watches(a, watches, scorers, now=a.published)) for a in chunk]
        done += len(chunk)
        if workers > 0 and done >= INLINE:
            break
    else:
        return
    context = multiprocessing.get_context("spawn")  # no state of this process is inherited
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_scoring,
        initargs=(watches,),
    ) as pool:  # fmt: skip
        ahead: deque[tuple[list[Article], Future[list[_Flat]]]] = deque()
        try:
            for chunk in chunks:
                texts = [(a.title, a.text, a.published, a.feed_url) for a in chunk]
                ahead.append((chunk, pool.submit(_score_chunk, texts)))
                if len(ahead) > 2 * workers:
                    articles, future = ahead.popleft()
                    yield _unflatten(articles, future.result())
            while ahead:
                articles, future = ahead.popleft()
                yield _unflatten(articles, future.result())
        finally:
            for _, future in ahead:
                future.cancel()


def _chunked(articles: Iterable[Article]) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _article(record: dict[str, Any]) -> Article:
    source = str(record.get("source") or "")
    return Article(
        key=f"replay:{record['id']}",
        feed_url=source,
        url=record.get("url"),
        title=str(record.get("title") or ""),
        text=strip_boilerplate(str(record.get("text") or "")),
        published=record["published"],
        source=source,
        extracted_from="stream",
    )


# A scoring process's watches and scorers (set once by ``_start_scoring``).
_scoring: tuple[list[WatchConfig], dict[str, ToneScorer]] | None = None


def _start_scoring(watches: list[WatchConfig]) -> None:
    global _scoring
    scorers = {w.name: build_scorer(actors=w.actors, aliases=w.aliases, terms=w.terms)
               for w in watches}  # fmt: skip
    _scoring = (watches, scorers)


# What a scoring process sends back for one article: its sketch, and per matching watch
# (watch, tone, label, confidence, phrases, evidence as (phrase, weight, cue), sentences,
# relevant sentences). Plain tuples: pickling the dataclasses (and the evidence's
# sentences, which the store does not keep) cost the main process a fifth of its time.
_Flat = tuple[tuple[int, ...], list[tuple[Any, ...]]]


def _score_chunk(texts: list[tuple[str, str, datetime, str]]) -> list[_Flat]:
    """Score one chunk of (title, text, published, feed URL) in a scoring process.

    The feed URL picks the feed's ``speaker`` (``WatchConfig.feed_speakers``)."""
    if _scoring is None:
        raise RuntimeError("replay: scoring process used before _start_scoring")
    watches, scorers = _scoring
    out: list[_Flat] = []
    for title, text, published, feed_url in texts:
        article = Article(key="", feed_url=feed_url, url=None, title=title, text=text,
                          published=published, source="")  # fmt: skip
        scored = score_for_watches(article, watches, scorers, now=published)
        sketch = scored[0][0].fingerprint if scored else ()
        out.append((sketch, [
            (sample.watch, score.tone, score.label, score.confidence, sample.phrases,
             tuple((e.phrase, e.weight, e.cue) for e in score.evidence[:STORED_EVIDENCE]),
             score.sentences, score.relevant_sentences)
            for sample, score in scored
        ]))  # fmt: skip
    return out


def _unflatten(articles: list[Article], flat: list[_Flat]) -> _Chunk:
    """The chunk's articles with their scores rebuilt from what a scoring process sent."""
    out: _Chunk = []
    for article, (sketch, rows) in zip(articles, flat, strict=True):
        scored: _Scored = []
        for watch, tone, label, confidence, phrases, evidence, sentences, relevant in rows:
            sample = Sample(
                key=article.key, watch=watch, at=article.published, tone=tone,
                source=article.source, title=article.title, url=article.url,
                phrases=phrases, fingerprint=sketch,
            )  # fmt: skip
            score = ToneScore(
                tone=tone, label=label, confidence=confidence,
                evidence=tuple(Evidence(p, w, "", c) for p, w, c in evidence),
                sentences=sentences, relevant_sentences=relevant,
            )  # fmt: skip
            scored.append((sample, score))
        out.append((article, scored))
    return out


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
