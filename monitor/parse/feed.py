"""Parse stage: feed bytes (+ response headers) → ``Entry`` records.

feedparser reads the bytes together with the HTTP headers (the charset in
``Content-Type`` matters). Bozo policy: a feed with problems that still yields
entries is kept, each entry carrying ``bozo_warning``; a feed with problems and
no entries raises ``ParseError``; a valid empty feed gives ``()``.

Identity: ``key`` is the feed URL plus the entry's GUID, else plus its canonical
link; never a content hash, so an edited entry stays the same entry.
"""

from __future__ import annotations

import calendar
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser

from monitor.errors import ParseError
from monitor.models import Entry
from monitor.parse.extract import html_to_text

__all__ = ["ParsedFeed", "canonical_link", "entry_key", "parse_document", "parse_feed"]

log = logging.getLogger(__name__)

# A date more than this far ahead of the fetch is a publisher's clock or typo.
FUTURE_SLACK = timedelta(hours=1)
# Dates before this are a publisher's null written as a date: year 1 (a zero
# DateTime), 1900, the epoch (1970-01-01 in any time zone). Such an entry would sit
# outside every window and every `history --since` for good.
DATE_FLOOR = datetime(1970, 1, 2, tzinfo=UTC)
# And an entry dated this long before the newest entry of its own document is a
# placeholder date (2000-01-01 in a feed of this week's news), not an archive item.
PAST_MARGIN = timedelta(days=3653)
# Caps keep one absurd entry from flooding the store or the scorer.
MAX_TITLE = 1_000
MAX_SUMMARY = 20_000
MAX_CONTENT = 1_000_000
MAX_ID = 2_000

_TRACKING_PREFIXES = ("utm_",)
_TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc",
     "_hsmi", "mkt_tok", "cmpid", "ocid", "ncid", "sr_share", "smid", "at_medium",
     "at_campaign", "taid", "ito"}
)  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_link(link: str, *, base: str | None = None) -> str:
    """``link`` resolved against ``base``, without fragment or tracking parameters.

    Scheme and host are lowercased and a default port dropped, so the same
    article reached through a campaign link keeps one identity.
    """
    try:
        url = urljoin(base, link.strip()) if base else link.strip()
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host: keep the link as written
        return link.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING_PARAMS
    ]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def entry_key(feed_url: str, *, guid: str | None, link: str | None) -> str | None:
    """Identity of an entry: feed + GUID, else feed + canonical link, else None."""
    if guid:
        return f"{feed_url}\x1fguid:{guid}"
    if link:
        return f"{feed_url}\x1flink:{link}"
    return None


def _to_datetime(value: Any) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        # feedparser normalises every date it understands to a UTC struct_time.
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _entry_dates(raw: dict[str, Any]) -> list[datetime]:
    """The entry's dates, most preferred first (published, updated, created)."""
    out = []
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        # Plain dict lookup: FeedParserDict maps a missing "updated_parsed" onto
        # "published_parsed" with a DeprecationWarning (feedparser issue 310).
        when = _to_datetime(dict.get(raw, name))
        if when is not None:
            out.append(when)
    return out


def _date_floor(candidates: Sequence[Sequence[datetime]], *, latest: datetime) -> datetime:
    """The earliest trusted date for a document's entries: ``DATE_FLOOR``, or its
    newest entry's date minus ``PAST_MARGIN`` when that is later."""
    sane = [d for dates in candidates for d in dates if DATE_FLOOR <= d <= latest]
    return max(DATE_FLOOR, max(sane) - PAST_MARGIN) if sane else DATE_FLOOR


@dataclass
class _Untrusted:
    """Entry dates set aside in one document, for its warning."""

    old: list[datetime] = field(default_factory=list)
    future: list[datetime] = field(default_factory=list)

    def pick(
        self, dates: Sequence[datetime], *, floor: datetime, latest: datetime
    ) -> datetime | None:
        """The first of ``dates`` in [floor, latest]; None (the pipeline then uses the
        fetch time) when there is none, noting why."""
        for when in dates:
            if floor <= when <= latest:
                return when
        if dates:
            (self.future if dates[0] > latest else self.old).append(dates[0])
        return None

    def warning(self, floor: datetime) -> str | None:
        parts = []
        if self.old:
            parts.append(
                f"{len(self.old)} dated before {floor.date().isoformat()} "
                f"(earliest {min(self.old).isoformat()})"
            )
        if self.future:
            parts.append(
                f"{len(self.future)} dated after the fetch (latest {max(self.future).isoformat()})"
            )
        if not parts:
            return None
        return f"untrusted entry dates: {'; '.join(parts)}; stored with the fetch time"


def _text(value: Any, limit: int) -> str:
    if not isinstance(value, str) or not value:
        return ""
    return _one_line(html_to_text(value[: limit * 4]), limit)


def _one_line(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit]


def _content(raw: Mapping[str, Any]) -> str:
    values = [
        c.get("value", "") for c in raw.get("content") or () if isinstance(c.get("value"), str)
    ]
    best = max(values, key=len, default="")
    summary = raw.get("summary")
    if not best and isinstance(summary, str):
        best = summary
    return best[:MAX_CONTENT]


def _summary_and_content(raw: Mapping[str, Any]) -> tuple[str, str, str | None]:
    """The entry's summary as plain text, its content HTML, and the content's visible
    text when the summary was the same HTML (else None: the extract stage converts it).

    feedparser gives an RSS item's description as its summary, and copies a content
    element into a missing summary, so summary and content are often one HTML string:
    it is converted once here instead of once here and once more by ``build_article``.
    """
    content = _content(raw)
    summary = raw.get("summary")
    if not isinstance(summary, str) or not summary:
        return "", content, None
    if content == summary and len(summary) <= MAX_SUMMARY * 4:
        # Short enough that ``_text`` reads all of it: the same conversion as the
        # extract stage's of the whole content.
        visible = html_to_text(summary)
        return _one_line(visible, MAX_SUMMARY), content, visible
    return _text(summary, MAX_SUMMARY), content, None


def _headers_dict(headers: Sequence[tuple[str, str]]) -> dict[str, str]:
    # feedparser looks headers up by lowercase name.
    out: dict[str, str] = {}
    for key, value in headers:
        out.setdefault(key.lower(), value)
    # No Content-Location is invented here: feedparser would resolve relative
    # GUIDs against it, and a GUID is an opaque identity to be kept verbatim.
    return out


def _reason(parsed: Mapping[str, Any]) -> str:
    exc = parsed.get("bozo_exception")
    if exc is None:
        return "no feed elements found"
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:300]


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """One parsed feed document: its entries, and why it is ill-formed if it is."""

    entries: tuple[Entry, ...]
    warning: str | None = None


def parse_feed(
    body: bytes,
    *,
    feed_url: str,
    headers: Sequence[tuple[str, str]] = (),
    now: datetime,
) -> tuple[Entry, ...]:
    """Entries of one feed document, in feed order, deduplicated by identity.

    Raises ParseError when the bytes hold no entries and are not a valid feed.
    """
    return parse_document(body, feed_url=feed_url, headers=headers, now=now).entries


def parse_document(
    body: bytes,
    *,
    feed_url: str,
    headers: Sequence[tuple[str, str]] = (),
    now: datetime,
) -> ParsedFeed:
    """``parse_feed`` with the document's bozo warning, which a feed with no entries
    cannot carry on them (the daemon records it on the feed's state)."""
    if now.tzinfo is None:
        raise ValueError("parse_feed: now must be timezone-aware")
    now = now.astimezone(UTC)
    try:
        # No sanitizing or URL resolving inside entries' HTML: the markup never leaves
        # this stage as HTML (``html_to_text`` keeps the visible text and drops script,
        # style and the like), and feedparser's sanitizer, a second pure-Python pass over
        # every HTML field, took about a third of a poll's CPU. Stored text and tone are
        # the same without it (6,336 articles of the real feeds of bench/ingest.py).
        parsed = feedparser.parse(
            body,
            response_headers=_headers_dict(headers),
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as exc:  # feedparser should not raise; a bug there must not kill a poll
        raise ParseError(f"parse: {feed_url}: feedparser failed ({exc!r})") from exc
    raw_entries = parsed.get("entries") or []
    warning = _reason(parsed) if parsed.get("bozo") else None
    if not raw_entries:
        # Recognisably a feed (a known version, or a channel title as CDF gives)
        # means "nothing new", with a warning when it is ill-formed; an XHTML or
        # HTML page is neither, and fails.
        meta = parsed.get("feed") or {}
        if not (parsed.get("version") or meta.get("title")):
            raise ParseError(
                f"parse: {feed_url} holds no feed entries ({warning or _reason(parsed)}); "
                "check that the URL points at an RSS or Atom feed"
            )
        if warning is not None:
            log.warning(
                "parse.bozo feed=%s entries=0 reason=%s", feed_url, warning,
                extra={"event": "parse.bozo"},
            )  # fmt: skip
        return ParsedFeed((), warning)
    if warning is not None:
        log.warning(
            "parse.bozo feed=%s entries=%d reason=%s", feed_url, len(raw_entries), warning,
            extra={"event": "parse.bozo"},
        )  # fmt: skip
    feed_meta = parsed.get("feed") or {}
    source = _text(feed_meta.get("title"), 200) or (urlsplit(feed_url).hostname or feed_url)
    base = feed_url  # relative links resolve against the feed's own URL
    entries: list[Entry] = []
    seen: set[str] = set()
    skipped = duplicates = 0
    latest = now + FUTURE_SLACK
    dates = [_entry_dates(raw) for raw in raw_entries]
    floor = _date_floor(dates, latest=latest)
    untrusted = _Untrusted()
    for raw, entry_dates in zip(raw_entries, dates, strict=True):
        guid_raw = raw.get("id")
        guid = guid_raw.strip()[:MAX_ID] if isinstance(guid_raw, str) else ""
        link_raw = raw.get("link")
        link = (
            canonical_link(link_raw, base=base)[:MAX_ID]
            if isinstance(link_raw, str) and link_raw.strip()
            else None
        )
        key = entry_key(feed_url, guid=guid or None, link=link)
        if key is None:
            skipped += 1
            continue
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        summary, content, content_text = _summary_and_content(raw)
        entries.append(
            Entry(
                key=key,
                feed_url=feed_url,
                guid=guid or None,
                link=link,
                title=_text(raw.get("title"), MAX_TITLE),
                summary=summary,
                content=content,
                published=untrusted.pick(entry_dates, floor=floor, latest=latest),
                source=source,
                bozo_warning=warning,
                content_text=content_text,
            )
        )
    if skipped:
        log.warning(
            "parse.entry_without_identity feed=%s skipped=%d", feed_url, skipped,
            extra={"event": "parse.entry_without_identity"},
        )  # fmt: skip
    if duplicates:
        log.info(
            "parse.duplicate_entry feed=%s duplicates=%d", feed_url, duplicates,
            extra={"event": "parse.duplicate_entry"},
        )  # fmt: skip
    dates_warning = untrusted.warning(floor)
    if dates_warning is not None:
        # Like a future date, a date before the floor is replaced by the fetch time,
        # and the feed carries the warning (``status`` shows it), as for bozo.
        log.warning(
            "parse.untrusted_dates feed=%s %s", feed_url, dates_warning,
            extra={"event": "parse.untrusted_dates"},
        )  # fmt: skip
        warning = f"{warning}; {dates_warning}" if warning else dates_warning
    return ParsedFeed(tuple(entries), warning)
