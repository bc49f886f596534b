"""One feed, top to bottom: fetch → parse → extract → tone → store → shift → notify.

``poll_feed`` is a plain call (one feed in, a ``PollResult`` out) that any
scheduler can run: nothing here imports APScheduler. Each step is safe to run
twice: articles, scores, events and outbox rows have unique keys, and the
feed's ETag is saved only after its new articles are stored, so a crash in
between makes the next poll fetch them again instead of losing them.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from monitor import notify
from monitor.config import Config, WatchConfig
from monitor.errors import FetchError, MonitorError, ParseError
from monitor.fetch import Fetcher, SecretMask, record_failure, record_success, redact_url
from monitor.models import (
    Article,
    Entry,
    Feed,
    FeedState,
    FetchResult,
    Rule,
    Sample,
    ShiftEvent,
    ToneScore,
)
from monitor.parse import build_article, parse_document
from monitor.shift import CopyMemo, ShiftMemo, evaluate, fingerprint, history_hours
from monitor.store import StoreAPI, iso
from monitor.tone import ToneScorer, build_scorer

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll of one feed did."""

    url: str
    status: str  # ok | not_modified | failed | skipped | stopped
    entries: int = 0
    new_articles: int = 0
    events: tuple[ShiftEvent, ...] = ()
    error: str | None = None


def build_fetcher(config: Config, cls: type[Fetcher] = Fetcher) -> Fetcher:
    """A ``Fetcher`` (or a subclass ``cls``, such as the daemon's timed one) with the
    config's ``fetch:`` settings."""
    f = config.fetch
    return cls(
        timeout_s=f.timeout_s,
        max_bytes=f.max_bytes,
        max_redirects=f.max_redirects,
        per_host=f.per_host,
        user_agent=f.user_agent,
        allow_private=f.allow_private,
    )


def build_scorers(config: Config) -> dict[str, ToneScorer]:
    """One scorer per watch, with the watch's actors, aliases and terms."""
    return {
        w.name: build_scorer(actors=w.actors, aliases=w.aliases, terms=w.terms)
        for w in config.watches
    }


def _matcher(watch: WatchConfig) -> Callable[[str], bool]:
    if not watch.match:
        return lambda text: True
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(k) for k in watch.match) + r")(?!\w)", re.IGNORECASE
    )
    return lambda text: pattern.search(text) is not None


def score_for_watches(
    article: Article,
    watches: Iterable[WatchConfig],
    scorers: Mapping[str, ToneScorer],
    *,
    now: datetime,
) -> list[tuple[Sample, ToneScore]]:
    """Score ``article`` for every watch whose keywords it matches."""
    out: list[tuple[Sample, ToneScore]] = []
    fp: tuple[int, ...] | None = None
    for watch in watches:
        if not _matcher(watch)(f"{article.title}\n{article.text}"):
            continue
        score = scorers[watch.name].score(article.text, title=article.title)
        if fp is None:
            fp = fingerprint(f"{article.title}\n{article.text}")
        phrases: list[str] = []
        for ev in score.evidence:
            if ev.phrase not in phrases:
                phrases.append(ev.phrase)
            if len(phrases) == 5:
                break
        sample = Sample(
            key=article.key,
            watch=watch.name,
            at=min(article.published, now),
            tone=score.tone,
            source=article.source,
            title=article.title,
            url=article.url,
            phrases=tuple(phrases),
            fingerprint=fp,
        )
        out.append((sample, score))
    return out


def sample_span_hours(rule: Rule) -> float:
    """How far back ``check_watch`` reads a watch's samples (what the detector may use)."""
    return history_hours(rule)


class WatchMemory:
    """One watch's samples of the detector's span and its copy verdicts, kept in memory.

    The daemon keeps one per watch and rule, so each detector run reads only
    the scores stored since the last (``Store.samples_after``) and decides
    syndication and window figures for the new articles only (``ShiftMemo``).
    """

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.span = timedelta(hours=sample_span_hours(rule))
        self.memo = ShiftMemo()
        self._samples: dict[str, Sample] = {}
        self.row = 0

    def samples(self, store: StoreAPI, watch: str, now: datetime) -> list[Sample]:
        """The watch's samples with ``now - span <= at <= now``, as the store holds them."""
        since = now - self.span
        new, self.row = store.samples_after(watch, row=self.row, since=since)
        for sample in new:
            self._samples[sample.key] = sample
        self._samples = {k: s for k, s in self._samples.items() if s.at >= since}
        return sorted(
            (s for s in self._samples.values() if s.at <= now), key=lambda s: (s.at, s.key)
        )


_check_locks: dict[str, threading.Lock] = {}
_check_locks_guard = threading.Lock()


def check_watch(
    watch: WatchConfig,
    *,
    config: Config,
    store: StoreAPI,
    now: datetime,
    samples: Sequence[Sample] | None = None,
    past: Sequence[ShiftEvent] | None = None,
    memory: WatchMemory | None = None,
    memo: ShiftMemo | CopyMemo | None = None,
) -> list[ShiftEvent]:
    """Run the shift detector for ``watch`` at ``now``; store and enqueue new events.

    ``samples`` and ``past`` default to the store's (through ``memory`` when
    given: only new rows are read); a caller that keeps them in memory (replay,
    one article at a time) passes them to skip two queries per call, and a
    ``memo`` kept across calls to decide syndication for new articles only.
    """
    with _check_locks_guard:
        lock = _check_locks.setdefault(watch.name, threading.Lock())
    # One check per watch at a time: two polls of one watch finishing together must
    # not both read "no past event" and store one shift twice under two onsets.
    with lock:
        rule = config.rule_of(watch)
        if memory is not None:
            samples, memo = memory.samples(store, watch.name, now), memory.memo
        elif samples is None:
            since = now - timedelta(hours=sample_span_hours(rule))
            samples = store.samples(watch.name, since=since, until=now)
        if past is None:
            past = store.past_events(watch.name)
        events = evaluate(samples, rule, now, past=past, memo=memo)
        log.debug(
            "shift.checked watch=%s samples=%d events=%d", watch.name, len(samples), len(events)
        )
        return [e for e in events if notify.enqueue_shift(store, config, e, now=now)]


@dataclass(frozen=True, slots=True)
class _HealthEvent:
    """A ``source.failing`` / ``source.recovered`` event a poll raises, not yet written."""

    kind: str
    since: datetime  # the run of failures it is about: the source of its id
    data: dict[str, Any]


def _health(
    feed: Feed, before: FeedState, after: FeedState, *, config: Config, now: datetime
) -> tuple[FeedState, _HealthEvent | None]:
    """The feed's state with its health flag, and the event a transition raises.

    Nothing is written here: ``_save`` writes the event with this state in one
    transaction. Its id comes from the run's ``failing_since``, kept in the
    stored state, so a repeated poll yields the same id.
    """
    if after.error_count >= config.defaults.failing_after and not after.failing_notified:
        since = after.failing_since or now
        data = {
            "error_count": after.error_count,
            "last_error": after.last_error,
            "failing_since": iso(since),
            # None for a feed that never answered: not the time of this poll.
            "last_success_at": iso(before.last_success_at),
        }
        return replace(after, failing_notified=True), _HealthEvent("source.failing", since, data)
    if after.error_count == 0 and before.failing_notified:
        since = before.failing_since or before.last_success_at or now
        data = {
            "failures": before.error_count,
            "last_error": before.last_error,
            "failing_since": iso(since),
        }
        event = _HealthEvent("source.recovered", since, data)
        return replace(after, failing_notified=False), event
    return after, None


def _save(
    feed: Feed,
    state: FeedState,
    event: _HealthEvent | None,
    *,
    config: Config,
    store: StoreAPI,
    now: datetime,
) -> None:
    """Save the feed's state, and with it (one transaction) the health event it raised."""
    if event is None:
        store.save_feed_state(state)
        return
    notify.enqueue_source(
        store,
        config,
        kind=event.kind,
        url=feed.url,
        watches=feed.watches,
        since=event.since,
        data=event.data,
        now=now,
        feed_state=state,
    )
    if event.kind == "source.failing":
        log.warning(
            "source.failing url=%s failures=%d error=%s",
            redact_url(feed.url),
            state.error_count,
            state.last_error,
        )
    else:
        log.info(
            "source.recovered url=%s after=%d failures",
            redact_url(feed.url),
            event.data["failures"],
        )


def poll_feed(
    feed: Feed,
    *,
    config: Config,
    store: StoreAPI,
    fetcher: Fetcher,
    scorers: Mapping[str, ToneScorer],
    clock: Clock,
    stop: threading.Event | None = None,
    force: bool = False,
    detect: bool = True,
) -> PollResult:
    """Poll one feed and carry every new article through to events and the outbox.

    With ``detect=False`` shift detection is left to the caller (the daemon
    batches it: one detection per watch per tick, however many feeds stored
    articles, since detection costs far more than a poll).
    """
    now = clock()
    state = store.feed_state(feed.url)
    if state.disabled:
        return PollResult(feed.url, "skipped", error=state.last_error)
    # The gate is for backoff after failures. After a success, half an interval of
    # slack: a success sets next_attempt_at = start + interval, and when that start
    # was a few ms later than the scheduler's tick, an exact test would skip the next
    # tick and poll every *other* interval. After a failure, none: a retry never goes
    # before its backoff or a server's Retry-After.
    slack = timedelta(seconds=feed.interval_s / 2 if state.error_count == 0 else 0)
    if not force and state.next_attempt_at is not None and state.next_attempt_at - now > slack:
        return PollResult(feed.url, "skipped")
    mask = SecretMask(feed.secrets)

    state = replace(state, last_attempt_at=now)
    try:
        result = fetcher.fetch_feed(feed.fetch_url or feed.url, state, mask=mask)
        entries: tuple[Entry, ...] = ()
        warning = state.last_warning  # a 304 says the document did not change
        if not result.not_modified:
            parsed = parse_document(result.body, feed_url=feed.url, headers=result.headers, now=now)
            entries, warning = parsed.entries, parsed.warning
    except (FetchError, ParseError) as exc:
        failed = _as_feed_error(exc, feed)
        after, event = _health(
            feed,
            state,
            record_failure(state, failed, now=now, interval_s=feed.interval_s),
            config=config,
            now=now,
        )
        _save(feed, after, event, config=config, store=store, now=now)
        log.warning(
            "fetch.failed url=%s failures=%d error=%s",
            redact_url(feed.url),
            after.error_count,
            failed,
        )
        return PollResult(feed.url, "failed", error=str(failed))

    # A recovery is written with the state that records it, after the articles.
    after, event = _health(
        feed,
        state,
        replace(
            record_success(state, result, now=now, interval_s=feed.interval_s),
            last_warning=warning,
        ),
        config=config,
        now=now,
    )
    if result.not_modified:
        _save(feed, after, event, config=config, store=store, now=now)
        log.debug("fetch.not_modified url=%s", redact_url(feed.url))
        return PollResult(feed.url, "not_modified")

    watches = [w for w in config.watches if w.name in feed.watches]
    new_keys = store.unseen([e.key for e in entries])
    batch: list[tuple[Article, list[tuple[Sample, ToneScore]]]] = []
    for entry in entries:
        if entry.key not in new_keys:
            continue
        if stop is not None and stop.is_set():
            # Cut cleanly: what is scored is kept, the ETag is not saved, so the next
            # poll picks up the rest.
            stored = sum(store.save_articles(batch, now=now)) if batch else 0
            return PollResult(feed.url, "stopped", len(entries), stored)
        new_keys.discard(entry.key)  # duplicate keys within one feed: first wins
        article = build_article(entry, page=_page(feed, entry, fetcher), now=now)
        batch.append((article, score_for_watches(article, watches, scorers, now=now)))
    # One transaction for the feed's new articles (a commit each cost more than scoring
    # them), then the feed's state: entries count as seen only once stored.
    stored = sum(store.save_articles(batch, now=now)) if batch else 0
    _save(feed, after, event, config=config, store=store, now=now)

    events: list[ShiftEvent] = []
    if stored and detect:
        for watch in watches:
            events += check_watch(watch, config=config, store=store, now=now)
    log.info(
        "poll.done url=%s entries=%d new=%d events=%d",
        redact_url(feed.url),
        len(entries),
        stored,
        len(events),
    )
    return PollResult(feed.url, "ok", len(entries), stored, tuple(events))


def _page(feed: Feed, entry: Entry, fetcher: Fetcher) -> FetchResult | None:
    """The article page when the feed's watches want it; None on any failure."""
    if not feed.fetch_article or not entry.link:
        return None
    try:
        return fetcher.fetch_page(entry.link)
    except MonitorError as exc:
        log.warning(
            "extract.page_failed url=%s error=%s (using the feed's text)",
            redact_url(entry.link),
            exc,
        )
        return None


def _as_feed_error(exc: FetchError | ParseError, feed: Feed) -> FetchError:
    """``exc`` as a FetchError whose message names the feed as written in the config.

    The fetched URL may hold ``${ENV}`` values (a key in a paywalled feed's URL),
    and so may every redirect hop (another host name, same path and query). The
    message is logged, stored and sent in ``source.failing`` webhooks, so each of
    those values is put back as its placeholder, wherever it appears and however
    it is encoded; a message that would still show one is replaced outright.
    """
    message = str(exc)
    if feed.fetch_url:
        for form in (feed.fetch_url, redact_url(feed.fetch_url)):
            message = message.replace(form, feed.url)
    mask = SecretMask(feed.secrets)
    if mask:
        message = mask.text(message)
        if mask.leaks(message):
            message = f"fetch: {type(exc).__name__} fetching {feed.url}"
    if isinstance(exc, FetchError):
        return FetchError(
            message,
            status=exc.status,
            retry_after_s=exc.retry_after_s,
            permanent=exc.permanent,
        )
    return FetchError(message)
