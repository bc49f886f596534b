"""Records that cross stage boundaries.

Only the frozen, slotted dataclasses defined here travel between stages
(config → scheduler → fetch → parse → extract → tone → store → shift → notify).
No ``httpx.Response``, feedparser dict or database row leaves the module that
received it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Label = Literal["engagement", "confrontation", "neutral"]
Direction = Literal["engagement", "confrontation"]
EventType = Literal[
    "rhetoric.shift.detected",
    "rhetoric.shift.resolved",
    "source.failing",
    "source.recovered",
]


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed URL to poll, shared by every watch that lists it."""

    url: str
    watches: tuple[str, ...]
    interval_s: float
    fetch_article: bool = False
    # The URL with ``${ENV}`` values filled in, when the config's URL has any;
    # ``url`` (as written, placeholders kept) stays the identity used in logs and
    # the database, so a key in a paywalled feed's URL is never written down.
    fetch_url: str | None = field(default=None, repr=False)
    # ``("${NAME}", value)`` for each placeholder in ``url``: what a message about
    # this feed (or any redirect hop of it) must show instead of the value.
    secrets: tuple[tuple[str, str], ...] = field(default=(), repr=False)


@dataclass(frozen=True, slots=True)
class FeedState:
    """What we remember about a feed between polls (conditional GET and health)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    error_count: int = 0
    last_error: str | None = None
    last_success_at: datetime | None = None
    last_attempt_at: datetime | None = None
    next_attempt_at: datetime | None = None
    disabled: bool = False
    failing_notified: bool = False
    # Why the last document fetched was ill-formed (feedparser's bozo, or entry dates
    # that could not be trusted), if it was: a warning, its entries are kept and no
    # failure is counted.
    last_warning: str | None = None
    # When the current run of failures began (its first failed attempt); None while
    # the feed is healthy. The source-health events of one run take their ids from
    # it, so a repeated poll can never raise the same event under a second id.
    failing_since: datetime | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of one HTTP GET of a feed or article page."""

    url: str
    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...]
    final_url: str
    etag: str | None = None
    last_modified: str | None = None
    elapsed_s: float = 0.0

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional GET."""
        return self.status == 304

    def header(self, name: str) -> str | None:
        """First value of header ``name`` (case-insensitive), or None."""
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry as parsed, before any article-page fetch.

    ``key`` is the entry's identity: feed URL + GUID, else feed URL + canonical
    link (never a content hash, so an edited entry is the same entry). ``title`` and
    ``summary`` are plain text; ``content`` is the entry's HTML as the feed gave it,
    for the extract stage, which keeps only its visible text (never scripts or styles).
    ``content_text`` is that visible text when the parse stage already has it (the
    summary was the same HTML, as when an RSS item has only a description), so the
    extract stage does not convert it again; None otherwise.
    """

    key: str
    feed_url: str
    guid: str | None
    link: str | None
    title: str
    summary: str
    content: str
    published: datetime | None
    source: str
    bozo_warning: str | None = None
    # Derived from ``content`` alone, so not part of an entry's value.
    content_text: str | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Article:
    """Clean article text ready for scoring."""

    key: str
    feed_url: str
    url: str | None
    title: str
    text: str
    published: datetime
    source: str
    extracted_from: Literal["page", "content", "summary", "stream"] = "content"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One cue that moved a score: the phrase, its signed weight and where it was."""

    phrase: str
    weight: float
    sentence: str
    cue: str = ""
    # Who speaks (a transcript's speaker label, or a party the sentence
    # names as speaking) and the party the words are aimed at, where the
    # text says; "" otherwise.
    speaker: str = ""
    target: str = ""


@dataclass(frozen=True, slots=True)
class ToneScore:
    """Tone of one text: −1 confrontation … +1 engagement."""

    tone: float
    label: Label
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    sentences: int = 0
    relevant_sentences: int = 0


@dataclass(frozen=True, slots=True)
class Sample:
    """One scored article as seen by a watch's shift detector."""

    key: str
    watch: str
    at: datetime
    tone: float
    source: str
    title: str = ""
    url: str | None = None
    phrases: tuple[str, ...] = ()
    fingerprint: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """Shift-detection rule of a watch (all durations in hours).

    ``docs/detector.md`` explains each field. In short: each new story is placed
    in the distribution of the *baseline* (the ``baseline_hours`` of stories
    before the last ``recent_hours``) as a normal score, and two CUSUMs (one per
    direction) tuned to a move of ``effect_size`` alarm at ``decision``; the
    stories of the current run need ``min_articles`` from ``min_sources``
    outlets and a move of the median tone of ``threshold``. Quiet watches widen
    their windows up to ``max_recent_hours`` and ``max_baseline_hours`` to hold
    ``2 × min_articles`` and ``min_baseline`` stories. No verdict before the
    watch has ``warmup_hours`` of history and ``warmup_stories`` in its
    baseline. A slow-drift CUSUM (``drift_effect_size``, ``drift_decision``;
    0 turns it off) compares each story with the fixed reference of the
    ``drift_reference_hours`` before the last ``drift_recent_hours``; a quiet
    watch widens both, up to twice their hours, to hold ``drift_min_stories``
    and three times as many (0: never widened).
    """

    baseline_hours: float = 24.0 * 28
    recent_hours: float = 24.0 * 4
    min_articles: int = 6
    min_sources: int = 2
    min_baseline: int = 20
    threshold: float = 0.15
    effect_size: float = 1.0
    persistence_hours: float = 0.0
    cooldown_hours: float = 24.0 * 3
    resolve_hours: float = 24.0
    decision: float = 7.0
    max_recent_hours: float = 24.0 * 42
    max_baseline_hours: float = 24.0 * 56
    warmup_hours: float = 24.0 * 7
    warmup_stories: int = 20
    drift_recent_hours: float = 24.0 * 30
    drift_reference_hours: float = 24.0 * 90
    drift_effect_size: float = 0.2
    drift_decision: float = 35.0
    drift_min_stories: int = 30


@dataclass(frozen=True, slots=True)
class WindowStats:
    """Summary of one window of samples."""

    mean: float
    count: int
    sources: int
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Driver:
    """An article that drove a shift, for the alert's explanation."""

    title: str
    url: str | None
    source: str
    published: datetime
    tone: float
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ShiftEvent:
    """A detected (or resolved) shift of a watch's rhetoric.

    ``event_id`` is stable: the same shift computed twice yields the same id,
    so storing it is idempotent and receivers can deduplicate on it.
    """

    event_id: str
    type: EventType
    watch: str
    direction: Direction
    at: datetime
    baseline: WindowStats
    recent: WindowStats
    delta: float
    effect_size: float
    drivers: tuple[Driver, ...] = ()
    extra: tuple[tuple[str, str], ...] = field(default=())
