"""Running as a service: the HTTP listener (health, readiness, metrics), systemd's
sd_notify over a real unix socket, and the log formats, each against the real daemon."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.service import SystemdNotifier, set_secrets
from monitor.service.logs import JsonFormatter, TextFormatter
from tests.feeds import SECRET, rss, shifting_items
from tests.harness import DaemonProcess, Receiver, config_yaml, started_daemons, wait_for
from tests.localserver import LocalServer, Response
from tests.test_storage_faults import immutable_ok  # noqa: F401  (a fixture)


@pytest.fixture
def daemons() -> Iterator[list[DaemonProcess]]:
    """Daemons a test starts; every one still running is killed at teardown."""
    yield from started_daemons()


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, str]:
    """Status and body of a GET (an HTTP error status is returned, not raised)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _feeds(server: LocalServer, *, failing: bool = False) -> list[str]:
    body = rss(shifting_items(datetime.now(UTC), prefix="h", days_warm=2, days_hostile=0))
    if failing:
        server.routes["/h.xml"] = lambda req: Response(500, b"down")
    else:
        server.routes["/h.xml"] = lambda req: Response(200, body)
    return [server.url("/h.xml")]


def test_health_readiness_and_metrics(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """With http.listen set, /healthz answers at once, /readyz turns 200 after a good poll
    with every check named, and /metrics carries the documented series."""
    port = free_port()
    receiver = Receiver()
    server.routes["/hook"] = receiver
    cfg = tmp_path / "w.yaml"
    cfg.write_text(
        config_yaml(
            db=tmp_path / "m.db",
            watches={"pair": _feeds(server)},
            hooks={"hook": server.url("/hook")},
            interval="0.5s",
            extra=f"http:\n  listen: 127.0.0.1:{port}\n  ready_intervals: 4",
        )
    )
    daemon = DaemonProcess(cfg, tmp_path / "d.log")
    daemons.append(daemon)
    daemon.wait_started()
    base = f"http://127.0.0.1:{port}"
    code, body = get(base + "/healthz")
    assert code == 200 and json.loads(body)["status"] == "ok"
    wait_for(lambda: get(base + "/readyz")[0] == 200, what="/readyz to turn ready")
    checks = json.loads(get(base + "/readyz")[1])["checks"]
    assert set(checks) == {"scheduler", "database", "polls"}
    assert all(c["ok"] for c in checks.values())
    feed = server.url("/h.xml")
    wait_for(lambda: "rhetoric_tone{" in get(base + "/metrics")[1], what="tone in /metrics")
    code, text = get(base + "/metrics")
    assert code == 200
    for series in (
        f'rhetoric_polls_total{{feed="{feed}",outcome="ok"}}',
        f'rhetoric_articles_stored_total{{feed="{feed}"}} 6.0',
        'rhetoric_fetch_duration_seconds_count{kind="feed"}',
        "rhetoric_poll_lag_seconds_count",
        'rhetoric_poll_duration_seconds_count{outcome="ok"}',
        'rhetoric_tone{watch="pair"}',
        'rhetoric_tone_articles{watch="pair"} ',
        "rhetoric_outbox_depth",
        "rhetoric_articles 6.0",
        "rhetoric_store_scrape_ok 1.0",
        f'rhetoric_feed_consecutive_failures{{feed="{feed}"}} 0.0',
    ):
        assert series in text, series
    tone = float(re.search(r'^rhetoric_tone\{watch="pair"\} (\S+)$', text, re.M).group(1))  # type: ignore[union-attr]
    assert tone > 0.2, "warm coverage reads as engagement"
    assert get(base + "/nothing")[0] == 404
    assert daemon.stop() == 0
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(base + "/healthz", timeout=2)


def test_readyz_is_503_when_every_feed_fails(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """A daemon whose only feed answers 500 is alive but not ready, and says which check
    fails; /metrics counts the failed polls."""
    port = free_port()
    cfg = tmp_path / "w.yaml"
    cfg.write_text(
        config_yaml(
            db=tmp_path / "m.db",
            watches={"pair": _feeds(server, failing=True)},
            hooks={},
            interval="0.3s",
        )
    )
    # The listener is opt-in from the command line too (the container sets it by env).
    daemon = DaemonProcess(
        cfg, tmp_path / "d.log", env={"RHETORIC_MONITOR_HTTP": f"127.0.0.1:{port}"}
    )
    daemons.append(daemon)
    daemon.wait_started()
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: 'outcome="failed"' in get(base + "/metrics")[1], what="a failed poll")
    code, body = get(base + "/readyz")
    assert code == 503
    checks = json.loads(body)["checks"]
    assert checks["polls"]["ok"] is False and "0 of 1 feed(s)" in checks["polls"]["detail"]
    assert checks["scheduler"]["ok"] and checks["database"]["ok"]
    assert get(base + "/healthz")[0] == 200
    assert daemon.stop() == 0


def test_listen_address_in_use_is_a_clear_error(tmp_path: Path, server: LocalServer) -> None:
    """A taken http.listen port stops `run` at start with one clear message and exit 1."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        cfg = tmp_path / "w.yaml"
        cfg.write_text(
            config_yaml(
                db=tmp_path / "m.db",
                watches={"pair": _feeds(server)},
                hooks={},
                extra=f"http:\n  listen: 127.0.0.1:{port}",
            )
        )
        proc = subprocess.run(
            [*_cli(), "run", "--config", str(cfg)], capture_output=True, text=True, timeout=30
        )
    assert proc.returncode == 1
    assert f"error: http: cannot listen on 127.0.0.1:{port}" in proc.stderr
    assert "Traceback" not in proc.stderr


def _cli() -> list[str]:
    return [sys.executable, "-m", "monitor"]


def test_sd_notify_ready_watchdog_and_stopping_over_a_real_socket(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """Under NOTIFY_SOCKET the daemon sends READY=1 once started, WATCHDOG=1 every third of
    WATCHDOG_USEC, and STOPPING=1 on SIGTERM, as datagrams on a unix socket."""
    path = tmp_path / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(0.2)
    try:
        cfg = tmp_path / "w.yaml"
        cfg.write_text(
            config_yaml(db=tmp_path / "m.db", watches={"pair": _feeds(server)}, hooks={})
        )
        daemon = DaemonProcess(
            cfg,
            tmp_path / "d.log",
            env={"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "900000"},
        )
        daemons.append(daemon)
        got: list[str] = []

        def receive() -> None:
            with contextlib.suppress(TimeoutError):
                got.append(sock.recv(4096).decode())

        def seen(prefix: str, times: int = 1) -> bool:
            receive()
            return sum(m.startswith(prefix) for m in got) >= times

        wait_for(lambda: seen("READY=1"), what="READY=1")
        ready = next(m for m in got if m.startswith("READY=1"))
        assert "STATUS=polling 1 feed(s) for 1 watch(es)" in ready
        t0 = time.monotonic()
        wait_for(lambda: seen("WATCHDOG=1", 4), what="four watchdog pings")
        # 0.3 s apart: four within ~1.2 s, well inside the 0.9 s watchdog each time.
        assert time.monotonic() - t0 < 3.0
        daemon.proc.send_signal(signal.SIGTERM)
        wait_for(lambda: seen("STOPPING=1"), what="STOPPING=1")
        assert daemon.proc.wait(timeout=15) == 0
    finally:
        sock.close()


def test_sd_notify_abstract_socket_and_absent_socket() -> None:
    """An abstract NOTIFY_SOCKET (@name) is reached; without one every call is a no-op; a
    WATCHDOG_PID of another process turns the watchdog off."""
    name = f"rhetoric-test-{time.monotonic_ns()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(2)
    try:
        notifier = SystemdNotifier({"NOTIFY_SOCKET": "@" + name, "WATCHDOG_USEC": "2000000"})
        assert notifier.watchdog_s == 2.0
        assert notifier.ready("up")
        assert sock.recv(100) == b"READY=1\nSTATUS=up"
        notifier.close()
    finally:
        sock.close()
    off = SystemdNotifier({})
    assert not off.enabled and not off.ready("x") and off.watchdog_s is None
    other = SystemdNotifier(
        {"NOTIFY_SOCKET": "/nowhere", "WATCHDOG_USEC": "5", "WATCHDOG_PID": "1"}
    )
    assert other.watchdog_s is None


def _record(msg: str, *args: object, name: str = "monitor.pipeline") -> logging.LogRecord:
    return logging.LogRecord(name, logging.WARNING, __file__, 1, msg, args, None)


def test_log_formats_text_with_time_zone_and_json_with_event_fields() -> None:
    """Text lines start with an ISO time carrying its UTC offset; JSON lines carry the stable
    event name and each key=value of the message as a typed field."""
    record = _record("fetch.failed url=%s failures=%d error=%s", "http://x/f", 3, "timed out")
    text = TextFormatter().format(record)
    assert re.match(
        r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d WARNING monitor.pipeline "
        r"fetch\.failed url=http://x/f failures=3 error=timed out$",
        text,
    )
    obj = json.loads(JsonFormatter().format(record))
    assert obj["event"] == "fetch.failed" and obj["level"] == "warning"
    assert obj["url"] == "http://x/f" and obj["failures"] == 3 and obj["error"] == "timed out"
    assert re.search(r"[+-]\d\d:\d\d$", obj["time"])
    # Unkeyed conversions are skipped, keyed ones after them still land.
    shift = json.loads(JsonFormatter().format(_record("shift.%s watch=%s", "detected", "w")))
    assert shift["event"] == "shift.detected" and shift["watch"] == "w"
    other = json.loads(JsonFormatter().format(_record("Added job %s", "x", name="apscheduler")))
    assert other["event"] == "apscheduler.log"


def test_no_secret_reaches_a_log_line_in_either_format() -> None:
    """Registered secret values and anything shaped like whsec_... are masked in text and
    JSON, in the message, the fields and the traceback alike."""
    set_secrets(["feed-key-1234567"])
    try:
        record = _record("poll.error url=%s error=%s", "http://x/?k=feed-key-1234567", SECRET)
        for fmt in (TextFormatter(), JsonFormatter()):
            out = fmt.format(record)
            assert "feed-key-1234567" not in out and SECRET not in out
            assert "***" in out
    finally:
        set_secrets([])


def test_json_logs_of_the_daemon_and_third_party_debug_only_when_asked(
    tmp_path: Path, server: LocalServer
) -> None:
    """`run --log-format json -v` writes only JSON lines with an event each, none from a
    third-party logger; `-vv` adds APScheduler's debug lines but never the HTTP stack's;
    the feed key in the URL never appears."""
    key = "sekrit-feed-key-98765"
    body = rss(shifting_items(datetime.now(UTC), prefix="k", days_warm=1, days_hostile=0))
    server.routes["/k.xml"] = lambda req: Response(200, body)
    cfg = tmp_path / "w.yaml"
    cfg.write_text(
        config_yaml(
            db=tmp_path / "m.db",
            watches={"pair": [server.url("/k.xml") + "?key=${FEED_KEY}"]},
            hooks={},
        )
    )
    env = {**os.environ, "FEED_KEY": key, "RHETORIC_MONITOR_LOG_FORMAT": "json"}
    logs = {}
    for flag in ("-v", "-vv"):
        before = len(server.hits("/k.xml"))
        proc = subprocess.Popen(
            [*_cli(), "run", "--config", str(cfg), flag],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            wait_for(lambda n=before: len(server.hits("/k.xml")) >= n + 2, what="two polls")
        finally:
            proc.send_signal(signal.SIGTERM)
            out, _ = proc.communicate(timeout=15)
        assert proc.returncode == 0, out
        assert key not in out
        logs[flag] = [json.loads(line) for line in out.splitlines() if line.strip()]
    events = {r["event"] for r in logs["-v"]}
    assert {"daemon.started", "poll.done", "daemon.stopped"} <= events
    assert all(r["logger"].startswith("monitor") for r in logs["-v"])
    assert any(r["logger"].startswith("apscheduler") for r in logs["-vv"])
    assert not any(r["logger"].startswith(("httpx", "httpcore")) for r in logs["-vv"])


def test_sigterm_with_a_poll_stuck_in_the_network_exits_0_within_10s(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """A poll that hangs on a silent server does not hold the stop: `run` exits 0 within the
    10 s that the unit's and the container's stop timeouts leave a margin over."""
    release = threading.Event()

    def hang(req: object) -> Response:
        release.wait(30)
        return Response(200, b"")

    server.routes["/hang.xml"] = hang
    cfg = tmp_path / "w.yaml"
    cfg.write_text(
        config_yaml(db=tmp_path / "m.db", watches={"pair": [server.url("/hang.xml")]}, hooks={})
    )
    daemon = DaemonProcess(cfg, tmp_path / "d.log")
    daemons.append(daemon)
    try:
        daemon.wait_started()
        wait_for(lambda: len(server.hits("/hang.xml")) >= 1, what="the poll to hang")
        t0 = time.monotonic()
        code = daemon.stop(timeout=15)
        took = time.monotonic() - t0
    finally:
        release.set()
    assert code == 0
    assert took < 10.0, f"stop took {took:.1f}s"
    assert "daemon.cut_in_flight" in daemon.text()


@pytest.mark.usefixtures("immutable_ok")
def test_readyz_database_check_fails_when_the_database_refuses_writes(
    tmp_path: Path, server: LocalServer
) -> None:
    """The readiness check writes (a delete of no row, rolled back): a database turned
    read-only fails it with the store's message, and passes again once writable."""
    from monitor.daemon import Daemon
    from tests.test_storage_faults import _chattr

    db = tmp_path / "m.db"
    cfg = tmp_path / "w.yaml"
    cfg.write_text(config_yaml(db=db, watches={"pair": _feeds(server)}, hooks={}))
    daemon = Daemon(cfg)
    try:
        assert daemon.readiness()["database"].ok
        files = [p for p in (db, db.with_name(db.name + "-wal")) if p.exists()]
        _chattr("+i", *files)
        try:
            check = daemon.readiness()["database"]
        finally:
            _chattr("-i", *files)
        assert not check.ok and "write probe failed" in check.detail
        assert daemon.readiness()["database"].ok
    finally:
        daemon.fetcher.close()
        daemon.outbox.close()
        daemon.store.close()


def test_every_log_call_of_ours_starts_with_a_stable_event_name() -> None:
    """Each log call in monitor/ opens its message with a dotted event name (what JSON logs
    put in "event"), so dashboards and alerts can rely on it."""
    import ast

    root = Path(__file__).resolve().parent.parent / "monitor"
    levels = {"debug", "info", "warning", "error", "exception", "critical"}
    bad, seen = [], 0
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in levels
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "log"
                and node.args
            ):
                seen += 1
                first = node.args[0]
                text = first.value if isinstance(first, ast.Constant) else None
                if not isinstance(text, str) or not re.match(r"^[a-z_]+(\.[a-z_%s]+)+", text):
                    bad.append(f"{path.relative_to(root)}:{node.lineno}")
    assert seen > 30 and not bad, f"log calls without an event name: {bad}"
