"""``rhetoric-monitor report``: one self-contained HTML page per database.

Per watch, a chart drawn with matplotlib and inlined as SVG (no scripts, no
external assets, nothing fetched when it is opened): daily mean tone as dots on
a real date axis, the 7-day rolling mean with its 95 % band, the baseline the
detector compares against (the 28 days before the last 4), and each shift shaded
from its onset to its detection, labelled S1, S2 ... on the chart and linked to
its explanation below. Then the shifts explained with their driving articles,
and the most engaged (tone above 0) and most confrontational (below 0) articles,
with links and readable times. A watch without articles in the period says so.

Everything that came from feeds is HTML-escaped; links are kept only when they
are http(s).
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from html import escape
from math import sqrt
from typing import Any
from urllib.parse import urlsplit

from monitor.store import StoreAPI

ROLLING_DAYS = 7
BASELINE_DAYS = 28  # the default rule: 672 h of baseline ...
RECENT_DAYS = 4  # ... ending where the 96 h recent window starts
TOP = 5
_ENGAGE, _CONFRONT, _LINE, _BAND = "#1f6fb2", "#c0392b", "#222222", "#9ab"


@dataclass(frozen=True, slots=True)
class Shift:
    """A detected shift as the report shows it (numbered per watch: S1, S2 ...)."""

    label: str
    anchor: str
    direction: str
    onset: datetime
    detected: datetime
    resolved: datetime | None
    event: dict[str, Any]


def _parse(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def human(value: Any, *, with_time: bool = True) -> str:
    """``2026-05-03T14:05:09+00:00`` → ``3 May 2026, 14:05 UTC`` (or the date alone)."""
    dt = value if isinstance(value, datetime) else _parse(value)
    if dt is None:
        return "—"
    dt = dt.astimezone(UTC)
    day = f"{dt.day} {dt:%b %Y}"
    return f"{day}, {dt:%H:%M} UTC" if with_time else day


def _signed(value: float) -> str:
    return f"{value:+.2f}".replace("-", "−")


def _link(url: Any, text: str) -> str:
    """``text`` (escaped) as a link when ``url`` is http(s), else as plain text."""
    if isinstance(url, str) and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(text)}</a>'
    return escape(text)


def _extra(payload: dict[str, Any], key: str) -> Any:
    for pair in payload.get("extra") or ():
        if isinstance(pair, list | tuple) and len(pair) == 2 and pair[0] == key:
            return pair[1]
    return payload.get(key)


def shifts_of(watch: str, events: list[dict[str, Any]]) -> list[Shift]:
    """The watch's detected shifts, oldest first, each with its resolution if any."""
    detected = [e for e in events if e["type"] == "rhetoric.shift.detected"]
    resolved = [e for e in events if e["type"] == "rhetoric.shift.resolved"]
    out: list[Shift] = []
    slug = re.sub(r"[^a-z0-9_-]", "-", watch.lower())
    for i, e in enumerate(sorted(detected, key=lambda e: str(e["at"])), 1):
        p = e["payload"]
        at = _parse(e["at"]) or datetime.now(UTC)
        onset = _parse(_extra(p, "onset")) or _parse((p.get("recent") or {}).get("start")) or at
        direction = str(e.get("direction") or p.get("direction") or "")
        end = next(
            (
                _parse(r["at"])
                for r in sorted(resolved, key=lambda r: str(r["at"]))
                if str(r.get("direction")) == direction
                and str(r["at"]) >= str(e["at"])
                and (_parse(_extra(r["payload"], "onset")) or onset) == onset
            ),
            None,
        )
        out.append(Shift(f"S{i}", f"{slug}-s{i}", direction, min(onset, at), at, end, e))
    return out


@dataclass(frozen=True, slots=True)
class Series:
    """Daily means and counts (days with data), and per calendar day the rolling mean,
    its 95 % band and the baseline (None where there is too little data)."""

    days: list[date]
    means: list[float]
    counts: list[int]
    grid: list[date]
    roll: list[float | None]
    lo: list[float | None]
    hi: list[float | None]
    base: list[float | None]


def _series(arts: list[tuple[datetime, float]], start: date, end: date) -> Series:
    """The chart's series of ``arts`` from ``start`` to ``end`` (UTC days)."""
    by_day: dict[date, list[float]] = defaultdict(list)
    for at, tone in arts:
        by_day[at.date()].append(tone)
    days = sorted(by_day)
    means = [sum(by_day[d]) / len(by_day[d]) for d in days]
    counts = [len(by_day[d]) for d in days]
    grid = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    roll: list[float | None] = []
    lo: list[float | None] = []
    hi: list[float | None] = []
    base: list[float | None] = []
    for d in grid:
        window = [t for k in range(ROLLING_DAYS) for t in by_day.get(d - timedelta(days=k), [])]
        if window:
            m = sum(window) / len(window)
            sd = (
                sqrt(sum((t - m) ** 2 for t in window) / (len(window) - 1))
                if len(window) > 1
                else 0
            )
            half = 1.96 * sd / sqrt(len(window))
            roll.append(m)
            lo.append(max(-1.0, m - half))
            hi.append(min(1.0, m + half))
        else:
            roll.append(None)
            lo.append(None)
            hi.append(None)
        past = [
            t
            for k in range(RECENT_DAYS, RECENT_DAYS + BASELINE_DAYS)
            for t in by_day.get(d - timedelta(days=k), [])
        ]
        base.append(sum(past) / len(past) if len(past) >= 5 else None)
    return Series(days, means, counts, grid, roll, lo, hi, base)


def _chart(
    arts: list[tuple[datetime, float]], shifts: list[Shift], since: datetime, now: datetime
) -> str:
    """The watch's chart as inline SVG (matplotlib, Agg, text kept as text)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    # The axis spans the data (a backtest's history is not squeezed into a long --since),
    # and the period's bounds when they are closer.
    first = min(at for at, _ in arts)
    last = max([at for at, _ in arts] + [sh.resolved or sh.detected for sh in shifts])
    start = max(since, first - timedelta(days=1)).date()
    end = min(now, last + timedelta(days=1)).date()
    s = _series(arts, start, end)

    def num(dt: datetime) -> float:
        return dt.timestamp() / 86400.0  # matplotlib's date numbers (epoch 1970, set below)

    def noon(d: date) -> float:
        return num(datetime.combine(d, datetime.min.time(), UTC) + timedelta(hours=12))

    def nan(values: list[float | None]) -> list[float]:
        return [v if v is not None else float("nan") for v in values]

    with plt.rc_context(
        {
            "date.epoch": "1970-01-01T00:00:00",
            "svg.fonttype": "none",
            "svg.hashsalt": "rhetoric-monitor",
            "font.family": "sans-serif",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        fig, ax = plt.subplots(figsize=(9.0, 3.7), dpi=100)
        try:
            ax.axhline(0, color="#bbb", linewidth=0.8)
            for sh in shifts:
                colour = _CONFRONT if sh.direction == "confrontation" else _ENGAGE
                x0 = max(sh.onset, datetime.combine(start, datetime.min.time(), UTC))
                span = ax.axvspan(num(x0), num(sh.detected), color=colour, alpha=0.14, linewidth=0)
                span.set_gid(f"shiftspan-{sh.anchor}")
                ax.axvline(num(sh.detected), color=colour, linewidth=1.2)
                if sh.resolved is not None:
                    ax.axvline(num(sh.resolved), color=colour, linewidth=1, linestyle=":")
            ax.scatter(
                [noon(d) for d in s.days],
                s.means,
                s=[min(60, 8 + 4 * c) for c in s.counts],
                color="#888",
                alpha=0.55,
                linewidths=0,
                label="daily mean",
                zorder=2,
            )
            gx = [noon(d) for d in s.grid]
            ax.fill_between(
                gx, nan(s.lo), nan(s.hi), color=_BAND, alpha=0.35, linewidth=0, label="95 % band"
            )
            ax.plot(gx, nan(s.roll), color=_LINE, linewidth=1.6, label=f"{ROLLING_DAYS}-day mean")
            ax.plot(
                gx,
                nan(s.base),
                color="#7a5",
                linewidth=1.3,
                linestyle="--",
                label=f"baseline ({BASELINE_DAYS} days before the last {RECENT_DAYS})",
                zorder=3,
            )
            ax.set_ylim(-1.05, 1.22)
            ax.set_xlim(noon(start) - 0.5, noon(end) + 0.5)
            ax.set_ylabel("tone  (− confrontation · + engagement)")
            locator = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(
                mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
            )
            ax.grid(axis="y", color="#eee", linewidth=0.6)
            for i, sh in enumerate(shifts):
                colour = _CONFRONT if sh.direction == "confrontation" else _ENGAGE
                arrow = "▼" if sh.direction == "confrontation" else "▲"
                label = ax.text(
                    num(sh.detected),
                    1.16 - 0.13 * (i % 2),
                    f" {sh.label} {arrow} {sh.direction}",
                    color=colour,
                    fontsize=8.5,
                    fontweight="bold",
                    ha="right",
                    va="top",
                )
                label.set_gid(f"shiftlabel-{sh.anchor}")
                label.set_url(f"#{sh.anchor}")
            ax.legend(
                loc="upper center",
                bbox_to_anchor=(0.5, -0.14),
                fontsize=7.5,
                frameon=False,
                ncols=4,
            )
            fig.tight_layout()
            buf = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None})
        finally:
            plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    # Scale with the page: keep the viewBox, drop the fixed size.
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    return svg.replace("<svg", '<svg class="chart" role="img" aria-label="tone chart"', 1)


def _shift_html(sh: Shift) -> str:
    p = sh.event["payload"]
    b, r = p.get("baseline") or {}, p.get("recent") or {}
    drivers = "".join(
        f"<li><span class=tone>{_signed(float(d.get('tone') or 0))}</span> "
        f"{_link(d.get('url'), str(d.get('title') or '(untitled)'))} "
        f"<span class=small>{escape(str(d.get('source') or ''))}, "
        f"{human(d.get('published'))}"
        + (f"; {escape(', '.join(d.get('phrases', [])[:4]))}" if d.get("phrases") else "")
        + "</span></li>"
        for d in p.get("drivers") or []
    )
    status = f"resolved {human(sh.resolved)}" if sh.resolved is not None else "still open (firing)"
    return (
        f'<li class=shift id="{escape(sh.anchor)}"><b class="{escape(sh.direction)}">'
        f"{escape(sh.label)} · toward {escape(sh.direction)}</b>"
        f"{' (silenced)' if sh.event.get('silenced') else ''}<br>"
        f"onset {human(sh.onset)} → detected {human(sh.detected)}; {status}<br>"
        f"mean tone {_signed(float(b.get('mean') or 0))} ({b.get('count')} articles) → "
        f"{_signed(float(r.get('mean') or 0))} ({r.get('count')} articles from "
        f"{r.get('sources')} outlets), Δ {_signed(float(p.get('delta') or 0))}, "
        f"effect size {abs(float(p.get('effect_size') or 0)):.1f} SD"
        f"<ul class=drivers>{drivers}</ul></li>"
    )


def _other_event_html(e: dict[str, Any]) -> str:
    p = e["payload"]
    what = p.get("url") or p.get("summary") or ""
    if e["type"] == "rhetoric.shift.resolved":
        what = f"settled after a shift toward {e.get('direction')} detected before this period"
    return (
        f"<li>{human(e['at'])} <b>{escape(str(e['type']))}</b> {escape(str(what))}"
        + (f" — {escape(str(p.get('last_error')))}" if p.get("last_error") else "")
        + "</li>"
    )


def _top(rows: list[dict[str, Any]]) -> str:
    return "".join(
        f"<li><span class=tone>{_signed(float(a['tone']))}</span> "
        f"{_link(a.get('url'), str(a.get('title') or '(untitled)'))} "
        f"<span class=small>{escape(str(a.get('source') or ''))}, {human(a['at'])}</span></li>"
        for a in rows
    )


def watch_notes(name: str, arts: list[dict[str, Any]], shifts: list[Shift]) -> list[str]:
    """One-line notes under a watch's title (HTML, already escaped); others may add theirs."""
    if not arts:
        return []
    sources = len({a.get("source") for a in arts})
    return [
        f"{len(arts)} articles from {sources} outlets, {human(arts[-1]['at'])} … "
        f"{human(arts[0]['at'])}; {len(shifts)} shift(s)"
    ]


def _watch_section(
    name: str,
    arts: list[dict[str, Any]],
    events: list[dict[str, Any]],
    *,
    since: datetime,
    now: datetime,
    detector: str = "",
) -> str:
    shifts = shifts_of(name, events)
    head = f'<section class=watch id="watch-{escape(name)}"><h2>{escape(name)}</h2>'
    notes = "".join(f"<p class=small>{n}</p>" for n in watch_notes(name, arts, shifts))
    shown = {(sh.direction, sh.resolved) for sh in shifts}
    others = [
        e
        for e in events
        if not str(e["type"]).startswith("rhetoric.shift")
        # a resolution whose shift was detected before the period
        or (
            e["type"] == "rhetoric.shift.resolved"
            and (str(e.get("direction")), _parse(e["at"])) not in shown
        )
    ]
    other_html = (
        f"<h3>Other events</h3><ul>{''.join(_other_event_html(e) for e in others)}</ul>"
        if others
        else ""
    )
    if not arts:
        return (
            f"{head}<p class=nodata>No data: no scored articles for this watch between "
            f"{human(since)} and {human(now)}.</p>{other_html}</section>"
        )
    points = [(t, float(a["tone"])) for a in arts if (t := _parse(a["at"])) is not None]
    engaged = sorted((a for a in arts if float(a["tone"]) > 0), key=lambda a: -float(a["tone"]))
    hostile = sorted((a for a in arts if float(a["tone"]) < 0), key=lambda a: float(a["tone"]))
    shift_list = "".join(_shift_html(sh) for sh in shifts) or "<li>none in this period</li>"
    return (
        f"{head}{notes}{detector}<figure>{_chart(points, shifts, since, now)}</figure>"
        f"<h3>Shifts</h3><ol class=shifts>{shift_list}</ol>{other_html}"
        f"<div class=tops><div><h3>Most engaged</h3>"
        f"<ol>{_top(engaged[:TOP]) or '<li>none above 0</li>'}</ol></div>"
        f"<div><h3>Most confrontational</h3>"
        f"<ol>{_top(hostile[:TOP]) or '<li>none below 0</li>'}</ol></div></div></section>"
    )


_CSS = (
    "body{font:14px/1.45 system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;"
    "color:#222;background:#fff}"
    "h1{margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}"
    ".small{color:#666;font-size:12px}.tone{font-variant-numeric:tabular-nums;"
    "display:inline-block;min-width:3.2em;color:#555}"
    "svg.chart{width:100%;height:auto}figure{margin:0}"
    ".confrontation{color:#c0392b}.engagement{color:#1f6fb2}"
    "li.shift{margin-bottom:.8em}li.shift:target{background:#fff7d6}"
    ".nodata{padding:1em;background:#f6f6f6;border-left:4px solid #bbb}"
    ".tops{display:flex;gap:2em;flex-wrap:wrap}.tops>div{flex:1;min-width:300px}"
    "a{color:#1f5f99}"
)


def render_report(store: StoreAPI, *, watch: str | None, since: datetime, now: datetime) -> str:
    """The HTML report of ``watch`` (or every watch) from ``since`` to ``now``."""
    rows = store.history(watch=watch, since=since, limit=1_000_000)
    events = store.events(watch=watch, since=since)
    by_watch: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_watch[r["watch"]].append(r)
    names = {watch} if watch else set(by_watch) | _known_watches(store)
    sections = [
        _watch_section(
            name,
            by_watch.get(name, []),
            [e for e in events if e["watch"] == name],
            since=since,
            now=now,
            detector=detector_html(store, name),
        )
        for name in sorted(names)
    ]
    body = "".join(sections) or (
        f"<p class=nodata>No data: no watch has scored articles between {human(since)} and "
        f"{human(now)}.</p>"
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width, initial-scale=1">'
        "<title>rhetoric-monitor report</title>"
        f"<style>{_CSS}</style></head><body>"
        f"<h1>rhetoric-monitor report</h1><p class=small>{human(since)} … {human(now)} · "
        "shaded: from a shift's onset to its detection (S1, S2 … link to the explanation); "
        "dotted line: resolved</p>"
        f"{body}</body></html>"
    )


def _known_watches(store: StoreAPI) -> set[str]:
    """Every watch the database has heard of (so a quiet one gets its "no data" note)."""
    return store.known_names("charted")


# -- detector status and calibration (issue 11; kept apart from the page layout) -----


def detector_html(store: StoreAPI, watch: str) -> str:
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
