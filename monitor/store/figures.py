"""Read-only summaries of the store for operators: metrics figures, known names, a
write probe. Functions over a ``Store`` rather than methods, so the store's parts
stay as they are; they use its retrying ``_run`` like every method does.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from monitor.store.codec import iso

if TYPE_CHECKING:
    from monitor.store.sqlite import Store

__all__ = [
    "find_delivery",
    "has_older",
    "known_names",
    "probe_writable",
    "store_figures",
]


def store_figures(store: Store, *, now: datetime) -> dict[str, Any]:
    """Figures for a metrics scrape: ``tone`` (watch → (mean, n) over the last 24 h),
    ``events`` ((type, watch) → n), ``deliveries`` ((notifier, status) → n),
    ``outbox_due``, ``feed_failures`` (url → failures in a row) and ``articles``."""

    def read() -> dict[str, Any]:
        db = store.db
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

    return store._run("read figures", read)


def probe_writable(store: Store) -> None:
    """Raise ``StoreError`` unless the database takes a committed write.

    The write changes nothing: SQLite's ``user_version`` header field (unused by this
    schema) is written back with its own value. A rolled-back or empty write would not
    do: it never reaches the file, so a file that turned read-only or a full disk would
    pass.
    """

    def probe() -> None:
        with store._tx() as db:
            version = int(db.execute("pragma user_version").fetchone()[0])
            db.execute(f"pragma user_version = {version}")

    store._run("write probe", probe)


def known_names(store: Store, kind: str) -> set[str]:
    """Watch names (``kind="watch"``) or notifier names (``kind="notifier"``) the
    database has seen: in scores, events and silences, or in the outbox."""
    queries = {
        "watch": (
            "select distinct watch from scores union select distinct watch from events"
            " union select distinct watch from silences"
        ),
        "notifier": (
            "select distinct notifier from deliveries union select name from notifier_state"
        ),
    }
    sql = queries[kind]
    rows = store._run("read names", lambda: store.db.execute(sql).fetchall())
    return {str(r[0]) for r in rows if r[0]}


def has_older(store: Store, *, watch: str | None, before: datetime) -> bool:
    """True when a scored article of ``watch`` (any watch: None) is older than ``before``."""
    sql, params = "select 1 from scores where at < ?", [iso(before)]
    if watch:
        sql, params = sql + " and watch = ?", [*params, watch]
    rows = store._run("read history", lambda: store.db.execute(sql + " limit 1", params).fetchall())
    return bool(rows)


def find_delivery(store: Store, delivery_id: str) -> dict[str, Any] | None:
    """One outbox row (without its body), or None."""
    rows = store._run(
        "read outbox",
        lambda: store._rows(
            "select id, event_id, notifier, status, attempts, next_attempt_at, last_status,"
            " last_error, created_at, delivered_at from deliveries where id = ?",
            [delivery_id],
        ),
    )
    return rows[0] if rows else None
