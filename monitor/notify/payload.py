"""What a webhook carries: the ``data`` of a shift event, its one-line summary, the body."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from monitor.models import ShiftEvent
from monitor.store import event_to_dict, iso

MAX_BODY_BYTES = 20_000


def shift_data(event: ShiftEvent) -> dict[str, Any]:
    """The ``data`` object of a shift webhook: what moved, how much, and why."""
    d = event_to_dict(event)
    data: dict[str, Any] = {
        "event_id": event.event_id,
        "watch": event.watch,
        "direction": event.direction,
        "at": d["at"],
        "baseline": d["baseline"],
        "recent": d["recent"],
        "delta": d["delta"],
        "effect_size": d["effect_size"],
        "summary": summary(event),
        "drivers": [
            {**dr, "phrases": dr["phrases"][:5], "title": dr["title"][:300]}
            for dr in d["drivers"][:5]
        ],
    }
    for key, value in event.extra:
        data.setdefault(key, value)
    return data


def summary(event: ShiftEvent) -> str:
    """One sentence a person can read in a notification."""
    b, r = event.baseline, event.recent
    if event.type == "rhetoric.shift.resolved":
        extra = dict(event.extra)
        reason = extra.get("reason")
        # Why per reason: "settled" means the shift held and is now the norm, the
        # opposite of a return; one sentence for all of them told readers it went back.
        if reason == "settled":
            what = f"the shift toward {event.direction} has held and is now the baseline"
        elif reason == "reversed":
            what = f"rhetoric turned the other way after the shift toward {event.direction}"
        elif reason == "superseded":
            what = (
                f"a further shift toward {event.direction} "
                f"({extra.get('superseded_by', 'a new alert')}) replaces this alert"
            )
        else:
            what = f"rhetoric has returned to its level before the shift toward {event.direction}"
        return (
            f"{event.watch}: {what} "
            f"(recent mean {r.mean:+.2f} over {r.count} articles vs baseline {b.mean:+.2f})."
        )
    return (
        f"{event.watch}: rhetoric moved toward {event.direction}: mean tone {b.mean:+.2f} "
        f"({b.count} articles) → {r.mean:+.2f} ({r.count} articles from {r.sources} sources), "
        f"delta {event.delta:+.2f}, effect size {event.effect_size:.2f}."
    )


def webhook_body(event_type: str, timestamp: datetime, data: dict[str, Any]) -> str:
    """The generic JSON webhook body, trimmed to stay under ``MAX_BODY_BYTES``."""
    body = {"type": event_type, "timestamp": iso(timestamp), "data": data}
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    drivers = data.get("drivers")
    # Trim the least important explanation first (driver phrases, then drivers).
    while len(text.encode()) > MAX_BODY_BYTES and isinstance(drivers, list) and drivers:
        if any(dr.get("phrases") for dr in drivers):
            for dr in drivers:
                dr["phrases"] = dr.get("phrases", [])[:1]
                dr["title"] = dr.get("title", "")[:120]
            if len(json.dumps(body, ensure_ascii=False).encode()) > MAX_BODY_BYTES:
                drivers.pop()
        else:
            drivers.pop()
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return text


def sample_body(watch: str, *, now: datetime) -> dict[str, Any]:
    """A made-up ``rhetoric.shift.detected`` body for ``test-notifier`` (clearly marked)."""
    start = iso(now.replace(microsecond=0) - timedelta(days=4))
    drivers = [
        {
            "title": title,
            "url": f"https://example.org/rhetoric-monitor/sample/{i}",
            "source": source,
            "published": iso(now),
            "tone": tone,
            "phrases": phrases,
        }
        for i, (title, source, tone, phrases) in enumerate(
            [
                ("Tariffs raised on steel imports", "Example Wire", -0.71, ["tariffs"]),
                ("Talks postponed after naval drills", "Sample Times", -0.55, ["drills"]),
                ("Ministers trade accusations", "Test Herald", -0.48, ["accusations"]),
            ],
            1,
        )
    ]
    data = {
        "event_id": "evt_sample",
        "watch": watch,
        "direction": "confrontation",
        "at": iso(now),
        "onset": start,
        "baseline": {"mean": 0.42, "count": 31, "sources": 4, "start": start, "end": start},
        "recent": {"mean": -0.31, "count": 9, "sources": 3, "start": start, "end": iso(now)},
        "delta": -0.73,
        "effect_size": -1.6,
        "summary": f"{watch}: SAMPLE from rhetoric-monitor test-notifier (not a real alert).",
        "drivers": drivers,
        "sample": True,
    }
    body: dict[str, Any] = json.loads(webhook_body("rhetoric.shift.detected", now, data))
    return body
