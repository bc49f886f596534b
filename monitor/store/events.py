"""Store, events part: shift events, the outbox of their deliveries, and silences.

``EventStore`` adds to ``StoreBase`` the methods on the ``events``,
``deliveries``, ``delivery_attempts``, ``notifier_state`` and ``silences``
tables. An event is written together with its outbox rows (one per notifier)
in one transaction, and a repeated event writes nothing. ``monitor.store.sqlite.Store``
builds on this class; use ``Store``, not this part alone (see
``monitor.store.base`` for why the parts are base classes).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from monitor.models import FeedState, ShiftEvent
from monitor.store.base import StoreBase
from monitor.store.codec import event_from_dict, feed_row, iso, parse_iso
from monitor.store.schema import EVENT_ARTICLES_SQL


class EventStore(StoreBase):
    """Events, the outbox and silences, on the plumbing of ``StoreBase``."""

    # -- events and the outbox -------------------------------------------------

    def past_events(self, watch: str) -> list[ShiftEvent]:
        """Every stored shift event of ``watch``, oldest first."""
        rows = self._run(
            "read events",
            lambda: self._rows(
                "select payload from events where watch = ? and type like 'rhetoric.%' order by at",
                [watch],
            ),
        )
        return [event_from_dict(json.loads(r["payload"])) for r in rows]

    def events(
        self, *, watch: str | None = None, since: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Stored events (oldest first) as plain rows with their decoded payload."""
        sql, params = "select * from events where 1=1", list[Any]()
        if watch:
            sql, params = sql + " and watch = ?", [*params, watch]
        if since:
            sql, params = sql + " and at >= ?", [*params, iso(since)]
        rows = self._run("read events", lambda: self._rows(sql + " order by at", params))
        for r in rows:
            r["payload"] = json.loads(r["payload"])
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

        ``bodies`` maps notifier name → the exact webhook body to send. Returns
        False when the event was already stored (nothing is written twice).
        ``feed_state``, for a source-health event, is saved in the same transaction
        (whether or not the event was new): the event and the state that caused it
        are written together or not at all. A row for a notifier that is disabled
        is written as ``disabled`` (``deliveries --enable`` queues it).
        """

        def write() -> bool:
            with self._tx() as db:
                if feed_state is not None:
                    db["feeds"].upsert(feed_row(feed_state), pk="url")  # type: ignore[union-attr]
                cur = db.execute(
                    "insert or ignore into events (event_id, type, watch, direction, at,"
                    " created_at, silenced, payload) values (?, ?, ?, ?, ?, ?, ?, ?)",
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
                    db.execute(EVENT_ARTICLES_SQL.format(where="e.event_id = ?"), [event_id])
                for notifier, body in bodies.items():
                    reason = db.execute(
                        "select reason from notifier_state where name = ? and disabled = 1",
                        [notifier],
                    ).fetchone()
                    db.execute(
                        "insert or ignore into deliveries (id, event_id, notifier, status,"
                        " attempts, next_attempt_at, created_at, body, last_error) values"
                        " (?, ?, ?, ?, 0, ?, ?, ?, ?)",
                        [
                            f"{event_id}:{notifier}",
                            event_id,
                            notifier,
                            "pending" if reason is None else "disabled",
                            iso(now) if reason is None else None,
                            iso(now),
                            body,
                            None if reason is None else _parked(notifier, reason[0]),
                        ],
                    )
                return True

        return self._run("save event", write)

    def due_deliveries(self, now: datetime, *, limit: int = 50) -> list[dict[str, Any]]:
        """Pending outbox rows whose next attempt is due, oldest first."""
        return self._run(
            "read outbox",
            lambda: self._rows(
                "select * from deliveries where status = 'pending' and next_attempt_at <= ?"
                " order by next_attempt_at limit ?",
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
        """Record one delivery attempt and move the outbox row to ``outcome``.

        ``outcome`` is ``delivered``, ``pending`` (retry at ``next_attempt_at``),
        ``failed`` (retries exhausted) or ``disabled`` (endpoint gone).
        """

        def write() -> None:
            with self._tx() as db:
                row = db.execute(
                    "select attempts from deliveries where id = ?", [delivery_id]
                ).fetchone()
                attempt = (row[0] if row else 0) + 1
                db.execute(
                    "insert into delivery_attempts (delivery_id, attempt, at, status_code, error,"
                    " duration_s) values (?, ?, ?, ?, ?, ?)",
                    [delivery_id, attempt, iso(at), status_code, error, duration_s],
                )
                db.execute(
                    "update deliveries set status = ?, attempts = ?, next_attempt_at = ?,"
                    " last_status = ?, last_error = ?, delivered_at = ? where id = ?",
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
            sql, params = sql + " where status = ?", [status]
        return self._run(
            "read outbox",
            lambda: self._rows(sql + " order by created_at desc limit ?", [*params, limit]),
        )

    def delivery_attempts(self, delivery_id: str) -> list[dict[str, Any]]:
        """Attempts of one delivery, oldest first."""
        return self._run(
            "read attempts",
            lambda: self._rows(
                "select * from delivery_attempts where delivery_id = ? order by attempt",
                [delivery_id],
            ),
        )

    def requeue(self, delivery_id: str, *, now: datetime) -> bool:
        """Put a failed or disabled delivery back in the queue; False if unknown."""

        def write() -> bool:
            with self._tx() as db:
                cur = db.execute(
                    "update deliveries set status = 'pending', next_attempt_at = ?, attempts = 0"
                    " where id = ? and status != 'delivered'",
                    [iso(now), delivery_id],
                )
                return bool(cur.rowcount)

        return self._run("requeue delivery", write)

    def notifier_disabled(self, name: str) -> str | None:
        """Why notifier ``name`` is disabled, or None when it is enabled."""
        rows = self._run(
            "read notifier",
            lambda: self._rows(
                "select reason from notifier_state where name = ? and disabled = 1", [name]
            ),
        )
        return rows[0]["reason"] if rows else None

    def set_notifier_disabled(self, name: str, reason: str | None, *, now: datetime) -> int:
        """Disable notifier ``name`` with ``reason`` (None re-enables it).

        Its outbox rows follow in the same transaction: disabling parks every
        pending row as ``disabled`` (with the reason as its error), enabling queues
        every ``disabled`` row again, due now with a fresh retry schedule. Returns
        how many rows moved.
        """

        def write() -> int:
            with self._tx() as db:
                db["notifier_state"].upsert(  # type: ignore[union-attr]
                    {
                        "name": name,
                        "disabled": int(reason is not None),
                        "reason": reason,
                        "at": iso(now),
                    },
                    pk="name",
                )
                if reason is not None:
                    cur = db.execute(
                        "update deliveries set status = 'disabled', last_error = ?,"
                        " next_attempt_at = null where notifier = ? and status = 'pending'",
                        [_parked(name, reason), name],
                    )
                else:
                    cur = db.execute(
                        "update deliveries set status = 'pending', next_attempt_at = ?,"
                        " attempts = 0 where notifier = ? and status = 'disabled'",
                        [iso(now), name],
                    )
                return int(cur.rowcount)

        return self._run("save notifier state", write)

    def park_delivery(self, delivery_id: str, notifier: str, reason: str) -> None:
        """Mark one pending row ``disabled``: its notifier is (``reason``)."""

        def write() -> None:
            with self._tx() as db:
                db.execute(
                    "update deliveries set status = 'disabled', last_error = ?,"
                    " next_attempt_at = null where id = ? and status = 'pending'",
                    [_parked(notifier, reason), delivery_id],
                )

        self._run("park delivery", write)

    # -- silences ----------------------------------------------------------------

    def add_silence(self, watch: str, *, until: datetime, comment: str, now: datetime) -> int:
        """Silence ``watch`` until ``until``; returns the silence id."""

        def write() -> int:
            with self._tx() as db:
                cur = db.execute(
                    "insert into silences (watch, until, comment, created_at) values (?, ?, ?, ?)",
                    [watch, iso(until), comment, iso(now)],
                )
                return int(cur.lastrowid or 0)

        return self._run("save silence", write)

    def silences(self, *, now: datetime | None = None) -> list[dict[str, Any]]:
        """Silences (only those still active when ``now`` is given)."""
        sql, params = "select * from silences", list[Any]()
        if now is not None:
            sql, params = sql + " where until > ?", [iso(now)]
        return self._run("read silences", lambda: self._rows(sql + " order by until", params))

    def remove_silence(self, silence_id: int) -> bool:
        """Delete a silence; False if there was none with that id."""

        def write() -> bool:
            with self._tx() as db:
                return bool(db.execute("delete from silences where id = ?", [silence_id]).rowcount)

        return self._run("remove silence", write)

    def silenced(self, watch: str, now: datetime) -> bool:
        """True while a silence on ``watch`` is active."""
        return any(s["watch"] == watch for s in self.silences(now=now))


def _parked(notifier: str, reason: str) -> str:
    return (
        f"notifier {notifier} disabled ({reason}); "
        f"'rhetoric-monitor deliveries --enable {notifier}' sends it"
    )


__all__ = ["EventStore"]
