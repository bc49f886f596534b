"""The database browses well in Datasette: foreign keys, labels, JSON columns, the
metadata file (deploy/datasette-metadata.yaml) and its canned queries, run on a real
database filled by a backtest and a retried delivery; and the migration that adds the
foreign keys to an existing database without losing a row or the full-text index."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
import yaml

from monitor.config import load_config
from monitor.models import Article, Sample, ToneScore
from monitor.notify import Outbox, enqueue
from monitor.replay import default_config, replay
from monitor.store import Store
from monitor.store.schema import migrations
from tests.feeds import SECRET, Clock, shifting_items
from tests.localserver import LocalServer, Response

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "deploy" / "datasette-metadata.yaml"
NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)
JSON_COLUMNS = {
    "scores": ("phrases", "evidence", "fingerprint"),
    "events": ("payload",),
    "deliveries": ("body",),
}
FOREIGN_KEYS = {
    ("articles", "feed_url", "feeds", "url"),
    ("scores", "article_key", "articles", "key"),
    ("deliveries", "event_id", "events", "event_id"),
    ("delivery_attempts", "delivery_id", "deliveries", "id"),
    ("event_articles", "event_id", "events", "event_id"),
    ("event_articles", "article_key", "articles", "key"),
}


def _metadata() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(METADATA.read_text())
    return data["databases"]["rhetoric-monitor"]


@pytest.fixture
def filled(tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A backtest's database (named as Datasette will key it) with a shift, its drivers,
    a delivery retried once through the outbox, a silence and a disabled notifier."""
    rows = []
    for outlet in ("alpha", "beta"):
        for it in shifting_items(NOW, prefix=outlet, days_warm=20, days_hostile=8):
            rows.append(
                {
                    "id": it.guid,
                    "published": it.published,
                    "source": outlet,
                    "title": it.title,
                    "text": it.text,
                    "url": f"https://news.example/{it.guid}",
                }
            )
    rows.sort(key=lambda r: r["published"])
    db = tmp_path / "rhetoric-monitor.db"
    store = Store(db)
    list(replay(rows, config=default_config(), store=store))
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    cfg = tmp_path / "w.yaml"
    cfg.write_text(
        f"database: {db}\nnotifiers:\n  hook:\n    url: {server.url('/h')}\n"
        "    secret: ${TEST_WEBHOOK_SECRET}\n"
        "watches:\n  - name: default\n    actors: [United States, China]\n"
        "    feeds: [https://example.org/rss]\n"
    )
    config = load_config(cfg)
    event = store.events()[0]
    enqueue(
        store,
        config,
        event_id="evt_copy",
        event_type="rhetoric.shift.detected",
        watch="default",
        direction=event["direction"],
        at=NOW,
        data={"watch": "default", "summary": "copy"},
        payload={**event["payload"], "event_id": "evt_copy"},
        notifiers=["hook"],
        now=NOW,
    )
    answers = iter([500, 200])
    server.routes["/h"] = lambda req: Response(next(answers))
    clock = Clock(NOW)
    outbox = Outbox(store, config.notifiers, clock=clock)
    outbox.deliver_due()
    clock.now = NOW + timedelta(minutes=1)
    assert outbox.deliver_due() == 1
    store.add_silence("default", until=NOW + timedelta(days=1), comment="test", now=NOW)
    store.set_notifier_disabled("old", "410 Gone", now=NOW)
    store.close()
    return db


def _fks(db: sqlite3.Connection) -> set[tuple[str, str, str, str]]:
    tables = [r[0] for r in db.execute("select name from sqlite_master where type = 'table'")]
    return {
        (t, fk[3], fk[2], fk[4])
        for t in tables
        for fk in db.execute(f"pragma foreign_key_list('{t}')").fetchall()
    }


def test_foreign_keys_labels_and_json_columns(filled: Path) -> None:
    db = sqlite3.connect(filled)
    assert _fks(db) >= FOREIGN_KEYS
    assert db.execute("pragma foreign_key_check").fetchall() == []
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    for table, columns in JSON_COLUMNS.items():
        for column in columns:
            bad = db.execute(
                f"select count(*) from {table} where {column} is not null"
                f" and not json_valid({column})"
            ).fetchone()[0]
            assert bad == 0, f"{table}.{column} holds text that is not JSON"
    # JSON, not JSON in a string: the first level decodes to objects and arrays.
    payload = json.loads(db.execute("select payload from events limit 1").fetchone()[0])
    assert isinstance(payload["drivers"], list) and isinstance(payload["baseline"], dict)
    labels = [r[0] for r in db.execute("select label from events order by at")]
    assert labels[0].startswith("default: shift toward confrontation (+0.")
    assert db.execute("select count(*) from event_articles").fetchone()[0] == 10


def test_metadata_describes_every_table_and_column_that_exists(filled: Path) -> None:
    meta = _metadata()
    db = sqlite3.connect(filled)
    tables = {
        r[0]
        for r in db.execute("select name from sqlite_master where type = 'table'")
        if not r[0].startswith("articles_fts_")
    }
    assert set(meta["tables"]) == tables
    for name, spec in meta["tables"].items():
        columns = {r[1] for r in db.execute(f"pragma table_xinfo('{name}')")}
        if spec.get("hidden"):
            continue
        assert spec.get("description"), name
        assert set(spec["columns"]) == columns, name
        if "label_column" in spec:
            assert spec["label_column"] in columns, name


def test_canned_queries_run_on_a_real_database(filled: Path) -> None:
    queries = _metadata()["queries"]
    assert set(queries) == {"tone_by_week", "shifts_with_drivers"}
    db = sqlite3.connect(filled)
    db.row_factory = sqlite3.Row
    weeks = [dict(r) for r in db.execute(queries["tone_by_week"]["sql"], {"watch": ""})]
    assert [w["week"] for w in weeks] == [
        "2026-W14",
        "2026-W15",
        "2026-W16",
        "2026-W17",
        "2026-W18",
    ]
    assert weeks[0]["week_starting"] == "2026-03-30"
    assert sum(w["articles"] for w in weeks) == 2 * 28 * 3  # two outlets, 28 days, 3 a day
    assert weeks[0]["mean_tone"] > 0.5 and weeks[-1]["mean_tone"] < 0
    assert db.execute(queries["tone_by_week"]["sql"], {"watch": "nosuch"}).fetchall() == []
    shifts = [dict(r) for r in db.execute(queries["shifts_with_drivers"]["sql"], {"watch": ""})]
    event = db.execute(
        "select event_id, payload from events where event_id != 'evt_copy'"
        " and type = 'rhetoric.shift.detected'"
    ).fetchone()
    drivers = json.loads(event["payload"])["drivers"]
    mine = [s for s in shifts if s["event_id"] == event["event_id"]]
    assert [s["title"] for s in mine] == [d["title"] for d in drivers]
    assert [s["rank"] for s in mine] == [1, 2, 3, 4, 5]
    assert mine[0]["onset"] and mine[0]["url"].startswith("https://news.example/")
    assert mine[0]["shift"].startswith("default: shift toward confrontation")


def test_datasette_serves_labels_and_canned_queries(filled: Path) -> None:
    """Datasette itself (test extra) with the metadata: foreign keys show labels."""
    app = pytest.importorskip("datasette.app")

    async def fetch() -> dict[str, Any]:
        ds = app.Datasette([str(filled)], metadata=yaml.safe_load(METADATA.read_text()))
        await ds.invoke_startup()
        out: dict[str, Any] = {}
        for key, path in {
            "links": "/rhetoric-monitor/event_articles.json?_labels=on&_shape=objects",
            "attempts": "/rhetoric-monitor/delivery_attempts.json?_labels=on&_shape=objects",
            "weeks": "/rhetoric-monitor/tone_by_week.json?watch=default&_shape=array",
            "shifts": "/rhetoric-monitor/shifts_with_drivers.json?watch=&_shape=array",
            "tables": "/rhetoric-monitor.json",
        }.items():
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.text[:300])
            out[key] = response.json()
        return out

    got = asyncio.run(fetch())
    link = got["links"]["rows"][0]
    assert link["event_id"]["label"].startswith("default: shift toward confrontation")
    assert link["article_key"]["label"].startswith("Tariffs and threats")
    assert got["attempts"]["rows"][0]["delivery_id"]["label"] == "evt_copy:hook"
    assert len(got["weeks"]) == 5 and len(got["shifts"]) == 10
    hidden = {t["name"] for t in got["tables"]["tables"] if t["hidden"]}
    assert {"articles_fts", "_sqlite_migrations"} <= hidden


def test_migration_adds_foreign_keys_to_an_existing_database(tmp_path: Path) -> None:
    """A database made before m004 gets the links, keeps every row, and its full-text
    index keeps following new articles."""
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m004_links_for_datasette")
    at = "2026-04-01T10:00:00+00:00"
    old.execute(
        "insert into articles (key, feed_url, url, title, text, published, source,"
        " extracted_from, stored_at) values ('k1', 'https://f.test/rss', 'https://a.test/1',"
        " 'Old summit talks', 'text', ?, 'S', 'content', ?)",
        [at, at],
    )
    old.execute(
        "insert into scores (article_key, watch, at, tone, label, confidence, source, title,"
        " url, phrases, evidence, fingerprint) values ('k1', 'w', ?, 0.5, 'engagement', 0.9,"
        " 'S', 'Old summit talks', 'https://a.test/1', '[]', '[]', '[]')",
        [at],
    )
    payload = {
        "type": "rhetoric.shift.detected",
        "baseline": {"mean": -0.2},
        "recent": {"mean": 0.4},
        "drivers": [{"title": "Old summit talks", "url": "https://a.test/1", "published": at}],
    }
    old.execute(
        "insert into events (event_id, type, watch, direction, at, created_at, silenced,"
        " payload) values ('e1', 'rhetoric.shift.detected', 'w', 'engagement', ?, ?, 0, ?)",
        [at, at, json.dumps(payload)],
    )
    old.execute(
        "insert into deliveries (id, event_id, notifier, status, attempts, created_at, body)"
        " values ('e1:n', 'e1', 'n', 'delivered', 1, ?, '{}')",
        [at],
    )
    old.execute(
        "insert into delivery_attempts (delivery_id, attempt, at, status_code, duration_s)"
        " values ('e1:n', 1, ?, 200, 0.1)",
        [at],
    )
    old.conn.commit()
    old.close()

    store = Store(path)
    store.save_article(
        Article(
            key="k2",
            feed_url="https://g.test/rss",
            url=None,
            title="New ceasefire agreement",
            text="t",
            published=NOW,
            source="T",
        ),
        [
            (
                Sample(key="k2", watch="w", at=NOW, tone=0.3, source="T"),
                ToneScore(0.3, "engagement", 1),
            )
        ],
        now=NOW,
    )
    store.close()
    db = sqlite3.connect(path)
    assert _fks(db) >= FOREIGN_KEYS
    assert db.execute("pragma foreign_key_check").fetchall() == []
    assert [r[0] for r in db.execute("select url from feeds order by url")] == [
        "https://f.test/rss",
        "https://g.test/rss",
    ]
    assert db.execute("select count(*) from delivery_attempts").fetchone()[0] == 1
    assert db.execute("select article_key from event_articles").fetchall() == [("k1",)]
    assert db.execute("select label from events").fetchone()[0] == (
        "w: shift toward engagement (-0.20 → +0.40), 2026-04-01"
    )
    found = {
        r[0]
        for r in db.execute(
            "select a.key from articles_fts f join articles a on a.rowid = f.rowid"
            " where articles_fts match 'summit OR ceasefire'"
        )
    }
    assert found == {"k1", "k2"}
