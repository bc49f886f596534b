"""Fetch stage: one HTTP GET of a feed or an article page, bounded in every way.

``Fetcher.fetch_feed`` sends a conditional GET for a feed URL from the config
(trusted as written); ``Fetcher.fetch_page`` fetches an article URL taken from
an untrusted feed, behind an SSRF guard that is applied after DNS resolution
and again after every redirect. Both enforce a wall-clock deadline, a body cap
(on decompressed bytes, so a gzip bomb is cut), a redirect cap and a per-host
concurrency limit, and translate every foreign exception into ``FetchError``.

``record_success`` and ``record_failure`` turn an outcome into the feed's next
``FeedState`` (validators, error count, exponential backoff, ``Retry-After``).
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import random
import socket
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin, urlsplit

import httpx

from monitor.errors import FetchError, UnsafeURLError
from monitor.models import FeedState, FetchResult

__all__ = ["DEFAULT_USER_AGENT", "Fetcher", "record_failure", "record_success"]

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "rhetoric-monitor/0.1 (+https://github.com/rhetoric-monitor)"
MAX_BACKOFF_S = 6 * 3600.0
# A hostile Retry-After ("come back next year") must not become a silent stop.
MAX_RETRY_AFTER_S = 24 * 3600.0
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Cloud metadata endpoints that are not all covered by the private ranges
# (100.100.100.200 sits in shared address space 100.64/10, fd00:ec2::254 is ULA).
_METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _is_unsafe_ip(ip: IPAddress) -> bool:
    """True for any address an article fetch must never reach."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip in _METADATA
        or ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


class _AllowList:
    """``allow_private`` entries: host names, ``host:port`` and IP/CIDR networks."""

    def __init__(self, entries: Sequence[str]) -> None:
        self.names: set[str] = set()
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for raw in entries:
            entry = raw.strip().lower()
            try:
                self.networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                self.names.add(entry)

    def allows_host(self, host: str, port: int) -> bool:
        name = f"[{host}]" if ":" in host else host
        return host in self.names or name in self.names or f"{name}:{port}" in self.names

    def allows_ip(self, ip: IPAddress) -> bool:
        return any(ip.version == net.version and ip in net for net in self.networks)


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
        self._allow = _AllowList(allow_private)
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,  # redirects are followed by hand to re-check each hop
            timeout=httpx.Timeout(timeout_s, connect=min(connect_timeout_s, timeout_s)),
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
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

    def fetch_feed(self, url: str, state: FeedState) -> FetchResult:
        """GET a feed with the validators in ``state``; 304 gives an empty body.

        Raises FetchError for any other non-2xx status, timeouts, connection
        errors, an oversized body and too many redirects.
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
        result = self._get(url, headers=headers, guard=False)
        if result.not_modified:
            log.info("fetch.not_modified url=%s", url, extra={"event": "fetch.not_modified"})
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

    def _check_url(self, url: str, *, guard: bool) -> None:
        """Refuse non-http(s) URLs and, when guarded, URLs resolving to unsafe addresses."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise (UnsafeURLError if guard else FetchError)(
                f"fetch: refused {url!r}: only http and https URLs with a host are fetched"
            )
        if not guard:
            return
        host = parts.hostname.lower()
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if self._allow.allows_host(host, port):
            return
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise FetchError(f"fetch: cannot resolve host {host!r} of {url} ({exc})") from exc
        for info in infos:
            ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            if _is_unsafe_ip(ip) and not self._allow.allows_ip(ip):
                log.warning(
                    "fetch.unsafe_url url=%s ip=%s", url, ip, extra={"event": "fetch.unsafe_url"}
                )
                raise UnsafeURLError(
                    f"fetch: refused {url}: {host} resolves to non-public address {ip} "
                    "(add it to allow_private in the config if this is intended)"
                )

    def _get(self, url: str, *, headers: dict[str, str], guard: bool) -> FetchResult:
        start = time.monotonic()
        deadline = start + self.timeout_s
        current = url
        seen: set[str] = set()
        for _hop in range(self.max_redirects + 1):
            self._check_url(current, guard=guard)
            seen.add(current)
            status, resp_headers, body = self._one_request(current, headers, deadline)
            if status in _REDIRECTS:
                location = _header(resp_headers, "location")
                if not location:
                    raise FetchError(
                        f"fetch: {status} redirect without Location from {current}", status=status
                    )
                target = urljoin(current, location.strip())
                if target in seen:
                    raise FetchError(
                        f"fetch: redirect loop at {current} -> {target} "
                        "(fix the feed URL in the config)"
                    )
                log.debug("fetch.redirect from=%s to=%s", current, target)
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
            log.warning(
                "fetch.http_error url=%s status=%s", current, status,
                extra={"event": "fetch.http_error"},
            )  # fmt: skip
            raise FetchError(
                f"fetch: {status} from {current}{hint}",
                status=status,
                retry_after_s=retry_after,
                permanent=status == 410,
            )
        raise FetchError(
            f"fetch: more than {self.max_redirects} redirects from {url} "
            "(point the config at the final URL)"
        )

    def _one_request(
        self, url: str, headers: dict[str, str], deadline: float
    ) -> tuple[int, tuple[tuple[str, str], ...], bytes]:
        """One hop: status, headers and the (capped, deadline-bounded) body."""
        host = urlsplit(url).netloc.lower()
        sem = self._semaphore(host)
        remaining = deadline - time.monotonic()
        # Waiting for a slot counts against the same wall-clock budget.
        if remaining <= 0 or not sem.acquire(timeout=remaining):
            raise FetchError(
                f"fetch: timed out after {self.timeout_s:.0f} s waiting for a connection slot "
                f"to {host} (per_host={self.per_host})"
            )
        try:
            return self._stream(url, headers, deadline)
        finally:
            sem.release()

    def _stream(
        self, url: str, headers: dict[str, str], deadline: float
    ) -> tuple[int, tuple[tuple[str, str], ...], bytes]:
        remaining = max(0.01, deadline - time.monotonic())
        # Each hop's per-operation timeouts shrink to the budget left, so a slow
        # server overshoots the deadline by at most one read.
        timeout = httpx.Timeout(
            remaining, connect=min(remaining, self._client.timeout.connect or remaining)
        )
        try:
            with self._client.stream("GET", url, headers=headers, timeout=timeout) as resp:
                resp_headers = tuple((k, v) for k, v in resp.headers.multi_items())
                if resp.status_code in _REDIRECTS or not 200 <= resp.status_code < 300:
                    return resp.status_code, resp_headers, b""
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise self._too_big(url, f"declares {int(declared)} bytes")
                chunks: list[bytes] = []
                size = 0
                # iter_bytes yields decoded (decompressed) bytes, so the cap applies to
                # what we would hold in memory, which is what cuts a gzip bomb. No
                # chunk_size: each network read is yielded, so the deadline is checked
                # at least once per read even when a server drips.
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise self._too_big(url, f"exceeded {self.max_bytes} bytes while reading")
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise FetchError(
                            f"fetch: timed out after {self.timeout_s:.0f} s reading {url} "
                            "(server too slow; raise timeout_s if this feed is just large)"
                        )
                return resp.status_code, resp_headers, b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise FetchError(
                f"fetch: timed out ({type(exc).__name__}) after {self.timeout_s:.0f} s "
                f"fetching {url} (server slow or unreachable)"
            ) from exc
        except httpx.DecodingError as exc:
            raise FetchError(f"fetch: undecodable body from {url} ({exc})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(
                f"fetch: {type(exc).__name__} fetching {url}: {exc or 'connection failed'} "
                "(check the URL and that the host is up)"
            ) from exc

    def _too_big(self, url: str, what: str) -> FetchError:
        log.warning("fetch.too_large url=%s", url, extra={"event": "fetch.too_large"})
        return FetchError(
            f"fetch: body of {url} {what}, over the {self.max_bytes}-byte cap "
            "(raise max_bytes if this feed is legitimately that large)"
        )


def _header(headers: Sequence[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


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
            "fetch.recovered url=%s after=%d", state.url, state.error_count,
            extra={"event": "fetch.recovered"},
        )  # fmt: skip
    return replace(
        state,
        etag=etag,
        last_modified=last_modified,
        error_count=0,
        last_error=None,
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
    log.warning(
        "fetch.failed url=%s failures=%d retry_in_s=%.0f disabled=%s error=%s",
        state.url, count, delay, disabled, error,
        extra={"event": "fetch.failed"},
    )  # fmt: skip
    return replace(
        state,
        error_count=count,
        last_error=f"{error} (failure {count} in a row)",
        last_attempt_at=now,
        next_attempt_at=None if disabled else now + timedelta(seconds=delay),
        disabled=disabled,
    )
