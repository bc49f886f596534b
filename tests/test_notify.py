"""Notify stage: Standard Webhooks signing, the durable outbox and its retry rules."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from standardwebhooks import Webhook

from monitor.config import Config, load_config
from monitor.notify import FORMATS, Outbox, retry_after, sign, verify, webhook_body
from monitor.store import Store
from tests.feeds import SECRET, Clock, enqueue_shift_event, hook_store
from tests.localserver import LocalServer, Request, Response

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


def _setup(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch, fmt: str = "generic"
) -> tuple[Config, Store]:
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    lines = f"    format: {fmt}\n" if fmt != "generic" else ""
    _, config, store = hook_store(tmp_path, server.url("/hook"), notifier_lines=lines)
    return config, store


def _event(store: Store, config: Config, event_id: str = "evt_1", title: str = "Talks") -> None:
    enqueue_shift_event(store, config, at=NOW, event_id=event_id, title=title)


def test_signature_verifies_with_reference_library() -> None:
    """Our v1 signature is accepted by the standardwebhooks package and by our verifier."""
    import time

    ts = int(time.time())
    body = '{"type":"x","timestamp":"t","data":{}}'
    header = sign(SECRET, "msg_1", ts, body)
    headers = {"webhook-id": "msg_1", "webhook-timestamp": str(ts), "webhook-signature": header}
    assert Webhook(SECRET).verify(body, headers) == json.loads(body)
    assert verify(SECRET, "msg_1", ts, body, header)
    assert not verify(SECRET, "msg_1", ts, body + " ", header)


def test_receiver_down_then_up_gets_it_once(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A receiver that is down gets the alert once it is back: same id, fresh signatures."""
    config, store = _setup(tmp_path, server, monkeypatch)
    state = {"up": False}
    got: list[Request] = []

    def hook(req: Request) -> Response:
        if not state["up"]:
            return Response(503)
        Webhook(SECRET).verify(req.body, req.headers)
        got.append(req)
        return Response(200)

    server.routes["/hook"] = hook
    _event(store, config)
    clock = Clock(NOW)
    outbox = Outbox(store, config.notifiers, clock=clock, schedule=(5, 300))
    assert outbox.deliver_due() == 0
    row = store.deliveries()[0]
    assert row["status"] == "pending" and row["attempts"] == 1 and row["last_status"] == 503
    assert outbox.deliver_due() == 0  # not due yet: nothing sent
    assert len(server.hits("/hook")) == 1
    clock.now += timedelta(seconds=6)
    state["up"] = True
    assert outbox.deliver_due() == 1
    clock.now += timedelta(hours=1)
    assert outbox.deliver_due() == 0
    assert len(got) == 1
    ids = {r.headers["webhook-id"] for r in server.hits("/hook")}
    assert ids == {"evt_1"}
    assert store.deliveries()[0]["status"] == "delivered"
    assert [a["status_code"] for a in store.delivery_attempts("evt_1:hook")] == [503, 200]
    store.close()


def test_gone_disables_notifier(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 410 answer disables that notifier visibly; later events wait, marked disabled, until
    it is re-enabled, which sends them and the one that met the 410."""
    config, store = _setup(tmp_path, server, monkeypatch)
    server.routes["/hook"] = lambda req: Response(410)
    _event(store, config, "evt_a")
    outbox = Outbox(store, config.notifiers, clock=Clock(NOW))
    outbox.deliver_due()
    assert "410" in (store.notifier_disabled("hook") or "")
    assert store.deliveries()[0]["status"] == "disabled"
    _event(store, config, "evt_b")
    outbox.deliver_due()
    assert len(server.hits("/hook")) == 1
    assert {d["id"]: d["status"] for d in store.deliveries()} == {
        "evt_a:hook": "disabled",
        "evt_b:hook": "disabled",
    }
    server.routes["/hook"] = lambda req: Response(204)
    assert store.set_notifier_disabled("hook", None, now=NOW) == 2
    assert outbox.deliver_due() == 2
    store.close()


def test_retry_after_is_honoured(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """429 with Retry-After: 600 schedules the next try no sooner than 600 s later."""
    config, store = _setup(tmp_path, server, monkeypatch)
    server.routes["/hook"] = lambda req: Response(429, b"", {"Retry-After": "600"})
    _event(store, config)
    Outbox(store, config.notifiers, clock=Clock(NOW), schedule=(5,)).deliver_due()
    nxt = datetime.fromisoformat(store.deliveries()[0]["next_attempt_at"])
    assert nxt >= NOW + timedelta(seconds=600)
    assert retry_after("Fri, 01 May 2026 12:02:00 GMT", NOW) == 120.0
    assert retry_after("garbage", NOW) is None
    store.close()


def test_redirect_not_followed_and_exhaustion_marks_failed(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 3xx is a failure (never followed); after the last retry the delivery is failed."""
    config, store = _setup(tmp_path, server, monkeypatch)
    server.routes["/hook"] = lambda req: Response(302, b"", {"Location": server.url("/other")})
    server.routes["/other"] = lambda req: Response(200)
    _event(store, config)
    clock = Clock(NOW)
    outbox = Outbox(store, config.notifiers, clock=clock, schedule=(0, 0))
    for _ in range(3):
        outbox.deliver_due()
        clock.now += timedelta(seconds=1)
    assert store.deliveries()[0]["status"] == "failed"
    assert server.hits("/other") == []
    server.routes["/hook"] = lambda req: Response(200)
    assert store.requeue("evt_1:hook", now=clock.now)
    assert outbox.deliver_due() == 1
    store.close()


def test_event_stored_once(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enqueuing the same event id twice writes one event and one delivery."""
    config, store = _setup(tmp_path, server, monkeypatch)
    _event(store, config)
    _event(store, config)
    counts = store.counts()
    assert (counts["events"], counts["deliveries"]) == (1, 1)
    store.close()


@pytest.mark.parametrize("fmt", ["slack", "discord"])
def test_chat_formats_escape_feed_text(fmt: str) -> None:
    """Markup and script in a feed title never reach a Slack or Discord message unescaped."""
    title = "<script>alert(1)</script> <@everyone> [click](http://evil.test) *bold*"
    body = {
        "type": "rhetoric.shift.detected",
        "timestamp": "t",
        "data": {"summary": "s", "drivers": [{"title": title, "source": "x", "tone": -0.4}]},
    }
    text = json.loads(FORMATS[fmt].render(body))
    rendered = text["text"] if fmt == "slack" else text["content"]
    assert "<script>" not in rendered
    assert "<@everyone>" not in rendered
    if fmt == "discord":
        assert "[click](http" not in rendered
        assert text["allowed_mentions"] == {"parse": []}


def test_body_stays_under_20kb() -> None:
    """An event with huge driver titles and phrase lists is trimmed under 20 kB."""
    drivers = [{"title": "x" * 5000, "phrases": ["p" * 500] * 20, "tone": -1.0} for _ in range(5)]
    text = webhook_body("rhetoric.shift.detected", NOW, {"drivers": drivers, "watch": "w"})
    assert len(text.encode()) < 20_000
    assert json.loads(text)["data"]["watch"] == "w"


def test_daily_digest_once_per_day(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A digest notifier gets no per-event message but one signed digest a day."""
    from monitor.notify import send_digests

    config, store = _setup(tmp_path, server, monkeypatch)
    store.close()
    path = tmp_path / "w.yaml"
    path.write_text(path.read_text().replace("    secret:", "    digest: true\n    secret:"))
    config = load_config(path)
    store = Store(config.database)
    got: list[dict[str, object]] = []
    server.routes["/hook"] = lambda req: (
        got.append(Webhook(SECRET).verify(req.body, req.headers)) or Response(204)
    )
    _event(store, config)
    assert store.counts()["deliveries"] == 0
    early = NOW.replace(hour=7)
    assert send_digests(store, config, now=early) == []
    assert send_digests(store, config, now=NOW) == ["digest_hook_2026-05-01"]
    assert send_digests(store, config, now=NOW + timedelta(hours=3)) == []
    Outbox(store, config.notifiers, clock=Clock(NOW)).deliver_due()
    assert len(got) == 1
    data = got[0]["data"]
    assert isinstance(data, dict)
    assert got[0]["type"] == "rhetoric.digest"
    assert data["watches"][0]["watch"] == "us-china"
    assert data["watches"][0]["events"][0]["type"] == "rhetoric.shift.detected"
    store.close()


def test_resolved_summary_says_why_it_was_resolved() -> None:
    """A resolution's one-line summary follows its reason: a shift that held is not
    described as a return, and a superseded alert names the one that replaces it."""
    from dataclasses import replace as _replace

    from monitor.models import ShiftEvent, WindowStats
    from monitor.notify import summary

    at = datetime(2026, 11, 30, tzinfo=UTC)
    window = WindowStats(mean=-0.5, count=20, sources=3, start=at - timedelta(days=9), end=at)
    base = ShiftEvent(
        event_id="shift_1",
        type="rhetoric.shift.resolved",
        watch="us-china",
        direction="confrontation",
        at=at,
        baseline=window,
        recent=_replace(window, mean=-0.45, count=12),
        delta=0.05,
        effect_size=0.2,
        drivers=(),
    )
    said = {
        reason: summary(_replace(base, extra=(("reason", reason), ("superseded_by", "shift_2"))))
        for reason in ("returned", "settled", "reversed", "superseded")
    }
    assert "returned to its level before the shift toward confrontation" in said["returned"]
    assert "has held and is now the baseline" in said["settled"]
    assert "returned" not in said["settled"] and "back" not in said["settled"]
    assert "turned the other way" in said["reversed"]
    assert "(shift_2) replaces this alert" in said["superseded"]
    assert all("recent mean -0.45 over 12 articles vs baseline -0.50" in s for s in said.values())
