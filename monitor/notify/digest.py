"""Daily digest: one message a day per notifier that asks for it (``digest: true``).

Such a notifier gets no per-event webhooks; instead, once a day after
``digest_hour`` (UTC), it gets one ``rhetoric.digest`` message that lists the
last 24 hours per watch (articles, mean tone, events with their summaries) and
the failing feeds of those watches; a notifier that no watch reports to gets no
digest. The digest's id is the notifier and the day, so it is stored and sent
once even if the check runs many times or the daemon restarts.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from monitor.config import Config
from monitor.notify.formats import render_for
from monitor.notify.payload import webhook_body
from monitor.store import StoreAPI, iso

DIGEST = "rhetoric.digest"


def digest_data(store: StoreAPI, config: Config, notifier: str, *, now: datetime) -> dict[str, Any]:
    """The ``data`` of one notifier's digest for the 24 hours before ``now``."""
    since = now - timedelta(days=1)
    watches = [w.name for w in config.watches if notifier in config.notifiers_of(w)]
    per_watch: list[dict[str, Any]] = []
    for name in watches:
        rows = store.history(watch=name, since=since, limit=100_000)
        events = [
            e
            for e in store.events(watch=name, since=since)
            if str(e["type"]).startswith("rhetoric.shift")
        ]
        tones = [float(r["tone"]) for r in rows]
        per_watch.append(
            {
                "watch": name,
                "articles": len(rows),
                "mean_tone": round(sum(tones) / len(tones), 4) if tones else None,
                "events": [
                    {
                        "type": e["type"],
                        "at": e["at"],
                        "direction": e["direction"],
                        "summary": e["payload"].get("summary", ""),
                    }
                    for e in events
                ],
            }
        )
    # Only the feeds of this notifier's watches: another team's broken feed is not news here.
    feeds = {url for w in config.watches if w.name in watches for url in w.feeds}
    failing = [
        {"url": f.url, "error_count": f.error_count, "last_error": f.last_error}
        for f in store.feed_states()
        if f.error_count and f.url in feeds
    ]
    lines = [
        f"{w['watch']}: {w['articles']} articles"
        + (f", mean tone {w['mean_tone']:+.2f}" if w["mean_tone"] is not None else "")
        + (f", {len(w['events'])} shift event(s)" if w["events"] else ", no shifts")
        for w in per_watch
    ]
    return {
        "period": {"start": iso(since), "end": iso(now)},
        "watches": per_watch,
        "failing_feeds": failing,
        "summary": "Daily digest. "
        + "; ".join(lines)
        + (f"; {len(failing)} failing feed(s)" if failing else ""),
    }


def send_digests(store: StoreAPI, config: Config, *, now: datetime) -> list[str]:
    """Enqueue today's digest for each digest notifier past its hour; returns their ids."""
    queued = []
    for name, notifier in config.notifiers.items():
        if not notifier.digest or now.hour < notifier.digest_hour:
            continue
        if not any(name in config.notifiers_of(w) for w in config.watches):
            continue  # no watch reports to it: there is nothing to digest
        event_id = f"digest_{name}_{now.date().isoformat()}"
        data = digest_data(store, config, name, now=now)
        generic = json.loads(webhook_body(DIGEST, now, data))
        body = render_for(notifier, generic)
        if store.add_event(
            event_id,
            type=DIGEST,
            watch="",
            direction=None,
            at=now,
            payload=data,
            bodies={name: body},
            now=now,
        ):
            queued.append(event_id)
    return queued
