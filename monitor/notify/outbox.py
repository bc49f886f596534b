"""Delivering the outbox: signed webhooks, retried on the Standard Webhooks schedule.

Guarantees (see README, "Delivery semantics"):

* at least once per event and notifier, under one stable ``webhook-id`` (the
  event id), so receivers deduplicate on it; each attempt is re-signed with a
  fresh ``webhook-timestamp``;
* only a 2xx answer is success; redirects are not followed; 410 Gone disables
  the notifier (visible in ``deliveries`` and ``notifier_state``); 429 and 503
  honour ``Retry-After``;
* after the last scheduled retry the delivery is marked ``failed`` (visible,
  and re-sendable with ``rhetoric-monitor deliveries --resend ID``).

The outbox lives in the database, so a crash between "event stored" and
"webhook sent" only delays the send.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import partial
from urllib.parse import urlsplit

import httpx

from monitor.config import NotifierConfig
from monitor.notify.attempt import Attempt
from monitor.notify.sign import sign
from monitor.store import StoreAPI

log = logging.getLogger(__name__)

# Standard Webhooks' suggested schedule: the first attempt is immediate, then
# these waits after each failure (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h).
RETRY_SCHEDULE_S: tuple[float, ...] = (5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
MAX_RETRY_AFTER_S = 86400.0


def origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url``: safe to log and store.

    The path and query of a webhook URL are often its credential (Slack and
    Discord URLs carry their token there, and it may come from ``${ENV}``).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"{parts.scheme}://"  # an Apprise URL: its host may be a token
    return f"{parts.scheme}://{parts.hostname or ''}" + (f":{parts.port}" if parts.port else "")


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds in a ``Retry-After`` header (delta-seconds or HTTP-date, RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min((when - now).total_seconds(), MAX_RETRY_AFTER_S))


def post(
    client: httpx.Client,
    notifier: NotifierConfig,
    *,
    msg_id: str,
    body: str,
    now: datetime,
) -> Attempt:
    """POST ``body`` once to ``notifier``, signed for this attempt."""
    # The signed timestamp is the real time of this attempt (receivers reject
    # stale ones), even when the daemon runs on a simulated clock.
    timestamp = int(time.time())
    headers = {
        "content-type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "user-agent": "rhetoric-monitor/0.1",
    }
    if notifier.secret is not None:  # slack and discord webhooks need no signature
        headers["webhook-signature"] = sign(
            notifier.secret.get_secret_value(), msg_id, timestamp, body
        )
    started = time.monotonic()
    try:
        resp = client.post(
            notifier.url,
            content=body.encode(),
            headers=headers,
            timeout=notifier.timeout_s,
            follow_redirects=False,
        )
    except httpx.HTTPError as exc:
        failure = f"{type(exc).__name__}: {exc}".replace(notifier.url, origin(notifier.url))
        return Attempt(None, failure, None, time.monotonic() - started)
    elapsed = time.monotonic() - started
    error = None if 200 <= resp.status_code < 300 else f"HTTP {resp.status_code}"
    ra = (
        retry_after(resp.headers.get("retry-after"), now)
        if resp.status_code in (429, 503)
        else None
    )
    return Attempt(resp.status_code, error, ra, elapsed)


def send(
    client: httpx.Client,
    notifier: NotifierConfig,
    *,
    msg_id: str,
    body: str,
    now: datetime,
) -> Attempt:
    """Deliver ``body`` once: a signed POST, or through Apprise for ``kind: apprise``."""
    if notifier.kind == "apprise":
        from monitor.notify.chat import send_apprise  # imports Apprise only when used

        return send_apprise(notifier, body=body)
    return post(client, notifier, msg_id=msg_id, body=body, now=now)


class Outbox:
    """Sends due deliveries from the store; safe to run from one thread at a time."""

    def __init__(
        self,
        store: StoreAPI,
        notifiers: Mapping[str, NotifierConfig],
        *,
        client: httpx.Client | None = None,
        clock: Callable[[], datetime],
        schedule: Sequence[float] = RETRY_SCHEDULE_S,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.notifiers = dict(notifiers)
        self.client = client or httpx.Client()
        self.clock = clock
        self.schedule = tuple(schedule)
        self.rng = rng or random.Random()
        # Attempts made but not yet written (the database refused the write). They are
        # written before anything else is sent, so an outage of the database does not
        # turn into one more POST of the same delivery every tick.
        self._unrecorded: dict[str, Callable[[], None]] = {}

    def next_delay(self, attempts: int, retry_after_s: float | None) -> float | None:
        """Wait before the next try after ``attempts`` failed tries, or None when exhausted."""
        if attempts > len(self.schedule):
            return None
        base = self.schedule[attempts - 1]
        # Up to 10 % later, so a receiver that comes back is not hit by every sender at
        # once; never earlier than the schedule's step.
        delay = base * self.rng.uniform(1.0, 1.1)
        if retry_after_s is not None:
            delay = max(delay, retry_after_s)
        return delay

    def deliver_due(self, *, limit: int = 50) -> int:
        """Attempt every due delivery once; returns how many were delivered."""
        for delivery_id, write in list(self._unrecorded.items()):
            write()  # a StoreError here means storage is still down: send nothing
            del self._unrecorded[delivery_id]
        now = self.clock()
        delivered = 0
        for row in self.store.due_deliveries(now, limit=limit):
            name = row["notifier"]
            notifier = self.notifiers.get(name)
            if notifier is None:
                # Notifier removed from the config: keep the row, it goes out if it returns.
                continue
            reason = self.store.notifier_disabled(name)
            if reason:
                # Not left "pending, attempts 0" with no word of why: it says disabled,
                # and 'deliveries --enable' queues it again.
                self.store.park_delivery(row["id"], name, reason)
                continue
            attempt = send(self.client, notifier, msg_id=row["event_id"], body=row["body"], now=now)
            done = self.clock()
            attempts = (row["attempts"] or 0) + 1
            if attempt.error is None:
                outcome, next_at = "delivered", None
                delivered += 1
                log.info(
                    "notify.delivered delivery=%s status=%s attempt=%d",
                    row["id"],
                    attempt.status_code,
                    attempts,
                )
            elif attempt.status_code == 410:
                outcome, next_at = "disabled", None
                reason = f"410 Gone from {origin(notifier.url)} at {done.isoformat()}"
                self.store.set_notifier_disabled(name, reason, now=done)
                log.error(
                    "notify.endpoint_gone notifier=%s host=%s: disabled; fix the URL and run "
                    "'rhetoric-monitor deliveries --enable %s'",
                    name,
                    origin(notifier.url),
                    name,
                )
            else:
                delay = self.next_delay(attempts, attempt.retry_after_s)
                if delay is None:
                    outcome, next_at = "failed", None
                    log.error(
                        "notify.failed delivery=%s after %d attempts: %s (re-send with "
                        "'rhetoric-monitor deliveries --resend %s')",
                        row["id"],
                        attempts,
                        attempt.error,
                        row["id"],
                    )
                else:
                    outcome, next_at = "pending", done + timedelta(seconds=delay)
                    log.warning(
                        "notify.retry_scheduled delivery=%s attempt=%d error=%s retry_in=%.0fs",
                        row["id"],
                        attempts,
                        attempt.error,
                        delay,
                    )
            write = partial(
                self.store.record_attempt,
                row["id"],
                at=done,
                status_code=attempt.status_code,
                error=attempt.error,
                duration_s=attempt.duration_s,
                outcome=outcome,
                next_attempt_at=next_at,
            )
            self._unrecorded[row["id"]] = write
            write()
            del self._unrecorded[row["id"]]
        return delivered

    def close(self) -> None:
        """Close the HTTP client."""
        self.client.close()
