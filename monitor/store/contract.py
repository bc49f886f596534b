"""The store interface: what the pipeline, notify, the runners and the CLI ask of a store.

``StoreAPI`` is a ``Protocol`` with one implementation per backend: ``Store``
(``monitor.store.sqlite``, one SQLite file, the default) and ``PostgresStore``
(``monitor.store.postgres``, cluster mode). Both hold the same unique keys
(article key; article key and watch for a score; event id; event id and
notifier for an outbox row), so a step run twice writes nothing twice, and both
pass one contract suite (``tests/test_store_contract.py``).

Timestamps cross this interface as timezone-aware ``datetime``s; plain rows
returned for display (``history``, ``events``, ``deliveries``, ``silences``)
carry them as the ISO-8601 text of ``monitor.store.codec.iso`` on both backends.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from monitor.models import Article, FeedState, Sample, ShiftEvent, ToneScore
from monitor.store.sqlite import SEARCH_DEPTH, SearchHits


@runtime_checkable
class StoreAPI(Protocol):
    """Feeds, articles and scores, events and their outbox, silences."""

    def close(self) -> None:
        """Release the connection."""

    # -- feeds ---------------------------------------------------------------
    def feed_state(self, url: str) -> FeedState:
        """Saved state of ``url`` (a fresh state if never polled)."""

    def feed_states(self) -> list[FeedState]:
        """Every feed's saved state, by URL."""

    def save_feed_state(self, state: FeedState) -> None:
        """Upsert ``state``."""

    # -- articles and scores -------------------------------------------------
    def unseen(self, keys: Sequence[str]) -> set[str]:
        """The subset of article ``keys`` not stored yet."""

    def save_article(
        self, article: Article, scores: Sequence[tuple[Sample, ToneScore]], *, now: datetime
    ) -> bool:
        """Store ``article`` and its scores in one transaction; False if already stored."""

    def save_articles(
        self,
        batch: Sequence[tuple[Article, Sequence[tuple[Sample, ToneScore]]]],
        *,
        now: datetime,
        feed_state: FeedState | None = None,
    ) -> list[bool]:
        """Store a batch of articles and their scores in one transaction, with
        ``feed_state`` (saved after them) when given; a flag per article, False for one
        already stored."""

    def samples(
        self, watch: str, *, since: datetime, until: datetime | None = None
    ) -> list[Sample]:
        """Scored samples of ``watch`` with ``since <= at <= until``, oldest first."""

    def scored_rows(
        self,
        watch: str,
        *,
        after: int = 0,
        upto: int | None = None,
        since: datetime | None = None,
    ) -> tuple[list[tuple[int, Sample]], int]:
        """(rowid, sample) of ``watch`` in the order they were stored, with rowid > ``after``
        (and <= ``upto``, and ``at >= since`` when given); and the last rowid read.

        This is the order the shift detector takes stories in. The rowid returned is
        the high-water mark to pass as ``after`` next time (``after`` when none).
        """

    def sequence_scores(self, watch: str) -> int:
        """Give ``watch``'s score rows written since the last call their rowid, the place
        ``scored_rows`` reads them in; returns how many. A row is read only once it has
        one. SQLite gives it as a row is written (0 here); PostgreSQL in this call, which
        only the watch's detector makes, one at a time per watch (cluster mode: its
        ``detect`` job, under Procrastinate's per-watch lock)."""

    def last_score_row(self) -> int:
        """The highest score rowid (0 when there are none)."""

    def count_scored(self, watch: str, *, upto: int) -> int:
        """How many score rows ``watch`` has with rowid <= ``upto``."""

    def detector_state(self, watch: str) -> dict[str, Any] | None:
        """The saved detector state of ``watch`` (scalars and status decoded), or None."""

    def detector_states(self) -> list[dict[str, Any]]:
        """Every watch's saved status (no scalars), by watch name."""

    def save_detector_state(
        self,
        watch: str,
        *,
        rule_hash: str,
        last_row: int,
        rows: int,
        scalars: dict[str, Any],
        status: dict[str, Any],
        now: datetime,
    ) -> None:
        """Upsert the detector state of ``watch``."""

    def calibration(self, watch: str) -> dict[str, Any] | None:
        """The latest calibration of ``watch`` (``result`` decoded), or None."""

    def calibrations(self) -> list[dict[str, Any]]:
        """Every watch's latest calibration, by watch name."""

    def save_calibration(
        self,
        watch: str,
        *,
        rule_key: str,
        result: dict[str, Any],
        applied: bool,
        now: datetime,
    ) -> None:
        """Store the latest calibration of ``watch`` (``applied``: the daemon uses its levels)."""

    def clear_calibration(self, watch: str) -> bool:
        """Remove the calibration of ``watch``; False when it had none."""

    def history(
        self, *, watch: str | None, since: datetime, limit: int = 10_000
    ) -> list[dict[str, Any]]:
        """Scored articles, newest first, as plain rows for display."""

    def search(
        self,
        query: str,
        *,
        watch: str | None = None,
        since: datetime | None = None,
        limit: int = 20,
        depth: int | None = SEARCH_DEPTH,
    ) -> SearchHits:
        """Stored articles matching ``query``, best first, with snippets and scores,
        ranked among the ``depth`` newest matches (all: None)."""

    def counts(self) -> dict[str, int]:
        """Row counts of feeds, articles, scores, events and deliveries."""

    # -- events and the outbox -----------------------------------------------
    def past_events(self, watch: str) -> list[ShiftEvent]:
        """Every stored shift event of ``watch``, oldest first."""

    def events(
        self, *, watch: str | None = None, since: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Stored events, oldest first, as plain rows with their decoded payload."""

    def add_event(
        self,
        event_id: str,
        *,
        type: str,
        watch: str,
        direction: str | None,
        at: datetime,
        payload: dict[str, Any],
        bodies: dict[str, str],
        now: datetime,
        silenced: bool = False,
        feed_state: FeedState | None = None,
    ) -> bool:
        """Store an event and one outbox row per notifier in one transaction (with
        ``feed_state`` when given); a disabled notifier's row is ``disabled``."""

    def due_deliveries(self, now: datetime, *, limit: int = 50) -> list[dict[str, Any]]:
        """Pending outbox rows whose next attempt is due, oldest first."""

    def next_delivery_due(self) -> datetime | None:
        """When the earliest pending delivery is due, or None."""

    def record_attempt(
        self,
        delivery_id: str,
        *,
        at: datetime,
        status_code: int | None,
        error: str | None,
        duration_s: float,
        outcome: str,
        next_attempt_at: datetime | None,
    ) -> None:
        """Record one delivery attempt and move the outbox row to ``outcome``."""

    def deliveries(self, *, status: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Outbox rows, newest first, without their bodies."""

    def delivery_attempts(self, delivery_id: str) -> list[dict[str, Any]]:
        """Attempts of one delivery, oldest first."""

    def requeue(self, delivery_id: str, *, now: datetime) -> bool:
        """Put a failed or disabled delivery back in the queue; False if unknown."""

    def notifier_disabled(self, name: str) -> str | None:
        """Why notifier ``name`` is disabled, or None."""

    def set_notifier_disabled(self, name: str, reason: str | None, *, now: datetime) -> int:
        """Disable notifier ``name`` with ``reason`` (None re-enables it); its pending rows
        are parked as ``disabled`` (or queued again); returns how many moved."""

    def park_delivery(self, delivery_id: str, notifier: str, reason: str) -> None:
        """Mark one pending row ``disabled``: its notifier is (``reason``)."""

    # -- silences --------------------------------------------------------------
    def add_silence(self, watch: str, *, until: datetime, comment: str, now: datetime) -> int:
        """Silence ``watch`` until ``until``; returns the silence id."""

    def silences(self, *, now: datetime | None = None) -> list[dict[str, Any]]:
        """Silences (only those still active when ``now`` is given)."""

    def remove_silence(self, silence_id: int) -> bool:
        """Delete a silence; False if there was none with that id."""

    def silenced(self, watch: str, now: datetime) -> bool:
        """True while a silence on ``watch`` is active."""

    # -- read-only summaries (``monitor.store.figures``) ------------------------
    def figures(self, *, now: datetime) -> dict[str, Any]:
        """Figures for a metrics scrape (tone, events, deliveries, outbox_due,
        feed_failures, articles)."""

    def probe_writable(self) -> None:
        """Raise ``StoreError`` unless the database takes a committed (no-op) write."""

    def known_names(self, kind: str) -> set[str]:
        """Names the database has seen: ``watch``, ``notifier`` or ``charted``."""

    def has_older(self, *, watch: str | None, before: datetime) -> bool:
        """True when a scored article of ``watch`` (any: None) is older than ``before``."""

    def find_delivery(self, delivery_id: str) -> dict[str, Any] | None:
        """One outbox row (without its body), or None."""


__all__ = ["StoreAPI"]
