"""Fetch stage: one HTTP GET of a feed or an article page, bounded in every way.

``Fetcher.fetch_feed`` sends a conditional GET for a feed URL from the config
(trusted as written); ``Fetcher.fetch_page`` fetches an article URL taken from
an untrusted feed, behind an SSRF guard that is applied after DNS resolution
and again after every redirect. Both enforce a wall-clock deadline, a body cap
(on decompressed bytes, counted while inflating, so a gzip bomb is cut), a
redirect cap and a per-host concurrency limit, and translate every foreign
exception into ``FetchError``. Messages name URLs redacted, and a feed's
``${ENV}`` values by their placeholders, on every redirect hop.

``record_success`` and ``record_failure`` turn an outcome into the feed's next
``FeedState`` (validators, error count, exponential backoff, ``Retry-After``); they
live in ``monitor.fetch.state`` and are re-exported here.
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from monitor.errors import FetchError, UnsafeURLError
from monitor.fetch.inflate import inflate_bounded
from monitor.fetch.netguard import (
    AllowList,
    SecretMask,
    Watchdog,
    is_unsafe_ip,
    pin,
    redact_url,
)
from monitor.models import FeedState, FetchResult

__all__ = ["DEFAULT_USER_AGENT", "Fetcher", "parse_retry_after"]

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "rhetoric-monitor/0.1 (+https://github.com/rhetoric-monitor)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_TIMEOUT_PHASE: dict[type[Exception], str] = {
    httpx.ConnectTimeout: "connecting to",
    httpx.ReadTimeout: "reading from",
    httpx.WriteTimeout: "sending to",
    httpx.PoolTimeout: "waiting for a pooled connection to",
}


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delay-seconds or HTTP-date).

    RFC 9110 §10.2.3 allows either form; a date in the past means "now" (0 s).
    Unparseable values are ignored (None) rather than trusted.
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 §5.6.7: HTTP-dates are always GMT
        when = when.replace(tzinfo=UTC)
    delta = (when - (now or datetime.now(UTC))).total_seconds()
    return max(0.0, delta)


class Fetcher:
    """Bounded HTTP client for feeds (conditional GET) and article pages (SSRF-guarded)."""

    def __init__(
        self,
        *,
        timeout_s: float = 20.0,
        max_bytes: int = 5_000_000,
        max_redirects: int = 5,
        per_host: int = 4,
        user_agent: str = DEFAULT_USER_AGENT,
        allow_private: Sequence[str] = (),
        transport: httpx.BaseTransport | None = None,
        connect_timeout_s: float = 10.0,
        trust_env: bool = False,
    ) -> None:
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.per_host = max(1, per_host)
        self._allow = AllowList(allow_private)
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,  # redirects are followed by hand to re-check each hop
            timeout=httpx.Timeout(timeout_s, connect=min(connect_timeout_s, timeout_s)),
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            # No idle connections: feeds are polled minutes apart (longer than any
            # keep-alive), a TLS connection opened for one pinned host name must
            # never serve another name on the same IP, and a fresh socket per
            # request is one the deadline watchdog can cut.
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=0),
            trust_env=trust_env,
        )
        self._sems: dict[str, threading.BoundedSemaphore] = {}
        self._sems_lock = threading.Lock()

    def close(self) -> None:
        """Close pooled connections."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public API ----------------------------------------------------------

    def fetch_feed(
        self, url: str, state: FeedState, *, mask: SecretMask | None = None
    ) -> FetchResult:
        """GET a feed with the validators in ``state``; 304 gives an empty body.

        Raises FetchError for any other non-2xx status, timeouts, connection
        errors, an oversized body and too many redirects. ``mask`` knows the
        ``${ENV}`` values in ``url``: every URL a message or log line names (each
        redirect hop included) shows their placeholders instead.
        """
        headers = {
            "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
            "text/xml;q=0.8, */*;q=0.5"
        }
        # RFC 9110 §13.1.2/§13.1.3: send both validators; the server prefers ETag.
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        result = self._get(url, headers=headers, guard=False, mask=mask)
        if result.not_modified:
            log.debug(
                "fetch.not_modified url=%s",
                mask.url(url) if mask else redact_url(url),
                extra={"event": "fetch.not_modified"},
            )
        return result

    def fetch_page(self, url: str) -> FetchResult:
        """GET an article page whose URL came from a feed (SSRF-guarded, http/https only)."""
        return self._get(url, headers={"Accept": "text/html,*/*;q=0.8"}, guard=True)

    # -- internals -----------------------------------------------------------

    def _semaphore(self, host: str) -> threading.BoundedSemaphore:
        with self._sems_lock:
            sem = self._sems.get(host)
            if sem is None:
                sem = self._sems[host] = threading.BoundedSemaphore(self.per_host)
            return sem

    def _check_url(self, url: str, shown: str, *, guard: bool) -> str | None:
        """Refuse non-http(s) URLs and, when guarded, URLs resolving to unsafe addresses.

        Returns the address to connect to when the URL was resolved here, so the
        request goes to the very address that was checked: a second lookup by the
        HTTP client could be answered differently (DNS rebinding). ``shown`` is the
        URL as messages name it.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise (UnsafeURLError if guard else FetchError)(
                f"fetch: refused {shown!r}: only http and https URLs with a host are fetched"
            )
        if not guard:
            return None
        host = parts.hostname.lower()
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if self._allow.allows_host(host, port):
            return None
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise FetchError(f"fetch: cannot resolve the host of {shown} ({exc})") from exc
        if not infos:
            raise FetchError(f"fetch: the host of {shown} has no addresses")
        for info in infos:
            ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            if is_unsafe_ip(ip) and not self._allow.allows_ip(ip):
                log.warning(
                    "fetch.unsafe_url url=%s ip=%s", shown, ip, extra={"event": "fetch.unsafe_url"}
                )
                raise UnsafeURLError(
                    f"fetch: refused {shown}: its host resolves to non-public address {ip} "
                    "(add it to allow_private in the config if this is intended)"
                )
        return str(infos[0][4][0]).split("%", 1)[0]

    def _get(
        self, url: str, *, headers: dict[str, str], guard: bool, mask: SecretMask | None = None
    ) -> FetchResult:
        try:
            return self._follow(url, headers=headers, guard=guard, mask=mask)
        except FetchError as exc:
            # Belt and braces: whatever text a foreign exception put in the message,
            # no ${ENV} value of the configured URL leaves this method.
            if mask:
                message = mask.text(str(exc))
                if mask.leaks(message):
                    message = f"fetch: {type(exc).__name__} fetching {mask.url(url)}"
                exc.args = (message,)
            raise

    def _follow(
        self, url: str, *, headers: dict[str, str], guard: bool, mask: SecretMask | None
    ) -> FetchResult:
        show = mask.url if mask else redact_url
        start = time.monotonic()
        deadline = start + self.timeout_s
        current = url
        seen: set[str] = set()
        for _hop in range(self.max_redirects + 1):
            # Every message about this hop names it by ``shown``: a redirect keeps a
            # key of the configured URL (same path and query on another host name).
            shown = show(current)
            pinned = self._check_url(current, shown, guard=guard)
            seen.add(current)
            status, resp_headers, body = self._one_request(
                current, shown, headers, deadline, pinned
            )
            if status in _REDIRECTS:
                location = _header(resp_headers, "location")
                if not location:
                    raise FetchError(
                        f"fetch: {status} redirect without Location from {shown}", status=status
                    )
                try:
                    target = urljoin(current, location.strip())
                    _ = urlsplit(target).port  # a bad host or port raises here, not as a crash
                except ValueError as exc:
                    raise FetchError(
                        f"fetch: {status} redirect from {shown} to an unusable Location ({exc})",
                        status=status,
                    ) from exc
                if target in seen:
                    raise FetchError(
                        f"fetch: redirect loop at {shown} -> {show(target)} "
                        "(the server redirects in a circle; check the URL in a browser)"
                    )
                log.debug("fetch.redirect from=%s to=%s", shown, show(target))
                current = target
                continue
            elapsed = time.monotonic() - start
            if status == 304 or 200 <= status < 300:
                return FetchResult(
                    url=url,
                    status=status,
                    body=body if status != 304 else b"",
                    headers=resp_headers,
                    final_url=current,
                    etag=_header(resp_headers, "etag"),
                    last_modified=_header(resp_headers, "last-modified"),
                    elapsed_s=elapsed,
                )
            retry_after = parse_retry_after(_header(resp_headers, "retry-after"))
            hint = f" (retry in {retry_after:.0f} s)" if retry_after is not None else ""
            if status == 410:
                hint = " (gone for good: remove it from the config)"
            # The caller logs the failure with its context; this is for tracing.
            log.debug("fetch.http_error url=%s status=%s", shown, status)
            raise FetchError(
                f"fetch: {status} from {shown}{hint}",
                status=status,
                retry_after_s=retry_after,
                permanent=status == 410,
            )
        raise FetchError(
            f"fetch: more than {self.max_redirects} redirects from {show(url)} "
            "(point the config at the final URL)"
        )

    def _one_request(
        self, url: str, shown: str, headers: dict[str, str], deadline: float, pinned: str | None
    ) -> tuple[int, tuple[tuple[str, str], ...], bytes]:
        """One hop: status, headers and the (capped, deadline-bounded) body."""
        parts = urlsplit(url)
        # The host and port only: the netloc may carry userinfo.
        host = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
        sem = self._semaphore(host)
        remaining = deadline - time.monotonic()
        # Waiting for a slot counts against the same wall-clock budget.
        if remaining <= 0 or not sem.acquire(timeout=remaining):
            raise FetchError(
                f"fetch: timed out after {self.timeout_s:.0f} s waiting for a connection slot "
                f"for {shown} (per_host={self.per_host})"
            )
        try:
            return self._stream(url, shown, headers, deadline, pinned)
        finally:
            sem.release()

    def _stream(
        self, url: str, shown: str, headers: dict[str, str], deadline: float, pinned: str | None
    ) -> tuple[int, tuple[tuple[str, str], ...], bytes]:
        remaining = max(0.01, deadline - time.monotonic())
        # Per-operation timeouts shrink to the budget left; the watchdog covers a
        # server that keeps every single read just under them.
        timeout = httpx.Timeout(
            remaining, connect=min(remaining, self._client.timeout.connect or remaining)
        )
        watchdog = Watchdog(remaining)
        wire_url = url
        extensions: dict[str, Any] = {"trace": watchdog.trace}
        if pinned is not None:
            wire_url, host_header, sni = pin(url, pinned)
            headers = {**headers, "Host": host_header}
            if sni:
                # TLS still verifies the certificate against the real host name.
                extensions["sni_hostname"] = sni
        try:
            with (
                watchdog,
                self._client.stream(
                    "GET", wire_url, headers=headers, timeout=timeout, extensions=extensions
                ) as resp,
            ):
                resp_headers = tuple((k, v) for k, v in resp.headers.multi_items())
                if resp.status_code in _REDIRECTS or not 200 <= resp.status_code < 300:
                    return resp.status_code, resp_headers, b""
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise self._too_big(shown, f"declares {int(declared)} bytes")
                body = bytearray()
                # The raw (still compressed) network reads are inflated here, in pieces
                # of at most 64 KiB, and counted as they come: a gzip bomb is cut after
                # max_bytes of output, never inflated whole (httpx's own decoding turns
                # each 64 KiB read into one chunk of up to ~64 MB). No chunk_size: each
                # network read is yielded, so the deadline is checked at least once per
                # read even when a server drips.
                if resp.is_stream_consumed:
                    # Already read and decoded in memory (a transport that gives whole
                    # bodies, as in tests): there is nothing on the wire left to bound.
                    pieces: Iterator[bytes] = iter((resp.content,))
                else:
                    encoding = resp.headers.get_list("content-encoding", split_commas=True)
                    pieces = inflate_bounded(resp.iter_raw(), encoding)
                for chunk in pieces:
                    if len(body) + len(chunk) > self.max_bytes:
                        raise self._too_big(shown, f"exceeded {self.max_bytes} bytes while reading")
                    body += chunk
                    if time.monotonic() > deadline:
                        raise self._deadline_error(shown)
                if watchdog.fired:  # a cut close-delimited body looks complete: it is not
                    raise self._deadline_error(shown)
                return resp.status_code, resp_headers, bytes(body)
        except httpx.HTTPError as exc:
            if watchdog.fired:
                raise self._deadline_error(shown) from exc
            raise self._translate(shown, exc, deadline) from exc

    def _deadline_error(self, shown: str) -> FetchError:
        return FetchError(
            f"fetch: timed out reading {shown}: over the {self.timeout_s:g} s budget "
            "(server too slow; raise timeout_s if this source is just large)"
        )

    def _translate(self, shown: str, exc: httpx.HTTPError, deadline: float) -> FetchError:
        """An httpx error as a FetchError that names the phase, the URL and the fix."""
        if isinstance(exc, httpx.TimeoutException):
            phase = _TIMEOUT_PHASE.get(type(exc), "fetching")
            elapsed = time.monotonic() - (deadline - self.timeout_s)
            return FetchError(
                f"fetch: timed out {phase} {shown} after {elapsed:.1f} s "
                f"(budget {self.timeout_s:g} s; server slow or unreachable)"
            )
        if isinstance(exc, httpx.DecodingError):
            return FetchError(f"fetch: undecodable body from {shown} ({exc})")
        return FetchError(
            f"fetch: {type(exc).__name__} fetching {shown}: {exc or 'connection failed'} "
            "(check the URL and that the host is up)"
        )

    def _too_big(self, shown: str, what: str) -> FetchError:
        log.warning("fetch.too_large url=%s", shown, extra={"event": "fetch.too_large"})
        return FetchError(
            f"fetch: body of {shown} {what}, over the {self.max_bytes}-byte cap "
            "(raise max_bytes if this feed is legitimately that large)"
        )


def _header(headers: Sequence[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None
