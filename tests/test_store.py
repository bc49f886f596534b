"""Store stage on real SQLite files: migrations, WAL, idempotent writes, full-text search."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.models import Article, FeedState, Sample, ToneScore
from monitor.store import Store, migrations

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


def _article(key: str, title: str, text: str) -> Article:
    return Article(
        key=key,
        feed_url="https://f.example/rss",
        url=f"https://f.example/{key}",
        title=title,
        text=text,
        published=NOW - timedelta(hours=1),
        source="F",
    )


def _scored(article: Article, tone: float) -> list[tuple[Sample, ToneScore]]:
    sample = Sample(
        key=article.key,
        watch="w",
        at=article.published,
        tone=tone,
        source="F",
        title=article.title,
        phrases=("talks",),
        fingerprint=(1, 2, 3),
    )
    return [(sample, ToneScore(tone=tone, label="engagement", confidence=0.8))]


def test_migrations_apply_once_and_wal(tmp_path: Path) -> None:
    """Opening a database twice applies each migration once, and the file is in WAL mode."""
    db = tmp_path / "m.db"
    Store(db).close()
    store = Store(db)
    assert migrations.pending(store.db) == []
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


def test_save_article_is_idempotent(tmp_path: Path) -> None:
    """Saving the same article twice stores one article and one score row."""
    store = Store(tmp_path / "m.db")
    a = _article("k1", "Talks resume", "Both sides agreed to talk.")
    assert store.save_article(a, _scored(a, 0.5), now=NOW) is True
    assert store.save_article(a, _scored(a, 0.5), now=NOW) is False
    counts = store.counts()
    assert (counts["articles"], counts["scores"]) == (1, 1)
    assert store.unseen(["k1", "k2"]) == {"k2"}
    (sample,) = store.samples("w", since=NOW - timedelta(days=1))
    assert sample.phrases == ("talks",) and sample.fingerprint == (1, 2, 3)
    store.close()


def test_full_text_search(tmp_path: Path) -> None:
    """Articles are searchable by title and text through the FTS table."""
    store = Store(tmp_path / "m.db")
    for i, (title, text) in enumerate(
        [("Tariffs rise", "New duties on steel."), ("Summit opens", "Leaders meet in Geneva.")]
    ):
        a = _article(f"k{i}", title, text)
        store.save_article(a, [], now=NOW)
    hits = list(store.db["articles"].search("Geneva"))  # type: ignore[union-attr]
    assert [h["title"] for h in hits] == ["Summit opens"]
    store.close()


def test_feed_state_round_trip(tmp_path: Path) -> None:
    """A feed's fetch state and health survive a reopen."""
    db = tmp_path / "m.db"
    store = Store(db)
    state = FeedState(
        url="https://f.example/rss",
        etag='"e"',
        last_modified="x",
        error_count=2,
        last_error="fetch: 503",
        next_attempt_at=NOW,
        failing_notified=True,
    )
    store.save_feed_state(state)
    store.close()
    again = Store(db)
    assert again.feed_state(state.url) == state
    assert again.feed_state("https://other.example/") == FeedState(url="https://other.example/")
    again.close()


def test_event_and_outbox_written_together(tmp_path: Path) -> None:
    """An event and its outbox rows are one write: both or neither, never twice."""
    store = Store(tmp_path / "m.db")
    kwargs = dict(
        type="rhetoric.shift.detected",
        watch="w",
        direction="engagement",
        at=NOW,
        payload={"x": 1},
        bodies={"a": "{}", "b": "{}"},
        now=NOW,
    )
    assert store.add_event("evt_1", **kwargs) is True  # type: ignore[arg-type]
    assert store.add_event("evt_1", **kwargs) is False  # type: ignore[arg-type]
    assert {d["id"] for d in store.deliveries()} == {"evt_1:a", "evt_1:b"}
    assert [d["id"] for d in store.due_deliveries(NOW)] == ["evt_1:a", "evt_1:b"]
    store.close()


def test_scored_rows_read_new_rows_in_stored_order_and_match_a_full_read(tmp_path: Path) -> None:
    """Score rows read after a high-water mark, across two connections, are exactly the rows
    a full read adds since the last mark, in the order they were stored (backdated and
    future-dated articles included), and ``count_scored`` counts them."""
    import random

    db = tmp_path / "m.db"
    daemon, other = Store(db), Store(db)
    rng = random.Random(5)
    now = NOW
    mark, taken = 0, []
    for step in range(40):
        now += timedelta(hours=3)
        for i in range(rng.randint(0, 3)):
            age = rng.choice([0.5, 1, 2, 30, 90, 200, -5])
            a = _article(f"s{step}-{i}", f"Story {step} {i}", f"Text {step} {i}.")
            a = replace(a, published=now - timedelta(hours=age))
            writer = daemon if i % 2 else other
            assert writer.save_article(a, _scored(a, rng.uniform(-1, 1)), now=now)
        new, top = daemon.scored_rows("w", after=mark)
        assert [r for r, _ in new] == sorted(r for r, _ in new) and all(r > mark for r, _ in new)
        taken += [s.key for _, s in new]
        mark = top
        everything, _ = daemon.scored_rows("w")
        assert [s.key for _, s in everything] == taken, f"step {step}"
        assert daemon.count_scored("w", upto=mark) == len(taken)
    assert len(taken) > 20 and mark == daemon.last_score_row()
    daemon.close()
    other.close()
