"""Every file under ../shared/feeds/ served over loopback HTTP and polled into a real store.

The feedparser corpus files open with a comment whose ``Header:`` lines give
HTTP headers to serve; they are served with those headers. For each file, the
articles stored must equal what feedparser itself finds in the same bytes and
headers, minus the entries we skip on purpose (no GUID and no link) and the
repeats of an identity already seen, both counted here independently. A slice
of the corpus also goes through the real daemon at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from monitor.config import load_config
from monitor.errors import ParseError
from monitor.fetch import Fetcher
from monitor.models import Feed, FeedState
from monitor.parse import canonical_link, parse_feed
from monitor.pipeline import build_scorers, poll_feed
from monitor.store import Store
from tests.feeds import write_config
from tests.harness import DaemonProcess, db_count, db_rows, wait_for
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


def _publish(server: LocalServer, route: str, path: Path) -> tuple[bytes, dict[str, str], str]:
    """Serve a corpus file at ``route`` with the headers it asks for: its body, headers, URL."""
    body = path.read_bytes()
    headers = served_headers(body)
    server.routes[route] = _serve(body, headers)
    return body, headers, server.url(route)


@pytest.fixture(scope="module")
def corpus_server() -> Iterator[LocalServer]:
    """One loopback server for the whole corpus (routes added per file)."""
    srv = LocalServer()
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def _count(store: Store, url: str) -> int:
    """Articles stored for the feed ``url``."""
    return int(
        store.db.execute("select count(*) from articles where feed_url = ?", [url]).fetchone()[0]
    )


@pytest.mark.parametrize("group", GROUPS)
def test_corpus_group_stores_what_feedparser_finds(
    shared_dir: Path, corpus_server: LocalServer, tmp_path: Path, group: str
) -> None:
    """Each file, polled by the daemon's own per-feed job body (fetch, parse, extract, tone,
    store), stores feedparser's entry count minus skipped and repeated identities; a bozo
    feed is recorded as a warning on the feed (no failure counted), a file that holds no
    feed a counted failure."""
    root = shared_dir / "feeds" / group
    if not root.is_dir():
        pytest.skip(f"{root} not present")
    files = sorted(p for p in root.rglob("*") if p.is_file())
    assert files, f"no files under {root}"
    config = load_config(
        write_config(
            tmp_path / "w.yaml",
            db=tmp_path / "m.db",
            feeds=[corpus_server.url("/x")],
            hook_url=None,
        )
    )
    store = Store(config.database)
    scorers = build_scorers(config)
    mismatches: list[str] = []
    totals = {"files": 0, "entries": 0, "stored": 0, "no_identity": 0, "dups": 0, "errors": 0}
    bozo = 0
    with Fetcher(timeout_s=10) as fetcher:
        for index, path in enumerate(files):
            route = f"/{group}/{index}"
            body, _, url = _publish(corpus_server, route, path)
            fetched = fetcher.fetch_feed(url, FeedState(url=url))
            assert fetched.body == body, f"{path}: body changed in transit"
            reference: dict[str, str] = {}
            for key, value in fetched.headers:
                reference.setdefault(key.lower(), value)
            found, no_identity, dups = expected_kept(fetched.body, reference, url)
            parsed = feedparser.parse(fetched.body, response_headers=reference)
            feed = Feed(url=url, watches=("us-china",), interval_s=300)
            result = poll_feed(
                feed,
                config=config,
                store=store,
                fetcher=fetcher,
                scorers=scorers,
                clock=lambda: NOW,
                force=True,
                detect=False,
            )
            state = store.feed_state(url)
            stored = _count(store, url)
            totals["files"] += 1
            totals["entries"] += found
            totals["stored"] += stored
            totals["no_identity"] += no_identity
            totals["dups"] += dups
            if result.status == "failed":
                # Only what our parser refuses (nothing usable in it) may fail, and it counts.
                totals["errors"] += 1
                with pytest.raises(ParseError):
                    parse_feed(fetched.body, feed_url=url, headers=fetched.headers, now=NOW)
                assert (state.error_count, bool(state.last_error)) == (1, True), path
                continue
            assert result.status == "ok", f"{path}: {result}"
            assert state.error_count == 0 and state.last_error is None, path
            # Ill-formed but read: recorded on the feed as a warning, not a failure.
            assert (state.last_warning is not None) == bool(parsed.get("bozo")), path
            bozo += bool(parsed.get("bozo"))
            if stored != found - no_identity - dups:
                mismatches.append(
                    f"{path.relative_to(root)}: stored {stored}, feedparser {found}, "
                    f"no identity {no_identity}, duplicates {dups}"
                )
            del corpus_server.routes[route]
    store.close()
    print(f"\ncorpus {group}: {totals} bozo_files_recorded_as_warnings={bozo}")
    assert not mismatches, "\n".join(mismatches[:30])
    assert totals["stored"] > 0 or group == "feedparser/json"


def _sample_files(shared_dir: Path) -> list[Path]:
    """A fixed cross-section of the corpus: every ill-formed file, a slice of the rest."""
    every = {
        "feedparser/illformed": 1,
        "feedparser/json": 1,
        "feedparser/encoding": 10,
        "feedparser/entities": 40,
        "feedparser/wellformed": 100,
        "real/news": 5,
        "real/misc": 5,
    }
    out: list[Path] = []
    for group, step in every.items():
        root = shared_dir / "feeds" / group
        if root.is_dir():
            out += sorted(p for p in root.rglob("*") if p.is_file())[::step]
    return out


def test_the_real_daemon_keeps_running_through_a_slice_of_the_corpus(
    shared_dir: Path, corpus_server: LocalServer, tmp_path: Path
) -> None:
    """`rhetoric-monitor run` over ~70 corpus feeds at once (ill-formed, wrongly encoded,
    entity-laden, real): it stays up, stores what feedparser finds, and stops with exit 0."""
    files = _sample_files(shared_dir)
    if not files:
        pytest.skip(f"{shared_dir / 'feeds'} not present")
    expected: dict[str, int | None] = {}
    for index, path in enumerate(files):
        body, headers, url = _publish(corpus_server, f"/daemon/{index}", path)
        found, no_identity, dups = expected_kept(
            body, {k.lower(): v for k, v in headers.items()}, url
        )
        try:
            parse_feed(body, feed_url=url, headers=tuple(headers.items()), now=NOW)
            expected[url] = found - no_identity - dups
        except ParseError:
            expected[url] = None  # refused: a counted failure, nothing stored
    db = tmp_path / "m.db"
    cfg = write_config(
        tmp_path / "w.yaml", db=db, feeds=list(expected), hook_url=None, interval="10m"
    )
    daemon = DaemonProcess(cfg, tmp_path / "daemon.log")
    try:
        wait_for(
            lambda: (
                db_count(db, "select count(*) from feeds where last_attempt_at is not null")
                >= len(expected)
            ),
            timeout=90,
            what="every feed's first poll",
        )
        assert daemon.alive()
        stored = dict(db_rows(db, "select feed_url, count(*) from articles group by feed_url"))
        failed = {u for (u,) in db_rows(db, "select url from feeds where error_count > 0")}
        warned = db_count(db, "select count(*) from feeds where last_warning is not null")
        assert daemon.stop() == 0
    finally:
        daemon.kill()
    assert failed == {u for u, n in expected.items() if n is None}
    wrong = {u: (stored.get(u, 0), n) for u, n in expected.items() if n and stored.get(u, 0) != n}
    assert wrong == {}
    assert sum(stored.values()) > 100
    log = (tmp_path / "daemon.log").read_text(encoding="utf-8", errors="replace")
    assert "parse.bozo" in log and "Traceback" not in log
    assert warned >= 10  # the ill-formed ones, recorded on their feeds
