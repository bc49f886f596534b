"""Store stage: everything the daemon knows, in one SQLite file (sqlite-utils, WAL).

The ``Store`` is a small interface of what the pipeline needs, not SQL, so a
PostgreSQL backend can pass the same contract tests later. Every write is
idempotent (unique keys on articles, scores, events and deliveries) and an
event is written together with its outbox rows in one transaction.

Tables (browsable with Datasette): ``feeds`` (fetch state and health),
``articles`` (+ ``articles_fts`` on title and text), ``scores`` (one row per
article and watch), ``events``, ``deliveries`` (the outbox),
``delivery_attempts``, ``notifier_state``, ``silences``, ``detector_state`` and
``calibrations``.

``Store`` is one class in three modules, by single inheritance:

* ``monitor.store.base.StoreBase``: the connection, lock, retries (``_run``),
  transactions (``_tx``) and row helper (``_rows``);
* ``monitor.store.events.EventStore``: events, the outbox and silences;
* here, ``Store``: feeds, articles and scores, samples, history and counts.

The schema and its migrations are in ``monitor.store.schema``. Import
``Store``, ``migrations`` and ``utcnow`` from this module.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from monitor.errors import StoreError
from monitor.models import Article, FeedState, Sample, ToneScore
from monitor.store.codec import STORED_EVIDENCE, feed_from_row, feed_row, iso, parse_iso
from monitor.store.events import EventStore
from monitor.store.watchstate import WatchStateReads

#: How much more a match in the title weighs than one in the text, in search ranking.
TITLE_WEIGHT = 4.0
#: How many of the newest matches ``Store.search`` ranks by default.
SEARCH_DEPTH = 20_000


@dataclass(frozen=True, slots=True)
class SearchHits:
    """The best matches of a search, and whether older matches went unranked."""

    rows: list[dict[str, Any]]
    capped: bool


class Store(EventStore, WatchStateReads):
    """Thread-safe access to the SQLite file (one connection, one write lock)."""

    MARK = "?"

    # -- feeds -----------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState:
        """Saved state of ``url`` (a fresh state if never polled)."""
        rows = self._run(
            "read feed", lambda: self._rows("select * from feeds where url = ?", [url])
        )
        return feed_from_row(rows[0]) if rows else FeedState(url=url)

    def feed_states(self) -> list[FeedState]:
        """Every feed's saved state."""
        return [
            feed_from_row(r)
            for r in self._run("read feeds", lambda: self._rows("select * from feeds order by url"))
        ]

    def save_feed_state(self, state: FeedState) -> None:
        """Upsert ``state``."""

        def write() -> None:
            with self._tx() as db:
                db["feeds"].upsert(feed_row(state), pk="url")  # type: ignore[union-attr]

        self._run("save feed state", write)

    # -- articles and scores ---------------------------------------------------

    def unseen(self, keys: Sequence[str]) -> set[str]:
        """The subset of article ``keys`` not stored yet."""
        if not keys:
            return set()

        def read() -> set[str]:
            seen: set[str] = set()
            for i in range(0, len(keys), 500):
                chunk = list(keys[i : i + 500])
                marks = ",".join("?" * len(chunk))
                cur = self.db.execute(f"select key from articles where key in ({marks})", chunk)
                seen.update(r[0] for r in cur.fetchall())
            return set(keys) - seen

        return self._run("read articles", read)

    def save_article(
        self, article: Article, scores: Sequence[tuple[Sample, ToneScore]], *, now: datetime
    ) -> bool:
        """Store ``article`` and its per-watch scores in one transaction.

        Returns False (and writes nothing) when the article was already stored,
        so a retried or replayed step never duplicates.
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

        One flag per article: False for one that was already stored (its scores are
        not written again), so a retried or replayed step never duplicates. A poll
        stores a feed's new articles and its state this way: one commit per feed.
        """
        stored_at = iso(now)
        feeds = sorted({a.feed_url for a, _ in batch if a.feed_url is not None})

        def write() -> list[bool]:
            flags = []
            with self._tx() as db:
                conn = db.conn
                # articles.feed_url references feeds: a feed's row comes with its first
                # article (its fetch state is saved after the articles, see pipeline).
                conn.executemany(
                    "insert or ignore into feeds (url, error_count, disabled,"
                    " failing_notified) values (?, 0, 0, 0)",
                    [(url,) for url in feeds],
                )
                scored = []
                for article, scores in batch:
                    new = conn.execute(_INSERT_ARTICLE, _article_row(article, stored_at)).rowcount
                    flags.append(new > 0)
                    if new > 0:
                        scored += [_score_row(article.key, s, sc) for s, sc in scores]
                conn.executemany(_INSERT_SCORE, scored)
                if feed_state is not None:
                    db["feeds"].upsert(feed_row(feed_state), pk="url")  # type: ignore[union-attr]
            return flags

        return self._run("save articles", write)

    def samples(
        self, watch: str, *, since: datetime, until: datetime | None = None
    ) -> list[Sample]:
        """Scored samples of ``watch`` with ``since <= at <= until``, oldest first."""
        params: list[Any] = [watch, iso(since)]
        sql = "select * from scores where watch = ? and at >= ?"
        if until is not None:
            sql += " and at <= ?"
            params.append(iso(until))
        sql += " order by at"
        rows = self._run("read samples", lambda: self._rows(sql, params))
        return [_sample_from_row(r) for r in rows]

    def scored_rows(
        self,
        watch: str,
        *,
        after: int = 0,
        upto: int | None = None,
        since: datetime | None = None,
    ) -> tuple[list[tuple[int, Sample]], int]:
        """(rowid, sample) of ``watch`` in the order they were stored, with rowid > ``after``
        (and <= ``upto``, and ``at >= since`` when given); and the last rowid read.

        This is the order the shift detector takes stories in. The rowid returned is
        the high-water mark to pass as ``after`` next time (``after`` when none).
        """

        def read() -> tuple[list[dict[str, Any]], int]:
            top = int(self.db.execute("select max(rowid) from scores").fetchone()[0] or 0)
            high = top if upto is None else min(top, upto)
            sql = f"select rowid as _row, {_SAMPLE_COLUMNS} from scores"
            sql += " where watch = ? and rowid > ? and rowid <= ?"
            args: list[Any] = [watch, after, high]
            if since is not None:
                sql += " and at >= ?"
                args.append(iso(since))
            return self._rows(sql + " order by rowid", args), max(after, high)

        rows, high = self._run("read scored rows", read)
        return [(int(r["_row"]), _sample_from_row(r)) for r in rows], high

    def sequence_scores(self, watch: str) -> int:
        """Nothing to number here: a score row's rowid is its place, given as it is written
        by the file's single writer, so rows become visible in rowid order. Returns 0."""
        return 0

    def last_score_row(self) -> int:
        """The highest score rowid (0 when there are none)."""
        return self._run(
            "read scores",
            lambda: int(self.db.execute("select max(rowid) from scores").fetchone()[0] or 0),
        )

    def count_scored(self, watch: str, *, upto: int) -> int:
        """How many score rows ``watch`` has with rowid <= ``upto``."""
        return self._run(
            "count scores",
            lambda: int(
                self.db.execute(
                    "select count(*) from scores where watch = ? and rowid <= ?", [watch, upto]
                ).fetchone()[0]
            ),
        )

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
        row = {
            "watch": watch,
            "rule_hash": rule_hash,
            "last_row": last_row,
            "rows": rows,
            "saved_at": iso(now),
            "scalars": json.dumps(scalars),
            "status": json.dumps(status),
        }

        def write() -> None:
            with self._tx() as db:
                db["detector_state"].upsert(row, pk="watch")  # type: ignore[union-attr]

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
        row = {
            "watch": watch,
            "rule_key": rule_key,
            "applied": int(applied),
            "saved_at": iso(now),
            "result": json.dumps(result),
        }

        def write() -> None:
            with self._tx() as db:
                db["calibrations"].upsert(row, pk="watch")  # type: ignore[union-attr]

        self._run("save calibration", write)

    def clear_calibration(self, watch: str) -> bool:
        """Remove the calibration of ``watch``; False when it had none."""

        def write() -> bool:
            with self._tx() as db:
                cur = db.execute("delete from calibrations where watch = ?", [watch])
                return bool(cur.rowcount)

        return self._run("clear calibration", write)

    def history(
        self, *, watch: str | None, since: datetime, limit: int = 10_000
    ) -> list[dict[str, Any]]:
        """Scored articles (newest first) for ``history``: plain rows for display."""
        sql = (
            "select s.at, s.watch, s.source, s.tone, s.label, s.confidence, s.title, s.url,"
            " s.phrases from scores s where s.at >= ?"
        )
        params: list[Any] = [iso(since)]
        if watch:
            sql += " and s.watch = ?"
            params.append(watch)
        sql += " order by s.at desc limit ?"
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
        """Stored articles matching ``query`` (FTS5 syntax), best first, with snippets.

        Ranked by BM25 with the title weighing ``TITLE_WEIGHT`` times the text, among
        the ``depth`` newest matches (all of them when ``depth`` is None). BM25 costs
        a lookup per match, so ranking every match of a word found in most articles
        of a large archive takes about a second; the newest ``depth`` take a few tens
        of milliseconds, and ``hits.capped`` says when older matches were left out.
        Titles, snippets and scores are read for the ``limit`` best only. Each row:
        key, title, url, source, published, rank (lower is better), snippet (matches
        in ``[…]``, from the text or the title, whichever matches best) and scores
        (watch, tone, label per watch). A query FTS5 cannot read raises
        ``StoreError`` naming it.
        """
        rank = f"bm25(articles_fts, {TITLE_WEIGHT}, 1.0)"
        where = " where articles_fts match ?"
        args: list[Any] = [query]
        if since is not None:
            where += " and a.published >= ?"
            args.append(iso(since))
        if watch is not None:
            where += (
                " and exists (select 1 from scores s where s.article_key = a.key and s.watch = ?)"
            )
            args.append(watch)
        join = " join articles a on a.rowid = f.rowid" if len(args) > 1 else ""
        matches = f"select f.rowid as rowid, {rank} as rank from articles_fts f{join}{where}"
        if depth is None:
            sql, params = f"{matches} order by rank limit ?", [*args, limit]
        else:
            # Newest first straight from the index (rowids grow as articles are stored),
            # so BM25 runs for ``depth`` rows, not for every match.
            sql = f"select * from ({matches} order by f.rowid desc limit ?) order by rank limit ?"
            params = [*args, depth, limit]
        # Whether more than ``depth`` match: stop counting at depth + 1.
        beyond = f"select count(*) from (select 1 from articles_fts f{join}{where} limit ?)"

        def read() -> SearchHits:
            ranked = self._rows(sql, params)
            if not ranked:
                return SearchHits([], capped=False)
            marks = ",".join("?" * len(ranked))
            details = {
                r["rowid"]: r
                for r in self._rows(
                    "select f.rowid as rowid, a.key, a.title, a.url, a.source, a.published,"
                    " snippet(articles_fts, -1, '[', ']', ' … ', 16) as snippet"
                    " from articles_fts f join articles a on a.rowid = f.rowid"
                    f" where articles_fts match ? and f.rowid in ({marks})",
                    [query, *(r["rowid"] for r in ranked)],
                )
            }
            keys = [details[r["rowid"]]["key"] for r in ranked]
            scores: dict[str, list[dict[str, Any]]] = {}
            for s in self._rows(
                "select article_key, watch, tone, label from scores"
                f" where article_key in ({marks}) order by watch",
                keys,
            ):
                key = s.pop("article_key")
                scores.setdefault(key, []).append(s)
            out = []
            for r in ranked:
                row = dict(details[r["rowid"]])
                del row["rowid"]
                row["rank"] = r["rank"]
                row["scores"] = scores.get(row["key"], [])
                out.append(row)
            capped = False
            if depth is not None:
                (found,) = self.db.execute(beyond, [*args, depth + 1]).fetchone()
                capped = found > depth
            return SearchHits(out, capped=capped)

        try:
            return self._run("search", read)
        except StoreError as exc:
            cause = exc.__cause__
            if isinstance(cause, sqlite3.OperationalError) and not _transient(cause):
                raise StoreError(
                    f"search: cannot read the query {query!r}: {exc.__cause__} (FTS5 syntax:"
                    ' words, "a phrase", OR, NOT, NEAR(a b), prefix*)'
                ) from exc
            raise

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        tables = ("feeds", "articles", "scores", "events", "deliveries")
        return self._run(
            "count rows",
            lambda: {
                t: int(self.db.execute(f"select count(*) from {t}").fetchone()[0]) for t in tables
            },
        )

    # -- read-only summaries (``monitor.store.figures`` calls these) ------------

    def figures(self, *, now: datetime) -> dict[str, Any]:
        """Figures for a metrics scrape: ``tone`` (watch → (mean, n) over the last 24 h),
        ``events`` ((type, watch) → n), ``deliveries`` ((notifier, status) → n),
        ``outbox_due``, ``feed_failures`` (url → failures in a row) and ``articles``."""

        def read() -> dict[str, Any]:
            db = self.db
            since = iso(now - timedelta(hours=24))
            tone = {
                w: (mean, int(n))
                for w, mean, n in db.execute(
                    "select watch, avg(tone), count(*) from scores where at >= ? group by watch",
                    [since],
                ).fetchall()
            }
            events = {
                (t, w): int(n)
                for t, w, n in db.execute(
                    "select type, watch, count(*) from events group by type, watch"
                ).fetchall()
            }
            deliveries = {
                (name, status): int(n)
                for name, status, n in db.execute(
                    "select notifier, status, count(*) from deliveries group by notifier, status"
                ).fetchall()
            }
            due = db.execute(
                "select count(*) from deliveries where status = 'pending' and next_attempt_at <= ?",
                [iso(now)],
            ).fetchone()[0]
            failures = {
                url: int(n or 0)
                for url, n in db.execute("select url, error_count from feeds").fetchall()
            }
            articles = db.execute("select count(*) from articles").fetchone()[0]
            return {
                "tone": tone,
                "events": events,
                "deliveries": deliveries,
                "outbox_due": int(due or 0),
                "feed_failures": failures,
                "articles": int(articles or 0),
            }

        return self._run("read figures", read)

    def probe_writable(self) -> None:
        """Raise ``StoreError`` unless the database takes a committed write.

        The write changes nothing: SQLite's ``user_version`` header field (unused by this
        schema) is written back with its own value. A rolled-back or empty write would not
        do: it never reaches the file, so a file that turned read-only or a full disk would
        pass.
        """

        def probe() -> None:
            with self._tx() as db:
                version = int(db.execute("pragma user_version").fetchone()[0])
                db.execute(f"pragma user_version = {version}")

        self._run("write probe", probe)

    def known_names(self, kind: str) -> set[str]:
        """Watch names (``kind="watch"``) or notifier names (``kind="notifier"``) the
        database has seen: in scores, events and silences, or in the outbox; or the watches
        with scores or shift events (``kind="charted"``, the report's sections)."""
        queries = {
            "watch": (
                "select distinct watch from scores union select distinct watch from events"
                " union select distinct watch from silences"
            ),
            "notifier": (
                "select distinct notifier from deliveries union select name from notifier_state"
            ),
            # What the report draws a section for: scored articles or shift events.
            "charted": (
                "select distinct watch from scores union"
                " select distinct watch from events where type like 'rhetoric.shift%'"
            ),
        }
        sql = queries.get(kind)
        if sql is None:
            raise ValueError(f"known_names: unknown kind {kind!r}")
        rows = self._run("read names", lambda: self.db.execute(sql).fetchall())
        return {str(r[0]) for r in rows if r[0]}

    def has_older(self, *, watch: str | None, before: datetime) -> bool:
        """True when a scored article of ``watch`` (any watch: None) is older than ``before``."""
        sql, params = "select 1 from scores where at < ?", [iso(before)]
        if watch:
            sql, params = sql + " and watch = ?", [*params, watch]
        rows = self._run(
            "read history", lambda: self.db.execute(sql + " limit 1", params).fetchall()
        )
        return bool(rows)

    def find_delivery(self, delivery_id: str) -> dict[str, Any] | None:
        """One outbox row (without its body), or None."""
        rows = self._run(
            "read outbox",
            lambda: self._rows(
                "select id, event_id, notifier, status, attempts, next_attempt_at, last_status,"
                " last_error, created_at, delivered_at from deliveries where id = ?",
                [delivery_id],
            ),
        )
        return rows[0] if rows else None


_INSERT_ARTICLE = (
    "insert or ignore into articles (key, feed_url, url, title, text, published, source,"
    " extracted_from, stored_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_SCORE = (
    "insert or ignore into scores (article_key, watch, at, tone, label, confidence, source,"
    " title, url, phrases, evidence, fingerprint) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _article_row(a: Article, stored_at: str | None) -> tuple[Any, ...]:
    return (
        a.key, a.feed_url, a.url, a.title, a.text, iso(a.published), a.source,
        a.extracted_from, stored_at,
    )  # fmt: skip


def _score_row(key: str, sample: Sample, score: ToneScore) -> tuple[Any, ...]:
    evidence = [
        {"phrase": e.phrase, "weight": e.weight, "cue": e.cue}
        for e in score.evidence[:STORED_EVIDENCE]
    ]
    return (
        key, sample.watch, iso(sample.at), score.tone, score.label, score.confidence,
        sample.source, sample.title, sample.url, json.dumps(list(sample.phrases)),
        json.dumps(evidence), json.dumps(list(sample.fingerprint)),
    )  # fmt: skip


def _transient(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


# What a Sample is read from (``scored_rows`` leaves out the evidence: a watch's rebuild
# reads every row of its span at once, and the evidence was a fifth of each row).
_SAMPLE_COLUMNS = "article_key, watch, at, tone, source, title, url, phrases, fingerprint"


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


def utcnow() -> datetime:
    """The wall clock, timezone-aware UTC."""
    return datetime.now(UTC)


__all__ = ["SEARCH_DEPTH", "SearchHits", "Store", "utcnow"]
