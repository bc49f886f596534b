"""Fetch stage: conditional GETs of feeds and pages, guarded against SSRF, with backoff.

``Fetcher`` (in ``client``) fetches one URL; ``record_success`` and
``record_failure`` (in ``state``) turn an outcome into the feed's next state;
``netguard`` refuses private addresses and redacts secrets from URLs (``SecretMask``
puts a feed's ``${ENV}`` placeholders back); ``inflate`` decompresses bodies in
bounded pieces.
"""

from __future__ import annotations

from monitor.fetch.client import DEFAULT_USER_AGENT, Fetcher, parse_retry_after
from monitor.fetch.netguard import AllowList, SecretMask, is_unsafe_ip, redact_url
from monitor.fetch.state import MAX_BACKOFF_S, MAX_RETRY_AFTER_S, record_failure, record_success

__all__ = [
    "DEFAULT_USER_AGENT",
    "MAX_BACKOFF_S",
    "MAX_RETRY_AFTER_S",
    "AllowList",
    "Fetcher",
    "SecretMask",
    "is_unsafe_ip",
    "parse_retry_after",
    "record_failure",
    "record_success",
    "redact_url",
]
