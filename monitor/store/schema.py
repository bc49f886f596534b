"""Store schema: the SQLite tables and indexes, as ``sqlite_utils.Migrations``.

Each migration is a small decorated function, applied once, in the order defined,
in its own transaction; ``monitor.store.base.StoreBase`` applies them when it
opens the database. Add a change as a new ``mNNN_...`` function, never by
editing an applied one (applied migrations are recorded by name).

Tables (browsable with Datasette, with ``deploy/datasette-metadata.yaml``): ``feeds``
(fetch state and health), ``articles`` (+ ``articles_fts`` on title and text),
``scores`` (one row per article and watch), ``events``, ``event_articles`` (each
shift's driving articles), ``deliveries`` (the outbox), ``delivery_attempts``,
``notifier_state``, ``silences``, ``detector_state`` and ``calibrations``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from monitor.store.lean import sqlite_utils

migrations = sqlite_utils.Migrations("rhetoric-monitor")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    """Feeds, articles (+FTS), scores, events and the outbox."""
    db["feeds"].create(  # type: ignore[union-attr]
        {
            "url": str,
            "etag": str,
            "last_modified": str,
            "error_count": int,
            "last_error": str,
            "last_success_at": str,
            "last_attempt_at": str,
            "next_attempt_at": str,
            "disabled": int,
            "failing_notified": int,
        },
        pk="url",
    )
    db["articles"].create(  # type: ignore[union-attr]
        {
            "key": str,
            "feed_url": str,
            "url": str,
            "title": str,
            "text": str,
            "published": str,
            "source": str,
            "extracted_from": str,
            "stored_at": str,
        },
        pk="key",
    )
    db["articles"].create_index(["published"])  # type: ignore[union-attr]
    db["articles"].enable_fts(["title", "text"], create_triggers=True)  # type: ignore[union-attr]
    db["scores"].create(  # type: ignore[union-attr]
        {
            "article_key": str,
            "watch": str,
            "at": str,
            "tone": float,
            "label": str,
            "confidence": float,
            "source": str,
            "title": str,
            "url": str,
            "phrases": str,
            "evidence": str,
            "fingerprint": str,
        },
        pk=("article_key", "watch"),
        foreign_keys=[("article_key", "articles", "key")],
    )
    db["scores"].create_index(["watch", "at"])  # type: ignore[union-attr]
    db["events"].create(  # type: ignore[union-attr]
        {
            "event_id": str,
            "type": str,
            "watch": str,
            "direction": str,
            "at": str,
            "created_at": str,
            "silenced": int,
            "payload": str,
        },
        pk="event_id",
    )
    db["events"].create_index(["watch", "at"])  # type: ignore[union-attr]
    db["deliveries"].create(  # type: ignore[union-attr]
        {
            "id": str,
            "event_id": str,
            "notifier": str,
            "status": str,
            "attempts": int,
            "next_attempt_at": str,
            "last_status": int,
            "last_error": str,
            "created_at": str,
            "delivered_at": str,
            "body": str,
        },
        pk="id",
    )
    db["deliveries"].create_index(["status", "next_attempt_at"])  # type: ignore[union-attr]
    db["delivery_attempts"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "delivery_id": str,
            "attempt": int,
            "at": str,
            "status_code": int,
            "error": str,
            "duration_s": float,
        },
        pk="id",
    )
    db["delivery_attempts"].create_index(["delivery_id"])  # type: ignore[union-attr]
    db["notifier_state"].create(  # type: ignore[union-attr]
        {"name": str, "disabled": int, "reason": str, "at": str}, pk="name"
    )
    db["silences"].create(  # type: ignore[union-attr]
        {"id": int, "watch": str, "until": str, "comment": str, "created_at": str}, pk="id"
    )


@migrations()
def m002_scores_at_index(db: sqlite_utils.Database) -> None:
    """Index scores by time alone: ``history`` without ``--watch`` reads the newest rows
    from it instead of sorting the whole table (1.8 s → ms on a million articles)."""
    db["scores"].create_index(["at"], if_not_exists=True)  # type: ignore[union-attr]


@migrations()
def m003_feed_warning(db: sqlite_utils.Database) -> None:
    """Feeds remember why their last document was ill-formed (shown by ``status``)."""
    if "last_warning" not in db["feeds"].columns_dict:
        db["feeds"].add_column("last_warning", str)  # type: ignore[union-attr]


# A readable name for each event, for Datasette's links to it (``label_column``): computed
# by SQLite from the row, so every writer of ``events`` gets it for free.
EVENT_LABEL_SQL = """CASE
  WHEN type = 'rhetoric.shift.detected' THEN watch || ': shift toward ' || coalesce(direction, '?')
    || printf(' (%+.2f → %+.2f), ', json_extract(payload, '$.baseline.mean'),
              json_extract(payload, '$.recent.mean')) || substr(at, 1, 10)
  WHEN type = 'rhetoric.shift.resolved' THEN watch || ': settled after the shift toward '
    || coalesce(direction, '?') || ', ' || substr(at, 1, 10)
  WHEN type = 'rhetoric.digest' THEN 'daily digest, ' || substr(at, 1, 10)
  ELSE type || ' ' || coalesce(json_extract(payload, '$.url'), watch) || ', ' || substr(at, 1, 10)
END"""

# The driving articles of each stored shift event, found by the watch, time and URL (or
# title) the event recorded for each of them. Used by ``m004`` for past events and by
# ``EventStore.add_event`` for new ones (``?`` = the event id). The drivers are
# materialised first so each is looked up by (watch, at) in ``idx_scores_watch_at``:
# joined directly, SQLite scanned every score row of the watch for each new event,
# and a 100,000-article replay spent a third of its time there.
EVENT_ARTICLES_SQL = """
WITH d AS MATERIALIZED (
  SELECT e.event_id, e.watch, d.key + 1 AS rank, json_extract(d.value, '$.tone') AS tone,
         json_extract(d.value, '$.published') AS published,
         json_extract(d.value, '$.url') AS url, json_extract(d.value, '$.title') AS title
  FROM events e, json_each(e.payload, '$.drivers') d
  WHERE e.type LIKE 'rhetoric.shift.%' AND {where}
)
INSERT OR IGNORE INTO event_articles (event_id, rank, article_key, tone)
SELECT d.event_id, d.rank, s.article_key, d.tone
FROM d JOIN scores s ON s.watch = d.watch AND s.at = d.published
  AND (s.url = d.url OR (d.url IS NULL AND s.title = d.title))
"""


def _has_fk(db: sqlite_utils.Database, table: str, column: str) -> bool:
    return any(fk.column == column for fk in db[table].foreign_keys)  # type: ignore[union-attr]


@migrations(transactional=False)
def m004_links_for_datasette(db: sqlite_utils.Database) -> None:
    """Foreign keys and labels, so the database browses well in Datasette.

    * ``articles.feed_url`` → ``feeds.url`` (a feed's row is created with its first
      article), ``deliveries.event_id`` → ``events``, ``delivery_attempts.delivery_id``
      → ``deliveries`` (``scores.article_key`` → ``articles`` was there from the start);
    * ``event_articles``: each shift event's driving articles, a link table between
      ``events`` and ``articles``;
    * ``events.label``: a generated column naming the event (Datasette's label).

    SQLite cannot add a foreign key with ``ALTER TABLE``: sqlite-utils' ``transform``
    rebuilds each table (with foreign keys off, then ``foreign_key_check``). The
    rebuild drops a table's triggers, so the full-text triggers of ``articles`` are
    put back. Not transactional as a whole, because ``PRAGMA foreign_keys`` can only
    change outside a transaction; each step is atomic and skipped once done, so a
    cut migration finishes on the next start. Copies ``articles`` once (seconds per
    100,000 articles).
    """
    with db.atomic():
        db.execute(
            "INSERT OR IGNORE INTO feeds (url, error_count, disabled, failing_notified)"
            " SELECT DISTINCT feed_url, 0, 0, 0 FROM articles WHERE feed_url IS NOT NULL"
        )
    if not _has_fk(db, "articles", "feed_url"):
        triggers = [t.sql for t in db["articles"].triggers]  # type: ignore[union-attr]
        with db.atomic():
            db["articles"].transform(  # type: ignore[union-attr]
                add_foreign_keys=[("feed_url", "feeds", "url")]
            )
            for sql in triggers:
                db.execute(sql)
    if not _has_fk(db, "deliveries", "event_id"):
        db["deliveries"].transform(  # type: ignore[union-attr]
            add_foreign_keys=[("event_id", "events", "event_id")]
        )
    if not _has_fk(db, "delivery_attempts", "delivery_id"):
        db["delivery_attempts"].transform(  # type: ignore[union-attr]
            add_foreign_keys=[("delivery_id", "deliveries", "id")]
        )
    with db.atomic():
        db["event_articles"].create(  # type: ignore[union-attr]
            {"event_id": str, "rank": int, "article_key": str, "tone": float},
            pk=("event_id", "rank"),
            foreign_keys=[("event_id", "events", "event_id"), ("article_key", "articles", "key")],
            if_not_exists=True,
        )
        db["event_articles"].create_index(  # type: ignore[union-attr]
            ["article_key"], if_not_exists=True
        )
        db.execute(EVENT_ARTICLES_SQL.format(where="1 = 1"))
        columns = {r[1] for r in db.execute("PRAGMA table_xinfo(events)").fetchall()}
        if "label" not in columns:
            db.execute(
                f"ALTER TABLE events ADD COLUMN label TEXT GENERATED ALWAYS AS ({EVENT_LABEL_SQL})"
                " VIRTUAL"
            )


@migrations()
def m005_exact_times_and_failing_since(db: sqlite_utils.Database) -> None:
    """Feeds remember when their run of failures began (``failing_since``), and retry
    times written at second precision are rounded up.

    Times used to be stored truncated to the second, so a retry was due up to a
    second before its time; they are now stored exactly (``codec.iso``). Pending
    retries and failing feeds' next attempts written before are moved to the next
    whole second, so none of them goes out early either. A feed failing now gets
    its last success (else its last attempt) as the start of its run: any stable
    value will do, as it only names the run's events.
    """
    if "failing_since" not in db["feeds"].columns_dict:
        db["feeds"].add_column("failing_since", str)  # type: ignore[union-attr]
    db.execute(
        "update feeds set failing_since = coalesce(last_success_at, last_attempt_at)"
        " where error_count > 0 and failing_since is null"
    )
    # "...:05+00:00" → "...:06+00:00"; written by ``iso`` at second precision, always UTC.
    for table, where in (
        ("deliveries", "status = 'pending' and attempts > 0"),
        ("feeds", "error_count > 0"),
    ):
        rows = db.execute(
            f"select rowid, next_attempt_at from {table} where {where}"
            " and next_attempt_at is not null and next_attempt_at not like '%.%'"
        ).fetchall()
        for rowid, text in rows:
            later = datetime.fromisoformat(text) + timedelta(seconds=1)
            db.execute(
                f"update {table} set next_attempt_at = ? where rowid = ?",
                [later.astimezone(UTC).isoformat(), rowid],
            )


@migrations()
def m006_detector_state(db: sqlite_utils.Database) -> None:
    """Each watch's shift-detector state and its calibration, kept between runs.

    ``detector_state`` holds what the stories do not determine (CUSUMs, open
    alerts, warm-up) with the rule it was built for and the last score row it
    took; ``calibrations`` the latest ``calibrate`` result of each watch.
    """
    db["detector_state"].create(  # type: ignore[union-attr]
        {
            "watch": str,
            "rule_hash": str,
            "last_row": int,
            "rows": int,
            "saved_at": str,
            "scalars": str,
            "status": str,
        },
        pk="watch",
        if_not_exists=True,
    )
    db["calibrations"].create(  # type: ignore[union-attr]
        {"watch": str, "rule_key": str, "applied": int, "saved_at": str, "result": str},
        pk="watch",
        if_not_exists=True,
    )


__all__ = [
    "EVENT_ARTICLES_SQL",
    "m001_initial",
    "m002_scores_at_index",
    "m003_feed_warning",
    "m004_links_for_datasette",
    "m005_exact_times_and_failing_since",
    "m006_detector_state",
    "migrations",
]
