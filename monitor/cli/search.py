"""``rhetoric-monitor search``: ranked full-text search over stored articles, with snippets."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from monitor.cli.common import _errors, config_option, db_option

#: A double-quoted phrase, or a run of anything but whitespace and quotes.
_TOKEN = re.compile(r'"([^"]*)"|([^\s"]+)')


def plain_query(text: str) -> str:
    """``text`` as an FTS5 query that finds articles holding every word and quoted phrase.

    Each word becomes a quoted string, so punctuation (``U.S.``, ``COVID-19``) and
    words FTS5 reserves (``OR``, ``NOT``, ``NEAR``) are searched for, not parsed.
    """
    parts = []
    for phrase, word in _TOKEN.findall(text):
        term = (phrase or word).strip()
        if term:
            parts.append('"' + term.replace('"', '""') + '"')
    return " ".join(parts)


@click.command()
@config_option()
@click.argument("query")
@db_option()
@click.option("--watch", "watch_name", help="Only articles scored for this watch.")
@click.option("--since", help="Only articles published in the last SINCE (e.g. 30d, 12h).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option(
    "--all",
    "rank_all",
    is_flag=True,
    help="Rank every match, not only the newest 20,000 (slower for common words).",
)
@click.option(
    "--fts",
    is_flag=True,
    help='Read QUERY as an FTS5 expression (OR, NOT, NEAR(a b), prefix*, "phrases").',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
def search(
    config_path: Path | None,
    query: str,
    db_path: str | None,
    watch_name: str | None,
    since: str | None,
    limit: int,
    rank_all: bool,
    fts: bool,
    fmt: str,
) -> None:
    """Stored articles matching QUERY, best match first, with snippets.

    Every word (and "quoted phrase") of QUERY must appear in the title or text;
    a match in the title counts more. The newest 20,000 matches are ranked (--all:
    every match).
    """
    from monitor.cli.ops import _config_if_any, _known, _open_store, _parse_since, _refuse_unknown
    from monitor.store import SEARCH_DEPTH

    expression = query if fts else plain_query(query)
    if not expression.strip():
        raise click.BadParameter("give at least one word to search for", param_hint="QUERY")
    start = datetime.now(UTC) - _parse_since(since) if since else None
    with _errors():
        store = _open_store(config_path, db_path)
        try:
            if watch_name:
                known = _known(store, _config_if_any(config_path, db_path), "watch")
                _refuse_unknown(watch_name, known, "watch")
            hits = store.search(
                expression,
                watch=watch_name,
                since=start,
                limit=limit,
                depth=None if rank_all else SEARCH_DEPTH,
            )
        finally:
            store.close()
    rows = hits.rows
    if watch_name:
        for row in rows:
            mine = [s for s in row["scores"] if s["watch"] == watch_name]
            row["tone"] = mine[0]["tone"] if mine else None
    _print(rows, fmt, with_tone=watch_name is not None)
    if not rows and fmt == "table":
        hint = " (try a longer --since)" if since else ""
        click.echo(f"no stored article matches {query!r}{hint}", err=True)
    if hits.capped:
        click.echo(f"ranked the newest {SEARCH_DEPTH:,} matches; --all ranks every one", err=True)


def _print(rows: list[dict[str, Any]], fmt: str, *, with_tone: bool) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if fmt == "csv":
        columns = ["published", "source", "title", "url", "snippet", "rank"]
        columns += ["tone"] if with_tone else []
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
        return
    for n, row in enumerate(rows, 1):
        tone = row.get("tone")
        tone_text = f"  tone {tone:+.2f}" if isinstance(tone, float) else ""
        click.echo(f"{n:>3}. {row['published'][:16]}  {row['source']}{tone_text}")
        click.echo(f"     {row['title']}")
        if row["url"]:
            click.echo(f"     {row['url']}")
        click.echo(f"     {' '.join(row['snippet'].split())}")
