"""Every channel: Apprise notifiers (json://, ntfy://, form://) against real loopback
receivers, through the outbox and its retries; readable messages; secrets kept out of
logs, errors and the database; Slack and Discord webhooks without a signing secret;
``test-notifier``; and the daily digest of a notifier without watches."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.config import Config, load_config
from monitor.errors import ConfigError
from monitor.models import FeedState
from monitor.notify import FORMATS, Outbox, message_of, send_digests
from monitor.store import Store
from tests.feeds import SECRET, Clock, enqueue_shift_event
from tests.localserver import LocalServer, Request, Response

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)
# A credential in an Apprise URL, given through ${ENV} as the README asks.
TOKEN = "apprise-tok-9f3c1e7a5b2d"
PASSWORD = "pw-7d1e9a3c5b"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAT_TOKEN", TOKEN)
    monkeypatch.setenv("CHAT_PASSWORD", PASSWORD)
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)


def _config(tmp_path: Path, notifier: str, *, watches: str | None = None) -> Path:
    path = tmp_path / "w.yaml"
    path.write_text(
        f"database: {tmp_path / 'm.db'}\n"
        "notifiers:\n"
        f"  hook:\n{notifier}"
        + (
            watches
            if watches is not None
            else "watches:\n  - name: us-china\n    actors: [United States, China]\n"
            "    feeds: [https://example.org/rss]\n"
        )
    )
    return path


def _apprise(tmp_path: Path, url: str, extra: str = "") -> tuple[Config, Store]:
    config = load_config(_config(tmp_path, f"    kind: apprise\n    url: {url}\n{extra}"))
    return config, Store(config.database)


def _shift(store: Store, config: Config, *, title: str = "Tariffs raised") -> None:
    enqueue_shift_event(store, config, at=NOW, title=title)


def _needles() -> list[bytes]:
    return [TOKEN.encode(), PASSWORD.encode(), base64.b64encode(f"u:{PASSWORD}".encode())]


def _leaks(blob: bytes) -> list[bytes]:
    return [n for n in _needles() if n in blob]


@pytest.fixture
def loopback_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    yield caplog


def test_apprise_json_goes_through_the_outbox_with_a_readable_message(
    tmp_path: Path, server: LocalServer
) -> None:
    """json:// on 127.0.0.1: title says FIRING, the watch, the direction and the move; the
    body links the headlines; the delivery is recorded as for a webhook."""
    got: list[Request] = []
    server.routes["/chat"] = lambda req: got.append(req) or Response(200)
    config, store = _apprise(tmp_path, f"json://127.0.0.1:{server.port}/chat")
    enqueue_shift_event(store, config, at=NOW, title="Tariffs raised")
    assert Outbox(store, config.notifiers, clock=Clock(NOW)).deliver_due() == 1
    msg = json.loads(got[0].body)
    assert msg["type"] == "warning"
    assert msg["title"].startswith("🔴 FIRING · us-china: rhetoric moved toward confrontation")
    assert "**FIRING**" in msg["message"]
    assert "Tariffs raised" in msg["message"]
    [row] = store.deliveries()
    assert row["status"] == "delivered" and row["attempts"] == 1 and row["last_status"] == 200


def test_apprise_ntfy_and_form_reach_loopback(tmp_path: Path, server: LocalServer) -> None:
    """Other Apprise schemes work the same way: ntfy:// (self-hosted) and form://."""
    got: list[Request] = []
    server.routes["/"] = lambda req: got.append(req) or Response(200, b"{}")
    server.routes["/form"] = lambda req: got.append(req) or Response(200)
    config, store = _apprise(tmp_path, f"ntfy://127.0.0.1:{server.port}/rhetoric")
    _shift(store, config)
    assert Outbox(store, config.notifiers, clock=Clock(NOW)).deliver_due() == 1
    ntfy = json.loads(got[0].body)
    assert ntfy["topic"] == "rhetoric" and "FIRING" in ntfy["title"]
    store.close()
    (tmp_path / "m.db").unlink()
    (tmp_path / "form").mkdir()
    config, store = _apprise(tmp_path / "form", f"form://127.0.0.1:{server.port}/form")
    _shift(store, config)
    assert Outbox(store, config.notifiers, clock=Clock(NOW)).deliver_due() == 1
    form = parse_qs(got[1].body.decode())
    assert "FIRING" in form["title"][0] and "Tariffs raised" in form["message"][0]


def test_apprise_failure_is_retried_and_never_leaks_the_url(
    tmp_path: Path, server: LocalServer, loopback_logs: pytest.LogCaptureFixture
) -> None:
    """A 500 is retried on the outbox schedule and then delivered once; the token and the
    password of the URL appear in no log line, stored error or database byte."""
    answers = iter([500, 200])
    got: list[Request] = []

    def chat(req: Request) -> Response:
        got.append(req)
        return Response(next(answers))

    server.routes[f"/chat/{TOKEN}"] = chat
    url = f"json://u:${{CHAT_PASSWORD}}@127.0.0.1:{server.port}/chat/${{CHAT_TOKEN}}"
    config, store = _apprise(tmp_path, url)
    _shift(store, config)
    clock = Clock(NOW)
    outbox = Outbox(store, config.notifiers, clock=clock)
    assert outbox.deliver_due() == 0
    [row] = store.deliveries()
    assert row["status"] == "pending" and row["last_status"] == 500
    assert "500" in row["last_error"] and "json://" in row["last_error"]
    assert outbox.deliver_due() == 0  # not due yet: the schedule holds
    clock.now = NOW + timedelta(seconds=6)
    assert outbox.deliver_due() == 1
    assert len(got) == 2 and got[0].headers["authorization"].startswith("Basic ")
    out = CliRunner().invoke(
        main, ["deliveries", "--db", str(tmp_path / "m.db"), "--show", row["id"]]
    )
    assert out.exit_code == 0 and "500" in out.output
    store.close()
    assert _leaks(out.output.encode()) == []
    assert _leaks(loopback_logs.text.encode()) == []
    assert "notify.retry_scheduled" in loopback_logs.text
    for f in tmp_path.glob("m.db*"):
        assert _leaks(f.read_bytes()) == [], f.name


def test_apprise_410_disables_the_notifier(tmp_path: Path, server: LocalServer) -> None:
    """Gone is gone, through Apprise as through a webhook."""
    server.routes["/chat"] = lambda req: Response(410)
    config, store = _apprise(tmp_path, f"json://127.0.0.1:{server.port}/chat")
    _shift(store, config)
    Outbox(store, config.notifiers, clock=Clock(NOW)).deliver_due()
    assert store.notifier_disabled("hook") == "410 Gone from json:// at 2026-05-01T12:00:00+00:00"
    assert store.deliveries()[0]["status"] == "disabled"


def test_apprise_unreachable_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """Nothing listening: a pending retry with a clean error."""
    config, store = _apprise(tmp_path, "json://127.0.0.1:9/chat", "    timeout_s: 2\n")
    _shift(store, config)
    assert Outbox(store, config.notifiers, clock=Clock(NOW)).deliver_due() == 0
    [row] = store.deliveries()
    assert row["status"] == "pending" and row["last_status"] is None
    assert row["last_error"].startswith("apprise json://")


def test_slack_and_discord_webhooks_need_no_secret(tmp_path: Path, server: LocalServer) -> None:
    """format: slack (or discord) loads without a secret and is sent unsigned."""
    got: list[Request] = []
    server.routes["/slack"] = lambda req: got.append(req) or Response(200)
    path = _config(tmp_path, f"    url: {server.url('/slack')}\n    format: slack\n")
    config = load_config(path)
    store = Store(config.database)
    _shift(store, config, title="Talks <b>off</b> | now")
    assert Outbox(store, config.notifiers, clock=Clock(NOW)).deliver_due() == 1
    assert "webhook-signature" not in got[0].headers
    text = json.loads(got[0].body)["text"]
    assert text.startswith("*🔴 FIRING · us-china: rhetoric moved toward confrontation")
    assert "Talks &lt;b&gt;off&lt;/b&gt; ¦ now" in text


def test_generic_webhook_still_requires_a_secret(tmp_path: Path, server: LocalServer) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(_config(tmp_path, f"    url: {server.url('/h')}\n"))
    assert "secret: required for a generic webhook" in str(err.value)


@pytest.mark.parametrize(
    ("lines", "needle"),
    [
        (
            "    kind: apprise\n    url: json://127.0.0.1/x\n    secret: ${TEST_WEBHOOK_SECRET}\n",
            "secret: not used by kind: apprise",
        ),
        (
            f"    kind: apprise\n    url: mailto://u:{PASSWORD}@example.org\n",
            "write the password in this URL as ${ENV_NAME}",
        ),
        (
            f"    kind: apprise\n    url: nosuchservice://{TOKEN}/x\n",
            "Apprise does not accept this nosuchservice:// URL",
        ),
        ("    kind: apprise\n    url: https://hooks.example.org/x\n", "use kind: webhook"),
        (
            "    kind: apprise\n    url: json://127.0.0.1/x\n    format: slack\n",
            "format: not used by kind: apprise",
        ),
    ],
)
def test_apprise_config_errors_are_clear_and_never_echo_the_url(
    tmp_path: Path, lines: str, needle: str
) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(_config(tmp_path, lines))
    text = "\n".join(err.value.problems)
    assert needle in text and "notifiers.hook" in text
    assert _leaks(text.encode()) == []


def test_apprise_message_escapes_feed_text() -> None:
    """A headline with markup, a fake link, HTML and a mention stays inert text."""
    title = "<script>x</script> [click](http://evil.test) @everyone *bold*"
    body = {
        "type": "rhetoric.shift.detected",
        "data": {
            "watch": "w",
            "direction": "engagement",
            "delta": 0.4,
            "drivers": [{"title": title, "url": "https://ok.test/a b)", "tone": 0.5}],
        },
    }
    msg = json.loads(FORMATS["apprise"].render(body))
    assert msg["type"] == "info" and "🟢 FIRING" in msg["title"]
    text = msg["body"]
    assert "<script>" not in text and "@everyone" not in text
    assert "[click](http" not in text and "\\*bold\\*" in text
    assert "(https://ok.test/a%20b%29)" in text  # the real link, its ) encoded


def test_resolved_and_source_messages_read_at_a_glance() -> None:
    resolved = message_of(
        {"type": "rhetoric.shift.resolved", "data": {"watch": "w", "direction": "confrontation"}}
    )
    assert resolved.status == "RESOLVED" and resolved.title.startswith("✅ RESOLVED · w")
    failing = message_of(
        {
            "type": "source.failing",
            "data": {"url": "https://f.test/rss", "watches": ["w"], "error_count": 3},
        }
    )
    assert failing.status == "FIRING" and "feed failing (w)" in failing.title
    assert failing.facts[0].startswith("3 failed polls in a row")


def test_test_notifier_reports_success_and_failure(tmp_path: Path, server: LocalServer) -> None:
    """`test-notifier NAME` sends one sample now and says what happened; nothing is stored."""
    got: list[Request] = []
    answers = iter([200, 404])
    server.routes[f"/chat/{TOKEN}"] = lambda req: got.append(req) or Response(next(answers))
    path = _config(
        tmp_path,
        f"    kind: apprise\n    url: json://127.0.0.1:{server.port}/chat/${{CHAT_TOKEN}}\n",
    )
    runner = CliRunner()
    ok = runner.invoke(main, ["test-notifier", "hook", "--config", str(path)])
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("ok: sample alert delivered to hook (apprise json://)")
    sample = json.loads(got[0].body)
    assert "SAMPLE sent by rhetoric-monitor test-notifier" in sample["message"]
    assert "us-china" in sample["title"] and sample["title"].endswith("[SAMPLE]")
    bad = runner.invoke(main, ["test-notifier", "hook", "--config", str(path)])
    assert bad.exit_code == 1
    assert "not delivered" in bad.output and "404" in bad.output
    unknown = runner.invoke(main, ["test-notifier", "nope", "--config", str(path)])
    assert unknown.exit_code == 1 and "no notifier named 'nope' (notifiers: hook)" in unknown.output
    assert _leaks((ok.output + bad.output).encode()) == []
    assert not (tmp_path / "m.db").exists()


def test_test_notifier_signs_a_generic_webhook(tmp_path: Path, server: LocalServer) -> None:
    from standardwebhooks import Webhook

    got: list[dict[str, object]] = []
    server.routes["/h"] = lambda req: (
        got.append(Webhook(SECRET).verify(req.body, req.headers)) or Response(204)
    )
    path = _config(tmp_path, f"    url: {server.url('/h')}\n    secret: ${{TEST_WEBHOOK_SECRET}}\n")
    res = CliRunner().invoke(main, ["test-notifier", "hook", "--config", str(path)])
    assert res.exit_code == 0, res.output
    assert "HTTP 204" in res.output
    assert got[0]["type"] == "rhetoric.shift.detected"


def test_digest_without_watches_is_not_sent_and_lists_only_its_feeds(
    tmp_path: Path, server: LocalServer
) -> None:
    """A digest notifier no watch reports to gets nothing (it used to get every failing
    feed under an empty summary); one with a watch gets only that watch's failing feeds."""
    got: list[Request] = []
    server.routes["/d"] = lambda req: got.append(req) or Response(200)
    server.routes["/e"] = lambda req: got.append(req) or Response(200)
    path = tmp_path / "w.yaml"
    path.write_text(
        f"database: {tmp_path / 'm.db'}\n"
        "notifiers:\n"
        f"  lonely:\n    kind: apprise\n    url: json://127.0.0.1:{server.port}/e\n"
        "    digest: true\n"
        f"  team:\n    kind: apprise\n    url: json://127.0.0.1:{server.port}/d\n"
        "    digest: true\n"
        "watches:\n"
        "  - name: us-china\n    actors: [United States, China]\n"
        "    feeds: [https://a.test/rss]\n    notifiers: [team]\n"
        "  - name: eu-china\n    actors: [European Union, China]\n"
        "    feeds: [https://b.test/rss]\n    notifiers: [team]\n"
    )
    config = load_config(path)
    store = Store(config.database)
    store.save_feed_state(FeedState(url="https://a.test/rss", error_count=4, last_error="HTTP 500"))
    store.save_feed_state(FeedState(url="https://other.test/rss", error_count=9, last_error="x"))
    assert send_digests(store, config, now=NOW) == ["digest_team_2026-05-01"]
    Outbox(store, config.notifiers, clock=Clock(NOW)).deliver_due()
    assert [r.path for r in got] == ["/d"]
    msg = json.loads(got[0].body)
    assert msg["title"] == "📰 Daily digest · 2026-05-01"
    assert "us-china: 0 articles" in msg["message"] and "eu-china" in msg["message"]
    assert "a.test" in msg["message"] and "other.test" not in msg["message"]
    assert "1 failing feed(s)" in msg["message"]


@pytest.mark.timeout(120)
def test_daemon_delivers_through_apprise_and_logs_no_credential(
    tmp_path: Path, server: LocalServer
) -> None:
    """The real daemon with debug logging: a shift goes out through Apprise (json://, a
    token in the path and a password in the URL), retried after a 503; the log, the
    database and `deliveries` never hold the token or the password."""
    from tests.feeds import rss, shifting_items
    from tests.harness import DaemonProcess, db_count, wait_for

    now = datetime.now(UTC)
    for name in ("alpha", "beta"):
        body = rss(shifting_items(now, prefix=name), title=name.title())
        server.routes[f"/{name}.xml"] = lambda req, body=body: Response(200, body)
    answers = iter([503])
    got: list[Request] = []
    server.routes[f"/chat/{TOKEN}"] = lambda req: got.append(req) or Response(next(answers, 200))
    cfg = tmp_path / "w.yaml"
    cfg.write_text(
        f"database: {tmp_path / 'm.db'}\n"
        "defaults:\n  interval: 0.5s\n  jitter: 0\n"
        "notifiers:\n  chat:\n    kind: apprise\n"
        f"    url: json://u:${{CHAT_PASSWORD}}@127.0.0.1:{server.port}/chat/${{CHAT_TOKEN}}\n"
        "watches:\n  - name: pair\n    actors: [United States, China]\n    feeds:\n"
        f"      - {server.url('/alpha.xml')}\n      - {server.url('/beta.xml')}\n"
    )
    env = {"CHAT_TOKEN": TOKEN, "CHAT_PASSWORD": PASSWORD}
    daemon = DaemonProcess(cfg, tmp_path / "daemon.log", env=env, verbose=True)
    try:
        wait_for(lambda: len(got) >= 2, timeout=60, what="an Apprise delivery retried once")
        wait_for(
            lambda: (
                db_count(
                    tmp_path / "m.db", "select count(*) from deliveries where status = 'delivered'"
                )
                >= 1
            ),
            what="the delivery to be recorded",
        )
    finally:
        assert daemon.stop() == 0
    text = daemon.text()
    assert "DEBUG" in text and "notify.retry_scheduled" in text and "notify.delivered" in text
    assert json.loads(got[-1].body)["title"].startswith("🔴 FIRING · pair")
    assert _leaks(text.encode()) == []
    for f in tmp_path.glob("m.db*"):
        assert _leaks(f.read_bytes()) == [], f.name
    out = CliRunner().invoke(main, ["deliveries", "--db", str(tmp_path / "m.db")])
    assert out.exit_code == 0 and _leaks(out.output.encode()) == []
