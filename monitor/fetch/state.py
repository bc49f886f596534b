"""Feed-state bookkeeping: a fetch outcome → the feed's next ``FeedState``.

``record_success`` keeps the validators (ETag, Last-Modified) and resets the
error count; ``record_failure`` counts the failure and schedules the next try
with exponential, jittered backoff, honouring ``Retry-After`` and disabling the
feed only on a permanent error (410). No I/O but logging: the caller stores the
state. ``monitor.fetch.client`` re-exports these names.
"""

from __future__ import annotations

import logging
import random
from dataclasses import replace
from datetime import datetime, timedelta

from monitor.errors import FetchError
from monitor.fetch.netguard import redact_url
from monitor.models import FeedState, FetchResult

__all__ = ["MAX_BACKOFF_S", "MAX_RETRY_AFTER_S", "record_failure", "record_success"]

# Named for the fetch stage, not this module: these lines have always been logged
# as ``monitor.fetch.client`` and the log format prints the logger name.
log = logging.getLogger("monitor.fetch.client")

MAX_BACKOFF_S = 6 * 3600.0
# A hostile Retry-After ("come back next year") must not become a silent stop.
MAX_RETRY_AFTER_S = 24 * 3600.0


def record_success(
    state: FeedState, result: FetchResult, *, now: datetime, interval_s: float
) -> FeedState:
    """The feed's state after a 2xx or 304: validators kept, error count reset."""
    if result.not_modified:
        # RFC 9110 §15.4.5: a 304 may repeat or update the validators; keep ours otherwise.
        etag = result.etag or state.etag
        last_modified = result.last_modified or state.last_modified
    else:
        etag, last_modified = result.etag, result.last_modified
    if state.error_count:
        log.info(
            "fetch.recovered url=%s after=%d", redact_url(state.url), state.error_count,
            extra={"event": "fetch.recovered"},
        )  # fmt: skip
    return replace(
        state,
        etag=etag,
        last_modified=last_modified,
        error_count=0,
        last_error=None,
        failing_since=None,
        last_success_at=now,
        last_attempt_at=now,
        next_attempt_at=now + timedelta(seconds=interval_s),
    )


def record_failure(
    state: FeedState,
    error: FetchError,
    *,
    now: datetime,
    interval_s: float,
    rng: random.Random | None = None,
    max_backoff_s: float = MAX_BACKOFF_S,
) -> FeedState:
    """The feed's state after a failure: exponential, jittered backoff; 410 disables.

    Delay = interval × 2^(failures−1), capped at ``max_backoff_s`` (or the interval
    when that is longer), then scaled by a random factor in [0.8, 1.0] so feeds that
    failed together do not retry together. A ``Retry-After`` hint (RFC 9110 §10.2.3)
    is honoured as a floor, itself capped at 24 h. Only ``error.permanent`` stops
    polling; everything else keeps retrying.
    """
    rng = rng or random.Random()
    count = state.error_count + 1
    cap = max(max_backoff_s, interval_s)
    delay = min(cap, interval_s * 2.0 ** min(count - 1, 30)) * rng.uniform(0.8, 1.0)
    if error.retry_after_s is not None:
        delay = max(delay, min(error.retry_after_s, MAX_RETRY_AFTER_S))
    disabled = state.disabled or error.permanent
    # Logging each failure is the caller's job (it knows the poll's context);
    # disabling is the one transition that must always leave a trace here.
    if disabled and not state.disabled:
        log.error(
            "fetch.disabled url=%s error=%s (remove it from the config or re-enable it)",
            redact_url(state.url), error,
            extra={"event": "fetch.disabled"},
        )  # fmt: skip
    return replace(
        state,
        error_count=count,
        last_error=f"{error} (failure {count} in a row)",
        # The run's first failure; kept through the run (and so through a repeat).
        failing_since=state.failing_since or now,
        last_attempt_at=now,
        next_attempt_at=None if disabled else now + timedelta(seconds=delay),
        disabled=disabled,
    )
