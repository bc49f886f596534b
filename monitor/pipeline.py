"""One feed, top to bottom: fetch → parse → extract → tone → store → shift → notify.

``poll_feed`` is a plain call (one feed in, a ``PollResult`` out) that any
scheduler can run: nothing here imports APScheduler. Each step is safe to run
twice: articles, scores, events and outbox rows have unique keys, and the
feed's ETag is saved only after its new articles are stored, so a crash in
between makes the next poll fetch them again instead of losing them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from monitor import notify
from monitor.config import Config, WatchConfig
from monitor.errors import ConfigError, FetchError, MonitorError, ParseError
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
from monitor.shift import (
    DUPLICATE_SPAN_S,
    LATE_TOLERANCE_S,
    Calibration,
    Detector,
    fingerprint,
    history_hours,
    rule_key,
)
from monitor.store import StoreAPI, is_postgres_url, iso
from monitor.tone import ToneScorer, build_scorer

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
#: Stores a feed's new articles unscored, for a scoring queue (cluster mode's ``score``
#: jobs), with the feed's state when given, in one transaction: (articles, now, state)
#: → one flag per article, False for one already stored.
KeepUnscored = Callable[[Sequence[Article], datetime, FeedState | None], list[bool]]


def wall_clock() -> datetime:
    """The real time, UTC (the clock of ``run`` and ``poll``)."""
    return datetime.now(UTC)


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


def refuse_cluster(config: Config, target: str, *, command: str) -> None:
    """Raise ``ConfigError`` when ``config`` is in cluster mode or ``target`` is PostgreSQL.

    The local runners (``run``, ``poll``) schedule with APScheduler in one process and keep
    one SQLite file; next to cluster workers on a shared PostgreSQL they would be a second
    scheduler, polling every feed twice and sending the outbox from two places.
    """
    if config.mode == "cluster" or is_postgres_url(target):
        raise ConfigError(
            f"{command}: this is the local runner (one process, APScheduler, a SQLite file) "
            "and does not run against PostgreSQL; in cluster mode start workers with "
            "'rhetoric-monitor worker' (docs/cluster.md), or set mode: local and a SQLite "
            "database: to run locally"
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
        score = scorers[watch.name].score(
            article.text, title=article.title, speaker=watch.feed_speakers.get(article.feed_url, "")
        )
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


def score_stored(
    articles: Iterable[tuple[Article, datetime]],
    watches: Iterable[WatchConfig],
    scorers: Mapping[str, ToneScorer],
) -> list[tuple[Article, list[tuple[Sample, ToneScore]]]]:
    """Score articles stored unscored (a scoring queue), each as its poll would have: with
    the time it was stored as the poll's ``now``."""
    chosen = list(watches)
    return [(a, score_for_watches(a, chosen, scorers, now=at)) for a, at in articles]


def sample_span_hours(rule: Rule) -> float:
    """How far back a watch's detector keeps stories (what a rebuild reads)."""
    return history_hours(rule) + DUPLICATE_SPAN_S / 3600


#: A watch with no saved state and no events is new: its stories of the last days are
#: decided as they are taken (alerts may fire), older ones only fill the windows.
NEW_WATCH_DAYS = 7
LATE = LATE_TOLERANCE_S


def rule_hash(rule: Rule) -> str:
    """A short hash of every field of ``rule`` (a saved state is valid for this rule only)."""
    raw = json.dumps(dataclasses.asdict(rule), sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def effective_rule(rule: Rule, calibration: Mapping[str, Any] | None) -> Rule:
    """``rule`` with the decision levels of an applied calibration fitted to this very rule."""
    if not calibration or not calibration.get("applied"):
        return rule
    if calibration.get("rule_key") != rule_key(rule):
        return rule  # fitted to another rule: stale
    levels = Calibration.from_dict(calibration["result"]).levels()
    if levels is None:
        return rule
    return replace(rule, decision=levels[0], drift_decision=levels[1])


class WatchMemory:
    """One watch's shift detector, kept in memory between runs and saved with the watch.

    The daemon keeps one per watch and rule; ``poll`` builds one per run. The
    first ``check`` restores the detector from the state saved in the store (its
    stories taken again from the score rows, no decision repeated). When the
    rule (or the calibration in force) changed, a score row it had taken
    changed, or a story arrives published more than ``LATE_TOLERANCE_S`` before
    the newest one taken, it is rebuilt from the watch's history instead: the
    stories decided before are taken quietly, in time order, and the events
    already sent stand in for its decisions. Each ``check`` takes the score rows
    stored since, in time order.
    """

    def __init__(self, rule: Rule) -> None:
        self.rule = rule  # as configured (the daemon compares it)
        self.effective: Rule | None = None
        self.detector: Detector | None = None
        self.row = 0  # score rows up to this one were taken (but those in ``_pending``)
        self.rows = 0  # how many score rows of the watch up to ``row``
        self.rebuilds = 0
        self._pending: set[int] = set()  # rows above ``row`` taken by a rebuild already

    def fresh(self, watch: str) -> None:
        """Start from an empty detector with the rule as configured (``replay``)."""
        self.effective = self.rule
        self.detector = Detector(self.rule, watch)

    def check(self, store: StoreAPI, watch: str, now: datetime) -> list[ShiftEvent]:
        """Take the watch's new score rows; the events they cause (not yet stored)."""
        rule = effective_rule(self.rule, store.calibration(watch))
        if self.detector is None or rule != self.effective:
            self._load(store, watch, now, rule)
        assert self.detector is not None
        new, top = store.scored_rows(watch, after=self.row)
        batch = sorted((s for r, s in new if r not in self._pending), key=_in_time)
        last = self.detector.last_at
        if batch and last is not None and batch[0].at.timestamp() < last.timestamp() - LATE:
            # A story from well before the newest one taken: a past sample changed, so
            # the state is rebuilt from history, quietly before the newest story taken;
            # from that story on it decides again (events already stored are not resent).
            self._rebuild(store, watch, now, rule, quiet_until=last)
            new, top = store.scored_rows(watch, after=self.row)
            batch = sorted((s for r, s in new if r not in self._pending), key=_in_time)
        self.row, self.rows, self._pending = top, self.rows + len(new), set()
        return self.take(batch)

    def take(self, samples: Iterable[Sample]) -> list[ShiftEvent]:
        """Step the detector through ``samples`` (``replay`` hands them over directly)."""
        if self.detector is None:
            raise RuntimeError("WatchMemory.take before the detector was loaded")
        events: list[ShiftEvent] = []
        for sample in samples:
            events += self.detector.step(sample)
        return events

    def save(self, store: StoreAPI, watch: str, now: datetime) -> None:
        """Save the detector's state with the watch (after its events were stored)."""
        if self.detector is None or self.effective is None:
            return
        status = self.detector.status(now)
        store.save_detector_state(
            watch,
            rule_hash=rule_hash(self.effective),
            last_row=self.row,
            rows=self.rows,
            scalars=self.detector.scalars(),
            status={
                **dataclasses.asdict(status),
                "line": status.describe(),
                "rule_key": rule_key(self.rule),
                "decision": self.effective.decision,
                "drift_decision": self.effective.drift_decision,
            },
            now=now,
        )

    def _load(self, store: StoreAPI, watch: str, now: datetime, rule: Rule) -> None:
        past = store.past_events(watch)
        saved = store.detector_state(watch)
        if (
            saved is not None
            and saved["rule_hash"] == rule_hash(rule)
            and store.count_scored(watch, upto=saved["last_row"]) == saved["rows"]
        ):
            since = now - timedelta(hours=sample_span_hours(rule))
            rows, _ = store.scored_rows(watch, upto=saved["last_row"], since=since)
            ordered = sorted((s for _, s in rows), key=_in_time)
            restored = Detector.restore(rule, watch, saved["scalars"], ordered, past)
            if restored is not None:
                self.detector, self.effective = restored, rule
                self.row, self.rows, self._pending = saved["last_row"], saved["rows"], set()
                return
        if saved is not None:
            self._rebuild(store, watch, now, rule, quiet_to=int(saved["last_row"]), past=past)
        elif past:
            self._rebuild(store, watch, now, rule, quiet_to=None, past=past)
        else:  # a new watch: its last days are decided as they are taken
            cutoff = now - timedelta(days=NEW_WATCH_DAYS)
            self._rebuild(store, watch, now, rule, quiet_until=cutoff, past=past)

    def _rebuild(
        self,
        store: StoreAPI,
        watch: str,
        now: datetime,
        rule: Rule,
        *,
        quiet_to: int | None = None,
        quiet_until: datetime | None = None,
        past: Sequence[ShiftEvent] | None = None,
    ) -> None:
        """Build the detector from the watch's history, taking quietly the score rows up
        to ``quiet_to`` (all when None), or those published before ``quiet_until``, in
        time order, with the events already sent standing in for the decisions. The
        other rows are left for ``check`` to take."""
        self.rebuilds += 1
        past = store.past_events(watch) if past is None else past
        since = now - timedelta(hours=sample_span_hours(rule))
        rows, top = store.scored_rows(watch, since=since)
        if quiet_until is not None:
            quiet = [(r, s) for r, s in rows if s.at < quiet_until]
        elif quiet_to is None:
            quiet = rows
        else:
            quiet = [(r, s) for r, s in rows if r <= quiet_to]
        det = Detector(rule, watch)
        known = sorted(past, key=lambda e: (e.at, e.type.endswith("resolved"), e.event_id))
        k = 0
        for sample in sorted((s for _, s in quiet), key=_in_time):
            # An event sent at a story's time came from that story: it is taken after it.
            while k < len(known) and known[k].at < sample.at:
                det.apply(known[k])
                k += 1
            det.step(sample, emit=False)
        for event in known[k:]:
            det.apply(event)
        taken = {r for r, _ in quiet}
        left = [r for r, _ in rows if r not in taken]
        self.row = min(left) - 1 if left else top
        self._pending = {r for r in taken if r > self.row}
        self.detector, self.effective = det, rule
        self.rows = store.count_scored(watch, upto=self.row)


def _in_time(sample: Sample) -> tuple[datetime, str]:
    """The order a batch of stories is taken in: by time, then key."""
    return (sample.at, sample.key)


_check_locks: dict[str, threading.Lock] = {}
_check_locks_guard = threading.Lock()


def check_watch(
    watch: WatchConfig,
    *,
    config: Config,
    store: StoreAPI,
    now: datetime,
    memory: WatchMemory | None = None,
) -> list[ShiftEvent]:
    """Run the shift detector for ``watch`` over its new stories; store and enqueue new events.

    ``memory`` (kept by a long-running caller) holds the detector between
    calls; without it the detector is restored from the state saved in the
    store and saved again afterwards.
    """
    with _check_locks_guard:
        lock = _check_locks.setdefault(watch.name, threading.Lock())
    # One check per watch at a time: two polls of one watch finishing together must
    # not both take the same stories and store one shift twice.
    with lock:
        memory = memory if memory is not None else WatchMemory(config.rule_of(watch))
        events = memory.check(store, watch.name, now)
        log.debug("shift.checked watch=%s events=%d", watch.name, len(events))
        stored = [e for e in events if notify.enqueue_shift(store, config, e, now=now)]
        # Saved after the events: a crash in between takes the same stories again and
        # finds the same events, which are stored once.
        memory.save(store, watch.name, now)
        return stored


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
    unscored: KeepUnscored | None = None,
) -> PollResult:
    """Poll one feed and carry every new article through to events and the outbox.

    With ``detect=False`` shift detection is left to the caller (the daemon
    batches it: one detection per watch per tick, however many feeds stored
    articles, since detection costs far more than a poll). With ``unscored``, the
    new articles are stored by that call, unscored, and scoring (``score_stored``)
    and detection are left to the caller's queue.
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

    def keep(state: FeedState | None = None) -> int:
        if unscored is not None:
            return sum(unscored([a for a, _ in batch], now, state))
        return sum(store.save_articles(batch, now=now, feed_state=state))

    for entry in entries:
        if entry.key not in new_keys:
            continue
        if stop is not None and stop.is_set():
            # Cut cleanly: what is scored is kept, the ETag is not saved, so the next
            # poll picks up the rest.
            return PollResult(feed.url, "stopped", len(entries), keep() if batch else 0)
        new_keys.discard(entry.key)  # duplicate keys within one feed: first wins
        article = build_article(entry, page=_page(feed, entry, fetcher), now=now)
        scores = score_for_watches(article, watches, scorers, now=now) if unscored is None else []
        batch.append((article, scores))
    # One transaction for the feed's new articles (a commit each cost more than scoring
    # them) and, after them, its state: entries count as seen only once stored. A health
    # event is written with the state by ``_save`` (its own transaction, after these).
    stored = keep(after if event is None else None) if batch else 0
    if event is not None or not batch:
        _save(feed, after, event, config=config, store=store, now=now)

    events: list[ShiftEvent] = []
    if stored and detect and unscored is None:
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
