"""Deployment: every command finds the daemon's database the same way, under the systemd
unit and in the container, and the unit and the image carry what a service needs."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from monitor.config import load_config
from monitor.daemon import HARD_STOP_S
from tests.feeds import rss, shifting_items
from tests.localserver import LocalServer, Response

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "deploy" / "rhetoric-monitor.service"
IMAGE = ROOT / "deploy" / "Containerfile"


def _unit() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in UNIT.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            out.setdefault(key, []).append(value)
    return out


def _cli(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _site(tmp_path: Path, server: LocalServer) -> tuple[Path, Path]:
    """/etc/rhetoric-monitor and /var/lib/rhetoric-monitor, under ``tmp_path``."""
    body = rss(shifting_items(datetime.now(UTC), prefix="u", days_warm=1, days_hostile=0))
    server.routes["/u.xml"] = lambda req: Response(200, body)
    etc, state = (
        tmp_path / "etc" / "rhetoric-monitor",
        tmp_path / "var" / "lib" / "rhetoric-monitor",
    )
    etc.mkdir(parents=True)
    state.mkdir(parents=True)
    # The example's relative database, as a user would copy it: it must not win.
    (etc / "watches.yaml").write_text(
        "database: ./rhetoric-monitor.db\n"
        "watches:\n  - name: us-china\n    actors: [United States, China]\n"
        f"    feeds: [{server.url('/u.xml')}]\n"
    )
    return etc, state


def _mapped(value: str, tmp_path: Path) -> str:
    return value.replace("/etc/", f"{tmp_path}/etc/").replace("/var/lib/", f"{tmp_path}/var/lib/")


def test_status_run_the_way_the_unit_runs_finds_the_daemons_database(
    tmp_path: Path, server: LocalServer
) -> None:
    """With the unit's Environment= and WorkingDirectory=, a poll writes the state directory's
    database, and status, deliveries and silence run with that environment (from any
    directory, without --db or --config) read the same file."""
    unit = _unit()
    etc, state = _site(tmp_path, server)
    env = dict(_mapped(e, tmp_path).split("=", 1) for e in unit["Environment"])
    assert set(env) == {"RHETORIC_MONITOR_CONFIG", "RHETORIC_MONITOR_DB"}
    (exec_start,) = unit["ExecStart"]
    argv = shlex.split(exec_start)
    assert argv[1:] == ["run"], "ExecStart sets nothing the environment does not"
    assert not any(
        "--db" in v or "--config" in v for k, vs in unit.items() if k.startswith("Exec") for v in vs
    )
    cwd = Path(_mapped(unit["WorkingDirectory"][0], tmp_path))
    poll = _cli(["poll"], env, cwd)
    assert poll.returncode == 0, poll.stderr
    db = Path(env["RHETORIC_MONITOR_DB"])
    assert db.parent == state and db.exists()
    assert not (etc / "rhetoric-monitor.db").exists(), "the config's relative path lost"
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    status = _cli(["status"], env, elsewhere)
    assert status.returncode == 0, status.stderr
    assert "articles=3" in status.stdout and server.url("/u.xml") in status.stdout
    silence = _cli(
        ["silence", "add", "us-china", "--for", "1h", "--comment", "test"], env, elsewhere
    )
    assert silence.returncode == 0, silence.stderr
    assert "us-china" in _cli(["silence", "list"], env, cwd).stdout
    assert _cli(["deliveries"], env, elsewhere).returncode == 0


def test_unit_is_notify_with_a_watchdog_and_a_stop_margin() -> None:
    """The unit waits for READY=1, restarts on a missed watchdog, and allows the daemon's
    hard stop bound plus a margin before SIGKILL."""
    unit = _unit()
    assert unit["Type"] == ["notify"] and unit["NotifyAccess"] == ["main"]
    assert int(unit["WatchdogSec"][0]) >= 30
    assert float(unit["TimeoutStopSec"][0]) >= HARD_STOP_S * 1.5
    assert "AF_UNIX" in unit["RestrictAddressFamilies"][0]  # the notify socket


def test_container_runs_in_a_directory_that_exists_and_sets_the_database_once() -> None:
    """The image's last WORKDIR is not a directory its build deleted; ENV names the config,
    the database and the listener; HEALTHCHECK probes /healthz on that port; CMD passes no
    --db; the stop timeout it documents leaves a margin over the daemon's bound."""
    text = IMAGE.read_text()
    workdirs = re.findall(r"^WORKDIR (\S+)", text, re.M)
    removed = re.findall(r"rm -rf (\S+)", text)
    assert workdirs[-1] not in removed
    assert workdirs[-1] == "/var/lib/rhetoric-monitor"
    env = dict(re.findall(r"(RHETORIC_MONITOR_\w+)=(\S+)", text))
    assert env["RHETORIC_MONITOR_DB"].startswith(workdirs[-1] + "/")
    assert env["RHETORIC_MONITOR_CONFIG"] == "/etc/rhetoric-monitor"
    port = env["RHETORIC_MONITOR_HTTP"].rsplit(":", 1)[1]
    health = re.search(r"^HEALTHCHECK .*\n.*$", text, re.M)
    assert health and f"127.0.0.1:{port}/healthz" in health.group(0)
    assert re.search(r'^CMD \["run"\]$', text, re.M)
    stop = re.search(r"--stop-timeout (\d+)", text)
    assert stop and int(stop.group(1)) >= HARD_STOP_S * 1.5


def test_relative_database_is_relative_to_the_config_file(tmp_path: Path) -> None:
    """A relative `database` resolves against the file that sets it (any working directory);
    with no `database`, the default sits beside the config."""
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "a.yaml").write_text("watches: []\n")
    (conf / "b.yaml").write_text("database: data/m.db\n")
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)
        assert load_config(conf).database == str(conf / "data" / "m.db")
        assert load_config(conf / "b.yaml").database == str(conf / "data" / "m.db")
        assert load_config(conf / "a.yaml").database == str(conf / "rhetoric-monitor.db")
    finally:
        os.chdir(cwd)
    (conf / "b.yaml").write_text(f"database: {tmp_path / 'abs.db'}\n")
    assert load_config(conf).database == str(tmp_path / "abs.db")


def test_db_option_order_flag_then_environment_then_config(
    tmp_path: Path, server: LocalServer
) -> None:
    """--db wins over RHETORIC_MONITOR_DB, which wins over the config's database; a missing
    file is named with where its path came from."""
    etc, _ = _site(tmp_path, server)
    env = {"RHETORIC_MONITOR_CONFIG": str(etc)}
    res = _cli(["status"], env, tmp_path)
    assert res.returncode == 1
    assert f"no database at {etc / 'rhetoric-monitor.db'} (the config's database" in res.stderr
    res = _cli(["status"], {**env, "RHETORIC_MONITOR_DB": str(tmp_path / "env.db")}, tmp_path)
    assert f"no database at {tmp_path / 'env.db'} (from RHETORIC_MONITOR_DB" in res.stderr
    res = _cli(
        ["status", "--db", str(tmp_path / "flag.db")], {**env, "RHETORIC_MONITOR_DB": "x"}, tmp_path
    )
    assert f"no database at {tmp_path / 'flag.db'} (from --db" in res.stderr
