"""Config under change: fifty live edits, valid and invalid mixed, while the real daemon polls."""

from __future__ import annotations

import os
import random
import re
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from monitor.config import load_config
from monitor.errors import ConfigError
from tests.feeds import SECRET, shifting_items
from tests.harness import (
    DaemonProcess,
    GrowingFeed,
    db_rows,
    feed_key,
    started_daemons,
    wait_for,
    write_atomically,
)
from tests.localserver import LocalServer

EDITS = 50
POOL = 6
ACTORS = "    actors: [United States, China]\n"


@pytest.fixture
def daemons() -> Iterator[list[DaemonProcess]]:
    """Daemons a test starts; every one still running is killed at teardown."""
    yield from started_daemons()


@dataclass(frozen=True)
class Version:
    """One edit of the config file."""

    number: int
    text: str
    valid: bool
    feeds: frozenset[str]
    breakage: str = ""


def _render(number: int, db: Path, groups: list[list[str]], interval: str, extra: str = "") -> str:
    out = f"database: {db}\n{extra}defaults:\n  interval: {interval}\n  jitter: 0\nwatches:\n"
    for g, urls in enumerate(groups):
        out += f"  - name: v{number}-{'ab'[g]}\n{ACTORS}    feeds:\n"
        out += "".join(f"      - {u}\n" for u in urls)
    return out


# Each breakage turns a config that would poll a "never" feed into an invalid one.
BREAKAGES: dict[str, Callable[[str, int], str]] = {
    "typo in a key": lambda t, n: t.replace("    actors:", "    actorz:", 1),
    "broken YAML": lambda t, n: t + "  - name: [unclosed\n",
    "bad duration": lambda t, n: re.sub(r"interval: \S+", "interval: fast", t, count=1),
    "unknown notifier": lambda t, n: t.replace(ACTORS, ACTORS + "    notifiers: [nowhere]\n", 1),
    "unset secret": lambda t, n: t.replace(
        "watches:\n",
        "notifiers:\n  hook:\n    url: http://127.0.0.1:9/hook\n"
        "    secret: ${CHURN_SECRET_NOT_SET}\nwatches:\n",
    ),
    "literal secret": lambda t, n: t.replace(
        "watches:\n",
        f"notifiers:\n  hook:\n    url: http://127.0.0.1:9/hook\n    secret: {SECRET}\nwatches:\n",
    ),
    "duplicate watch": lambda t, n: t.replace(f"name: v{n}-b", f"name: v{n}-a"),
    "non-http feed": lambda t, n: t.replace(
        "    feeds:\n", "    feeds:\n      - ftp://example.test/rss\n", 1
    ),
    "negative threshold": lambda t, n: t.replace(
        ACTORS, ACTORS + "    rule:\n      threshold: -1\n", 1
    ),
    "typo in a section": lambda t, n: t.replace("database:", "databse:"),
}


def _versions(
    rng: random.Random, db: Path, pool: list[str], never: Callable[[int], str]
) -> list[Version]:
    """Version 0 (valid), then EDITS edits: about 40 % invalid, the last one invalid."""
    kinds = list(BREAKAGES)
    out: list[Version] = []
    for n in range(EDITS + 1):
        chosen = rng.sample(pool, rng.randint(1, len(pool)))
        interval = rng.choice(["0.3s", "0.5s"])
        if n == EDITS:
            invalid = True
        elif n in (0, EDITS - 1):
            invalid = False
        else:
            invalid = rng.random() < 0.4
        if not invalid:
            cut = rng.randint(1, len(chosen))
            groups = [chosen[:cut], chosen[cut:]] if cut < len(chosen) else [chosen]
            # The last valid version also changes a setting that needs a restart.
            extra = "fetch:\n  timeout_s: 7\n" if n == EDITS - 1 else ""
            text = _render(n, db, groups, interval, extra)
            out.append(Version(n, text, True, frozenset(chosen)))
            continue
        kind = kinds[n % len(kinds)]
        text = _render(n, db, [chosen, [never(n)]], interval)
        out.append(Version(n, BREAKAGES[kind](text, n), False, frozenset(), kind))
    return out


def _reactions(text: str) -> list[str]:
    return [
        line
        for line in text.splitlines()
        if "config.reloaded" in line or "config.kept_last_good" in line
    ]


def test_fifty_live_edits_never_run_an_invalid_config_and_lose_no_work(
    tmp_path: Path, server: LocalServer, daemons: list[DaemonProcess]
) -> None:
    """Across 50 edits (valid and invalid mixed) the daemon refuses every invalid version
    (config.invalid, none of its feeds polled), applies every valid one, ends on the last valid
    version, and stores every article of the feeds that version lists."""
    rng = random.Random(50)
    now = datetime.now(UTC)
    db = tmp_path / "m.db"
    feeds: dict[str, GrowingFeed] = {}
    for k in range(POOL):
        feed = GrowingFeed(
            items=shifting_items(now, prefix=f"pool{k}", days_warm=4, days_hostile=0),
            title=f"Pool {k}",
            first=2,
            every_s=1.0,
        )
        server.routes[f"/pool{k}.xml"] = feed
        feeds[server.url(f"/pool{k}.xml")] = feed
    versions = _versions(rng, db, list(feeds), lambda n: server.url(f"/never-{n}.xml"))
    env = {"TEST_WEBHOOK_SECRET": SECRET}
    for v in versions:  # the test's own expectations, checked with the daemon's validator
        if v.valid:
            load_config_text(tmp_path, v.text, env)
        else:
            with pytest.raises(ConfigError):
                load_config_text(tmp_path, v.text, env)

    cfg = tmp_path / "w.yaml"
    write_atomically(cfg, versions[0].text)
    daemon = DaemonProcess(cfg, tmp_path / "daemon.log")
    daemons.append(daemon)
    daemon.wait_started()
    last_valid = versions[0]
    started = time.monotonic()
    for v in versions[1:]:
        before = len(_reactions(daemon.text()))
        write_atomically(cfg, v.text)
        os.kill(daemon.pid, signal.SIGHUP)
        wait_for(
            lambda before=before: len(_reactions(daemon.text())) > before,
            timeout=10,
            what=f"the daemon to react to edit {v.number} ({v.breakage or 'valid'})",
        )
        new = _reactions(daemon.text())[before:]
        assert len(new) == 1, new
        if v.valid:
            last_valid = v
            assert f"config.reloaded watches=v{v.number}-a" in new[0]
        else:
            assert f"config.kept_last_good watches=v{last_valid.number}-a" in new[0], v.breakage
        time.sleep(rng.uniform(0.0, 0.4))  # let polls run on this version
    churn_s = time.monotonic() - started

    assert not versions[-1].valid and versions[-2].valid
    final = last_valid.feeds
    wait_for(lambda: all(feeds[u].complete() for u in final), what="the final feeds to grow")

    def stored(url: str) -> set[str]:
        return {r[0] for r in db_rows(db, "select key from articles where feed_url = ?", (url,))}

    wait_for(
        lambda: all(stored(u) == {feed_key(u, it.guid) for it in feeds[u].items} for u in final),
        timeout=20,
        what="every article of the final config's feeds to be stored",
    )
    # Feeds the final config dropped are not polled any more; its own feeds keep being polled.
    dropped = [u for u in feeds if u not in final]
    hits = {u: len(server.hits(urlsplit(u).path)) for u in feeds}
    time.sleep(1.5)
    for u in dropped:
        assert len(server.hits(urlsplit(u).path)) == hits[u], u
    for u in final:
        assert len(server.hits(urlsplit(u).path)) > hits[u], u
    assert daemon.alive()
    assert daemon.stop() == 0

    text = daemon.text()
    invalid = [v for v in versions if not v.valid]
    assert text.count("config.kept_last_good") == len(invalid)
    assert text.count("config.reloaded") == len(versions) - 1 - len(invalid)
    assert text.count("config.invalid") >= len(invalid)
    assert text.count("config.fetch_changed: restart the daemon") == 1
    never_hits = [r.path for r in server.requests if r.path.startswith("/never-")]
    assert never_hits == []
    assert "Traceback" not in text
    print(f"{EDITS} edits in {churn_s:.1f}s")


def load_config_text(tmp_path: Path, text: str, env: dict[str, str]) -> None:
    """Validate ``text`` as a config file (raises ConfigError when invalid)."""
    probe = tmp_path / "probe.yaml"
    probe.write_text(text)
    load_config(probe, env=env)
