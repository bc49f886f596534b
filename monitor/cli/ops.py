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

from monitor.cli.common import _config_path, _errors, config_option
from monitor.cli.watchlines import detector_lines
from monitor.errors import MonitorError

_SIMPLE_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _parse_since(value: str) -> timedelta:
    # The common forms (30d, 12h) are read here: importing monitor.config.loader (pydantic)
    # for them would cost ~250 ms, most of `history`'s budget. Anything else goes
    # to config.parse_duration, the one grammar and its error messages.
    m = _SIMPLE_DURATION.match(value)
    if m and float(m.group(1)) > 0:
        return timedelta(seconds=float(m.group(1)) * _UNIT_S[m.group(2)])
    from monitor.config import parse_duration

    try:
        return timedelta(seconds=parse_duration(value))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _open_store(config_path: Path | None, db_path: str | None) -> Any:
    from monitor.store import Store

    if db_path is None:
        from monitor.config import load_config  # only here: pydantic costs ~250 ms

        db_path = load_config(_config_path(config_path)).database
    if db_path != ":memory:" and not Path(db_path).exists():
        raise MonitorError(
            f"no database at {db_path} (run the daemon or 'poll' first, or pass --db)"
        )
    return Store(db_path)


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
        for row in rows:
            click.echo("  ".join(_cell(row.get(c)) for c in columns))


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:+.2f}"
    return "" if value is None else str(value)[:90]


@click.command()
@config_option()
@click.option("--db", "db_path", help="SQLite database file.")
@click.option("--watch", "watch_name", help="Only this watch.")
@click.option("--since", default="30d", show_default=True, help="How far back (e.g. 12h, 30d).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
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
    delta = _parse_since(since)
    with _errors():
        store = _open_store(config_path, db_path)
        start = datetime.now(UTC) - delta
        rows = store.history(watch=watch_name, since=start, limit=limit)
        events = store.events(watch=watch_name, since=start)
        states = [s for s in store.detector_states() if watch_name in (None, s["watch"])]
        cals = [c for c in store.calibrations() if watch_name in (None, c["watch"])]
        store.close()
    cols = ["at", "watch", "tone", "label", "source", "title", "url"]
    if fmt == "json":
        detectors = {s["watch"]: s["status"] for s in states}
        body = {"articles": rows, "events": events, "detectors": detectors}
        click.echo(json.dumps(body, ensure_ascii=False, indent=1))
        return
    _emit(rows, fmt, cols)
    if fmt == "table":
        for e in events:
            click.echo(
                f"EVENT {e['at']}  {e['type']}  {e['watch']}  {e['direction'] or ''}"
                f"{'  (silenced)' if e['silenced'] else ''}"
            )
        for line in detector_lines(states, cals):
            click.echo(line)


@click.command()
@config_option()
@click.option("--db", "db_path", help="SQLite database file.")
@click.option("--watch", "watch_name", help="Only this watch.")
@click.option("--since", default="90d", show_default=True, help="How far back (e.g. 30d).")
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
        html = render_report(store, watch=watch_name, since=now - delta, now=now)
        store.close()
        try:
            out_path.write_text(html, encoding="utf-8")
        except OSError as exc:
            raise MonitorError(f"report: cannot write {out_path}: {exc}") from exc
    click.echo(f"wrote {out_path} ({len(html.encode()) // 1024} kB)")


@click.command()
@config_option()
@click.option("--db", "db_path", help="SQLite database file.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def status(config_path: Path | None, db_path: str | None, fmt: str) -> None:
    """Feed health (error counts, backoff, last error), outbox totals, and each watch's
    detector (warming up, not enough data, watching) and calibration."""
    with _errors():
        store = _open_store(config_path, db_path)
        feeds = store.feed_states()
        counts = store.counts()
        states, cals = store.detector_states(), store.calibrations()
        outbox: dict[str, int] = {}
        for row in store.deliveries(limit=100_000):
            outbox[row["status"]] = outbox.get(row["status"], 0) + 1
        store.close()
    if fmt == "json":
        from monitor.store import jsonable

        watches = {s["watch"]: {"detector": s["status"]} for s in states}
        for c in cals:
            watches.setdefault(c["watch"], {})["calibration"] = {
                **c["result"],
                "applied": c["applied"],
                "saved_at": c["saved_at"],
            }
        body = {"feeds": jsonable(feeds), "counts": counts, "outbox": outbox, "watches": watches}
        click.echo(json.dumps(body, indent=1))
        return
    for f in feeds:
        state = "DISABLED" if f.disabled else ("failing" if f.error_count else "ok")
        if state == "ok" and f.last_warning:
            state = "warning"  # ill-formed but read: entries kept, no failure counted
        nxt = f.next_attempt_at.isoformat() if f.next_attempt_at else "-"
        click.echo(
            f"{state:8} errors={f.error_count:<3} next={nxt}  {f.url}"
            + (f"  last_error={f.last_error}" if f.last_error else "")
            + (f"  warning={f.last_warning}" if f.last_warning and not f.error_count else "")
        )
    click.echo("counts: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    click.echo("outbox: " + (", ".join(f"{k}={v}" for k, v in sorted(outbox.items())) or "empty"))
    for line in detector_lines(states, cals):
        click.echo(line)


@click.command()
@config_option()
@click.option("--db", "db_path", help="SQLite database file.")
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
    """The webhook outbox: list, inspect, re-send, re-enable."""
    now = datetime.now(UTC)
    with _errors():
        store = _open_store(config_path, db_path)
        try:
            if enable_name:
                store.set_notifier_disabled(enable_name, None, now=now)
                click.echo(f"notifier {enable_name} enabled")
            if resend_id:
                if not store.requeue(resend_id, now=now):
                    raise MonitorError(f"no failed or pending delivery with id {resend_id!r}")
                click.echo(f"delivery {resend_id} queued again")
            if show_id:
                for a in store.delivery_attempts(show_id):
                    click.echo(
                        f"attempt {a['attempt']} at {a['at']}: status={a['status_code']} "
                        f"error={a['error'] or '-'} took={a['duration_s']:.2f}s"
                    )
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
@click.option("--db", "db_path", help="SQLite database file.")
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
        store = _open_store(config_path, db_path)
        sid = store.add_silence(watch, until=now + delta, comment=comment, now=now)
        store.close()
    click.echo(f"silence {sid}: {watch} until {(now + delta).isoformat(timespec='seconds')}")


@silence.command("list")
@config_option()
@click.option("--db", "db_path", help="SQLite database file.")
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
@click.option("--db", "db_path", help="SQLite database file.")
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
