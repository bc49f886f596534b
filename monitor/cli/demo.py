"""``rhetoric-monitor demo``: the real daemon against local feeds, offline.

* a feed server on 127.0.0.1 serves one RSS feed per invented outlet; an
  article appears on its feed once the simulated clock passes its time;
* a webhook receiver on 127.0.0.1 verifies every Standard Webhooks signature;
* the real ``Daemon`` (APScheduler, fetch, parse, extract, tone, store, shift,
  outbox) polls the feeds every half second while the simulated clock runs at
  ``speed`` simulated seconds per real second.
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from monitor.cli.demo_articles import OUTLETS, DemoArticle, demo_articles
from monitor.notify import verify

DEMO_DAYS = 24
SECRET = "whsec_" + base64.b64encode(b"rhetoric-monitor-demo-secret!").decode()


class SimClock:
    """A clock that runs ``speed`` times faster than real time from ``start``."""

    def __init__(self, start: datetime, speed: float) -> None:
        self.start = start
        self.speed = speed
        self._t0 = time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=(time.monotonic() - self._t0) * self.speed)


def _slug(outlet: str) -> str:
    return outlet.lower().replace(" ", "-")


def _rss(outlet: str, items: list[DemoArticle], base: str) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>',
        f"<title>{escape(outlet)}</title><link>{base}/</link><description>demo</description>",
    ]
    for a in sorted(items, key=lambda a: a.published, reverse=True)[:20]:
        parts.append(
            f'<item><guid isPermaLink="false">{a.guid}</guid><title>{escape(a.title)}</title>'
            f"<link>{base}/articles/{a.guid}</link><pubDate>{format_datetime(a.published)}"
            f"</pubDate><description>{escape(a.text)}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def _server(handler: Callable[[BaseHTTPRequestHandler], None]) -> ThreadingHTTPServer:
    class H(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            handler(self)

        do_POST = do_GET

        def log_message(self, format: str, *args: object) -> None:
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def run_demo(
    *,
    speed: float,
    out: Callable[[str], None],
    timeout_s: float = 50.0,
    progress: Callable[[float, float], None] | None = None,
) -> int:
    """Run the demo; returns the exit code (0 when alerts arrived verified).

    ``progress(done, total)`` hears the simulated days gone by, five times a second.
    """
    from monitor.daemon import Daemon

    start = datetime(2026, 3, 1, tzinfo=UTC)
    articles = demo_articles(start, days=DEMO_DAYS)
    clock = SimClock(start, speed)
    received: list[dict[str, Any]] = []
    seen_ids: set[str] = set()
    bad_signatures = 0
    lock = threading.Lock()

    def feeds(req: BaseHTTPRequestHandler) -> None:
        now = clock()
        slug = req.path.strip("/").removesuffix(".xml")
        outlet = next((o for o in OUTLETS if _slug(o) == slug), None)
        if outlet is None:
            req.send_response(404)
            req.end_headers()
            return
        items = [a for a in articles if a.outlet == outlet and a.published <= now]
        body = _rss(outlet, items, feed_base)
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    def receiver(req: BaseHTTPRequestHandler) -> None:
        nonlocal bad_signatures
        length = int(req.headers.get("Content-Length") or 0)
        body = req.rfile.read(length).decode()
        msg_id = req.headers.get("webhook-id", "")
        ok = verify(
            SECRET,
            msg_id,
            int(req.headers.get("webhook-timestamp", "0")),
            body,
            req.headers.get("webhook-signature", ""),
        )
        req.send_response(204 if ok else 401)
        req.end_headers()
        with lock:
            if not ok:
                bad_signatures += 1
            elif msg_id not in seen_ids:
                seen_ids.add(msg_id)
                received.append(json.loads(body))
                _print_alert(received[-1], out)

    feed_srv, hook_srv = _server(feeds), _server(receiver)
    feed_base = f"http://127.0.0.1:{int(feed_srv.server_address[1])}"
    hook_port = int(hook_srv.server_address[1])
    with tempfile.TemporaryDirectory(prefix="rhetoric-demo-") as tmp:
        config = Path(tmp) / "demo.yaml"
        config.write_text(_demo_yaml(feed_base, hook_port, Path(tmp)))
        os.environ["RHETORIC_DEMO_SECRET"] = SECRET
        out(
            f"demo: {len(articles)} synthetic articles from {len(OUTLETS)} outlets over "
            f"{DEMO_DAYS} simulated days (1 real second ≈ {speed / 86400:.1f} days)"
        )
        out(
            f"demo: feeds at {feed_base}/<outlet>.xml, webhooks to "
            f"http://127.0.0.1:{hook_port}/hook, config {config}"
        )
        daemon = Daemon(config, clock=clock, outbox_every_s=0.3, first_run_spread_s=0.1)
        daemon.start()
        end = start + timedelta(days=DEMO_DAYS, hours=12)
        deadline = time.monotonic() + timeout_s
        try:
            total_days = (end - start).total_seconds() / 86400
            while clock() < end and time.monotonic() < deadline:
                time.sleep(0.2)
                if progress is not None:
                    days = min(total_days, (clock() - start).total_seconds() / 86400)
                    progress(days, total_days)
            # Let the last polls and deliveries land.
            time.sleep(1.5)
        finally:
            daemon.stop()
        counts = _counts(Path(tmp) / "demo.db")
    feed_srv.shutdown()
    hook_srv.shutdown()
    shifts = [r for r in received if r["type"] == "rhetoric.shift.detected"]
    out("")
    out(
        f"summary: {counts.get('articles', 0)} articles stored and scored, "
        f"{counts.get('events', 0)} event(s), {len(received)} webhook(s) received and verified, "
        f"{bad_signatures} bad signature(s)"
    )
    if not shifts or bad_signatures:
        out("demo: FAILED: expected at least one verified shift alert")
        return 1
    out("demo: ok")
    return 0


def _print_alert(body: dict[str, Any], out: Callable[[str], None]) -> None:
    data = body.get("data", {})
    if not body.get("type", "").startswith("rhetoric."):
        out(f"\n[{body.get('type')}] {data.get('url')}: {data.get('last_error', '')}")
        return
    b, r = data.get("baseline", {}), data.get("recent", {})
    kind = "SHIFT DETECTED" if body["type"].endswith("detected") else "SHIFT RESOLVED"
    out(
        f"\n[{kind}] {data.get('watch')} → {str(data.get('direction', '')).upper()} "
        f"at {data.get('at')}"
    )
    out(
        f"  baseline {b.get('mean', 0):+.2f} (n={b.get('count')})  →  recent "
        f"{r.get('mean', 0):+.2f} (n={r.get('count')}, {r.get('sources')} sources)  "
        f"delta {data.get('delta', 0):+.2f}, effect size {data.get('effect_size', 0):.2f}"
    )
    for d in data.get("drivers", [])[:5]:
        phrases = ", ".join(d.get("phrases", [])[:3])
        out(f"  {d.get('tone', 0):+.2f}  {d.get('source')}: {d.get('title')}  [{phrases}]")


def _demo_yaml(feed_base: str, hook_port: int, tmp: Path) -> str:
    feed_lines = "\n".join(f"      - {feed_base}/{_slug(o)}.xml" for o in OUTLETS)
    return f"""\
database: {tmp / "demo.db"}
fetch:
  timeout_s: 5
defaults:
  interval: 0.5s
  jitter: 0
notifiers:
  demo-receiver:
    url: http://127.0.0.1:{hook_port}/hook
    secret: ${{RHETORIC_DEMO_SECRET}}
watches:
  - name: us-china
    actors: [United States, China]
    feeds:
{feed_lines}
"""


def _counts(db: Path) -> dict[str, int]:
    from monitor.store import Store

    store = Store(db)
    try:
        return store.counts()
    finally:
        store.close()
