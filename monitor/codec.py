"""Turning records into JSON and back: timestamps, shift events, webhook bodies."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from typing import Any

from monitor.models import Driver, ShiftEvent, WindowStats

MAX_BODY_BYTES = 20_000


def iso(dt: datetime | None) -> str | None:
    """``dt`` as ISO-8601 UTC with second precision (lexically sortable), or None."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    """Parse an ISO-8601 timestamp; naive values are taken as UTC."""
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


def event_to_dict(event: ShiftEvent) -> dict[str, Any]:
    """Every field of ``event`` as JSON-ready values."""
    out: dict[str, Any] = _jsonable(event)
    return out


def _window(d: dict[str, Any]) -> WindowStats:
    names = {f.name for f in dataclasses.fields(WindowStats)}
    kwargs = {k: v for k, v in d.items() if k in names}
    kwargs["start"], kwargs["end"] = parse_iso(d["start"]), parse_iso(d["end"])
    return WindowStats(**kwargs)


def _driver(d: dict[str, Any]) -> Driver:
    names = {f.name for f in dataclasses.fields(Driver)}
    kwargs = {k: v for k, v in d.items() if k in names}
    kwargs["published"] = parse_iso(d["published"])
    kwargs["phrases"] = tuple(d.get("phrases") or ())
    return Driver(**kwargs)


def event_from_dict(d: dict[str, Any]) -> ShiftEvent:
    """Inverse of ``event_to_dict`` (unknown keys ignored, so old rows stay readable)."""
    names = {f.name for f in dataclasses.fields(ShiftEvent)}
    kwargs: dict[str, Any] = {k: v for k, v in d.items() if k in names}
    kwargs["at"] = parse_iso(d["at"])
    kwargs["baseline"] = _window(d["baseline"])
    kwargs["recent"] = _window(d["recent"])
    kwargs["drivers"] = tuple(_driver(x) for x in d.get("drivers") or ())
    kwargs["extra"] = tuple(tuple(x) for x in d.get("extra") or ())
    return ShiftEvent(**kwargs)


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
        return (
            f"{event.watch}: rhetoric has settled back after the shift toward {event.direction} "
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
