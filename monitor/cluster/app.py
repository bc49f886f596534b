"""The Procrastinate app of cluster mode: six tasks on five queues, and the worker.

* ``rhetoric.tick`` (queue ``tick``), periodic: Procrastinate defers it once per
  period across all workers (a unique key on task and timestamp); lock ``tick`` runs
  one at a time, queueing lock ``tick`` keeps at most one waiting. It claims the due
  feeds (``feeds.next_poll_at``, ``FOR UPDATE SKIP LOCKED``) and defers one ``poll``
  per feed, up to ``claim_limit`` waiting, a ``deliver`` when outbox rows are due
  (retries come due this way), and the ``score`` and ``detect`` jobs a lost job left
  undone (``Runtime.stragglers``).
* ``rhetoric.rescue`` (queue ``tick``), periodic, no lock: retries the jobs of
  workers that stopped sending heartbeats (a stalled tick included, which holds the
  tick lock until then).
* ``rhetoric.poll`` (queue ``poll``), one per feed: queueing lock ``poll:URL`` (one
  waiting job per feed, however many ticks pass) and lock ``feed:URL`` (never two
  polls of a feed at once). Runs ``poll_feed`` (fetch → parse → extract → store,
  unscored), then defers ``score`` for the feed when it stored articles.
* ``rhetoric.score`` (queue ``score``), one per feed with new articles: queueing lock
  ``score:URL``, no lock (two at once take disjoint articles: the store's queue rows
  are taken ``FOR UPDATE SKIP LOCKED``). Scores and stores in one transaction, then
  defers ``detect`` for the watches that got scores.
* ``rhetoric.detect`` (queue ``detect``), one per watch: queueing lock ``detect:W``,
  lock ``watch:W`` (one detector per watch at a time, so one shift is one event, and
  one numbering of the watch's score rows at a time, so its marks skip none). Numbers
  the watch's new score rows (``sequence_scores``), then runs ``check_watch``, which
  writes events and their outbox rows in one transaction.
* ``rhetoric.deliver`` (queue ``deliver``): queueing lock ``deliver``, lock ``outbox``
  (one sender at a time). Runs ``Outbox.deliver_due``: the same outbox, bodies and
  ``webhook-id`` as local mode.

Coordination is Procrastinate's (its job table, locks and periodic-defer key) and
PostgreSQL's (row locks): no leader, no lock of ours, no static partition of feeds.
"""

from __future__ import annotations

import logging
from contextlib import suppress
from typing import Any

import procrastinate
from asgiref.sync import async_to_sync
from procrastinate.exceptions import AlreadyEnqueued, ConnectorException, ProcrastinateException
from procrastinate.jobs import Job, Status

from monitor.cluster.runtime import QUEUES, Runtime
from monitor.errors import StoreError

log = logging.getLogger("monitor.cluster")
#: Poll jobs queued per INSERT by a tick.
DEFER_BATCH = 200
#: A tick that queues at least this many polls refreshes the job table's statistics.
ANALYZE_AFTER = 500
#: Job priorities (higher first): with a backlog of polls, the tick, alerts and
#: detection still run on time on workers serving several queues.
PRIORITY = {"tick": 100, "deliver": 50, "detect": 20, "score": 10, "poll": 0}


def build_app(runtime: Runtime) -> procrastinate.App:
    """A Procrastinate app on the runtime's database, with the five tasks registered."""
    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(
            conninfo=runtime.dsn, kwargs={"application_name": "rhetoric-monitor-queue"}
        )
    )
    cluster = runtime.config.cluster

    def defer_sync(task: Any, *, queueing_lock: str, lock: str | None, **kwargs: Any) -> bool:
        """Defer ``task``; False when a job with ``queueing_lock`` is already waiting."""
        try:
            task.configure(queueing_lock=queueing_lock, lock=lock).defer(**kwargs)
        except AlreadyEnqueued:
            return False
        return True

    # Stalled jobs are retried by a task of their own, with no lock: a worker killed in
    # the middle of a tick leaves that tick `doing` with the tick lock, and only a task
    # outside that lock can set it free. A stalled rescue holds nothing back: the next
    # period's rescue retries it.
    @app.periodic(cron=cluster.cron(), periodic_id="rescue")
    @app.task(
        name="rhetoric.rescue", queue="tick", priority=PRIORITY["tick"], queueing_lock="rescue"
    )
    def rescue(timestamp: int) -> None:
        stalled = retry_stalled()
        if stalled:
            log.info("cluster.rescue at=%d stalled=%d", timestamp, stalled)

    # One tick at a time (Procrastinate's lock ``tick``; its queueing lock keeps at most
    # one waiting): a tick reads the backlog after the previous one committed its polls,
    # so overlapping ticks cannot each top the queue up to claim_limit. A sync task, like
    # the others: it runs on a worker thread and holds the claim's transaction while it
    # defers the polls.
    @app.periodic(cron=cluster.cron(), periodic_id="tick")
    @app.task(
        name="rhetoric.tick",
        queue="tick",
        priority=PRIORITY["tick"],
        lock="tick",
        queueing_lock="tick",
    )
    def tick(timestamp: int) -> None:
        # Top the queue up to claim_limit waiting polls, no further: Procrastinate's fetch
        # checks every waiting job's lock, so its cost grows with the backlog (11 s a job
        # with 92,000 waiting, measured). Feeds left unclaimed stay due, oldest first.
        waiting = waiting_polls()
        budget = cluster.claim_limit - waiting
        claimed, deferred = runtime.claim(defer_polls, limit=budget) if budget > 0 else (0, 0)
        if deferred >= ANALYZE_AFTER:
            # Fresh statistics for the job table: planned as near-empty, Procrastinate's
            # fetch (a lock check per waiting job) takes ~0.3 s a job at 5,000 waiting
            # instead of milliseconds: measured 0.2 polls/s against 31/s.
            app.connector.get_sync_connector().execute_query(query="analyze procrastinate_jobs")
        if runtime.delivery_due():
            defer_sync(deliver, queueing_lock="deliver", lock="outbox")
        # What a job lost between its commit and the next job's deferral left undone
        # (a kill -9 there, a job failed on a database error): queued again here.
        unscored, behind = runtime.stragglers()
        requeued = defer_scores(unscored)
        for watch in behind:
            requeued += defer_detect(watch)
        log.info(
            "cluster.tick at=%d claimed=%d deferred=%d waiting=%d requeued=%d",
            timestamp,
            claimed,
            deferred,
            waiting,
            requeued,
        )

    def defer_detect(watch: str) -> int:
        return int(
            defer_sync(detect, queueing_lock=f"detect:{watch}", lock=f"watch:{watch}", watch=watch)
        )

    def waiting_polls() -> int:
        rows = app.connector.get_sync_connector().execute_query_all(
            query="select count(*) as n from procrastinate_jobs"
            " where status = 'todo' and queue_name = 'poll'"
        )
        return int(rows[0]["n"]) if rows else 0

    def defer_polls(urls: list[str]) -> int:
        """One ``poll`` job per feed, queued by the hundred; returns how many were queued."""
        return defer_many(
            [
                Job(
                    queue="poll",
                    lock=f"feed:{url}",
                    queueing_lock=f"poll:{url}",
                    task_name=poll.name,
                    task_kwargs={"url": url},
                )
                for url in urls
            ]
        )

    def defer_scores(urls: list[str]) -> int:
        """One ``score`` job per feed (none where one waits); returns how many were queued."""
        return defer_many(
            [
                Job(
                    queue="score",
                    lock=None,
                    queueing_lock=f"score:{url}",
                    task_name=score.name,
                    task_kwargs={"url": url},
                    priority=PRIORITY["score"],
                )
                for url in urls
            ]
        )

    def defer_many(candidates: list[Job]) -> int:
        """Queue ``candidates`` by the hundred, skipping those whose queueing lock already
        has a waiting job; returns how many were queued."""
        if not candidates:
            return 0
        # Feeds whose last job still waits (a backlog) keep that job: skip them up front,
        # so a chunk's INSERT rarely meets a queueing lock and falls back to one by one.
        waiting = {
            r["queueing_lock"]
            for r in app.connector.get_sync_connector().execute_query_all(
                query="select queueing_lock from procrastinate_jobs"
                " where status = 'todo' and queueing_lock = any(%(locks)s)",
                locks=[j.queueing_lock for j in candidates],
            )
        }
        jobs = [j for j in candidates if j.queueing_lock not in waiting]
        queued = 0
        for i in range(0, len(jobs), DEFER_BATCH):
            chunk = jobs[i : i + DEFER_BATCH]
            try:
                app.job_manager.batch_defer_jobs(chunk)  # one INSERT: all or none
                queued += len(chunk)
            except AlreadyEnqueued:
                # Some job of the chunk still has one waiting: queue the others alone.
                for job in chunk:
                    with suppress(AlreadyEnqueued):
                        app.job_manager.defer_job(job)
                        queued += 1
        return queued

    def retry_stalled() -> int:
        """Retry the jobs of workers silent for ``stalled_after``; returns how many."""
        manager = app.job_manager
        stalled = list(
            async_to_sync(manager.get_stalled_jobs)(seconds_since_heartbeat=cluster.stalled_after)
        )
        for job in stalled:
            try:
                async_to_sync(manager.retry_job)(job)
                log.warning("cluster.stalled_job_retried job=%s task=%s", job.id, job.task_name)
            except ConnectorException as exc:
                # A fresh job with its queueing lock is already waiting: that one does the
                # work. Close the stalled one so its lock (the feed's, the outbox's) frees.
                async_to_sync(manager.finish_job)(job, status=Status.FAILED, delete_job=False)
                log.warning(
                    "cluster.stalled_job_closed job=%s task=%s reason=%s",
                    job.id,
                    job.task_name,
                    " ".join(str(exc).split())[:200],
                )
        return len(stalled)

    @app.task(name="rhetoric.poll", queue="poll")
    def poll(url: str) -> None:
        outcome = runtime.poll(url)
        if outcome.new_articles:
            defer_sync(score, queueing_lock=f"score:{url}", lock=None, url=url)
        if outcome.deliver:
            defer_sync(deliver, queueing_lock="deliver", lock="outbox")

    # No lock: two score jobs of one feed take disjoint articles (the store's queue rows
    # are claimed FOR UPDATE SKIP LOCKED), and none waits behind a dead worker's job.
    @app.task(name="rhetoric.score", queue="score", priority=PRIORITY["score"])
    def score(url: str) -> None:
        outcome = runtime.score(url)
        for watch in outcome.detect:
            defer_detect(watch)
        if outcome.more:  # a long backlog of one feed: the rest in a job of its own
            defer_sync(score, queueing_lock=f"score:{url}", lock=None, url=url)

    @app.task(name="rhetoric.detect", queue="detect", priority=PRIORITY["detect"])
    def detect(watch: str) -> None:
        if runtime.detect(watch):
            defer_sync(deliver, queueing_lock="deliver", lock="outbox")

    @app.task(name="rhetoric.deliver", queue="deliver", priority=PRIORITY["deliver"])
    def deliver() -> None:
        runtime.deliver()

    return app


def run_worker(
    runtime: Runtime,
    *,
    queues: tuple[str, ...] = QUEUES,
    concurrency: int = 4,
    name: str | None = None,
) -> None:
    """Prepare the database and run a worker until SIGINT/SIGTERM (Procrastinate's handlers)."""
    from procrastinate.schema import SchemaManager

    runtime.prepare(queue_schema=SchemaManager.get_schema())
    app = build_app(runtime)
    stalled_after = runtime.config.cluster.stalled_after
    log.info("cluster.worker_started queues=%s concurrency=%d", ",".join(queues), concurrency)
    try:
        app.run_worker(
            queues=list(queues),
            concurrency=concurrency,
            name=name,
            # Finished jobs leave the table: it holds only waiting and running work.
            delete_jobs="successful",
            # A worker silent for ``stalled_after`` is dead; its jobs are retried by a rescue.
            update_heartbeat_interval=max(1.0, stalled_after / 3),
            stalled_worker_timeout=stalled_after,
        )
    except ProcrastinateException as exc:
        # Seen when PostgreSQL goes away: the worker stops; its supervisor restarts it and
        # the others (or it, once back) retry its jobs after stalled_after.
        cause = " ".join(str(exc.__cause__ or exc).split())
        raise StoreError(
            f"worker: lost the queue's database ({cause}); check that PostgreSQL is running "
            "(under systemd the worker is restarted and catches up once it is back)"
        ) from exc
    finally:
        runtime.close()


__all__ = ["build_app", "run_worker"]
