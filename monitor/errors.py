"""One exception tree for the whole project.

::

    MonitorError
    ├── ConfigError        invalid watch configuration (file:line: key: message)
    ├── FetchError         network or HTTP failure fetching a feed or page
    │   └── UnsafeURLError URL refused by the SSRF guard
    ├── ParseError         bytes that hold no feed entries at all
    ├── ExtractError       article page that yields no text
    ├── StoreError         database failure (locked, read-only, corrupt)
    └── NotifyError        webhook delivery failure

Library code raises these; only ``monitor.cli.main`` and the scheduler's job
wrapper catch them. Foreign exceptions are translated at the boundary with
``raise ... from exc``.
"""

from __future__ import annotations


class MonitorError(Exception):
    """Base of every error this project raises on purpose."""


class ConfigError(MonitorError):
    """The configuration is invalid; ``problems`` lists every message."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class FetchError(MonitorError):
    """A feed or page could not be fetched.

    ``retry_after_s`` carries a server's ``Retry-After`` hint when it gave one;
    ``permanent`` is set for 410 Gone, the only answer that disables a feed.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after_s: float | None = None,
        permanent: bool = False,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after_s = retry_after_s
        self.permanent = permanent


class UnsafeURLError(FetchError):
    """A URL from a feed points at a loopback, private or metadata address."""


class ParseError(MonitorError):
    """The bytes are not a feed with entries."""


class ExtractError(MonitorError):
    """No article text could be extracted."""


class StoreError(MonitorError):
    """The database refused a read or write."""


class NotifyError(MonitorError):
    """A webhook could not be delivered."""
