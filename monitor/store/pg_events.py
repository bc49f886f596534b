"""PostgreSQL store, events part: shift events, their outbox, notifier state and silences.

The same methods, keys and row shapes as ``monitor.store.events.EventStore``:
an event and its outbox rows (``event_id:notifier``) are one transaction, and
``on conflict do nothing`` on both keys makes a repeated event write nothing,
whichever worker repeats it. ``monitor.store.postgres.PostgresStore`` builds on
this class; use that, not this part alone.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from monitor.models import FeedState, ShiftEvent
from monitor.store.codec import event_from_dict, event_label, feed_row, iso, parse_iso
from monitor.store.pg_base import PostgresBase
from monitor.store.pg_schema import EVENT_ARTICLES_PG_SQL


class PostgresEventStore(PostgresBase):
    """Events, the outbox and silences, on the plumbing of ``PostgresBase``."""

    # -- events and the outbox -------------------------------------------------

    def past_events(self, watch: str) -> list[ShiftEvent]:
        """Every stored shift event of ``watch``, oldest first."""
        rows = self._run(
            "read events",
            lambda: self._rows(
                "select payload from events where watch = %s and type like 'rhetoric.%%'"
                " order by at",
                [watch],
            ),
        )
        return [event_from_dict(json.loads(r["payload"])) for r in rows]

    def events(
        self, *, watch: str | None = None, since: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Stored events (oldest first) as plain rows with their decoded payload."""
        sql, params = "select * from events where true", list[Any]()
        if watch:
            sql, params = sql + " and watch = %s", [*params, watch]
        if since:
            sql, params = sql + " and at >= %s", [*params, iso(since)]
        rows = self._run("read events", lambda: self._rows(sql + " order by at", params))
        for r in rows:
            r["payload"] = json.loads(r["payload"])
            # SQLite's generated column, computed here on read (same text).
            r["label"] = event_label(r)
        return rows

    def add_event(
        self,
        event_id: str,
        *,
        type: str,
        watch: str,
        direction: str | None,
        at: datetime,
        payload: dict[str, Any],
        bodies: dict[str, str],
        now: datetime,
        silenced: bool = False,
        feed_state: FeedState | None = None,
    ) -> bool:
        """Store an event and one outbox row per notifier in one transaction.

        Returns False when the event was already stored (nothing is written twice).
        ``feed_state``, for a source-health event, is saved in the same transaction
        (whether or not the event was new). A row for a notifier that is disabled is
        written as ``disabled`` (``deliveries --enable`` queues it). A shift event's
        driving articles go to ``event_articles``.
        """

        def write() -> bool:
            with self._tx() as conn:
                if feed_state is not None:
                    _upsert_feed(conn, feed_state)
                cur = conn.execute(
                    "insert into events (event_id, type, watch, direction, at, created_at,"
                    " silenced, payload) values (%s, %s, %s, %s, %s, %s, %s, %s)"
                    " on conflict (event_id) do nothing",
                    [
                        event_id,
                        type,
                        watch,
                        direction,
                        iso(at),
                        iso(now),
                        int(silenced),
                        json.dumps(payload),
                    ],
                )
                if cur.rowcount == 0:
                    return False
                if type.startswith("rhetoric.shift."):
                    conn.execute(EVENT_ARTICLES_PG_SQL.format(where="e.event_id = %s"), [event_id])
                for notifier, body in bodies.items():
                    reason_row = conn.execute(
                        "select reason from notifier_state where name = %s and disabled = 1",
                        [notifier],
                    ).fetchone()
                    reason = None if reason_row is None else reason_row["reason"]
                    parked = reason_row is not None
                    conn.execute(
                        "insert into deliveries (id, event_id, notifier, status, attempts,"
                        " next_attempt_at, created_at, body, last_error) values"
                        " (%s, %s, %s, %s, 0, %s, %s, %s, %s) on conflict (id) do nothing",
                        [
                            f"{event_id}:{notifier}",
                            event_id,
                            notifier,
                            "disabled" if parked else "pending",
                            None if parked else iso(now),
                            iso(now),
                            body,
                            _parked(notifier, str(reason)) if parked else None,
                        ],
                    )
                return True

        return self._run("save event", write)

    def due_deliveries(self, now: datetime, *, limit: int = 50) -> list[dict[str, Any]]:
        """Pending outbox rows whose next attempt is due, oldest first."""
        return self._run(
            "read outbox",
            lambda: self._rows(
                "select * from deliveries where status = 'pending' and next_attempt_at <= %s"
                " order by next_attempt_at, id limit %s",
                [iso(now), limit],
            ),
        )

    def next_delivery_due(self) -> datetime | None:
        """When the earliest pending delivery is due, or None."""
        rows = self._run(
            "read outbox",
            lambda: self._rows(
                "select min(next_attempt_at) as t from deliveries where status = 'pending'"
            ),
        )
        return parse_iso(rows[0]["t"]) if rows and rows[0]["t"] else None

    def record_attempt(
        self,
        delivery_id: str,
        *,
        at: datetime,
        status_code: int | None,
        error: str | None,
        duration_s: float,
        outcome: str,
        next_attempt_at: datetime | None,
    ) -> None:
        """Record one delivery attempt and move the outbox row to ``outcome``."""

        def write() -> None:
            with self._tx() as conn:
                # The row lock orders two recorders of one delivery: attempts count up.
                row = conn.execute(
                    "select attempts from deliveries where id = %s for update", [delivery_id]
                ).fetchone()
                attempt = ((row or {}).get("attempts") or 0) + 1
                conn.execute(
                    "insert into delivery_attempts (delivery_id, attempt, at, status_code,"
                    " error, duration_s) values (%s, %s, %s, %s, %s, %s)",
                    [delivery_id, attempt, iso(at), status_code, error, duration_s],
                )
                conn.execute(
                    "update deliveries set status = %s, attempts = %s, next_attempt_at = %s,"
                    " last_status = %s, last_error = %s, delivered_at = %s where id = %s",
                    [
                        outcome,
                        attempt,
                        iso(next_attempt_at),
                        status_code,
                        error,
                        iso(at) if outcome == "delivered" else None,
                        delivery_id,
                    ],
                )

        self._run("record delivery attempt", write)

    def deliveries(self, *, status: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Outbox rows, newest first, without their bodies."""
        sql = (
            "select id, event_id, notifier, status, attempts, next_attempt_at, last_status,"
            " last_error, created_at, delivered_at from deliveries"
        )
        params: list[Any] = []
        if status:
            sql, params = sql + " where status = %s", [status]
        return self._run(
            "read outbox",
            lambda: self._rows(sql + " order by created_at desc, id limit %s", [*params, limit]),
        )

    def delivery_attempts(self, delivery_id: str) -> list[dict[str, Any]]:
        """Attempts of one delivery, oldest first."""
        return self._run(
            "read attempts",
            lambda: self._rows(
                "select * from delivery_attempts where delivery_id = %s order by attempt, id",
                [delivery_id],
            ),
        )

    def requeue(self, delivery_id: str, *, now: datetime) -> bool:
        """Put a failed or disabled delivery back in the queue; False if unknown."""

        def write() -> bool:
            with self._tx() as conn:
                cur = conn.execute(
                    "update deliveries set status = 'pending', next_attempt_at = %s,"
                    " attempts = 0 where id = %s and status != 'delivered'",
                    [iso(now), delivery_id],
                )
                return bool(cur.rowcount)

        return self._run("requeue delivery", write)

    def notifier_disabled(self, name: str) -> str | None:
        """Why notifier ``name`` is disabled, or None when it is enabled."""
        rows = self._run(
            "read notifier",
            lambda: self._rows(
                "select reason from notifier_state where name = %s and disabled = 1", [name]
            ),
        )
        return rows[0]["reason"] if rows else None

    def set_notifier_disabled(self, name: str, reason: str | None, *, now: datetime) -> int:
        """Disable notifier ``name`` with ``reason`` (None re-enables it).

        Its outbox rows follow in the same transaction, as on SQLite: disabling parks
        every pending row as ``disabled`` (with the reason as its error), enabling
        queues every ``disabled`` row again, due now with a fresh retry schedule.
        Returns how many rows moved.
        """

        def write() -> int:
            with self._tx() as conn:
                conn.execute(
                    "insert into notifier_state (name, disabled, reason, at)"
                    " values (%s, %s, %s, %s) on conflict (name) do update set"
                    " disabled = excluded.disabled, reason = excluded.reason, at = excluded.at",
                    [name, int(reason is not None), reason, iso(now)],
                )
                if reason is not None:
                    cur = conn.execute(
                        "update deliveries set status = 'disabled', last_error = %s,"
                        " next_attempt_at = null where notifier = %s and status = 'pending'",
                        [_parked(name, reason), name],
                    )
                else:
                    cur = conn.execute(
                        "update deliveries set status = 'pending', next_attempt_at = %s,"
                        " attempts = 0 where notifier = %s and status = 'disabled'",
                        [iso(now), name],
                    )
                return int(cur.rowcount)

        return self._run("save notifier state", write)

    def park_delivery(self, delivery_id: str, notifier: str, reason: str) -> None:
        """Mark one pending row ``disabled``: its notifier is (``reason``)."""

        def write() -> None:
            with self._tx() as conn:
                conn.execute(
                    "update deliveries set status = 'disabled', last_error = %s,"
                    " next_attempt_at = null where id = %s and status = 'pending'",
                    [_parked(notifier, reason), delivery_id],
                )

        self._run("park delivery", write)

    # -- silences ----------------------------------------------------------------

    def add_silence(self, watch: str, *, until: datetime, comment: str, now: datetime) -> int:
        """Silence ``watch`` until ``until``; returns the silence id."""

        def write() -> int:
            with self._tx() as conn:
                row = conn.execute(
                    "insert into silences (watch, until, comment, created_at)"
                    " values (%s, %s, %s, %s) returning id",
                    [watch, iso(until), comment, iso(now)],
                ).fetchone()
                return int(row["id"]) if row else 0

        return self._run("save silence", write)

    def silences(self, *, now: datetime | None = None) -> list[dict[str, Any]]:
        """Silences (only those still active when ``now`` is given)."""
        sql, params = "select * from silences", list[Any]()
        if now is not None:
            sql, params = sql + " where until > %s", [iso(now)]
        return self._run("read silences", lambda: self._rows(sql + " order by until, id", params))

    def remove_silence(self, silence_id: int) -> bool:
        """Delete a silence; False if there was none with that id."""

        def write() -> bool:
            with self._tx() as conn:
                cur = conn.execute("delete from silences where id = %s", [silence_id])
                return bool(cur.rowcount)

        return self._run("remove silence", write)

    def silenced(self, watch: str, now: datetime) -> bool:
        """True while a silence on ``watch`` is active."""
        return any(s["watch"] == watch for s in self.silences(now=now))


def _upsert_feed(conn: Any, state: FeedState) -> None:
    """Upsert ``state`` on ``conn`` (in the caller's transaction)."""
    row = feed_row(state)
    columns = list(row)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    conn.execute(
        f"insert into feeds ({', '.join(columns)}) values ({', '.join(['%s'] * len(columns))})"
        f" on conflict (url) do update set {updates}",
        list(row.values()),
    )


def _parked(notifier: str, reason: str) -> str:
    return (
        f"notifier {notifier} disabled ({reason}); "
        f"'rhetoric-monitor deliveries --enable {notifier}' sends it"
    )


__all__ = ["PostgresEventStore"]
