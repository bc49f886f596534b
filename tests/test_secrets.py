"""Secrets stay secret: the webhook secret and ${ENV} values never reach logs, check output,
error messages or the database file."""

from __future__ import annotations

import ast
import base64
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.feeds import SECRET, rss, shifting_items
from tests.harness import (
    ROOT,
    DaemonProcess,
    Receiver,
    db_count,
    started_daemons,
    wait_for,
)
from tests.localserver import LocalServer, Request, Response

# A token in the notifier URL (as in Slack and Discord webhook URLs), given through ${ENV}.
TOKEN = "tok-5e3b9c1f0a7d4e22b8c6"


@pytest.fixture
def daemons() -> Iterator[list[DaemonProcess]]:
    """Daemons a test starts; every one still running is killed at teardown."""
    yield from started_daemons()


def _needles() -> dict[str, bytes]:
    """Every form in which the secrets could leak."""
    key = base64.b64decode(SECRET.removeprefix("whsec_"))
    return {
        "secret": SECRET.encode(),
        "secret base64 part": SECRET.removeprefix("whsec_").encode(),
        "secret key bytes": key,
        "URL token": TOKEN.encode(),
    }


def _leaks(blob: bytes) -> list[str]:
    return [name for name, needle in _needles().items() if needle in blob]


def _config(tmp_path: Path, server: LocalServer, *, hook_url: str = "${HOOK_URL}") -> Path:
    cfg = tmp_path / "w.yaml"
    cfg.write_text(
        f"database: {tmp_path / 'm.db'}\n"
        "defaults:\n  interval: 0.5s\n  jitter: 0\n"
        "notifiers:\n"
        f"  hook:\n    url: {hook_url}\n    secret: ${{TEST_WEBHOOK_SECRET}}\n"
        "watches:\n"
        "  - name: pair\n    actors: [United States, China]\n    feeds:\n"
        f"      - {server.url('/alpha.xml')}\n      - {server.url('/beta.xml')}\n"
        f"      - {server.url('/down.xml')}\n"
    )
    return cfg


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        timeout=60,
    )


def test_daemon_logs_and_database_never_hold_a_secret(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """Through a delivery that is retried (503) and then refused for good (410), a failing feed
    and debug logging, neither the log nor any byte of the database holds the secret or token."""
    now = datetime.now(UTC)
    for name in ("alpha", "beta"):
        body = rss(shifting_items(now, prefix=name), title=name.title())
        server.routes[f"/{name}.xml"] = lambda req, body=body: Response(200, body)
    server.routes["/down.xml"] = lambda req: Response(503, b"down")
    answers = iter([503, 410])
    receiver = Receiver()
    got: list[Request] = []

    def hook(req: Request) -> Response:
        got.append(req)
        receiver(req)
        return Response(next(answers, 410))

    server.routes[f"/hook/{TOKEN}"] = hook
    env = {"HOOK_URL": server.url(f"/hook/{TOKEN}")}
    cfg = _config(tmp_path, server)
    db = tmp_path / "m.db"
    daemon = DaemonProcess(cfg, tmp_path / "daemon.log", env=env, verbose=True)
    daemons.append(daemon)
    # 503 first, then (after the 5 s retry) 410: the notifier is disabled.
    wait_for(lambda: len(got) >= 2, timeout=30, what="a retried delivery")
    wait_for(
        lambda: db_count(db, "select count(*) from notifier_state where disabled = 1") == 1,
        what="the notifier to be disabled by the 410",
    )
    wait_for(lambda: "source.failing" in daemon.text(), what="the failing feed to be reported")
    assert daemon.stop() == 0
    assert receiver.bad == [] and len(receiver.got) == 2  # the secret really was in use

    text = daemon.text()
    assert "notify.endpoint_gone" in text and "notify.retry_scheduled" in text
    assert "DEBUG" in text
    assert _leaks(text.encode()) == []
    for f in tmp_path.glob("m.db*"):
        assert _leaks(f.read_bytes()) == [], f.name
    for args in (
        ("status",),
        ("deliveries",),
        ("deliveries", "--show", got[0].headers["webhook-id"] + ":hook"),
    ):
        out = _cli(*args, "--config", str(cfg), env={**env, "TEST_WEBHOOK_SECRET": SECRET})
        assert out.returncode == 0, out.stderr
        assert _leaks(out.stdout + out.stderr) == [], args


def test_check_output_never_holds_a_secret(tmp_path: Path, server: LocalServer) -> None:
    """`check` on a valid config prints neither the secret nor the ${ENV} token."""
    env = {"TEST_WEBHOOK_SECRET": SECRET, "HOOK_URL": server.url(f"/hook/{TOKEN}")}
    out = _cli("check", "--config", str(_config(tmp_path, server)), env=env)
    assert out.returncode == 0, out.stderr
    assert b"ok:" in out.stdout
    assert _leaks(out.stdout + out.stderr) == []


@pytest.mark.parametrize(
    ("wrong", "value"),
    [
        pytest.param(
            "HOOK_URL",
            f"ftp://hooks.example/{TOKEN}",
            id="url-not-http",
        ),
        pytest.param("TEST_WEBHOOK_SECRET", "whsec_" + TOKEN, id="secret-not-base64"),
        pytest.param("TEST_WEBHOOK_SECRET", "whsec_dG9vc2hvcnQ=", id="secret-too-short"),
    ],
)
def test_config_errors_never_echo_env_values(
    tmp_path: Path, server: LocalServer, wrong: str, value: str
) -> None:
    """A wrong ${ENV} value makes `check` fail with a file:line error that does not print it."""
    env = {"TEST_WEBHOOK_SECRET": SECRET, "HOOK_URL": server.url(f"/hook/{TOKEN}"), wrong: value}
    out = _cli("check", "--config", str(_config(tmp_path, server)), env=env)
    assert out.returncode == 1
    assert b"w.yaml:" in out.stderr and b"notifiers.hook." in out.stderr
    leaked = [
        n
        for n, needle in {**_needles(), "value": value.encode()}.items()
        if needle in out.stderr + out.stdout
    ]
    assert leaked == []


def test_env_value_in_a_feed_url_stays_secret(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """A feed URL carrying an ${ENV} key (a paywalled feed) never shows it in logs or database."""
    now = datetime.now(UTC)
    body = rss(shifting_items(now, prefix="alpha", days_warm=2, days_hostile=0), title="Alpha")
    server.routes["/alpha.xml"] = lambda req: Response(200, body)
    cfg = tmp_path / "w.yaml"
    cfg.write_text(
        f"database: {tmp_path / 'm.db'}\n"
        "defaults:\n  interval: 0.5s\n  jitter: 0\n"
        "watches:\n  - name: pair\n    actors: [United States, China]\n    feeds:\n"
        f"      - {server.url('/alpha.xml')}?key=${{FEED_KEY}}\n"
    )
    daemon = DaemonProcess(cfg, tmp_path / "daemon.log", env={"FEED_KEY": TOKEN})
    daemons.append(daemon)
    db = tmp_path / "m.db"
    wait_for(lambda: db_count(db, "select count(*) from articles") == 6, what="the feed's articles")
    assert daemon.stop() == 0
    assert _leaks(daemon.text().encode()) == []
    for f in tmp_path.glob("m.db*"):
        assert _leaks(f.read_bytes()) == [], f.name


# A feed key with nothing token-shaped about it: only the placeholder mask can hide it.
FEED_KEY = "open-sesame-feed"


def test_feed_key_never_leaks_through_redirects_logs_cli_report_or_webhooks(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """A key written as ${FEED_KEY} in three feed URLs (in the path and in `code=`), each
    redirected to another host name with the same path and query (127.0.0.1 -> localhost):
    one then fails (503), one loops back, one answers. Through the daemon's -v log, the
    database, `status`, `history --format json`, `poll`, the report and the webhook bodies a
    real receiver verified, the resolved key appears nowhere; the hops are named with the
    placeholder."""
    now = datetime.now(UTC)
    good = rss(shifting_items(now, prefix="c"), title="Gamma")
    other = f"http://localhost:{server.port}"

    def route(kind: str) -> Callable[[Request], Response]:
        def handle(req: Request) -> Response:
            on_other = req.headers["host"].startswith("localhost")
            if not on_other:  # www -> apex, http -> https: same path and query elsewhere
                return Response(301, b"", {"Location": other + req.path})
            if kind == "fail":
                return Response(503, b"down", {"Retry-After": "1"})
            if kind == "loop":
                return Response(302, b"", {"Location": server.url(req.path)})
            return Response(200, good, {"Content-Type": "application/rss+xml"})

        return handle

    for kind in ("fail", "loop", "good"):
        server.routes[f"/{kind}/{FEED_KEY}/rss"] = route(kind)
    receiver = Receiver()
    bodies: list[bytes] = []

    def hook(req: Request) -> Response:
        bodies.append(req.body)
        return receiver(req)

    server.routes["/hook"] = hook
    cfg = tmp_path / "w.yaml"
    feeds = "".join(
        f"      - {server.url(f'/{kind}/${{FEED_KEY}}/rss')}?code=${{FEED_KEY}}&lang=en\n"
        for kind in ("fail", "loop", "good")
    )
    cfg.write_text(
        f"database: {tmp_path / 'm.db'}\n"
        "defaults:\n  interval: 0.5s\n  jitter: 0\n"
        f"notifiers:\n  hook:\n    url: {server.url('/hook')}\n"
        "    secret: ${TEST_WEBHOOK_SECRET}\n"
        "watches:\n  - name: pair\n    actors: [United States, China]\n"
        f"    feeds:\n{feeds}"
    )
    env = {"FEED_KEY": FEED_KEY}
    db = tmp_path / "m.db"
    daemon = DaemonProcess(cfg, tmp_path / "daemon.log", env=env, verbose=True)
    daemons.append(daemon)

    def failing_received() -> int:
        return sum(1 for _, p in receiver.got if p["type"] == "source.failing")

    wait_for(lambda: failing_received() >= 2, timeout=40, what="two source.failing webhooks")
    wait_for(
        lambda: db_count(db, "select count(*) from articles") == 39, what="the good feed's articles"
    )
    assert daemon.stop() == 0
    assert receiver.bad == []

    leaks: dict[str, bytes] = {}
    leaks["daemon log"] = daemon.text().encode()
    for f in tmp_path.glob("m.db*"):
        leaks[f.name] = f.read_bytes()
    full_env = {**env, "TEST_WEBHOOK_SECRET": SECRET}
    report = tmp_path / "report.html"
    for args in (
        ("status",),
        ("status", "--format", "json"),
        ("history", "--since", "30d", "--format", "json"),
        ("history", "--since", "30d"),
        ("deliveries",),
        ("report", "--since", "30d", "--out", str(report)),
        ("poll", "-v"),
    ):
        out = _cli(*args, "--config", str(cfg), env=full_env)
        assert out.returncode == 0, (args, out.stderr)
        leaks[" ".join(args)] = out.stdout + out.stderr
    leaks["report"] = report.read_bytes()
    for i, body in enumerate(bodies):
        leaks[f"webhook body {i}"] = body
    key = FEED_KEY.encode()
    assert [where for where, blob in leaks.items() if key in blob] == []
    assert all(_leaks(blob) == [] for blob in leaks.values())

    # Not vacuous: the redirects happened, and each place names them by the placeholder.
    log = daemon.text()
    assert "fetch.redirect" in log and f"to={other}/fail/${{FEED_KEY}}/rss" in log
    errors = [
        str(p["data"]["last_error"]) for _, p in receiver.got if p["type"] == "source.failing"
    ]
    assert any(f"503 from {other}/fail/${{FEED_KEY}}/rss?code=" in e for e in errors), errors
    assert any("redirect loop" in e and "/loop/${FEED_KEY}/rss" in e for e in errors), errors
    status = leaks["status"].decode()
    assert "${FEED_KEY}" in status and "localhost" in status
    history = json.loads(leaks["history --since 30d --format json"])
    assert len(history["articles"]) == 39
    assert any(e["type"] == "source.failing" for e in history["events"])
    assert "source.failing" in leaks["report"].decode()
    assert len(server.hits(f"/loop/{FEED_KEY}/rss")) >= 2


def test_verbose_logging_keeps_url_printing_libraries_at_warning() -> None:
    """`run -v` turns on DEBUG for the monitor's own loggers only: httpx, httpcore, hpack,
    h11, h2 and the other libraries that print URLs or headers (a redirect's Location with a
    feed key) stay at WARNING."""
    code = (
        "import logging\n"
        "from monitor.cli.main import _setup_logging\n"
        "_setup_logging(True)\n"
        "names = ['httpx', 'httpcore', 'httpcore.http11', 'hpack', 'h11', 'h2', 'urllib3',"
        " 'trafilatura', 'apscheduler']\n"
        "print({n: logging.getLogger(n).getEffectiveLevel() for n in names})\n"
        "print(logging.getLogger('monitor.fetch.client').getEffectiveLevel())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    levels, own = out.stdout.strip().splitlines()
    assert set(ast.literal_eval(levels).values()) == {30}  # WARNING
    assert int(own) == 10  # DEBUG
