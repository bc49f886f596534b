"""The CLI: replay's contract, history, status, silences, docs coverage and the demo."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.config import Config, NotifierConfig, WatchConfig
from monitor.replay import default_config, replay
from monitor.store import Store
from tests.feeds import shifting_items
from tests.localserver import LocalServer, Response

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


def _stream(path: Path) -> Path:
    """A replay stream: two outlets whose coverage turns hostile."""
    rows = []
    for outlet in ("alpha", "beta"):
        for it in shifting_items(NOW, prefix=outlet, days_warm=12, days_hostile=4):
            rows.append(
                {
                    "id": it.guid,
                    "published": it.published.isoformat(),
                    "source": outlet,
                    "title": it.title,
                    "text": it.text,
                }
            )
    rows.sort(key=lambda r: r["published"])
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_replay_default_watch_prints_events(tmp_path: Path) -> None:
    """replay without --config uses the default watch and prints one JSON event per line."""
    res = CliRunner().invoke(main, ["replay", str(_stream(tmp_path / "s.jsonl"))])
    assert res.exit_code == 0, res.output
    events = [json.loads(line) for line in res.output.splitlines()]
    assert events, "a sustained turn to hostile coverage must produce an event"
    first = events[0]
    assert {"type", "at", "watch", "direction"} <= first.keys()
    assert first["type"] == "rhetoric.shift.detected"
    assert first["watch"] == "default"
    assert first["direction"] == "confrontation"
    # The hostile coverage starts 4 days before NOW: the alert comes after that, not before.
    assert first["at"] > (NOW - timedelta(days=4)).isoformat()


def test_replay_table_format(tmp_path: Path) -> None:
    """replay --format table prints a daily timeline with the event on its day."""
    res = CliRunner().invoke(
        main, ["replay", "--format", "table", str(_stream(tmp_path / "s.jsonl"))]
    )
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].split()[:4] == ["date", "watch", "n", "tone"]
    assert any("SHIFT → confrontation" in line for line in lines)
    assert len(lines) >= 17


def test_replay_bad_line_names_it(tmp_path: Path) -> None:
    """A malformed stream line stops replay with STREAM:LINE and exit code 1."""
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"id": 1, "published": "2026-01-01T00:00:00Z", "source": "s", '
        '"title": "t", "text": "x"}\n{"id": 2}\n'
    )
    res = CliRunner().invoke(main, ["replay", str(path)])
    assert res.exit_code == 1
    assert f"{path}:2: missing key(s) published, source, title, text" in res.output


@pytest.mark.parametrize("speaker", ["", "USA"])
def test_replay_scoring_ahead_in_processes_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, speaker: str
) -> None:
    """replay with a scoring process (small chunks, scoring ahead from the second chunk)
    yields the same ticks and events and stores the same scores as scoring inline; an
    article repeated in the stream is stored and judged once. With a speaker on one feed
    (outlet ``alpha`` speaks for the United States), the scoring process reads it too."""
    import monitor.replay as rp

    config = default_config()
    if speaker:
        watches = [w.model_copy(update={"feed_speakers": {"alpha": speaker}})
                   for w in config.watches]  # fmt: skip
        config = config.model_copy(update={"watches": watches})

    rows = [json.loads(x) for x in _stream(tmp_path / "s.jsonl").read_text().splitlines()]
    for r in rows:
        r["published"] = datetime.fromisoformat(r["published"])
    rows.insert(40, dict(rows[39]))  # the same article twice, inside one chunk
    monkeypatch.setattr(rp, "CHUNK", 25)
    monkeypatch.setattr(rp, "INLINE", 25)
    results = []
    for workers in (0, 1):
        store = Store(tmp_path / f"w{workers}.db")
        ticks = list(replay(rows, config=config, store=store, workers=workers))
        scores = store.db.execute(
            "select article_key, watch, at, tone, label, evidence, fingerprint from scores"
            " order by rowid"
        ).fetchall()
        store.close()
        results.append((ticks, scores))
    (inline, inline_scores), (ahead, ahead_scores) = results
    assert len(inline) == len(rows) - 1
    assert any(t.events for t in inline), "the stream's hostile turn must fire"
    assert ahead == inline
    assert ahead_scores == inline_scores
    if speaker:  # the hint reached the scorer: some of alpha's stored tones differ
        plain = Store(tmp_path / "plain.db")
        list(replay(rows, config=default_config(), store=plain, workers=0))
        tones = plain.db.execute("select tone from scores order by rowid").fetchall()
        plain.close()
        assert [r[3] for r in inline_scores] != [r[0] for r in tones]


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "h.db"
    store = Store(db)
    rows = [json.loads(x) for x in _stream(tmp_path / "s.jsonl").read_text().splitlines()]
    for r in rows:
        r["published"] = datetime.fromisoformat(r["published"])
    list(replay(rows, config=default_config(), store=store))
    store.close()
    return db


def test_history_formats(tmp_path: Path) -> None:
    """history answers from the database as a table, JSON or CSV."""
    db = _db(tmp_path)
    runner = CliRunner()
    args = ["history", "--db", str(db), "--since", "3650d"]
    table = runner.invoke(main, args)
    assert table.exit_code == 0, table.output
    assert "rhetoric.shift.detected" in table.output
    as_json = json.loads(runner.invoke(main, [*args, "--format", "json"]).stdout)
    assert len(as_json["articles"]) == 96
    assert as_json["events"][-1]["type"] == "rhetoric.shift.detected"  # newest first
    csv_out = runner.invoke(main, [*args, "--format", "csv"]).stdout.splitlines()
    assert csv_out[0].startswith("kind,at,watch,tone,label,confidence,source,title,url")
    assert len(csv_out) == 97 + len(as_json["events"])
    bad = runner.invoke(main, [*args[:3], "--since", "forever"])
    assert bad.exit_code == 2


def test_history_without_database_is_clear(tmp_path: Path) -> None:
    """history on a missing database says so instead of creating one."""
    res = CliRunner().invoke(main, ["history", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1
    assert "no database at" in res.output
    assert not (tmp_path / "none.db").exists()


def test_silence_lifecycle(tmp_path: Path) -> None:
    """silence add/list/remove manage a watch's silence with its expiry and comment."""
    db = str(_db(tmp_path))
    runner = CliRunner()
    added = runner.invoke(
        main, ["silence", "add", "default", "--for", "2d", "--comment", "summit week", "--db", db]
    )
    assert added.exit_code == 0, added.output
    listed = runner.invoke(main, ["silence", "list", "--db", db]).output
    assert "default" in listed and "summit week" in listed
    sid = re.search(r"silence (\d+)", added.output)
    assert sid is not None
    assert runner.invoke(main, ["silence", "remove", sid.group(1), "--db", db]).exit_code == 0
    assert "no silences" in runner.invoke(main, ["silence", "list", "--db", db]).output


def test_report_writes_escaped_html(tmp_path: Path) -> None:
    """report writes one HTML page with the chart, the event and its driving articles."""
    out = tmp_path / "r.html"
    res = CliRunner().invoke(
        main, ["report", "--db", str(_db(tmp_path)), "--since", "3650d", "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    html = out.read_text()
    assert "<svg" in html and "S1 · toward confrontation" in html
    assert "Tariffs and threats" in html
    assert "<script" not in html


def test_status_shows_counts(tmp_path: Path) -> None:
    """status reports table counts and the outbox."""
    res = CliRunner().invoke(main, ["status", "--db", str(_db(tmp_path))])
    assert res.exit_code == 0, res.output
    assert "articles=96" in res.output


def _commands() -> list[str]:
    ctx = click.Context(main)
    names: list[str] = []
    for name in main.list_commands(ctx):
        sub = getattr(main.get_command(ctx, name), "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
    assert "score" in names and "silence add" in names
    return names


def test_every_command_is_documented() -> None:
    """Every CLI command appears in the README's command table."""
    readme = (ROOT / "README.md").read_text()
    missing = [c for c in _commands() if f"rhetoric-monitor {c}" not in readme]
    assert not missing, f"undocumented commands: {missing}"


def _keys(model: type, prefix: str) -> list[str]:
    """Every key of ``model`` under ``prefix``; a nested section's keys one level down."""
    from pydantic import BaseModel

    out = []
    for name, field in model.model_fields.items():  # type: ignore[attr-defined]
        sub = next(
            (t for t in (field.annotation, *getattr(field.annotation, "__args__", ()))
             if isinstance(t, type) and issubclass(t, BaseModel) and t.__name__ != "RuleConfig"),
            None,
        )  # fmt: skip
        out += _keys(sub, f"{prefix}{name}.") if sub is not None else [f"{prefix}{name}"]
    return out


def test_every_config_key_is_documented() -> None:
    """Every config key, nested sections included, appears in the README's key table."""
    readme = (ROOT / "README.md").read_text()
    keys = [k for k in _keys(Config, "") if not k.startswith(("notifiers.", "watches."))]
    keys += _keys(NotifierConfig, "notifiers.<name>.") + _keys(WatchConfig, "watches[].")
    assert "http.listen" in keys and "fetch.timeout_s" in keys and "cluster.tick" in keys
    missing = [k for k in keys if f"`{k}`" not in readme]
    assert not missing, f"undocumented config keys: {missing}"


def test_every_cli_option_is_documented_on_its_commands_row() -> None:
    """Each option and argument of every command appears in that command's README row."""
    readme = (ROOT / "README.md").read_text()
    ctx = click.Context(main)
    missing = []
    for name in _commands():
        cmd: click.Command | None = main
        for part in name.split():
            assert isinstance(cmd, click.Group)
            cmd = cmd.get_command(ctx, part)
        assert cmd is not None
        rows = [ln for ln in readme.splitlines() if ln.startswith(f"| `rhetoric-monitor {name} ")
                or ln.startswith(f"| `rhetoric-monitor {name}`")]  # fmt: skip
        assert len(rows) == 1, f"one README row for {name}, found {len(rows)}"
        for param in cmd.params:
            if param.name == "help":
                continue
            names = param.opts if isinstance(param, click.Option) else [param.name.upper()]
            if isinstance(param, click.Argument) and param.name == "stream":
                names = ["STREAM.jsonl"]
            if isinstance(param, click.Argument) and param.name == "silence_id":
                names = ["ID"]
            if not any(n in rows[0] for n in names):
                missing.append(f"{name} {names[0]}")
    assert not missing, f"undocumented options: {missing}"


def test_every_environment_variable_is_documented() -> None:
    """Every RHETORIC_MONITOR_* variable the code reads is named in the README."""
    readme = (ROOT / "README.md").read_text()
    code = "".join(p.read_text() for p in (ROOT / "monitor").rglob("*.py"))
    names = set(re.findall(r"RHETORIC_MONITOR_[A-Z_]+", code))
    assert {"RHETORIC_MONITOR_DB", "RHETORIC_MONITOR_CONFIG"} <= names
    assert not [n for n in names if n not in readme]


@pytest.mark.timeout(120)
def test_demo_runs_offline_and_exits_zero() -> None:
    """`rhetoric-monitor demo` prints a verified shift alert and a summary and exits 0."""
    proc = subprocess.run(
        [sys.executable, "-m", "monitor", "demo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=100,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "[SHIFT DETECTED] us-china → CONFRONTATION" in proc.stdout
    assert "0 bad signature(s)" in proc.stdout
    assert proc.stdout.rstrip().endswith("demo: ok")
    assert "ETA" not in proc.stderr and "\r" not in proc.stderr, "piped: no progress line"


def test_poll_runs_one_cycle(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """poll fetches every feed once, stores new articles, and a second poll finds none."""
    from tests.feeds import SECRET, rss, write_config

    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    body = rss(shifting_items(datetime.now(UTC), prefix="p", days_warm=2, days_hostile=0))
    server.routes["/p.xml"] = lambda req: Response(200, body)
    server.routes["/hook"] = lambda req: Response(204)
    cfg = write_config(
        tmp_path / "w.yaml",
        db=tmp_path / "m.db",
        feeds=[server.url("/p.xml")],
        hook_url=server.url("/hook"),
    )
    runner = CliRunner()
    first = runner.invoke(main, ["poll", "--config", str(cfg)])
    assert first.exit_code == 0, first.output
    assert "ok           new=6" in first.output
    second = runner.invoke(main, ["poll", "--config", str(cfg), "--watch", "us-china"])
    assert "new=0" in second.output
    unknown = runner.invoke(main, ["poll", "--config", str(cfg), "--watch", "nope"])
    assert unknown.exit_code == 1 and "no watch named 'nope'" in unknown.output


def test_poll_loads_no_scheduler_listener_or_numpy(tmp_path: Path, server: LocalServer) -> None:
    """A whole-process poll stores its feed without loading APScheduler, the HTTP
    listener's modules or numpy (sqlite-utils would load it at import only to map numpy
    types), and numpy still imports in that process afterwards."""
    from tests.feeds import rss, write_config

    body = rss(shifting_items(datetime.now(UTC), prefix="s", days_warm=2, days_hostile=0))
    server.routes["/s.xml"] = lambda req: Response(200, body)
    cfg = write_config(
        tmp_path / "w.yaml", db=tmp_path / "m.db", feeds=[server.url("/s.xml")], hook_url=None
    )
    script = (
        "import runpy, sys\n"
        f"sys.argv = ['rhetoric-monitor', 'poll', '--config', {str(cfg)!r}]\n"
        "try:\n"
        "    runpy.run_module('monitor', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "heavy = ('apscheduler', 'prometheus_client', 'http.server', 'numpy', 'pandas')\n"
        "print('loaded:', sorted(m for m in heavy if m in sys.modules))\n"
        "import numpy\n"
        "print('numpy sum:', int(numpy.arange(4).sum()))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok           new=6" in proc.stdout
    assert "loaded: []" in proc.stdout and "numpy sum: 6" in proc.stdout
    assert Store(tmp_path / "m.db").counts()["articles"] == 6


def test_poll_checks_each_watch_once(
    tmp_path: Path,
    server: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """poll runs shift detection once per watch per run, not once per feed that stored
    articles, and still reports the shift the feeds hold together."""
    from tests.feeds import SECRET, rss, write_config

    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    now = datetime.now(UTC)
    feeds = []
    for name in ("a", "b", "c"):
        body = rss(shifting_items(now, prefix=name, days_warm=10, days_hostile=3))
        server.routes[f"/{name}.xml"] = lambda req, body=body: Response(200, body)
        feeds.append(server.url(f"/{name}.xml"))
    server.routes["/hook"] = lambda req: Response(204)
    cfg = write_config(tmp_path / "w.yaml", db=tmp_path / "m.db", feeds=feeds, hook_url=None)
    result = CliRunner().invoke(main, ["poll", "--config", str(cfg), "-v"])
    assert result.exit_code == 0, result.output
    assert result.output.count("ok           new=39") == 3
    checks = [line for line in result.output.splitlines() if " shift.checked " in line]
    assert len(checks) == 1 and "watch=us-china" in checks[0], checks
    assert "1 event(s)" in result.output


def test_extract_command(tmp_path: Path) -> None:
    """extract prints a page's main text; --jsonl maps {id, html} lines to {id, text} lines."""
    from tests.test_pipeline import PAGE

    page = tmp_path / "p.html"
    page.write_text(PAGE.format(title="Defence talks resume"))
    runner = CliRunner()
    res = runner.invoke(main, ["extract", str(page)])
    assert res.exit_code == 0, res.output
    assert "defence ministries" in res.output and "Subscribe" not in res.output
    lines = [
        json.dumps({"id": "a", "html": page.read_text()}),
        "not json",
        json.dumps({"id": "b", "html": ""}),
    ]
    out = runner.invoke(main, ["extract", "--jsonl"], input="\n".join(lines) + "\n")
    rows = [json.loads(x) for x in out.output.splitlines()]
    assert [r["id"] for r in rows] == ["a", None, "b"]
    assert "defence ministries" in rows[0]["text"] and rows[2]["text"] == ""
    assert "error" in rows[1]


def test_bad_feeds_do_not_stop_good_ones(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 500, a garbage body and a dead port fail alone; the good feed is still stored."""
    from tests.feeds import rss, write_config

    body = rss(shifting_items(datetime.now(UTC), prefix="g", days_warm=1, days_hostile=0))
    server.routes["/good.xml"] = lambda req: Response(200, body)
    server.routes["/err.xml"] = lambda req: Response(500, b"boom")
    server.routes["/junk.xml"] = lambda req: Response(200, b"\x00\x01 not a feed <<<")
    feeds = [
        server.url("/err.xml"),
        server.url("/junk.xml"),
        "http://127.0.0.1:9/dead.xml",
        server.url("/good.xml"),
    ]
    cfg = write_config(tmp_path / "w.yaml", db=tmp_path / "m.db", feeds=feeds, hook_url=None)
    res = CliRunner().invoke(main, ["poll", "--config", str(cfg)])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert [line.split()[0] for line in lines[:4]] == ["failed", "failed", "failed", "ok"]
    assert "new=3" in lines[3]
    status = CliRunner().invoke(main, ["status", "--config", str(cfg)])
    # One failure each: retried, not yet "failing" (that takes defaults.failing_after, 3).
    assert status.output.count("retrying ") == 3


def test_status_shows_an_ill_formed_feed_as_a_warning_until_it_is_fixed(
    tmp_path: Path, server: LocalServer
) -> None:
    """An ill-formed feed whose entries can still be read is stored, counts no failure and
    shows in status as a warning with its reason; once well-formed, the warning is gone."""
    from tests.feeds import rss, write_config

    items = shifting_items(datetime.now(UTC), prefix="w", days_warm=1, days_hostile=0)
    good = rss(items)
    broken = good.replace(b"</channel>", b"<note>caf&eacute;</note></channel>")
    body = {"now": broken}
    xml = {"Content-Type": "application/rss+xml"}
    server.routes["/feed.xml"] = lambda req: Response(200, body["now"], xml)
    cfg = write_config(tmp_path / "w.yaml", db=tmp_path / "m.db", feeds=[server.url("/feed.xml")],
                       hook_url=None)  # fmt: skip
    assert CliRunner().invoke(main, ["poll", "--config", str(cfg)]).exit_code == 0
    status = CliRunner().invoke(main, ["status", "--config", str(cfg)])
    (line,) = [ln for ln in status.output.splitlines() if "/feed.xml" in ln]
    assert line.startswith("warning ") and "errors=0" in line and "undefined entity" in line
    as_json = CliRunner().invoke(main, ["status", "--config", str(cfg), "--format", "json"])
    (feed,) = json.loads(as_json.output)["feeds"]
    assert feed["error_count"] == 0 and "undefined entity" in feed["last_warning"]
    assert json.loads(as_json.output)["counts"]["articles"] == len(items)

    body["now"] = good
    time.sleep(1.1)  # `poll` keeps to the feed's schedule (a 1 s interval here)
    again = CliRunner().invoke(main, ["poll", "--config", str(cfg)])
    assert again.exit_code == 0 and again.stdout.startswith("ok"), again.output
    status = CliRunner().invoke(main, ["status", "--config", str(cfg)])
    (line,) = [ln for ln in status.output.splitlines() if "/feed.xml" in ln]
    assert line.startswith("ok ") and "warning" not in line
