"""Extract stage: entry (+ optional article page) → clean ``Article`` text.

Text comes from the article page when one was fetched and trafilatura finds
its main text, else from the feed's content, else from its summary. Share,
subscribe, cookie and ad-inserter lines are removed before anything reaches
the scorer.

trafilatura (and lxml behind it) is imported inside the functions that need
it, so importing the ``parse`` package stays cheap.
"""

from __future__ import annotations

import html
import logging
import re
from datetime import datetime
from html.parser import HTMLParser
from typing import Literal

from monitor.errors import ExtractError
from monitor.models import Article, Entry, FetchResult

__all__ = ["build_article", "extract_main_text", "html_to_text", "strip_boilerplate"]

log = logging.getLogger(__name__)

# A page text much shorter than the feed's own content is a teaser or paywall stub.
_PAGE_MIN_SHARE = 0.5

# Elements whose content is not text. feedparser's sanitizer (off: see ``parse_document``)
# dropped script, style and applet with their content; they are dropped here.
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "object", "head", "applet"}
)
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "pre", "tr", "table", "section", "article", "header", "footer", "figure", "figcaption",
     "hr", "dd", "dt", "dl", "aside", "nav", "main", "td", "th"}
)  # fmt: skip


class _TextParser(HTMLParser):
    """Collects visible text; block tags become line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


# What ``_plain_text`` reads after each "<": a tag whose name is ASCII letters and digits,
# with attributes parted by ASCII spaces, each with a quoted value holding no angle
# bracket, a bare value or none, up to ">" or "/>". HTMLParser ends such a tag at the same
# ">" and gives it the same lowercased name (its patterns in ``html.parser``).
_SP = "[ \t\n\r\f]"
_PLAIN_TAG = re.compile(
    rf"/?([a-zA-Z][a-zA-Z0-9]*)"
    rf"(?:{_SP}+[^\s\"'<>/=]+(?:{_SP}*={_SP}*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>=`]+))?)*"
    rf"{_SP}*/?>"
)
# Elements left to HTMLParser: those whose content is skipped (their start, end and
# empty forms count differently) and those a parser may read as raw text.
_PARSER_TAGS = _SKIP_TAGS | {"textarea", "title", "xmp", "noembed", "noframes", "plaintext"}


def _plain_text(html_text: str) -> str | None:
    """``_TextParser``'s text of markup made only of plain tags and text, read without
    it; None for anything else (comments, declarations, a stray "<", odd spacing or
    quoting, script and the other ``_PARSER_TAGS``), which then goes to the parser.

    Feed HTML is mostly paragraphs, links and emphasis; HTMLParser reads every
    attribute of every tag in Python, and was, after feedparser, the largest cost of
    turning a feed's entries into articles. Text between tags is unescaped as one piece,
    as HTMLParser does with ``convert_charrefs``; only the names of block tags leave a
    mark (a line break).
    """
    first, *rest = html_text.split("<")
    parts = [html.unescape(first) if "&" in first else first]
    for piece in rest:
        tag = _PLAIN_TAG.match(piece)
        if tag is None:
            return None
        name = tag[1].lower()
        if name in _PARSER_TAGS:
            return None
        if name in _BLOCK_TAGS:
            parts.append("\n")
        data = piece[tag.end() :]
        parts.append(html.unescape(data) if "&" in data else data)
    return "".join(parts)


def _parsed_text(html_text: str) -> str:
    """``_TextParser``'s text of any markup."""
    parser = _TextParser()
    try:
        parser.feed(html_text)
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was read
        pass
    return "".join(parser.parts)


def html_to_text(html_text: str) -> str:
    """Visible text of an HTML fragment: tags dropped, entities unescaped, script/style removed.

    Block elements become line breaks; runs of spaces collapse; plain text
    (no markup) passes through with its entities unescaped.
    """
    if "<" not in html_text:
        text = html.unescape(html_text)
    else:
        plain = _plain_text(html_text)
        text = _parsed_text(html_text) if plain is None else plain
    lines = (" ".join(line.split()) for line in text.replace("\xa0", " ").splitlines())
    return "\n".join(line for line in lines if line)


# Lines that are site furniture, not article text. Anchored on the whole line
# (after trimming) so a sentence that merely mentions "subscribe" survives.
_BOILERPLATE_LINE = re.compile(
    r"""^(?:
        \[/?[a-z_-]+(?:\s+[^\]]*)?\]                       # shortcode: [adinserter block="8"]
      | (?:share|tweet|e-?mail|print)(?:\s+(?:this|on|via|to|with|the)\b.{0,50})?   # share bars
      | (?:follow|like)\s+us\b.{0,120}
      | .{0,160}\bsubscribe\b.{0,160}
        \b(?:channel|newsletter|feed|updates?|today|now|here|podcast|youtube)\b.{0,80}
      | .{0,120}\b(?:sign\s*up|subscribe)\b.{0,40}\bnewsletter\b.{0,120}
      | .{0,80}\bnewsletter\b.{0,20}$
      | (?:get|have)\s+the\s+latest\b.{0,200}\b(?:delivered|inbox|phone|app)\b.{0,120}
      | (?:read|see|click)\s+(?:more|also|the\s+full\s+(?:story|article))\b.{0,120}
      | (?:related|recommended|most\s+read|trending)
        (?:\s+(?:articles?|stories|content|news|coverage|posts?|reading|now))?(?:\s*:.{0,80})?
      | more\s+from\s.{0,40}
      | advertisement|sponsored(?:\s+content)?|ad:?
      | .{0,120}\b(?:this\s+(?:web)?site|we)\s+uses?\s+cookies\b.{0,300}
      | (?:accept|manage|reject)\s+(?:all\s+)?cookies.{0,60}
      | .{0,40}\ball\s+rights\s+reserved\b.{0,80}
      | (?:copyright|©)\s.{0,120}
      | (?:download|get)\s+(?:our|the)\s+app\b.{0,120}
      | (?:join|subscribe\s+to)\s+(?:us|our)\s+on\s+\w+.{0,100}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_MAX_BOILERPLATE_WORDS = 45
_SHORTCODE = re.compile(
    r"\[/?(?:adinserter|ad|advert|embed|caption|gallery|video)\b[^\]]{0,200}\]", re.I
)


def strip_boilerplate(text: str) -> str:
    """``text`` without share/subscribe/newsletter/cookie/ad lines and shortcodes.

    Works line by line; body paragraphs are kept verbatim, blank-line runs collapse.
    """
    kept: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        # Furniture lines are short; a long paragraph is body even if it says "subscribe".
        if (
            stripped
            and len(stripped.split()) <= _MAX_BOILERPLATE_WORDS
            and _BOILERPLATE_LINE.match(stripped)
        ):
            continue
        cleaned = _SHORTCODE.sub("", line).rstrip()
        if cleaned.strip() or (kept and kept[-1]):
            kept.append(cleaned if cleaned.strip() else "")
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


def extract_main_text(html_doc: bytes | str, *, url: str | None = None) -> str:
    """Main article text of a page via trafilatura (precision-first, no comments).

    Raises ExtractError when the page yields no text.
    """
    import trafilatura  # lazy: keeps `import monitor.parse.extract` (and `score`) light

    try:
        text = trafilatura.extract(
            html_doc,
            url=url,
            favor_precision=True,
            # Measured with bench/extract_eval.py (181 pages, ScrapingHub metric):
            # precision-first without comments, tables kept, F1 0.964 (defaults 0.953).
            include_comments=False,
            include_tables=True,
            include_images=False,
        )
    except Exception as exc:  # trafilatura/lxml raise a zoo of types on hostile markup
        raise ExtractError(f"extract: {url or 'page'}: trafilatura failed ({exc!r})") from exc
    if not text or not text.strip():
        raise ExtractError(
            f"extract: no main text found in {url or 'page'} (falling back to feed content)"
        )
    return str(text).strip()


def build_article(entry: Entry, *, page: FetchResult | None = None, now: datetime) -> Article:
    """Clean article for scoring: page text > feed content > feed summary, boilerplate removed.

    The page text wins unless it is under half the length of the feed's own
    content (a teaser or paywall stub). ``published`` falls back to ``now``.
    """
    content_text = ""
    if entry.content:
        visible = entry.content_text  # set when the parse stage converted the same HTML
        if visible is None:
            visible = html_to_text(entry.content)
        content_text = strip_boilerplate(visible)
    source: Literal["page", "content", "summary"] = "content"
    text = content_text
    if page is not None and page.body and 200 <= page.status < 300:
        try:
            page_text = strip_boilerplate(extract_main_text(page.body, url=page.final_url))
        except ExtractError as exc:
            log.info("extract.fallback url=%s reason=%s", page.final_url, exc)
            page_text = ""
        if page_text and len(page_text) >= _PAGE_MIN_SHARE * len(content_text):
            text, source = page_text, "page"
    if not text:
        text, source = strip_boilerplate(entry.summary), "summary"
    return Article(
        key=entry.key,
        feed_url=entry.feed_url,
        url=entry.link or (page.final_url if page is not None else None),
        title=entry.title,
        text=text,
        published=entry.published or now,
        source=entry.source,
        extracted_from=source,
    )
