"""What a cluster worker does, as plain calls: claim due feeds, poll one, score its new
articles, detect one watch, deliver.

``Runtime`` holds one worker process's config, scorers, fetcher and
PostgreSQL stores (one per thread: Procrastinate runs sync tasks on a thread
pool). Its methods are the bodies of the Procrastinate tasks in
``monitor.cluster.app``, which only add the queue plumbing (deferring the next
jobs); they call the same pipeline functions as the local daemon
(``poll_feed``, ``score_for_watches`` through ``score_stored``, ``check_watch``)
and the same outbox (``Outbox.deliver_due``), so a step run twice (a retried
stalled job) writes nothing twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from monitor.config import Config
from monitor.errors import ConfigError
from monitor.models import Feed
from monitor.notify import Outbox
from monitor.pipeline import (
    build_fetcher,
    build_scorers,
    check_watch,
    poll_feed,
    score_stored,
)
from monitor.store import open_postgres

if TYPE_CHECKING:
    from monitor.store import PostgresStore

log = logging.getLogger("monitor.cluster")
Clock = Callable[[], datetime]

#: The queues a worker serves by default, each with its kind of job.
QUEUES = ("tick", "poll", "score", "detect", "deliver")
#: At most this many rounds of the outbox per ``deliver`` job (each sends up to 200).
DELIVER_ROUNDS = 20
#: At most this many transactions per ``score`` job (each scores up to ``SCORE_BATCH``).
SCORE_ROUNDS = 20
#: Stored articles a ``score`` job takes per transaction.
SCORE_BATCH = 200


def utc_now() -> datetime:
    """The wall clock, UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one ``poll`` job did, and what it asks to run next."""

    status: str
    new_articles: int  # stored unscored: a ``score`` job should take them
    deliver: bool  # outbox rows are due (a source.failing/recovered event)


@dataclass(frozen=True, slots=True)
class ScoreOutcome:
    """What one ``score`` job did, and which watches' detectors should run next."""

    articles: int
    detect: tuple[str, ...]
    more: bool = False  # every round was full: articles may still wait (queue it again)


class Runtime:
    """One worker process's state: config, scorers, fetcher, stores (one per thread)."""

    def __init__(self, config: Config, *, clock: Clock = utc_now) -> None:
        if config.mode != "cluster" or config.database_url is None:
            raise ConfigError(
                "worker: the config is in local mode; set mode: cluster and database_url: "
                "postgresql://... (docs/cluster.md), or run the local daemon with 'run'"
            )
        self.config = config
        self.dsn = config.store_url()
        self.clock = clock
        self.feeds: dict[str, Feed] = {f.url: f for f in config.feeds()}
        self.watches = {w.name: w for w in config.watches}
        self.scorers = build_scorers(config)
        self.fetcher = build_fetcher(config)
        self._local = threading.local()
        self._stores: list[PostgresStore] = []
        self._guard = threading.Lock()
        self._outbox: Outbox | None = None

    def store(self) -> PostgresStore:
        """This thread's PostgreSQL store (opened on first use)."""
        store: PostgresStore | None = getattr(self._local, "store", None)
        if store is None:
            store = open_postgres(self.dsn)
            self._local.store = store
            with self._guard:
                self._stores.append(store)
        return store

    # -- set-up ---------------------------------------------------------------

    def prepare(self, *, queue_schema: str) -> None:
        """Apply migrations and the queue's schema, and publish this config's feed schedule.

        Every worker runs this at start; each step is idempotent and serialised in the
        database, so workers may start together.
        """
        store = self.store()
        if store.ensure_schema(probe="procrastinate_jobs", sql=queue_schema):
            log.info("cluster.queue_schema_applied")
        added = store.schedule_feeds(
            {url: feed.interval_s for url, feed in self.feeds.items()}, now=self.clock()
        )
        log.info("cluster.scheduled feeds=%d added=%d", len(self.feeds), added)

    # -- the jobs' bodies -----------------------------------------------------------

    def claim(self, defer: Callable[[list[str]], int], *, limit: int) -> tuple[int, int]:
        """Claim the feeds due now and ``defer`` their polls while the claim is held.

        At most ``limit`` feeds. Returns (claimed, deferred): ``defer`` returns how many
        polls it queued (a feed whose poll is still waiting is not queued twice). The
        claim commits only after the deferral (see ``PostgresStore.claim_due_feeds``), so
        a tick cut short skips no feed.
        """

        def defer_all(urls: list[str]) -> tuple[int, int]:
            known = [u for u in urls if u in self.feeds]
            return len(urls), defer(known) if known else 0

        result: tuple[int, int] = self.store().claim_due_feeds(
            self.clock(), limit=limit, then=defer_all
        )
        return result

    def delivery_due(self) -> bool:
        """True when an outbox row is due now."""
        due = self.store().next_delivery_due()
        return due is not None and due <= self.clock()

    def poll(self, url: str) -> PollOutcome:
        """Poll one feed through the pipeline, storing its new articles unscored: scoring
        is left to ``score`` jobs, detection to ``detect`` jobs."""
        feed = self.feeds.get(url)
        if feed is None:
            log.info("cluster.poll_unknown url=%s (not in this worker's config)", url)
            return PollOutcome("unknown", 0, False)
        store = self.store()
        log.debug("cluster.poll_started url=%s", url)
        result = poll_feed(
            feed,
            config=self.config,
            store=store,
            fetcher=self.fetcher,
            scorers=self.scorers,
            clock=self.clock,
            detect=False,
            unscored=lambda articles, now, state: store.save_unscored(
                articles, now=now, feed_state=state
            ),
        )
        return PollOutcome(result.status, result.new_articles, self.delivery_due())

    def score(self, url: str) -> ScoreOutcome:
        """Score the articles ``url``'s polls stored and no job has scored yet (bounded
        rounds); the watches that got new scores are the ones to detect on."""
        feed = self.feeds.get(url)
        if feed is None:
            log.info("cluster.score_unknown url=%s (not in this worker's config)", url)
            return ScoreOutcome(0, ())
        watches = [w for w in self.config.watches if w.name in feed.watches]
        store = self.store()
        log.debug("cluster.score_started url=%s", url)
        taken, detect, more = 0, set(), True
        for _ in range(SCORE_ROUNDS):
            n, scored = store.score_unscored(
                url, lambda batch: score_stored(batch, watches, self.scorers), limit=SCORE_BATCH
            )
            taken += n
            detect |= scored
            if n < SCORE_BATCH:
                more = False
                break
        log.info(
            "cluster.scored url=%s articles=%d watches=%s", url, taken, ",".join(sorted(detect))
        )
        return ScoreOutcome(taken, tuple(sorted(detect)), more)

    def stragglers(self) -> tuple[list[str], list[str]]:
        """Work a lost job left: feeds whose stored articles wait for scoring longer than
        ``stalled_after`` (no job holds them), and watches whose detector has score rows
        it has not taken. A tick queues their jobs again (``score``, ``detect``)."""
        store = self.store()
        feeds = [
            u
            for u in store.unscored_feeds(older_than=self.config.cluster.stalled_after)
            if u in self.feeds
        ]
        return feeds, store.detectors_behind(list(self.watches))

    def detect(self, watch: str) -> int:
        """Run ``watch``'s shift detector; returns how many new events it stored."""
        config = self.watches.get(watch)
        if config is None:
            return 0
        store = self.store()
        # The watch's new score rows get their numbers here, committed before the detector
        # reads: under this job's lock (``watch:W``), so numberings of a watch never
        # overlap and its high-water mark never passes a row (``sequence_scores``).
        numbered = store.sequence_scores(watch)
        log.debug("cluster.detect_started watch=%s numbered=%d", watch, numbered)
        events = check_watch(config, config=self.config, store=store, now=self.clock())
        return len(events)

    def deliver(self) -> int:
        """Send every due outbox row (bounded rounds); returns how many were delivered."""
        with self._guard:
            if self._outbox is None:
                store = open_postgres(self.dsn)
                self._outbox = Outbox(store, self.config.notifiers, clock=self.clock)
            outbox = self._outbox
        delivered = 0
        log.debug("cluster.deliver_started")
        for _ in range(DELIVER_ROUNDS):
            sent = outbox.deliver_due(limit=200)
            delivered += sent
            # Nothing sent: what is due waits on a disabled or unknown notifier.
            if not sent or not self.delivery_due():
                break
        return delivered

    def close(self) -> None:
        """Close the stores, the outbox and the fetcher."""
        with self._guard:
            for store in self._stores:
                store.close()
            self._stores.clear()
            if self._outbox is not None:
                self._outbox.store.close()
                self._outbox.close()
                self._outbox = None
        self.fetcher.close()


__all__ = [
    "DELIVER_ROUNDS",
    "QUEUES",
    "SCORE_BATCH",
    "SCORE_ROUNDS",
    "PollOutcome",
    "Runtime",
    "ScoreOutcome",
    "utc_now",
]
