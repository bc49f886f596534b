"""Store schema: the SQLite tables and indexes, as ``sqlite_utils.Migrations``.

Each migration is a small decorated function, applied once, in the order defined,
in its own transaction; ``monitor.store.base.StoreBase`` applies them when it
opens the database. Add a change as a new ``mNNN_...`` function, never by
editing an applied one (applied migrations are recorded by name).

Tables (browsable with Datasette): ``feeds`` (fetch state and health),
``articles`` (+ ``articles_fts`` on title and text), ``scores`` (one row per
article and watch), ``events``, ``deliveries`` (the outbox),
``delivery_attempts``, ``notifier_state``, ``silences``, ``detector_state``
and ``calibrations``.
"""

from __future__ import annotations

import sqlite_utils

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


@migrations()
def m011_detector_state(db: sqlite_utils.Database) -> None:
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
    "m001_initial",
    "m002_scores_at_index",
    "m003_feed_warning",
    "m011_detector_state",
    "migrations",
]
