"""Fetch stage against real loopback HTTP servers (MockTransport only for narrow units)."""

from __future__ import annotations

import gzip
import logging
import random
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from monitor.errors import FetchError, UnsafeURLError
from monitor.fetch import (
    Fetcher,
    SecretMask,
    parse_retry_after,
    record_failure,
    record_success,
    redact_url,
)
from monitor.fetch.inflate import PIECE, inflate_bounded
from monitor.models import FeedState, FetchResult
from tests.feeds import rss, shifting_items
from tests.harness import ROOT
from tests.localserver import DripServer, LocalServer, Request, Response

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
RSS = b"<rss version='2.0'><channel><title>t</title></channel></rss>"


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    """A fetcher with a short budget, for feeds (no SSRF guard applies to feeds)."""
    f = Fetcher(timeout_s=3.0, max_bytes=100_000)
    try:
        yield f
    finally:
        f.close()


def test_fetch_feed_returns_body_headers_and_validators(
    server: LocalServer, fetcher: Fetcher
) -> None:
    """A 200 answer carries the body, headers as pairs, and the ETag/Last-Modified validators."""
    server.routes["/rss"] = lambda r: Response(
        200, RSS, {"ETag": '"v1"', "Last-Modified": "Wed, 01 Jan 2025 00:00:00 GMT"}
    )
    result = fetcher.fetch_feed(server.url("/rss"), FeedState(url=server.url("/rss")))
    assert result.status == 200 and result.body == RSS
    assert result.etag == '"v1"'
    assert result.last_modified == "Wed, 01 Jan 2025 00:00:00 GMT"
    assert ("ETag", '"v1"') in result.headers or ("etag", '"v1"') in result.headers
    assert result.final_url == server.url("/rss")


def test_conditional_get_round_trip_gives_304(server: LocalServer, fetcher: Fetcher) -> None:
    """Validators from a 200 are sent back on the next poll, and a 304 gives an empty body."""
    lm = "Wed, 01 Jan 2025 00:00:00 GMT"

    def route(req: Request) -> Response:
        if req.headers.get("if-none-match") == '"v1"' or req.headers.get("if-modified-since") == lm:
            return Response(304, b"", {"ETag": '"v1"'})
        return Response(200, RSS, {"ETag": '"v1"', "Last-Modified": lm})

    server.routes["/rss"] = route
    url = server.url("/rss")
    state = FeedState(url=url)
    first = fetcher.fetch_feed(url, state)
    state = record_success(state, first, now=NOW, interval_s=300)
    assert (state.etag, state.last_modified) == ('"v1"', lm)
    second = fetcher.fetch_feed(url, state)
    assert second.not_modified and second.status == 304 and second.body == b""
    sent = server.hits("/rss")[1].headers
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == lm
    after = record_success(state, second, now=NOW, interval_s=300)
    assert (after.etag, after.last_modified) == ('"v1"', lm)


def test_last_modified_only_round_trip(server: LocalServer, fetcher: Fetcher) -> None:
    """A server that only sends Last-Modified gets If-Modified-Since and no If-None-Match."""
    lm = "Thu, 02 Jan 2025 00:00:00 GMT"
    server.routes["/rss"] = lambda r: (
        Response(304)
        if r.headers.get("if-modified-since") == lm
        else Response(200, RSS, {"Last-Modified": lm})
    )
    url = server.url("/rss")
    state = record_success(
        FeedState(url=url), fetcher.fetch_feed(url, FeedState(url=url)), now=NOW, interval_s=60
    )
    assert fetcher.fetch_feed(url, state).not_modified
    assert "if-none-match" not in server.hits("/rss")[1].headers


def test_slow_server_times_out(server: LocalServer) -> None:
    """A server that answers after the budget raises FetchError naming the timeout and URL."""

    def slow(req: Request) -> Response:
        time.sleep(2.0)
        return Response(200, RSS)

    server.routes["/slow"] = slow
    with Fetcher(timeout_s=0.5) as f:
        start = time.monotonic()
        with pytest.raises(FetchError, match=r"timed out.*?/slow"):
            f.fetch_feed(server.url("/slow"), FeedState(url=server.url("/slow")))
        assert time.monotonic() - start < 1.5


def test_drip_server_cut_at_total_deadline() -> None:
    """A body dripped one byte a second is cut by the wall-clock deadline, not read forever."""
    drip = DripServer(interval_s=0.25).start()
    try:
        with Fetcher(timeout_s=1.5) as f:
            start = time.monotonic()
            with pytest.raises(FetchError, match="timed out"):
                f.fetch_feed(drip.url("/rss"), FeedState(url=drip.url("/rss")))
            assert time.monotonic() - start < 3.0
    finally:
        drip.stop()


def test_drip_server_one_byte_per_second_times_out() -> None:
    """The 1 byte/s slow-loris case from the brief ends within the total budget plus one read."""
    drip = DripServer(interval_s=1.0).start()
    try:
        with Fetcher(timeout_s=2.0) as f:
            start = time.monotonic()
            with pytest.raises(FetchError, match="timed out"):
                f.fetch_feed(drip.url("/rss"), FeedState(url=drip.url("/rss")))
            assert time.monotonic() - start < 4.0
    finally:
        drip.stop()


def test_header_drip_cut_at_total_deadline() -> None:
    """A server dripping its status line and headers is cut at the budget too (watchdog)."""
    drip = DripServer(interval_s=0.3, drip_headers=True).start()
    try:
        with Fetcher(timeout_s=1.5) as f:
            start = time.monotonic()
            with pytest.raises(FetchError, match="budget"):
                f.fetch_feed(drip.url("/rss"), FeedState(url=drip.url("/rss")))
            assert time.monotonic() - start < 2.5
    finally:
        drip.stop()


def test_watchdog_cut_is_not_mistaken_for_a_complete_body() -> None:
    """A body without Content-Length cut at the deadline raises instead of returning part of it."""
    drip = DripServer(interval_s=0.45, content_length=False).start()
    try:
        start = time.monotonic()
        with Fetcher(timeout_s=1.0) as f, pytest.raises(FetchError, match="budget"):
            f.fetch_feed(drip.url("/rss"), FeedState(url=drip.url("/rss")))
        assert time.monotonic() - start < 1.4
    finally:
        drip.stop()


def test_connection_refused_is_fetch_error() -> None:
    """A closed port raises FetchError naming the URL, not an httpx exception."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    url = f"http://127.0.0.1:{port}/rss"
    with Fetcher(timeout_s=2) as f, pytest.raises(FetchError, match=f"127.0.0.1:{port}"):
        f.fetch_feed(url, FeedState(url=url))


def test_body_over_cap_is_cut(server: LocalServer, fetcher: Fetcher) -> None:
    """A body over max_bytes raises FetchError naming the cap and the fix."""
    server.routes["/big"] = lambda r: Response(200, b"x" * 200_000)
    with pytest.raises(FetchError, match=r"100000-byte cap.*max_bytes"):
        fetcher.fetch_feed(server.url("/big"), FeedState(url=server.url("/big")))


def test_gzip_bomb_cut_on_decompressed_size(server: LocalServer, fetcher: Fetcher) -> None:
    """A small gzip body that inflates past max_bytes is cut while streaming."""
    bomb = gzip.compress(b"\0" * 20_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    server.routes["/bomb"] = lambda r: Response(200, bomb, {"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="cap"):
        fetcher.fetch_feed(server.url("/bomb"), FeedState(url=server.url("/bomb")))


# A child process fetches (and parses) one feed and prints its peak RSS in KiB.
_POLL_CHILD = r"""
import sys
from datetime import UTC, datetime
from monitor.errors import FetchError
from monitor.fetch import Fetcher
from monitor.models import FeedState
from monitor.parse import parse_document
url = sys.argv[1]
with Fetcher(timeout_s=60) as f:  # the default max_bytes (5 MB), as in the daemon
    try:
        r = f.fetch_feed(url, FeedState(url=url))
        doc = parse_document(r.body, feed_url=url, headers=r.headers, now=datetime.now(UTC))
        print("ok", len(doc.entries))
    except FetchError as exc:
        print("error", exc)
# VmHWM, not getrusage: Linux carries ru_maxrss over exec from the forking parent (pytest).
print(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM:")))
"""


def _peak_rss_kib(url: str) -> tuple[str, int]:
    out = subprocess.run(
        [sys.executable, "-c", _POLL_CHILD, url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    outcome, peak = out.stdout.strip().splitlines()
    return outcome, int(peak)


def test_gzip_bomb_peak_memory_within_twice_a_normal_poll(server: LocalServer) -> None:
    """256 MB of zeros gzipped to ~250 kB is inflated in 64 KiB pieces and cut at max_bytes:
    the poll's peak RSS stays within 2x that of a normal gzip feed's poll (it was ~5x, 158 MB
    against 31 MB, as httpx inflated each 64 KiB read into one ~64 MB chunk before the size
    check)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip
    block = b"\0" * (1 << 20)
    bomb = b"".join(packer.compress(block) for _ in range(256)) + packer.flush()
    assert len(bomb) < 300_000
    items = shifting_items(datetime.now(UTC), prefix="n", days_warm=60, days_hostile=20)
    normal = gzip.compress(rss(items))
    gz = {"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"}
    server.routes["/normal"] = lambda r: Response(200, normal, gz)
    server.routes["/bomb"] = lambda r: Response(200, bomb, gz)
    outcome, normal_kib = _peak_rss_kib(server.url("/normal"))
    assert outcome == f"ok {len(items)}"
    outcome, bomb_kib = _peak_rss_kib(server.url("/bomb"))
    assert outcome.startswith("error") and "5000000-byte cap" in outcome
    print(f"\npeak RSS: normal poll {normal_kib // 1024} MB, gzip bomb {bomb_kib // 1024} MB")
    assert bomb_kib <= 2 * normal_kib


def _deflate(data: bytes, *, raw: bool = False) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15 if raw else 15)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        pytest.param("gzip", gzip.compress(RSS[:30]) + gzip.compress(RSS[30:]), id="gzip-members"),
        pytest.param("x-gzip", gzip.compress(RSS), id="x-gzip"),
        pytest.param("deflate", _deflate(RSS), id="deflate-zlib"),
        pytest.param("deflate", _deflate(RSS, raw=True), id="deflate-raw"),
        pytest.param("deflate, gzip", gzip.compress(_deflate(RSS)), id="deflate-then-gzip"),
        pytest.param("identity", RSS, id="identity"),
        pytest.param("utf-8", RSS, id="unknown-passed-through"),
    ],
)
def test_content_encodings_decoded_in_bounded_pieces(
    server: LocalServer, fetcher: Fetcher, encoding: str, body: bytes
) -> None:
    """Each Content-Encoding httpx decodes is decoded by the bounded inflater too (several
    gzip members, zlib or raw deflate, codings stacked in order); others pass as they are."""
    server.routes["/enc"] = lambda r: Response(200, body, {"Content-Encoding": encoding})
    assert fetcher.fetch_feed(server.url("/enc"), FeedState(url="x")).body == RSS


def test_inflater_never_yields_more_than_a_piece() -> None:
    """However far one network read inflates, the inflater yields it in pieces of 64 KiB at
    most, and only as they are asked for: a caller that stops has inflated almost nothing."""
    bomb = gzip.compress(b"\0" * 50_000_000)
    pieces = inflate_bounded(iter([bomb]), ["gzip"])
    taken = [next(pieces) for _ in range(3)]
    assert all(0 < len(p) <= PIECE for p in taken)
    assert sum(len(p) for p in inflate_bounded(iter([bomb]), ["gzip"])) == 50_000_000


def test_corrupt_gzip_is_a_fetch_error(server: LocalServer, fetcher: Fetcher) -> None:
    """A body that is not what its Content-Encoding says is a FetchError, not a crash."""
    server.routes["/bad"] = lambda r: Response(
        200, b"not gzip at all", {"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="undecodable gzip body"):
        fetcher.fetch_feed(server.url("/bad"), FeedState(url="x"))


def test_gzip_body_decoded(server: LocalServer, fetcher: Fetcher) -> None:
    """A normal gzip-encoded feed arrives decompressed."""
    server.routes["/gz"] = lambda r: Response(200, gzip.compress(RSS), {"Content-Encoding": "gzip"})
    assert fetcher.fetch_feed(server.url("/gz"), FeedState(url=server.url("/gz"))).body == RSS


def test_redirect_followed_and_final_url_kept(server: LocalServer, fetcher: Fetcher) -> None:
    """A redirect is followed and the final URL recorded."""
    server.routes["/old"] = lambda r: Response(301, b"", {"Location": "/new"})
    server.routes["/new"] = lambda r: Response(200, RSS)
    result = fetcher.fetch_feed(server.url("/old"), FeedState(url=server.url("/old")))
    assert result.body == RSS and result.final_url == server.url("/new")


def test_redirect_loop_raises(server: LocalServer, fetcher: Fetcher) -> None:
    """A redirect loop raises FetchError instead of spinning."""
    server.routes["/a"] = lambda r: Response(302, b"", {"Location": "/b"})
    server.routes["/b"] = lambda r: Response(302, b"", {"Location": "/a"})
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.fetch_feed(server.url("/a"), FeedState(url=server.url("/a")))
    assert len(server.requests) == 2


@pytest.mark.parametrize("location", ["http://[::1/x", "http://h.example:99999/x"])
def test_unusable_redirect_target_is_a_fetch_error(
    server: LocalServer, fetcher: Fetcher, location: str
) -> None:
    """A Location that cannot be parsed (bad IPv6 host, port out of range) fails the fetch
    with a FetchError, instead of crashing the poll."""
    server.routes["/r"] = lambda r: Response(302, b"", {"Location": location})
    with pytest.raises(FetchError, match=r"(?i)location"):
        fetcher.fetch_feed(server.url("/r"), FeedState(url="x"))


def test_redirect_cap(server: LocalServer) -> None:
    """More redirects than max_redirects raise FetchError naming the cap."""
    server.routes["/r"] = lambda r: Response(302, b"", {"Location": f"/r?n={len(server.requests)}"})
    with Fetcher(max_redirects=3) as f, pytest.raises(FetchError, match="more than 3 redirects"):
        f.fetch_feed(server.url("/r"), FeedState(url=server.url("/r")))
    assert len(server.requests) == 4


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_seconds(server: LocalServer, fetcher: Fetcher, status: int) -> None:
    """Retry-After in seconds is carried on the error and named in its message."""
    server.routes["/rss"] = lambda r: Response(status, b"busy", {"Retry-After": "120"})
    with pytest.raises(FetchError, match=rf"{status} from .*retry in 120 s") as info:
        fetcher.fetch_feed(server.url("/rss"), FeedState(url=server.url("/rss")))
    assert info.value.status == status and info.value.retry_after_s == 120
    assert not info.value.permanent


def test_retry_after_http_date(server: LocalServer, fetcher: Fetcher) -> None:
    """Retry-After as an HTTP-date becomes a delay in seconds from now."""
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=600), usegmt=True)
    server.routes["/rss"] = lambda r: Response(503, b"", {"Retry-After": when})
    with pytest.raises(FetchError) as info:
        fetcher.fetch_feed(server.url("/rss"), FeedState(url=server.url("/rss")))
    assert info.value.retry_after_s is not None and 590 <= info.value.retry_after_s <= 600


def test_parse_retry_after_edge_cases() -> None:
    """Past dates mean 0 s and garbage is ignored rather than trusted."""
    assert parse_retry_after("Wed, 01 Jan 2020 00:00:00 GMT", now=NOW) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after(" 5 ") == 5.0


def test_410_is_permanent_and_disables(server: LocalServer, fetcher: Fetcher) -> None:
    """410 Gone raises a permanent FetchError and record_failure disables the feed."""
    server.routes["/gone"] = lambda r: Response(410)
    url = server.url("/gone")
    with pytest.raises(FetchError) as info:
        fetcher.fetch_feed(url, FeedState(url=url))
    assert info.value.permanent and info.value.status == 410
    state = record_failure(FeedState(url=url), info.value, now=NOW, interval_s=300)
    assert state.disabled and state.next_attempt_at is None and state.error_count == 1


def test_404_is_not_permanent(server: LocalServer, fetcher: Fetcher) -> None:
    """A 404 is retried with backoff, never a silent stop."""
    with pytest.raises(FetchError) as info:
        fetcher.fetch_feed(server.url("/missing"), FeedState(url=server.url("/missing")))
    state = record_failure(FeedState(url="u"), info.value, now=NOW, interval_s=300)
    assert info.value.status == 404 and not state.disabled and state.next_attempt_at is not None


def test_backoff_grows_and_is_capped() -> None:
    """Each failure doubles the delay (with jitter in [0.8, 1]) until the 6 h cap."""
    rng = random.Random(7)
    state = FeedState(url="u")
    delays = []
    for _ in range(12):
        state = record_failure(state, FetchError("x"), now=NOW, interval_s=300, rng=rng)
        assert state.next_attempt_at is not None
        delays.append((state.next_attempt_at - NOW).total_seconds())
    assert state.error_count == 12 and "failure 12 in a row" in (state.last_error or "")
    assert 240 <= delays[0] <= 300 and 480 <= delays[1] <= 600
    assert all(d <= 6 * 3600 for d in delays) and delays[-1] >= 0.8 * 6 * 3600
    assert not state.disabled


def test_backoff_honours_retry_after_and_caps_it() -> None:
    """Retry-After is a floor on the delay, itself capped at 24 h."""
    err = FetchError("x", status=503, retry_after_s=7200)
    state = record_failure(FeedState(url="u"), err, now=NOW, interval_s=60)
    assert state.next_attempt_at == NOW + timedelta(seconds=7200)
    huge = FetchError("x", status=503, retry_after_s=10**9)
    state = record_failure(FeedState(url="u"), huge, now=NOW, interval_s=60)
    assert state.next_attempt_at == NOW + timedelta(hours=24)


def test_success_resets_errors() -> None:
    """record_success clears the error count and schedules the next poll one interval out."""
    failed = FeedState(url="u", error_count=3, last_error="boom")
    result = FetchResult(url="u", status=200, body=b"", headers=(), final_url="u", etag='"e"')
    state = record_success(failed, result, now=NOW, interval_s=300)
    assert state.error_count == 0 and state.last_error is None
    assert state.next_attempt_at == NOW + timedelta(seconds=300) and state.last_success_at == NOW
    assert state.etag == '"e"'


def test_per_host_concurrency_limit(server: LocalServer) -> None:
    """No more than per_host requests to one host are in flight at once."""
    lock = threading.Lock()
    active = [0, 0]  # current, peak

    def slow(req: Request) -> Response:
        with lock:
            active[0] += 1
            active[1] = max(active[1], active[0])
        time.sleep(0.2)
        with lock:
            active[0] -= 1
        return Response(200, RSS)

    server.routes["/rss"] = slow
    with Fetcher(per_host=2, timeout_s=10) as f:
        threads = [
            threading.Thread(target=f.fetch_feed, args=(server.url("/rss"), FeedState(url="u")))
            for _ in range(6)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=10)
    assert len(server.hits("/rss")) == 6 and active[1] == 2


# -- SSRF guard on article pages -----------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/x",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://100.100.100.200/",
        "http://localhost/",
        "http://224.0.0.1/",
    ],
)
def test_page_on_private_address_refused(url: str) -> None:
    """Article URLs resolving to loopback/private/link-local/metadata addresses are refused."""
    with Fetcher(timeout_s=2) as f, pytest.raises(UnsafeURLError, match="allow_private"):
        f.fetch_page(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/"])
def test_page_non_http_scheme_refused(url: str) -> None:
    """Only http and https article URLs are fetched."""
    with Fetcher() as f, pytest.raises(UnsafeURLError, match="only http and https"):
        f.fetch_page(url)


def test_page_on_local_server_refused_by_default(server: LocalServer) -> None:
    """A live loopback server is refused before any request is sent."""
    server.routes["/a"] = lambda r: Response(200, b"<p>hi</p>")
    with Fetcher() as f, pytest.raises(UnsafeURLError):
        f.fetch_page(server.url("/a"))
    assert server.requests == []


@pytest.mark.parametrize("entry", ["127.0.0.1", "127.0.0.0/8", "127.0.0.1:{port}"])
def test_allow_private_lets_loopback_through(server: LocalServer, entry: str) -> None:
    """An allow_private entry (host, CIDR or host:port) lets the demo and tests use 127.0.0.1."""
    server.routes["/a"] = lambda r: Response(200, b"<p>hi</p>")
    with Fetcher(allow_private=[entry.format(port=server.port)]) as f:
        assert f.fetch_page(server.url("/a")).body == b"<p>hi</p>"


def test_redirect_from_allowed_host_to_private_refused(server: LocalServer) -> None:
    """A redirect from an allowed host to a non-allowed private one is refused at that hop."""
    other = LocalServer().start()
    try:
        other.routes["/secret"] = lambda r: Response(200, b"secret")
        server.routes["/a"] = lambda r: Response(302, b"", {"Location": other.url("/secret")})
        fetcher = Fetcher(allow_private=[f"127.0.0.1:{server.port}"])
        with fetcher as f, pytest.raises(UnsafeURLError, match="non-public"):
            f.fetch_page(server.url("/a"))
        assert other.requests == []
    finally:
        other.stop()


def test_redirect_to_metadata_refused_mocktransport() -> None:
    """A public page redirecting to the cloud metadata address is refused (narrow unit)."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/"})

    fetcher = Fetcher(transport=httpx.MockTransport(handler), allow_private=["news.test"])
    with fetcher as f, pytest.raises(UnsafeURLError, match=r"169\.254\.169\.254"):
        f.fetch_page("http://news.test/story")


def test_feed_urls_are_trusted(server: LocalServer, fetcher: Fetcher) -> None:
    """Feed URLs from the config may point at loopback: no SSRF guard on feeds."""
    server.routes["/rss"] = lambda r: Response(200, RSS)
    assert fetcher.fetch_feed(server.url("/rss"), FeedState(url="x")).status == 200


def test_page_request_pinned_to_checked_address() -> None:
    """A guarded page is fetched from the address that was checked, with the real Host and SNI."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b"<p>ok</p>")

    fetcher = Fetcher(transport=httpx.MockTransport(handler), allow_private=["127.0.0.0/8", "::1"])
    with fetcher as f:
        result = f.fetch_page("https://user:pw@localhost:8443/story?id=1#frag")
    (request,) = seen
    assert request.url.host in ("127.0.0.1", "::1") and request.url.port == 8443
    assert request.url.path == "/story" and request.url.query == b"id=1"
    assert request.headers["host"] == "localhost:8443"
    assert request.extensions["sni_hostname"] == "localhost"
    assert result.final_url == "https://user:pw@localhost:8443/story?id=1#frag"


def test_pinned_page_on_live_server_sends_real_host(server: LocalServer) -> None:
    """Over the wire, a pinned request still carries the URL's host name in Host."""
    server.routes["/a"] = lambda r: Response(200, b"<p>hi</p>")
    with Fetcher(allow_private=["127.0.0.0/8", "::1"]) as f:
        assert f.fetch_page(f"http://localhost:{server.port}/a").body == b"<p>hi</p>"
    assert server.hits("/a")[0].headers["host"] == f"localhost:{server.port}"


def test_disabling_410_logged(caplog: pytest.LogCaptureFixture) -> None:
    """Disabling a feed on 410 leaves an error log line naming the feed."""
    err = FetchError("fetch: 410 from u", status=410, permanent=True)
    with caplog.at_level("ERROR"):
        record_failure(FeedState(url="https://gone.example/rss"), err, now=NOW, interval_s=60)
    assert any(
        "fetch.disabled url=https://gone.example/rss" in r.getMessage() for r in caplog.records
    )


def test_connect_timeout() -> None:
    """A host that never completes the TCP handshake raises a connect timeout in time."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        # Fill the accept queue so further handshakes stall (Linux drops the SYNs).
        for _ in range(3):
            probe = socket.socket()
            probe.settimeout(0.2)
            fillers.append(probe)
            try:
                probe.connect(("127.0.0.1", port))
            except OSError:
                break
        else:
            pytest.skip("this kernel completes every handshake; cannot stall a connect")
        url = f"http://127.0.0.1:{port}/rss"
        with Fetcher(timeout_s=5, connect_timeout_s=0.5) as f:
            start = time.monotonic()
            with pytest.raises(FetchError, match="timed out connecting to"):
                f.fetch_feed(url, FeedState(url=url))
            assert time.monotonic() - start < 2
    finally:
        for sock in fillers:
            sock.close()
        listener.close()


def test_redact_url_masks_credentials() -> None:
    """Userinfo and secret-looking query values never reach messages or logs."""
    got = redact_url("https://bob:s3cret@feeds.example.org/rss?api_key=abc&lang=en&token=t#f")
    assert got == "https://***@feeds.example.org/rss?api_key=***&lang=en&token=***#f"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        pytest.param(
            "https://a.example/rss?code=abc&page=2",
            "https://a.example/rss?code=***&page=2",
            id="code-param",
        ),
        pytest.param(
            "https://a.example/feeds/tok-5e3b9c1f0a7d4e22b8c6/rss.xml",
            "https://a.example/feeds/***/rss.xml",
            id="path-token",
        ),
        pytest.param(
            "https://a.example/f/123e4567-e89b-12d3-a456-426614174000",
            "https://a.example/f/***",
            id="path-uuid",
        ),
        pytest.param(
            "https://a.example/rss?x=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5",
            "https://a.example/rss?x=***",
            id="token-valued-param",
        ),
        pytest.param(
            "https://a.example/cb#access_token=abc&state=1",
            "https://a.example/cb#access_token=***&state=1",
            id="fragment",
        ),
        pytest.param(
            "https://a.example/news/2024/05/01/us-china-talks-resume?utm_source=rss",
            "https://a.example/news/2024/05/01/us-china-talks-resume?utm_source=rss",
            id="slug-kept",
        ),
        pytest.param(
            "https://a.example/feed/${FEED_KEY}/rss?key=${FEED_KEY}",
            "https://a.example/feed/${FEED_KEY}/rss?key=${FEED_KEY}",
            id="placeholders-kept",
        ),
    ],
)
def test_redact_url_masks_path_tokens_and_more_names(url: str, shown: str) -> None:
    """Beyond userinfo and key/token names: `code=` and other secret names, token-shaped path
    segments and values, and the fragment; slugs and ${ENV} placeholders stay readable."""
    assert redact_url(url) == shown


def test_secret_mask_puts_placeholders_back_in_every_encoding() -> None:
    """A resolved value is shown as its placeholder whether it is written plain or
    percent-encoded (upper or lower hex, + for space); a form it cannot spell out withholds
    the URL."""
    mask = SecretMask([("${K}", "a b/c+d-SECRET")])
    for form in (
        "a b/c+d-SECRET",
        "a%20b%2Fc%2Bd-SECRET",
        "a%20b/c%2bd-SECRET",
        "a+b%2Fc%2Bd-SECRET",
    ):
        shown = mask.url(f"https://x.example/f?k={form}&q=1")
        assert shown == "https://x.example/f?k=${K}&q=1", form
    odd = mask.url("https://x.example/f/%61%20b%2Fc%2Bd-SECRET")  # "a" needlessly encoded
    assert "SECRET" not in odd and "withheld" in odd
    assert SecretMask([("${K}", "ab")]).text("ab") == "ab"  # too short to be a secret


KEY = "Zx81-feedkey-Q7"


@pytest.mark.parametrize(
    "route",
    [
        pytest.param("fail", id="redirect-then-503"),
        pytest.param("loop", id="redirect-loop"),
        pytest.param("cap", id="too-many-redirects"),
        pytest.param("slow", id="redirect-then-timeout"),
    ],
)
def test_redirect_to_another_host_never_shows_the_key(server: LocalServer, route: str) -> None:
    """A key resolved from ${ENV} into the path and a `code=` query survives a redirect to
    another host name (127.0.0.1 -> localhost, same path and query); whatever goes wrong
    next, the error and every log line name the hops with the placeholder, never the key."""
    other = f"http://localhost:{server.port}"

    def handler(req: Request) -> Response:
        host = req.headers["host"].split(":")[0]
        if route == "fail" and host == "localhost":
            return Response(503, b"", {"Retry-After": "7"})
        if route == "slow" and host == "localhost":
            time.sleep(1.5)
            return Response(200, RSS)
        if route == "cap":
            return Response(302, b"", {"Location": f"{req.path}&n={len(server.requests)}"})
        target = other if host == "127.0.0.1" else f"http://127.0.0.1:{server.port}"
        return Response(301, b"", {"Location": target + req.path})

    server.routes[f"/f/{KEY}/rss"] = handler
    template = server.url("/f/${FEED_KEY}/rss?code=${FEED_KEY}")
    url = template.replace("${FEED_KEY}", KEY)
    mask = SecretMask([("${FEED_KEY}", KEY)])
    records: list[logging.LogRecord] = []
    handler_ = _Collect(records)
    logging.getLogger("monitor").addHandler(handler_)
    logging.getLogger("monitor").setLevel(logging.DEBUG)
    try:
        with Fetcher(timeout_s=1.0) as f, pytest.raises(FetchError) as info:
            f.fetch_feed(url, FeedState(url=template), mask=mask)
    finally:
        logging.getLogger("monitor").removeHandler(handler_)
        logging.getLogger("monitor").setLevel(logging.NOTSET)
    message = str(info.value)
    lines = [r.getMessage() for r in records]
    assert KEY not in message and all(KEY not in line for line in lines), (message, lines)
    assert "${FEED_KEY}" in message
    assert len(server.requests) >= 2  # the redirect was really followed
    if route == "fail":
        assert f"503 from {other}/f/${{FEED_KEY}}/rss?code=${{FEED_KEY}}" in message
        assert any("fetch.redirect" in line and "localhost" in line for line in lines)
    if route == "loop":
        assert "redirect loop" in message and "localhost" in message


class _Collect(logging.Handler):
    def __init__(self, out: list[logging.LogRecord]) -> None:
        super().__init__(logging.DEBUG)
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        self.out.append(record)


def test_errors_do_not_leak_feed_credentials(server: LocalServer, fetcher: Fetcher) -> None:
    """A failing feed URL with a token is shown redacted in the FetchError message."""
    server.routes["/rss"] = lambda r: Response(503, b"", {"Retry-After": "5"})
    url = server.url("/rss") + "?access_token=hunter2"
    with pytest.raises(FetchError) as info:
        fetcher.fetch_feed(url, FeedState(url=url))
    assert "hunter2" not in str(info.value) and "access_token=***" in str(info.value)
    state = record_failure(FeedState(url=url), info.value, now=NOW, interval_s=60)
    assert "hunter2" not in (state.last_error or "")
