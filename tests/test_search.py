"""``rhetoric-monitor search``: ranked full-text search over a real SQLite store."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.cli.search import plain_query
from monitor.errors import StoreError
from monitor.models import Article, Sample, ToneScore
from monitor.store import Store

NOW = datetime.now(UTC)


def _save(
    store: Store, key: str, title: str, text: str, *, days_ago: float, watch: str, tone: float
) -> None:
    article = Article(
        key=key,
        feed_url="https://f.example/rss",
        url=f"https://f.example/{key}",
        title=title,
        text=text,
        published=NOW - timedelta(days=days_ago),
        source="Outlet",
    )
    sample = Sample(
        key=key,
        watch=watch,
        at=article.published,
        tone=tone,
        source="Outlet",
        title=title,
        phrases=(),
        fingerprint=(1,),
    )
    label = "engagement" if tone > 0 else "confrontation"
    store.save_article(
        article, [(sample, ToneScore(tone=tone, label=label, confidence=0.7))], now=NOW
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    store = Store(path)
    _save(store, "a1", "Tariff talks resume in Geneva", "Negotiators met on tariffs and trade.",
          days_ago=1, watch="us-china", tone=0.4)  # fmt: skip
    _save(store, "a2", "Harbour festival opens",
          "A trade fair in the old harbour mentions tariffs once, in passing, among other topics.",
          days_ago=2, watch="us-china", tone=0.1)  # fmt: skip
    _save(store, "a3", "Tariffs raised on steel", "New tariffs on steel and tariffs on aluminium.",
          days_ago=40, watch="eu-russia", tone=-0.6)  # fmt: skip
    _save(store, "a4", "U.S. envoy visits", "The U.S. envoy met officials; no word on trade.",
          days_ago=3, watch="us-china", tone=0.5)  # fmt: skip
    for n in range(30):  # BM25 needs words that most articles lack to weigh anything
        _save(store, f"f{n}", f"Weather bulletin {n}", "Rain is expected in the north.",
              days_ago=5, watch="us-china", tone=0.0)  # fmt: skip
    store.close()
    return path


def test_search_ranks_title_matches_first_and_marks_snippets(db: Path) -> None:
    """A word in the title ranks above the same word only in the text, and the snippet
    marks the match."""
    res = CliRunner().invoke(main, ["search", "tariffs", "--db", str(db), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    keys = [r["key"] for r in rows]
    assert set(keys) == {"a1", "a2", "a3"}
    assert keys.index("a2") == 2  # the only one without "tariff(s)" in its title
    assert all("[" in r["snippet"] and "]" in r["snippet"] for r in rows)
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    assert rows[0]["scores"] and rows[0]["scores"][0]["watch"] in {"us-china", "eu-russia"}


def test_search_filters_by_watch_and_since(db: Path) -> None:
    """--watch keeps articles scored for that watch (with its tone); --since drops older ones."""
    res = CliRunner().invoke(
        main, ["search", "tariffs", "--db", str(db), "--watch", "us-china", "--format", "json"]
    )
    rows = json.loads(res.output)
    assert [r["key"] for r in rows] == ["a1", "a2"]
    assert [r["tone"] for r in rows] == [0.4, 0.1]
    recent = CliRunner().invoke(
        main, ["search", "tariffs", "--db", str(db), "--since", "30d", "--format", "json"]
    )
    assert {r["key"] for r in json.loads(recent.output)} == {"a1", "a2"}


def test_search_reads_plain_words_and_phrases_literally(db: Path) -> None:
    """Punctuated words and FTS5 operators in a plain query are searched for, not parsed;
    every word must match."""
    assert plain_query('U.S. "trade fair" OR') == '"U.S." "trade fair" "OR"'
    res = CliRunner().invoke(main, ["search", "U.S. envoy", "--db", str(db), "--format", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.output.strip().splitlines()
    assert lines[0].startswith("published,source,title,url,snippet,rank")
    assert len(lines) == 2 and "U.S. envoy visits" in lines[1]
    both = CliRunner().invoke(main, ["search", "steel festival", "--db", str(db)])
    assert both.exit_code == 0 and "no stored article matches" in both.output


def test_search_fts_expressions_and_clear_errors(db: Path) -> None:
    """--fts passes FTS5 syntax through; a malformed expression is a one-line error, not a
    traceback."""
    ok = CliRunner().invoke(
        main, ["search", "steel OR festival", "--fts", "--db", str(db), "--format", "json"]
    )
    assert {r["key"] for r in json.loads(ok.output)} == {"a2", "a3"}
    bad = CliRunner().invoke(main, ["search", '"unbalanced', "--fts", "--db", str(db)])
    assert bad.exit_code == 1
    assert "cannot read the query" in bad.output and "Traceback" not in bad.output
    empty = CliRunner().invoke(main, ["search", '""', "--db", str(db)])
    assert empty.exit_code == 2 and "at least one word" in empty.output
    with pytest.raises(StoreError, match="FTS5 syntax"):
        Store(db).search("NEAR(")


def test_search_table_output(db: Path) -> None:
    """The table lists rank, date, source, title, URL and snippet of each match."""
    res = CliRunner().invoke(main, ["search", "geneva", "--db", str(db), "--watch", "us-china"])
    assert res.exit_code == 0, res.output
    assert "  1. " in res.output and "tone +0.40" in res.output
    assert "Tariff talks resume in Geneva" in res.output
    assert "https://f.example/a1" in res.output and "[Geneva]" in res.output


def test_search_ranks_the_newest_matches_unless_told_all(db: Path) -> None:
    """With a depth, only the newest stored matches are ranked and the hits say older ones
    were left out; without one, every match is ranked."""
    store = Store(db)
    try:
        capped = store.search('"tariffs"', depth=2)
        assert capped.capped is True
        assert [r["key"] for r in capped.rows] == ["a3", "a2"]  # a1 was stored first
        everything = store.search('"tariffs"', depth=None)
        assert everything.capped is False and len(everything.rows) == 3
        exact = store.search('"tariffs"', depth=3)
        assert exact.capped is False and len(exact.rows) == 3
    finally:
        store.close()
    res = CliRunner().invoke(main, ["search", "tariffs", "--db", str(db), "--all"])
    assert res.exit_code == 0 and "ranked the newest" not in res.output
