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
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from monitor.models import Article, FeedState, Sample, ToneScore
from monitor.store.codec import iso, parse_iso
from monitor.store.events import EventStore


class Store(EventStore):
    """Thread-safe access to the SQLite file (one connection, one write lock)."""

    # -- feeds -----------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState:
        """Saved state of ``url`` (a fresh state if never polled)."""
        rows = self._run(
            "read feed", lambda: self._rows("select * from feeds where url = ?", [url])
        )
        return _feed_from_row(rows[0]) if rows else FeedState(url=url)

    def feed_states(self) -> list[FeedState]:
        """Every feed's saved state."""
        return [
            _feed_from_row(r)
            for r in self._run("read feeds", lambda: self._rows("select * from feeds order by url"))
        ]

    def save_feed_state(self, state: FeedState) -> None:
        """Upsert ``state``."""
        row = {
            "url": state.url,
            "etag": state.etag,
            "last_modified": state.last_modified,
            "error_count": state.error_count,
            "last_error": state.last_error,
            "last_success_at": iso(state.last_success_at),
            "last_attempt_at": iso(state.last_attempt_at),
            "next_attempt_at": iso(state.next_attempt_at),
            "disabled": int(state.disabled),
            "failing_notified": int(state.failing_notified),
            "last_warning": state.last_warning,
        }

        def write() -> None:
            with self._tx() as db:
                db["feeds"].upsert(row, pk="url")  # type: ignore[union-attr]

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
        row = {
            "key": article.key,
            "feed_url": article.feed_url,
            "url": article.url,
            "title": article.title,
            "text": article.text,
            "published": iso(article.published),
            "source": article.source,
            "extracted_from": article.extracted_from,
            "stored_at": iso(now),
        }
        score_rows = [
            {
                "article_key": article.key,
                "watch": sample.watch,
                "at": iso(sample.at),
                "tone": score.tone,
                "label": score.label,
                "confidence": score.confidence,
                "source": sample.source,
                "title": sample.title,
                "url": sample.url,
                "phrases": json.dumps(list(sample.phrases)),
                "evidence": json.dumps(
                    [
                        {"phrase": e.phrase, "weight": e.weight, "cue": e.cue}
                        for e in score.evidence[:10]
                    ]
                ),
                "fingerprint": json.dumps(list(sample.fingerprint)),
            }
            for sample, score in scores
        ]

        def write() -> bool:
            with self._tx() as db:
                cur = db.execute(
                    "insert or ignore into articles (key, feed_url, url, title, text, published,"
                    " source, extracted_from, stored_at) values (:key, :feed_url, :url, :title,"
                    " :text, :published, :source, :extracted_from, :stored_at)",
                    row,
                )
                if cur.rowcount == 0:
                    return False
                if score_rows:
                    db["scores"].insert_all(score_rows, ignore=True)  # type: ignore[union-attr]
                return True

        return self._run("save article", write)

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
            sql = "select rowid as _row, * from scores where watch = ? and rowid > ? and rowid <= ?"
            args: list[Any] = [watch, after, high]
            if since is not None:
                sql += " and at >= ?"
                args.append(iso(since))
            return self._rows(sql + " order by rowid", args), max(after, high)

        rows, high = self._run("read scored rows", read)
        return [(int(r["_row"]), _sample_from_row(r)) for r in rows], high

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

    def detector_state(self, watch: str) -> dict[str, Any] | None:
        """The saved detector state of ``watch`` (scalars and status decoded), or None."""
        rows = self._run(
            "read detector state",
            lambda: self._rows("select * from detector_state where watch = ?", [watch]),
        )
        if not rows:
            return None
        row = rows[0]
        row["scalars"] = json.loads(row["scalars"] or "null")
        row["status"] = json.loads(row["status"] or "null")
        return row

    def detector_states(self) -> list[dict[str, Any]]:
        """Every watch's saved status (no scalars), by watch name."""
        rows = self._run(
            "read detector states",
            lambda: self._rows(
                "select watch, rule_hash, last_row, saved_at, status from detector_state"
                " order by watch"
            ),
        )
        for row in rows:
            row["status"] = json.loads(row["status"] or "null")
        return rows

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

    def calibration(self, watch: str) -> dict[str, Any] | None:
        """The latest calibration of ``watch`` (``result`` decoded), or None."""
        rows = self._run(
            "read calibration",
            lambda: self._rows("select * from calibrations where watch = ?", [watch]),
        )
        if not rows:
            return None
        row = rows[0]
        row["result"] = json.loads(row["result"])
        row["applied"] = bool(row["applied"])
        return row

    def calibrations(self) -> list[dict[str, Any]]:
        """Every watch's latest calibration, by watch name."""
        rows = self._run(
            "read calibrations",
            lambda: self._rows("select * from calibrations order by watch"),
        )
        for row in rows:
            row["result"] = json.loads(row["result"])
            row["applied"] = bool(row["applied"])
        return rows

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

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        tables = ("feeds", "articles", "scores", "events", "deliveries")
        return self._run(
            "count rows",
            lambda: {
                t: int(self.db.execute(f"select count(*) from {t}").fetchone()[0]) for t in tables
            },
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


def utcnow() -> datetime:
    """The wall clock, timezone-aware UTC."""
    return datetime.now(UTC)


__all__ = ["Store", "utcnow"]
