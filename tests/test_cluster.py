"""Cluster mode: the config switch, the local runners' refusal, the feed schedule on
PostgreSQL, the operator commands against it, and real worker processes end to end.

PostgreSQL comes from ``RHETORIC_TEST_PG_DSN`` or a throwaway server (see
``tests/pgserver.py``); these tests skip, with the reason, when neither is there.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.config import load_config
from monitor.models import Article, Sample, ToneScore
from tests.feeds import SECRET
from tests.harness import ROOT, Receiver, wait_for
from tests.localserver import LocalServer, Request, Response

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


def _cluster_yaml(url: str = "${PGURL}", *, extra: str = "", feeds: tuple[str, ...] = ()) -> str:
    feed_lines = "".join(f"      - {f}\n" for f in feeds or ("https://f.example/rss",))
    return (
        f"mode: cluster\ndatabase_url: {url}\n{extra}"
        "watches:\n  - name: us-china\n    actors: [United States, China]\n    match: [China]\n"
        f"    feeds:\n{feed_lines}"
    )


# -- the switch ---------------------------------------------------------------------


def test_check_validates_a_cluster_config_and_hides_the_password(tmp_path: Path) -> None:
    """``check`` accepts mode: cluster with a PostgreSQL URL (password not shown) and names
    the key and the fix for a missing URL, a SQLite URL, or a tick no cron line can keep."""
    cfg = tmp_path / "c.yaml"
    runner = CliRunner()
    env = {"PGURL": "postgresql://mon:s3cret@db.internal:5432/rhetoric"}
    cfg.write_text(_cluster_yaml(extra="cluster:\n  tick: 15s\n"))
    ok = runner.invoke(main, ["check", "--config", str(cfg)], env=env)
    assert ok.exit_code == 0, ok.output
    assert "cluster mode on postgresql://mon:***@db.internal:5432/rhetoric, tick 15s" in ok.output
    assert "s3cret" not in ok.output

    cases = {
        "mode: cluster\nwatches: []\n": "mode: cluster needs database_url",
        _cluster_yaml("sqlite:///x.db"): "database_url: must be a PostgreSQL URL",
        _cluster_yaml(extra="cluster:\n  tick: 7s\n"): "cluster.tick: must divide a minute",
        "database_url: postgresql://h/d\nwatches: []\n": "read in mode: cluster only",
    }
    for text, expected in cases.items():
        cfg.write_text(text)
        bad = runner.invoke(main, ["check", "--config", str(cfg)], env=env)
        assert bad.exit_code == 1 and expected in bad.output, (text, bad.output)
        assert f"{cfg}:" in bad.output and "Traceback" not in bad.output


def test_cluster_tick_becomes_a_cron_line(tmp_path: Path) -> None:
    """The tick period turns into the cron line Procrastinate schedules (seconds sixth)."""
    cfg = tmp_path / "c.yaml"
    env = {"PGURL": "postgresql://h/d"}
    for tick, cron in (("10s", "* * * * * */10"), ("1s", "* * * * * */1"), ("5m", "*/5 * * * *")):
        cfg.write_text(_cluster_yaml(extra=f"cluster:\n  tick: {tick}\n"))
        assert load_config(cfg, env=env).cluster.cron() == cron


def test_local_runners_refuse_postgres_and_say_why(tmp_path: Path) -> None:
    """``run`` and ``poll`` refuse a cluster config or a PostgreSQL --db, pointing at
    ``worker``; ``worker`` refuses a local config, pointing at ``run``."""
    cfg = tmp_path / "c.yaml"
    cfg.write_text(_cluster_yaml())
    local = tmp_path / "l.yaml"
    local.write_text(f"database: {tmp_path / 'm.db'}\nwatches: []\n")
    runner = CliRunner()
    env = {"PGURL": "postgresql://h/d"}
    for args in (
        ["run", "--config", str(cfg)],
        ["poll", "--config", str(cfg)],
        ["run", "--config", str(local), "--db", "postgresql://h/d"],
    ):
        res = runner.invoke(main, args, env=env)
        assert res.exit_code == 1, (args, res.output)
        assert "does not run against PostgreSQL" in res.output
        assert "rhetoric-monitor worker" in res.output
    res = runner.invoke(main, ["worker", "--config", str(local)])
    assert res.exit_code == 1 and "set mode: cluster" in res.output, res.output
    res = runner.invoke(main, ["worker", "--config", str(cfg), "--queues", "poll,nope"], env=env)
    assert res.exit_code == 2 and "unknown queue(s) nope" in res.output


def test_an_unreachable_database_is_one_clear_error(tmp_path: Path) -> None:
    """A PostgreSQL that does not answer is a StoreError naming the URL without its
    password and what to check, and ``worker`` and ``status`` exit 1 with it, no traceback."""
    pytest.importorskip("psycopg", reason="psycopg not installed: pip install -e '.[test]'")
    import socket

    from monitor.errors import StoreError
    from monitor.store.postgres import PostgresStore

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    url = f"postgresql://mon:s3cret@127.0.0.1:{port}/rhetoric"
    with pytest.raises(StoreError) as err:
        PostgresStore(url, retries=1, retry_wait_s=0.01)
    message = str(err.value)
    assert f"postgresql://mon:***@127.0.0.1:{port}/rhetoric" in message
    assert "check that PostgreSQL is running" in message and "s3cret" not in message
    cfg = tmp_path / "c.yaml"
    cfg.write_text(_cluster_yaml())
    for args in (["status", "--config", str(cfg)], ["worker", "--config", str(cfg)]):
        res = CliRunner().invoke(main, args, env={"PGURL": url})
        assert res.exit_code == 1, (args, res.output)
        assert "check that PostgreSQL is running" in res.output
        assert "s3cret" not in res.output and "Traceback" not in res.output


# -- the schedule on PostgreSQL ---------------------------------------------------------


def test_concurrent_claims_are_disjoint_and_once_per_interval(pg_dsn: str) -> None:
    """Six claimers at once get disjoint feeds (FOR UPDATE SKIP LOCKED) that cover every due
    feed; a claimed feed is not due again until its interval has passed; a claim whose
    deferring fails moves nothing; a feed dropped from the config leaves the schedule."""
    from monitor.store import open_postgres

    stores = [open_postgres(pg_dsn) for _ in range(6)]
    urls = {f"https://f{i}.example/rss": 60.0 for i in range(600)}
    assert stores[0].schedule_feeds(urls, now=NOW) == 600
    assert stores[1].schedule_feeds(urls, now=NOW) == 0  # idempotent: every worker runs it
    claimed: list[list[str]] = []
    barrier = threading.Barrier(len(stores))

    def hold(urls: list[str]) -> list[str]:
        time.sleep(0.3)  # the claims overlap: each holds its rows while "deferring"
        return urls

    def claim(store: Any) -> None:
        barrier.wait(timeout=10)
        claimed.append(store.claim_due_feeds(NOW, limit=150, then=hold))

    threads = [threading.Thread(target=claim, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    every = [u for batch in claimed for u in batch]
    assert len(every) == len(set(every)) == 600
    later = NOW + timedelta(seconds=59)
    assert stores[0].claim_due_feeds(later, limit=1000, then=list) == []

    def crash(urls: list[str]) -> None:
        raise RuntimeError("worker died while deferring")

    due = NOW + timedelta(seconds=62)  # one interval after the claims were deferred
    with pytest.raises(RuntimeError):
        stores[0].claim_due_feeds(due, limit=1000, then=crash)
    assert len(stores[1].claim_due_feeds(due, limit=1000, then=list)) == 600  # none lost
    stores[0].schedule_feeds(dict(list(urls.items())[:10]), now=NOW)
    assert len(stores[0].claim_due_feeds(NOW + timedelta(hours=1), limit=1000, then=list)) == 10
    for s in stores:
        s.close()


def test_operator_commands_read_and_write_postgres(pg_dsn: str, tmp_path: Path) -> None:
    """``status``, ``history``, ``deliveries``, ``silence`` and ``report`` work against the
    cluster's PostgreSQL, from the config's database_url or from --db."""
    from monitor.store import open_postgres

    store = open_postgres(pg_dsn)
    now = datetime.now(UTC)
    a = Article("k1", "https://f.example/rss", "https://f.example/1", "Talks", "Talks.", now, "F")
    sample = Sample("k1", "us-china", now, 0.5, "F", "Talks", "https://f.example/1")
    store.save_article(a, [(sample, ToneScore(0.5, "engagement", 0.9))], now=now)
    store.add_event(
        "evt_9",
        type="rhetoric.shift.detected",
        watch="us-china",
        direction="engagement",
        at=now,
        payload={},
        bodies={"hook": "{}"},
        now=now,
    )
    store.close()
    cfg = tmp_path / "c.yaml"
    cfg.write_text(_cluster_yaml())
    runner = CliRunner()
    env = {"PGURL": pg_dsn}
    base = ["--config", str(cfg)]
    hist = runner.invoke(main, ["history", *base, "--format", "json"], env=env)
    assert hist.exit_code == 0 and '"Talks"' in hist.output, hist.output
    dl = runner.invoke(main, ["deliveries", "--db", pg_dsn])
    assert dl.exit_code == 0 and "evt_9:hook" in dl.output, dl.output
    st = runner.invoke(main, ["status", *base], env=env)
    assert st.exit_code == 0 and "articles=1" in st.output and "events=1" in st.output, st.output
    add = runner.invoke(
        main, ["silence", "add", *base, "us-china", "--for", "2h", "--comment", "x"], env=env
    )
    assert add.exit_code == 0, add.output
    listed = runner.invoke(main, ["silence", "list", *base], env=env)
    assert listed.exit_code == 0 and "us-china" in listed.output, listed.output
    out = tmp_path / "r.html"
    rep = runner.invoke(main, ["report", "--db", pg_dsn, "--out", str(out)])
    assert rep.exit_code == 0, rep.output
    assert "Talks" in out.read_text()


def test_score_jobs_score_each_stored_article_once(
    pg_dsn: str, tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cluster poll stores its feed's new articles unscored, each queued in the store; a
    score job failing before its commit leaves them queued (and a tick finds them); two
    score jobs at once score each article once, as a local poll would; then the watch's
    detector is found behind until a detect job runs."""
    import monitor.cluster.runtime as cluster_runtime
    from monitor.cluster import Runtime
    from monitor.pipeline import build_fetcher, build_scorers, poll_feed
    from monitor.store import Store
    from tests.feeds import Item, rss, shifting_items

    now = datetime.now(UTC)
    items = [*shifting_items(now, prefix="s"), Item("w-1", "Weather", "Rain later.", now)]
    body = rss(items)
    server.routes["/feed"] = lambda req: Response(
        200, body, {"Content-Type": "application/rss+xml"}
    )
    url = server.url("/feed")
    cfg = tmp_path / "c.yaml"
    cfg.write_text(_cluster_yaml(extra="fetch:\n  allow_private: [127.0.0.1/32]\n", feeds=(url,)))
    config = load_config(cfg, env={"PGURL": pg_dsn})
    runtime = Runtime(config)
    try:
        outcome = runtime.poll(url)
        assert outcome.status == "ok" and outcome.new_articles == len(items)
        assert _pg(pg_dsn, "select count(*) from scores") == [(0,)]
        assert _pg(pg_dsn, "select count(*) from unscored") == [(len(items),)]
        assert runtime.poll(url).new_articles == 0  # polled again: nothing queued twice
        assert _pg(pg_dsn, "select count(*) from unscored") == [(len(items),)]

        def crash(batch: object) -> list[Any]:
            raise RuntimeError("worker died while scoring")

        with pytest.raises(RuntimeError):
            runtime.store().score_unscored(url, crash, limit=10)
        assert _pg(pg_dsn, "select count(*) from unscored") == [(len(items),)]
        assert runtime.stragglers() == ([], [])  # queued just now: its job may still come
        _pg(pg_dsn, "update unscored set queued_at = now() - interval '1 hour' returning 1")
        assert runtime.stragglers() == ([url], [])

        monkeypatch.setattr(cluster_runtime, "SCORE_BATCH", 7)  # several rounds per job
        monkeypatch.setattr(cluster_runtime, "SCORE_ROUNDS", 1)
        first = runtime.score(url)  # its one round was full: it asks for another job
        assert first.articles == 7 and first.more and first.detect == ("us-china",)
        monkeypatch.setattr(cluster_runtime, "SCORE_ROUNDS", 20)
        barrier = threading.Barrier(2)
        outcomes: list[Any] = []

        def job() -> None:
            barrier.wait(timeout=10)
            outcomes.append(runtime.score(url))

        threads = [threading.Thread(target=job) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert sum(o.articles for o in outcomes) == len(items) - 7
        assert not any(o.more for o in outcomes)  # 20 rounds of 7 cover the 33 left
        assert {w for o in outcomes for w in o.detect} == {"us-china"}
        assert _pg(pg_dsn, "select count(*) from unscored") == [(0,)]
        assert runtime.score(url).articles == 0
        cluster = _pg(pg_dsn, "select article_key, watch, at, tone, label from scores")
        assert len(cluster) == len({(r[0], r[1]) for r in cluster})  # each scored once
        assert 0 < len(cluster) < len(items)  # those that name China (match: [China])

        # The same feed polled in local mode (scored inside the poll) gives the same rows.
        local = Store(tmp_path / "local.db")
        fetcher = build_fetcher(config)
        poll_feed(
            config.feeds()[0],
            config=config,
            store=local,
            fetcher=fetcher,
            scorers=build_scorers(config),
            clock=lambda: now,
        )
        fetcher.close()
        rows = local.db.execute("select article_key, watch, at, tone, label from scores")
        assert sorted(cluster) == sorted(tuple(r) for r in rows.fetchall())
        local.close()

        # Scored, not yet detected: the rows wait unnumbered, and the tick would queue the
        # watch's detect job; that job numbers them before its detector reads them.
        assert _pg(pg_dsn, "select count(*) from scores where seq is not null") == [(0,)]
        assert runtime.stragglers() == ([], ["us-china"])
        runtime.detect("us-china")
        assert runtime.stragglers() == ([], [])
        taken = _pg(pg_dsn, "select last_row, rows from detector_state where watch = 'us-china'")
        top = _pg(pg_dsn, "select max(seq), count(*), count(seq) from scores")
        assert taken == [(top[0][0], top[0][1])] and top[0][1] == top[0][2] == len(cluster)
    finally:
        runtime.close()


# -- workers, end to end -------------------------------------------------------------------


class Worker:
    """A ``python -m monitor worker`` process logging to its own file."""

    def __init__(
        self, config: Path, log: Path, env: dict[str, str], name: str, queues: str = ""
    ) -> None:
        self.log = log
        self._out = log.open("wb")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "monitor",
                "worker",
                "--config",
                str(config),
                "-v",
                "--name",
                name,
                "--concurrency",
                "4",
                *(["--queues", queues] if queues else []),
            ],
            cwd=ROOT,
            env={**os.environ, **env, "PYTHONUNBUFFERED": "1"},
            stdin=subprocess.DEVNULL,
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def kill9(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._out.close()


@pytest.fixture
def workers() -> Iterator[list[Worker]]:
    """The worker processes a test starts; all stopped (or killed) at teardown."""
    started: list[Worker] = []
    yield started
    for w in started:
        w.stop()


class CountingFeeds:
    """``/feed/N``: a small RSS document per feed, with ETag/304; counts GETs per feed and
    can hold chosen feeds for a while (a slow server) to catch a worker mid-poll."""

    def __init__(self, n: int, *, shifting: set[int], now: datetime) -> None:
        from tests.feeds import Item, rss, shifting_items

        self.bodies: dict[str, bytes] = {}
        for i in range(n):
            if i in shifting:
                items = shifting_items(now, prefix=f"s{i}", days_warm=10, days_hostile=3)
            else:
                items = [
                    Item(f"n{i}-{k}", f"Notes {i}.{k}", f"Weather report {i}.{k}.", now)
                    for k in range(2)
                ]
            self.bodies[f"/feed/{i}"] = rss(items, title=f"Outlet {i}")
        self.hits: dict[str, list[float]] = {p: [] for p in self.bodies}
        self.hold: dict[str, float] = {}
        self.lock = threading.Lock()

    def __call__(self, req: Request) -> Response:
        path = req.path.split("?", 1)[0]
        with self.lock:
            self.hits[path].append(time.monotonic())
        time.sleep(self.hold.get(path, 0.0))
        etag = f'"{hash(self.bodies[path]) & 0xFFFFFF:x}"'
        if req.headers.get("if-none-match") == etag:
            return Response(304, headers={"ETag": etag})
        return Response(
            200, self.bodies[path], {"Content-Type": "application/rss+xml", "ETag": etag}
        )


def _start_cluster(
    tmp_path: Path,
    pg_dsn: str,
    server: LocalServer,
    *,
    n: int,
    shifting: set[int],
    interval_s: int,
    workers: list[Worker],
    count: int = 3,
    queues: str = "",
) -> tuple[CountingFeeds, Receiver, dict[str, str]]:
    feeds = CountingFeeds(n, shifting=shifting, now=datetime.now(UTC))
    for path in feeds.bodies:
        server.routes[path] = feeds
    receiver = Receiver()
    server.routes["/hook"] = receiver
    cfg = tmp_path / "cluster.yaml"
    feed_urls = tuple(server.url(p) for p in feeds.bodies)
    cfg.write_text(
        _cluster_yaml(
            extra=(
                "cluster:\n  tick: 1s\n  stalled_after: 6\n  claim_limit: 500\n"
                "fetch:\n  allow_private: [127.0.0.1/32]\n  timeout_s: 30\n"
                f"defaults:\n  interval: {interval_s}s\n"
                f"notifiers:\n  hook:\n    url: {server.url('/hook')}\n"
                "    secret: ${TEST_WEBHOOK_SECRET}\n"
            ),
            feeds=feed_urls,
        )
    )
    env = {"PGURL": pg_dsn, "TEST_WEBHOOK_SECRET": SECRET}
    for i in range(count):
        workers.append(Worker(cfg, tmp_path / f"worker{i}.log", env, f"w{i}", queues))
    return feeds, receiver, env


def _pg(dsn: str, sql: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(dsn) as conn:
        return conn.execute(sql).fetchall()  # type: ignore[arg-type]


def _assert_invariants(
    pg_dsn: str, feeds: CountingFeeds, receiver: Receiver, workers: list[Worker], interval_s: int
) -> None:
    # The tick ran once per period across all workers (Procrastinate's unique defer key):
    # no period's timestamp appears in two workers' logs.
    ticks = Counter(
        line.split("at=")[1].split()[0]
        for w in workers
        for line in w.text().splitlines()
        if "cluster.tick at=" in line
    )
    assert ticks and max(ticks.values()) == 1, ticks.most_common(3)
    # The backlog stays bounded: a tick tops the queue up to claim_limit (500), no further.
    waiting = [
        int(line.split("waiting=")[1].split()[0])
        for w in workers
        for line in w.text().splitlines()
        if "cluster.tick at=" in line
    ]
    assert max(waiting) <= 500
    # Each feed fetched once per period: never two fetches of one feed well inside one
    # interval (claims are an interval apart; queueing adds at most a tick of jitter).
    for path, times in feeds.hits.items():
        assert times, f"{path} never fetched"
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert all(g > interval_s * 0.5 for g in gaps), (path, gaps)
    # No duplicate rows: every key is unique and matches what the feeds served.
    articles = _pg(pg_dsn, "select count(*), count(distinct key) from articles")[0]
    assert articles[0] == articles[1] == sum(b.count(b"<item>") for b in feeds.bodies.values())
    _assert_scored_once(pg_dsn)
    events = _pg(pg_dsn, "select event_id from events where type like 'rhetoric.%'")
    assert events, "no shift event"
    outbox = _pg(pg_dsn, "select count(*), count(distinct (event_id, notifier)) from deliveries")
    assert outbox[0][0] == outbox[0][1] == len(events)
    # Every event delivered, every copy signed correctly, under its event id.
    assert receiver.bad == []
    assert receiver.ids() == {e[0] for e in events}
    statuses = _pg(pg_dsn, "select status, count(*) from deliveries group by status")
    assert statuses == [("delivered", len(events))]


def _wait_detected(pg_dsn: str, timeout: float) -> None:
    """Wait (bounded) until every score row is numbered and each watch's saved detector
    has taken all of its rows: its mark at or above the watch's highest row, and as many
    rows counted as the watch has (a row committed below a mark already passed would be
    counted by neither)."""

    def done() -> bool:
        behind = _pg(
            pg_dsn,
            "select s.watch from scores s left join detector_state d on d.watch = s.watch"
            " group by s.watch, d.last_row, d.rows"
            " having count(*) filter (where s.seq is null) > 0"
            " or coalesce(d.last_row, 0) < max(s.seq) or coalesce(d.rows, 0) <> count(*)",
        )
        return _count(pg_dsn, "scores") > 0 and not behind

    wait_for(done, timeout=timeout, what="every score row taken by its watch's detector")


def _assert_scored_once(pg_dsn: str) -> None:
    """Every stored article went through a score job once: none left queued, no score row
    twice, and a row for each article the watch's keyword matches (match: [China])."""
    assert _pg(pg_dsn, "select count(*) from unscored") == [(0,)]
    scores = _pg(pg_dsn, "select count(*), count(distinct (article_key, watch)) from scores")[0]
    matching = _pg(
        pg_dsn,
        "select count(*) from articles where title || ' ' || text ~* '(^|[^[:alnum:]_])china"
        "([^[:alnum:]_]|$)'",
    )[0][0]
    assert scores[0] == scores[1] == matching > 0, (scores, matching)


def _count(pg_dsn: str, table: str) -> int:
    """Rows in ``table`` (-1 while the first worker has not created it yet)."""
    import psycopg

    try:
        return int(_pg(pg_dsn, f"select count(*) from {table}")[0][0])  # type: ignore[call-overload]
    except psycopg.errors.UndefinedTable:
        return -1


def _unscored(pg_dsn: str) -> int:
    return _count(pg_dsn, "unscored")


def _wait_delivered(pg_dsn: str, receiver: Receiver, timeout: float) -> None:
    def done() -> bool:
        rows = _pg(pg_dsn, "select count(*), count(*) filter (where status = 'delivered')"
                   " from deliveries")  # fmt: skip
        return bool(rows[0][0]) and rows[0][0] == rows[0][1] and bool(receiver.ids())

    wait_for(done, timeout=timeout, what="every outbox row delivered")


@pytest.mark.timeout(240)
def test_three_workers_poll_each_feed_once_per_period_and_deliver_every_event(
    tmp_path: Path, pg_dsn: str, server: LocalServer, workers: list[Worker]
) -> None:
    """2,000 feeds, 3 worker processes: every feed fetched once per period, the tick run once
    per period, the queue's backlog bounded by claim_limit, no duplicate article, event or
    outbox row, every event delivered signed."""
    interval = 20
    feeds, receiver, _ = _start_cluster(
        tmp_path, pg_dsn, server, n=2000, shifting={0, 1, 2}, interval_s=interval, workers=workers
    )

    def all_fetched() -> bool:
        with feeds.lock:
            return all(feeds.hits.values())

    wait_for(all_fetched, timeout=150, what="every feed fetched")
    # One more period: the second round of claims starts (and must not come early).
    first_done = time.monotonic()
    wait_for(
        lambda: sum(len(t) >= 2 for t in feeds.hits.values()) >= 100,
        timeout=interval * 3,
        what="a second round of polls",
    )
    assert time.monotonic() - first_done < interval * 3
    _wait_delivered(pg_dsn, receiver, timeout=30)
    _wait_detected(pg_dsn, timeout=60)
    for w in workers:
        w.stop()
    _assert_invariants(pg_dsn, feeds, receiver, workers, interval)


@pytest.mark.timeout(180)
def test_a_poll_only_worker_leaves_articles_unscored_until_a_score_worker_runs(
    tmp_path: Path, pg_dsn: str, server: LocalServer, workers: list[Worker]
) -> None:
    """Workers serving only tick and poll store every feed's articles and score none of
    them; once a worker serving score, detect and deliver starts, every article is scored
    once and every shift is detected and delivered, signed."""
    feeds, receiver, env = _start_cluster(
        tmp_path, pg_dsn, server, n=20, shifting={0, 1}, interval_s=60, workers=workers,
        count=1, queues="tick",
    )  # fmt: skip
    cfg = tmp_path / "cluster.yaml"
    workers.append(Worker(cfg, tmp_path / "poller.log", env, "poller", "poll"))
    served = sum(b.count(b"<item>") for b in feeds.bodies.values())
    wait_for(
        lambda: _count(pg_dsn, "articles") == served,
        timeout=90,
        what="every article stored",
    )
    time.sleep(4)  # ticks go on (and requeue the waiting articles' score jobs): none runs
    assert _pg(pg_dsn, "select count(*) from scores") == [(0,)]
    assert _unscored(pg_dsn) == served
    assert not any("cluster.scored" in w.text() for w in workers)
    workers.append(Worker(cfg, tmp_path / "scorer.log", env, "scorer", "score,detect,deliver"))
    wait_for(lambda: _unscored(pg_dsn) == 0, timeout=60, what="every article scored")
    _wait_delivered(pg_dsn, receiver, timeout=60)
    _wait_detected(pg_dsn, timeout=60)
    for w in workers:
        w.stop()
    _assert_scored_once(pg_dsn)
    assert "cluster.scored" in workers[-1].text()
    events = {e[0] for e in _pg(pg_dsn, "select event_id from events")}
    assert events and receiver.ids() == events and receiver.bad == []


@pytest.mark.timeout(300)
def test_killed_workers_mid_poll_mid_score_and_mid_delivery_lose_nothing(
    tmp_path: Path, pg_dsn: str, server: LocalServer, workers: list[Worker]
) -> None:
    """kill -9 of the worker polling a slow feed, of the worker inside its score
    transactions, then of the worker sending a webhook: after their stalled jobs are
    retried, every article is stored and scored once, every event is delivered (under one
    webhook-id, copies allowed), and no row is duplicated."""
    import psycopg

    interval = 30
    feeds, receiver, env = _start_cluster(
        tmp_path, pg_dsn, server, n=40, shifting={0, 1, 2}, interval_s=interval, workers=workers,
        queues="tick,poll,detect,deliver",
    )  # fmt: skip
    cfg = tmp_path / "cluster.yaml"
    slow = "/feed/0"
    feeds.hold[slow] = 4.0
    url = server.url(slow)

    def polling(w: Worker) -> bool:
        return f"cluster.poll_started url={url}" in w.text()

    wait_for(lambda: any(polling(w) for w in workers), timeout=60, what="the slow poll")
    victim = next(w for w in workers if polling(w))
    victim.kill9()
    feeds.hold.clear()
    served = sum(b.count(b"<item>") for b in feeds.bodies.values())
    wait_for(
        lambda: _count(pg_dsn, "articles") == served,
        timeout=90,
        what="every article stored, the slow feed's by a retried poll",
    )
    assert _pg(pg_dsn, "select count(*) from scores") == [(0,)]  # no worker serves score

    # Hold every article row (FOR UPDATE): a score row's foreign key check waits for it,
    # so a score job waits inside its transaction, its articles claimed, when it is killed.
    with psycopg.connect(pg_dsn) as holder:
        holder.execute("select key from articles for update")
        scorer = Worker(cfg, tmp_path / "scorer.log", env, "scorer", "score")
        workers.append(scorer)
        wait_for(
            lambda: (
                _count(
                    pg_dsn,
                    "pg_stat_activity where wait_event_type = 'Lock'"
                    " and query like 'insert into scores%'",
                )
                > 0
            ),
            timeout=60,
            what="a score job inside its transaction",
        )
        scorer.kill9()
        holder.rollback()
    assert "cluster.score_started" in scorer.text()
    assert _unscored(pg_dsn) > 0 and _pg(pg_dsn, "select count(*) from scores") == [(0,)]

    held = threading.Event()

    def hold_first(req: Request) -> None:
        if not held.is_set():
            held.set()
            time.sleep(8)

    receiver.before = hold_first
    workers.append(Worker(cfg, tmp_path / "scorer2.log", env, "scorer2", "score"))
    wait_for(held.is_set, timeout=90, what="a delivery after the stalled score was retried")
    sender = next(
        w for w in workers if w.proc.poll() is None and "cluster.deliver_started" in w.text()
    )
    sender.kill9()
    receiver.before = None
    workers.append(Worker(cfg, tmp_path / "worker-new.log", env, "w9"))
    _wait_delivered(pg_dsn, receiver, timeout=90)
    wait_for(lambda: _unscored(pg_dsn) == 0, timeout=60, what="every article scored")
    _wait_detected(pg_dsn, timeout=60)
    for w in workers:
        w.stop()
    articles = _pg(pg_dsn, "select count(*), count(distinct key) from articles")[0]
    assert articles[0] == articles[1] == served
    _assert_scored_once(pg_dsn)
    events = {e[0] for e in _pg(pg_dsn, "select event_id from events")}
    assert events and receiver.ids() == events and receiver.bad == []
    outbox = _pg(pg_dsn, "select count(*), count(distinct id) from deliveries")[0]
    assert outbox[0] == outbox[1] == len(events)
