"""Turning records into text and back: timestamps, shift events, database URLs for display."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from monitor.models import Driver, ShiftEvent, WindowStats


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


def redact_dsn(dsn: str) -> str:
    """``dsn`` without its password: safe to log and to put in an error message."""
    parts = urlsplit(dsn)
    if parts.password is None:
        return dsn
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))
