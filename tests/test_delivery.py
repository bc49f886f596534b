"""Delivery semantics the outbox promises, beyond tests/test_notify.py: the full retry schedule,
fresh signatures per attempt, 503 Retry-After, per-attempt timeouts, and the deliveries command."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from standardwebhooks import Webhook

from monitor.cli import main
from monitor.config import Config, load_config
from monitor.notify import RETRY_SCHEDULE_S, Outbox
from monitor.store import Store
from tests.feeds import SECRET, Clock, enqueue_shift_event, hook_store, write_config
from tests.localserver import LocalServer, Request, Response

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


def _setup(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch, *, timeout_s: float = 15
) -> tuple[Path, Config, Store]:
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    path, config, store = hook_store(
        tmp_path, server.url("/hook"), notifier_lines=f"    timeout_s: {timeout_s}\n"
    )
    enqueue_shift_event(store, config, at=NOW)
    return path, config, store


def test_standard_webhooks_schedule_then_failed(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A receiver that always answers 500 is tried immediately, then after 5 s, 5 min, 30 min,
    2 h, 5 h, 10 h, 14 h, 20 h and 24 h (each ±10 %), and the delivery is then marked failed."""
    _, config, store = _setup(tmp_path, server, monkeypatch)
    server.routes["/hook"] = lambda req: Response(500)
    clock = Clock(NOW)
    outbox = Outbox(store, config.notifiers, clock=clock, rng=random.Random(5))
    waits: list[float] = []
    for _ in range(len(RETRY_SCHEDULE_S) + 1):
        assert outbox.deliver_due() == 0
        row = store.deliveries()[0]
        if row["status"] != "pending":
            break
        due = datetime.fromisoformat(row["next_attempt_at"])
        assert outbox.deliver_due() == 0  # not due yet: nothing is sent early
        waits.append((due - clock.now).total_seconds())
        clock.now = due
    assert RETRY_SCHEDULE_S == (5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
    assert len(waits) == len(RETRY_SCHEDULE_S)
    for wait, base in zip(waits, RETRY_SCHEDULE_S, strict=True):
        assert 0.9 * base <= wait <= 1.1 * base
    row = store.deliveries()[0]
    assert row["status"] == "failed" and row["attempts"] == 10
    assert len(server.hits("/hook")) == 10
    assert {r.headers["webhook-id"] for r in server.hits("/hook")} == {"evt_1"}
    store.close()


def test_each_attempt_is_signed_afresh_under_the_same_id(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two attempts a second apart carry one webhook-id but their own timestamp and signature,
    and both verify with the reference Standard Webhooks library."""
    _, config, store = _setup(tmp_path, server, monkeypatch)
    answers = iter([503, 204])
    server.routes["/hook"] = lambda req: Response(next(answers))
    clock = Clock(NOW)
    outbox = Outbox(store, config.notifiers, clock=clock, schedule=(0,))
    outbox.deliver_due()
    time.sleep(1.1)  # webhook-timestamp has one-second resolution
    assert outbox.deliver_due() == 1
    first, second = server.hits("/hook")
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == "evt_1"
    assert first.headers["webhook-timestamp"] != second.headers["webhook-timestamp"]
    assert first.headers["webhook-signature"] != second.headers["webhook-signature"]
    assert first.body == second.body
    for req in (first, second):
        Webhook(SECRET).verify(req.body, req.headers)
    store.close()


def test_503_retry_after_is_honoured(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """503 with Retry-After: 900 schedules the next try no sooner than 900 s later."""
    _, config, store = _setup(tmp_path, server, monkeypatch)
    server.routes["/hook"] = lambda req: Response(503, b"", {"Retry-After": "900"})
    Outbox(store, config.notifiers, clock=Clock(NOW)).deliver_due()
    row = store.deliveries()[0]
    assert row["status"] == "pending" and row["last_status"] == 503
    assert datetime.fromisoformat(row["next_attempt_at"]) >= NOW + timedelta(seconds=900)
    store.close()


@pytest.mark.parametrize("status", [400, 401, 404, 500])
def test_other_errors_are_retried_not_dropped(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch, status: int
) -> None:
    """Any non-2xx answer other than 410 is a failed attempt that is scheduled again."""
    _, config, store = _setup(tmp_path, server, monkeypatch)
    server.routes["/hook"] = lambda req: Response(status)
    assert Outbox(store, config.notifiers, clock=Clock(NOW)).deliver_due() == 0
    row = store.deliveries()[0]
    assert (row["status"], row["last_status"], row["attempts"]) == ("pending", status, 1)
    assert store.notifier_disabled("hook") is None
    store.close()


def test_each_attempt_times_out(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A receiver slower than the notifier's timeout_s costs one bounded, retried attempt."""
    _, config, store = _setup(tmp_path, server, monkeypatch, timeout_s=0.5)
    assert config.notifiers["hook"].timeout_s == 0.5

    def slow(req: Request) -> Response:
        time.sleep(2.0)
        return Response(204)

    server.routes["/hook"] = slow
    started = time.monotonic()
    assert Outbox(store, config.notifiers, clock=Clock(NOW)).deliver_due() == 0
    assert time.monotonic() - started < 1.5
    row = store.deliveries()[0]
    assert row["status"] == "pending" and "Timeout" in (row["last_error"] or "")
    store.close()


def test_default_attempt_timeout_is_15_seconds(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without timeout_s a notifier's attempts time out after 15 s."""
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    path = write_config(
        tmp_path / "w.yaml",
        db=tmp_path / "m.db",
        feeds=["https://e.org/rss"],
        hook_url="https://h.test/",
    )
    assert load_config(path).notifiers["hook"].timeout_s == 15.0


def test_deliveries_command_lists_shows_resends_and_enables(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`deliveries` lists the outbox, --show prints each attempt, --resend queues a failed
    delivery again (which then goes out), and --enable lifts a 410's disable."""
    cfg, config, store = _setup(tmp_path, server, monkeypatch)
    server.routes["/hook"] = lambda req: Response(500)
    clock = Clock(NOW)
    outbox = Outbox(store, config.notifiers, clock=clock, schedule=(0,))
    outbox.deliver_due()
    clock.now += timedelta(seconds=1)
    outbox.deliver_due()
    assert store.deliveries()[0]["status"] == "failed"

    run = CliRunner().invoke
    listed = run(main, ["deliveries", "--config", str(cfg), "--status", "failed"])
    assert listed.exit_code == 0, listed.output
    assert (
        "failed" in listed.output
        and "evt_1:hook" in listed.output
        and "attempts=2" in listed.output
    )
    shown = run(main, ["deliveries", "--config", str(cfg), "--show", "evt_1:hook"])
    assert shown.exit_code == 0
    assert shown.output.count("status=500") == 2
    resent = run(main, ["deliveries", "--config", str(cfg), "--resend", "evt_1:hook"])
    assert resent.exit_code == 0 and "queued again" in resent.output
    unknown = run(main, ["deliveries", "--config", str(cfg), "--resend", "evt_nope:hook"])
    assert unknown.exit_code == 1 and "no failed or pending delivery" in unknown.output

    server.routes["/hook"] = lambda req: Response(204)
    clock.now = datetime.now(UTC) + timedelta(seconds=1)
    assert outbox.deliver_due() == 1
    assert store.deliveries()[0]["status"] == "delivered"

    store.set_notifier_disabled("hook", "410 Gone", now=NOW)
    enabled = run(main, ["deliveries", "--config", str(cfg), "--enable", "hook"])
    assert enabled.exit_code == 0 and store.notifier_disabled("hook") is None
    store.close()


@pytest.mark.parametrize("retry_after", [12, 20])
def test_retry_after_is_never_cut_short_to_the_millisecond(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch, retry_after: int
) -> None:
    """A 503 with Retry-After: N, answered at a time with a fraction of a second, is retried
    exactly N s later: nothing goes out 1 ms before, and it goes out at N s. (Times were kept
    to the second, truncated, so a retry was due up to a second early.)"""
    _, config, store = _setup(tmp_path, server, monkeypatch)
    answers = iter([Response(503, b"", {"Retry-After": str(retry_after)}), Response(204)])
    server.routes["/hook"] = lambda req: next(answers)
    start = NOW + timedelta(milliseconds=987, microseconds=654)
    clock = Clock(start)
    outbox = Outbox(store, config.notifiers, clock=clock, rng=random.Random(1))
    assert outbox.deliver_due() == 0
    due = datetime.fromisoformat(store.deliveries()[0]["next_attempt_at"])
    assert due == start + timedelta(seconds=retry_after)
    clock.now = due - timedelta(milliseconds=1)
    assert outbox.deliver_due() == 0 and len(server.hits("/hook")) == 1
    clock.now = due
    assert outbox.deliver_due() == 1 and len(server.hits("/hook")) == 2
    store.close()


def test_schedule_step_is_never_early_to_the_millisecond(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each retry waits at least its schedule step (jitter only ever adds, up to 10 %), kept
    to the microsecond: 1 ms before the stored time nothing is sent, at it the retry goes."""
    _, config, store = _setup(tmp_path, server, monkeypatch)
    server.routes["/hook"] = lambda req: Response(500)
    clock = Clock(NOW + timedelta(milliseconds=999))
    outbox = Outbox(store, config.notifiers, clock=clock, rng=random.Random(7))
    for step in RETRY_SCHEDULE_S[:4]:
        sent = len(server.hits("/hook"))
        outbox.deliver_due()
        assert len(server.hits("/hook")) == sent + 1
        due = datetime.fromisoformat(store.deliveries()[0]["next_attempt_at"])
        assert step <= (due - clock.now).total_seconds() <= step * 1.1
        clock.now = due - timedelta(milliseconds=1)
        outbox.deliver_due()
        assert len(server.hits("/hook")) == sent + 1  # not yet
        clock.now = due
    store.close()


def test_retry_after_on_the_wall_clock(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the real clock and a sender polling every 5 ms, the retry after `Retry-After: 2`
    reaches the receiver no sooner than 2.000 s after the 503 was answered."""
    _, config, store = _setup(tmp_path, server, monkeypatch)
    seen: list[float] = []

    def hook(req: Request) -> Response:
        seen.append(time.monotonic())
        if len(seen) == 1:
            return Response(503, b"", {"Retry-After": "2"})
        return Response(204)

    server.routes["/hook"] = hook
    # Start just after a whole second: the case truncation made fire early.
    time.sleep(1.05 - time.time() % 1)
    outbox = Outbox(store, config.notifiers, clock=lambda: datetime.now(UTC), schedule=(0.5,))
    deadline = time.monotonic() + 6
    while len(seen) < 2 and time.monotonic() < deadline:
        outbox.deliver_due()
        time.sleep(0.005)
    assert len(seen) == 2
    assert seen[1] - seen[0] >= 2.0, seen[1] - seen[0]
    store.close()


def test_disabled_notifier_rows_say_so_and_enable_sends_them(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a 410, the notifier's other queued rows and the rows of later events read
    `disabled` with the reason (not `pending, attempts 0`), `deliveries` shows them, and
    `deliveries --enable` queues every one of them again; they then go out."""
    cfg, config, store = _setup(tmp_path, server, monkeypatch)
    enqueue_shift_event(store, config, at=NOW, event_id="evt_2")
    server.routes["/hook"] = lambda req: Response(410)
    clock = Clock(NOW)
    outbox = Outbox(store, config.notifiers, clock=clock)
    outbox.deliver_due()
    assert len(server.hits("/hook")) == 1  # the first 410 disables: the other is not tried
    enqueue_shift_event(store, config, at=NOW, event_id="evt_3")
    outbox.deliver_due()
    rows = {d["id"]: d for d in store.deliveries()}
    assert {i: d["status"] for i, d in rows.items()} == {
        "evt_1:hook": "disabled",
        "evt_2:hook": "disabled",
        "evt_3:hook": "disabled",
    }
    for i in ("evt_2:hook", "evt_3:hook"):
        assert rows[i]["attempts"] == 0
        assert "notifier hook disabled (410 Gone" in rows[i]["last_error"]
        assert "deliveries --enable hook" in rows[i]["last_error"]

    run = CliRunner().invoke
    listed = run(main, ["deliveries", "--config", str(cfg), "--status", "disabled"])
    assert (
        listed.exit_code == 0
        and [ln.split()[0] for ln in listed.output.splitlines()] == ["disabled"] * 3
    ), listed.output
    enabled = run(main, ["deliveries", "--config", str(cfg), "--enable", "hook"])
    assert enabled.exit_code == 0 and "3 delivery(ies) queued again" in enabled.output
    server.routes["/hook"] = lambda req: Response(204)
    clock.now = datetime.now(UTC) + timedelta(seconds=1)
    assert outbox.deliver_due() == 3
    assert {d["status"] for d in store.deliveries()} == {"delivered"}
    assert {r.headers["webhook-id"] for r in server.hits("/hook")} == {"evt_1", "evt_2", "evt_3"}
    store.close()
