"""Every file under ../shared/feeds/ served over loopback HTTP, fetched and parsed.

The feedparser corpus files open with a comment whose ``Header:`` lines give
HTTP headers to serve; they are served with those headers. For each file, the
entries we keep must equal what feedparser itself finds in the same bytes and
headers, minus the entries we skip on purpose (no GUID and no link) and the
repeats of an identity already seen, both counted here independently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from monitor.errors import ParseError
from monitor.fetch import Fetcher
from monitor.models import FeedState
from monitor.parse import canonical_link, parse_feed
from tests.localserver import LocalServer, Request, Response

NOW = datetime(2026, 1, 1, tzinfo=UTC)
GROUPS = [
    "feedparser/wellformed",
    "feedparser/illformed",
    "feedparser/encoding",
    "feedparser/entities",
    "feedparser/json",
    "real/news",
    "real/misc",
]
_HEADER = re.compile(r"^Header:\s*([A-Za-z0-9-]+):[ \t]*(.*?)\s*$", re.MULTILINE)
_ENCODINGS = ("utf-8", "utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def served_headers(body: bytes) -> dict[str, str]:
    """HTTP headers a corpus file asks for in its leading comment (any Unicode encoding)."""
    head = body[:8192]
    text = head.decode("latin-1")
    for enc in _ENCODINGS:
        try:
            candidate = head.decode(enc)
        except UnicodeDecodeError:
            continue
        if "Description:" in candidate or "Header:" in candidate:
            text = candidate
            break
    headers = {name: value for name, value in _HEADER.findall(text)}
    if not any(name.lower() == "content-type" for name in headers):
        headers["Content-Type"] = "application/xml"
    return headers


def expected_kept(body: bytes, headers: dict[str, str], feed_url: str) -> tuple[int, int, int]:
    """(feedparser's entry count, entries with no GUID and no link, repeated identities)."""
    parsed = feedparser.parse(body, response_headers=headers)
    no_identity = duplicates = 0
    seen: set[tuple[str, str]] = set()
    for raw in parsed.entries:
        guid = (raw.get("id") or "").strip()
        link = (raw.get("link") or "").strip()
        if not guid and not link:
            no_identity += 1
            continue
        ident = ("guid", guid) if guid else ("link", canonical_link(link, base=feed_url))
        if ident in seen:
            duplicates += 1
        seen.add(ident)
    return len(parsed.entries), no_identity, duplicates


def _serve(body: bytes, headers: dict[str, str]) -> Callable[[Request], Response]:
    """A route answering 200 with ``body`` and ``headers``."""
    return lambda request: Response(200, body, headers)


@pytest.fixture(scope="module")
def corpus_server() -> Iterator[LocalServer]:
    """One loopback server for the whole corpus (routes added per file)."""
    srv = LocalServer()
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.mark.parametrize("group", GROUPS)
def test_corpus_group_keeps_what_feedparser_finds(
    shared_dir: Path, corpus_server: LocalServer, group: str
) -> None:
    """Each file yields feedparser's entry count minus skipped/duplicate ones, or ParseError."""
    root = shared_dir / "feeds" / group
    if not root.is_dir():
        pytest.skip(f"{root} not present")
    files = sorted(p for p in root.rglob("*") if p.is_file())
    assert files, f"no files under {root}"
    mismatches: list[str] = []
    totals = {"files": 0, "entries": 0, "kept": 0, "no_identity": 0, "dups": 0, "errors": 0}
    bozo = 0
    with Fetcher(timeout_s=10) as fetcher:
        for index, path in enumerate(files):
            body = path.read_bytes()
            headers = served_headers(body)
            route = f"/{group}/{index}"
            corpus_server.routes[route] = _serve(body, headers)
            url = corpus_server.url(route)
            result = fetcher.fetch_feed(url, FeedState(url=url))
            assert result.body == body, f"{path}: body changed in transit"
            reference: dict[str, str] = {}
            for key, value in result.headers:
                reference.setdefault(key.lower(), value)
            found, no_identity, dups = expected_kept(result.body, reference, url)
            try:
                entries = parse_feed(result.body, feed_url=url, headers=result.headers, now=NOW)
            except ParseError:
                entries = ()
                totals["errors"] += 1
            bozo += any(e.bozo_warning for e in entries)
            totals["files"] += 1
            totals["entries"] += found
            totals["kept"] += len(entries)
            totals["no_identity"] += no_identity
            totals["dups"] += dups
            if len(entries) != found - no_identity - dups:
                mismatches.append(
                    f"{path.relative_to(root)}: kept {len(entries)}, feedparser {found}, "
                    f"no identity {no_identity}, duplicates {dups}"
                )
            del corpus_server.routes[route]
    print(f"\ncorpus {group}: {totals} bozo_kept_files={bozo}")
    assert not mismatches, "\n".join(mismatches[:30])
