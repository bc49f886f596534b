"""Reliability of the feed-health path and the feed's own clock: source events written with
the state that caused them under an id a repeat cannot change, `last_success_at` only when
there was a success, no retry of a feed before its Retry-After, and entry dates before a
sane floor stored with the fetch time and a warning on the feed."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from monitor.cli import main
from monitor.config import Config, load_config
from monitor.errors import StoreError
from monitor.fetch import Fetcher
from monitor.models import Feed
from monitor.notify import source_event_id
from monitor.pipeline import PollResult, build_scorers, poll_feed
from monitor.store import Store, migrations
from tests.feeds import SECRET, Clock, Item, rss, write_config
from tests.localserver import LocalServer, Response

NOW = datetime(2026, 5, 1, 12, 0, 0, 250_000, tzinfo=UTC)


@dataclass
class Rig:
    """One feed on the local server, its config, store and fetcher, polled on ``clock``."""

    path: Path
    config: Config
    store: Store
    feed: Feed
    fetcher: Fetcher
    clock: Clock
    status: dict[str, object]

    def poll(self, *, force: bool = True) -> PollResult:
        return poll_feed(
            self.feed,
            config=self.config,
            store=self.store,
            fetcher=self.fetcher,
            scorers=build_scorers(self.config),
            clock=self.clock,
            force=force,
            detect=False,
        )

    def source_events(self) -> list[dict[str, object]]:
        return [e for e in self.store.events() if str(e["type"]).startswith("source.")]


@pytest.fixture
def rig(tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Rig]:
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    status: dict[str, object] = {"code": 503, "headers": {}}
    item = Item("g1", "Talks", "The United States and China agreed to talk.", NOW)
    body = rss([item], title="D")

    def route(req: object) -> Response:
        code = int(status["code"])  # type: ignore[call-overload]
        headers = dict(status["headers"])  # type: ignore[call-overload]
        return Response(code, body if code == 200 else b"down", headers)

    server.routes["/d.xml"] = route
    path = write_config(
        tmp_path / "w.yaml",
        db=tmp_path / "m.db",
        feeds=[server.url("/d.xml")],
        hook_url=server.url("/hook"),
    )
    config = load_config(path)
    store = Store(config.database)
    (feed,) = config.feeds()
    with Fetcher() as fetcher:
        yield Rig(path, config, store, feed, fetcher, Clock(NOW), status)
    store.close()


def _fail_until_failing(rig: Rig) -> list[datetime]:
    """Polls that fail, one minute apart, until the third raises source.failing."""
    times = []
    for i in range(3):
        rig.clock.now = NOW + timedelta(minutes=i)
        times.append(rig.clock.now)
        assert rig.poll().status == "failed"
    return times


def test_failing_event_of_a_feed_that_never_succeeded_has_one_id(rig: Rig) -> None:
    """The source.failing id comes from the run's first failure, not from the poll's time:
    the same failure polled again (its state lost, as by a kill) gives the same id and still
    one event row; `last_success_at` is null, as there never was a success."""
    times = _fail_until_failing(rig)
    (event,) = rig.source_events()
    assert event["event_id"] == source_event_id("source.failing", rig.feed.url, times[0])
    payload = event["payload"]
    assert isinstance(payload, dict)
    assert payload["last_success_at"] is None
    assert payload["failing_since"] == times[0].isoformat()
    body = json.loads(rig.store.db.execute("select body from deliveries").fetchone()[0])
    assert body["data"]["last_success_at"] is None

    # The repeat: the state as before the third poll, polled later (new time, same run).
    state = rig.store.feed_state(rig.feed.url)
    rig.store.save_feed_state(replace(state, error_count=2, failing_notified=False))
    rig.clock.now = NOW + timedelta(minutes=7, milliseconds=3)
    assert rig.poll().status == "failed"
    assert [e["event_id"] for e in rig.source_events()] == [event["event_id"]]
    assert rig.store.counts()["deliveries"] == 1
    assert rig.store.feed_state(rig.feed.url).failing_notified


def test_failing_event_and_its_state_are_one_transaction(rig: Rig) -> None:
    """A failure between writing the event and writing the state it came from (a trigger
    aborts the outbox insert, as a kill would cut the process) leaves neither: the state
    still counts two failures, no event exists, and the next poll writes exactly one."""
    rig.clock.now = NOW
    assert rig.poll().status == "failed"
    rig.clock.now = NOW + timedelta(minutes=1)
    assert rig.poll().status == "failed"
    rig.store.db.execute(
        "create trigger cut before insert on deliveries begin select raise(abort, 'cut'); end"
    )
    rig.clock.now = NOW + timedelta(minutes=2)
    with pytest.raises(StoreError, match="cut"):
        rig.poll()
    state = rig.store.feed_state(rig.feed.url)
    assert (state.error_count, state.failing_notified) == (2, False)
    assert rig.source_events() == []
    rig.store.db.execute("drop trigger cut")
    rig.clock.now = NOW + timedelta(minutes=3)
    assert rig.poll().status == "failed"
    (event,) = rig.source_events()
    assert event["event_id"] == source_event_id("source.failing", rig.feed.url, NOW)
    state = rig.store.feed_state(rig.feed.url)
    assert (state.error_count, state.failing_notified) == (3, True)


def test_failing_event_names_the_last_success_when_there_was_one(rig: Rig) -> None:
    """After a success, the failing event's `last_success_at` is that success's time."""
    rig.status["code"] = 200
    rig.clock.now = NOW - timedelta(hours=1)
    assert rig.poll().status == "ok"
    rig.status["code"] = 503
    _fail_until_failing(rig)
    (event,) = rig.source_events()
    payload = event["payload"]
    assert isinstance(payload, dict)
    assert payload["last_success_at"] == (NOW - timedelta(hours=1)).isoformat()


def test_recovered_event_repeat_gives_the_same_id(rig: Rig) -> None:
    """The recovery is written with the healthy state, and its id too comes from the run:
    the recovery polled again from the failing state gives the same event, one row."""
    times = _fail_until_failing(rig)
    failing_state = rig.store.feed_state(rig.feed.url)
    rig.status["code"] = 200
    rig.clock.now = NOW + timedelta(minutes=10)
    assert rig.poll().status == "ok"
    kinds = [(e["type"], e["event_id"]) for e in rig.source_events()]
    recovered_id = source_event_id("source.recovered", rig.feed.url, times[0])
    assert kinds[-1] == ("source.recovered", recovered_id)
    assert not rig.store.feed_state(rig.feed.url).failing_notified
    rig.store.save_feed_state(failing_state)  # as if the recovery's state were lost
    rig.clock.now = NOW + timedelta(minutes=20)
    assert rig.poll().status == "ok"
    assert [e["type"] for e in rig.source_events()] == ["source.failing", "source.recovered"]


def test_a_feed_is_not_retried_before_its_retry_after(rig: Rig) -> None:
    """A feed answering 503 with Retry-After: 12 (interval 1 s) is skipped 1 ms before the
    12 s are up and polled at 12 s: the half-interval slack kept for the success schedule
    does not cut a server's Retry-After short."""
    rig.status["headers"] = {"Retry-After": "12"}
    rig.clock.now = NOW
    assert rig.poll(force=False).status == "failed"
    due = rig.store.feed_state(rig.feed.url).next_attempt_at
    assert due == NOW + timedelta(seconds=12)
    rig.clock.now = due - timedelta(milliseconds=1)
    assert rig.poll(force=False).status == "skipped"
    rig.clock.now = due
    assert rig.poll(force=False).status == "failed"


def test_item_dated_year_one_is_stored_at_the_fetch_time_with_a_warning(
    tmp_path: Path, server: LocalServer
) -> None:
    """An item dated 0001-01-01 is stored (article and score) at the fetch time, where the
    windows and `history --since` see it; the feed carries a warning that `status` shows."""
    now = datetime.now(UTC).replace(microsecond=0)
    body = rss(
        [
            Item("y1", "Talks resume", "The United States and China agreed to resume talks.", now),
            Item("ok", "Talks go on", "The United States and China praised the talks.", now),
        ]
    ).replace(
        b'<guid isPermaLink="false">y1</guid><title>Talks resume</title><pubDate>'
        + now.strftime("%a, %d %b %Y %H:%M:%S %z").encode(),
        b'<guid isPermaLink="false">y1</guid><title>Talks resume</title><pubDate>'
        b"Mon, 01 Jan 0001 00:00:00 +0000",
    )
    assert b"0001" in body
    server.routes["/y.xml"] = lambda req: Response(200, body)
    path = write_config(
        tmp_path / "w.yaml", db=tmp_path / "m.db", feeds=[server.url("/y.xml")], hook_url=None
    )
    config = load_config(path)
    store = Store(config.database)
    (feed,) = config.feeds()
    fetched_at = now + timedelta(minutes=5, microseconds=1)
    with Fetcher() as fetcher:
        result = poll_feed(
            feed,
            config=config,
            store=store,
            fetcher=fetcher,
            scorers=build_scorers(config),
            clock=lambda: fetched_at,
            force=True,
            detect=False,
        )
    assert result.status == "ok" and result.new_articles == 2
    published = dict(store.db.execute("select substr(key, -2), published from articles").fetchall())
    assert published == {"y1": fetched_at.isoformat(), "ok": now.isoformat()}
    state = store.feed_state(feed.url)
    assert state.error_count == 0
    assert state.last_warning and "1 dated before" in state.last_warning
    assert "0001-01-01" in state.last_warning
    store.close()
    run = CliRunner().invoke
    status = run(main, ["status", "--config", str(path)])
    assert status.exit_code == 0 and status.output.startswith("warning"), status.output
    hist = run(main, ["history", "--config", str(path), "--since", "1d", "--format", "json"])
    assert {a["title"] for a in json.loads(hist.output)["articles"]} == {
        "Talks resume",
        "Talks go on",
    }


def test_migration_rounds_up_retry_times_written_to_the_second(tmp_path: Path) -> None:
    """A database written when times were kept to the second: its pending retries and a
    failing feed's next attempt move to the next whole second (never early), and a failing
    feed gets a start for its run."""
    db = tmp_path / "old.db"
    old = sqlite_utils.Database(db)
    migrations.apply(old, stop_before="m005_exact_times_and_failing_since")
    old.close()
    conn = sqlite3.connect(db)
    conn.execute(
        "insert into deliveries (id, event_id, notifier, status, attempts, next_attempt_at,"
        " created_at, body) values ('e:h', 'e', 'h', 'pending', 2, '2026-05-01T12:00:05+00:00',"
        " '2026-05-01T12:00:00+00:00', '{}')"
    )
    conn.execute(
        "insert into feeds (url, error_count, last_attempt_at, next_attempt_at, disabled,"
        " failing_notified) values ('u', 2, '2026-05-01T11:00:00+00:00',"
        " '2026-05-01T12:10:00+00:00', 0, 0)"
    )
    conn.commit()
    conn.close()
    store = Store(db)
    assert store.deliveries()[0]["next_attempt_at"] == "2026-05-01T12:00:06+00:00"
    state = store.feed_state("u")
    assert state.next_attempt_at == datetime(2026, 5, 1, 12, 10, 1, tzinfo=UTC)
    assert state.failing_since == datetime(2026, 5, 1, 11, tzinfo=UTC)
    store.close()
