"""The store contract: one suite, run on both backends (a SQLite file, a PostgreSQL database).

Every test here takes the ``store`` fixture, parametrised over ``sqlite`` and
``postgres``; the PostgreSQL runs use a fresh database on a throwaway server
(``tests/pgserver.py``) and skip, with the reason, when PostgreSQL or psycopg
is absent. The first tests pin that both classes offer the same methods, so a
method added to one backend fails here until the other has it too.
"""

from __future__ import annotations

import inspect
import json
import random
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from monitor.models import (
    Article,
    Driver,
    Evidence,
    FeedState,
    Sample,
    ShiftEvent,
    ToneScore,
    WindowStats,
)
from monitor.store import (
    SearchHits,
    Store,
    StoreAPI,
    event_to_dict,
    iso,
    known_names,
    migrations,
    open_store,
    store_figures,
)

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)
Opener = Callable[[], StoreAPI]


@pytest.fixture(params=["sqlite", "postgres"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens a store on one database (each call a new connection to the same one)."""
    if request.param == "sqlite":
        target = str(tmp_path / "m.db")
    else:
        target = request.getfixturevalue("pg_dsn")
    opened: list[StoreAPI] = []

    def open_one() -> StoreAPI:
        s = open_store(target)
        opened.append(s)
        return s

    yield open_one
    for s in opened:
        s.close()


@pytest.fixture
def store(opener: Opener) -> StoreAPI:
    """A store on a fresh database of the parametrised backend."""
    return opener()


def _article(
    key: str, title: str = "Talks", text: str = "Both sides talk.", **kw: object
) -> Article:
    fields: dict[str, object] = dict(
        key=key,
        feed_url="https://f.example/rss",
        url=f"https://f.example/{key}",
        title=title,
        text=text,
        published=NOW - timedelta(hours=1),
        source="F",
    )
    fields.update(kw)
    return Article(**fields)  # type: ignore[arg-type]


def _scored(article: Article, tone: float, watch: str = "w") -> list[tuple[Sample, ToneScore]]:
    sample = Sample(
        key=article.key,
        watch=watch,
        at=article.published,
        tone=tone,
        source=article.source,
        title=article.title,
        url=article.url,
        phrases=("talks",),
        fingerprint=(1, 2, 3),
    )
    score = ToneScore(
        tone=tone,
        label="engagement" if tone > 0 else "confrontation",
        confidence=0.8,
        evidence=(Evidence(phrase="talks", weight=0.5, sentence="Both talk.", cue="dialogue"),),
    )
    return [(sample, score)]


def _event(event_id: str, watch: str = "w", at: datetime = NOW) -> ShiftEvent:
    window = WindowStats(mean=0.1, count=12, sources=3, start=at - timedelta(days=2), end=at)
    return ShiftEvent(
        event_id=event_id,
        type="rhetoric.shift.detected",
        watch=watch,
        direction="engagement",
        at=at,
        baseline=window,
        recent=replace(window, mean=0.6),
        delta=0.5,
        effect_size=1.2,
        drivers=(Driver("T", "https://f.example/1", "F", at, 0.7, ("talks",)),),
    )


def _add_event(store: StoreAPI, event: ShiftEvent, bodies: dict[str, str]) -> bool:
    return store.add_event(
        event.event_id,
        type=event.type,
        watch=event.watch,
        direction=event.direction,
        at=event.at,
        payload=event_to_dict(event),
        bodies=bodies,
        now=NOW,
    )


# -- the interface ---------------------------------------------------------------


def _public_methods(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(fn)
        for name, fn in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def test_both_backends_offer_the_same_methods_with_the_same_signatures() -> None:
    """Every public method of the SQLite ``Store`` is in ``StoreAPI`` and in ``PostgresStore``
    with the same signature: a method added to one backend fails here until the other has it."""
    pytest.importorskip("psycopg", reason="psycopg not installed: pip install -e '.[test]'")
    from monitor.store.postgres import PostgresStore

    sqlite_methods = _public_methods(Store)
    protocol = _public_methods(StoreAPI)  # type: ignore[type-abstract]
    postgres = _public_methods(PostgresStore)
    assert sorted(set(sqlite_methods) - set(protocol)) == [], "missing from StoreAPI"
    assert sorted(set(sqlite_methods) - set(postgres)) == [], "missing from PostgresStore"
    for name, sig in protocol.items():
        assert _shape(postgres[name]) == _shape(sig), f"PostgresStore.{name}"
        assert _shape(sqlite_methods[name]) == _shape(sig), f"Store.{name}"


def _shape(sig: inspect.Signature) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in sig.parameters.values()]


def test_every_sqlite_migration_has_a_postgres_counterpart() -> None:
    """Each SQLite migration has a PostgreSQL migration of the same name, so a schema change
    made on one backend only fails here."""
    from monitor.store.pg_schema import MIGRATIONS

    fresh = sqlite_utils.Database(memory=True)
    sqlite_names = {m.name for m in migrations.pending(fresh)}
    assert len(sqlite_names) >= 3
    assert sorted(sqlite_names - {name for name, _ in MIGRATIONS}) == []


def test_store_implements_the_protocol(store: StoreAPI, opener: Opener) -> None:
    """The opened store is a ``StoreAPI``, and reopening the database applies no migration
    twice."""
    assert isinstance(store, StoreAPI)
    again = opener()
    assert again.counts() == {"feeds": 0, "articles": 0, "scores": 0, "events": 0, "deliveries": 0}


# -- feeds, articles, scores -------------------------------------------------------


def test_feed_state_round_trip(store: StoreAPI, opener: Opener) -> None:
    """A feed's fetch state and health survive a reopen; an unknown feed reads as fresh."""
    state = FeedState(
        url="https://f.example/rss",
        etag='"e"',
        last_modified="x",
        error_count=2,
        last_error="fetch: 503",
        last_success_at=NOW - timedelta(hours=2),
        next_attempt_at=NOW,
        failing_notified=True,
        last_warning="bozo",
    )
    store.save_feed_state(state)
    store.save_feed_state(replace(state, error_count=3))
    store.close()
    again = opener()
    assert again.feed_state(state.url) == replace(state, error_count=3)
    assert again.feed_state("https://other.example/") == FeedState(url="https://other.example/")
    assert again.feed_states() == [replace(state, error_count=3)]


def test_save_article_is_idempotent(store: StoreAPI) -> None:
    """Saving an article twice stores one article and one score row; samples read back whole."""
    a = _article("k1")
    assert store.save_article(a, _scored(a, 0.5), now=NOW) is True
    assert store.save_article(a, _scored(a, 0.5), now=NOW) is False
    counts = store.counts()
    assert (counts["articles"], counts["scores"]) == (1, 1)
    assert store.unseen(["k1", "k2"]) == {"k2"}
    assert store.unseen([]) == set()
    (sample,) = store.samples("w", since=NOW - timedelta(days=1))
    assert sample == _scored(a, 0.5)[0][0]
    assert store.samples("w", since=NOW - timedelta(days=1), until=NOW - timedelta(hours=2)) == []


def test_concurrent_saves_of_one_article_store_it_once(opener: Opener) -> None:
    """Four connections saving the same article at once: exactly one reports it new."""
    stores = [opener() for _ in range(4)]
    a = _article("same")
    results: list[bool] = []
    barrier = threading.Barrier(len(stores))

    def save(s: StoreAPI) -> None:
        barrier.wait(timeout=10)
        results.append(s.save_article(a, _scored(a, 0.2), now=NOW))

    threads = [threading.Thread(target=save, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results) == [False, False, False, True]
    assert stores[0].counts()["articles"] == 1


def test_history_newest_first_with_filters(store: StoreAPI) -> None:
    """History lists scored articles newest first, filtered by watch and time, and limited."""
    for i in range(5):
        a = _article(f"h{i}", title=f"Story {i}", published=NOW - timedelta(hours=10 - i))
        store.save_article(a, _scored(a, 0.1 * i, watch="w" if i % 2 else "v"), now=NOW)
    rows = store.history(watch=None, since=NOW - timedelta(days=1))
    assert [r["title"] for r in rows] == [f"Story {i}" for i in (4, 3, 2, 1, 0)]
    assert set(rows[0]) >= {"at", "watch", "source", "tone", "label", "confidence", "url"}
    assert [r["title"] for r in store.history(watch="w", since=NOW - timedelta(days=1))] == [
        "Story 3",
        "Story 1",
    ]
    assert len(store.history(watch=None, since=NOW - timedelta(hours=8))) == 3
    assert len(store.history(watch=None, since=NOW - timedelta(hours=8), limit=2)) == 2


def test_search_ranks_title_matches_first_and_filters(store: StoreAPI) -> None:
    """A word in the title ranks above the same word only in the text; the snippet marks it;
    watch and since filter; scores come along."""
    docs = [
        ("s1", "Tariff talks resume", "Officials met in Geneva.", "w", 2),
        ("s2", "Summit opens", "Leaders discussed the tariff in Geneva.", "v", 30),
        ("s3", "Weather report", "Rain tomorrow.", "w", 2),
    ]
    for key, title, text, watch, age in docs:
        a = _article(key, title=title, text=text, published=NOW - timedelta(hours=age))
        store.save_article(a, _scored(a, 0.3, watch=watch), now=NOW)
    hits = store.search("tariff")
    rows = hits.rows
    assert [r["key"] for r in rows] == ["s1", "s2"] and not hits.capped
    assert rows[0]["rank"] < rows[1]["rank"]
    assert "[tariff]" in rows[1]["snippet"].lower() or "[Tariff]" in rows[1]["snippet"]
    assert rows[0]["scores"] == [{"watch": "w", "tone": 0.3, "label": "engagement"}]
    assert [r["key"] for r in store.search("tariff", watch="v").rows] == ["s2"]
    since = NOW - timedelta(hours=5)
    assert [r["key"] for r in store.search("geneva", since=since).rows] == ["s1"]
    assert store.search("zebra") == SearchHits([], capped=False)


def test_search_depth_ranks_only_the_newest_matches(store: StoreAPI) -> None:
    """With ``depth``, only the newest matches (by storage order) are ranked and ``capped``
    says older ones were left out; ``depth=None`` ranks every match."""
    for i in range(5):
        # The oldest stored article has the best (title) match.
        title = "Tariff" if i == 0 else f"Note {i}"
        a = _article(f"d{i}", title=title, text="A tariff was discussed.")
        store.save_article(a, [], now=NOW + timedelta(seconds=i))
    shallow = store.search("tariff", depth=3)
    assert shallow.capped
    assert {r["key"] for r in shallow.rows} == {"d2", "d3", "d4"}
    full = store.search("tariff", depth=None)
    assert not full.capped and full.rows[0]["key"] == "d0" and len(full.rows) == 5
    assert not store.search("tariff", depth=5).capped


def test_scored_rows_read_in_steps_match_a_full_read(opener: Opener) -> None:
    """Score rows read in steps from a high-water mark, with articles written through two
    connections, are each read once, in storage order, and equal a full read; counts and
    the last row agree."""
    daemon, other = opener(), opener()
    rng = random.Random(5)
    now = NOW
    mark, marks, seen = 0, [], []
    for step in range(40):
        now += timedelta(hours=3)
        for i in range(rng.randint(0, 3)):
            age = rng.choice([0.5, 1, 2, 30, 90, 200, -5])
            a = _article(f"s{step}-{i}", f"Story {step} {i}", published=now - timedelta(hours=age))
            writer = daemon if i % 2 else other
            assert writer.save_article(a, _scored(a, rng.uniform(-1, 1)), now=now)
        daemon.sequence_scores("w")  # the detector numbers the new rows before it reads
        new, mark = daemon.scored_rows("w", after=mark)
        marks.append(mark)
        seen += new
    full, top = daemon.scored_rows("w")
    assert len(full) > 5 and seen == full and top == mark == daemon.last_score_row()
    assert [r for r, _ in full] == sorted(r for r, _ in full)
    assert marks == sorted(marks)
    middle = full[len(full) // 2][0]
    assert daemon.count_scored("w", upto=middle) == len(full) // 2 + 1
    upto, _ = daemon.scored_rows("w", upto=middle)
    assert upto == full[: len(full) // 2 + 1]
    recent, _ = daemon.scored_rows("w", since=now - timedelta(hours=10))
    assert {s.key for _, s in recent} == {
        s.key for _, s in full if s.at >= now - timedelta(hours=10)
    }


def test_sequence_scores_makes_each_row_readable_once_in_write_order(opener: Opener) -> None:
    """``sequence_scores`` returns how many of a watch's rows it made readable (SQLite: none,
    its rows are readable once written); after it every row written before is read, in the
    order the transactions wrote them, other watches' rows untouched; a second call
    numbers nothing, and rows written later are read after the first mark."""
    daemon, other = opener(), opener()
    written: list[str] = []
    for i in range(6):
        a = _article(f"q{i}", f"Story {i}", published=NOW - timedelta(hours=i % 3))
        writer = daemon if i % 2 else other
        scores = _scored(a, 0.1 * i) + (_scored(a, -0.1, watch="v") if i < 2 else [])
        assert writer.save_articles([(a, scores)], now=NOW)
        written.append(a.key)
    before, _ = daemon.scored_rows("w")
    numbered = daemon.sequence_scores("w")
    rows, mark = daemon.scored_rows("w")
    assert numbered == len(rows) - len(before)
    assert [s.key for _, s in rows] == written
    assert [r for r, _ in rows] == sorted({r for r, _ in rows}) and mark == rows[-1][0]
    assert daemon.sequence_scores("w") == 0
    v_before, _ = daemon.scored_rows("v")
    assert other.sequence_scores("v") == 2 - len(v_before)
    v_rows, _ = daemon.scored_rows("v")
    assert [s.key for _, s in v_rows] == written[:2]
    late = _article("q-late", "Later story")
    assert daemon.save_articles([(late, _scored(late, 0.3))], now=NOW)
    other.sequence_scores("w")
    new, top = daemon.scored_rows("w", after=mark)
    assert [s.key for _, s in new] == ["q-late"] and top > mark
    assert daemon.count_scored("w", upto=top) == len(written) + 1


def test_detector_state_and_calibration_round_trip(store: StoreAPI) -> None:
    """A watch's detector state and calibration are saved, replaced, listed and cleared."""
    assert store.detector_state("w") is None and store.calibration("w") is None
    kw = dict(rule_hash="h1", last_row=7, rows=5, scalars={"cusum": [0.5, -0.25]})
    store.save_detector_state("w", status={"phase": "warming"}, now=NOW, **kw)  # type: ignore[arg-type]
    store.save_detector_state("w", status={"phase": "watching"}, now=NOW, **kw)  # type: ignore[arg-type]
    state = store.detector_state("w")
    assert state is not None and state["scalars"] == {"cusum": [0.5, -0.25]}
    assert state["status"] == {"phase": "watching"} and state["last_row"] == 7
    (listed,) = store.detector_states()
    assert listed["watch"] == "w" and "scalars" not in listed
    store.save_calibration("w", rule_key="k", result={"decision": 4.5}, applied=True, now=NOW)
    store.save_calibration("v", rule_key="k", result={"decision": 3.0}, applied=False, now=NOW)
    cal = store.calibration("w")
    assert cal is not None and cal["applied"] is True and cal["result"] == {"decision": 4.5}
    assert [c["watch"] for c in store.calibrations()] == ["v", "w"]
    assert store.clear_calibration("w") is True and store.clear_calibration("w") is False
    assert store.calibration("w") is None


# -- events, the outbox, notifiers, silences -----------------------------------------


def test_event_and_outbox_written_together_once(store: StoreAPI) -> None:
    """An event and its outbox rows are one write, never twice; past events read back whole."""
    event = _event("evt_1")
    assert _add_event(store, event, {"a": '{"n": 1}', "b": "{}"}) is True
    assert _add_event(store, event, {"a": "{}", "b": "{}", "c": "{}"}) is False
    assert {d["id"] for d in store.deliveries()} == {"evt_1:a", "evt_1:b"}
    due = store.due_deliveries(NOW)
    assert [d["id"] for d in due] == ["evt_1:a", "evt_1:b"]
    assert due[0]["body"] == '{"n": 1}' and due[0]["event_id"] == "evt_1"
    assert store.past_events("w") == [event]
    (row,) = store.events(watch="w")
    assert row["payload"]["event_id"] == "evt_1" and row["silenced"] == 0
    assert store.events(since=NOW + timedelta(seconds=1)) == []
    assert store.counts()["events"] == 1 and store.counts()["deliveries"] == 2


def test_delivery_attempts_move_the_outbox_row(store: StoreAPI) -> None:
    """A failed attempt schedules a retry, a success marks it delivered, and every attempt is
    kept in order; a delivered row cannot be re-queued, a failed one can."""
    _add_event(store, _event("evt_2"), {"a": "{}", "b": "{}"})
    assert store.next_delivery_due() == NOW
    later = NOW + timedelta(minutes=5)
    store.record_attempt(
        "evt_2:a",
        at=NOW,
        status_code=503,
        error="HTTP 503",
        duration_s=0.1,
        outcome="pending",
        next_attempt_at=later,
    )
    assert [d["id"] for d in store.due_deliveries(NOW)] == ["evt_2:b"]
    store.record_attempt(
        "evt_2:a",
        at=later,
        status_code=200,
        error=None,
        duration_s=0.1,
        outcome="delivered",
        next_attempt_at=None,
    )
    store.record_attempt(
        "evt_2:b", at=NOW, status_code=None, error="refused", duration_s=0.0,
        outcome="failed", next_attempt_at=None,
    )  # fmt: skip
    rows = {d["id"]: d for d in store.deliveries()}
    assert rows["evt_2:a"]["status"] == "delivered" and rows["evt_2:a"]["attempts"] == 2
    assert "body" not in rows["evt_2:a"]
    attempts = store.delivery_attempts("evt_2:a")
    assert [(a["attempt"], a["status_code"]) for a in attempts] == [(1, 503), (2, 200)]
    assert [d["id"] for d in store.deliveries(status="failed")] == ["evt_2:b"]
    assert store.next_delivery_due() is None
    assert store.requeue("evt_2:a", now=later) is False
    assert store.requeue("evt_2:b", now=later) is True
    assert store.requeue("nope", now=later) is False
    assert [d["id"] for d in store.due_deliveries(later)] == ["evt_2:b"]


def test_notifier_disable_and_enable(store: StoreAPI) -> None:
    """A disabled notifier reports why; enabling it clears the reason."""
    assert store.notifier_disabled("hook") is None
    store.set_notifier_disabled("hook", "410 Gone", now=NOW)
    assert store.notifier_disabled("hook") == "410 Gone"
    store.set_notifier_disabled("hook", None, now=NOW)
    assert store.notifier_disabled("hook") is None


def test_silences(store: StoreAPI) -> None:
    """A silence is active until it ends, listed, and removable by its id."""
    first = store.add_silence("w", until=NOW + timedelta(hours=1), comment="noisy", now=NOW)
    second = store.add_silence("v", until=NOW - timedelta(hours=1), comment="old", now=NOW)
    assert first != second
    assert store.silenced("w", NOW) and not store.silenced("v", NOW)
    assert [s["watch"] for s in store.silences(now=NOW)] == ["w"]
    assert [s["watch"] for s in store.silences()] == ["v", "w"]
    assert store.remove_silence(first) is True
    assert store.remove_silence(first) is False
    assert not store.silenced("w", NOW)


def test_save_articles_is_one_batch_with_a_flag_per_article(store: StoreAPI) -> None:
    """A batch stores each new article and its scores once, flags the repeats, and creates
    the feed's row with its first article (``articles.feed_url`` references ``feeds``)."""
    a, b = _article("b1"), _article("b2", feed_url="https://g.example/rss")
    assert store.save_articles([(a, _scored(a, 0.4)), (b, _scored(b, -0.2))], now=NOW) == [
        True,
        True,
    ]
    c = _article("b3")
    assert store.save_articles([(a, _scored(a, 0.4)), (c, [])], now=NOW) == [False, True]
    assert store.save_articles([], now=NOW) == []
    counts = store.counts()
    assert (counts["articles"], counts["scores"], counts["feeds"]) == (3, 2, 2)
    assert {f.url for f in store.feed_states()} == {
        "https://f.example/rss",
        "https://g.example/rss",
    }
    assert [x.key for x in store.samples("w", since=NOW - timedelta(days=1))] == ["b1", "b2"]


def test_save_articles_saves_the_feed_state_with_them(store: StoreAPI) -> None:
    """``save_articles(feed_state=...)`` writes the feed's state in the batch's transaction,
    after its articles (a poll's one commit per feed); a batch without it leaves the
    state alone."""
    a = _article("s1")
    state = FeedState(url=a.feed_url, etag='"v2"', last_success_at=NOW, next_attempt_at=NOW)
    assert store.save_articles([(a, _scored(a, 0.1))], now=NOW, feed_state=state) == [True]
    assert store.feed_state(a.feed_url) == state
    b = _article("s2")
    assert store.save_articles([(b, [])], now=NOW) == [True]
    assert store.feed_state(a.feed_url) == state
    assert store.counts()["articles"] == 2


def test_failing_since_and_exact_times_round_trip(store: StoreAPI) -> None:
    """A feed's ``failing_since`` and times to the microsecond survive a save, in order."""
    since = NOW - timedelta(hours=3, microseconds=250)
    state = FeedState(
        url="https://f.example/rss",
        error_count=4,
        failing_since=since,
        next_attempt_at=NOW + timedelta(seconds=5, microseconds=700_000),
    )
    store.save_feed_state(state)
    assert store.feed_state(state.url) == state
    store.save_feed_state(replace(state, error_count=0, failing_since=None))
    assert store.feed_state(state.url).failing_since is None


def test_health_event_is_written_with_its_feed_state(store: StoreAPI) -> None:
    """``add_event(feed_state=...)`` saves the state with the event, and a repeat of the
    event still saves the newer state (the event itself is not written twice)."""
    state = FeedState(url="https://f.example/rss", error_count=5, failing_notified=True)
    kw = dict(
        type="source.failing", watch="w", direction=None, at=NOW,
        payload={"url": state.url}, bodies={"a": "{}"}, now=NOW,
    )  # fmt: skip
    assert store.add_event("src_1", feed_state=state, **kw) is True  # type: ignore[arg-type]
    assert store.feed_state(state.url) == state
    assert store.add_event("src_1", feed_state=replace(state, error_count=6), **kw) is False  # type: ignore[arg-type]
    assert store.feed_state(state.url).error_count == 6
    (row,) = store.events()
    assert row["label"] == "source.failing https://f.example/rss, 2026-05-01"


def test_shift_event_links_its_articles_and_has_a_label(store: StoreAPI) -> None:
    """A stored shift event names itself (``label``) and links its driving article, which
    the charted-watch names, figures and ``has_older`` see too."""
    a = _article("1", published=NOW)
    store.save_article(a, _scored(a, 0.7), now=NOW)
    _add_event(store, _event("evt_l"), {"a": "{}"})
    (row,) = store.events()
    assert row["label"] == "w: shift toward engagement (+0.10 → +0.60), 2026-05-01"
    assert _event_articles(store) == [("evt_l", 1, "1")]
    assert known_names(store, "charted") == {"w"}
    assert known_names(store, "watch") == {"w"}
    assert known_names(store, "notifier") == {"a"}
    figures = store_figures(store, now=NOW)
    assert figures["tone"] == {"w": (0.7, 1)} and figures["articles"] == 1
    assert figures["events"] == {("rhetoric.shift.detected", "w"): 1}
    assert figures["deliveries"] == {("a", "pending"): 1} and figures["outbox_due"] == 1
    assert store.has_older(watch="w", before=NOW + timedelta(seconds=1))
    assert not store.has_older(watch="w", before=NOW)
    found = store.find_delivery("evt_l:a")
    assert found is not None and found["status"] == "pending" and "body" not in found
    assert store.find_delivery("nope") is None
    store.probe_writable()


def _event_articles(store: StoreAPI) -> list[tuple[str, int, str]]:
    """The ``event_articles`` rows, read with the backend's own connection."""
    sql = "select event_id, rank, article_key from event_articles order by event_id, rank"
    if isinstance(store, Store):
        return [tuple(r) for r in store.db.execute(sql).fetchall()]
    rows = store.conn.execute(sql).fetchall()  # type: ignore[attr-defined]
    return [(r["event_id"], r["rank"], r["article_key"]) for r in rows]


def test_disabled_notifier_parks_and_releases_its_rows(store: StoreAPI) -> None:
    """Disabling a notifier parks its pending rows as ``disabled``; an event written meanwhile
    is parked too; enabling queues them all again, due at once."""
    _add_event(store, _event("evt_p1"), {"hook": "{}", "other": "{}"})
    assert store.set_notifier_disabled("hook", "410 Gone", now=NOW) == 1
    _add_event(store, _event("evt_p2"), {"hook": "{}"})
    rows = {d["id"]: d for d in store.deliveries()}
    assert rows["evt_p1:hook"]["status"] == "disabled" == rows["evt_p2:hook"]["status"]
    assert "--enable hook" in rows["evt_p2:hook"]["last_error"]
    assert rows["evt_p1:other"]["status"] == "pending"
    assert [d["id"] for d in store.due_deliveries(NOW)] == ["evt_p1:other"]
    store.park_delivery("evt_p1:other", "other", "HTTP 410")
    assert store.due_deliveries(NOW) == []
    later = NOW + timedelta(minutes=1)
    assert store.set_notifier_disabled("hook", None, now=later) == 2
    assert {d["id"] for d in store.due_deliveries(later)} == {"evt_p1:hook", "evt_p2:hook"}


def test_search_reads_or_not_and_phrases_alike(store: StoreAPI) -> None:
    """``OR``, ``NOT`` and a quoted phrase select the same articles on both backends."""
    docs = [
        ("p1", "Trade fair opens", "Buyers came to the trade fair."),
        ("p2", "Fair weather", "Trade was slow in fair weather."),
        ("p3", "Tariff rise", "New duties on steel."),
    ]
    for key, title, text in docs:
        store.save_article(_article(key, title=title, text=text), [], now=NOW)
    assert {r["key"] for r in store.search('"trade fair"').rows} == {"p1"}
    assert {r["key"] for r in store.search("tariff OR weather").rows} == {"p2", "p3"}
    assert {r["key"] for r in store.search("trade NOT weather").rows} == {"p1"}


def _wait_blocked(dsn: str, query: str, timeout: float = 10.0) -> None:
    """Wait (bounded) until a session is blocked on a lock running a query that starts
    with ``query``."""
    import time

    import psycopg

    deadline = time.monotonic() + timeout
    with psycopg.connect(dsn, autocommit=True) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                " and query like %s",
                [query + "%"],
            ).fetchone()
            if row and row[0]:
                return
            time.sleep(0.02)
    raise AssertionError(f"no session blocked on {query!r} within {timeout} s")


def _advisory_locks(dsn: str) -> int:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute(
            "select count(*) from pg_locks where locktype = 'advisory' and database ="
            " (select oid from pg_database where datname = current_database())"
        ).fetchone()
    return int(row[0]) if row else -1


def _hold_article(dsn: str, a: Article) -> object:
    """An open transaction holding ``a``'s key (inserted, not committed): a writer of the
    same key waits for it, inside its own transaction."""
    import psycopg

    conn = psycopg.connect(dsn)
    conn.execute(
        "insert into articles (key, feed_url, url, title, text, published, source)"
        " values (%s, %s, %s, %s, %s, %s, %s)",
        [a.key, a.feed_url, a.url, a.title, a.text, iso(a.published), a.source],
    )
    return conn


def test_postgres_a_score_committed_out_of_order_is_read_by_the_next_detection(
    pg_dsn: str,
) -> None:
    """Two writers of scores, the older held open inside its transaction (after its score
    row) while the younger commits: the younger does not wait for it (no lock between
    writers), a detection in between reads the younger row, and the next detection reads
    the older one, numbered above the first's mark; no row is skipped or read twice.
    (Numbers drawn as rows are written would give the older row the lower number, below
    the first detection's mark once it commits: the second detection would miss it.)"""
    reader, old_writer, young_writer = (open_store(pg_dsn) for _ in range(3))
    assert reader.save_articles([(_article("seed"), [])], now=NOW) == [True]
    old, young, gate = _article("old"), _article("young"), _article("gate")
    holder = _hold_article(pg_dsn, gate)
    done: list[list[bool]] = []
    thread = threading.Thread(
        target=lambda: done.append(
            old_writer.save_articles([(old, _scored(old, 0.1)), (gate, [])], now=NOW)
        )
    )
    thread.start()
    try:
        _wait_blocked(pg_dsn, "insert into articles")  # its score row written, uncommitted
        young_thread = threading.Thread(
            target=lambda: young_writer.save_articles([(young, _scored(young, 0.2))], now=NOW)
        )
        young_thread.start()
        young_thread.join(timeout=10)
        assert not young_thread.is_alive()  # committed while the older write is open
        assert reader.sequence_scores("w") == 1
        first, mark = reader.scored_rows("w")
        assert [s.key for _, s in first] == ["young"] and mark == first[0][0]
    finally:
        holder.rollback()  # type: ignore[attr-defined]
        holder.close()  # type: ignore[attr-defined]
        thread.join(timeout=10)
    assert done == [[True, True]]
    assert reader.sequence_scores("w") == 1
    second, mark2 = reader.scored_rows("w", after=mark)
    assert [s.key for _, s in second] == ["old"] and second[0][0] > mark
    third, _ = reader.scored_rows("w", after=mark2)
    assert third == []
    everything, _ = reader.scored_rows("w")
    assert [s.key for _, s in everything] == ["young", "old"]
    for s in (reader, old_writer, young_writer):
        s.close()


def test_postgres_score_writers_take_no_advisory_lock(pg_dsn: str) -> None:
    """A ``save_articles`` and a ``score_unscored`` each held inside their transaction,
    past their score rows or at them, hold no advisory lock (``pg_locks``); both then
    commit their rows."""
    import psycopg

    store, writer = open_store(pg_dsn), open_store(pg_dsn)
    assert store.save_articles([(_article("seed"), [])], now=NOW) == [True]
    a, gate = _article("a"), _article("gate")
    holder = _hold_article(pg_dsn, gate)
    thread = threading.Thread(
        target=lambda: writer.save_articles([(a, _scored(a, 0.1)), (gate, [])], now=NOW)
    )
    thread.start()
    try:
        _wait_blocked(pg_dsn, "insert into articles")
        assert _advisory_locks(pg_dsn) == 0
    finally:
        holder.rollback()  # type: ignore[attr-defined]
        holder.close()  # type: ignore[attr-defined]
        thread.join(timeout=10)
    assert not thread.is_alive()

    b = _article("b")
    assert writer.save_unscored([b], now=NOW) == [True]  # type: ignore[attr-defined]
    sample, _ = _scored(b, 0.4)[0]
    with psycopg.connect(pg_dsn) as conn:  # the same score row, written and not committed
        conn.execute(
            "insert into scores (article_key, watch, at, tone, phrases, fingerprint)"
            " values (%s, 'w', %s, 0.4, '[]', '[]')",
            [b.key, iso(sample.at)],
        )
        taken: list[tuple[int, set[str]]] = []
        thread = threading.Thread(
            target=lambda: taken.append(
                writer.score_unscored(  # type: ignore[attr-defined]
                    b.feed_url, lambda batch: [(x, _scored(x, 0.4)) for x, _ in batch], limit=10
                )
            )
        )
        thread.start()
        try:
            _wait_blocked(pg_dsn, "insert into scores")
            assert _advisory_locks(pg_dsn) == 0
        finally:
            conn.rollback()
            thread.join(timeout=10)
    assert taken == [(1, {"w"})]
    with psycopg.connect(pg_dsn) as conn:
        rows = conn.execute("select article_key, seq from scores order by article_key")
        assert rows.fetchall() == [("a", None), ("b", None)]  # numbered by detection only
    assert store.unscored_count() == 0  # type: ignore[attr-defined]
    store.close()
    writer.close()


def test_postgres_overlapping_numberings_number_each_row_once(pg_dsn: str) -> None:
    """Two numberings of one watch at once (the cluster runs one at a time per watch; this
    is the backstop) give every row one number: the second waits for the rows the first
    locked and finds them numbered."""
    writers = [open_store(pg_dsn) for _ in range(2)]
    batch = [_article(f"n{i}", f"Story {i}") for i in range(60)]
    writers[0].save_articles([(a, _scored(a, 0.1)) for a in batch], now=NOW)
    barrier = threading.Barrier(2)
    counts: list[int] = []

    def number(store: StoreAPI) -> None:
        barrier.wait(timeout=10)
        counts.append(store.sequence_scores("w"))

    threads = [threading.Thread(target=number, args=(w,)) for w in writers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert sorted(counts) == [0, len(batch)]
    rows, _ = writers[0].scored_rows("w")
    assert len(rows) == len({r for r, _ in rows}) == len(batch)
    for w in writers:
        w.close()


def test_postgres_numbering_waits_for_rows_another_numbering_holds(pg_dsn: str) -> None:
    """A numbering of the watch still open (a stalled job's) holds one row, numbered and not
    committed: a new numbering waits for it instead of numbering the other row around it,
    then numbers only that other row, above it; both are read, in that order."""
    import psycopg

    store, other = open_store(pg_dsn), open_store(pg_dsn)
    held, free = _article("held"), _article("free")
    store.save_articles([(held, _scored(held, 0.1)), (free, _scored(free, 0.2))], now=NOW)
    stalled = psycopg.connect(pg_dsn)
    stalled.execute("update scores set seq = nextval('scores_seq') where article_key = 'held'")
    counts: list[int] = []
    thread = threading.Thread(target=lambda: counts.append(other.sequence_scores("w")))
    thread.start()
    try:
        _wait_blocked(pg_dsn, "select article_key from scores")
        assert counts == [] and store.scored_rows("w")[0] == []
    finally:
        stalled.commit()
        stalled.close()
        thread.join(timeout=20)
    assert counts == [1]
    rows, _ = store.scored_rows("w")
    assert [s.key for _, s in rows] == ["held", "free"]
    store.close()
    other.close()


def test_postgres_a_watch_with_unnumbered_rows_is_behind(pg_dsn: str) -> None:
    """``detectors_behind`` (the tick's requeue of lost detect work) names a watch whose
    saved mark covers every numbered row but which has a row not numbered yet, and stops
    naming it once that row is numbered and taken."""
    store = open_store(pg_dsn)
    first = _article("b1")
    store.save_articles([(first, _scored(first, 0.1))], now=NOW)
    assert store.detectors_behind(["w", "v"]) == ["w"]  # type: ignore[attr-defined]

    def taken() -> None:  # what a detect job does: number, read, save its mark
        store.sequence_scores("w")
        rows, top = store.scored_rows("w")
        store.save_detector_state(
            "w", rule_hash="h", last_row=top, rows=len(rows), scalars={}, status={}, now=NOW
        )

    taken()
    assert store.detectors_behind(["w", "v"]) == []  # type: ignore[attr-defined]
    second = _article("b2")
    store.save_articles([(second, _scored(second, 0.2))], now=NOW)
    assert store.detectors_behind(["w", "v"]) == ["w"]  # type: ignore[attr-defined]
    taken()
    assert store.detectors_behind(["w", "v"]) == []  # type: ignore[attr-defined]
    store.close()


def _apply_only(conn: Any, names: set[str]) -> None:
    """Apply the PostgreSQL migrations named in ``names`` (and record them), as an
    older release left its database."""
    from monitor.store.pg_schema import MIGRATIONS

    conn.execute("create table rhetoric_migrations (name text primary key, applied_at"
                 " timestamptz not null default now())")  # fmt: skip
    for name, statements in MIGRATIONS:
        if name in names:
            for sql in statements:
                conn.execute(sql)
            conn.execute("insert into rhetoric_migrations (name) values (%s)", [name])


def test_postgres_upgrade_keeps_the_numbers_rows_were_written_with(pg_dsn: str) -> None:
    """A database at m016 (rows numbered as they were written) takes m017 on open: its rows
    keep their numbers and are read as before; a row written after is unnumbered until the
    watch's numbering, which puts it after them."""
    import psycopg

    from monitor.store.pg_schema import MIGRATIONS

    names = [name for name, _ in MIGRATIONS]
    before = names[: names.index("m017_scores_numbered_by_detect")]
    old = [_article(f"u{i}", f"Story {i}") for i in range(3)]
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        _apply_only(conn, set(before))
        conn.execute(
            "insert into feeds (url, error_count, disabled, failing_notified) values (%s, 0, 0, 0)",
            [old[0].feed_url],
        )
        for a in old:
            conn.execute(
                "insert into articles (key, feed_url, url, title, text, published, source)"
                " values (%s, %s, %s, %s, %s, %s, %s)",
                [a.key, a.feed_url, a.url, a.title, a.text, iso(a.published), a.source],
            )
            conn.execute(
                "insert into scores (article_key, watch, at, tone, phrases, fingerprint)"
                " values (%s, 'w', %s, 0.1, '[]', '[]')",
                [a.key, iso(a.published)],
            )
        numbers = [r[0] for r in conn.execute("select seq from scores order by seq")]
    assert len(numbers) == 3 and None not in numbers
    store = open_store(pg_dsn)
    try:
        rows, mark = store.scored_rows("w")
        assert [(r, s.key) for r, s in rows] == list(zip(numbers, ["u0", "u1", "u2"], strict=True))
        late = _article("u-late")
        assert store.save_articles([(late, _scored(late, 0.2))], now=NOW) == [True]
        assert store.scored_rows("w", after=mark)[0] == []
        assert store.sequence_scores("w") == 1
        new, top = store.scored_rows("w", after=mark)
        assert [s.key for _, s in new] == ["u-late"] and top > mark == max(numbers)
    finally:
        store.close()


def test_postgres_upgrade_from_the_first_cluster_schema(pg_dsn: str) -> None:
    """A PostgreSQL database made by the first cluster release (m001-m003, m015) with data
    takes m004 and m005 on open: failing feeds get ``failing_since``, second-precision
    retry times are rounded up, past shift events link their driving articles."""
    import psycopg

    first = {"m001_initial", "m002_scores_at_index", "m003_feed_warning", "m015_feed_schedule"}
    a = _article("1", published=NOW)
    sample, _ = _scored(a, 0.7)[0]
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        _apply_only(conn, first)
        conn.execute(
            "insert into feeds (url, error_count, disabled, failing_notified, last_success_at,"
            " next_attempt_at) values (%s, 3, 0, 1, '2026-05-01T09:00:00+00:00',"
            " '2026-05-01T12:00:05+00:00')",
            [a.feed_url],
        )
        conn.execute(
            "insert into articles (key, feed_url, url, title, text, published, source)"
            " values (%s, %s, %s, %s, %s, %s, %s)",
            [a.key, a.feed_url, a.url, a.title, a.text, iso(a.published), a.source],
        )
        conn.execute(
            "insert into scores (article_key, watch, at, tone, url, title, phrases,"
            " fingerprint) values (%s, 'w', %s, 0.7, %s, %s, '[]', '[]')",
            [a.key, iso(sample.at), a.url, a.title],
        )
        event = _event("evt_old")
        conn.execute(
            "insert into events (event_id, type, watch, direction, at, created_at, silenced,"
            " payload) values (%s, %s, 'w', 'engagement', %s, %s, 0, %s)",
            [event.event_id, event.type, iso(NOW), iso(NOW), json.dumps(event_to_dict(event))],
        )
        conn.execute(
            "insert into deliveries (id, event_id, notifier, status, attempts, next_attempt_at,"
            " created_at, body) values ('evt_old:a', 'evt_old', 'a', 'pending', 1,"
            " '2026-05-01T12:00:05+00:00', %s, '{}')",
            [iso(NOW)],
        )
    store = open_store(pg_dsn)
    try:
        state = store.feed_state(a.feed_url or "")
        assert state.failing_since == datetime(2026, 5, 1, 9, tzinfo=UTC)
        assert state.next_attempt_at == datetime(2026, 5, 1, 12, 0, 6, tzinfo=UTC)
        (row,) = store.deliveries()
        assert row["next_attempt_at"] == "2026-05-01T12:00:06+00:00"
        assert _event_articles(store) == [("evt_old", 1, "1")]
        assert store.events()[0]["label"].startswith("w: shift toward engagement (+0.10")
        assert "m005_exact_times_and_failing_since" in store.applied_migrations()  # type: ignore[attr-defined]
    finally:
        store.close()
