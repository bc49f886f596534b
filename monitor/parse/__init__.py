"""Parse stage: feed documents into entries (``feed``), pages into article text (``extract``)."""

from __future__ import annotations

from monitor.parse.extract import (
    build_article,
    extract_main_text,
    html_to_text,
    strip_boilerplate,
)
from monitor.parse.feed import ParsedFeed, canonical_link, entry_key, parse_document, parse_feed

__all__ = [
    "ParsedFeed",
    "build_article",
    "canonical_link",
    "entry_key",
    "extract_main_text",
    "html_to_text",
    "parse_document",
    "parse_feed",
    "strip_boilerplate",
]
