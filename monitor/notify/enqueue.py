"""Events into outbox rows: one per notifier, written with the event in one transaction.

``enqueue`` writes the event and its outbox rows in one transaction, with the
exact body each notifier will receive; ``Outbox`` (in ``outbox``) sends them.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from monitor.config import Config
from monitor.models import FeedState, ShiftEvent
from monitor.notify.formats import render_for
from monitor.notify.payload import shift_data, webhook_body
from monitor.store import StoreAPI, event_to_dict

log = logging.getLogger(__name__)

__all__ = ["enqueue", "enqueue_shift", "enqueue_source", "source_event_id"]


def enqueue(
    store: StoreAPI,
    config: Config,
    *,
    event_id: str,
    event_type: str,
    watch: str,
    direction: str | None,
    at: datetime,
    data: dict[str, Any],
    payload: dict[str, Any],
    notifiers: Sequence[str],
    now: datetime,
    silenced: bool = False,
    feed_state: FeedState | None = None,
) -> bool:
    """Store one event and its outbox rows; False when it was already stored.

    ``feed_state`` is saved in the same transaction (see ``Store.add_event``).
    """
    # Digest notifiers get one message a day (notify.digest) instead of one per event.
    wanted = [
        n
        for n in notifiers
        if n in config.notifiers
        and event_type in config.notifiers[n].events
        and not config.notifiers[n].digest
    ]
    generic = json.loads(webhook_body(event_type, at, data))
    bodies = (
        {} if silenced else {name: render_for(config.notifiers[name], generic) for name in wanted}
    )
    return store.add_event(
        event_id,
        type=event_type,
        watch=watch,
        direction=direction,
        at=at,
        payload=payload,
        bodies=bodies,
        now=now,
        silenced=silenced,
        feed_state=feed_state,
    )


def enqueue_shift(store: StoreAPI, config: Config, event: ShiftEvent, *, now: datetime) -> bool:
    """Store a shift event (silenced watches keep it, but nothing is sent)."""
    watch = (
        config.watch(event.watch) if any(w.name == event.watch for w in config.watches) else None
    )
    notifiers = config.notifiers_of(watch) if watch is not None else ()
    silenced = store.silenced(event.watch, now)
    stored = enqueue(
        store,
        config,
        event_id=event.event_id,
        event_type=event.type,
        watch=event.watch,
        direction=event.direction,
        at=event.at,
        data=shift_data(event),
        payload=event_to_dict(event),
        notifiers=notifiers,
        now=now,
        silenced=silenced,
    )
    if stored:
        log.info(
            "shift.%s watch=%s direction=%s delta=%+.2f silenced=%s",
            event.type.rsplit(".", 1)[-1],
            event.watch,
            event.direction,
            event.delta,
            silenced,
        )
    return stored


def source_event_id(kind: str, url: str, since: datetime) -> str:
    """Stable id of a source-health event (same feed, kind and onset → same id).

    ``since`` is the start of the feed's run of failures (``FeedState.failing_since``),
    stored with the feed, never the time of the poll: a repeat gives the same id.
    """
    digest = hashlib.sha256(f"{kind}|{url}|{since.isoformat()}".encode()).hexdigest()[:24]
    return f"evt_{digest}"


def enqueue_source(
    store: StoreAPI,
    config: Config,
    *,
    kind: str,
    url: str,
    watches: Sequence[str],
    since: datetime,
    data: dict[str, Any],
    now: datetime,
    feed_state: FeedState | None = None,
) -> bool:
    """Store a ``source.failing`` / ``source.recovered`` event for the feed's watches,
    with ``feed_state`` (the state that raised it) in the same transaction."""
    notifiers: list[str] = []
    for name in watches:
        if any(w.name == name for w in config.watches):
            for n in config.notifiers_of(config.watch(name)):
                if n not in notifiers:
                    notifiers.append(n)
    full = {"url": url, "watches": list(watches), **data}
    return enqueue(
        store,
        config,
        event_id=source_event_id(kind, url, since),
        event_type=kind,
        watch=",".join(watches),
        direction=None,
        at=now,
        data=full,
        payload=full,
        notifiers=notifiers,
        now=now,
        feed_state=feed_state,
    )
