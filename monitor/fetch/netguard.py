"""Network guards for the fetch stage: SSRF checks, URL redaction, deadlines.

* ``is_unsafe_ip`` and ``AllowList``: article URLs come from untrusted feeds,
  so their addresses are checked after DNS resolution (and after each
  redirect) against loopback, private, link-local, reserved and cloud-metadata
  ranges, unless the config's ``fetch.allow_private`` lets them through.
* ``pin``: the request then connects to the exact address that was checked,
  so a second DNS answer cannot redirect it (DNS rebinding).
* ``redact_url`` and ``SecretMask``: credentials in URLs never reach logs or stored
  errors; a feed URL's ``${ENV}`` values are shown as their placeholders, on every
  redirect hop.
* ``Watchdog``: a wall-clock deadline on one request, whatever phase it is in.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import threading
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote, quote_plus, unquote, unquote_plus, urlsplit, urlunsplit

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


_SECRET_PARAM = re.compile(
    r"key|token|secret|pass|auth|sig|session|sid|code|cred|jwt|bearer|otp|ticket|hmac|private",
    re.IGNORECASE,
)
# A value kept as written: an ``${ENV}`` placeholder names a secret, it is not one.
_PLACEHOLDER = re.compile(r"^(?:\$\{[A-Za-z_][A-Za-z0-9_]*\})+$")
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_UUID = re.compile(
    r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.IGNORECASE
)
MASK = "***"


def looks_secret(text: str) -> bool:
    """True for a URL part shaped like a credential: a long run mixing letters and digits
    (API keys, hex digests, Slack-style tokens), a UUID, or any 32+ character run.

    Words and dates in article slugs (``2024-05-01-talks-resume``) are short runs and stay.
    """
    if _PLACEHOLDER.match(text):
        return False
    if _UUID.search(text):
        return True
    for run in _ALNUM_RUN.findall(text):
        if len(run) >= 32:
            return True
        if len(run) >= 16 and not run.isalpha() and not run.isdigit():
            return True
    return False


def _redact_pairs(text: str) -> str:
    """``a=1&b=2`` with secret-named or secret-looking values masked."""
    out = []
    for pair in text.split("&"):
        if not pair:
            continue
        name, eq, value = pair.partition("=")
        if not eq:
            out.append(MASK if looks_secret(name) else name)
        elif _PLACEHOLDER.match(value) or not (_SECRET_PARAM.search(name) or looks_secret(value)):
            out.append(pair)
        else:
            out.append(f"{name}={MASK}")
    return "&".join(out)


def redact_url(url: str) -> str:
    """``url`` fit for logs and messages: every part that may hold a credential masked.

    Masked: userinfo; query (and fragment) values whose name sounds secret (``key``,
    ``token``, ``code``, ``sig``...) or whose value looks like a token; and path
    segments that look like tokens (``looks_secret``). ``${ENV}`` placeholders are
    kept: they are the config's own spelling, not the secret. Feed URLs may carry
    credentials expanded from ``${ENV}``; for those, ``SecretMask`` first puts the
    placeholders back, so the URL reads as configured.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{MASK}@" + netloc.rpartition("@")[2]
    path = "/".join(MASK if looks_secret(seg) else seg for seg in parts.path.split("/"))
    fragment = parts.fragment
    if fragment:
        fragment = (
            _redact_pairs(fragment)
            if "=" in fragment
            else (MASK if looks_secret(fragment) else fragment)
        )
    return urlunsplit((parts.scheme, netloc, path, _redact_pairs(parts.query), fragment))


# Shorter values are no credential, and masking them would garble every message.
MIN_SECRET_LEN = 3
_PERCENT = re.compile(r"%[0-9A-F]{2}")


class SecretMask:
    """Puts ``${NAME}`` placeholders back in place of the values they were resolved to.

    Built from ``(placeholder, value)`` pairs (a feed's ``Feed.secrets``). Each value is
    replaced in the forms a URL may carry it in: as is, percent-encoded (upper or lower
    case hex, ``+`` for spaces or not). ``url`` also redacts what is left
    (``redact_url``) and, should a value still be readable once percent-decoded,
    withholds the URL altogether.
    """

    def __init__(self, secrets: Iterable[tuple[str, str]] = ()) -> None:
        forms: dict[str, str] = {}
        values: list[str] = []
        for placeholder, value in secrets:
            if len(value) < MIN_SECRET_LEN:
                continue
            values.append(value)
            for form in (value, quote(value, safe=""), quote(value), quote_plus(value)):
                forms.setdefault(form, placeholder)
                forms.setdefault(_PERCENT.sub(lambda m: m.group(0).lower(), form), placeholder)
        # Longest first, so a value that contains another is replaced whole.
        self._forms = sorted(forms.items(), key=lambda kv: -len(kv[0]))
        self._values = tuple(values)

    def __bool__(self) -> bool:
        return bool(self._forms)

    def text(self, text: str) -> str:
        """``text`` with every known secret value replaced by its placeholder."""
        for form, placeholder in self._forms:
            if form in text:
                text = text.replace(form, placeholder)
        return text

    def leaks(self, text: str) -> bool:
        """True when a secret value can still be read in ``text``, even percent-decoded."""
        decoded = {text, unquote(text), unquote_plus(text)}
        return any(v in t for v in self._values for t in decoded)

    def url(self, url: str) -> str:
        """``url`` as configured (placeholders back in place), then redacted."""
        shown = redact_url(self.text(url))
        return "<URL withheld: it holds a secret>" if self.leaks(shown) else shown


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
