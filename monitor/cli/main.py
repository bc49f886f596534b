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
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

import click

from monitor.cli.common import _config_path, _errors, config_option
from monitor.cli.ops import deliveries, history, report, silence, status


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        stream=sys.stderr,
    )
    # httpx logs every request at INFO; that is noise for a daemon's journal.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


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
@click.option("--db", "db_path", help="SQLite database file (default: the config's database).")
@click.option("-v", "--verbose", is_flag=True, help="Debug logging.")
def run(config_path: Path | None, db_path: str | None, verbose: bool) -> None:
    """Run the daemon in the foreground (logs to stderr; SIGHUP reloads, SIGTERM stops)."""
    _setup_logging(verbose)
    with _errors():
        from monitor.daemon import Daemon, exit_now

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
        from monitor.daemon import wall_clock
        from monitor.notify import Outbox
        from monitor.pipeline import build_fetcher, build_scorers, check_watch, poll_feed
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
    from monitor.parse import extract_main_text

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
@click.option(
    "--calibrate",
    "with_calibration",
    is_flag=True,
    help="Afterwards, estimate each watch's false-alarm rate on the replayed stories.",
)
@click.argument("stream", type=click.File("r", encoding="utf-8"))
def replay(
    config_path: Path | None,
    watch_name: str | None,
    fmt: str,
    with_calibration: bool,
    stream: TextIO,
) -> None:
    """Backtest STREAM.jsonl through tone + store + shift; print the events it would send."""
    from monitor import replay as rp
    from monitor.config import load_config
    from monitor.notify import summary
    from monitor.store import Store, event_to_dict

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
        calibrations = (
            rp.calibrate_watches(config, store, watch=watch_name) if with_calibration else {}
        )
        store.close()
        if timeline is not None:
            click.echo(timeline.render())
        for name, result in calibrations.items():
            if timeline is None:
                click.echo(json.dumps({"calibration": {**result.as_dict()}}, ensure_ascii=False))
            else:
                click.echo(f"calibration {name}: {result.describe()}")


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


@main.command()
@config_option()
@click.option("--db", "db_path", help="SQLite database file (default: the config's database).")
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
    if verbose:
        _setup_logging(False)
    else:
        logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    with _errors():
        from monitor.cli.demo import run_demo

        code = run_demo(speed=speed, out=click.echo)
    sys.stdout.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
