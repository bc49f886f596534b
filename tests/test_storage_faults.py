"""Storage faults: a locked, read-only or failing database is retried and reported, the daemon
stays up, and once storage is back it catches up without losing an entry it already fetched."""

from __future__ import annotations

import resource
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.feeds import shifting_items
from tests.harness import (
    DaemonProcess,
    GrowingFeed,
    Receiver,
    config_yaml,
    db_count,
    integrity,
    started_daemons,
    wait_for,
)
from tests.localserver import LocalServer, Request, Response

FIRST = 12  # items served before the fault
TOTAL = 39  # items of the whole feed (the shift completes only with the last ones)


@pytest.fixture
def daemons() -> Iterator[list[DaemonProcess]]:
    """Daemons a test starts; every one still running is killed at teardown."""
    yield from started_daemons()


class StepFeed(GrowingFeed):
    """A feed that shows ``shown`` items (set by the test), with ETag / 304."""

    shown: int = FIRST

    def visible(self) -> int:
        return self.shown


def _setup(tmp_path: Path, server: LocalServer) -> tuple[Path, Path, list[StepFeed], Receiver]:
    now = datetime.now(UTC)
    feeds = []
    for name in ("alpha", "beta"):
        feed = StepFeed(items=shifting_items(now, prefix=name), title=name.title())
        server.routes[f"/{name}.xml"] = feed
        feeds.append(feed)
    receiver = Receiver()
    server.routes["/hook"] = receiver
    db = tmp_path / "m.db"
    cfg = tmp_path / "w.yaml"
    cfg.write_text(
        config_yaml(
            db=db,
            watches={"pair": [server.url("/alpha.xml"), server.url("/beta.xml")]},
            hooks={"hook": server.url("/hook")},
            interval="0.3s",
        )
    )
    return cfg, db, feeds, receiver


def _count(db: Path) -> int:
    return db_count(db, "select count(*) from articles")


def _fault_then_recover(
    tmp_path: Path,
    server: LocalServer,
    daemons: list[DaemonProcess],
    *,
    start_fault: Callable[[DaemonProcess, Path], None],
    end_fault: Callable[[DaemonProcess, Path], None],
    hold_s: float,
) -> DaemonProcess:
    """Run the daemon, break storage while new entries arrive, mend it, check the catch-up."""
    cfg, db, feeds, receiver = _setup(tmp_path, server)
    daemon = DaemonProcess(cfg, tmp_path / "daemon.log")
    daemons.append(daemon)
    wait_for(lambda: _count(db) == 2 * FIRST, what="the first entries to be stored")
    wait_for(
        lambda: any(r.headers.get("if-none-match") for r in server.hits("/alpha.xml")),
        what="a conditional GET with the saved ETag",
    )

    start_fault(daemon, db)
    try:
        # The entries that complete the shift appear only now, while storage is broken.
        for feed in feeds:
            feed.shown = TOTAL
        served_during = len(server.hits("/alpha.xml"))
        # Bounded by the store's retry budget: when the fault lands between a poll's fetch
        # and its save, that save retries (6 tries of the 5 s busy timeout, taking turns
        # with the other feed's) and fails before the feed polls again. Seen: 28 s.
        wait_for(
            lambda: len(server.hits("/alpha.xml")) >= served_during + 1,
            timeout=90,
            what="the new entries to be fetched during the fault",
        )
        time.sleep(hold_s)
        assert daemon.alive()
        assert _count(db) == 2 * FIRST
        assert db_count(db, "select count(*) from events") == 0
    finally:
        end_fault(daemon, db)

    wait_for(lambda: _count(db) == 2 * TOTAL, timeout=30, what="the catch-up after the fault")
    wait_for(lambda: len(receiver.ids()) == 1, timeout=20, what="the shift alert")
    assert daemon.alive()
    assert daemon.stop() == 0
    assert integrity(db) == "ok"
    assert receiver.bad == []
    # A fetched-but-unstored body never let its ETag be saved: no 304 hid the entries.
    assert all(f.served == {it.guid for it in f.items} for f in feeds)
    assert "poll.crashed" not in daemon.text()
    return daemon


def test_lock_held_past_busy_timeout_is_retried_and_caught_up(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """Another process holding the write lock for 7 s (past the 5 s busy timeout) makes the
    store retry with a logged store.retry; after release every entry is stored and alerted."""
    holder: dict[str, sqlite3.Connection] = {}

    def lock(daemon: DaemonProcess, db: Path) -> None:
        conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        conn.execute("BEGIN IMMEDIATE")
        holder["conn"] = conn

    def release(daemon: DaemonProcess, db: Path) -> None:
        conn = holder.pop("conn")
        conn.execute("ROLLBACK")
        conn.close()

    daemon = _fault_then_recover(
        tmp_path, server, daemons, start_fault=lock, end_fault=release, hold_s=7.0
    )
    assert "store.retry" in daemon.text()


def _set_fsize(pid: int, limit: int) -> None:
    _, hard = resource.prlimit(pid, resource.RLIMIT_FSIZE)
    resource.prlimit(pid, resource.RLIMIT_FSIZE, (limit, hard))


def test_failing_writes_are_reported_and_nothing_fetched_is_lost(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """While every write fails (the daemon's file-size limit cut to one byte, as on a full
    disk), polls are reported as poll.error with a store message; once writes work again the
    entries fetched during the fault are refetched, stored and alerted."""

    def break_writes(daemon: DaemonProcess, db: Path) -> None:
        _set_fsize(daemon.pid, 1)

    def mend_writes(daemon: DaemonProcess, db: Path) -> None:
        _set_fsize(daemon.pid, resource.RLIM_INFINITY)

    daemon = _fault_then_recover(
        tmp_path, server, daemons, start_fault=break_writes, end_fault=mend_writes, hold_s=2.0
    )
    errors = [line for line in daemon.text().splitlines() if "poll.error" in line]
    alpha = [line for line in errors if "alpha.xml" in line]
    assert len(alpha) >= 2  # every poll during the fault refetched and failed again
    assert all("store: save" in line and "disk I/O error" in line for line in errors)


def _chattr(flag: str, *paths: Path) -> None:
    subprocess.run(["chattr", flag, *map(str, paths)], check=True, capture_output=True)


@pytest.fixture
def immutable_ok(tmp_path: Path) -> None:
    """Skips unless this process may mark files immutable (root on a filesystem with chattr)."""
    probe = tmp_path / "probe"
    probe.write_text("x")
    if shutil.which("chattr") is None:
        pytest.skip("chattr not installed")
    try:
        _chattr("+i", probe)
    except subprocess.CalledProcessError:
        pytest.skip("cannot mark files immutable here (needs root and ext4/xfs/btrfs)")
    _chattr("-i", probe)


def test_read_only_database_while_running_is_reported_and_caught_up(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess], immutable_ok: None
) -> None:
    """A database file and WAL that turn read-only under the running daemon (chattr +i, which
    binds root too) fail its writes visibly; it stays up and catches up once they are writable."""
    made: list[Path] = []

    def freeze(daemon: DaemonProcess, db: Path) -> None:
        made.extend(p for p in (db, db.with_name(db.name + "-wal")) if p.exists())
        _chattr("+i", *made)

    def thaw(daemon: DaemonProcess, db: Path) -> None:
        _chattr("-i", *made)

    try:
        daemon = _fault_then_recover(
            tmp_path, server, daemons, start_fault=freeze, end_fault=thaw, hold_s=2.0
        )
    finally:
        if made:
            subprocess.run(["chattr", "-i", *map(str, made)], capture_output=True)
    assert "poll.error" in daemon.text()


def test_read_only_database_at_start_exits_with_a_clear_message(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess], immutable_ok: None
) -> None:
    """A daemon started on a database it cannot write exits 1 naming the file, no traceback."""
    cfg, db, _, _ = _setup(tmp_path, server)
    conn = sqlite3.connect(db)
    conn.execute("create table placeholder (x)")
    conn.close()
    _chattr("+i", db)
    try:
        daemon = DaemonProcess(cfg, tmp_path / "daemon.log")
        daemons.append(daemon)
        code = daemon.proc.wait(timeout=20)
        daemon.kill()
    finally:
        _chattr("-i", db)
    assert code == 1
    text = daemon.text()
    assert f"error: store: cannot open database {db}" in text
    assert "Traceback" not in text


def test_delivery_made_while_writes_fail_is_not_sent_again(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """A webhook that reaches its receiver while the database refuses writes is sent once: the
    daemon records it when storage is back instead of re-sending it every outbox tick."""
    cfg, db, feeds, receiver = _setup(tmp_path, server)
    for feed in feeds:
        feed.shown = TOTAL
    state = {"up": False}

    def hook(req: Request) -> Response:
        return receiver(req) if state["up"] else Response(503)

    server.routes["/hook"] = hook
    daemon = DaemonProcess(cfg, tmp_path / "daemon.log")
    daemons.append(daemon)
    wait_for(
        lambda: db_count(db, "select count(*) from deliveries where attempts = 1") == 1,
        what="the first (refused) attempt to be recorded",
    )
    _set_fsize(daemon.pid, 1)
    try:
        state["up"] = True
        wait_for(lambda: len(receiver.got) == 1, what="the retry (5 s later) to reach the receiver")
        time.sleep(3.0)  # three outbox ticks with storage still down
        assert len(receiver.got) == 1
        assert "notify.error" in daemon.text()
    finally:
        _set_fsize(daemon.pid, resource.RLIM_INFINITY)
    wait_for(
        lambda: db_count(db, "select count(*) from deliveries where status = 'delivered'") == 1,
        what="the delivery to be recorded once storage is back",
    )
    time.sleep(1.5)
    assert daemon.stop() == 0
    assert len(receiver.got) == 1
    assert receiver.bad == []
