"""Builders for test feeds and config files (synthetic content written for the tests)."""

from __future__ import annotations

import base64
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from monitor.config import Config, load_config
from monitor.notify import enqueue
from monitor.store import Store

SECRET = "whsec_" + base64.b64encode(b"test-secret-for-rhetoric-monitor").decode()

WARM = (
    "The United States and China agreed to resume dialogue on trade and climate.",
    "Beijing welcomed the visit and both sides praised the constructive talks.",
    "Officials pledged deeper cooperation and regular consultations.",
    "Washington and Beijing signed an agreement on student exchanges.",
    "The two presidents held a friendly phone call and promised to meet soon.",
    "China said mutual respect would guide its relations with the United States.",
    "Negotiators reported progress toward a joint framework on fentanyl.",
    "Both governments pledged to reopen military hotlines.",
)
HOSTILE = (
    "The United States imposed new tariffs and sanctions on Chinese companies.",
    "Beijing condemned the move and vowed to retaliate against Washington.",
    "China accused the U.S. of bullying as warships shadowed each other.",
    "Washington added Chinese chipmakers to its export blacklist.",
    "Beijing expelled American diplomats in a tit-for-tat response.",
    "The Pentagon denounced Chinese military drills near Taiwan as provocative.",
    "Chinese officials rejected U.S. demands and cancelled planned talks.",
    "China threatened countermeasures over the arms sale to Taiwan.",
)


@dataclass(frozen=True)
class Item:
    """One RSS item."""

    guid: str
    title: str
    text: str
    published: datetime
    link: str | None = None


def rss(items: list[Item], *, title: str = "Test Outlet") -> bytes:
    """An RSS 2.0 document holding ``items``."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>http://example.test/</link>",
        "<description>test</description>",
    ]
    for it in items:
        link = f"<link>{escape(it.link)}</link>" if it.link else ""
        parts.append(
            f'<item><guid isPermaLink="false">{escape(it.guid)}</guid>'
            f"<title>{escape(it.title)}</title>{link}"
            f"<pubDate>{format_datetime(it.published)}</pubDate>"
            f"<description>{escape(it.text)}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def shifting_items(
    now: datetime, *, prefix: str, days_warm: int = 10, days_hostile: int = 3, per_day: int = 3
) -> list[Item]:
    """Warm coverage for ``days_warm`` days, then hostile coverage up to ``now``."""
    rng = random.Random(prefix)
    items: list[Item] = []
    total = days_warm + days_hostile
    for d in range(total):
        for k in range(per_day):
            at = now - timedelta(days=total - d, hours=-k * 6 - 1)
            hostile = d >= days_warm
            pool = HOSTILE if hostile else WARM
            text = " ".join(rng.sample(pool, 3))
            items.append(
                Item(
                    guid=f"{prefix}-{d}-{k}",
                    title=f"{'Tariffs and threats' if hostile else 'Talks and visits'} "
                    f"day {d} item {k} from {prefix}",
                    text=f"{text} Report {d}.{k} by {prefix}.",
                    published=at,
                )
            )
    return items


def write_config(
    path: Path,
    *,
    db: Path,
    feeds: list[str],
    hook_url: str | None,
    interval: str = "1s",
    extra_watch: str = "",
) -> Path:
    """Write a small valid config with one watch (and one notifier if ``hook_url``)."""
    notifiers = (
        f"notifiers:\n  hook:\n    url: {hook_url}\n    secret: ${{TEST_WEBHOOK_SECRET}}\n"
        if hook_url
        else ""
    )
    feed_lines = "".join(f"      - {f}\n" for f in feeds)
    path.write_text(
        f"database: {db}\n"
        f"defaults:\n  interval: {interval}\n  jitter: 0\n"
        f"{notifiers}"
        "watches:\n"
        "  - name: us-china\n"
        "    actors: [United States, China]\n"
        f"    feeds:\n{feed_lines}"
        f"{extra_watch}"
    )
    return path


class Clock:
    """A settable clock for code that takes ``clock=``."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def hook_store(
    tmp_path: Path, hook_url: str, *, notifier_lines: str = ""
) -> tuple[Path, Config, Store]:
    """A one-notifier config (extra ``notifier_lines`` under it) and its store.

    The caller sets ``TEST_WEBHOOK_SECRET`` (e.g. with ``monkeypatch.setenv``).
    """
    path = write_config(
        tmp_path / "w.yaml",
        db=tmp_path / "m.db",
        feeds=["https://example.org/rss"],
        hook_url=hook_url,
    )
    if notifier_lines:
        path.write_text(path.read_text().replace("    secret:", f"{notifier_lines}    secret:"))
    config = load_config(path)
    return path, config, Store(config.database)


def enqueue_shift_event(
    store: Store, config: Config, *, at: datetime, event_id: str = "evt_1", title: str = "Talks"
) -> None:
    """Store one confrontation shift event of watch us-china for notifier ``hook``."""
    data = {
        "watch": "us-china",
        "direction": "confrontation",
        "summary": "moved",
        "drivers": [{"title": title, "source": "S", "tone": -0.5, "phrases": ["tariffs"]}],
    }
    enqueue(
        store,
        config,
        event_id=event_id,
        event_type="rhetoric.shift.detected",
        watch="us-china",
        direction="confrontation",
        at=at,
        data=data,
        payload=data,
        notifiers=["hook"],
        now=at,
    )
