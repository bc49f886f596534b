"""Parse stage: feed bytes + headers → Entry records (identity, bozo policy, hostile input)."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from monitor.errors import ParseError
from monitor.fetch import Fetcher
from monitor.models import Entry, FeedState
from monitor.parse import canonical_link, parse_document, parse_feed
from tests.localserver import LocalServer, Response

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
FEED = "https://feeds.example.org/world.rss"
XML = [("Content-Type", "application/rss+xml; charset=utf-8")]


def rss(items: str, *, title: str = "Example World", encoding: str = "utf-8") -> bytes:
    """An RSS 2.0 document around ``items``."""
    doc = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://example.org/</link>{items}</channel></rss>"
    )
    return doc.encode(encoding)


def parse(body: bytes, **kw: Any) -> tuple[Entry, ...]:
    """parse_feed with the test feed URL, XML headers and a fixed clock."""
    options: dict[str, Any] = {"feed_url": FEED, "headers": XML, "now": NOW}
    options.update(kw)
    return parse_feed(body, **options)


def test_same_feed_twice_gives_same_keys(server: LocalServer) -> None:
    """A feed served twice over HTTP yields identical entry keys (no duplicates downstream)."""
    body = rss(
        "<item><guid>g-1</guid><title>A</title></item>"
        "<item><link>https://example.org/b?utm_source=rss</link><title>B</title></item>"
    )
    server.routes["/rss"] = lambda r: Response(200, body, {"Content-Type": "application/rss+xml"})
    url = server.url("/rss")
    with Fetcher() as f:
        runs = [f.fetch_feed(url, FeedState(url=url)) for _ in range(2)]
    keys = [
        [e.key for e in parse_feed(r.body, feed_url=url, headers=r.headers, now=NOW)] for r in runs
    ]
    assert keys[0] == keys[1] and len(set(keys[0])) == 2


def test_guid_is_identity_and_kept_verbatim() -> None:
    """An entry with a GUID is keyed by feed URL + GUID, even when its link changes."""
    one = parse(
        rss("<item><guid>42</guid><link>https://example.org/a</link><title>x</title></item>")
    )
    two = parse(
        rss("<item><guid>42</guid><link>https://example.org/b</link><title>y</title></item>")
    )
    assert one[0].key == two[0].key and one[0].guid == "42"
    assert FEED in one[0].key


def test_link_fallback_is_canonical() -> None:
    """Without a GUID the canonical link (no fragment, no utm_*, lowercase host) is the identity."""
    a = parse(rss("<item><link>HTTP://Example.ORG:80/a?utm_source=x&amp;id=3#top</link></item>"))
    b = parse(rss("<item><link>http://example.org/a?id=3</link><title>edited</title></item>"))
    assert a[0].guid is None and a[0].link == "http://example.org/a?id=3"
    assert a[0].key == b[0].key


def test_relative_link_resolves_against_feed_url() -> None:
    """A relative link is resolved against the feed URL before it becomes an identity."""
    (entry,) = parse(rss("<item><link>/story/1</link></item>"))
    assert entry.link == "https://feeds.example.org/story/1"


def test_canonical_link_keeps_meaningful_query() -> None:
    """Only tracking parameters are dropped; other query parameters stay in order."""
    got = canonical_link("https://EX.org/p?b=2&utm_medium=x&a=1&fbclid=z#f")
    assert got == "https://ex.org/p?b=2&a=1"


def test_entry_without_guid_or_link_skipped(caplog: pytest.LogCaptureFixture) -> None:
    """An entry with neither GUID nor link is skipped with a warning naming the feed."""
    with caplog.at_level(logging.WARNING):
        entries = parse(rss("<item><title>orphan</title></item><item><guid>k</guid></item>"))
    assert [e.guid for e in entries] == ["k"]
    assert any("parse.entry_without_identity" in r.getMessage() for r in caplog.records)


def test_duplicate_guids_keep_first() -> None:
    """Two entries with one GUID in one feed: the first is kept, the second dropped."""
    entries = parse(
        rss(
            "<item><guid>dup</guid><title>first</title></item>"
            "<item><guid>dup</guid><title>second</title></item>"
            "<item><guid>other</guid><title>third</title></item>"
        )
    )
    assert [e.title for e in entries] == ["first", "third"]


def test_dates_missing_future_and_offset() -> None:
    """Missing dates are None, dates beyond now + 1 h are None, offsets become aware UTC."""
    soon = (NOW + timedelta(minutes=30)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    entries = parse(
        rss(
            "<item><guid>none</guid></item>"
            "<item><guid>future</guid><pubDate>Mon, 01 Dec 2036 10:00:00 GMT</pubDate></item>"
            "<item><guid>tz</guid><pubDate>Mon, 01 Dec 2025 10:00:00 +0200</pubDate></item>"
            f"<item><guid>soon</guid><pubDate>{soon}</pubDate></item>"
        )
    )
    dates = {e.guid: e.published for e in entries}
    assert dates["none"] is None and dates["future"] is None
    assert dates["tz"] == datetime(2025, 12, 1, 8, 0, tzinfo=UTC)
    assert dates["soon"] == NOW + timedelta(minutes=30)


def _item(guid: str, date: str) -> str:
    return f"<item><guid>{guid}</guid><pubDate>{date}</pubDate></item>"


def test_dates_before_the_floor_are_untrusted_and_warned() -> None:
    """Year 1, 1900 and the epoch (in any time zone) are a publisher's null written as a
    date: like a future date the entry gets no date (the pipeline stores it with the fetch
    time) and the document carries a warning naming how many and the earliest."""
    doc = parse_document(
        rss(
            _item("year1", "Mon, 01 Jan 0001 00:00:00 GMT")
            + _item("1900", "Mon, 01 Jan 1900 00:00:00 GMT")
            + _item("epoch", "Thu, 01 Jan 1970 00:00:00 +0100")
            + _item("future", "Mon, 01 Dec 2036 10:00:00 GMT")
            + _item("fine", "Mon, 01 Dec 2025 10:00:00 GMT")
        ),
        feed_url=FEED,
        headers=XML,
        now=NOW,
    )
    dates = {e.guid: e.published for e in doc.entries}
    assert dates == {
        "year1": None,
        "1900": None,
        "epoch": None,
        "future": None,
        "fine": datetime(2025, 12, 1, 10, tzinfo=UTC),
    }
    assert doc.warning == (
        "untrusted entry dates: 3 dated before 2015-12-01 (earliest 0001-01-01T00:00:00+00:00);"
        " 1 dated after the fetch (latest 2036-12-01T10:00:00+00:00); stored with the fetch time"
    )


def test_date_floor_follows_the_feeds_newest_entry() -> None:
    """Besides 1970, an entry dated more than ten years before the newest entry of its own
    document is a placeholder (2000-01-01 in this week's news); an archive spanning a few
    years keeps its dates, and so does a feed whose entries are all old."""
    placeholder = parse_document(
        rss(
            _item("new", "Mon, 01 Dec 2025 10:00:00 GMT")
            + _item("y2k", "Sat, 01 Jan 2000 0:00:00 GMT")
        ),
        feed_url=FEED,
        headers=XML,
        now=NOW,
    )
    assert {e.guid: e.published for e in placeholder.entries}["y2k"] is None
    assert placeholder.warning and "1 dated before 2015-12-01" in placeholder.warning
    archive = parse_document(
        rss(
            _item("new", "Mon, 01 Dec 2025 10:00:00 GMT")
            + _item("old", "Sun, 01 Dec 2019 10:00:00 GMT")
        ),
        feed_url=FEED,
        headers=XML,
        now=NOW,
    )
    assert [e.published for e in archive.entries] == [
        datetime(2025, 12, 1, 10, tzinfo=UTC),
        datetime(2019, 12, 1, 10, tzinfo=UTC),
    ]
    assert archive.warning is None
    old = parse_document(
        rss(_item("a", "Fri, 01 Jan 1999 10:00:00 GMT")), feed_url=FEED, headers=XML, now=NOW
    )
    assert old.entries[0].published == datetime(1999, 1, 1, 10, tzinfo=UTC) and old.warning is None


def test_an_untrusted_published_date_falls_back_to_updated() -> None:
    """An Atom entry whose <published> is year 1 but whose <updated> is sane gets <updated>:
    a date to trust, so no warning."""
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        b"<entry><id>a</id><title>x</title><published>0001-01-01T00:00:00Z</published>"
        b"<updated>2025-11-30T10:00:00Z</updated></entry></feed>"
    )
    doc = parse_document(atom, feed_url=FEED, now=NOW)
    assert doc.entries[0].published == datetime(2025, 11, 30, 10, tzinfo=UTC)
    assert doc.warning is None


def test_atom_updated_used_when_no_published() -> None:
    """An Atom entry with only <updated> gets that date."""
    body = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
        b"<entry><id>urn:x:1</id><title>t</title><updated>2025-06-01T00:00:00Z</updated></entry>"
        b"</feed>"
    )
    (entry,) = parse(body, headers=[("Content-Type", "application/atom+xml")])
    assert entry.published == datetime(2025, 6, 1, tzinfo=UTC) and entry.guid == "urn:x:1"


def test_html_and_script_in_title_and_summary_stripped() -> None:
    """Titles and summaries are plain text: tags, script and style gone, entities unescaped;
    the article built from the entry's HTML content holds none of them either."""
    from monitor.parse import build_article

    (a, b) = parse(
        rss(
            "<item><guid>1</guid><title>&lt;b&gt;Talks&lt;/b&gt; &lt;script&gt;alert(1)"
            "&lt;/script&gt;resume &amp;amp; more</title><description><![CDATA[<p>Hello "
            "<script>steal()</script><style>p{}</style>world &amp; co</p>]]></description></item>"
            "<item><guid>2</guid><title><![CDATA[Second <script>alert(2)</script><i>x</i>]]>"
            "</title></item>"
        )
    )
    assert a.title == "Talks resume & more" and a.summary == "Hello world & co"
    assert b.title == "Second x"
    article = build_article(a, now=datetime(2025, 6, 1, tzinfo=UTC))
    assert article.text == "Hello world & co"
    for text in (a.title, a.summary, article.title, article.text, b.title):
        assert "<script" not in text and "alert" not in text and "steal" not in text
        assert "p{}" not in text


def test_content_is_longest_value_else_summary() -> None:
    """Entry.content is the longest content:encoded value, or the summary when there is none."""
    entries = parse(
        rss(
            '<item xmlns:content="http://purl.org/rss/1.0/modules/content/"><guid>1</guid>'
            "<description>short</description>"
            "<content:encoded><![CDATA[<p>The long body text.</p>]]></content:encoded></item>"
            "<item><guid>2</guid><description>only summary</description></item>"
        )
    )
    assert "The long body text." in entries[0].content and entries[0].summary == "short"
    assert entries[1].content == "only summary"


def test_summary_html_shared_with_content_is_converted_once() -> None:
    """When the summary is the content's HTML, the entry carries its visible text, and the
    article built from it is the one built by converting the content again; a distinct
    content, or a summary longer than the summary cap reads, is left to the extract stage."""
    from dataclasses import replace

    from monitor.parse import build_article, html_to_text

    body = "<p>Talks resume.</p><p>Share this</p><script>x()</script><p>Both sides &amp; more.</p>"
    long_body = "<p>" + "word " * 20_000 + "</p>"
    entries = parse(
        rss(
            f"<item><guid>1</guid><description><![CDATA[{body}]]></description></item>"
            '<item xmlns:content="http://purl.org/rss/1.0/modules/content/"><guid>2</guid>'
            "<description>short</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
            f"<item><guid>3</guid><description><![CDATA[{long_body}]]></description></item>"
        )
    )
    shared, distinct, long = entries
    assert shared.content == body and shared.content_text == html_to_text(body)
    assert distinct.content_text is None and long.content_text is None
    for entry in entries:
        built = build_article(entry, now=NOW)
        assert built == build_article(replace(entry, content_text=None), now=NOW)
    assert build_article(shared, now=NOW).text == "Talks resume.\nBoth sides & more."
    assert shared == replace(shared, content_text=None)  # derived: not part of the value


def test_source_is_feed_title_else_host() -> None:
    """Entry.source is the feed's title, or the feed URL's host when the title is empty."""
    assert parse(rss("<item><guid>1</guid></item>"))[0].source == "Example World"
    assert parse(rss("<item><guid>1</guid></item>", title=""))[0].source == "feeds.example.org"


def test_wrong_declared_charset_still_parses() -> None:
    """Latin-1 bytes declared as UTF-8 still give entries (with a bozo warning), not garbage."""
    body = rss("<item><guid>1</guid><title>Café à Pékin</title></item>", encoding="utf-8")
    latin = body.decode("utf-8").encode("latin-1")
    (entry,) = parse(latin)
    assert entry.title == "Café à Pékin"
    assert entry.bozo_warning and "encoding" in entry.bozo_warning.lower()


def test_header_charset_overrides_xml_declaration() -> None:
    """The Content-Type charset from the response headers is honoured (RFC 7303)."""
    body = rss("<item><guid>1</guid><title>Кремль</title></item>", encoding="utf-8")
    body = body.replace(b'encoding="utf-8"', b"").decode("utf-8").encode("koi8-r")
    (entry,) = parse(body, headers=[("Content-Type", "text/xml; charset=koi8-r")])
    assert entry.title == "Кремль"


def test_billion_laughs_does_not_expand() -> None:
    """Nested XML entity declarations are not expanded: parsing stays fast and small."""
    decl = '<!ENTITY lol "lol">'
    prev = "lol"
    for i in range(1, 10):
        decl += f'<!ENTITY lol{i} "{("&" + prev + ";") * 10}">'
        prev = f"lol{i}"
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{decl}]><rss version="2.0"><channel><title>t</title>'
        f"<item><guid>1</guid><title>&lol9;</title><description>&lol9;</description></item>"
        "</channel></rss>"
    ).encode()
    start = time.monotonic()
    try:
        entries = parse(body)
    except ParseError:
        entries = ()
    assert time.monotonic() - start < 5
    for e in entries:
        assert len(e.title) < 1_000 and len(e.summary) < 1_000 and "lollollol" not in e.title


def test_quadratic_blowup_entity_is_bounded() -> None:
    """One large entity referenced many times cannot inflate a field past its cap."""
    body = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + "x" * 20_000 + '">]>'
        '<rss version="2.0"><channel><item><guid>1</guid><title>' + "&a;" * 20_000 + "</title>"
        "</item></channel></rss>"
    ).encode()
    try:
        entries = parse(body)
    except ParseError:
        entries = ()
    for e in entries:
        assert len(e.title) <= 1_000


def test_bozo_with_entries_kept_with_warning(caplog: pytest.LogCaptureFixture) -> None:
    """A malformed feed that still yields entries keeps them, marked and logged as parse.bozo."""
    body = rss("<item><guid>1</guid><title>ok</title></item><item><guid>2</guid><title>bro")
    with caplog.at_level(logging.WARNING):
        entries = parse(body[:-20])
    assert entries and all(e.bozo_warning for e in entries)
    assert any(r.getMessage().startswith("parse.bozo") for r in caplog.records)


def test_ill_formed_feed_without_entries_is_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    """A recognisable feed that is ill-formed (an HTML entity XML does not know) and has no
    items yet is a warning and no entries, not a failure that counts against the feed."""
    body = b'<rss version="2.0"><channel><title>World &nbsp; news</title></channel></rss>'
    with caplog.at_level(logging.WARNING):
        assert parse(body) == ()
    assert any("parse.bozo" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    "body",
    [b"", b"\x00\xff garbage \x89PNG", b"<html><body><p>Not a feed</p></body></html>", b"<x/>"],
)
@pytest.mark.parametrize("content_type", ["text/html", "application/xml"])
def test_garbage_raises_parse_error(body: bytes, content_type: str) -> None:
    """Bytes with no entries that are not a valid feed raise ParseError naming the feed."""
    with pytest.raises(ParseError, match=r"feeds\.example\.org/world\.rss"):
        parse(body, headers=[("Content-Type", content_type)])


def test_valid_empty_feed_is_empty_tuple() -> None:
    """A well-formed feed with no items is not an error."""
    assert parse(rss("")) == ()


def test_naive_now_rejected() -> None:
    """A naive clock is a programming error, refused loudly rather than mis-dating entries."""
    with pytest.raises(ValueError, match="timezone-aware"):
        parse(rss(""), now=datetime(2026, 1, 1))


@pytest.mark.parametrize(
    ("link", "want"),
    [
        ("http://[abc/x", "http://[abc/x"),
        ("//cdn.example.org/a#x", "https://cdn.example.org/a"),
        ("urn:uuid:1", "urn:uuid:1"),
        ("https://EXAMPLE.org:443", "https://example.org/"),
    ],
)
def test_canonical_link_odd_inputs(link: str, want: str) -> None:
    """Malformed, scheme-relative and non-http links canonicalise without raising."""
    assert canonical_link(link, base=FEED) == want


def test_cdf_channel_without_items_is_empty_not_error() -> None:
    """A well-formed CDF channel with a title but no items is a valid empty feed."""
    body = b'<?xml version="1.0"?><CHANNEL HREF="http://example.org/"><TITLE>t</TITLE></CHANNEL>'
    assert parse(body, headers=[("Content-Type", "application/xml")]) == ()
