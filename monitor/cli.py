"""The command line: the only place that turns errors into messages and exit codes.

Exit codes: 0 success; 1 invalid input or configuration, or a runtime error
(message on stderr, no traceback); 2 usage errors (click).

Heavy modules (scheduler, fetch, extraction) are imported inside the commands
that use them, so ``score`` starts fast.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from monitor.errors import ConfigError, MonitorError
from monitor.tone.cli import score

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_CONFIG_ENV = "RHETORIC_MONITOR_CONFIG"


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        stream=sys.stderr,
    )
    # httpx logs every request at INFO; that is noise for a daemon's journal.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn project errors into a clean message and exit code 1."""
    try:
        yield
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(1)
    except MonitorError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


def config_option() -> Callable[[F], F]:
    """``--config PATH`` (a YAML file or a directory of them)."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path),
        default=None,
        envvar=DEFAULT_CONFIG_ENV,
        help="YAML watch config file or directory (default: config/watches.yaml; "
        f"env {DEFAULT_CONFIG_ENV}).",
    )


def _config_path(path: Path | None) -> Path:
    from monitor.config import DEFAULT_CONFIG

    return path if path is not None else DEFAULT_CONFIG


_SIMPLE_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _parse_since(value: str) -> timedelta:
    # The common forms (30d, 12h) are read here: importing monitor.config (pydantic)
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rhetoric-monitor")
def main() -> None:
    """rhetoric-monitor: alerts when the rhetoric about a relationship shifts."""


main.add_command(score)


@main.command()
@config_option()
@click.option("--db", "db_path", help="SQLite database file (default: the config's database).")
@click.option("-v", "--verbose", is_flag=True, help="Debug logging.")
def run(config_path: Path | None, db_path: str | None, verbose: bool) -> None:
    """Run the daemon in the foreground (logs to stderr; SIGHUP reloads, SIGTERM stops)."""
    _setup_logging(verbose)
    with _errors():
        from monitor.scheduler import Daemon, exit_now

        daemon = Daemon(_config_path(config_path), db_path=db_path)
        daemon.run_forever()
    # Worker threads stuck in network I/O must not hold the exit past the grace period.
    exit_now(0)


@main.command()
@config_option()
def check(config_path: Path | None) -> None:
    """Validate the config: exit 0 when valid, 1 with file:line: key: message when not."""
    from monitor.config import load_config

    with _errors():
        config = load_config(_config_path(config_path))
    feeds = config.feeds()
    click.echo(
        f"ok: {', '.join(config.sources)}: {len(config.watches)} watch(es), {len(feeds)} feed(s), "
        f"{len(config.notifiers)} notifier(s)"
    )


@main.command()
@config_option()
@click.option("--db", "db_path", help="SQLite database file (default: the config's database).")
@click.option("--watch", "watch_name", help="Only the feeds of this watch.")
@click.option("-v", "--verbose", is_flag=True)
def poll(
    config_path: Path | None, db_path: str | None, watch_name: str | None, verbose: bool
) -> None:
    """Run one full cycle (every feed once, then the outbox) and exit; cron-friendly."""
    _setup_logging(verbose)
    with _errors():
        from monitor.config import load_config
        from monitor.notify.outbox import Outbox
        from monitor.pipeline import build_fetcher, build_scorers, check_watch, poll_feed
        from monitor.scheduler import wall_clock
        from monitor.store import Store

        config = load_config(_config_path(config_path))
        if watch_name:
            config.watch(watch_name)
        store = Store(db_path or config.database)
        scorers = build_scorers(config)
        with build_fetcher(config) as fetcher:
            results = [
                poll_feed(
                    feed,
                    config=config,
                    store=store,
                    fetcher=fetcher,
                    scorers=scorers,
                    clock=wall_clock,
                )
                for feed in config.feeds(only=watch_name)
            ]
        # Detection runs for every watch even when nothing was new: an earlier poll
        # cut short (say, by cron's timeout) may have stored articles without it.
        for watch in config.watches:
            if watch_name is None or watch.name == watch_name:
                check_watch(watch, config=config, store=store, now=wall_clock())
        outbox = Outbox(store, config.notifiers, clock=wall_clock)
        delivered = outbox.deliver_due()
        outbox.close()
        store.close()
    for r in results:
        detail = f" error={r.error}" if r.error else ""
        click.echo(f"{r.status:12} new={r.new_articles:<4} events={len(r.events)} {r.url}{detail}")
    click.echo(f"delivered {delivered} webhook(s)")


@main.command()
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--url", help="The page's URL (helps extraction).")
@click.option(
    "--jsonl",
    is_flag=True,
    help='One {"id","html","url"?} per line in; one {"id","text"} per line out.',
)
def extract(file: io.TextIOBase, url: str | None, jsonl: bool) -> None:
    """Print the main text of an HTML page (boilerplate removed)."""
    from monitor.errors import ExtractError
    from monitor.extract import extract_main_text

    if not jsonl:
        with _errors():
            click.echo(extract_main_text(file.read(), url=url))
        return
    for number, line in enumerate(file, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            rid, html = record.get("id"), record.get("html") or ""
        except (json.JSONDecodeError, AttributeError) as exc:
            click.echo(json.dumps({"id": None, "text": "", "error": f"line {number}: {exc}"}))
            continue
        try:
            text = extract_main_text(html, url=record.get("url"))
        except ExtractError:
            text = ""
        click.echo(json.dumps({"id": rid, "text": text}, ensure_ascii=False))


@main.command()
@config_option()
@click.option("--watch", "watch_name", help="Replay only this watch.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one event per line; table: daily timeline.",
)
@click.argument("stream", type=click.File("r", encoding="utf-8"))
def replay(config_path: Path | None, watch_name: str | None, fmt: str, stream: TextIO) -> None:
    """Backtest STREAM.jsonl through tone + store + shift; print the events it would send."""
    from monitor import replay as rp
    from monitor.codec import event_to_dict, summary
    from monitor.config import load_config
    from monitor.store import Store

    with _errors(), tempfile.TemporaryDirectory(prefix="rhetoric-replay-") as tmp:
        config = load_config(config_path) if config_path else rp.default_config()
        store = Store(Path(tmp) / "replay.db")
        timeline = _Timeline() if fmt == "table" else None
        records = rp.read_stream(stream, name=getattr(stream, "name", "stream"))
        for tick in rp.replay(records, config=config, store=store, watch=watch_name):
            if timeline is not None:
                timeline.add(tick)
            for event in tick.events:
                if timeline is None:
                    click.echo(
                        json.dumps(
                            {**event_to_dict(event), "summary": summary(event)}, ensure_ascii=False
                        )
                    )
        store.close()
        if timeline is not None:
            click.echo(timeline.render())


class _Timeline:
    """Daily rows of mean tone with the events of that day, for ``replay --format table``."""

    def __init__(self) -> None:
        self.days: dict[tuple[str, str], list[float]] = {}
        self.events: dict[tuple[str, str], list[str]] = {}

    def add(self, tick: Any) -> None:
        key = (tick.at.date().isoformat(), tick.watch)
        if tick.tone is not None:
            self.days.setdefault(key, []).append(tick.tone)
        for e in tick.events:
            kind = "RESOLVED" if e.type.endswith("resolved") else "SHIFT"
            self.events.setdefault(key, []).append(
                f"{kind} → {e.direction} ({e.baseline.mean:+.2f} → {e.recent.mean:+.2f})"
            )

    def render(self) -> str:
        out = [f"{'date':10}  {'watch':12} {'n':>3}  {'tone':>6}  {'':21}  events"]
        for key in sorted(set(self.days) | set(self.events)):
            tones = self.days.get(key, [])
            mean = sum(tones) / len(tones) if tones else 0.0
            pos = round((mean + 1) * 10)
            bar = "".join(
                "|" if i == 10 else ("#" if min(pos, 10) <= i <= max(pos, 10) else " ")
                for i in range(21)
            )
            out.append(
                f"{key[0]:10}  {key[1][:12]:12} {len(tones):>3}  {mean:>+6.2f}  {bar}  "
                + "; ".join(self.events.get(key, []))
            )
        return "\n".join(out)


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


@main.command()
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
        store.close()
    cols = ["at", "watch", "tone", "label", "source", "title", "url"]
    if fmt == "json":
        click.echo(json.dumps({"articles": rows, "events": events}, ensure_ascii=False, indent=1))
        return
    _emit(rows, fmt, cols)
    if fmt == "table":
        for e in events:
            click.echo(
                f"EVENT {e['at']}  {e['type']}  {e['watch']}  {e['direction'] or ''}"
                f"{'  (silenced)' if e['silenced'] else ''}"
            )


@main.command()
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
    from monitor.report import render_report

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


@main.command()
@config_option()
@click.option("--db", "db_path", help="SQLite database file.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def status(config_path: Path | None, db_path: str | None, fmt: str) -> None:
    """Feed health (error counts, backoff, last error) and outbox totals."""
    with _errors():
        store = _open_store(config_path, db_path)
        feeds = store.feed_states()
        counts = store.counts()
        outbox: dict[str, int] = {}
        for row in store.deliveries(limit=100_000):
            outbox[row["status"]] = outbox.get(row["status"], 0) + 1
        store.close()
    if fmt == "json":
        from monitor.codec import _jsonable

        click.echo(
            json.dumps({"feeds": _jsonable(feeds), "counts": counts, "outbox": outbox}, indent=1)
        )
        return
    for f in feeds:
        state = "DISABLED" if f.disabled else ("failing" if f.error_count else "ok")
        nxt = f.next_attempt_at.isoformat() if f.next_attempt_at else "-"
        click.echo(
            f"{state:8} errors={f.error_count:<3} next={nxt}  {f.url}"
            + (f"  last_error={f.last_error}" if f.last_error else "")
        )
    click.echo("counts: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    click.echo("outbox: " + (", ".join(f"{k}={v}" for k, v in sorted(outbox.items())) or "empty"))


@main.command()
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


@main.group()
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


@main.command()
@click.option(
    "--speed", default=86400.0 * 1.2, show_default=True, help="Simulated seconds per real second."
)
@click.option("-v", "--verbose", is_flag=True, help="Show the daemon's logs.")
def demo(speed: float, verbose: bool) -> None:
    """Offline end-to-end demo: local feeds, the real daemon, a verifying webhook receiver."""
    if verbose:
        _setup_logging(False)
    else:
        logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    with _errors():
        from monitor.demo import run_demo

        code = run_demo(speed=speed, out=click.echo)
    sys.stdout.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
