"""Store stage: one SQLite file holding feeds, articles, scores, events and the outbox.

``Store`` (in ``sqlite``) is the only way in; ``schema`` holds the migrations and
``codec`` turns timestamps and shift events into JSON and back.
"""

from __future__ import annotations

from monitor.store.codec import event_from_dict, event_to_dict, iso, jsonable, parse_iso
from monitor.store.figures import (
    find_delivery,
    has_older,
    known_names,
    probe_writable,
    store_figures,
)
from monitor.store.schema import migrations
from monitor.store.sqlite import SEARCH_DEPTH, SearchHits, Store, utcnow

__all__ = [
    "SEARCH_DEPTH",
    "SearchHits",
    "Store",
    "event_from_dict",
    "event_to_dict",
    "find_delivery",
    "has_older",
    "iso",
    "jsonable",
    "known_names",
    "migrations",
    "parse_iso",
    "probe_writable",
    "store_figures",
    "utcnow",
]
