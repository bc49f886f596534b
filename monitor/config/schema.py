"""Config schema: the pydantic models of the watch config, and ``parse_duration``.

These frozen models (``Config`` and its sections) define every key, default and
bound of the YAML; unknown keys are errors. ``Config`` also answers the resolved
questions the scheduler and pipeline ask (a watch's interval, rule, notifiers,
and the distinct feeds to fetch). Reading files, ``${ENV}`` expansion and
``file:line`` error messages live in ``monitor.config.loader``, which re-exports these
names; import them from there.
"""

from __future__ import annotations

import base64
import dataclasses
import re
from typing import TYPE_CHECKING, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from monitor.errors import ConfigError
from monitor.models import Feed, Rule
from monitor.tone import speaker_names

DEFAULT_DATABASE = "./rhetoric-monitor.db"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, None: 1.0}


def parse_duration(value: object) -> float:
    """Seconds in ``value``: a number of seconds or a string like ``90s``, ``5m``, ``2h``."""
    if isinstance(value, bool):
        raise ValueError("must be a duration like 300, '90s', '5m', '2h' or '1d'")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and (m := _DURATION.match(value)):
        seconds = float(m.group(1)) * _UNITS[m.group(2)]
    else:
        raise ValueError(f"must be a duration like 300, '90s', '5m', '2h' or '1d' (got {value!r})")
    if seconds <= 0:
        raise ValueError(f"must be positive (got {value!r})")
    return seconds


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _rule_model() -> type[BaseModel]:
    """A pydantic model mirroring ``models.Rule`` field for field (all non-negative)."""
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(Rule):
        default = f.default
        fields[f.name] = (type(default), Field(default=default, ge=0))
    return create_model("RuleConfig", __config__=ConfigDict(extra="forbid", frozen=True), **fields)


if TYPE_CHECKING:

    class RuleConfig(BaseModel):
        """Static stand-in: the real class is built from ``models.Rule`` below."""

else:
    RuleConfig = _rule_model()


class FetchConfig(_Strict):
    """HTTP settings shared by every feed and article fetch."""

    timeout_s: float = Field(default=20.0, gt=0, le=300)
    max_bytes: int = Field(default=5_000_000, gt=1024)
    max_redirects: int = Field(default=5, ge=0, le=20)
    per_host: int = Field(default=4, ge=1, le=64)
    workers: int = Field(default=16, ge=1, le=256)
    user_agent: str = "rhetoric-monitor/0.1 (+https://github.com/rhetoric-monitor)"
    allow_private: tuple[str, ...] = ()


class NotifierConfig(_Strict):
    """One alert destination: a webhook (``kind: webhook``) or an Apprise URL (``kind: apprise``).

    Only a ``generic`` webhook is signed with a Standard Webhooks secret, so only it
    requires one; Slack and Discord webhooks and Apprise targets ignore signatures.
    """

    kind: Literal["webhook", "apprise"] = "webhook"
    url: str
    secret: SecretStr | None = None
    format: Literal["generic", "slack", "discord"] = "generic"
    timeout_s: float = Field(default=15.0, gt=0, le=120)
    digest: bool = False
    digest_hour: int = Field(default=8, ge=0, le=23)
    events: tuple[str, ...] = (
        "rhetoric.shift.detected",
        "rhetoric.shift.resolved",
        "source.failing",
        "source.recovered",
    )

    @field_validator("url")
    @classmethod
    def _url(cls, v: str, info: ValidationInfo) -> str:
        # Never echo the URL in a message: its path or host is often the credential.
        if info.data.get("kind", "webhook") == "apprise":
            scheme = _apprise_scheme(v)
            if scheme is None:
                raise ValueError(
                    "must be an Apprise URL like 'ntfy://host/topic' or 'tgram://${TOKEN}/CHAT'"
                )
            if scheme in ("http", "https"):
                raise ValueError(
                    "is a plain http(s) URL: use kind: webhook for it, or an Apprise scheme "
                    "such as json://, ntfys:// or slack://"
                )
            if not _apprise_accepts(v):
                raise ValueError(
                    f"Apprise does not accept this {scheme}:// URL (check it against the "
                    "Apprise wiki page of that service)"
                )
            return v
        if not re.match(r"^https?://[^/\s]+", v):
            raise ValueError("must be an http(s) URL")
        return v

    @field_validator("secret")
    @classmethod
    def _whsec(cls, v: SecretStr | None) -> SecretStr | None:
        if v is None:
            return v
        raw = v.get_secret_value()
        body = raw.removeprefix("whsec_")
        try:
            decoded = base64.b64decode(body, validate=True)
        except ValueError:
            decoded = b""
        if len(decoded) < 16:
            raise ValueError(
                "must be a Standard Webhooks secret: 'whsec_' + base64 of at least 16 bytes"
            )
        return v

    @model_validator(mode="after")
    def _kind_rules(self) -> NotifierConfig:
        if self.kind == "apprise":
            if self.secret is not None:
                raise ValueError(
                    "secret: not used by kind: apprise (put credentials in the URL as ${ENV})"
                )
            if self.format != "generic":
                raise ValueError("format: not used by kind: apprise (Apprise formats for you)")
        elif self.format == "generic" and self.secret is None:
            raise ValueError(
                "secret: required for a generic webhook (its Standard Webhooks signature); "
                "slack, discord and apprise notifiers need none"
            )
        return self


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://\S+$")


def _apprise_scheme(url: str) -> str | None:
    m = _SCHEME.match(url.strip())
    return m.group(1).lower() if m else None


def _apprise_accepts(url: str) -> bool:
    """Whether Apprise (imported only for configs that use it) can build this URL."""
    import logging

    # Apprise logs the URLs it cannot parse: keep its logger out of ours (before importing).
    logging.getLogger("apprise").propagate = False
    import apprise

    return apprise.Apprise.instantiate(url.strip()) is not None


class DefaultsConfig(_Strict):
    """Values every watch inherits unless it sets its own."""

    interval: float = 300.0
    jitter: float = 0.1
    fetch_article: bool = False
    failing_after: int = Field(default=3, ge=1, le=1000)
    rule: RuleConfig = Field(default_factory=RuleConfig)
    notifiers: tuple[str, ...] | None = None

    @field_validator("interval", mode="before")
    @classmethod
    def _interval(cls, v: object) -> float:
        return parse_duration(v)


class WatchConfig(_Strict):
    """One watched relationship."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")
    actors: tuple[str, ...] = Field(min_length=1)
    feeds: tuple[str, ...] = Field(min_length=1)
    #: Feed URL → who speaks in it (``speaker:`` on a feed written as a mapping).
    feed_speakers: dict[str, str] = Field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    match: tuple[str, ...] = ()
    terms: dict[str, float] = Field(default_factory=dict)
    interval: float | None = None
    fetch_article: bool | None = None
    rule: RuleConfig | None = None
    notifiers: tuple[str, ...] | None = None

    @field_validator("interval", mode="before")
    @classmethod
    def _interval(cls, v: object) -> float | None:
        return None if v is None else parse_duration(v)

    @model_validator(mode="before")
    @classmethod
    def _feed_sources(cls, data: Any) -> Any:
        """A feed is a URL, or ``{url, speaker}`` when the feed speaks for one party.

        Why: a foreign ministry's feed speaks for its government; the scorer
        then reads that state's own name in the text as self-description.
        """
        if not isinstance(data, dict) or not isinstance(data.get("feeds"), list):
            return data
        feeds: list[object] = []
        speakers: dict[str, str] = {}
        for i, item in enumerate(data["feeds"]):
            if not isinstance(item, dict):
                feeds.append(item)
                continue
            extra = sorted(set(item) - {"url", "speaker"})
            if extra or not isinstance(item.get("url"), str):
                raise ValueError(
                    f"feeds[{i}]: a feed is a URL or a mapping with 'url' and an optional "
                    f"'speaker'" + (f" (unknown key {extra[0]!r})" if extra else "")
                )
            feeds.append(item["url"])
            speaker = item.get("speaker")
            if speaker is not None:
                if not isinstance(speaker, str) or not speaker_names(speaker):
                    raise ValueError(
                        f"feeds[{i}].speaker: unknown speaker {speaker!r} (a state's ISO 3166 "
                        "alpha-3 code or name, e.g. CHN or China, or a bloc such as "
                        "European Union)"
                    )
                speakers[item["url"]] = speaker.strip()
        written = data.get("feed_speakers")
        if isinstance(written, dict):
            speakers = {**written, **speakers}
        return {**data, "feeds": feeds, "feed_speakers": speakers}

    @model_validator(mode="after")
    def _known_speakers(self) -> WatchConfig:
        for url, speaker in self.feed_speakers.items():
            if url not in self.feeds:
                raise ValueError(f"feed_speakers: {url!r} is not one of this watch's feeds")
            if not speaker_names(speaker):
                raise ValueError(
                    f"feed_speakers: unknown speaker {speaker!r} for {url} (a state's ISO 3166 "
                    "alpha-3 code or name, e.g. CHN or China, or a bloc such as European Union)"
                )
        return self

    @field_validator("feeds")
    @classmethod
    def _feed_urls(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for url in v:
            if not re.match(r"^https?://[^/\s]+", url):
                raise ValueError(f"feed must be an http(s) URL (got {url!r})")
        if len(set(v)) != len(v):
            raise ValueError("lists the same feed twice")
        return v

    @field_validator("terms")
    @classmethod
    def _term_weights(cls, v: dict[str, float]) -> dict[str, float]:
        for term, weight in v.items():
            if not -1.0 <= weight <= 1.0:
                raise ValueError(f"weight of {term!r} must be between -1 and 1 (got {weight})")
        return v


class HttpConfig(_Strict):
    """The opt-in HTTP listener for health checks and Prometheus metrics."""

    listen: str
    ready_intervals: float = Field(default=3.0, gt=0, le=1000)

    @field_validator("listen")
    @classmethod
    def _host_port(cls, v: str) -> str:
        host, port = split_listen(v)
        return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    @property
    def address(self) -> tuple[str, int]:
        """(host, port) to bind."""
        return split_listen(self.listen)


def split_listen(value: str) -> tuple[str, int]:
    """``127.0.0.1:9464``, ``[::1]:9464`` or ``:9464`` (all addresses) → (host, port)."""
    m = re.fullmatch(r"\s*(?:\[([0-9A-Fa-f:.]+)\]|([^\s:\[\]]*)):(\d{1,5})\s*", str(value))
    if not m or not 0 < int(m.group(3)) < 65536:
        raise ValueError(f"must be HOST:PORT, e.g. 127.0.0.1:9464 or [::1]:9464 (got {value!r})")
    return (m.group(1) or m.group(2) or "0.0.0.0"), int(m.group(3))


#: Tick periods a cron line can keep exactly: seconds dividing a minute, minutes an hour.
TICK_PERIODS_S = (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 300, 600, 900, 1200)


class ClusterConfig(_Strict):
    """Cluster mode (``mode: cluster``): how the periodic tick runs (docs/cluster.md)."""

    tick: float = 10.0
    #: Most polls waiting in the queue at once: a tick claims due feeds up to it.
    claim_limit: int = Field(default=2000, ge=1, le=1_000_000)
    #: A worker silent this long (no heartbeat) is taken for dead; a tick retries its jobs.
    stalled_after: float = Field(default=30.0, ge=3, le=3600)

    @field_validator("tick", mode="before")
    @classmethod
    def _tick(cls, v: object) -> float:
        seconds = parse_duration(v)
        if seconds not in TICK_PERIODS_S:
            raise ValueError(
                "must divide a minute or an hour evenly, one of "
                + ", ".join(f"{p:g}s" for p in TICK_PERIODS_S)
                + f" (got {v!r})"
            )
        return seconds

    def cron(self) -> str:
        """The tick as a cron line (seconds as the sixth field, as croniter reads it)."""
        if self.tick < 60:
            return f"* * * * * */{int(self.tick)}"
        return f"*/{int(self.tick // 60)} * * * *"


class Config(_Strict):
    """The whole validated configuration (frozen)."""

    database: str = DEFAULT_DATABASE
    http: HttpConfig | None = None
    #: ``local``: one process, APScheduler, SQLite (``database``). ``cluster``: workers
    #: on one PostgreSQL (``database_url``), see docs/cluster.md.
    mode: Literal["local", "cluster"] = "local"
    database_url: SecretStr | None = None
    cluster: ClusterConfig = Field(default_factory=ClusterConfig)
    fetch: FetchConfig = Field(default_factory=FetchConfig)
    defaults: DefaultsConfig = Field(default_factory=DefaultsConfig)
    notifiers: dict[str, NotifierConfig] = Field(default_factory=dict)
    watches: tuple[WatchConfig, ...] = ()
    _sources: tuple[str, ...] = PrivateAttr(default=())
    _resolved: dict[str, str] = PrivateAttr(default_factory=dict)
    # Per feed URL with placeholders: ("${NAME}", value) of each, for masking messages.
    _secrets: dict[str, tuple[tuple[str, str], ...]] = PrivateAttr(default_factory=dict)
    # Every value taken from the environment, for scrubbing log output.
    _secret_values: tuple[str, ...] = PrivateAttr(default=())

    @property
    def sources(self) -> tuple[str, ...]:
        """The files this config was read from."""
        return self._sources

    def secret_values(self) -> tuple[str, ...]:
        """Every value this config took from the environment (secrets, feed keys), so that
        log output can be scrubbed of them whatever path a value took to get there."""
        return self._secret_values

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, v: SecretStr | None) -> SecretStr | None:
        if v is not None and not v.get_secret_value().startswith(("postgresql://", "postgres://")):
            raise ValueError("must be a PostgreSQL URL: postgresql://user@host:5432/dbname")
        return v

    @model_validator(mode="after")
    def _mode_needs_its_store(self) -> Config:
        if self.mode == "cluster" and self.database_url is None:
            raise ValueError(
                "mode: cluster needs database_url: postgresql://... (write it as "
                "${ENV_NAME} when it holds a password)"
            )
        if self.mode == "local" and self.database_url is not None:
            raise ValueError(
                "database_url is read in mode: cluster only; set mode: cluster, or remove "
                "database_url to keep the local SQLite file (database:)"
            )
        return self

    def store_url(self) -> str:
        """Where this config's store lives: ``database_url`` in cluster mode, else ``database``."""
        if self.mode == "cluster" and self.database_url is not None:
            return self.database_url.get_secret_value()
        return self.database

    # -- resolved views used by the scheduler and pipeline -------------------

    def watch(self, name: str) -> WatchConfig:
        """The watch called ``name``; ConfigError if there is none."""
        for w in self.watches:
            if w.name == name:
                return w
        known = ", ".join(w.name for w in self.watches) or "none"
        raise ConfigError(f"no watch named {name!r} (watches: {known})")

    def interval_of(self, watch: WatchConfig) -> float:
        """Poll interval of ``watch`` in seconds."""
        return watch.interval if watch.interval is not None else self.defaults.interval

    def rule_of(self, watch: WatchConfig) -> Rule:
        """Shift rule of ``watch`` (its own, else the defaults')."""
        chosen = watch.rule if watch.rule is not None else self.defaults.rule
        return Rule(**chosen.model_dump())

    def notifiers_of(self, watch: WatchConfig) -> tuple[str, ...]:
        """Names of the notifiers that receive ``watch``'s events."""
        if watch.notifiers is not None:
            return watch.notifiers
        if self.defaults.notifiers is not None:
            return self.defaults.notifiers
        return tuple(self.notifiers)

    def feeds(self, only: str | None = None) -> tuple[Feed, ...]:
        """One ``Feed`` per distinct URL: a feed shared by watches is fetched once.

        Its interval is the shortest of its watches'; it fetches article pages
        if any of its watches asks for them.
        """
        by_url: dict[str, tuple[list[str], float, bool]] = {}
        for w in self.watches:
            if only is not None and w.name != only:
                continue
            fa = w.fetch_article if w.fetch_article is not None else self.defaults.fetch_article
            for url in w.feeds:
                names, interval, fetch_article = by_url.get(url, ([], float("inf"), False))
                names.append(w.name)
                by_url[url] = (names, min(interval, self.interval_of(w)), fetch_article or fa)
        return tuple(
            Feed(
                url=url,
                watches=tuple(n),
                interval_s=i,
                fetch_article=fa,
                fetch_url=self._resolved.get(url),
                secrets=self._secrets.get(url, ()),
            )
            for url, (n, i, fa) in by_url.items()
        )
