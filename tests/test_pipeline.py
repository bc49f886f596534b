"""The whole path on real loopback servers and a real SQLite file: feed → verified webhook."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from standardwebhooks import Webhook

from monitor.config import Config, load_config
from monitor.fetch import Fetcher
from monitor.notify import Outbox
from monitor.pipeline import build_scorers, poll_feed
from monitor.store import Store
from tests.feeds import SECRET, rss, shifting_items, write_config
from tests.localserver import LocalServer, Request, Response

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


class Receiver:
    """Route handler that verifies Standard Webhooks signatures and records bodies."""

    def __init__(self, status: int = 204) -> None:
        self.status = status
        self.verified: list[dict[str, object]] = []
        self.ids: list[str] = []

    def __call__(self, req: Request) -> Response:
        if self.status >= 300:
            return Response(self.status)
        payload = Webhook(SECRET).verify(req.body, req.headers)
        self.verified.append(payload)
        self.ids.append(req.headers["webhook-id"])
        return Response(self.status)


@pytest.fixture
def setup(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Config, Store, Fetcher, Receiver]]:
    """Two outlets' feeds that turn hostile, a receiver, a config, a store."""
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    for outlet in ("alpha", "beta"):
        body = rss(shifting_items(NOW, prefix=outlet), title=f"{outlet.title()} News")
        server.routes[f"/{outlet}.xml"] = lambda req, body=body: Response(
            200, body, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}
        )
    receiver = Receiver()
    server.routes["/hook"] = receiver
    path = write_config(
        tmp_path / "w.yaml",
        db=tmp_path / "m.db",
        feeds=[server.url("/alpha.xml"), server.url("/beta.xml")],
        hook_url=server.url("/hook"),
    )
    config = load_config(path)
    store = Store(config.database)
    fetcher = Fetcher(allow_private=["127.0.0.1"])
    yield config, store, fetcher, receiver
    fetcher.close()
    store.close()


def _poll_all(config: Config, store: Store, fetcher: Fetcher) -> list[int]:
    scorers = build_scorers(config)
    return [
        poll_feed(
            f,
            config=config,
            store=store,
            fetcher=fetcher,
            scorers=scorers,
            clock=lambda: NOW,
            force=True,
        ).new_articles
        for f in config.feeds()
    ]


def test_feed_to_verified_webhook(setup: tuple[Config, Store, Fetcher, Receiver]) -> None:
    """Articles that complete a shift reach the receiver as one signed, verifiable alert."""
    config, store, fetcher, receiver = setup
    assert _poll_all(config, store, fetcher) == [39, 39]
    outbox = Outbox(store, config.notifiers, clock=lambda: NOW)
    assert outbox.deliver_due() >= 1
    shifts = [p for p in receiver.verified if p["type"] == "rhetoric.shift.detected"]
    assert len(shifts) == 1
    data = shifts[0]["data"]
    assert isinstance(data, dict)
    assert data["watch"] == "us-china"
    assert data["direction"] == "confrontation"
    assert data["recent"]["mean"] < data["baseline"]["mean"]
    assert data["recent"]["sources"] >= 1
    assert 1 <= len(data["drivers"]) <= 5
    assert all("Tariffs and threats" in d["title"] for d in data["drivers"])
    assert len(json.dumps(shifts[0]).encode()) < 20_000
    outbox.close()


def test_feed_served_twice_creates_no_duplicates(
    setup: tuple[Config, Store, Fetcher, Receiver],
) -> None:
    """Polling the same feed content again stores nothing new and emits nothing new."""
    config, store, fetcher, _ = setup
    _poll_all(config, store, fetcher)
    before = store.counts()
    assert _poll_all(config, store, fetcher) == [0, 0]
    assert store.counts() == before


def test_conditional_get_and_304(tmp_path: Path, server: LocalServer) -> None:
    """The second poll sends the saved ETag; a 304 answer means no parsing and no new rows."""
    body = rss(shifting_items(NOW, prefix="c", days_warm=2, days_hostile=0), title="C")

    def feed(req: Request) -> Response:
        if req.headers.get("if-none-match") == '"abc"':
            return Response(304, b"", {"ETag": '"abc"'})
        return Response(
            200, body, {"ETag": '"abc"', "Last-Modified": "Fri, 01 May 2026 10:00:00 GMT"}
        )

    server.routes["/c.xml"] = feed
    config = load_config(
        write_config(
            tmp_path / "w.yaml", db=tmp_path / "m.db", feeds=[server.url("/c.xml")], hook_url=None
        )
    )
    store = Store(config.database)
    scorers = build_scorers(config)
    (feed_,) = config.feeds()
    with Fetcher() as fetcher:
        first = poll_feed(
            feed_,
            config=config,
            store=store,
            fetcher=fetcher,
            scorers=scorers,
            clock=lambda: NOW,
            force=True,
        )
        second = poll_feed(
            feed_,
            config=config,
            store=store,
            fetcher=fetcher,
            scorers=scorers,
            clock=lambda: NOW,
            force=True,
        )
    assert (first.status, first.new_articles) == ("ok", 6)
    assert second.status == "not_modified"
    hits = server.hits("/c.xml")
    assert "if-none-match" not in hits[0].headers
    assert hits[1].headers["if-none-match"] == '"abc"'
    assert hits[1].headers["if-modified-since"] == "Fri, 01 May 2026 10:00:00 GMT"
    state = store.feed_state(feed_.url)
    assert state.etag == '"abc"' and state.error_count == 0
    store.close()


def test_failing_feed_backs_off_and_reports(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed failing 3 polls in a row raises one source.failing event, then recovers."""
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    status = {"code": 503}
    body = rss(shifting_items(NOW, prefix="d", days_warm=1, days_hostile=0), title="D")
    server.routes["/d.xml"] = lambda req: Response(
        status["code"], body if status["code"] == 200 else b"down"
    )
    receiver = Receiver()
    server.routes["/hook"] = receiver
    config = load_config(
        write_config(
            tmp_path / "w.yaml",
            db=tmp_path / "m.db",
            feeds=[server.url("/d.xml")],
            hook_url=server.url("/hook"),
        )
    )
    store = Store(config.database)
    scorers = build_scorers(config)
    (feed,) = config.feeds()
    with Fetcher() as fetcher:
        for _ in range(4):
            r = poll_feed(
                feed,
                config=config,
                store=store,
                fetcher=fetcher,
                scorers=scorers,
                clock=lambda: NOW,
                force=True,
            )
            assert r.status == "failed"
        state = store.feed_state(feed.url)
        assert state.error_count == 4 and not state.disabled
        assert state.next_attempt_at is not None and state.next_attempt_at > NOW
        assert "503" in (state.last_error or "")
        status["code"] = 200
        ok = poll_feed(
            feed,
            config=config,
            store=store,
            fetcher=fetcher,
            scorers=scorers,
            clock=lambda: NOW,
            force=True,
        )
        assert ok.status == "ok"
    Outbox(store, config.notifiers, clock=lambda: NOW, client=httpx.Client()).deliver_due()
    kinds = [p["type"] for p in receiver.verified]
    assert kinds == ["source.failing", "source.recovered"]
    store.close()


PAGE = """<!doctype html><html><head><title>{title}</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a></nav>
<article><h1>{title}</h1>
<p>Senior officials from the United States and China met in Geneva on Tuesday and agreed to
restore regular contacts between their defence ministries after months of silence.</p>
<p>Both delegations described the talks as candid and constructive, and said working groups
would meet again before the end of the year to prepare a visit by the Chinese premier.</p>
<p>Diplomats on both sides said the renewed dialogue was meant to lower the risk of accidents
at sea and in the air, and to give trade negotiators room to work.</p>
</article>
<aside>Share this article on Facebook. Share on X.</aside>
<footer><p>Subscribe to our newsletter for the latest stories delivered to your inbox!</p>
<p>Copyright 2026 Example Media. All rights reserved.</p></footer>
</body></html>"""


def test_article_pages_are_fetched_and_cleaned(tmp_path: Path, server: LocalServer) -> None:
    """With fetch_article the stored text is the page's main text, without share/subscribe lines."""
    now = NOW
    from tests.feeds import Item

    items = [
        Item(
            guid=f"p{i}",
            title=f"Defence talks resume {i}",
            text="Short summary.",
            published=now,
            link=server.url(f"/articles/p{i}"),
        )
        for i in range(2)
    ]
    server.routes["/p.xml"] = lambda req: Response(200, rss(items, title="Pages"))
    for it in items:
        page = PAGE.format(title=it.title).encode()
        server.routes[f"/articles/{it.guid}"] = lambda req, page=page: Response(
            200, page, {"Content-Type": "text/html; charset=utf-8"}
        )
    path = tmp_path / "w.yaml"
    path.write_text(
        f"database: {tmp_path / 'm.db'}\nfetch:\n  allow_private: ['127.0.0.1']\n"
        "watches:\n  - name: us-china\n    actors: [United States, China]\n"
        f"    fetch_article: true\n    feeds: [{server.url('/p.xml')}]\n"
    )
    config = load_config(path)
    store = Store(config.database)
    with Fetcher(allow_private=config.fetch.allow_private) as fetcher:
        (feed,) = config.feeds()
        res = poll_feed(
            feed,
            config=config,
            store=store,
            fetcher=fetcher,
            scorers=build_scorers(config),
            clock=lambda: now,
            force=True,
        )
    assert res.new_articles == 2
    rows = list(store.db.execute("select text, extracted_from from articles"))
    for text, origin in rows:
        assert origin == "page"
        assert "defence ministries" in text
        assert "Subscribe" not in text and "Share this" not in text and "Sign in" not in text
    tones = [t for (t,) in store.db.execute("select tone from scores")]
    assert len(tones) == 2 and all(t > 0 for t in tones)
    store.close()


def test_article_page_on_private_address_refused_without_allow_list(
    tmp_path: Path, server: LocalServer
) -> None:
    """Without an allow-list a page on 127.0.0.1 is refused and the feed's text is used."""
    from tests.feeds import Item

    items = [
        Item(
            guid="q1",
            title="Talks",
            text="The United States and China agreed to talk.",
            published=NOW,
            link=server.url("/articles/q1"),
        )
    ]
    server.routes["/q.xml"] = lambda req: Response(200, rss(items, title="Q"))
    server.routes["/articles/q1"] = lambda req: Response(200, b"<html><p>page</p></html>")
    path = tmp_path / "w.yaml"
    path.write_text(
        f"database: {tmp_path / 'm.db'}\nwatches:\n  - name: us-china\n"
        "    actors: [United States, China]\n    fetch_article: true\n"
        f"    feeds: [{server.url('/q.xml')}]\n"
    )
    config = load_config(path)
    store = Store(config.database)
    with Fetcher() as fetcher:
        (feed,) = config.feeds()
        poll_feed(
            feed,
            config=config,
            store=store,
            fetcher=fetcher,
            scorers=build_scorers(config),
            clock=lambda: NOW,
            force=True,
        )
    assert server.hits("/articles/q1") == []
    ((text, origin),) = list(store.db.execute("select text, extracted_from from articles"))
    assert origin != "page" and "agreed to talk" in text
    store.close()


def test_feed_speaker_reaches_the_scorer(tmp_path: Path) -> None:
    """An article from a feed that speaks for China is scored with China as its speaker."""
    from monitor.models import Article
    from monitor.pipeline import score_for_watches

    path = tmp_path / "watches.yaml"
    path.write_text(
        "database: ./x.db\n"
        "watches:\n"
        "  - name: us-china\n"
        "    actors: [United States, China]\n"
        "    feeds:\n"
        "      - {url: 'https://mfa.example.org/rss', speaker: CHN}\n"
        "      - https://news.example.org/rss\n"
    )
    config = load_config(path, env={})
    scorers = build_scorers(config)
    text = (
        "The United States must lift its illegal sanctions and stop its bullying.\n\n"
        "The spokesperson also welcomed the new cooperation agreement with Japan."
    )
    now = datetime(2026, 11, 1, tzinfo=UTC)
    tones = {}
    for url in ("https://mfa.example.org/rss", "https://news.example.org/rss"):
        article = Article(
            key=url, feed_url=url, url=None, title="", text=text, published=now, source="x"
        )
        ((sample, score),) = score_for_watches(article, config.watches, scorers, now=now)
        tones[url] = sample.tone
        speakers = {ev.speaker for ev in score.evidence if ev.phrase == "sanctions"}
        if "mfa" in url:
            assert speakers == {"China"}
        else:
            # Said by no one known, a text naming only the United States is not about the
            # relation: nothing of it is read for the watch.
            assert (score.evidence, score.tone, score.relevant_sentences) == ((), 0.0, 0)
    # Said by China, the passage about the United States is about the watched relation.
    assert tones["https://mfa.example.org/rss"] < tones["https://news.example.org/rss"] - 0.2
