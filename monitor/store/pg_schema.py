"""PostgreSQL schema of the cluster store: the tables of ``monitor.store.schema``, in SQL.

The same tables, columns and unique keys as the SQLite schema, so rows read the
same on both backends: timestamps are the ISO-8601 text of ``codec.iso`` (UTC,
lexically sortable), flags are integers. What PostgreSQL adds:

* ``scores.seq`` (m006, m017), the order the detector takes rows in, SQLite's rowid for
  ``scored_rows`` (the detector's high-water marks). Numbers drawn as rows are written
  could commit out of order (concurrent writers), and a mark would pass a row that
  commits later below it; so writers leave ``seq`` NULL and a watch's rows are numbered
  only by its ``detect`` job, under Procrastinate's per-watch lock, in a transaction
  that commits before the job reads (``PostgresStore.sequence_scores``). ``scores.xid``
  (the writing transaction) orders the rows a numbering takes at once;
* ``articles.fts``, a generated ``tsvector`` (title weighted A, text D) with a GIN index,
  for ``search`` (SQLite has ``articles_fts``);
* ``feeds.next_poll_at`` (``timestamptz``) and ``feeds.interval_s``: the schedule the
  cluster's periodic ``tick`` claims due feeds from, with ``FOR UPDATE SKIP LOCKED``;
* ``unscored`` (m016): the articles a ``poll`` job stored that no ``score`` job has
  scored yet (the score queue's durable half; Procrastinate's jobs only point at it).

Each migration is one named list of statements, applied once, in order, in its
own transaction, and recorded in ``rhetoric_migrations``; concurrent starters
(several workers) serialise on a lock of that table, so each runs once. Add a
change as a new entry, never by editing an applied one.
"""

from __future__ import annotations

# The driving articles of stored shift events (``event_articles``), found as SQLite's
# ``schema.EVENT_ARTICLES_SQL`` finds them: by the watch, time and URL (or title) the
# event recorded for each. ``{where}`` narrows the events (``%s``: one event id).
EVENT_ARTICLES_PG_SQL = """
insert into event_articles (event_id, rank, article_key, tone)
select e.event_id, d.ord::int, s.article_key, (d.value ->> 'tone')::double precision
from events e
cross join lateral jsonb_array_elements(coalesce(e.payload::jsonb -> 'drivers', '[]'::jsonb))
  with ordinality as d(value, ord)
join scores s on s.watch = e.watch and s.at = d.value ->> 'published'
  and (s.url = d.value ->> 'url'
       or (d.value ->> 'url' is null and s.title = d.value ->> 'title'))
where e.type like 'rhetoric.shift.%%' and {where}
on conflict do nothing
"""

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
        # SQLite's m004 is for Datasette; what it adds to the data is kept here too: the
        # same foreign keys (SQLite enforces them: ``PRAGMA foreign_keys = ON``) and the
        # ``event_articles`` link table. ``events.label`` is not a column here: the
        # store computes it on read (``codec.event_label``, the same text as SQLite's).
        "m004_links_for_datasette",
        (
            "insert into feeds (url, error_count, disabled, failing_notified)"
            " select distinct feed_url, 0, 0, 0 from articles where feed_url is not null"
            " on conflict (url) do nothing",
            "alter table articles add constraint articles_feed_url_fkey"
            " foreign key (feed_url) references feeds (url)",
            "alter table deliveries add constraint deliveries_event_id_fkey"
            " foreign key (event_id) references events (event_id)",
            "alter table delivery_attempts add constraint delivery_attempts_delivery_id_fkey"
            " foreign key (delivery_id) references deliveries (id)",
            """create table event_articles (
                event_id text not null references events (event_id),
                rank integer not null,
                article_key text references articles (key),
                tone double precision,
                primary key (event_id, rank)
            )""",
            "create index event_articles_article_key on event_articles (article_key)",
            EVENT_ARTICLES_PG_SQL.format(where="true"),
        ),
    ),
    (
        "m005_exact_times_and_failing_since",
        (
            "alter table feeds add column failing_since text",
            "update feeds set failing_since = coalesce(last_success_at, last_attempt_at)"
            " where error_count > 0 and failing_since is null",
            # Times are compared as text (ISO-8601 UTC, now with a variable fraction):
            # byte order, whatever the database's locale, as SQLite compares them.
            *(
                f'alter table {table} alter column {column} type text collate "C"'
                for table, column in (
                    ("articles", "published"),
                    ("scores", "at"),
                    ("events", "at"),
                    ("deliveries", "next_attempt_at"),
                    ("deliveries", "created_at"),
                    ("silences", "until"),
                    ("feeds", "next_attempt_at"),
                )
            ),
            # Times written at second precision are rounded up (see SQLite's m005).
            *(
                f"update {table} set next_attempt_at = to_char("
                "(next_attempt_at::timestamptz + interval '1 second') at time zone 'UTC',"
                """ 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')"""
                f" where {where} and next_attempt_at is not null"
                " and next_attempt_at not like '%.%'"
                for table, where in (
                    ("deliveries", "status = 'pending' and attempts > 0"),
                    ("feeds", "error_count > 0"),
                )
            ),
        ),
    ),
    (
        # SQLite's m006 tables, and what the detector's row marks need here: ``scores.seq``,
        # the order rows were stored in. Until m017, writers of scores drew it as they
        # wrote, holding one advisory lock from their first score to their commit so
        # values became visible in order; m017 moved the numbering to the detector.
        # Existing rows are numbered in their transaction order.
        "m006_detector_state",
        (
            "create sequence scores_seq",
            "alter table scores add column seq bigint",
            """with o as (
                select article_key, watch,
                  row_number() over (order by xid::text::bigint, at, article_key, watch) as n
                from scores
            ) update scores s set seq = o.n from o
              where s.article_key = o.article_key and s.watch = o.watch""",
            "select setval('scores_seq', (select coalesce(max(seq), 0) + 1 from scores), false)",
            "alter table scores alter column seq set default nextval('scores_seq')",
            "alter table scores alter column seq set not null",
            "alter sequence scores_seq owned by scores.seq",
            "create unique index scores_seq_idx on scores (seq)",
            "create index scores_watch_seq on scores (watch, seq)",
            """create table detector_state (
                watch text primary key,
                rule_hash text,
                last_row bigint,
                rows bigint,
                saved_at text,
                scalars text,
                status text
            )""",
            """create table calibrations (
                watch text primary key,
                rule_key text,
                applied integer,
                saved_at text,
                result text
            )""",
        ),
    ),
    (
        "m015_feed_schedule",
        (
            "alter table feeds add column next_poll_at timestamptz",
            "alter table feeds add column interval_s double precision",
            "create index feeds_next_poll_at on feeds (next_poll_at)",
        ),
    ),
    (
        # The score queue: a ``poll`` job stores its feed's new articles with a row here
        # each, in the same transaction; a ``score`` job takes them (``FOR UPDATE SKIP
        # LOCKED``), writes their scores and deletes the rows in one transaction, so an
        # article is scored once, and a job cut short leaves its rows for the next.
        "m016_score_queue",
        (
            """create table unscored (
                article_key text primary key references articles (key),
                feed_url text not null,
                queued_at timestamptz not null default now()
            )""",
            "create index unscored_feed on unscored (feed_url)",
        ),
    ),
    (
        # Score rows are numbered by their watch's detector, no longer as they are written:
        # a new row's ``seq`` is NULL until the ``detect`` job of its watch, which runs
        # under Procrastinate's per-watch lock, numbers the watch's waiting rows and
        # commits before it reads (``PostgresStore.sequence_scores``). This replaces the
        # advisory lock writers held since m006; the numbers already given stay.
        "m017_scores_numbered_by_detect",
        (
            "alter table scores alter column seq drop default",
            "alter table scores alter column seq drop not null",
            "create index scores_unnumbered on scores (watch) where seq is null",
        ),
    ),
)

__all__ = ["EVENT_ARTICLES_PG_SQL", "MIGRATIONS"]
