"""Crash safety: the daemon, SIGKILLed at random moments, loses nothing and sends nothing twice."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.config import load_config
from monitor.parse import build_article, parse_feed
from monitor.pipeline import build_scorers, score_for_watches
from monitor.store import Store
from tests.feeds import SECRET, rss, shifting_items
from tests.harness import (
    DaemonProcess,
    GrowingFeed,
    Receiver,
    canonical,
    config_yaml,
    db_count,
    db_rows,
    feed_key,
    integrity,
    started_daemons,
    wait_for,
)
from tests.localserver import LocalServer, Request, Response

KILLS = 24
DELIVERY_CYCLES = 2
FEEDS_PER_WATCH = 3
WATCHES = ("pair-a", "pair-b")


@pytest.fixture
def daemons() -> Iterator[list[DaemonProcess]]:
    """Daemons a test starts; every one still running is killed at teardown."""
    yield from started_daemons()


class KillSwitch:
    """Decides when the running daemon dies: on a timer, mid-fetch, after a fetch, mid-delivery."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.now = threading.Event()
        self.killed = threading.Event()
        self.lock = threading.Lock()
        self.mode: str | None = None
        self.skip = 0
        self.generation = 0
        self.delivery_kills_left = 4
        self.fired_by: Counter[str] = Counter()

    def arm(self, mode: str) -> None:
        with self.lock:
            self.generation += 1
            self.mode, self.skip = mode, self.rng.randint(0, 8)
            self.now.clear()
            self.killed.clear()

    def disarm(self) -> None:
        with self.lock:
            self.mode = None

    def expire(self) -> None:
        """The cycle's time is up: kill now unless a hook already decided to."""
        with self.lock:
            if not self.now.is_set():
                self.fired_by["timer"] += 1
                self.now.set()

    def _fire(self, why: str, generation: int) -> bool:
        with self.lock:
            if generation != self.generation or self.mode is None or self.now.is_set():
                return False
            self.fired_by[why] += 1
            self.now.set()
            return True

    def on_feed(self, feed: GrowingFeed, status: int) -> None:
        """Feed route hook: kill while the daemon waits for this answer, or just after it."""
        with self.lock:
            mode, gen = self.mode, self.generation
            if mode in ("fetch", "after_fetch") and self.skip > 0:
                self.skip -= 1
                return
        if mode == "fetch":
            self._fire("mid-fetch", gen)
            time.sleep(0.3)  # the answer arrives after the kill
        elif mode == "after_fetch" and status == 200:
            # Lands in parse, extract, scoring, storing or shift detection of this answer.
            delay = self.rng.uniform(0.0, 0.15)
            threading.Timer(delay, self._fire, args=("after-fetch", gen)).start()

    def on_delivery(self, req: Request) -> None:
        """Receiver hook: the first few deliveries are cut after the receiver took them."""
        with self.lock:
            if self.delivery_kills_left <= 0 or self.mode is None:
                return
            gen = self.generation
        # Only a kill that really lands here uses up one of the delivery kills.
        if self._fire("mid-delivery", gen):
            with self.lock:
                self.delivery_kills_left -= 1
            # The 2xx answer goes out only once the sender is dead, however slow the machine.
            self.killed.wait(10.0)


def test_sigkill_at_random_moments_loses_nothing_and_sends_nothing_twice(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """Twenty-four SIGKILLs during polling, scoring and delivery leave every article stored and
    scored once, every event delivered under one webhook-id, and an intact database."""
    rng = random.Random(20261128)
    switch = KillSwitch(rng)
    now = datetime.now(UTC)
    db = tmp_path / "m.db"

    feeds: dict[str, GrowingFeed] = {}
    watches: dict[str, list[str]] = {}
    for w, watch in enumerate(WATCHES):
        watches[watch] = []
        for k in range(FEEDS_PER_WATCH):
            name = f"outlet{w}{k}"
            feed = GrowingFeed(
                items=shifting_items(now, prefix=name),
                title=f"Outlet {w}{k}",
                every_s=0.8,
                on_response=switch.on_feed,
            )
            path = f"/{name}.xml"
            server.routes[path] = feed
            feeds[server.url(path)] = feed
            watches[watch].append(server.url(path))
    receivers = {"hook": Receiver(), "audit": Receiver()}
    for name, receiver in receivers.items():
        receiver.before = switch.on_delivery
        server.routes[f"/{name}"] = receiver
    cfg = tmp_path / "w.yaml"
    cfg.write_text(
        config_yaml(
            db=db,
            watches=watches,
            hooks={name: server.url(f"/{name}") for name in receivers},
            interval="0.3s",
        )
    )
    total = sum(len(f.items) for f in feeds.values())

    def all_delivered() -> bool:
        return db_count(db, "select count(*) from events") >= len(WATCHES) and not db_count(
            db, "select count(*) from deliveries where status != 'delivered'"
        )

    started = time.monotonic()
    modes = ["random", "fetch", "after_fetch"]
    for cycle in range(KILLS):
        # The last cycles wait for a delivery to cut, so that one lands there on a machine of
        # any speed; the random, fetch and after-fetch cycles before them may end before the
        # first event fires.
        final_cycles = cycle >= KILLS - DELIVERY_CYCLES and not switch.fired_by["mid-delivery"]
        switch.arm("delivery" if final_cycles else modes[cycle % 3])
        daemon = DaemonProcess(cfg, tmp_path / f"run{cycle:02}.log")
        daemons.append(daemon)
        if switch.mode == "delivery":
            deadline = time.monotonic() + 40.0
            while not switch.now.wait(0.2):
                if time.monotonic() > deadline or all_delivered():
                    break
        else:
            switch.now.wait(rng.uniform(0.4, 2.5) if switch.mode == "random" else 6.0)
        switch.expire()
        daemon.kill()
        switch.killed.set()
        switch.disarm()
        assert daemon.proc.returncode == -9
        if db.exists():
            assert integrity(db) == "ok", f"after kill {cycle + 1}"
    kill_phase = time.monotonic() - started

    final = DaemonProcess(cfg, tmp_path / "final.log")
    daemons.append(final)
    final.wait_started()  # everything may be done already; this run must still come up
    event_ids: set[str] = set()

    def settled() -> bool:
        if not all(f.complete() for f in feeds.values()):
            return False
        if db_count(db, "select count(*) from articles") < total:
            return False
        if db_count(db, "select count(*) from deliveries where status != 'delivered'"):
            return False
        event_ids.clear()
        event_ids.update(r[0] for r in db_rows(db, "select event_id from events"))
        return len(event_ids) >= len(WATCHES) and all(
            event_ids <= r.ids() for r in receivers.values()
        )

    wait_for(settled, timeout=60, what="the final run to catch up and deliver")
    time.sleep(1.0)  # anything that would go out twice has time to do so
    assert final.stop() == 0

    # Every article served is stored exactly once, and scored exactly once.
    served = {feed_key(url, guid) for url, f in feeds.items() for guid in f.served}
    assert len(served) == total
    stored = [r[0] for r in db_rows(db, "select key from articles")]
    assert len(stored) == len(set(stored))
    assert set(stored) == served
    scored = Counter(r[0] for r in db_rows(db, "select article_key from scores"))
    assert set(scored) == served
    assert set(scored.values()) == {1}

    # Every event is stored once per shift and delivered to every notifier.
    events = db_rows(db, "select event_id, type, watch, direction from events")
    assert {(t, w, d) for _, t, w, d in events} == {
        ("rhetoric.shift.detected", w, "confrontation") for w in WATCHES
    }
    assert len(events) == len(WATCHES)
    deliveries = db_rows(db, "select event_id, notifier, status from deliveries")
    assert sorted((e, n) for e, n, _ in deliveries) == sorted(
        (e, n) for e, *_ in events for n in receivers
    )
    assert {s for *_, s in deliveries} == {"delivered"}

    # No event went out under two ids, and each id always carried the same event.
    for name, receiver in receivers.items():
        assert receiver.bad == [], name
        assert receiver.ids() == event_ids, name
        by_id: dict[str, set[str]] = {}
        by_shift: dict[tuple[str, str, str], set[str]] = {}
        for msg_id, payload in receiver.got:
            data = payload["data"]
            by_id.setdefault(msg_id, set()).add(canonical(data))
            by_shift.setdefault((payload["type"], data["watch"], data["direction"]), set()).add(
                msg_id
            )
        assert all(len(bodies) == 1 for bodies in by_id.values()), name
        assert all(len(ids) == 1 for ids in by_shift.values()), name

    assert integrity(db) == "ok"
    assert db_rows(db, "PRAGMA foreign_key_check") == []
    kills = sum(switch.fired_by.values())
    assert kills == KILLS
    # The kills really landed in the middle of work of every kind.
    assert switch.fired_by["mid-fetch"] >= 3
    assert switch.fired_by["after-fetch"] >= 3
    assert switch.fired_by["mid-delivery"] >= 1
    # Deliveries cut by a kill went out again after the restart, under the same id.
    assert any(max(Counter(i for i, _ in r.got).values()) > 1 for r in receivers.values())
    print(f"kills: {dict(switch.fired_by)}; kill phase {kill_phase:.1f}s")


def _stored_but_not_detected(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path, Receiver]:
    """Feeds whose articles complete a shift, and the database a SIGKILL between "articles
    stored" and "shift detected" leaves: every article and score written by the pipeline's
    own steps, no event, no ETag. Returns (config, database, receiver)."""
    now = datetime.now(UTC)
    db = tmp_path / "m.db"
    bodies = {}
    for name in ("outlet1", "outlet2"):
        body = rss(shifting_items(now, prefix=name), title=name.title())
        bodies[server.url(f"/{name}.xml")] = body
        server.routes[f"/{name}.xml"] = lambda req, body=body: Response(
            200, body, {"Content-Type": "application/rss+xml", "ETag": '"same"'}
        )
    receiver = Receiver()
    server.routes["/hook"] = receiver
    cfg = tmp_path / "w.yaml"
    cfg.write_text(
        config_yaml(
            db=db,
            watches={"pair": list(bodies)},
            hooks={"hook": server.url("/hook")},
            interval="1s",
        )
    )
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    config = load_config(cfg)
    scorers = build_scorers(config)
    store = Store(db)
    for url, body in bodies.items():
        for entry in parse_feed(body, feed_url=url, now=now):
            article = build_article(entry, now=now)
            assert store.save_article(
                article, score_for_watches(article, config.watches, scorers, now=now), now=now
            )
    store.close()
    assert db_count(db, "select count(*) from events") == 0
    return cfg, db, receiver


def test_articles_stored_before_a_crash_still_raise_their_event(
    tmp_path: Path,
    server: LocalServer,
    daemons: list[DaemonProcess],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A crash after a poll stored its articles but before shift detection ran does not lose
    the event: the restarted daemon detects and delivers it although nothing new arrives."""
    cfg, db, receiver = _stored_but_not_detected(tmp_path, server, monkeypatch)
    daemon = DaemonProcess(cfg, tmp_path / "daemon.log")
    daemons.append(daemon)
    wait_for(lambda: len(receiver.ids()) == 1, timeout=20, what="the event after restart")
    assert daemon.stop() == 0
    assert [p["type"] for _, p in receiver.got] == ["rhetoric.shift.detected"]
    assert db_count(db, "select count(*) from articles") == 78


def test_poll_command_after_a_cut_run_still_raises_the_event(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`poll` (the cron mode) after a run that was cut between storing and detecting finds
    nothing new yet still detects and delivers the event."""
    cfg, db, receiver = _stored_but_not_detected(tmp_path, server, monkeypatch)
    result = CliRunner().invoke(main, ["poll", "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    assert "new=0" in result.output and "delivered 1 webhook(s)" in result.output
    assert [p["type"] for _, p in receiver.got] == ["rhetoric.shift.detected"]
    assert db_count(db, "select count(*) from events") == 1
