"""Config stage: validation with file:line:key messages, secrets, merging."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import main
from monitor.config import load_config, parse_duration
from monitor.errors import ConfigError
from tests.feeds import SECRET

ROOT = Path(__file__).resolve().parent.parent
ENV = {"RHETORIC_WEBHOOK_SECRET": SECRET, "TEST_WEBHOOK_SECRET": SECRET}

GOOD = """\
database: ./x.db
notifiers:
  ops:
    url: https://hooks.example.org/x
    secret: ${TEST_WEBHOOK_SECRET}
watches:
  - name: us-china
    actors: [United States, China]
    feeds: [https://a.example.org/rss, https://b.example.org/rss]
    interval: 5m
  - name: us-china-2
    actors: [United States, China]
    feeds: [https://a.example.org/rss]
    interval: 2m
"""


def _write(tmp_path: Path, text: str, name: str = "watches.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_config(path, env=ENV)
    return info.value.problems


def test_shipped_example_is_valid() -> None:
    """config/watches.yaml, the README's example, validates."""
    config = load_config(ROOT / "config" / "watches.yaml", env=ENV)
    assert config.watches[0].name == "us-china"
    assert len(config.feeds()) >= 4


def test_shared_feed_is_one_job_with_shortest_interval(tmp_path: Path) -> None:
    """A feed listed by two watches becomes one Feed polled at the shorter interval."""
    config = load_config(_write(tmp_path, GOOD), env=ENV)
    feeds = {f.url: f for f in config.feeds()}
    assert len(feeds) == 2
    shared = feeds["https://a.example.org/rss"]
    assert shared.watches == ("us-china", "us-china-2")
    assert shared.interval_s == 120.0


def test_unknown_key_names_file_line_and_path(tmp_path: Path) -> None:
    """A misspelt key is an error that names the file, its line and the key path."""
    path = _write(tmp_path, GOOD.replace("    interval: 2m", "    intervall: 2m"))
    problems = _problems(path)
    assert problems == [
        f"{path}:14: watches[1].intervall: unknown key (check its spelling "
        "and the README's key list)"
    ]


def test_bad_value_names_line(tmp_path: Path) -> None:
    """An invalid duration is reported at the line of its key."""
    path = _write(tmp_path, GOOD.replace("interval: 5m", "interval: soon"))
    problems = _problems(path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:10: watches[0].interval: must be a duration")


def test_rule_range_checked(tmp_path: Path) -> None:
    """Rule values are validated (negative thresholds are refused) at their line."""
    text = GOOD.replace("    interval: 5m\n", "    interval: 5m\n    rule:\n      threshold: -3\n")
    problems = _problems(_write(tmp_path, text))
    assert ":12: watches[0].rule.threshold:" in problems[0]


def test_missing_required_key(tmp_path: Path) -> None:
    """A watch without feeds is reported as a missing key of that watch."""
    text = GOOD.replace("    feeds: [https://a.example.org/rss]\n", "")
    problems = _problems(_write(tmp_path, text))
    assert any("watches[1].feeds: required key is missing" in p for p in problems)


def test_literal_secret_refused_and_not_echoed(tmp_path: Path) -> None:
    """A secret written into the YAML is refused, and the message does not repeat it."""
    text = GOOD.replace("${TEST_WEBHOOK_SECRET}", SECRET)
    problems = _problems(_write(tmp_path, text))
    assert "notifiers.ops.secret: write the secret as ${ENV_NAME}" in problems[0]
    assert SECRET not in "\n".join(problems)


def test_missing_env_var(tmp_path: Path) -> None:
    """A ${NAME} reference to an unset variable is an error naming the variable."""
    path = _write(tmp_path, GOOD)
    with pytest.raises(ConfigError) as info:
        load_config(path, env={})
    assert info.value.problems == [
        f"{path}:5: notifiers.ops.secret: environment variable TEST_WEBHOOK_SECRET is not set "
        "(export it)"
    ]


def test_secret_hidden_in_repr(tmp_path: Path) -> None:
    """The resolved secret never appears in the config's repr or dump."""
    config = load_config(_write(tmp_path, GOOD), env=ENV)
    assert SECRET not in repr(config)
    assert SECRET not in str(config.model_dump())
    assert config.notifiers["ops"].secret.get_secret_value() == SECRET


def test_unknown_notifier_reference(tmp_path: Path) -> None:
    """A watch naming an undefined notifier is refused with the known names."""
    text = GOOD.replace("    interval: 2m", "    interval: 2m\n    notifiers: [pager]")
    path = _write(tmp_path, text)
    assert _problems(path) == [
        f"{path}:15: watches[1].notifiers: no notifier named 'pager' under notifiers: (ops)"
    ]


def test_duplicate_watch_names(tmp_path: Path) -> None:
    """Two watches with one name are refused at the second one's line."""
    path = _write(tmp_path, GOOD.replace("name: us-china-2", "name: us-china"))
    assert _problems(path) == [
        f"{path}:11: watches[1].name: another watch is already named 'us-china' "
        "(names must be unique)"
    ]


def test_env_in_feed_url_kept_as_written(tmp_path: Path) -> None:
    """A feed URL's ${ENV} key is used for fetching but the URL as written is its identity."""
    text = GOOD.replace("https://c.example.org/rss", "x").replace(
        "feeds: [https://a.example.org/rss]\n",
        "feeds: ['https://p.example.org/rss?key=${FEED_KEY}']\n",
    )
    config = load_config(_write(tmp_path, text), env={**ENV, "FEED_KEY": "s3cr3t-key"})
    feed = next(f for f in config.feeds() if "p.example.org" in f.url)
    assert feed.url == "https://p.example.org/rss?key=${FEED_KEY}"
    assert feed.fetch_url == "https://p.example.org/rss?key=s3cr3t-key"
    with pytest.raises(ConfigError) as info:
        load_config(_write(tmp_path, text), env=ENV)
    assert "watches[1].feeds[0]: environment variable FEED_KEY is not set" in info.value.problems[0]


def test_invalid_yaml_reports_line(tmp_path: Path) -> None:
    """Broken YAML syntax is reported with the file and line."""
    path = _write(tmp_path, GOOD + "  - name: [unclosed\n")
    problems = _problems(path)
    assert problems[0].startswith(f"{path}:")
    assert "invalid YAML" in problems[0]


def test_directory_merges_watches(tmp_path: Path) -> None:
    """A config directory merges watches and notifiers from every *.yaml file."""
    _write(tmp_path, GOOD, "a.yaml")
    _write(
        tmp_path,
        "watches:\n  - name: eu-china\n    actors: [European Union, China]\n"
        "    feeds: [https://c.example.org/rss]\n",
        "b.yaml",
    )
    config = load_config(tmp_path, env=ENV)
    assert [w.name for w in config.watches] == ["us-china", "us-china-2", "eu-china"]


def test_directory_error_names_right_file(tmp_path: Path) -> None:
    """An error in the second file of a directory names that file and its line."""
    _write(tmp_path, GOOD, "a.yaml")
    second = _write(
        tmp_path,
        "watches:\n  - name: eu-china\n    actors: [European Union, China]\n"
        "    feeds: [ftp://c.example.org/rss]\n",
        "b.yaml",
    )
    problems = _problems(tmp_path)
    assert problems[0].startswith(f"{second}:4: watches[2].feeds:")


def test_durations() -> None:
    """Durations accept seconds and s/m/h/d suffixes and refuse nonsense."""
    assert parse_duration(90) == 90.0
    assert parse_duration("5m") == 300.0
    assert parse_duration("1.5h") == 5400.0
    assert parse_duration("2d") == 172800.0
    for bad in ("-1", "0", "soon", True):
        with pytest.raises(ValueError):
            parse_duration(bad)


def test_check_command_exit_codes(tmp_path: Path) -> None:
    """`check` exits 0 for a valid config and 1 with file:line: key: message otherwise."""
    good = _write(tmp_path, GOOD)
    runner = CliRunner()
    ok = runner.invoke(main, ["check", "--config", str(good)], env=ENV)
    assert ok.exit_code == 0, ok.output
    assert "2 watch(es), 2 feed(s), 1 notifier(s)" in ok.output
    bad = _write(tmp_path, GOOD.replace("actors:", "actorz:", 1), "bad.yaml")
    res = runner.invoke(main, ["check", "--config", str(bad)], env=ENV)
    assert res.exit_code == 1
    assert f"{bad}:8: watches[0].actorz: unknown key" in res.output


SPEAKERS = """\
database: ./x.db
watches:
  - name: us-china
    actors: [United States, China]
    feeds:
      - url: https://mfa.example.org/rss
        speaker: CHN
      - https://b.example.org/rss
"""


def test_feed_speaker_is_loaded_and_validated(tmp_path: Path) -> None:
    """A feed may name who speaks in it; an unknown speaker or key is an error at its line."""
    config = load_config(_write(tmp_path, SPEAKERS), env=ENV)
    watch = config.watches[0]
    assert watch.feeds == ("https://mfa.example.org/rss", "https://b.example.org/rss")
    assert watch.feed_speakers == {"https://mfa.example.org/rss": "CHN"}
    assert [f.url for f in config.feeds()] == list(watch.feeds)
    problems = _problems(_write(tmp_path, SPEAKERS.replace("CHN", "Atlantis")))
    assert "feeds[0].speaker: unknown speaker 'Atlantis'" in problems[0]
    assert problems[0].startswith(f"{tmp_path / 'watches.yaml'}:")
    problems = _problems(_write(tmp_path, SPEAKERS.replace("speaker: CHN", "voice: CHN")))
    assert "unknown key 'voice'" in problems[0]
    result = CliRunner().invoke(
        main, ["check", "--config", str(_write(tmp_path, SPEAKERS.replace("CHN", "Atlantis")))]
    )
    assert result.exit_code != 0
    assert "unknown speaker 'Atlantis'" in result.output + result.stderr


def test_feed_speakers_written_as_a_mapping_are_checked(tmp_path: Path) -> None:
    """``feed_speakers`` written directly must name the watch's feeds and known speakers."""
    base = SPEAKERS.replace("        speaker: CHN\n", "")
    good = base + "    feed_speakers: {https://b.example.org/rss: Kenya}\n"
    config = load_config(_write(tmp_path, good), env=ENV)
    assert config.watches[0].feed_speakers == {"https://b.example.org/rss": "Kenya"}
    stray = base + "    feed_speakers: {https://z.example.org/rss: Kenya}\n"
    assert "is not one of this watch's feeds" in _problems(_write(tmp_path, stray))[0]
    unknown = base + "    feed_speakers: {https://b.example.org/rss: Atlantis}\n"
    assert "unknown speaker 'Atlantis'" in _problems(_write(tmp_path, unknown))[0]
