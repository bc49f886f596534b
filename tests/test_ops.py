"""Operator commands: unknown names refused, history readable and complete, status in step
with the failing alert, extract on real-world encodings, poll's exit code for cron."""

from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.store import Store
from tests.feeds import rss, shifting_items, write_config
from tests.localserver import LocalServer, Response
from tests.test_cli import _db


def cli(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command."""
    res = CliRunner().invoke(main, list(args), input=stdin)
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A database holding a replayed shift of watch 'default' (96 articles, events)."""
    return str(_db(tmp_path))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["silence", "add", "no-such-watch", "--for", "1d", "--comment", "x"],
         "no watch named 'no-such-watch' (known watches: default)"),
        (["deliveries", "--enable", "nosuch"], "no notifier named 'nosuch' (known notifiers: "),
        (["deliveries", "--show", "nosuch"], "no delivery with id 'nosuch' (ids are EVENT_ID:"),
        (["history", "--watch", "nosuch", "--since", "all"], "no watch named 'nosuch'"),
        (["report", "--watch", "nosuch", "--out", "r.html"], "no watch named 'nosuch'"),
    ],
)  # fmt: skip
def test_unknown_names_are_refused(db: str, args: list[str], message: str) -> None:
    """A name the config and the database do not know is refused with exit 1 and a message
    listing the known ones, instead of being accepted silently."""
    code, out, err = cli(*args, "--db", db)
    assert code == 1, out
    assert message in err
    store = Store(db)
    assert store.silences() == [], "nothing was silenced"
    store.close()


def test_unknown_actor_and_a_line_without_text_are_refused() -> None:
    """score --actors refuses a name that is no known actor; a JSONL line without "text"
    gets an error line instead of an empty-text score."""
    code, _, err = cli("score", "--actors", "Atlantis,China", stdin="Talks resumed.")
    assert code == 2 and "unknown actor(s) 'Atlantis'" in err
    assert cli("score", "--actors", "us,Beijing", stdin="Talks resumed.")[0] == 0
    lines = '{"id": 1, "title": "Talks"}\n{"id": 2, "text": "Talks resumed."}\n'
    code, out, err = cli("score", "--jsonl", stdin=lines)
    first, second = (json.loads(x) for x in out.splitlines())
    assert first == {"id": 1, "error": 'line 1: missing \'text\' (each line needs {"id", "text"})'}
    assert "tone" in second and "1 line(s) could not be scored" in err


def test_history_table_has_headers_marks_cuts_and_keeps_urls(tmp_path: Path) -> None:
    """The table has a header row, a long title ends in a visible "…", and a long URL is
    printed whole; events come newest first under their own header."""
    db = tmp_path / "u.db"
    rows = [
        json.loads(x) for x in (Path(_db(tmp_path)).parent / "s.jsonl").read_text().splitlines()
    ]
    from monitor.replay import default_config, replay

    url = "https://news.example.com/" + "a-very-long-path-segment/" * 6 + "story.html?id=12345"
    for r in rows:
        r["published"] = datetime.fromisoformat(r["published"])
        r["title"] = r["title"] + " and then a much longer tail that no table column can hold"
        r["url"] = url
    store = Store(db)
    list(replay(rows, config=default_config(), store=store))
    store.close()
    code, out, _ = cli("history", "--db", str(db), "--since", "all")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["at", "(UTC)", "watch", "tone", "label", "source", "title", "url"]
    assert all(line.endswith(url) for line in lines[1:97])
    assert "…" in lines[1] and "no table column can hold" not in out
    events_header = lines.index("") + 1
    assert lines[events_header].split()[:4] == ["at", "(UTC)", "type", "watch"]
    rest = lines[events_header + 1 :]
    rest = rest[: rest.index("")] if "" in rest else rest  # then the detector's lines
    times = [line[:16] for line in rest]
    assert times == sorted(times, reverse=True) and len(times) >= 1


def test_history_since_hint_year_units_json_fields_and_csv_events(db: str) -> None:
    """--since 1y is accepted; a window that hides older data says so on stderr; JSON holds
    phrases as a list; CSV carries the events as rows of kind 'event'."""
    code, out, err = cli("history", "--db", db, "--since", "1h")
    assert code == 0 and "no scored articles since" in out
    assert "older articles exist (widen with --since 90d, 1y or all)" in err
    code, out, err = cli("history", "--db", db, "--since", "1y", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert all(isinstance(a["phrases"], list) for a in data["articles"])
    assert any(a["phrases"] for a in data["articles"])
    assert isinstance(data["events"][0]["payload"], dict)
    events_at = [e["at"] for e in data["events"]]
    assert events_at == sorted(events_at, reverse=True)
    code, out, _ = cli("history", "--db", db, "--since", "1y", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    kinds = [r["kind"] for r in rows]
    assert kinds.count("article") == 96 and kinds.count("event") == len(data["events"])
    event = next(r for r in rows if r["kind"] == "event")
    assert event["type"] == data["events"][0]["type"] and event["event_id"]
    assert cli("history", "--db", db, "--since", "2w")[0] == 0


def test_history_says_when_the_limit_cut_it(db: str) -> None:
    """A --limit that cuts the articles is said on stderr, never silent."""
    code, _, err = cli("history", "--db", db, "--since", "all", "--limit", "10")
    assert code == 0 and "showing the newest 10 articles (--limit for more)" in err


XML = {"Content-Type": "application/rss+xml"}


def _poll_config(tmp_path: Path, server: LocalServer, routes: dict[str, Response]) -> Path:
    for path, response in routes.items():
        server.routes[path] = lambda req, r=response: r
    return write_config(
        tmp_path / "w.yaml",
        db=tmp_path / "m.db",
        feeds=[server.url(p) for p in routes] + ["http://127.0.0.1:9/never.xml"],
        hook_url=None,
    )


def test_status_failing_threshold_and_feeds_never_polled(
    tmp_path: Path, server: LocalServer
) -> None:
    """status calls a feed 'retrying' until it has failed defaults.failing_after times in a
    row (when source.failing fires) and 'failing' from then on; a configured feed with no
    finished poll is listed as 'pending'."""
    body = rss(shifting_items(datetime.now(UTC), prefix="g", days_warm=1, days_hostile=0))
    cfg = _poll_config(
        tmp_path, server, {"/err.xml": Response(500, b"x"), "/ok.xml": Response(200, body, XML)}
    )
    text = cfg.read_text().replace("      - http://127.0.0.1:9/never.xml\n", "")
    cfg.write_text(text)
    assert cli("poll", "--config", str(cfg))[0] == 0
    cfg.write_text(text + "      - http://127.0.0.1:9/never.xml\n")
    out = cli("status", "--config", str(cfg))[1]
    lines = {ln.split()[0]: ln for ln in out.splitlines() if "http" in ln}
    assert lines["retrying"].split()[1] == "errors=1" and "/err.xml" in lines["retrying"]
    assert "/ok.xml" in lines["ok"]
    assert "/never.xml" in lines["pending"] and "no poll has finished yet" in lines["pending"]
    as_json = json.loads(cli("status", "--config", str(cfg), "--format", "json")[1])
    assert {f["url"].rsplit("/", 1)[1]: f["state"] for f in as_json["feeds"]} == {
        "err.xml": "retrying", "ok.xml": "ok", "never.xml": "pending"}  # fmt: skip
    store = Store(tmp_path / "m.db")
    state = store.feed_state(server.url("/err.xml"))
    from dataclasses import replace

    store.save_feed_state(replace(state, error_count=3))
    store.close()
    out = cli("status", "--config", str(cfg))[1]
    assert any(ln.startswith("failing ") and "/err.xml" in ln for ln in out.splitlines())


def test_poll_exits_1_when_every_feed_fails(tmp_path: Path, server: LocalServer) -> None:
    """poll (for cron) exits 1 with a message when every feed it polled failed, and 0 when
    at least one succeeded."""
    cfg = _poll_config(tmp_path, server, {"/err.xml": Response(500, b"x")})
    code, out, err = cli("poll", "--config", str(cfg))
    assert code == 1 and "error: every feed polled failed (2)" in err
    assert out.count("failed") == 2
    body = rss(shifting_items(datetime.now(UTC), prefix="g", days_warm=1, days_hostile=0))
    cfg = _poll_config(
        tmp_path, server, {"/err.xml": Response(500, b"x"), "/ok.xml": Response(200, body, XML)}
    )
    assert cli("poll", "--config", str(cfg))[0] == 0


PAGE = (
    "<html><head><title>Caf\xe9 talks</title></head><body><nav>Home | World</nav><article>"
    "<h1>Talks resume</h1><p>The minister\u2019s visit to the caf\xe9 \u201cwent well\u201d and "
    "the two sides agreed to meet again in the spring, officials said after long talks.</p>"
    "<p>Both delegations praised the constructive atmosphere and pledged cooperation.</p>"
    "</article></body></html>"
)


def test_extract_reads_windows_1252_and_gzip(tmp_path: Path) -> None:
    """extract decodes a windows-1252 page without a charset declaration and unpacks a
    gzip file, instead of dying with a UnicodeDecodeError."""
    page = tmp_path / "p.html"
    page.write_bytes(PAGE.encode("cp1252"))
    packed = tmp_path / "p.html.gz"
    packed.write_bytes(gzip.compress(PAGE.encode("cp1252")))
    for path in (page, packed):
        code, out, err = cli("extract", str(path))
        assert code == 0, err
        assert "minister\u2019s visit to the caf\xe9 \u201cwent well\u201d" in out
    jsonl = tmp_path / "p.jsonl.gz"
    jsonl.write_bytes(gzip.compress((json.dumps({"id": "a", "html": PAGE}) + "\n").encode()))
    code, out, _ = cli("extract", "--jsonl", str(jsonl))
    assert code == 0 and "caf\xe9" in json.loads(out)["text"]
    bad = tmp_path / "bad.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00 truncated")
    code, _, err = cli("extract", str(bad))
    assert code == 1 and "bad gzip data" in err and "Traceback" not in err
