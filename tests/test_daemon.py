"""The real `run` process: config reload without restart, clean SIGTERM, durable outbox."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from standardwebhooks import Webhook

from tests.feeds import SECRET, rss, shifting_items, write_config
from tests.harness import DaemonProcess, started_daemons, wait_for
from tests.localserver import LocalServer, Request, Response


@pytest.fixture
def daemons() -> Iterator[list[DaemonProcess]]:
    """Daemons started by a test; any still running are killed at the end."""
    yield from started_daemons()


def _feed(server: LocalServer, path: str, title: str, now: datetime) -> None:
    body = rss(shifting_items(now, prefix=title), title=title)
    server.routes[path] = lambda req: Response(200, body, {"Content-Type": "application/rss+xml"})


def test_reload_on_edit_keeps_last_good_and_sigterm_exits_zero(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """A valid edit is picked up live, an invalid one is logged and ignored, SIGTERM exits 0."""
    now = datetime.now(UTC)
    _feed(server, "/a.xml", "Alpha", now)
    _feed(server, "/b.xml", "Beta", now)
    cfg = write_config(
        tmp_path / "w.yaml",
        db=tmp_path / "m.db",
        feeds=[server.url("/a.xml")],
        hook_url=None,
        interval="1s",
    )
    daemon = DaemonProcess(cfg, tmp_path / "daemon.log")
    daemons.append(daemon)
    wait_for(lambda: len(server.hits("/a.xml")) >= 2, what="first polls of feed a")
    assert server.hits("/b.xml") == []

    write_config(
        cfg,
        db=tmp_path / "m.db",
        feeds=[server.url("/a.xml"), server.url("/b.xml")],
        hook_url=None,
        interval="1s",
    )
    wait_for(lambda: len(server.hits("/b.xml")) >= 1, what="feed b after the edit")
    assert "config.reloaded" in daemon.text()

    good = cfg.read_text()
    cfg.write_text(good.replace("actors:", "actorz:"))
    wait_for(lambda: "config.invalid" in daemon.text(), what="invalid config to be logged")
    assert f"{cfg}:7: watches[0].actorz: unknown key" in daemon.text()
    before = len(server.hits("/b.xml"))
    wait_for(
        lambda: len(server.hits("/b.xml")) > before + 1, what="polling on the last good config"
    )

    started = time.monotonic()
    assert daemon.stop(timeout=10.0) == 0
    assert time.monotonic() - started < 10.0
    assert "daemon.stopped" in daemon.text()


def test_sighup_reloads(tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]) -> None:
    """SIGHUP makes the daemon re-read its config: an edit is loaded once (the SIGHUP and
    the periodic check never load it twice), and files as last read are reported unchanged.
    An edit that keeps the file's modification time is seen too (contents are compared)."""
    now = datetime.now(UTC)
    _feed(server, "/a.xml", "Alpha", now)
    _feed(server, "/b.xml", "Beta", now)
    _feed(server, "/c.xml", "Gamma", now)
    cfg = tmp_path / "w.yaml"
    db = tmp_path / "m.db"
    write_config(cfg, db=db, feeds=[server.url("/a.xml")], hook_url=None, interval="1s")
    daemon = DaemonProcess(cfg, tmp_path / "daemon.log")
    daemons.append(daemon)
    wait_for(lambda: "daemon.started" in daemon.text(), what="start")

    daemon.proc.send_signal(signal.SIGHUP)
    wait_for(lambda: "config.unchanged" in daemon.text(), what="SIGHUP on unchanged files")
    assert "config.reloaded" not in daemon.text()

    urls = [server.url("/a.xml"), server.url("/b.xml")]
    write_config(cfg, db=db, feeds=urls, hook_url=None, interval="1s")
    daemon.proc.send_signal(signal.SIGHUP)
    wait_for(lambda: "config.reloaded" in daemon.text(), what="reload after SIGHUP")
    wait_for(lambda: bool(server.hits("/b.xml")), what="the added feed to be polled")
    time.sleep(2.5)  # past the next periodic check (every 2 s)
    assert daemon.text().count("config.reloaded") == 1

    # The same modification time, other contents (a file restored with its old time).
    stat = cfg.stat()
    write_config(cfg, db=db, feeds=[*urls, server.url("/c.xml")], hook_url=None, interval="1s")
    os.utime(cfg, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    wait_for(lambda: bool(server.hits("/c.xml")), what="the edit with the old time to be seen")
    assert daemon.text().count("config.reloaded") == 2
    assert daemon.stop(timeout=10.0) == 0


def test_alert_survives_receiver_outage_and_restart(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """An alert that fired while the receiver was down arrives once after a daemon restart."""
    now = datetime.now(UTC)
    _feed(server, "/a.xml", "Alpha", now)
    _feed(server, "/b.xml", "Beta", now)
    state = {"up": False}
    got: list[Request] = []

    def hook(req: Request) -> Response:
        if not state["up"]:
            return Response(503)
        Webhook(SECRET).verify(req.body, req.headers)
        got.append(req)
        return Response(204)

    server.routes["/hook"] = hook
    cfg = write_config(
        tmp_path / "w.yaml",
        db=tmp_path / "m.db",
        feeds=[server.url("/a.xml"), server.url("/b.xml")],
        hook_url=server.url("/hook"),
        interval="1h",
    )
    first = DaemonProcess(cfg, tmp_path / "daemon1.log")
    daemons.append(first)
    wait_for(lambda: len(server.hits("/hook")) >= 1, timeout=30, what="a delivery attempt")
    assert first.stop(timeout=10.0) == 0
    state["up"] = True
    second = DaemonProcess(cfg, tmp_path / "daemon2.log")
    daemons.append(second)
    wait_for(lambda: len(got) >= 1, timeout=30, what="the alert after restart")
    time.sleep(1.5)
    assert second.stop(timeout=10.0) == 0
    shift_ids = [r.headers["webhook-id"] for r in got if b"rhetoric.shift.detected" in r.body]
    assert len(shift_ids) == 1
    first_attempt_ids = {r.headers["webhook-id"] for r in server.hits("/hook")}
    assert shift_ids[0] in first_attempt_ids


def test_stop_and_reload_requests_take_no_lock(tmp_path: Path, server: LocalServer) -> None:
    """The SIGTERM and SIGHUP handlers only set flags: one that runs while the main thread
    holds the stop event's lock (inside ``Event.wait``) returns at once instead of waiting
    for itself forever, and the daemon then stops as asked."""
    import threading

    from monitor.daemon import Daemon as MonitorDaemon

    cfg = write_config(tmp_path / "w.yaml", db=tmp_path / "m.db",
                       feeds=[server.url("/a.xml")], hook_url=None)  # fmt: skip
    daemon = MonitorDaemon(cfg)
    done = threading.Event()

    def handlers_under_the_lock() -> None:
        # What a signal landing inside Event.wait sees: the event's own lock is held.
        with daemon.stop_event._cond:  # type: ignore[attr-defined]
            daemon.request_reload()
            daemon.request_stop()
        done.set()

    worker = threading.Thread(target=handlers_under_the_lock, daemon=True)
    worker.start()
    assert done.wait(5), "a signal handler blocked on the stop event's lock"
    daemon.stop()
    assert daemon._stop_requested and daemon._reload_requested
