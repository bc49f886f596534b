"""The command line: the only place that turns errors into messages and exit codes.

Exit codes: 0 success; 1 invalid input or configuration, or a runtime error
(message on stderr, no traceback); 2 usage errors (click).

Heavy modules (scheduler, fetch, extraction) are imported inside the commands
that use them, so ``score`` starts fast. The operator commands that read the
database (history, report, status, deliveries, silence) live in
``monitor.cli.ops`` and are registered on ``main`` here.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import click

from monitor.cli.common import _config_path, _errors, config_option, db_option
from monitor.cli.ops import deliveries, history, report, silence, status
from monitor.cli.search import search
from monitor.errors import MonitorError


def _setup_logging(verbosity: int, log_format: str = "text", *, quiet: bool = False) -> None:
    """Logging of a command, set up in one place (``monitor.service.logs``): text with the
    time zone or JSON lines; ``-v`` our debug lines, ``-vv`` third-party ones too; secrets
    scrubbed. Third-party levels are kept apart there, in ``quiet_third_party``."""
    from monitor.service import configure_logging

    configure_logging(verbosity=verbosity, fmt=log_format, quiet=quiet)


def log_options(fn: Any) -> Any:
    """``-v`` (repeatable) and ``--log-format``."""
    fn = click.option(
        "-v",
        "--verbose",
        "verbosity",
        count=True,
        help="Debug logging: -v ours, -vv third-party libraries too (never the HTTP "
        "stack's, which prints URLs and headers).",
    )(fn)
    return click.option(
        "--log-format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        envvar="RHETORIC_MONITOR_LOG_FORMAT",
        help="text: readable lines with the time zone; json: one object per line with "
        "a stable 'event' name (env RHETORIC_MONITOR_LOG_FORMAT).",
    )(fn)


class _Commands(click.Group):
    """The command group. ``score`` (with the tone lexicon) is imported only when it is
    run or listed, so the other commands do not pay for loading it at start-up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, "score"})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name == "score" and "score" not in self.commands:
            from monitor.cli.score import score

            self.add_command(score)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rhetoric-monitor")
def main() -> None:
    """rhetoric-monitor: alerts when the rhetoric about a relationship shifts."""


@main.command()
@config_option()
@db_option()
@click.option(
    "--http",
    "http_listen",
    envvar="RHETORIC_MONITOR_HTTP",
    help="Serve /healthz, /readyz and /metrics on HOST:PORT (overrides http.listen; "
    "env RHETORIC_MONITOR_HTTP).",
)
@log_options
def run(
    config_path: Path | None,
    db_path: str | None,
    http_listen: str | None,
    verbosity: int,
    log_format: str,
) -> None:
    """Run the daemon in the foreground (logs to stderr; SIGHUP reloads, SIGTERM stops)."""
    _setup_logging(verbosity, log_format)
    with _errors():
        from monitor.daemon import HARD_STOP_S, Daemon, exit_now

        daemon = Daemon(
            _config_path(config_path),
            db_path=db_path,
            http_listen=http_listen,
            hard_stop_s=HARD_STOP_S,
        )
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
    mode = ""
    if config.mode == "cluster":
        from monitor.store import redact_dsn

        mode = f"; cluster mode on {redact_dsn(config.store_url())}, tick {config.cluster.tick:g}s"
    click.echo(
        f"ok: {', '.join(config.sources)}: {len(config.watches)} watch(es), {len(feeds)} feed(s), "
        f"{len(config.notifiers)} notifier(s){mode}"
    )


@main.command()
@config_option()
@db_option()
@click.option("--watch", "watch_name", help="Only the feeds of this watch.")
@log_options
def poll(
    config_path: Path | None,
    db_path: str | None,
    watch_name: str | None,
    verbosity: int,
    log_format: str,
) -> None:
    """Run one full cycle (every feed once, then the outbox) and exit; cron-friendly.

    Exits 1 when feeds were polled and every one of them failed.
    """
    _setup_logging(verbosity, log_format)
    with _errors():
        from monitor.config import load_config
        from monitor.notify import Outbox
        from monitor.pipeline import (
            build_fetcher,
            build_scorers,
            check_watch,
            poll_feed,
            refuse_cluster,
            wall_clock,
        )
        from monitor.service import set_secrets
        from monitor.store import Store

        config = load_config(_config_path(config_path))
        set_secrets(config.secret_values())
        if watch_name:
            config.watch(watch_name)
        refuse_cluster(config, db_path or config.database, command="poll")
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
                    detect=False,
                )
                for feed in config.feeds(only=watch_name)
            ]
        # Detection runs once per watch, after every feed: per feed, a watch of N feeds
        # would be checked N times over a growing window (quadratic from an empty
        # database). It runs even when nothing was new: an earlier poll cut short
        # (say, by cron's timeout) may have stored articles without it.
        events = 0
        for watch in config.watches:
            if watch_name is None or watch.name == watch_name:
                events += len(check_watch(watch, config=config, store=store, now=wall_clock()))
        outbox = Outbox(store, config.notifiers, clock=wall_clock)
        delivered = outbox.deliver_due()
        outbox.close()
        store.close()
    for r in results:
        detail = f" error={r.error}" if r.error else ""
        click.echo(f"{r.status:12} new={r.new_articles:<4} {r.url}{detail}")
    click.echo(f"{events} event(s); delivered {delivered} webhook(s)")
    polled = [r for r in results if r.status != "skipped"]
    if polled and all(r.status == "failed" for r in polled):
        click.echo(f"error: every feed polled failed ({len(polled)})", err=True)
        sys.exit(1)


@main.command()
@config_option()
@click.option(
    "--queues",
    default="tick,poll,score,detect,deliver",
    show_default=True,
    help="Comma-separated queues this worker serves (tick, poll, score, detect, deliver).",
)
@click.option("--concurrency", default=4, show_default=True, type=click.IntRange(1, 256))
@click.option("--name", "worker_name", help="Worker name in logs and the jobs table.")
@log_options
def worker(
    config_path: Path | None,
    queues: str,
    concurrency: int,
    worker_name: str | None,
    verbosity: int,
    log_format: str,
) -> None:
    """Run a cluster worker (mode: cluster): polls, scores, detects and delivers from
    PostgreSQL."""
    from monitor.cluster import QUEUES as known

    chosen = tuple(q.strip() for q in queues.split(",") if q.strip())
    unknown = [q for q in chosen if q not in known]
    if not chosen or unknown:
        raise click.BadParameter(
            f"unknown queue(s) {', '.join(unknown) or '(none given)'}; choose from "
            + ", ".join(known),
            param_hint="--queues",
        )
    _setup_logging(verbosity, log_format)
    if verbosity < 2:
        import logging

        # Procrastinate logs every job at INFO: our own log lines say what each job did.
        logging.getLogger("procrastinate").setLevel(logging.WARNING)
    with _errors():
        from monitor.config import load_config
        from monitor.errors import MonitorError
        from monitor.service import set_secrets

        try:
            from monitor.cluster import Runtime, run_worker
        except ImportError as exc:
            raise MonitorError(
                f"worker: {exc.name or exc} is not installed (install the cluster extra: "
                "pip install 'rhetoric-monitor[cluster]')"
            ) from exc
        config = load_config(_config_path(config_path))
        set_secrets(config.secret_values())
        runtime = Runtime(config)
        run_worker(runtime, queues=chosen, concurrency=concurrency, name=worker_name)


@main.command()
@click.argument("file", type=click.File("rb"), default="-")
@click.option("--url", help="The page's URL (helps extraction).")
@click.option(
    "--jsonl",
    is_flag=True,
    help='One {"id","html","url"?} per line in; one {"id","text"} per line out.',
)
def extract(file: BinaryIO, url: str | None, jsonl: bool) -> None:
    """Print the main text of an HTML page (boilerplate removed).

    The page is read as bytes: its encoding comes from its own declaration or, without
    one, is detected (UTF-8, windows-1252, ...); a gzip-compressed file is unpacked.
    """
    from monitor.errors import ExtractError
    from monitor.parse import extract_main_text

    with _errors():
        data = _read_maybe_gzip(file)
    if not jsonl:
        with _errors():
            click.echo(extract_main_text(data, url=url))
        return
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
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


#: Bound on what ``extract`` unpacks from a gzip file (a page is far smaller).
_MAX_UNPACKED = 64 * 1024 * 1024


def _read_maybe_gzip(file: BinaryIO) -> bytes:
    """The file's bytes, gunzipped (bounded) when they start with gzip's magic number."""
    import gzip
    import zlib

    raw = file.read()
    if not raw.startswith(b"\x1f\x8b"):
        return raw
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as gz:
            data = gz.read(_MAX_UNPACKED + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise MonitorError(
            f"extract: {getattr(file, 'name', 'input')}: bad gzip data ({exc})"
        ) from exc
    if len(data) > _MAX_UNPACKED:
        raise MonitorError(
            f"extract: {getattr(file, 'name', 'input')}: unpacks to more than "
            f"{_MAX_UNPACKED // 2**20} MiB"
        )
    return data


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
@click.option(
    "--db",
    "keep_db",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Keep the backtest's database in this new file (for history, report, Datasette); "
    "by default it is temporary.",
)
@click.option(
    "--calibrate",
    "with_calibration",
    is_flag=True,
    help="Afterwards, estimate each watch's false-alarm rate on the replayed stories.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0, max=32),
    default=None,
    help="Processes that score articles ahead of storing and detection, once a stream "
    "passes 2,000 articles (0: score in this process) [default: cores - 1, at least 1].",
)
@click.argument("stream", type=click.File("r", encoding="utf-8"))
def replay(
    config_path: Path | None,
    watch_name: str | None,
    fmt: str,
    keep_db: Path | None,
    with_calibration: bool,
    workers: int | None,
    stream: TextIO,
) -> None:
    """Backtest STREAM.jsonl through tone + store + shift; print the events it would send.

    On a terminal a progress line (count and ETA) runs on stderr; piped, nothing does.
    """
    from monitor import replay as rp
    from monitor.cli.progress import Progress
    from monitor.config import load_config
    from monitor.notify import summary
    from monitor.store import Store, event_to_dict

    if keep_db is not None and str(keep_db).startswith(("postgresql:", "postgres:")):
        # A backtest is local: into the cluster's shared database it would mix with
        # what the workers saw (and Path() has already folded the URL's '//').
        raise click.BadParameter(
            "replay keeps its backtest in a new SQLite file, not in PostgreSQL",
            param_hint="--db",
        )
    if keep_db is not None and keep_db.exists():
        # Never into an existing file: a backtest mixed into the live database would
        # be indistinguishable from what the daemon saw.
        raise click.BadParameter(
            f"{keep_db} exists; a backtest writes a new database (remove it or pick another name)",
            param_hint="--db",
        )
    with _errors(), tempfile.TemporaryDirectory(prefix="rhetoric-replay-") as tmp:
        config = load_config(config_path) if config_path else rp.default_config()
        store = Store(keep_db if keep_db is not None else Path(tmp) / "replay.db")
        timeline = _Timeline() if fmt == "table" else None
        progress = Progress("replay", total=None, unit="articles")
        if progress.enabled:
            progress.total = _count_lines(stream)
        records = rp.read_stream(stream, name=getattr(stream, "name", "stream"))
        try:
            if workers is None:
                workers = max(1, min(4, (os.cpu_count() or 1) - 1))
            for tick in rp.replay(_counted(records, progress), config=config, store=store,
                                  watch=watch_name, workers=workers):  # fmt: skip
                if timeline is not None:
                    timeline.add(tick)
                for event in tick.events:
                    if timeline is None:
                        progress.clear()
                        click.echo(
                            json.dumps(
                                {**event_to_dict(event), "summary": summary(event)},
                                ensure_ascii=False,
                            )
                        )
            calibrations = (
                rp.calibrate_watches(config, store, watch=watch_name) if with_calibration else {}
            )
        finally:
            progress.finish()
            store.close()
        if timeline is not None:
            click.echo(timeline.render())
        for name, result in calibrations.items():
            if timeline is None:
                click.echo(json.dumps({"calibration": {**result.as_dict()}}, ensure_ascii=False))
            else:
                click.echo(f"calibration {name}: {result.describe()}")
    if keep_db is not None:
        click.echo(
            f"replay: kept the database in {keep_db} (history, report and Datasette read it)",
            err=True,
        )


def _counted(records: Any, progress: Any) -> Any:
    """``records``, reporting each one to ``progress``."""
    for n, record in enumerate(records, 1):
        yield record
        progress.update(n)


def _count_lines(stream: TextIO) -> int | None:
    """Non-blank lines of a seekable file (rewound after); None for a pipe."""
    try:
        if not stream.seekable():
            return None
        start = stream.tell()
        total = sum(1 for line in stream if line.strip())
        stream.seek(start)
    except (OSError, ValueError):
        return None
    return total


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


@main.command("test-notifier")
@config_option()
@click.argument("name")
def test_notifier(config_path: Path | None, name: str) -> None:
    """Send a sample alert to notifier NAME now and report the outcome (nothing is stored)."""
    with _errors():
        from datetime import UTC, datetime

        import httpx

        from monitor.config import load_config
        from monitor.errors import MonitorError
        from monitor.notify import origin, render_for, sample_body, send

        config = load_config(_config_path(config_path))
        notifier = config.notifiers.get(name)
        if notifier is None:
            known = ", ".join(sorted(config.notifiers)) or "none defined"
            raise MonitorError(f"no notifier named {name!r} (notifiers: {known})")
        watch = next(
            (w.name for w in config.watches if name in config.notifiers_of(w)), "sample-watch"
        )
        now = datetime.now(UTC)
        body = render_for(notifier, sample_body(watch, now=now))
        where = f"{notifier.kind} {origin(notifier.url)}"
        with httpx.Client() as client:
            attempt = send(
                client, notifier, msg_id=f"test_{int(now.timestamp())}", body=body, now=now
            )
        if attempt.error is not None:
            raise MonitorError(
                f"test-notifier {name} ({where}): not delivered: {attempt.error} "
                f"after {attempt.duration_s:.2f} s"
            )
    click.echo(
        f"ok: sample alert delivered to {name} ({where}) in {attempt.duration_s:.2f} s"
        + (f", HTTP {attempt.status_code}" if notifier.kind == "webhook" else "")
    )


@main.command()
@config_option()
@db_option()
@click.option("--watch", "watch_name", required=True, help="The watch to calibrate.")
@click.option(
    "--target",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0.0, min_open=True),
    help="False alarms per 1,000 stories the fitted levels must not exceed.",
)
@click.option(
    "--apply", "apply_", is_flag=True, help="Use the fitted levels for this watch from now on."
)
@click.option("--clear", is_flag=True, help="Remove the watch's calibration (back to the rule).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def calibrate(
    config_path: Path | None,
    db_path: str | None,
    watch_name: str,
    target: float,
    apply_: bool,
    clear: bool,
    fmt: str,
) -> None:
    """Estimate a watch's false-alarm rate on its own stories (block bootstrap); fit levels.

    The result is stored with the watch and shown by `status` and `report`; with
    --apply the daemon (and `poll`) judge the watch with the fitted levels until the
    rule changes or --clear.
    """
    from datetime import UTC, datetime

    from monitor.config import load_config
    from monitor.shift import calibrate as fit
    from monitor.store import Store

    with _errors():
        config = load_config(_config_path(config_path))
        watch = config.watch(watch_name)
        store = Store(db_path or config.database)
        try:
            if clear:
                removed = store.clear_calibration(watch.name)
                click.echo(f"{watch.name}: calibration {'removed' if removed else 'was not set'}")
                return
            rows, _ = store.scored_rows(watch.name)
            ordered = sorted((s for _, s in rows), key=lambda s: (s.at, s.key))
            now = datetime.now(UTC)
            result = fit(ordered, config.rule_of(watch), target=target, now=now)
            applied = apply_ and result.levels() is not None
            store.save_calibration(
                watch.name, rule_key=result.rule_key, result=result.as_dict(), applied=applied,
                now=now,
            )  # fmt: skip
        finally:
            store.close()
    if fmt == "json":
        click.echo(json.dumps({**result.as_dict(), "applied": applied}, indent=1))
        return
    click.echo(f"{watch.name}: {result.describe()}")
    if apply_ and not applied:
        click.echo(f"{watch.name}: nothing applied (no fitted levels)")
    elif applied:
        click.echo(f"{watch.name}: applied; the daemon uses these levels from its next check")


main.add_command(history)
main.add_command(search)
main.add_command(report)
main.add_command(status)
main.add_command(deliveries)
main.add_command(silence)


@main.command()
@click.option(
    "--speed", default=86400.0 * 1.2, show_default=True, help="Simulated seconds per real second."
)
@click.option("-v", "--verbose", is_flag=True, help="Show the daemon's logs.")
def demo(speed: float, verbose: bool) -> None:
    """Offline end-to-end demo: local feeds, the real daemon, a verifying webhook receiver."""
    _setup_logging(0, quiet=not verbose)
    with _errors():
        from monitor.cli.demo import run_demo
        from monitor.cli.progress import Progress

        bar = Progress("demo", total=None, unit="simulated days")
        bar.enabled = bar.enabled and not verbose  # the daemon's log lines would break it

        def out(line: str) -> None:
            bar.clear()
            click.echo(line)

        def progress(done: float, total: float) -> None:
            bar.total = total
            bar.update(done)

        try:
            code = run_demo(speed=speed, out=out, progress=progress)
        finally:
            bar.finish()
    sys.stdout.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
