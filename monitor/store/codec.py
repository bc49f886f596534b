"""Turning records into text and back: timestamps, shift events, database URLs for display."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from monitor.models import Driver, FeedState, ShiftEvent, WindowStats

#: A stored score keeps its first this many pieces of evidence (phrase, weight, cue).
STORED_EVIDENCE = 10


def iso(dt: datetime | None) -> str | None:
    """``dt`` as ISO-8601 UTC, to the microsecond, or None.

    Exact, so a retry stored as due at 12:00:05.7 is not due at 12:00:05.0 (second
    precision truncated it, and retries went out early). The fraction is left out
    when it is zero, so one instant always has one spelling, and the text stays
    lexically sortable: ``12:00:05+00:00`` < ``12:00:05.5+00:00`` < ``12:00:06+00:00``
    (``+`` sorts before ``.``), rows written at second precision included.
    """
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat()


def parse_iso(text: str) -> datetime:
    """Parse an ISO-8601 timestamp; naive values are taken as UTC."""
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


def event_to_dict(event: ShiftEvent) -> dict[str, Any]:
    """Every field of ``event`` as JSON-ready values."""
    out: dict[str, Any] = jsonable(event)
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


def feed_row(state: FeedState) -> dict[str, Any]:
    """``state`` as a row of the ``feeds`` table."""
    return {
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
        "failing_since": iso(state.failing_since),
    }


def feed_from_row(r: dict[str, Any]) -> FeedState:
    """Inverse of ``feed_row``."""

    def when(name: str) -> datetime | None:
        value = r.get(name)
        return parse_iso(value) if value else None

    return FeedState(
        url=r["url"],
        etag=r["etag"],
        last_modified=r["last_modified"],
        error_count=r["error_count"] or 0,
        last_error=r["last_error"],
        last_success_at=when("last_success_at"),
        last_attempt_at=when("last_attempt_at"),
        next_attempt_at=when("next_attempt_at"),
        disabled=bool(r["disabled"]),
        failing_notified=bool(r["failing_notified"]),
        last_warning=r.get("last_warning"),
        failing_since=when("failing_since"),
    )


def redact_dsn(dsn: str) -> str:
    """``dsn`` without its password: safe to log and to put in an error message."""
    parts = urlsplit(dsn)
    if parts.password is None:
        return dsn
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


def event_label(row: dict[str, Any]) -> str | None:
    """An event's readable name, the text of SQLite's generated ``events.label``
    (``schema.EVENT_LABEL_SQL``), from a row whose ``payload`` is decoded.

    PostgreSQL computes it on read with this function rather than storing it.
    """
    decoded = row.get("payload")
    payload: dict[str, Any] = decoded if isinstance(decoded, dict) else {}
    day = str(row.get("at") or "")[:10]
    kind, watch, direction = row.get("type"), row.get("watch"), row.get("direction") or "?"
    if kind == "rhetoric.shift.detected":

        def mean(window: str) -> float:
            value = (payload.get(window) or {}).get("mean")
            return float(value) if isinstance(value, int | float) else 0.0

        if watch is None:
            return None
        return (
            f"{watch}: shift toward {direction} "
            f"({mean('baseline'):+.2f} → {mean('recent'):+.2f}), {day}"
        )
    if kind == "rhetoric.shift.resolved":
        return (
            None if watch is None else f"{watch}: settled after the shift toward {direction}, {day}"
        )
    if kind == "rhetoric.digest":
        return f"daily digest, {day}"
    what = payload.get("url") if payload.get("url") is not None else watch
    return None if kind is None or what is None else f"{kind} {what}, {day}"
