"""Operator commands that read the database: history, report, status, deliveries, silence.

Defined here as standalone click commands; ``monitor.cli.main`` registers them on its
``main`` group, so they exist wherever ``main`` is used. Like the rest of the CLI,
they import the store, config and report modules only when they run.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from monitor.cli.common import DB_ENV, _config_path, _errors, config_option, db_option
from monitor.cli.watchlines import detector_lines
from monitor.errors import MonitorError

_SIMPLE_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdwy])\s*$")
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "y": 365 * 86400}
#: ``--since all``: everything (50 years back is before any feed we could have read).
_ALL = timedelta(days=365 * 50)


def _parse_since(value: str) -> timedelta:
    # The common forms (30d, 12h, 2w, 1y, all) are read here: importing monitor.config.loader
    # (pydantic) for them would cost ~250 ms, most of `history`'s budget. Anything else
    # goes to config.parse_duration, the one grammar and its error messages.
    if value.strip().lower() == "all":
        return _ALL
    m = _SIMPLE_DURATION.match(value)
    if m and float(m.group(1)) > 0:
        return timedelta(seconds=float(m.group(1)) * _UNIT_S[m.group(2)])
    from monitor.config import parse_duration

    try:
        return timedelta(seconds=parse_duration(value))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _load_config(config_path: Path | None, *, required: bool) -> Any:
    """The config, or None when none was named and the default file is absent."""
    from monitor.config import load_config  # only here: pydantic costs ~250 ms

    path = _config_path(config_path)
    if not required and config_path is None and not path.exists():
        return None
    return load_config(path)


def _open_store(config_path: Path | None, db_path: str | None) -> Any:
    """The daemon's database, found as every command finds it: ``--db``, else
    ``RHETORIC_MONITOR_DB``, else the config's store (``database``, relative to the
    config, or ``database_url`` in cluster mode: the shared PostgreSQL)."""
    from monitor.store import Store, is_postgres_url, open_postgres

    if db_path is None:
        config = _load_config(config_path, required=True)
        db_path, origin = config.store_url(), f"the config's database, {config.sources[0]}"
    else:
        source = click.get_current_context().get_parameter_source("db_path")
        origin = f"from {DB_ENV}" if source == ParameterSource.ENVIRONMENT else "from --db"
    if is_postgres_url(db_path):
        return open_postgres(db_path)  # cluster mode: the shared database
    if db_path != ":memory:" and not Path(db_path).exists():
        raise MonitorError(
            f"no database at {db_path} ({origin}; run the daemon or 'poll' first, "
            f"or pass --db / set {DB_ENV})"
        )
    return Store(db_path)


def _known(store: Any, config: Any, kind: str) -> set[str]:
    """Watch or notifier names the config defines or the database has seen."""
    from monitor.store import known_names

    names = set(known_names(store, kind))
    if config is not None:
        names |= {w.name for w in config.watches} if kind == "watch" else set(config.notifiers)
    return names


def _refuse_unknown(name: str, known: set[str], kind: str) -> None:
    if name not in known:
        listed = ", ".join(sorted(known)) or "none"
        plural = {"watch": "watches", "notifier": "notifiers"}[kind]
        raise MonitorError(f"no {kind} named {name!r} (known {plural}: {listed})")


def _config_if_any(config_path: Path | None, db_path: str | None) -> Any:
    """The config for name checks and thresholds: the one named (``--config`` or its
    environment variable), else the default file unless ``--db`` was given alone;
    None when there is none or it cannot be read (the database is enough then)."""
    from monitor.errors import ConfigError

    if config_path is None and db_path is not None:
        return None
    try:
        return _load_config(config_path, required=False)
    except ConfigError:
        return None


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        for line in _table(rows, columns):
            click.echo(line)


#: Widest a table cell gets before it is cut with a visible "…"; URLs are never cut.
_WIDTH = {"title": 60, "source": 18, "watch": 16, "summary": 70, "label": 13}


def _table(rows: list[dict[str, Any]], columns: list[str]) -> list[str]:
    """A header row and aligned rows; long cells end in "…", the last column is never cut."""
    cells = [[_cell(r.get(c), c, last=(i == len(columns) - 1)) for i, c in enumerate(columns)]
             for r in rows]  # fmt: skip
    header = [c.replace("at", "at (UTC)") if c == "at" else c for c in columns]
    widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(header)]
    out = []
    for row in [header, *cells]:
        padded = [v.ljust(w) for v, w in zip(row[:-1], widths[:-1], strict=True)]
        out.append("  ".join([*padded, row[-1]]).rstrip())
    return out


def _cell(value: Any, column: str, *, last: bool = False) -> str:
    if isinstance(value, float):
        return f"{value:+.2f}"
    if value is None:
        return ""
    text = str(value)
    if column == "at":
        # 2026-05-01T12:00:00+00:00 → 2026-05-01 12:00 (the header says UTC)
        text = text[:16].replace("T", " ")
    limit = _WIDTH.get(column)
    if limit and not last and column != "url" and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _event_row(e: dict[str, Any]) -> dict[str, Any]:
    """An event as a flat row: time, type, watch, direction and a one-line summary."""
    p = e.get("payload") or {}
    if str(e["type"]).startswith("rhetoric.") and "recent" in p:
        summary = (
            f"{p.get('baseline', {}).get('mean', 0):+.2f} → {p['recent'].get('mean', 0):+.2f}"
            f" (delta {p.get('delta', 0):+.2f})"
        )
    elif "url" in p:
        summary = f"{p['url']}: {p.get('last_error') or p.get('error_count') or ''}"
    else:
        summary = p.get("summary", "")
    if e.get("silenced"):
        summary += " (silenced)"
    return {
        "kind": "event",
        "at": e["at"],
        "watch": e["watch"],
        "type": e["type"],
        "direction": e.get("direction") or "",
        "event_id": e["event_id"],
        "summary": summary,
    }


@click.command()
@config_option()
@db_option()
@click.option("--watch", "watch_name", help="Only this watch.")
@click.option(
    "--since",
    default="30d",
    show_default=True,
    help="How far back: 12h, 30d, 2w, 1y or all.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table: two tables with headers; json: {articles, events}; csv: one row per "
    "article or event (column kind).",
)
@click.option("--limit", default=200, show_default=True, help="At most this many articles.")
def history(
    config_path: Path | None,
    db_path: str | None,
    watch_name: str | None,
    since: str,
    fmt: str,
    limit: int,
) -> None:
    """Scored articles and events of the last --since, newest first."""
    from monitor.store import has_older

    delta = _parse_since(since)
    with _errors():
        store = _open_store(config_path, db_path)
        try:
            start = datetime.now(UTC) - delta
            rows = store.history(watch=watch_name, since=start, limit=limit)
            events = store.events(watch=watch_name, since=start)[::-1]
            older = not rows and has_older(store, watch=watch_name, before=start)
            states = [s for s in store.detector_states() if watch_name in (None, s["watch"])]
            cals = [c for c in store.calibrations() if watch_name in (None, c["watch"])]
            if watch_name and not rows and not events and not older:
                config = _config_if_any(config_path, db_path)
                _refuse_unknown(watch_name, _known(store, config, "watch"), "watch")
        finally:
            store.close()
    for r in rows:
        r["phrases"] = json.loads(r.get("phrases") or "[]")
    if fmt == "json":
        detectors = {s["watch"]: s["status"] for s in states}
        body = {"articles": rows, "events": events, "detectors": detectors}
        click.echo(json.dumps(body, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        article_rows = [{"kind": "article", **r, "phrases": "; ".join(r["phrases"])} for r in rows]
        _emit([*article_rows, *(_event_row(e) for e in events)], "csv", _CSV_COLUMNS)
    else:
        if rows:
            _emit(rows, "table", ["at", "watch", "tone", "label", "source", "title", "url"])
        else:
            click.echo(f"no scored articles since {start:%Y-%m-%d %H:%M} UTC")
        click.echo("")
        if events:
            _emit([_event_row(e) for e in events], "table",
                  ["at", "type", "watch", "direction", "event_id", "summary"])  # fmt: skip
        else:
            click.echo("no events in that time")
        lines = detector_lines(states, cals)
        if lines:
            click.echo("")
        for line in lines:
            click.echo(line)
    if len(rows) == limit:
        click.echo(f"history: showing the newest {limit} articles (--limit for more)", err=True)
    if older:
        click.echo(
            f"history: nothing since {start:%Y-%m-%d}, but older articles exist "
            "(widen with --since 90d, 1y or all)",
            err=True,
        )


_CSV_COLUMNS = [
    "kind", "at", "watch", "tone", "label", "confidence", "source", "title", "url", "phrases",
    "type", "direction", "event_id", "summary",
]  # fmt: skip


@click.command()
@config_option()
@db_option()
@click.option("--watch", "watch_name", help="Only this watch.")
@click.option("--since", default="90d", show_default=True, help="How far back: 30d, 2w, 1y or all.")
@click.option(
    "--out", "out_path", required=True, type=click.Path(path_type=Path), help="HTML file to write."
)
def report(
    config_path: Path | None,
    db_path: str | None,
    watch_name: str | None,
    since: str,
    out_path: Path,
) -> None:
    """Write a self-contained HTML report: daily tone, events explained, top articles."""
    from monitor.cli.report import render_report

    delta = _parse_since(since)
    now = datetime.now(UTC)
    with _errors():
        store = _open_store(config_path, db_path)
        if watch_name:
            known = _known(store, _config_if_any(config_path, db_path), "watch")
            if watch_name not in known:
                store.close()
                _refuse_unknown(watch_name, known, "watch")
        html = render_report(store, watch=watch_name, since=now - delta, now=now)
        store.close()
        try:
            out_path.write_text(html, encoding="utf-8")
        except OSError as exc:
            raise MonitorError(f"report: cannot write {out_path}: {exc}") from exc
    click.echo(f"wrote {out_path} ({len(html.encode()) // 1024} kB)")


@click.command()
@config_option()
@db_option()
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def status(config_path: Path | None, db_path: str | None, fmt: str) -> None:
    """Feed health (error counts, backoff, last error), outbox totals, and each watch's
    detector (warming up, not enough data, watching) and calibration.

    A feed is ``ok``; ``warning`` (ill-formed but read); ``retrying`` (failed fewer times
    in a row than ``defaults.failing_after``); ``failing`` (at least that many: the
    ``source.failing`` alert went out); ``DISABLED`` (410 Gone); or ``pending`` (in the
    config, but no poll of it has finished yet).
    """
    from monitor.models import FeedState

    with _errors():
        config = _config_if_any(config_path, db_path)
        store = _open_store(config_path, db_path)
        try:
            feeds = store.feed_states()
            counts = store.counts()
            detectors, cals = store.detector_states(), store.calibrations()
            outbox: dict[str, int] = {}
            for row in store.deliveries(limit=1_000_000):
                outbox[row["status"]] = outbox.get(row["status"], 0) + 1
        finally:
            store.close()
    failing_after = config.defaults.failing_after if config is not None else 3
    known = {f.url for f in feeds}
    pending = [
        FeedState(url=f.url) for f in (config.feeds() if config is not None else ())
        if f.url not in known
    ]  # fmt: skip
    states = [(_feed_state(f, failing_after), f) for f in feeds]
    states += [("pending", f) for f in pending]
    if fmt == "json":
        from monitor.store import jsonable

        rows = [{"state": state, **jsonable(f)} for state, f in states]
        watches = {s["watch"]: {"detector": s["status"]} for s in detectors}
        for c in cals:
            watches.setdefault(c["watch"], {})["calibration"] = {
                **c["result"],
                "applied": c["applied"],
                "saved_at": c["saved_at"],
            }
        body = {"feeds": rows, "counts": counts, "outbox": outbox, "watches": watches}
        click.echo(json.dumps(body, indent=1))
        return
    for state, f in states:
        nxt = f.next_attempt_at.isoformat(timespec="seconds") if f.next_attempt_at else "-"
        if state == "pending":
            click.echo(f"{state:8} errors=-   next=-  {f.url}  (no poll has finished yet)")
            continue
        click.echo(
            f"{state:8} errors={f.error_count:<3} next={nxt}  {f.url}"
            + (f"  last_error={f.last_error}" if f.last_error else "")
            + (f"  warning={f.last_warning}" if f.last_warning and not f.error_count else "")
        )
    click.echo("counts: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    click.echo("outbox: " + (", ".join(f"{k}={v}" for k, v in sorted(outbox.items())) or "empty"))
    for line in detector_lines(detectors, cals):
        click.echo(line)


def _feed_state(f: Any, failing_after: int) -> str:
    if f.disabled:
        return "DISABLED"
    if f.error_count >= failing_after:
        return "failing"
    if f.error_count:
        return "retrying"
    return "warning" if f.last_warning else "ok"


@click.command()
@config_option()
@db_option()
@click.option(
    "--status", "status_filter", type=click.Choice(["pending", "delivered", "failed", "disabled"])
)
@click.option("--show", "show_id", help="Show one delivery with its attempts.")
@click.option("--resend", "resend_id", help="Queue a failed or disabled delivery again.")
@click.option("--enable", "enable_name", help="Re-enable a notifier disabled by a 410.")
def deliveries(
    config_path: Path | None,
    db_path: str | None,
    status_filter: str | None,
    show_id: str | None,
    resend_id: str | None,
    enable_name: str | None,
) -> None:
    """The webhook outbox: list, inspect, re-send, re-enable.

    A delivery's ID is ``EVENT_ID:NOTIFIER`` (one row per event and notifier).
    """
    from monitor.store import find_delivery

    now = datetime.now(UTC)
    with _errors():
        store = _open_store(config_path, db_path)
        try:
            if enable_name:
                known = _known(store, _config_if_any(config_path, db_path), "notifier")
                _refuse_unknown(enable_name, known, "notifier")
                if store.notifier_disabled(enable_name) is None:
                    click.echo(f"notifier {enable_name} was not disabled")
                else:
                    queued = store.set_notifier_disabled(enable_name, None, now=now)
                    click.echo(
                        f"notifier {enable_name} enabled ({queued} delivery(ies) queued again)"
                    )
            if resend_id:
                if not store.requeue(resend_id, now=now):
                    raise MonitorError(f"no failed or pending delivery with id {resend_id!r}")
                click.echo(f"delivery {resend_id} queued again")
            if show_id:
                row = find_delivery(store, show_id)
                if row is None:
                    raise MonitorError(
                        f"no delivery with id {show_id!r} (ids are EVENT_ID:NOTIFIER, "
                        "as 'deliveries' lists them)"
                    )
                click.echo(
                    f"{row['id']}: {row['status']}, notifier {row['notifier']}, "
                    f"created {row['created_at']}, next attempt {row['next_attempt_at'] or '-'}"
                )
                attempts = store.delivery_attempts(show_id)
                for a in attempts:
                    click.echo(
                        f"attempt {a['attempt']} at {a['at']}: status={a['status_code']} "
                        f"error={a['error'] or '-'} took={a['duration_s']:.2f}s"
                    )
                if not attempts:
                    click.echo("no attempts yet")
            if not (enable_name or resend_id or show_id):
                for d in store.deliveries(status=status_filter):
                    click.echo(
                        f"{d['status']:9} attempts={d['attempts']:<2} "
                        f"last={d['last_status'] or '-'} next={d['next_attempt_at'] or '-'} "
                        f"{d['id']}" + (f" error={d['last_error']}" if d["last_error"] else "")
                    )
        finally:
            store.close()


@click.group()
def silence() -> None:
    """Silence a watch's alerts for a while (events are still recorded)."""


@silence.command("add")
@config_option()
@db_option()
@click.argument("watch")
@click.option("--for", "duration", required=True, help="How long, e.g. 2h, 3d.")
@click.option("--comment", required=True, help="Why (shown in 'silence list').")
def silence_add(
    config_path: Path | None, db_path: str | None, watch: str, duration: str, comment: str
) -> None:
    """Silence WATCH for --for, with a --comment."""
    delta = _parse_since(duration)
    now = datetime.now(UTC)
    with _errors():
        config = _config_if_any(config_path, db_path)
        store = _open_store(config_path, db_path)
        try:
            # Silencing a name no watch has would mute nothing: the analyst must hear so.
            known = (
                {w.name for w in config.watches}
                if config is not None
                else _known(store, None, "watch")
            )
            _refuse_unknown(watch, known, "watch")
            sid = store.add_silence(watch, until=now + delta, comment=comment, now=now)
        finally:
            store.close()
    click.echo(f"silence {sid}: {watch} until {(now + delta).isoformat(timespec='seconds')}")


@silence.command("list")
@config_option()
@db_option()
@click.option("--all", "show_all", is_flag=True, help="Include expired silences.")
def silence_list(config_path: Path | None, db_path: str | None, show_all: bool) -> None:
    """Active silences (all with --all)."""
    with _errors():
        store = _open_store(config_path, db_path)
        rows = store.silences(now=None if show_all else datetime.now(UTC))
        store.close()
    for r in rows:
        click.echo(f"{r['id']:>4}  {r['watch']:16} until {r['until']}  {r['comment']}")
    if not rows:
        click.echo("no silences")


@silence.command("remove")
@config_option()
@db_option()
@click.argument("silence_id", type=int)
def silence_remove(config_path: Path | None, db_path: str | None, silence_id: int) -> None:
    """Remove silence SILENCE_ID."""
    with _errors():
        store = _open_store(config_path, db_path)
        ok = store.remove_silence(silence_id)
        store.close()
        if not ok:
            raise MonitorError(f"no silence with id {silence_id}")
    click.echo(f"silence {silence_id} removed")
