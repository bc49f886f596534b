"""Network guards for the fetch stage: SSRF checks, URL redaction, deadlines.

* ``is_unsafe_ip`` and ``AllowList``: article URLs come from untrusted feeds,
  so their addresses are checked after DNS resolution (and after each
  redirect) against loopback, private, link-local, reserved and cloud-metadata
  ranges, unless the config's ``fetch.allow_private`` lets them through.
* ``pin``: the request then connects to the exact address that was checked,
  so a second DNS answer cannot redirect it (DNS rebinding).
* ``redact_url``: credentials in URLs never reach logs or stored errors.
* ``Watchdog``: a wall-clock deadline on one request, whatever phase it is in.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import threading
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

# Cloud metadata endpoints that are not all covered by the private ranges
# (100.100.100.200 sits in shared address space 100.64/10, fd00:ec2::254 is ULA).
_METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_unsafe_ip(ip: IPAddress) -> bool:
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


class AllowList:
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


_SECRET_PARAM = re.compile(r"key|token|secret|pass|auth|sig|session|sid", re.IGNORECASE)


def redact_url(url: str) -> str:
    """``url`` fit for logs and messages: userinfo and secret-looking query values masked.

    Feed URLs may carry credentials (``https://user:token@host/feed``,
    ``?api_key=...``) expanded from ``${ENV}`` in the config; they must never
    reach a log line or an error stored on the feed.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rpartition("@")[2]
    query = "&".join(
        f"{name}=***" if _SECRET_PARAM.search(name) else pair
        for pair in parts.query.split("&")
        if pair
        for name in [pair.partition("=")[0]]
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


class Watchdog:
    """Cuts one request's socket at the wall-clock deadline, whatever phase it is in.

    httpx timeouts are per operation: a server that sends a byte just before
    each read timeout (in the headers or the body) would hold a worker for ever.
    The socket comes from httpcore's ``trace`` extension; shutting it down wakes
    the blocked read, and ``fired`` tells the reader why its stream ended.
    """

    def __init__(self, budget_s: float) -> None:
        self.fired = False
        self._fd: int | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(budget_s, self._fire)
        self._timer.daemon = True

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore trace hook: remember the socket once the TCP connect completes."""
        if event != "connection.connect_tcp.complete":
            return
        sock = info["return_value"].get_extra_info("socket")
        if sock is None:
            return
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
            # A duplicate of our own: the number can never come to name another
            # file after httpcore closes its descriptor.
            self._fd = os.dup(sock.fileno())

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    def _fire(self) -> None:
        with self._lock:
            if self._fd is None:
                return  # still connecting: the connect timeout bounds that phase
            self.fired = True
            try:
                with socket.socket(fileno=os.dup(self._fd)) as sock:
                    sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed by the peer: nothing left to cut


def pin(url: str, ip: str) -> tuple[str, str, str | None]:
    """``url`` rewritten to connect to ``ip``: (wire URL, Host header, TLS SNI name)."""
    parts = urlsplit(url)
    idna = httpx.URL(url)  # Host and SNI carry the ASCII (IDNA) form of the name
    ip_host = f"[{ip}]" if ":" in ip else ip
    netloc = f"{ip_host}:{parts.port}" if parts.port else ip_host
    # The fragment stays local and userinfo from a feed is never forwarded.
    wire = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    sni = idna.raw_host.decode("ascii") if parts.scheme == "https" else None
    return wire, idna.netloc.decode("ascii"), sni
