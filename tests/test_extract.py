"""Extract stage: main text, boilerplate removal, HTML to text, and the Article fallback chain."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.errors import ExtractError
from monitor.fetch import Fetcher
from monitor.models import Entry, FetchResult
from monitor.parse import build_article, extract_main_text, html_to_text, strip_boilerplate
from tests.localserver import LocalServer, Response

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)

BODY_PARAS = [
    "Negotiators from both governments met in Geneva on Tuesday for a third round of talks "
    "on trade, climate and student exchanges, officials said after the meeting ended.",
    "The delegations agreed to restore a regular channel between their defence ministries and "
    "to resume consultations on export controls before the end of the year.",
    "Analysts described the tone of the joint statement as the warmest in several years, while "
    "cautioning that disputes over technology and tariffs remain unresolved.",
]
PAGE = (
    "<html><head><title>Talks resume</title><style>.x{}</style>"
    "<script>var tracking = 'should never appear';</script></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/biz'>Business</a></nav>"
    "<article><h1>Talks resume in Geneva</h1>"
    + "".join(f"<p>{p}</p>" for p in BODY_PARAS)
    + "</article><footer>Copyright 2026 Example News. All rights reserved.</footer></body></html>"
)


def entry(**kw: object) -> Entry:
    """An Entry with sensible defaults, overridden by ``kw``."""
    fields: dict[str, object] = {
        "key": "feed\x1fguid:1",
        "feed_url": "https://example.org/rss",
        "guid": "1",
        "link": "https://example.org/story",
        "title": "Talks resume",
        "summary": "Short summary of the talks.",
        "content": "",
        "published": datetime(2025, 12, 1, tzinfo=UTC),
        "source": "Example News",
    }
    fields.update(kw)
    return Entry(**fields)  # type: ignore[arg-type]


def page(body: bytes | str, status: int = 200) -> FetchResult:
    """A FetchResult for an article page."""
    data = body.encode() if isinstance(body, str) else body
    url = "https://example.org/story"
    return FetchResult(url=url, status=status, body=data, headers=(), final_url=url)


def test_seed_article_boilerplate_removed_body_kept(shared_dir: Path) -> None:
    """The seed article loses its ad-inserter and Telegram lines and keeps every body line."""
    raw = (shared_dir / "seed" / "us-china-renewal.txt").read_text(encoding="utf-8")
    cleaned = strip_boilerplate(raw)
    body_lines = [line for line in raw.splitlines() if line.strip()]
    assert "adinserter" not in cleaned and "Telegram" not in cleaned
    assert cleaned.splitlines()[-1] == body_lines[-3]
    for line in body_lines[:-2]:
        assert line in cleaned


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "Follow us on Twitter and Facebook",
        "Subscribe to our newsletter",
        "Sign up for our daily newsletter to get the news first.",
        "We use cookies to improve your experience on our site.",
        "Read more",
        "Advertisement",
        '[adinserter block="8"]',
        "Related: Beijing hosts summit",
        "Get the latest news delivered to your inbox.",
    ],
)
def test_boilerplate_lines_removed(line: str) -> None:
    """Share/subscribe/newsletter/follow/cookie/ad/read-more lines are dropped."""
    assert strip_boilerplate(f"Body sentence one.\n{line}\nBody sentence two.") == (
        "Body sentence one.\nBody sentence two."
    )


@pytest.mark.parametrize(
    "line",
    [
        "The two sides agreed to share intelligence on smuggling.",
        "Related talks will follow next month.",
        "Ad hoc talks ended without a statement.",
        "Save the Children said aid convoys were blocked.",
        "Officials who subscribe to the hawkish view argued that the newsletter of the ministry, "
        "which circulates among diplomats, had misread the summit; many readers follow its "
        "analysis closely and share its concerns, yet the foreign minister insisted that the "
        "dialogue channel remains open and that both sides intend to keep talking this year.",
    ],
)
def test_body_lines_that_mention_trigger_words_kept(line: str) -> None:
    """Article sentences that merely mention share/subscribe/related/ad are kept."""
    assert strip_boilerplate(line) == line


def test_inline_shortcode_removed() -> None:
    """A shortcode inside a paragraph is cut out and the paragraph kept."""
    assert strip_boilerplate('Talks resumed. [adinserter block="3"] Both sides agreed.') == (
        "Talks resumed.  Both sides agreed."
    )


def test_html_to_text_drops_script_style_and_unescapes() -> None:
    """html_to_text keeps visible text only, unescapes entities and breaks lines at blocks."""
    got = html_to_text(
        "<p>Trade &amp; talks&nbsp;resume</p><script>alert('x')</script>"
        "<style>p{color:red}</style><div>Second <b>block</b></div><!-- hidden -->"
    )
    assert got == "Trade & talks resume\nSecond block"


def test_html_to_text_plain_text_passthrough() -> None:
    """Plain text with entities is unescaped and otherwise unchanged."""
    assert html_to_text("Tom &amp; Jerry") == "Tom & Jerry"


#: Markup on both sides of the quick reader's line: plain tags, and what must go to the
#: parser (odd spacing and quoting, non-ASCII spaces, comments, raw-text elements).
MARKUP_PIECES = [
    "<p>", "</p>", "<br/>", "<br />", "<BR>", "<a href=\"x>y\">", "<a href='q'>", "<a href=x/>",
    "</a>", "<a\thref = \"u\" >", "<b>", "</b >", "</ b>", "<svg/>", "<svg>", "</svg>",
    "<script>", "</script>", "a < b", "x > y", "&amp;", "&amp", "&#39;", "&#x27", "&nbsp;",
    "&notit;", "& ", "<!-- c -->", "<![CDATA[x]]>", "<?php ?>", "<!DOCTYPE html>",
    "<p\xa0class=x>", "</p\xa0>", "<o:p>", "</o:p>", "<div class=\"a\"id=\"b\">",
    "<img src=x alt=\"\">", "<img src= >", "<a href==x>", "<p/ >", "</p/>", "</p class=\"z\">",
    "<h1>", "</h1>", "<li>", "<td>", "<head>", "</head>", "<title>", "</title>", "<textarea>",
    "<x-y>", "<a b=`c`>", "<a b=c=d>", "<a \"b\"=c>", "<", ">", "text", " word ", "\n", "\xa0",
    "é", "<p\n>", "<p\x0b>", "<a href=\"&amp;\">", "&lt;p&gt;", "</>", "< p>", "<p", "<iframe>",
    "<a b='c>d'>", "<table><tr><td>", "</td></tr></table>", "<span style=\"x\">", "</span>",
]  # fmt: skip


def test_quick_html_reading_matches_the_parser() -> None:
    """Markup read without HTMLParser (plain tags and text) gives exactly the parser's
    text, over random mixes of plain and tricky pieces; anything else goes to the parser."""
    import random

    from monitor.parse.extract import _parsed_text, _plain_text

    rng = random.Random(14)
    quick = 0
    for _ in range(20_000):
        html = "".join(rng.choice(MARKUP_PIECES) for _ in range(rng.randint(1, 8)))
        got = _plain_text(html)
        if got is not None:
            quick += 1
            assert got == _parsed_text(html), html
    assert quick > 500  # the mixes do reach the quick reader
    assert _plain_text("<p>Talks &amp; <a href='/x'>more</a></p>") == "\nTalks & more\n"
    for odd in ("<!-- c --><p>x</p>", "<p>x<script>y</script>", "<p\xa0class=x>x", "1 < 2 <p>"):
        assert _plain_text(odd) is None


def test_quick_html_reading_matches_the_parser_on_feed_corpus(shared_dir: Path) -> None:
    """On every HTML summary and content of the shared feed corpus, the quick reader,
    where it reads, gives exactly the parser's text (it reads most of them)."""
    import feedparser

    from monitor.parse.extract import _parsed_text, _plain_text

    files = [p for p in sorted((shared_dir / "feeds").rglob("*")) if p.is_file()]
    read = compared = 0
    for path in files:
        if path.stat().st_size > 5_000_000:
            continue
        parsed = feedparser.parse(path.read_bytes(), sanitize_html=False)
        for raw in parsed.entries:
            values = [raw.get("summary"), *(c.get("value") for c in raw.get("content") or ())]
            for value in values:
                if isinstance(value, str) and "<" in value:
                    compared += 1
                    got = _plain_text(value)
                    if got is not None:
                        read += 1
                        assert got == _parsed_text(value), f"{path}: {value[:200]!r}"
    assert compared > 1000 and read > compared * 0.8, (compared, read)


def test_extract_main_text_finds_article_not_navigation() -> None:
    """trafilatura returns the article body without nav, footer or script text."""
    text = extract_main_text(PAGE, url="https://example.org/story")
    for para in BODY_PARAS:
        assert para in text
    assert "tracking" not in text and "Business" not in text


def test_extract_main_text_empty_page_raises() -> None:
    """A page without main text raises ExtractError naming the URL."""
    with pytest.raises(ExtractError, match=r"example\.org/empty"):
        extract_main_text(
            "<html><head><script>x()</script></head><body></body></html>",
            url="https://example.org/empty",
        )


def test_extract_real_page_close_to_gold(shared_dir: Path) -> None:
    """On a real benchmark page the extracted text shares most 4-token shingles with the gold."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from extract_eval import doc_scores

    root = shared_dir / "eval" / "extraction"
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    doc_id = sorted(gold)[0]
    html = gzip.decompress((root / "html" / f"{doc_id}.html.gz").read_bytes())
    precision, recall = doc_scores(gold[doc_id]["articleBody"], extract_main_text(html))
    assert precision > 0.7 and recall > 0.7


def test_build_article_prefers_page_text() -> None:
    """A fetched page whose extraction succeeds supplies the article text."""
    art = build_article(entry(content="<p>Feed teaser.</p>"), page=page(PAGE), now=NOW)
    assert art.extracted_from == "page" and BODY_PARAS[1] in art.text
    assert art.key == "feed\x1fguid:1" and art.url == "https://example.org/story"


def test_build_article_page_fetched_from_local_server(server: LocalServer) -> None:
    """End to end: an allowed local page is fetched and its main text becomes the article."""
    server.routes["/story"] = lambda r: Response(200, PAGE.encode(), {"Content-Type": "text/html"})
    with Fetcher(allow_private=["127.0.0.1"]) as f:
        result = f.fetch_page(server.url("/story"))
    art = build_article(entry(link=server.url("/story")), page=result, now=NOW)
    assert art.extracted_from == "page" and BODY_PARAS[0] in art.text


def test_build_article_falls_back_to_content_then_summary() -> None:
    """Failed extraction falls back to feed content, and no content falls back to the summary."""
    empty_page = page("<html><body></body></html>")
    content = "<p>Full feed body about the talks.</p><p>Share this article</p>"
    art = build_article(entry(content=content), page=empty_page, now=NOW)
    assert art.extracted_from == "content" and art.text == "Full feed body about the talks."
    art = build_article(entry(content=""), page=None, now=NOW)
    assert art.extracted_from == "summary" and art.text == "Short summary of the talks."


def test_build_article_ignores_error_pages_and_teasers() -> None:
    """A non-2xx page is ignored, and a page much shorter than the feed content loses to it."""
    long_content = "<p>" + " ".join(BODY_PARAS * 3) + "</p>"
    art = build_article(entry(content=long_content), page=page(PAGE, status=404), now=NOW)
    assert art.extracted_from == "content"
    art = build_article(entry(content=long_content * 3), page=page(PAGE), now=NOW)
    assert art.extracted_from == "content"


def test_build_article_published_falls_back_to_now() -> None:
    """An entry without a trustworthy date is published at fetch time."""
    assert build_article(entry(published=None), now=NOW).published == NOW


def test_import_is_light() -> None:
    """Importing the parse stage loads neither trafilatura nor lxml (they load when used)."""
    code = "import sys, monitor.parse; print('trafilatura' in sys.modules, 'lxml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "False"], out.stderr


@pytest.mark.parametrize("junk", [b"", b"\x00\xff\xfe binary \x89PNG", "<<<>>>", b"<html>" * 10])
def test_extract_junk_raises_extract_error(junk: bytes | str) -> None:
    """Empty, binary or tag-soup input raises ExtractError, never a foreign exception."""
    with pytest.raises(ExtractError):
        extract_main_text(junk)
