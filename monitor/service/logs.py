"""Log output: readable text with the time zone by default, JSON lines on request.

Every message of ours starts with a stable, dotted event name (``poll.done``,
``fetch.failed``, ``notify.delivered``) followed by ``key=value`` pairs. The text
format prints it as is, after an ISO-8601 local time with its UTC offset. The JSON
format writes one object per line: ``time``, ``level``, ``logger``, ``event``,
``message`` and each ``key=value`` of the message as a field of its own, typed as
the code passed it (a count stays a number).

Both formats go through one scrubber: every value the config took from the
environment (webhook secrets, feed keys) and anything shaped like a Standard
Webhooks secret is replaced before a line is written, whatever logged it.

Third-party loggers are set apart in ``quiet_third_party``: they log at WARNING
and above unless asked for (``-vv``), and the HTTP stack (httpx, httpcore, h11,
hpack), whose debug lines print URLs and headers, never goes below WARNING.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO

__all__ = ["LOG_FORMATS", "JsonFormatter", "TextFormatter", "configure_logging", "set_secrets"]

LOG_FORMATS = ("text", "json")
OURS = "monitor"
#: Loggers whose debug output prints request URLs and headers: WARNING at the lowest.
NEVER_VERBOSE = ("httpx", "httpcore", "h11", "h2", "hpack", "urllib3")
_EVENT = re.compile(r"^([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)")
# One printf conversion, as logging's %-formatting reads it.
_CONVERSION = re.compile(
    r"%(?:\([^)]*\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])"
)
_KEY_BEFORE = re.compile(r"(\w+)=$")
_WHSEC = re.compile(r"whsec_[A-Za-z0-9+/=_-]{6,}")
_BASE_KEYS = frozenset({"time", "level", "logger", "event", "message", "exception"})

_secrets: tuple[str, ...] = ()
_secrets_lock = threading.Lock()


def set_secrets(values: Iterable[str]) -> None:
    """Values that must never reach a log line (replaced by ``***``); longest first."""
    global _secrets
    cleaned = sorted({v for v in values if len(v) >= 3}, key=len, reverse=True)
    with _secrets_lock:
        _secrets = tuple(cleaned)


def scrub(text: str) -> str:
    """``text`` with every registered secret and any ``whsec_...`` value masked."""
    for value in _secrets:
        if value in text:
            text = text.replace(value, "***")
    return _WHSEC.sub("whsec_***", text) if "whsec_" in text else text


def _local_time(created: float) -> str:
    return datetime.fromtimestamp(created).astimezone().isoformat(timespec="milliseconds")


def event_of(record: logging.LogRecord, message: str) -> str:
    """The record's stable event name: ``extra={"event": ...}``, else the message's
    leading dotted word, else ``<logger>.log`` for a third-party line."""
    explicit = getattr(record, "event", None)
    if isinstance(explicit, str) and explicit:
        return explicit
    m = _EVENT.match(message)
    return m.group(1) if m else f"{record.name}.log"


def fields_of(record: logging.LogRecord) -> dict[str, Any]:
    """``key=%s`` pairs of the record's format string matched with its arguments."""
    if not isinstance(record.msg, str) or not isinstance(record.args, tuple) or not record.args:
        return {}
    out: dict[str, Any] = {}
    args = iter(record.args)
    for m in _CONVERSION.finditer(record.msg):
        if m.group(1) == "%":
            continue
        try:
            value = next(args)
        except StopIteration:
            break
        key = _KEY_BEFORE.search(record.msg, 0, m.start())
        if key is None or key.end() != m.start() or key.group(1) in _BASE_KEYS:
            continue
        out[key.group(1)] = value if isinstance(value, bool | int | float) else str(value)
    return out


class TextFormatter(logging.Formatter):
    """``2026-05-01T14:00:00.123+02:00 WARNING monitor.pipeline fetch.failed url=...``."""

    def format(self, record: logging.LogRecord) -> str:
        line = f"{_local_time(record.created)} {record.levelname} {record.name} "
        line += record.getMessage()
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return scrub(line)


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the event name and the message's fields."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        obj: dict[str, Any] = {
            "time": _local_time(record.created),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": event_of(record, message),
            "message": message,
        }
        obj.update(fields_of(record))
        if record.exc_info:
            obj["exception"] = self.formatException(record.exc_info)
        return json.dumps(
            {k: scrub(v) if isinstance(v, str) else v for k, v in obj.items()},
            ensure_ascii=False,
        )


def quiet_third_party(verbosity: int) -> None:
    """Third-party loggers: WARNING unless ``verbosity`` >= 2; the HTTP stack always WARNING."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbosity >= 2 else logging.WARNING)
    for name in NEVER_VERBOSE:
        logging.getLogger(name).setLevel(logging.WARNING)


def configure_logging(
    *, verbosity: int = 0, fmt: str = "text", stream: TextIO | None = None, quiet: bool = False
) -> None:
    """Send every log line to ``stream`` (stderr) in ``fmt``.

    ``verbosity`` 0: our INFO and above; 1 (``-v``): our DEBUG too; 2 (``-vv``): the
    third-party libraries' debug lines as well. ``quiet``: our errors only.
    """
    if fmt not in LOG_FORMATS:
        raise ValueError(f"log format must be one of {', '.join(LOG_FORMATS)} (got {fmt!r})")
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    ours = logging.ERROR if quiet else logging.DEBUG if verbosity >= 1 else logging.INFO
    logging.getLogger(OURS).setLevel(ours)
    quiet_third_party(0 if quiet else verbosity)
    if quiet:
        root.setLevel(logging.ERROR)
