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
from monitor.store.codec import iso, parse_iso
from monitor.store.pg_events import PostgresEventStore

#: How much more a match in the title weighs than one in the text (as ``TITLE_WEIGHT``).
TITLE_WEIGHT = 4.0
_RANK_WEIGHTS = f"{{{1 / TITLE_WEIGHT}, {1 / TITLE_WEIGHT}, {1 / TITLE_WEIGHT}, 1.0}}"
T = TypeVar("T")
_HEADLINE = "StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1"


class PostgresStore(PostgresEventStore):
    """The store on PostgreSQL: thread-safe (one connection, one lock), shared by workers."""

    # -- feeds -----------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState:
        """Saved state of ``url`` (a fresh state if never polled)."""
        rows = self._run(
            "read feed", lambda: self._rows("select * from feeds where url = %s", [url])
        )
        return _feed_from_row(rows[0]) if rows else FeedState(url=url)

    def feed_states(self) -> list[FeedState]:
        """Every feed's saved state."""
        return [
            _feed_from_row(r)
            for r in self._run("read feeds", lambda: self._rows("select * from feeds order by url"))
        ]

    def save_feed_state(self, state: FeedState) -> None:
        """Upsert ``state`` (the cluster schedule columns are left as they are)."""
        row = [
            state.url,
            state.etag,
            state.last_modified,
            state.error_count,
            state.last_error,
            iso(state.last_success_at),
            iso(state.last_attempt_at),
            iso(state.next_attempt_at),
            int(state.disabled),
            int(state.failing_notified),
            state.last_warning,
        ]
        columns = (
            "url, etag, last_modified, error_count, last_error, last_success_at,"
            " last_attempt_at, next_attempt_at, disabled, failing_notified, last_warning"
        )
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns.replace(" ", "").split(",")[1:])

        def write() -> None:
            with self._tx() as conn:
                conn.execute(
                    f"insert into feeds ({columns}) values ({', '.join(['%s'] * len(row))})"
                    f" on conflict (url) do update set {updates}",
                    row,
                )

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
        row = [
            article.key,
            article.feed_url,
            article.url,
            article.title,
            article.text,
            iso(article.published),
            article.source,
            article.extracted_from,
            iso(now),
        ]
        score_rows = [
            [
                article.key,
                sample.watch,
                iso(sample.at),
                score.tone,
                score.label,
                score.confidence,
                sample.source,
                sample.title,
                sample.url,
                json.dumps(list(sample.phrases)),
                json.dumps(
                    [
                        {"phrase": e.phrase, "weight": e.weight, "cue": e.cue}
                        for e in score.evidence[:10]
                    ]
                ),
                json.dumps(list(sample.fingerprint)),
            ]
            for sample, score in scores
        ]

        def write() -> bool:
            with self._tx() as conn:
                cur = conn.execute(
                    "insert into articles (key, feed_url, url, title, text, published, source,"
                    " extracted_from, stored_at) values (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
                    " on conflict (key) do nothing",
                    row,
                )
                if cur.rowcount == 0:
                    return False
                if score_rows:
                    with conn.cursor() as c:
                        c.executemany(
                            "insert into scores (article_key, watch, at, tone, label, confidence,"
                            " source, title, url, phrases, evidence, fingerprint) values"
                            " (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                            " on conflict do nothing",
                            score_rows,
                        )
                return True

        return self._run("save article", write)

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

    def samples_after(self, watch: str, *, row: int, since: datetime) -> tuple[list[Sample], int]:
        """Samples of ``watch`` written after mark ``row`` (0: all) with ``at >= since``.

        The mark is the oldest transaction still running when read: every row
        written by an older transaction is visible, so each row is read exactly
        once even when workers commit out of order (a row written meanwhile by a
        younger one is read next time). Scores are never deleted or rewritten.
        """

        def read() -> tuple[list[dict[str, Any]], int]:
            with self._tx() as conn:
                top = conn.execute(
                    "select pg_snapshot_xmin(pg_current_snapshot())::text::bigint as top"
                ).fetchone()
                mark = int(top["top"]) if top else 0
                rows = conn.execute(
                    "select * from scores where watch = %s and at >= %s"
                    " and xid >= %s::text::xid8 and xid < %s::text::xid8 order by at",
                    [watch, iso(since), str(max(row, 0)), str(mark)],
                ).fetchall()
            return rows, max(row, mark)

        rows, top = self._run("read new samples", read)
        return [_sample_from_row(r) for r in rows], top

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
    ) -> list[dict[str, Any]]:
        """Stored articles matching ``query``, best first, with snippets.

        The rows are those of ``Store.search`` (key, title, url, source, published,
        rank, lower is better; snippet with matches in ``[…]``; scores per watch).
        """
        tsq = "websearch_to_tsquery('simple', %s)"
        sql = (
            f"select a.key, a.title, a.url, a.source, a.published,"
            f" -ts_rank('{_RANK_WEIGHTS}', a.fts, q.q) as rank,"
            f" case when to_tsvector('simple', coalesce(a.text, '')) @@ q.q"
            f" then ts_headline('simple', a.text, q.q, '{_HEADLINE}')"
            f" else ts_headline('simple', a.title, q.q, '{_HEADLINE}') end as snippet"
            f" from articles a, (select {tsq} as q) q where a.fts @@ q.q"
        )
        params: list[Any] = [_websearch(query)]
        if since is not None:
            sql += " and a.published >= %s"
            params.append(iso(since))
        if watch is not None:
            sql += (
                " and exists (select 1 from scores s where s.article_key = a.key and s.watch = %s)"
            )
            params.append(watch)
        sql += " order by rank, a.key limit %s"
        params.append(limit)

        def read() -> list[dict[str, Any]]:
            rows = self._rows(sql, params)
            if not rows:
                return []
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
            return rows

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


def _websearch(query: str) -> str:
    """An FTS5 query in ``websearch_to_tsquery`` syntax (``NOT x`` → ``-x``)."""
    return re.sub(r"(?<![\w\"])NOT\s+", "-", query)


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


def _feed_from_row(r: dict[str, Any]) -> FeedState:
    return FeedState(
        url=r["url"],
        etag=r["etag"],
        last_modified=r["last_modified"],
        error_count=r["error_count"] or 0,
        last_error=r["last_error"],
        last_success_at=parse_iso(r["last_success_at"]) if r["last_success_at"] else None,
        last_attempt_at=parse_iso(r["last_attempt_at"]) if r["last_attempt_at"] else None,
        next_attempt_at=parse_iso(r["next_attempt_at"]) if r["next_attempt_at"] else None,
        disabled=bool(r["disabled"]),
        failing_notified=bool(r["failing_notified"]),
        last_warning=r.get("last_warning"),
    )


__all__ = ["TITLE_WEIGHT", "PostgresStore"]
