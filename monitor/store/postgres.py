"""PostgreSQL store (cluster mode): the ``StoreAPI`` of ``Store``, on one shared database.

``PostgresStore`` is one class in three modules, like ``Store``:
``monitor.store.pg_base.PostgresBase`` (connection, migrations, retries) →
``monitor.store.pg_events.PostgresEventStore`` (events, outbox, silences) → here
(feeds, articles, scores, history, search, counts, and the cluster's feed schedule).

Every write is idempotent by the same unique keys as SQLite's, enforced by the
database (``on conflict do nothing``), so two workers that store one article
or one event at once write it once. Search uses PostgreSQL full-text search
(``simple`` configuration, no stemming, like FTS5's default tokenizer): words,
``"phrases"``, ``OR`` and ``NOT`` are read as in FTS5; ``NEAR`` and ``prefix*``
are not supported and are read as plain words.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from monitor.models import Article, FeedState, Sample, ToneScore
from monitor.store.codec import STORED_EVIDENCE, feed_from_row, iso, parse_iso
from monitor.store.pg_events import PostgresEventStore, _upsert_feed
from monitor.store.sqlite import SEARCH_DEPTH, SearchHits
from monitor.store.watchstate import WatchStateReads

#: How much more a match in the title weighs than one in the text (as ``TITLE_WEIGHT``).
TITLE_WEIGHT = 4.0
_RANK_WEIGHTS = f"{{{1 / TITLE_WEIGHT}, {1 / TITLE_WEIGHT}, {1 / TITLE_WEIGHT}, 1.0}}"
T = TypeVar("T")
#: Articles with the time each was stored → each with its per-watch scores (a ``score`` job).
Scoring = Callable[
    [list[tuple[Article, datetime]]], Sequence[tuple[Article, Sequence[tuple[Sample, ToneScore]]]]
]
_HEADLINE = "StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1"
#: How long one try of ``sequence_scores`` waits for rows another numbering holds (s).
NUMBERING_WAIT_S = 10


class PostgresStore(PostgresEventStore, WatchStateReads):
    """The store on PostgreSQL: thread-safe (one connection, one lock), shared by workers."""

    MARK = "%s"

    # -- feeds -----------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState:
        """Saved state of ``url`` (a fresh state if never polled)."""
        rows = self._run(
            "read feed", lambda: self._rows("select * from feeds where url = %s", [url])
        )
        return feed_from_row(rows[0]) if rows else FeedState(url=url)

    def feed_states(self) -> list[FeedState]:
        """Every feed's saved state."""
        return [
            feed_from_row(r)
            for r in self._run("read feeds", lambda: self._rows("select * from feeds order by url"))
        ]

    def save_feed_state(self, state: FeedState) -> None:
        """Upsert ``state`` (the cluster schedule columns are left as they are)."""

        def write() -> None:
            with self._tx() as conn:
                _upsert_feed(conn, state)

        self._run("save feed state", write)

    def schedule_feeds(self, intervals: Mapping[str, float], *, now: datetime) -> int:
        """Make ``intervals`` (URL → seconds) the polling schedule; returns feeds added.

        A new feed is due at ``now``; a known one keeps its next poll time and takes
        the new interval; a feed no longer listed is taken off the schedule (its
        history stays). Safe to run from every worker at once.
        """

        def write() -> int:
            with self._tx() as conn:
                added = 0
                urls = list(intervals)
                for i in range(0, len(urls), 1000):
                    chunk = urls[i : i + 1000]
                    cur = conn.execute(
                        "insert into feeds (url, error_count, disabled, failing_notified,"
                        " next_poll_at, interval_s)"
                        " select u, 0, 0, 0, %s, s from unnest(%s::text[], %s::float8[]) as t(u, s)"
                        " on conflict (url) do update set interval_s = excluded.interval_s,"
                        " next_poll_at = coalesce(feeds.next_poll_at, excluded.next_poll_at)"
                        " where feeds.interval_s is distinct from excluded.interval_s"
                        " or feeds.next_poll_at is null"
                        " returning (xmax = 0) as inserted",
                        [now, chunk, [float(intervals[u]) for u in chunk]],
                    )
                    added += sum(1 for r in cur.fetchall() if r["inserted"])
                conn.execute(
                    "update feeds set next_poll_at = null"
                    " where next_poll_at is not null and not (url = any(%s::text[]))",
                    [urls],
                )
                return added

        return self._run("schedule feeds", write)

    def claim_due_feeds(
        self, now: datetime, *, limit: int = 1000, then: Callable[[list[str]], T]
    ) -> T:
        """Claim up to ``limit`` feeds due at ``now``, hand them to ``then``, move them on.

        Rows are taken with ``FOR UPDATE SKIP LOCKED``: claimers at the same moment get
        disjoint feeds. ``then(urls)`` runs (deferring a job per feed) while the claim is
        held; only when it returns does each feed move one interval on (from ``now`` plus
        the time ``then`` took), in the same transaction. If
        ``then`` raises or the process dies, nothing moves: the feeds
        stay due and the next claimer takes them (a feed is never skipped for a period).
        """

        def write() -> T:
            with self._tx() as conn:
                started = time.monotonic()
                rows = conn.execute(
                    "select url from feeds where next_poll_at <= %s"
                    " and coalesce(disabled, 0) = 0 order by next_poll_at, url limit %s"
                    " for update skip locked",
                    [now, limit],
                ).fetchall()
                urls = [r["url"] for r in rows]
                result = then(urls)
                if urls:
                    # From when the polls are queued (``then`` may take a while for many
                    # feeds), not from the claim: else a slow tick leaves them due at once.
                    moved = now + timedelta(seconds=time.monotonic() - started)
                    conn.execute(
                        "update feeds set next_poll_at = %s + make_interval(secs => interval_s)"
                        " where url = any(%s::text[])",
                        [moved, urls],
                    )
                return result

        return self._run("claim due feeds", write)

    def next_poll_due(self) -> datetime | None:
        """When the earliest scheduled feed is due, or None."""
        rows = self._run(
            "read schedule",
            lambda: self._rows(
                "select min(next_poll_at) as t from feeds where coalesce(disabled, 0) = 0"
            ),
        )
        value = rows[0]["t"] if rows else None
        return value if isinstance(value, datetime) else None

    # -- articles and scores ---------------------------------------------------

    def unseen(self, keys: Sequence[str]) -> set[str]:
        """The subset of article ``keys`` not stored yet."""
        if not keys:
            return set()
        rows = self._run(
            "read articles",
            lambda: self._rows(
                "select key from articles where key = any(%s::text[])", [list(keys)]
            ),
        )
        return set(keys) - {r["key"] for r in rows}

    def save_article(
        self, article: Article, scores: Sequence[tuple[Sample, ToneScore]], *, now: datetime
    ) -> bool:
        """Store ``article`` and its per-watch scores in one transaction.

        Returns False (and writes nothing) when the article was already stored,
        by this worker or any other.
        """
        return self.save_articles([(article, scores)], now=now)[0]

    def save_articles(
        self,
        batch: Sequence[tuple[Article, Sequence[tuple[Sample, ToneScore]]]],
        *,
        now: datetime,
        feed_state: FeedState | None = None,
    ) -> list[bool]:
        """Store each article of ``batch`` with its per-watch scores, all in one transaction,
        and then ``feed_state`` when given (its ETag counts only once they are stored).

        One flag per article: False for one that was already stored (by this worker or
        any other; its scores are not written again). A poll stores a feed's new
        articles and its state this way: one commit per feed.
        """
        return self._run(
            "save articles",
            lambda: self._save(batch, now=now, unscored=False, feed_state=feed_state),
        )

    def save_unscored(
        self, articles: Sequence[Article], *, now: datetime, feed_state: FeedState | None = None
    ) -> list[bool]:
        """Store ``articles`` (one transaction, with ``feed_state`` when given) for the score
        queue: each new one gets a row in ``unscored`` with it, for a ``score`` job to
        take (``score_unscored``).

        One flag per article, False for one already stored (no queue row is added then:
        whoever stored it queued it).
        """
        batch = [(a, ()) for a in articles]
        return self._run(
            "save articles",
            lambda: self._save(batch, now=now, unscored=True, feed_state=feed_state),
        )

    def _save(
        self,
        batch: Sequence[tuple[Article, Sequence[tuple[Sample, ToneScore]]]],
        *,
        now: datetime,
        unscored: bool,
        feed_state: FeedState | None,
    ) -> list[bool]:
        stored_at = iso(now)
        feeds = sorted({a.feed_url for a, _ in batch if a.feed_url is not None})
        flags = []
        with self._tx() as conn:
            # articles.feed_url references feeds: a feed's row comes with its first
            # article (as on SQLite).
            if feeds:
                conn.execute(
                    "insert into feeds (url, error_count, disabled, failing_notified)"
                    " select u, 0, 0, 0 from unnest(%s::text[]) as t(u)"
                    " on conflict (url) do nothing",
                    [feeds],
                )
            with conn.cursor() as c:
                for article, scores in batch:
                    c.execute(_INSERT_ARTICLE, _article_row(article, stored_at))
                    flags.append(c.rowcount > 0)
                    if c.rowcount > 0 and scores:
                        c.executemany(
                            _INSERT_SCORE, [_score_row(article.key, s, sc) for s, sc in scores]
                        )
                pairs = zip(batch, flags, strict=True)
                queued = [[a.key, a.feed_url] for (a, _), new in pairs if new]
                if unscored and queued:
                    c.executemany(
                        "insert into unscored (article_key, feed_url) values (%s, %s)"
                        " on conflict do nothing",
                        queued,
                    )
            if feed_state is not None:
                _upsert_feed(conn, feed_state)
        return flags

    def score_unscored(self, feed_url: str, score: Scoring, *, limit: int) -> tuple[int, set[str]]:
        """Score up to ``limit`` of ``feed_url``'s queued articles with ``score``; returns
        how many were taken and the watches that got new score rows.

        One transaction: the queue rows are taken ``FOR UPDATE SKIP LOCKED`` (two jobs at
        once take disjoint articles), ``score`` gets each article with the time it was
        stored (the ``now`` of its poll), the scores are written and the queue rows
        deleted. A job killed before the commit leaves every row queued, and a commit
        leaves none: each article is scored once.
        """

        def write() -> tuple[int, set[str]]:
            with self._tx() as conn:
                rows = conn.execute(
                    "select a.* from unscored u join articles a on a.key = u.article_key"
                    " where u.feed_url = %s order by u.queued_at, u.article_key limit %s"
                    " for update of u skip locked",
                    [feed_url, limit],
                ).fetchall()
                if not rows:
                    return 0, set()
                scored = score([(_article_from_row(r), parse_iso(r["stored_at"])) for r in rows])
                values = [_score_row(a.key, s, sc) for a, scores in scored for s, sc in scores]
                if values:
                    with conn.cursor() as c:
                        c.executemany(_INSERT_SCORE, values)
                conn.execute(
                    "delete from unscored where article_key = any(%s::text[])",
                    [[r["key"] for r in rows]],
                )
                return len(rows), {v[1] for v in values}

        return self._run("score articles", write)

    def unscored_feeds(self, *, older_than: float, limit: int = 1000) -> list[str]:
        """Feeds with articles queued for scoring over ``older_than`` seconds ago that no
        job is scoring now (their rows are not locked): the ones a lost job left."""

        def read() -> list[str]:
            with self._tx() as conn:
                rows = conn.execute(
                    "select feed_url from unscored"
                    " where queued_at < now() - make_interval(secs => %s)"
                    " limit %s for key share skip locked",
                    [older_than, limit],
                ).fetchall()
            return sorted({r["feed_url"] for r in rows})

        return self._run("read score queue", read)

    def unscored_count(self) -> int:
        """How many stored articles wait for a ``score`` job."""
        rows = self._run(
            "read score queue", lambda: self._rows("select count(*) as n from unscored")
        )
        return int(rows[0]["n"]) if rows else 0

    def detectors_behind(self, watches: Sequence[str]) -> list[str]:
        """Those of ``watches`` with score rows their saved detector has not taken: rows
        not numbered yet (``sequence_scores``), or numbered above its saved mark."""
        rows = self._run(
            "read detector marks",
            lambda: self._rows(
                "select w from unnest(%s::text[]) as t(w)"
                " where exists (select 1 from scores where watch = w and seq is null)"
                " or coalesce((select max(seq) from scores where watch = w), 0)"
                " > coalesce((select last_row from detector_state where watch = w), 0)",
                [list(watches)],
            ),
        )
        return [r["w"] for r in rows]

    def sequence_scores(self, watch: str) -> int:
        """Number ``watch``'s score rows written since its last numbering; returns how many.

        Writers leave ``scores.seq`` NULL. Here, in one transaction, the watch's
        unnumbered rows are locked (``FOR UPDATE``) in the order they were written (their
        transaction, then time and key), as many values are drawn from ``scores_seq`` and
        given to them in that order. Only a watch's ``detect`` job calls this, under
        Procrastinate's per-watch lock, before it reads: numberings of one watch never
        overlap, each commits before that watch's rows are read, and the sequence only
        grows (``CACHE 1``, its default: values come out in the order they are drawn,
        across sessions), so a row numbered later is above every mark a reader has taken
        and ``scored_rows`` skips none. Rows still uncommitted now are numbered next time.
        """

        def write() -> int:
            with self._tx() as conn:
                # The rows are waited for, never skipped: one still locked belongs to a
                # numbering not yet committed (a stalled job's, its retry already running);
                # numbering around it could put its rows below this one's. Bounded: a try
                # waits NUMBERING_WAIT_S, ``_run`` makes six; then the job fails, and the
                # tick queues the watch's next one.
                conn.execute(f"set local lock_timeout = '{NUMBERING_WAIT_S}s'")
                rows = conn.execute(
                    "select article_key from scores where watch = %s and seq is null"
                    " order by xid, at, article_key for update",
                    [watch],
                ).fetchall()
                if not rows:
                    return 0
                drawn = conn.execute(
                    "select nextval('scores_seq') as v from generate_series(1, %s)", [len(rows)]
                ).fetchall()
                values = sorted(int(r["v"]) for r in drawn)
                conn.execute(
                    "update scores s set seq = t.v"
                    " from unnest(%s::text[], %s::bigint[]) as t(k, v)"
                    " where s.watch = %s and s.article_key = t.k",
                    [[r["article_key"] for r in rows], values, watch],
                )
                return len(rows)

        return self._run("number score rows", write)

    def samples(
        self, watch: str, *, since: datetime, until: datetime | None = None
    ) -> list[Sample]:
        """Scored samples of ``watch`` with ``since <= at <= until``, oldest first."""
        params: list[Any] = [watch, iso(since)]
        sql = "select * from scores where watch = %s and at >= %s"
        if until is not None:
            sql += " and at <= %s"
            params.append(iso(until))
        rows = self._run("read samples", lambda: self._rows(sql + " order by at", params))
        return [_sample_from_row(r) for r in rows]

    def scored_rows(
        self,
        watch: str,
        *,
        after: int = 0,
        upto: int | None = None,
        since: datetime | None = None,
    ) -> tuple[list[tuple[int, Sample]], int]:
        """(row, sample) of ``watch`` in the order they were stored, with row > ``after``
        (and <= ``upto``, and ``at >= since`` when given); and the last row read.

        A row is ``scores.seq``; rows not numbered yet (``sequence_scores``) are not read.
        As a watch's rows are numbered only under its detector's lock, each numbering
        committed before the watch is read, the high-water mark (the highest number
        committed, read first) never passes a row that a later read could still find
        below it.
        """

        def read() -> tuple[list[dict[str, Any]], int]:
            with self._tx() as conn:
                top_row = conn.execute("select coalesce(max(seq), 0) as top from scores").fetchone()
                top = int(top_row["top"]) if top_row else 0
                high = top if upto is None else min(top, upto)
                sql = "select * from scores where watch = %s and seq > %s and seq <= %s"
                args: list[Any] = [watch, after, high]
                if since is not None:
                    sql += " and at >= %s"
                    args.append(iso(since))
                return conn.execute(sql + " order by seq", args).fetchall(), max(after, high)

        rows, high = self._run("read scored rows", read)
        return [(int(r["seq"]), _sample_from_row(r)) for r in rows], high

    def last_score_row(self) -> int:
        """The highest score row (0 when there are none)."""
        rows = self._run(
            "read scores", lambda: self._rows("select coalesce(max(seq), 0) as top from scores")
        )
        return int(rows[0]["top"]) if rows else 0

    def count_scored(self, watch: str, *, upto: int) -> int:
        """How many score rows ``watch`` has with row <= ``upto``."""
        rows = self._run(
            "count scores",
            lambda: self._rows(
                "select count(*) as n from scores where watch = %s and seq <= %s", [watch, upto]
            ),
        )
        return int(rows[0]["n"]) if rows else 0

    # -- detector state and calibration ------------------------------------------

    def save_detector_state(
        self,
        watch: str,
        *,
        rule_hash: str,
        last_row: int,
        rows: int,
        scalars: dict[str, Any],
        status: dict[str, Any],
        now: datetime,
    ) -> None:
        """Upsert the detector state of ``watch``."""
        values = [
            watch, rule_hash, last_row, rows, iso(now), json.dumps(scalars), json.dumps(status)
        ]  # fmt: skip

        def write() -> None:
            with self._tx() as conn:
                conn.execute(
                    "insert into detector_state (watch, rule_hash, last_row, rows, saved_at,"
                    " scalars, status) values (%s, %s, %s, %s, %s, %s, %s)"
                    " on conflict (watch) do update set rule_hash = excluded.rule_hash,"
                    " last_row = excluded.last_row, rows = excluded.rows,"
                    " saved_at = excluded.saved_at, scalars = excluded.scalars,"
                    " status = excluded.status",
                    values,
                )

        self._run("save detector state", write)

    def save_calibration(
        self,
        watch: str,
        *,
        rule_key: str,
        result: dict[str, Any],
        applied: bool,
        now: datetime,
    ) -> None:
        """Store the latest calibration of ``watch`` (``applied``: the daemon uses its levels)."""
        values = [watch, rule_key, int(applied), iso(now), json.dumps(result)]

        def write() -> None:
            with self._tx() as conn:
                conn.execute(
                    "insert into calibrations (watch, rule_key, applied, saved_at, result)"
                    " values (%s, %s, %s, %s, %s) on conflict (watch) do update set"
                    " rule_key = excluded.rule_key, applied = excluded.applied,"
                    " saved_at = excluded.saved_at, result = excluded.result",
                    values,
                )

        self._run("save calibration", write)

    def clear_calibration(self, watch: str) -> bool:
        """Remove the calibration of ``watch``; False when it had none."""

        def write() -> bool:
            with self._tx() as conn:
                cur = conn.execute("delete from calibrations where watch = %s", [watch])
                return bool(cur.rowcount)

        return self._run("clear calibration", write)

    def history(
        self, *, watch: str | None, since: datetime, limit: int = 10_000
    ) -> list[dict[str, Any]]:
        """Scored articles (newest first) for ``history``: plain rows for display."""
        sql = (
            "select s.at, s.watch, s.source, s.tone, s.label, s.confidence, s.title, s.url,"
            " s.phrases from scores s where s.at >= %s"
        )
        params: list[Any] = [iso(since)]
        if watch:
            sql += " and s.watch = %s"
            params.append(watch)
        sql += " order by s.at desc limit %s"
        params.append(limit)
        return self._run("read history", lambda: self._rows(sql, params))

    def search(
        self,
        query: str,
        *,
        watch: str | None = None,
        since: datetime | None = None,
        limit: int = 20,
        depth: int | None = SEARCH_DEPTH,
    ) -> SearchHits:
        """Stored articles matching ``query``, best first, with snippets.

        The rows are those of ``Store.search`` (key, title, url, source, published,
        rank, lower is better; snippet with matches in ``[…]``; scores per watch).
        As there, only the ``depth`` newest matches (by storage order) are ranked (all
        of them when ``depth`` is None), and ``hits.capped`` says when older matches
        were left out.
        """
        tsq = "websearch_to_tsquery('simple', %s)"
        where = " where a.fts @@ q.q"
        args: list[Any] = [_websearch(query)]
        if since is not None:
            where += " and a.published >= %s"
            args.append(iso(since))
        if watch is not None:
            where += (
                " and exists (select 1 from scores s where s.article_key = a.key and s.watch = %s)"
            )
            args.append(watch)
        found = f"from articles a, (select {tsq} as q) q{where}"
        ranked = (
            f"select a.key, a.title, a.url, a.source, a.published, a.text, q.q,"
            f" -ts_rank('{_RANK_WEIGHTS}', a.fts, q.q) as rank {found}"
        )
        if depth is None:
            matches, params = ranked, list(args)
        else:
            # The newest first (storage order), so ranking reads ``depth`` rows at most.
            matches = f"{ranked} order by a.stored_at desc, a.key desc limit %s"
            params = [*args, depth]
        sql = (
            "select m.key, m.title, m.url, m.source, m.published, m.rank,"
            " case when to_tsvector('simple', coalesce(m.text, '')) @@ m.q"
            f" then ts_headline('simple', m.text, m.q, '{_HEADLINE}')"
            f" else ts_headline('simple', m.title, m.q, '{_HEADLINE}') end as snippet"
            f" from (select * from ({matches}) d order by rank, key limit %s) m"
            " order by m.rank, m.key"
        )
        params.append(limit)
        beyond = f"select count(*) as n from (select 1 {found} limit %s) c"

        def read() -> SearchHits:
            rows = self._rows(sql, params)
            if not rows:
                return SearchHits([], capped=False)
            scores: dict[str, list[dict[str, Any]]] = {}
            for s in self._rows(
                "select article_key, watch, tone, label from scores"
                " where article_key = any(%s::text[]) order by watch",
                [[r["key"] for r in rows]],
            ):
                key = s.pop("article_key")
                scores.setdefault(key, []).append(s)
            for r in rows:
                r["rank"] = float(r["rank"])
                r["scores"] = scores.get(r["key"], [])
            capped = False
            if depth is not None:
                n = self._rows(beyond, [*args, depth + 1])
                capped = bool(n) and int(n[0]["n"]) > depth
            return SearchHits(rows, capped=capped)

        return self._run("search", read)

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        tables = ("feeds", "articles", "scores", "events", "deliveries")

        def read() -> dict[str, int]:
            out = {}
            for t in tables:
                r = self.conn.execute(f"select count(*) as n from {t}").fetchone()
                out[t] = int(r["n"]) if r else 0
            return out

        return self._run("count rows", read)

    # -- read-only summaries (as ``monitor.store.figures`` for SQLite) ------------

    def figures(self, *, now: datetime) -> dict[str, Any]:
        """Figures for a metrics scrape: ``tone`` (watch → (mean, n) over the last 24 h),
        ``events`` ((type, watch) → n), ``deliveries`` ((notifier, status) → n),
        ``outbox_due``, ``feed_failures`` (url → failures in a row) and ``articles``."""

        def read() -> dict[str, Any]:
            since = iso(now - timedelta(hours=24))
            tone = {
                r["watch"]: (float(r["m"]), int(r["n"]))
                for r in self._rows(
                    "select watch, avg(tone) as m, count(*) as n from scores where at >= %s"
                    " group by watch",
                    [since],
                )
            }
            events = {
                (r["type"], r["watch"]): int(r["n"])
                for r in self._rows(
                    "select type, watch, count(*) as n from events group by type, watch"
                )
            }
            deliveries = {
                (r["notifier"], r["status"]): int(r["n"])
                for r in self._rows(
                    "select notifier, status, count(*) as n from deliveries"
                    " group by notifier, status"
                )
            }
            due = self._rows(
                "select count(*) as n from deliveries where status = 'pending'"
                " and next_attempt_at <= %s",
                [iso(now)],
            )
            failures = {
                r["url"]: int(r["error_count"] or 0)
                for r in self._rows("select url, error_count from feeds")
            }
            articles = self._rows("select count(*) as n from articles")
            return {
                "tone": tone,
                "events": events,
                "deliveries": deliveries,
                "outbox_due": int(due[0]["n"]) if due else 0,
                "feed_failures": failures,
                "articles": int(articles[0]["n"]) if articles else 0,
            }

        return self._run("read figures", read)

    def probe_writable(self) -> None:
        """Raise ``StoreError`` unless the database takes a committed write.

        The write changes nothing: one row of the migrations table is updated to its own
        values and committed, which a read-only server or database (a standby,
        ``default_transaction_read_only``) refuses.
        """

        def probe() -> None:
            with self._tx() as conn:
                conn.execute(
                    "update rhetoric_migrations set applied_at = applied_at"
                    " where name = (select min(name) from rhetoric_migrations)"
                )

        self._run("write probe", probe)

    def known_names(self, kind: str) -> set[str]:
        """Watch (``watch``), notifier (``notifier``) or charted-watch (``charted``)
        names the database has seen (as ``Store.known_names``)."""
        queries = {
            "watch": (
                "select distinct watch as n from scores union select distinct watch from events"
                " union select distinct watch from silences"
            ),
            "notifier": (
                "select distinct notifier as n from deliveries"
                " union select name from notifier_state"
            ),
            "charted": (
                "select distinct watch as n from scores union"
                " select distinct watch from events where type like 'rhetoric.shift%%'"
            ),
        }
        sql = queries.get(kind)
        if sql is None:
            raise ValueError(f"known_names: unknown kind {kind!r}")
        rows = self._run("read names", lambda: self._rows(sql, []))
        return {str(r["n"]) for r in rows if r["n"]}

    def has_older(self, *, watch: str | None, before: datetime) -> bool:
        """True when a scored article of ``watch`` (any watch: None) is older than ``before``."""
        sql, params = "select 1 from scores where at < %s", [iso(before)]
        if watch:
            sql, params = sql + " and watch = %s", [*params, watch]
        return bool(self._run("read history", lambda: self._rows(sql + " limit 1", params)))

    def find_delivery(self, delivery_id: str) -> dict[str, Any] | None:
        """One outbox row (without its body), or None."""
        rows = self._run(
            "read outbox",
            lambda: self._rows(
                "select id, event_id, notifier, status, attempts, next_attempt_at, last_status,"
                " last_error, created_at, delivered_at from deliveries where id = %s",
                [delivery_id],
            ),
        )
        return rows[0] if rows else None


def _websearch(query: str) -> str:
    """An FTS5 query in ``websearch_to_tsquery`` syntax (``NOT x`` → ``-x``)."""
    return re.sub(r"(?<![\w\"])NOT\s+", "-", query)


def _article_from_row(r: dict[str, Any]) -> Article:
    return Article(
        key=r["key"],
        feed_url=r["feed_url"],
        url=r["url"],
        title=r["title"] or "",
        text=r["text"] or "",
        published=parse_iso(r["published"]),
        source=r["source"] or "",
        extracted_from=r["extracted_from"] or "content",
    )


def _sample_from_row(r: dict[str, Any]) -> Sample:
    return Sample(
        key=r["article_key"],
        watch=r["watch"],
        at=parse_iso(r["at"]),
        tone=r["tone"],
        source=r["source"] or "",
        title=r["title"] or "",
        url=r["url"],
        phrases=tuple(json.loads(r["phrases"] or "[]")),
        fingerprint=tuple(json.loads(r["fingerprint"] or "[]")),
    )


_INSERT_ARTICLE = (
    "insert into articles (key, feed_url, url, title, text, published, source,"
    " extracted_from, stored_at) values (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
    " on conflict (key) do nothing"
)
_INSERT_SCORE = (
    "insert into scores (article_key, watch, at, tone, label, confidence, source, title,"
    " url, phrases, evidence, fingerprint) values"
    " (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) on conflict do nothing"
)


def _article_row(a: Article, stored_at: str | None) -> list[Any]:
    return [
        a.key, a.feed_url, a.url, a.title, a.text, iso(a.published), a.source,
        a.extracted_from, stored_at,
    ]  # fmt: skip


def _score_row(key: str, sample: Sample, score: ToneScore) -> list[Any]:
    evidence = [
        {"phrase": e.phrase, "weight": e.weight, "cue": e.cue}
        for e in score.evidence[:STORED_EVIDENCE]
    ]
    return [
        key, sample.watch, iso(sample.at), score.tone, score.label, score.confidence,
        sample.source, sample.title, sample.url, json.dumps(list(sample.phrases)),
        json.dumps(evidence), json.dumps(list(sample.fingerprint)),
    ]  # fmt: skip


__all__ = ["NUMBERING_WAIT_S", "TITLE_WEIGHT", "PostgresStore", "Scoring"]
