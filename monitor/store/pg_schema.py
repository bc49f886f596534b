"""PostgreSQL schema of the cluster store: the tables of ``monitor.store.schema``, in SQL.

The same tables, columns and unique keys as the SQLite schema, so rows read the
same on both backends: timestamps are the ISO-8601 text of ``codec.iso`` (UTC,
lexically sortable), flags are integers. What PostgreSQL adds:

* ``scores.xid``, the id of the transaction that wrote the row: ``samples_after`` reads
  new rows by it (SQLite uses its rowid; with concurrent writers a serial id can
  commit out of order, a transaction id below the snapshot's ``xmin`` cannot);
* ``articles.fts``, a generated ``tsvector`` (title weighted A, text D) with a GIN index,
  for ``search`` (SQLite has ``articles_fts``);
* ``feeds.next_poll_at`` (``timestamptz``) and ``feeds.interval_s``: the schedule the
  cluster's periodic ``tick`` claims due feeds from, with ``FOR UPDATE SKIP LOCKED``.

Each migration is one named list of statements, applied once, in order, in its
own transaction, and recorded in ``rhetoric_migrations``; concurrent starters
(several workers) serialise on a lock of that table, so each runs once. Add a
change as a new entry, never by editing an applied one.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "m001_initial",
        (
            """create table feeds (
                url text primary key,
                etag text,
                last_modified text,
                error_count integer,
                last_error text,
                last_success_at text,
                last_attempt_at text,
                next_attempt_at text,
                disabled integer,
                failing_notified integer
            )""",
            """create table articles (
                key text primary key,
                feed_url text,
                url text,
                title text,
                text text,
                published text,
                source text,
                extracted_from text,
                stored_at text,
                fts tsvector generated always as (
                    setweight(to_tsvector('simple', coalesce(title, '')), 'A')
                    || setweight(to_tsvector('simple', coalesce(text, '')), 'D')
                ) stored
            )""",
            "create index articles_published on articles (published)",
            "create index articles_fts on articles using gin (fts)",
            """create table scores (
                xid xid8 not null default pg_current_xact_id(),
                article_key text not null references articles (key),
                watch text not null,
                at text,
                tone double precision,
                label text,
                confidence double precision,
                source text,
                title text,
                url text,
                phrases text,
                evidence text,
                fingerprint text,
                primary key (article_key, watch)
            )""",
            "create index scores_watch_at on scores (watch, at)",
            "create index scores_xid on scores (xid)",
            """create table events (
                event_id text primary key,
                type text,
                watch text,
                direction text,
                at text,
                created_at text,
                silenced integer,
                payload text
            )""",
            "create index events_watch_at on events (watch, at)",
            """create table deliveries (
                id text primary key,
                event_id text,
                notifier text,
                status text,
                attempts integer,
                next_attempt_at text,
                last_status integer,
                last_error text,
                created_at text,
                delivered_at text,
                body text
            )""",
            "create index deliveries_status_next on deliveries (status, next_attempt_at)",
            """create table delivery_attempts (
                id bigserial primary key,
                delivery_id text,
                attempt integer,
                at text,
                status_code integer,
                error text,
                duration_s double precision
            )""",
            "create index delivery_attempts_delivery on delivery_attempts (delivery_id)",
            """create table notifier_state (
                name text primary key, disabled integer, reason text, at text
            )""",
            """create table silences (
                id bigserial primary key, watch text, until text, comment text, created_at text
            )""",
        ),
    ),
    ("m002_scores_at_index", ("create index scores_at on scores (at)",)),
    ("m003_feed_warning", ("alter table feeds add column last_warning text",)),
    (
        "m015_feed_schedule",
        (
            "alter table feeds add column next_poll_at timestamptz",
            "alter table feeds add column interval_s double precision",
            "create index feeds_next_poll_at on feeds (next_poll_at)",
        ),
    ),
)

__all__ = ["MIGRATIONS"]
