"""Long commands show progress on a terminal and nothing when piped; a backtest's database
can be kept and read like the daemon's."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from monitor.cli import main
from monitor.cli.progress import Progress
from tests.test_cli import ROOT, _stream


def _run_on_terminal(args: list[str], timeout: float = 60.0) -> tuple[int, bytes, bytes]:
    """Run the CLI with stderr on a pseudo-terminal and stdout on a pipe."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
    )
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    assert proc.stdout is not None
    out = proc.stdout.read()
    return proc.wait(timeout=10), out, seen


def test_replay_shows_a_bar_with_count_and_eta_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal, replay draws a bar with the count out of the stream's articles and an
    ETA on stderr, erases it, and its stdout still holds only the events."""
    stream = _stream(tmp_path / "s.jsonl")
    total = len(stream.read_text().splitlines())
    code, out, term = _run_on_terminal(["replay", str(stream)])
    assert code == 0, term.decode(errors="replace")
    text = term.decode(errors="replace")
    assert re.search(rf"replay  \[[#.]{{24}}\]  \d+/{total} articles\s+\d+%  ETA \d+:\d\d", text)
    assert text.endswith("\r\x1b[K"), "the bar is erased at the end"
    assert all(line.startswith("{") for line in out.decode().splitlines())


def test_replay_is_quiet_when_piped(tmp_path: Path) -> None:
    """With stderr on a pipe, replay prints nothing there (no bar, no ETA); the demo's
    piped run is checked the same way in test_cli."""
    proc = subprocess.run(
        [sys.executable, "-m", "monitor", "replay", str(_stream(tmp_path / "s.jsonl"))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0 and proc.stderr == ""
    with open(os.devnull, "w") as sink:
        assert Progress("x", total=10, unit="u", stream=sink).enabled is False


def test_progress_line_counts_and_estimates() -> None:
    """The line shows done/total, the share and an ETA from the pace so far."""
    bar = Progress("job", total=200, unit="items")
    bar.started -= 10.0
    bar.done = 50
    line = bar.line()
    assert "[######..................]  50/200 items   25%  ETA 0:30" in line
    bar.total = None
    assert "50 items  5/s" in bar.line()


def test_replay_db_keeps_the_backtest_for_history_and_report(tmp_path: Path) -> None:
    """replay --db FILE writes the backtest there, so history and report read it; an
    existing file is refused rather than mixed into."""
    db = tmp_path / "backtest.db"
    stream = str(_stream(tmp_path / "s.jsonl"))
    res = CliRunner().invoke(main, ["replay", "--db", str(db), stream])
    assert res.exit_code == 0, res.output
    assert f"kept the database in {db}" in res.stderr
    hist = CliRunner().invoke(
        main, ["history", "--db", str(db), "--since", "all", "--format", "json"]
    )
    assert len(json.loads(hist.stdout)["articles"]) == 96
    again = CliRunner().invoke(main, ["replay", "--db", str(db), stream])
    assert again.exit_code == 2 and "exists; a backtest writes a new database" in again.stderr


def test_replay_db_refuses_a_postgresql_url(tmp_path: Path) -> None:
    """replay --db with a PostgreSQL URL is refused (a backtest stays in its own SQLite
    file) and leaves no file named after the URL."""
    stream = str(_stream(tmp_path / "s.jsonl"))
    res = CliRunner().invoke(
        main, ["replay", "--db", "postgresql://monitor@127.0.0.1:5432/rhetoric", stream]
    )
    assert res.exit_code == 2 and "not in PostgreSQL" in res.stderr
    assert not Path("postgresql:").exists()
