"""Prometheus metrics of the daemon, with ``prometheus-client``.

Two kinds of figures:

* counted as they happen (``Metrics.record_*``): polls by feed and outcome, poll and
  fetch durations, poll lag (how late a poll started after its scheduled time),
  articles stored;
* read from the database at each scrape (``StoreFigures``, supplied by the daemon):
  mean tone per watch over the last 24 h, events by type and watch, deliveries by
  notifier and status, outbox depth, consecutive failures per feed, articles held.

Each ``Metrics`` has its own registry, so two daemons in one process (tests, the
demo) never share or clash over a series.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector

__all__ = ["Metrics", "StoreFigures"]

log = logging.getLogger(__name__)

_SECONDS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 60.0)
_LAG = (0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0)


@dataclass(frozen=True, slots=True)
class StoreFigures:
    """What the database holds now, for one scrape."""

    #: watch → (mean tone of its articles of the last 24 h or None, how many)
    tone: Mapping[str, tuple[float | None, int]] = field(default_factory=dict)
    #: (event type, watch) → events stored
    events: Mapping[tuple[str, str], int] = field(default_factory=dict)
    #: (notifier, status) → outbox rows
    deliveries: Mapping[tuple[str, str], int] = field(default_factory=dict)
    #: pending deliveries whose next attempt is due now
    outbox_due: int = 0
    #: feed → failed polls in a row
    feed_failures: Mapping[str, int] = field(default_factory=dict)
    #: articles stored in all
    articles: int = 0


class _StoreCollector(Collector):
    def __init__(self, figures: Callable[[], StoreFigures]) -> None:
        self.figures = figures

    def collect(self) -> Iterator[Metric]:
        ok = GaugeMetricFamily(
            "rhetoric_store_scrape_ok", "1 when the database figures below could be read"
        )
        try:
            f = self.figures()
        except Exception as exc:  # the scrape answers; the failure shows as a metric
            log.warning("metrics.store_failed error=%s", exc)
            ok.add_metric([], 0.0)
            yield ok
            return
        ok.add_metric([], 1.0)
        yield ok
        tone = GaugeMetricFamily(
            "rhetoric_tone",
            "Mean tone (-1 confrontation .. +1 engagement) of each watch's articles of the last "
            "24 h; absent without articles",
            labels=["watch"],
        )
        count = GaugeMetricFamily(
            "rhetoric_tone_articles", "Articles of the last 24 h per watch", labels=["watch"]
        )
        for watch, (mean, n) in sorted(f.tone.items()):
            if mean is not None:
                tone.add_metric([watch], mean)
            count.add_metric([watch], float(n))
        events = CounterMetricFamily(
            "rhetoric_events", "Events stored, by type and watch", labels=["type", "watch"]
        )
        for (kind, watch), n in sorted(f.events.items()):
            events.add_metric([kind, watch], float(n))
        deliveries = GaugeMetricFamily(
            "rhetoric_deliveries",
            "Outbox rows by notifier and status (pending, delivered, failed, disabled)",
            labels=["notifier", "status"],
        )
        pending = 0
        for (notifier, status), n in sorted(f.deliveries.items()):
            deliveries.add_metric([notifier, status], float(n))
            pending += n if status == "pending" else 0
        depth = GaugeMetricFamily("rhetoric_outbox_depth", "Deliveries waiting to be sent")
        depth.add_metric([], float(pending))
        due = GaugeMetricFamily("rhetoric_outbox_due", "Pending deliveries whose attempt is due")
        due.add_metric([], float(f.outbox_due))
        failures = GaugeMetricFamily(
            "rhetoric_feed_consecutive_failures", "Failed polls in a row", labels=["feed"]
        )
        for feed, n in sorted(f.feed_failures.items()):
            failures.add_metric([feed], float(n))
        articles = GaugeMetricFamily("rhetoric_articles", "Articles in the database")
        articles.add_metric([], float(f.articles))
        yield from (tone, count, events, deliveries, depth, due, failures, articles)


class Metrics:
    """The daemon's metrics and their registry."""

    def __init__(self, figures: Callable[[], StoreFigures] | None = None) -> None:
        # No ``*_created`` series: they double the output and no dashboard here reads them.
        disable_created_metrics()  # type: ignore[no-untyped-call]
        r = self.registry = CollectorRegistry()
        self.polls = Counter(
            "rhetoric_polls",
            "Polls by feed and outcome (ok, not_modified, failed, skipped, stopped, error)",
            ["feed", "outcome"],
            registry=r,
        )
        self.poll_seconds = Histogram(
            "rhetoric_poll_duration_seconds",
            "Time of one poll (fetch, parse, score, store), by outcome",
            ["outcome"],
            buckets=_SECONDS,
            registry=r,
        )
        self.fetch_seconds = Histogram(
            "rhetoric_fetch_duration_seconds",
            "Time of one HTTP fetch (kind: feed or page), until the body is read or it fails",
            ["kind"],
            buckets=_SECONDS,
            registry=r,
        )
        self.poll_lag = Histogram(
            "rhetoric_poll_lag_seconds",
            "How long after its scheduled time a poll started",
            buckets=_LAG,
            registry=r,
        )
        self.articles_stored = Counter(
            "rhetoric_articles_stored", "New articles stored by polls", ["feed"], registry=r
        )
        self.last_success = Gauge(
            "rhetoric_feed_last_success_timestamp_seconds",
            "Unix time of each feed's last successful poll",
            ["feed"],
            registry=r,
        )
        self.started = Gauge(
            "rhetoric_start_timestamp_seconds", "Unix time the daemon started", registry=r
        )
        if figures is not None:
            r.register(_StoreCollector(figures))

    def record_poll(
        self, feed: str, outcome: str, *, seconds: float, new_articles: int, at: float
    ) -> None:
        """One poll of ``feed`` (as configured) ended with ``outcome``."""
        self.polls.labels(feed, outcome).inc()
        self.poll_seconds.labels(outcome).observe(seconds)
        if new_articles:
            self.articles_stored.labels(feed).inc(new_articles)
        if outcome in ("ok", "not_modified"):
            self.last_success.labels(feed).set(at)

    def forget_feed(self, feed: str) -> None:
        """Drop the series of a feed removed from the config."""
        for metric in (self.articles_stored, self.last_success):
            with contextlib.suppress(KeyError):
                metric.remove(feed)
        for outcome in ("ok", "not_modified", "failed", "skipped", "stopped", "error"):
            with contextlib.suppress(KeyError):
                self.polls.remove(feed, outcome)

    def render(self) -> tuple[bytes, str]:
        """The exposition text and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
