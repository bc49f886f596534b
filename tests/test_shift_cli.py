"""The detector's lines in the CLI: calibrate, replay --calibrate, and status, history and
report saying warming up, not enough data or watching, with the calibration."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner

from monitor.cli import main
from monitor.config import Config, WatchConfig
from monitor.models import Article, ToneScore
from monitor.pipeline import WatchMemory, check_watch
from monitor.store import Store
from tests.test_shift import T0, stream


def _watch_db(tmp_path: Path, days: int) -> tuple[Path, Path]:
    """A config with watch 'w' and a database holding ``days`` of its stories, checked as
    the daemon checks them."""
    db = tmp_path / "m.db"
    cfg = tmp_path / "w.yaml"
    cfg.write_text(
        f"database: {db}\nwatches:\n  - name: w\n    actors: [A, B]\n"
        "    feeds: [https://x.test/rss]\n"
    )
    store = Store(db)
    watch = WatchConfig(name="w", actors=("A", "B"), feeds=("https://x.test/rss",))
    config = Config(watches=(watch,))
    memory = WatchMemory(config.rule_of(watch))
    for s in stream(lambda d: 0.2, days=days, seed=50):
        article = Article(key=s.key, feed_url="f", url=None, title=s.title, text=s.title,
                          published=s.at, source=s.source)  # fmt: skip
        sample = replace(s, watch="w", fingerprint=())
        store.save_article(article, [(sample, ToneScore(s.tone, "neutral", 1.0))], now=s.at)
        check_watch(watch, config=config, store=store, now=s.at, memory=memory)
    store.close()
    return cfg, db


def test_status_and_history_say_warming_up_with_counts(tmp_path: Path) -> None:
    """A watch with four days of stories is warming up: status, history and the report say so
    with the stories and days it has and needs."""
    _, db = _watch_db(tmp_path, days=4)
    runner = CliRunner()
    status = runner.invoke(main, ["status", "--db", str(db)])
    assert status.exit_code == 0, status.output
    assert "watch w: warming up (" in status.output and "of 20 stories" in status.output
    assert "of 7 days)" in status.output
    history = runner.invoke(main, ["history", "--db", str(db), "--since", "100000d"])
    assert "watch w: warming up (" in history.output
    as_json = runner.invoke(main, ["history", "--db", str(db), "--since", "100000d",
                                   "--format", "json"])  # fmt: skip
    assert json.loads(as_json.output)["detectors"]["w"]["state"] == "warming_up"
    out = tmp_path / "r.html"
    report = runner.invoke(main, ["report", "--db", str(db), "--since", "100000d", "--out",
                                  str(out)])  # fmt: skip
    assert report.exit_code == 0, report.output
    assert "warming up (" in out.read_text()


def test_calibrate_stores_the_estimate_and_applies_fitted_levels(tmp_path: Path) -> None:
    """calibrate --apply estimates the watch's false-alarm rate, stores it with the fitted
    levels, status shows it as applied, the next check runs with those levels, and --clear
    removes it."""
    cfg, db = _watch_db(tmp_path, days=70)
    runner = CliRunner()
    res = runner.invoke(main, ["calibrate", "--config", str(cfg), "--watch", "w", "--apply",
                               "--format", "json"])  # fmt: skip
    assert res.exit_code == 0, res.output
    result = json.loads(res.output)
    assert result["applied"] is True and result["false_alarms"] is not None
    assert result["fitted_decision"] > 0 and result["judged"] > 1000
    status = runner.invoke(main, ["status", "--db", str(db)])
    assert "calibrated " in status.output and "(applied)" in status.output
    store = Store(db)
    watch = WatchConfig(name="w", actors=("A", "B"), feeds=("https://x.test/rss",))
    config = Config(watches=(watch,))
    memory = WatchMemory(config.rule_of(watch))
    check_watch(watch, config=config, store=store, now=T0 + timedelta(days=71), memory=memory)
    assert memory.effective is not None
    assert memory.effective.decision == result["fitted_decision"]
    store.close()
    cleared = runner.invoke(main, ["calibrate", "--config", str(cfg), "--watch", "w", "--clear"])
    assert "calibration removed" in cleared.output
    missing = runner.invoke(main, ["calibrate", "--config", str(cfg), "--watch", "nope"])
    assert missing.exit_code == 1 and "no watch named 'nope'" in missing.output


def test_replay_calibrate_prints_the_estimate(tmp_path: Path) -> None:
    """replay --calibrate prints, after the events, each watch's false-alarm estimate."""
    rng = random.Random(51)
    rows = [
        {"id": s.key, "published": s.at.isoformat(), "source": s.source, "title": s.title,
         "text": " ".join(f"w{rng.randrange(10**6)}" for _ in range(30))
         + " The United States and China agreed to hold talks."}
        for s in stream(lambda d: 0.2, days=40, seed=51)
    ]  # fmt: skip
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    res = CliRunner().invoke(main, ["replay", "--calibrate", str(path)])
    assert res.exit_code == 0, res.output
    last = json.loads(res.output.splitlines()[-1])
    assert last["calibration"]["watch"] == "default"
    assert last["calibration"]["stories"] > 100
