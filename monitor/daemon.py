"""Scheduler stage: the daemon. APScheduler 3.x runs one job per feed URL.

* A feed shared by several watches is one job (``Config.feeds`` merges them).
* Jobs have jitter, ``max_instances=1`` (never two runs of one feed at once)
  and ``coalesce`` (a late job runs once, not once per missed interval).
* One bad feed never stops the others: the job wrapper is, with the CLI, the
  only place that catches ``MonitorError`` (and anything unexpected, logged
  with its traceback).
* The config file is re-read on SIGHUP and when its contents change (checked
  every ``reload_every_s``); an invalid edit is logged with its file:line:key
  errors and the last good config keeps running. One edit is loaded once: a
  SIGHUP finding the files as last read logs ``config.unchanged``.
* SIGTERM / SIGINT: no new jobs start, in-flight polls stop between articles,
  and the process exits 0 within ``shutdown_grace_s`` (``hard_stop_s`` bounds the
  whole stop, close included, for the CLI's ``run``).
* As a service: an opt-in HTTP listener (``http.listen``) with ``/healthz``,
  ``/readyz`` and ``/metrics``; systemd's ``READY=1``, ``WATCHDOG=1`` and
  ``STOPPING=1`` over ``NOTIFY_SOCKET`` when systemd provides one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import signal
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from apscheduler.events import EVENT_JOB_SUBMITTED, JobSubmissionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers import SchedulerNotRunningError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from monitor.config import HttpConfig, config_fingerprint, load_config
from monitor.errors import ConfigError, MonitorError, StoreError
from monitor.fetch import Fetcher, SecretMask, redact_url
from monitor.models import Feed, FeedState, FetchResult
from monitor.notify import RETRY_SCHEDULE_S, Outbox, send_digests
from monitor.pipeline import (
    WatchMemory,
    build_fetcher,
    build_scorers,
    check_watch,
    poll_feed,
    refuse_cluster,
    wall_clock,
)
from monitor.service import (
    Check,
    HealthServer,
    Metrics,
    StoreFigures,
    SystemdNotifier,
    set_secrets,
)
from monitor.store import Store, probe_writable, store_figures
from monitor.tone import ToneScorer

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]

# First runs are spread over at least this many seconds per feed (capped at the
# interval): with 2,000 feeds all due in the same 5 s of every interval, the polls
# queue behind the workers and most of them run late.
FIRST_RUN_GAP_S = 0.1
#: ``run`` leaves this long after a stop began, whatever is still closing: the daemon's
#: worst case. The systemd unit's TimeoutStopSec and the container's stop timeout
#: (deploy/) give it a margin before their SIGKILL.
HARD_STOP_S = 9.5


class TimedFetcher(Fetcher):
    """The daemon's ``Fetcher``: each fetch's duration goes to ``observe(kind, seconds)``."""

    observe: Callable[[str, float], None] | None = None

    def fetch_feed(
        self, url: str, state: FeedState, *, mask: SecretMask | None = None
    ) -> FetchResult:
        t0 = time.monotonic()
        try:
            return super().fetch_feed(url, state, mask=mask)
        finally:
            if self.observe is not None:
                self.observe("feed", time.monotonic() - t0)

    def fetch_page(self, url: str) -> FetchResult:
        t0 = time.monotonic()
        try:
            return super().fetch_page(url)
        finally:
            if self.observe is not None:
                self.observe("page", time.monotonic() - t0)


class Daemon:
    """The long-running monitor: scheduler, outbox sender and config watcher."""

    def __init__(
        self,
        config_path: str | Path,
        *,
        db_path: str | None = None,
        clock: Clock = wall_clock,
        outbox_every_s: float = 1.0,
        reload_every_s: float = 2.0,
        retry_schedule: tuple[float, ...] = RETRY_SCHEDULE_S,
        shutdown_grace_s: float = 8.0,
        first_run_spread_s: float = 5.0,
        http_listen: str | None = None,
        hard_stop_s: float | None = None,
    ) -> None:
        self.config_path = Path(config_path)
        self.config = load_config(self.config_path)
        set_secrets(self.config.secret_values())
        self._db_given = db_path is not None
        self.db_path = db_path or self.config.database
        self.hard_stop_s = hard_stop_s
        self.http: HttpConfig | None = self.config.http
        if http_listen:
            try:
                self.http = HttpConfig(
                    listen=http_listen,
                    ready_intervals=self.http.ready_intervals if self.http else 3.0,
                )
            except ValueError as exc:
                raise ConfigError(f"--http: {http_listen!r}: must be HOST:PORT") from exc
        refuse_cluster(self.config, self.db_path, command="run")
        self.clock = clock
        self.stop_event = threading.Event()
        self.shutdown_grace_s = shutdown_grace_s
        self.first_run_spread_s = first_run_spread_s
        self._fingerprint = config_fingerprint(self.config_path)
        # A plain flag, not an Event: the SIGHUP handler runs on the main thread, which
        # may itself be clearing it, and an Event's internal lock would deadlock there.
        self._reload_requested = False
        self._stop_requested = False
        self._reload_lock = threading.Lock()
        self._lock = threading.Lock()
        self._inflight = 0
        self.store = Store(self.db_path)
        self.metrics = Metrics(figures=self._figures)
        self.metrics.started.set(time.time())
        fetcher = build_fetcher(self.config, TimedFetcher)
        assert isinstance(fetcher, TimedFetcher)
        fetcher.observe = lambda kind, s: self.metrics.fetch_seconds.labels(kind).observe(s)
        self.fetcher = fetcher
        self.systemd = SystemdNotifier()
        self.health: HealthServer | None = None
        # Readiness: when each feed last polled well (seeded from the database, so a
        # restart is ready at once), and the last storage failure, cleared by a write.
        self._last_ok: dict[str, datetime] = {
            f.url: f.last_success_at for f in self.store.feed_states() if f.last_success_at
        }
        self._store_error: str | None = None
        # Per feed job, the first known of (scheduled time, start time) of its current run.
        self._lag_half: dict[str, datetime] = {}
        self.scorers: dict[str, ToneScorer] = build_scorers(self.config)
        self.outbox = Outbox(
            self.store,
            self.config.notifiers,
            client=httpx.Client(),
            clock=clock,
            schedule=retry_schedule,
        )
        self.scheduler = BackgroundScheduler(
            # Outbox, digest and reload run on their own threads: a backlog of polls
            # must not hold an alert back (or skip its job) behind feed jobs.
            executors={
                "default": ThreadPoolExecutor(self.config.fetch.workers),
                "control": ThreadPoolExecutor(2),
            },
            job_defaults={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
            timezone=UTC,
        )
        self._feeds: dict[str, Feed] = {}
        # Watches whose shift detection must run again: all of them at start (a
        # crash may have cut a poll between storing articles and detecting), and
        # those of any poll that failed part-way. The outbox job catches them up.
        self._unchecked: set[str] = {w.name for w in self.config.watches}
        # Per watch, its samples and copy verdicts between detector runs (control job only).
        self._memories: dict[str, WatchMemory] = {}
        self.outbox_every_s = outbox_every_s
        self.reload_every_s = reload_every_s

    # -- jobs -------------------------------------------------------------------

    def _poll_job(self, url: str) -> None:
        """Job wrapper: one feed's poll; a failure is logged, never raised."""
        if self.stop_event.is_set():
            return
        with self._lock:
            feed, config, scorers = self._feeds.get(url), self.config, self.scorers
        if feed is None:
            return
        self._pair_lag(_job_id(url), started=datetime.now(UTC))
        with self._lock:
            self._inflight += 1
        t0 = time.monotonic()
        outcome, new = "error", 0
        try:
            result = poll_feed(
                feed,
                config=config,
                store=self.store,
                fetcher=self.fetcher,
                scorers=scorers,
                clock=self.clock,
                stop=self.stop_event,
                detect=False,
            )
            outcome, new = result.status, result.new_articles
            if result.status in ("ok", "not_modified"):
                with self._lock:
                    self._last_ok[url] = self.clock()
                    self._store_error = None  # the poll's writes went through
            if result.new_articles or result.status == "stopped":
                # Detection runs in the control job, once per watch per tick.
                self._mark_unchecked(feed.watches)
        except MonitorError as exc:
            log.error("poll.error url=%s error=%s", url, exc)
            if isinstance(exc, StoreError):
                with self._lock:
                    self._store_error = str(exc)
            self._mark_unchecked(feed.watches)
        except Exception:
            log.exception("poll.crashed url=%s (the other feeds carry on)", url)
            self._mark_unchecked(feed.watches)
        finally:
            with self._lock:
                self._inflight -= 1
            self.metrics.record_poll(
                redact_url(url),
                outcome,
                seconds=time.monotonic() - t0,
                new_articles=new,
                at=time.time(),
            )

    def _mark_unchecked(self, watches: tuple[str, ...]) -> None:
        with self._lock:
            self._unchecked.update(watches)

    def _catch_up(self) -> None:
        """Run shift detection for the watches with new articles since the last tick.

        Also those a crash (all watches at start) or a failed poll left
        unchecked. Polls only mark watches; detecting here, once per watch per
        tick, keeps a busy watch from running its detector once per feed.
        """
        with self._lock:
            config = self.config
            self._unchecked &= {w.name for w in config.watches}
            pending = [w for w in config.watches if w.name in self._unchecked]
        for name in set(self._memories) - {w.name for w in config.watches}:
            del self._memories[name]
        for watch in pending:
            if self.stop_event.is_set():
                return
            with self._lock:
                # Cleared before the check: articles stored meanwhile mark it again.
                self._unchecked.discard(watch.name)
            try:
                memory = self._memories.get(watch.name)
                if memory is None or memory.rule != config.rule_of(watch):
                    memory = self._memories[watch.name] = WatchMemory(config.rule_of(watch))
                check_watch(watch, config=config, store=self.store, now=self.clock(), memory=memory)
            except MonitorError as exc:
                log.error("shift.check_failed watch=%s error=%s (retried)", watch.name, exc)
                self._mark_unchecked((watch.name,))
            except Exception:
                log.exception("shift.check_crashed watch=%s (retried)", watch.name)
                self._mark_unchecked((watch.name,))

    def _outbox_job(self) -> None:
        if self.stop_event.is_set():
            return
        try:
            self._catch_up()
            self.outbox.deliver_due()
        except MonitorError as exc:
            log.error("notify.error error=%s", exc)
        except Exception:
            log.exception("notify.crashed")

    def _digest_job(self) -> None:
        if self.stop_event.is_set():
            return
        with self._lock:
            config = self.config
        try:
            for event_id in send_digests(self.store, config, now=self.clock()):
                log.info("notify.digest_queued id=%s", event_id)
        except MonitorError as exc:
            log.error("notify.digest_error error=%s", exc)
        except Exception:
            log.exception("notify.digest_crashed")

    def _reload_job(self) -> None:
        # One check at a time: the periodic job and a SIGHUP must not load one edit twice.
        with self._reload_lock:
            seen = config_fingerprint(self.config_path)
            requested = self._reload_requested
            self._reload_requested = False
            if seen != self._fingerprint:
                self._fingerprint = seen
                self.reload()
            elif requested:
                # Why not load it again: the same files give the same config, and a
                # SIGHUP racing the periodic check would report one edit twice.
                log.info(
                    "config.unchanged watches=%s (the files are as last read)",
                    ",".join(w.name for w in self.config.watches),
                )

    def _schedule_feeds(self, feeds: tuple[Feed, ...]) -> None:
        """Add, reschedule or remove feed jobs so they match ``feeds``."""
        wanted = {f.url: f for f in feeds}
        jitter = self.config.defaults.jitter
        spread = max(self.first_run_spread_s, len(wanted) * FIRST_RUN_GAP_S)
        for url in list(self._feeds):
            if url not in wanted:
                self.scheduler.remove_job(_job_id(url))
                self.metrics.forget_feed(redact_url(url))
                log.info("scheduler.feed_removed url=%s", url)
        for url, feed in wanted.items():
            old = self._feeds.get(url)
            if old is not None and old.interval_s == feed.interval_s:
                continue
            trigger = IntervalTrigger(
                seconds=feed.interval_s, jitter=max(0.0, feed.interval_s * jitter) or None
            )
            if old is not None:
                self.scheduler.reschedule_job(_job_id(url), trigger=trigger)
                continue
            # Spread first runs so a restart does not hit every feed at once.
            first = datetime.now(UTC) + timedelta(
                seconds=random.uniform(0, min(spread, feed.interval_s))
            )
            self.scheduler.add_job(
                self._poll_job,
                trigger,
                args=[url],
                id=_job_id(url),
                name=url,
                next_run_time=first,
            )
            log.info(
                "scheduler.feed_added url=%s interval=%.0fs watches=%s",
                url,
                feed.interval_s,
                ",".join(feed.watches),
            )
        self._feeds = wanted

    def reload(self) -> bool:
        """Re-read the config; keep the last good one if the new one is invalid."""
        try:
            new = load_config(self.config_path)
        except ConfigError as exc:
            for problem in exc.problems:
                log.error("config.invalid %s", problem)
            log.error(
                "config.kept_last_good watches=%s", ",".join(w.name for w in self.config.watches)
            )
            return False
        set_secrets((*self.config.secret_values(), *new.secret_values()))
        if new.database != self.config.database and not self._db_given:
            log.warning("config.database_changed: restart the daemon to use %s", new.database)
        if new.fetch != self.config.fetch:
            # The HTTP client and worker pool are built once, at start.
            log.warning("config.fetch_changed: restart the daemon to apply the new fetch settings")
        if new.http != self.config.http:
            log.warning("config.http_changed: restart the daemon to apply the new http settings")
        scorers = build_scorers(new)
        with self._lock:
            self.config, self.scorers = new, scorers
            self.outbox.notifiers = dict(new.notifiers)
            self._schedule_feeds(new.feeds())
        log.info(
            "config.reloaded watches=%s feeds=%d",
            ",".join(w.name for w in new.watches),
            len(self._feeds),
        )
        return True

    # -- lifecycle ----------------------------------------------------------------

    def start(self) -> None:
        """Start the scheduler and, when configured, the HTTP listener (non-blocking).

        Raises ``MonitorError`` when the listener's address cannot be bound.
        """
        if self.http is not None:
            self.health = HealthServer(
                self.http.address, metrics=self.metrics, readiness=self.readiness
            )
        self.scheduler.add_listener(self._on_submitted, EVENT_JOB_SUBMITTED)
        self._schedule_feeds(self.config.feeds())
        self.scheduler.add_job(
            self._outbox_job,
            IntervalTrigger(seconds=self.outbox_every_s),
            id="outbox",
            next_run_time=datetime.now(UTC),
            executor="control",
        )
        self.scheduler.add_job(
            self._digest_job,
            IntervalTrigger(seconds=60),
            id="digest",
            next_run_time=datetime.now(UTC),
            executor="control",
        )
        self.scheduler.add_job(
            self._reload_job,
            IntervalTrigger(seconds=self.reload_every_s),
            id="reload",
            executor="control",
        )
        self.scheduler.start()
        if self.health is not None:
            self.health.start()
        log.info(
            "daemon.started config=%s db=%s feeds=%d watches=%d pid=%d",
            self.config_path,
            self.db_path,
            len(self._feeds),
            len(self.config.watches),
            os.getpid(),
        )
        self.systemd.ready(
            f"polling {len(self._feeds)} feed(s) for {len(self.config.watches)} watch(es)"
        )

    def _on_submitted(self, event: JobSubmissionEvent) -> None:
        if event.job_id.startswith("feed:") and event.scheduled_run_times:
            self._pair_lag(event.job_id, scheduled=event.scheduled_run_times[-1])

    def _pair_lag(
        self, job_id: str, *, scheduled: datetime | None = None, started: datetime | None = None
    ) -> None:
        """Poll lag = start - scheduled time. The scheduler tells the scheduled time after
        handing the job to a worker, which may already have started it: whichever of the
        two arrives second measures (one run of a feed at a time, so they pair up)."""
        with self._lock:
            if scheduled is not None:
                started = self._lag_half.pop(job_id, None)
                if started is None:
                    self._lag_half[job_id] = scheduled
                    return
            else:
                assert started is not None
                scheduled = self._lag_half.pop(job_id, None)
                if scheduled is None:
                    self._lag_half[job_id] = started
                    return
        self.metrics.poll_lag.observe(max(0.0, (started - scheduled).total_seconds()))

    # -- health -------------------------------------------------------------------

    def readiness(self) -> dict[str, Check]:
        """The checks behind ``/readyz``: scheduler running, database writable, and a
        poll that succeeded within ``http.ready_intervals`` intervals of its feed."""
        checks: dict[str, Check] = {}
        running = self.scheduler.running and not self.stop_event.is_set()
        checks["scheduler"] = Check(running, "running" if running else "stopped")
        with self._lock:
            store_error, feeds, last_ok = self._store_error, dict(self._feeds), dict(self._last_ok)
        try:
            probe_writable(self.store)
            db = Check(store_error is None, store_error or f"writable: {self.db_path}")
        except MonitorError as exc:
            db = Check(False, str(exc))
        checks["database"] = db
        n = self.http.ready_intervals if self.http is not None else 3.0
        if not feeds:
            checks["polls"] = Check(True, "no feeds configured")
        else:
            now = self.clock()
            recent = [
                url
                for url, feed in feeds.items()
                if url in last_ok and now - last_ok[url] <= timedelta(seconds=n * feed.interval_s)
            ]
            detail = (
                f"{len(recent)} of {len(feeds)} feed(s) polled successfully within "
                f"{n:g} of their intervals"
            )
            checks["polls"] = Check(bool(recent), detail)
        return checks

    def _figures(self) -> StoreFigures:
        f = store_figures(self.store, now=self.clock())
        return StoreFigures(
            tone=f["tone"],
            events=f["events"],
            deliveries=f["deliveries"],
            outbox_due=f["outbox_due"],
            feed_failures={redact_url(u): n for u, n in f["feed_failures"].items()},
            articles=f["articles"],
        )

    def request_stop(self, *_: object) -> None:
        """Signal-safe: ask the daemon to stop (``run_forever`` acts on it within 0.1 s).

        Only a flag is set here. ``threading.Event.set`` takes the event's lock,
        which the main thread may hold inside ``Event.wait`` at the very moment the
        handler runs on it: the handler would then wait for itself forever.
        """
        self._stop_requested = True

    def request_reload(self, *_: object) -> None:
        """Signal-safe: ask for a config reload at the next check."""
        self._reload_requested = True

    def stop(self) -> None:
        """Stop scheduling, let in-flight polls end (bounded), close everything."""
        self.systemd.stopping()
        if self.hard_stop_s is not None:
            # Closing waits for locks a stuck thread may hold: past this bound the
            # process leaves anyway (every write is transactional).
            timer = threading.Timer(self.hard_stop_s, _overrun, args=(self.hard_stop_s,))
            timer.daemon = True
            timer.start()
        self.stop_event.set()
        if self.health is not None:
            self.health.stop()
        with contextlib.suppress(SchedulerNotRunningError):
            self.scheduler.shutdown(wait=False)
        deadline = time.monotonic() + self.shutdown_grace_s
        # Bounded wait for running jobs: they check stop_event between articles.
        while time.monotonic() < deadline and self._inflight:
            time.sleep(0.05)
        if self._inflight:
            log.warning(
                "daemon.cut_in_flight: jobs still running after %.0fs; exiting anyway "
                "(every write is transactional, the next run redoes them)",
                self.shutdown_grace_s,
            )
        self.fetcher.close()
        self.outbox.close()
        self.store.close()
        self.systemd.close()
        log.info("daemon.stopped")

    def run_forever(self) -> None:
        """Run until SIGTERM/SIGINT; reload on SIGHUP."""
        signal.signal(signal.SIGTERM, self.request_stop)
        signal.signal(signal.SIGINT, self.request_stop)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, self.request_reload)
        self.start()
        # systemd's watchdog: pinged from this loop while the scheduler's thread lives,
        # so a wedged main loop or a dead scheduler gets the service restarted.
        ping_every = self.systemd.watchdog_s / 3 if self.systemd.watchdog_s else None
        last_ping = 0.0
        while not (self._stop_requested or self.stop_event.is_set()):
            time.sleep(0.1)  # no lock is held here, so a signal handler can always run
            if ping_every is not None and time.monotonic() - last_ping >= ping_every:
                if self.scheduler.running:
                    self.systemd.watchdog()
                last_ping = time.monotonic()
            if self._reload_requested:
                # SIGHUP (systemctl reload) takes effect now, not at the next periodic check.
                try:
                    self._reload_job()
                except Exception:
                    log.exception("config.reload_crashed (the last good config keeps running)")
        log.info("daemon.stopping")
        self.stop()


def _job_id(url: str) -> str:
    return f"feed:{url}"


def _overrun(limit: float) -> None:
    log.warning("daemon.stop_overrun: still closing after %.0fs; exiting now", limit)
    exit_now(0)


def exit_now(code: int = 0) -> None:
    """Flush and leave without waiting for stuck worker threads."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
