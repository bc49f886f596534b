"""The HTML report: drawn with matplotlib, self-contained, readable; rendered in headless
Chromium, whose screenshot must not be blank and whose DOM holds one label per shift."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.cli.report import human, render_report
from monitor.replay import default_config, replay
from monitor.store import Store
from tests.feeds import shifting_items

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    # Nothing on the page may need the network: every host name fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def _db(tmp_path: Path) -> Path:
    """A replayed backtest (one shift toward confrontation) plus a second, hand-made shift
    toward engagement (resolved) and articles scored exactly 0 (never "most engaged")."""
    rows = []
    for outlet in ("alpha", "beta"):
        for it in shifting_items(NOW, prefix=outlet, days_warm=20, days_hostile=8):
            rows.append(
                {
                    "id": it.guid,
                    "published": it.published,
                    "source": outlet,
                    "title": it.title,
                    "text": it.text,
                    "url": f"https://news.example/{it.guid}?a=1&b=<2>",
                }
            )
    rows.sort(key=lambda r: r["published"])
    rows.append(
        {
            "id": "flat",
            "published": NOW - timedelta(hours=2),
            "source": "gamma",
            "title": "Weather report",
            "text": "Rain is expected in the north.",
        }
    )
    db = tmp_path / "h.db"
    store = Store(db)
    list(replay(rows, config=default_config(), store=store))
    detected = [e for e in store.events() if e["type"] == "rhetoric.shift.detected"]
    assert len(detected) == 1, detected
    template = detected[0]["payload"]
    for kind, at in (("detected", NOW - timedelta(days=12)), ("resolved", NOW - timedelta(days=9))):
        payload = {
            **template,
            "event_id": f"evt_manual_{kind}",
            "type": f"rhetoric.shift.{kind}",
            "direction": "engagement",
            "at": at.isoformat(),
            "extra": [["onset", (NOW - timedelta(days=14)).isoformat()]],
        }
        store.add_event(
            f"evt_manual_{kind}",
            type=f"rhetoric.shift.{kind}",
            watch="default",
            direction="engagement",
            at=at,
            payload=payload,
            bodies={},
            now=at,
        )
    store.close()
    return db


def test_report_is_self_contained_and_readable(tmp_path: Path) -> None:
    store = Store(_db(tmp_path))
    html = render_report(store, watch=None, since=NOW - timedelta(days=90), now=NOW)
    quiet = render_report(store, watch="quiet", since=NOW - timedelta(days=90), now=NOW)
    late = render_report(store, watch=None, since=NOW - timedelta(days=10), now=NOW)
    store.close()
    # one file, no scripts, nothing loaded from anywhere (links are navigation only)
    assert "<script" not in html and "<link" not in html and "<img" not in html
    assert not re.search(r'\b(src|xlink:href|href)="(?!#|https://news\.example/)', html)
    assert "@import" not in html and not re.search(r"url\((?!#)", html)
    # a chart drawn by matplotlib, with a date axis
    assert html.count('<svg class="chart"') == 1 and "Matplotlib" in html
    assert re.search(r">\s*(Apr|May)\s*<", html), "month names on the date axis"
    # both shifts labelled on the page and linked to their explanation
    assert html.count('id="shiftlabel-') == 2
    for anchor in ("default-s1", "default-s2"):
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
    assert "S1 · toward engagement" in html and "S2 · toward confrontation" in html
    assert "resolved 22 Apr 2026, 12:00 UTC" in html
    # top lists: links kept (escaped), engaged only above 0, no raw ISO times
    engaged = html.split("<h3>Most engaged</h3>")[1].split("</ol>")[0]
    assert "Weather report" not in engaged and "+0.00" not in engaged
    assert "−" not in re.sub(r"<[^>]+>", "", engaged).split("UTC")[0][:8]
    assert 'href="https://news.example/' in engaged and "&amp;b=&lt;2&gt;" in engaged
    text = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text), "raw ISO timestamps"
    assert human("2026-05-03T14:05:09.123456+00:00") == "3 May 2026, 14:05 UTC"
    # a shift detected before the period: its resolution is still listed, not drawn
    assert late.count('id="shiftlabel-') == 1
    assert "settled after a shift toward engagement detected before this period" in late
    # a watch without articles says so instead of drawing an empty chart
    assert "No data: no scored articles for this watch" in quiet and "<svg" not in quiet


def test_report_command_notes_a_watch_without_articles(tmp_path: Path) -> None:
    db = _db(tmp_path)
    store = Store(db)
    at = NOW - timedelta(days=3)
    store.add_event(
        "evt_other",
        type="rhetoric.shift.detected",
        watch="quiet-watch",
        direction="engagement",
        at=at,
        payload=json.loads(json.dumps(store.events()[0]["payload"])),
        bodies={},
        now=at,
    )
    store.close()
    out = tmp_path / "r.html"
    res = CliRunner().invoke(
        main, ["report", "--db", str(db), "--since", "3650d", "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    html = out.read_text()
    assert 'id="watch-default"' in html and 'id="watch-quiet-watch"' in html
    assert "No data: no scored articles for this watch" in html


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if found := shutil.which(name):
            return found
    return None


def _run_chromium(binary: str, profile: Path, *args: str, timeout: float = 90) -> str:
    """Run headless Chromium once, bounded; the whole process group dies on timeout."""
    proc = subprocess.Popen(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        text=True,
    )
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=10)
        pytest.fail(f"chromium did not finish within {timeout:.0f} s")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    return out


@pytest.mark.timeout(240)
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    """The page as a person sees it: not blank, the chart drawn, both shifts labelled."""
    binary = _chromium()
    if binary is None:
        pytest.skip("chromium not found (.ci/run installs Debian's chromium package)")
    import numpy as np
    from PIL import Image

    store = Store(_db(tmp_path))
    page = tmp_path / "report.html"
    page.write_text(
        render_report(store, watch=None, since=NOW - timedelta(days=90), now=NOW),
        encoding="utf-8",
    )
    store.close()
    shot = tmp_path / "shot.png"
    _run_chromium(
        binary,
        tmp_path / "profile-shot",
        "--window-size=1200,900",
        f"--screenshot={shot}",
        page.as_uri(),
    )
    assert shot.exists(), "no screenshot written"
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 900)
    px = np.asarray(image).reshape(-1, 3).astype(int)
    ink = int((px.sum(axis=1) < 600).sum())
    assert ink > 0.01 * len(px), f"the page looks blank ({ink} dark pixels)"
    assert len(np.unique(px, axis=0)) > 50, "almost no colours: the chart was not drawn"
    r, g, b = px[:, 0], px[:, 1], px[:, 2]
    red = int(((r > 150) & (g < 110) & (b < 110)).sum())
    blue = int(((b > 140) & (r < 90) & (g < 150)).sum())
    assert red > 30 and blue > 30, (red, blue)  # both shifts' lines and labels are visible
    dom = _run_chromium(binary, tmp_path / "profile-dom", "--dump-dom", page.as_uri())
    labels = re.findall(r'<g id="shiftlabel-([^"]+)"', dom)
    assert labels == ["default-s1", "default-s2"], labels
    for label in ("S1 ▲ engagement", "S2 ▼ confrontation"):
        assert label in dom
