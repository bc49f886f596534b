"""Notify stage: turn events into outbox rows (one per notifier), then deliver them.

``enqueue`` writes the event and its outbox rows in one transaction, with the
exact body each notifier will receive (``payload``, ``formats``); ``Outbox``
sends them, signed (``sign``); ``send_digests`` writes the daily digests.
"""

from __future__ import annotations

from monitor.notify.digest import send_digests
from monitor.notify.enqueue import enqueue, enqueue_shift, enqueue_source, source_event_id
from monitor.notify.formats import FORMATS, message_of, render_for
from monitor.notify.outbox import RETRY_SCHEDULE_S, Outbox, origin, retry_after, send
from monitor.notify.payload import (
    MAX_BODY_BYTES,
    sample_body,
    shift_data,
    summary,
    webhook_body,
)
from monitor.notify.sign import sign, verify

__all__ = [
    "FORMATS",
    "MAX_BODY_BYTES",
    "RETRY_SCHEDULE_S",
    "Outbox",
    "enqueue",
    "enqueue_shift",
    "enqueue_source",
    "message_of",
    "origin",
    "render_for",
    "retry_after",
    "sample_body",
    "send",
    "send_digests",
    "shift_data",
    "sign",
    "source_event_id",
    "summary",
    "verify",
    "webhook_body",
]
