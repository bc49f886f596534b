"""``rhetoric-monitor report``: one self-contained HTML page per database.

A daily tone chart per watch (inline SVG, no scripts, no external assets), the
events with their explanations, and the most engaged and most confrontational
articles of the period. Everything from feeds is HTML-escaped.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from html import escape
from typing import Any

from monitor.store import Store

_W, _H = 720, 160


def _chart(days: list[tuple[str, float, int]], events: list[dict[str, Any]]) -> str:
    """An SVG line of daily mean tone in [-1, 1] with event markers."""
    if not days:
        return "<p>No scored articles in this period.</p>"
    n = len(days)

    def x(i: int) -> float:
        return 30 + (_W - 40) * (i / max(n - 1, 1))

    def y(v: float) -> float:
        return 10 + (_H - 20) * (1 - (v + 1) / 2)

    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v, _) in enumerate(days))
    index = {d: i for i, (d, _, _) in enumerate(days)}
    marks = []
    for e in events:
        i = index.get(str(e["at"])[:10])
        if i is None:
            continue
        colour = "#b22" if e.get("direction") == "confrontation" else "#27a"
        dash = ' stroke-dasharray="4 3"' if str(e["type"]).endswith("resolved") else ""
        marks.append(
            f'<line x1="{x(i):.1f}" x2="{x(i):.1f}" y1="5" y2="{_H - 5}" stroke="{colour}"'
            f"{dash}><title>{escape(str(e['type']))} {escape(str(e['at']))}</title></line>"
        )
    return (
        f'<svg width="{_W}" height="{_H}" role="img" aria-label="daily mean tone">'
        f'<line x1="30" x2="{_W - 10}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#ccc"/>'
        f'<text x="0" y="{y(1) + 4:.1f}" font-size="10">+1</text>'
        f'<text x="0" y="{y(-1):.1f}" font-size="10">−1</text>'
        f"{''.join(marks)}"
        f'<polyline fill="none" stroke="#333" stroke-width="1.5" points="{points}"/></svg>'
        f"<p class=small>{escape(days[0][0])} … {escape(days[-1][0])}, "
        f"{sum(c for _, _, c in days)} articles</p>"
    )


def _event_html(e: dict[str, Any]) -> str:
    p = e["payload"]
    if not str(e["type"]).startswith("rhetoric."):
        return f"<li>{escape(str(e['at']))} <b>{escape(str(e['type']))}</b> {escape(str(p))}</li>"
    b, r = p.get("baseline", {}), p.get("recent", {})
    drivers = "".join(
        f"<li>{d.get('tone', 0):+.2f} {escape(str(d.get('source', '')))}: "
        f'<a href="{escape(str(d.get("url") or "#"))}">{escape(str(d.get("title", "")))}</a> '
        f"<i>{escape(', '.join(d.get('phrases', [])[:4]))}</i></li>"
        for d in p.get("drivers", [])
    )
    return (
        f"<li>{escape(str(e['at']))} <b>{escape(str(e['type']))}</b> → "
        f"{escape(str(e.get('direction') or ''))}{' (silenced)' if e.get('silenced') else ''}: "
        f"baseline {b.get('mean', 0):+.2f} (n={b.get('count')}) → recent "
        f"{r.get('mean', 0):+.2f} (n={r.get('count')}, {r.get('sources')} sources), "
        f"effect size {p.get('effect_size', 0):.2f}<ul>{drivers}</ul></li>"
    )


def render_report(store: Store, *, watch: str | None, since: datetime, now: datetime) -> str:
    """The HTML report of ``watch`` (or every watch) from ``since`` to ``now``."""
    rows = store.history(watch=watch, since=since, limit=1_000_000)
    events = store.events(watch=watch, since=since)
    by_watch: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_watch[r["watch"]].append(r)
    sections = []
    for name in sorted(by_watch):
        arts = by_watch[name]
        daily: dict[str, list[float]] = defaultdict(list)
        for a in arts:
            daily[str(a["at"])[:10]].append(float(a["tone"]))
        days = [(d, sum(v) / len(v), len(v)) for d, v in sorted(daily.items())]
        mine = [e for e in events if e["watch"] == name]
        ranked = sorted(arts, key=lambda a: a["tone"])

        def items(sel: list[dict[str, Any]]) -> str:
            return "".join(
                f"<li>{a['tone']:+.2f} {escape(str(a['source'] or ''))}: "
                f"{escape(str(a['title'] or ''))}</li>"
                for a in sel
            )

        sections.append(
            f"<h2>{escape(name)}</h2>{_chart(days, mine)}{detector_html(store, name)}"
            f"<h3>Events</h3><ul>{''.join(_event_html(e) for e in mine) or '<li>none</li>'}</ul>"
            f"<h3>Most confrontational</h3><ol>{items(ranked[:5])}</ol>"
            f"<h3>Most engaged</h3><ol>{items(ranked[::-1][:5])}</ol>"
        )
    body = "".join(sections) or "<p>No scored articles in this period.</p>"
    return (
        "<!doctype html><html lang=en><meta charset=utf-8>"
        "<title>rhetoric-monitor report</title>"
        "<style>body{font:14px system-ui,sans-serif;max-width:760px;margin:2em auto}"
        ".small{color:#666;font-size:12px}</style>"
        f"<h1>rhetoric-monitor report</h1><p class=small>{escape(since.isoformat())} … "
        f"{escape(now.isoformat())}</p>{body}</html>"
    )


# -- detector status and calibration (issue 11; kept apart from the page layout) -----


def detector_html(store: Store, watch: str) -> str:
    """A paragraph on the watch's detector: warming up (n of N stories), not enough data,
    or watching, and its calibration when it has one."""
    from monitor.cli.watchlines import detector_lines

    states = [s for s in store.detector_states() if s["watch"] == watch]
    cals = [c for c in store.calibrations() if c["watch"] == watch]
    lines = detector_lines(states, cals)
    if not lines:
        return ""
    items = "".join(f"<li>{escape(line.strip())}</li>" for line in lines)
    return f"<h3>Detector</h3><ul class=small>{items}</ul>"
