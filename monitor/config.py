"""Config stage: YAML watch files → a frozen, validated ``Config``.

The whole configuration is validated at load. Every problem is reported as
``file:line: key.path: message`` (the line of the offending key, found by
composing the YAML node tree), unknown keys are errors, and secrets are only
accepted as ``${ENV_NAME}`` references, resolved from the environment and held
as ``SecretStr`` so they never reach logs, ``check`` output or the database.

``--config`` may name one YAML file or a directory of ``*.yaml`` files; in a
directory, ``watches`` and ``notifiers`` from all files are merged and each
top-level section other than those may appear in only one file.
"""

from __future__ import annotations

import base64
import dataclasses
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
    create_model,
    field_validator,
)

from monitor.errors import ConfigError
from monitor.models import Feed, Rule

DEFAULT_CONFIG = Path("config/watches.yaml")
DEFAULT_DATABASE = "./rhetoric-monitor.db"
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, None: 1.0}

Path_ = tuple[str | int, ...]


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
    """One webhook endpoint."""

    url: str
    secret: SecretStr
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
    def _http_url(cls, v: str) -> str:
        if not re.match(r"^https?://[^/\s]+", v):
            raise ValueError(f"must be an http(s) URL (got {v!r})")
        return v

    @field_validator("secret")
    @classmethod
    def _whsec(cls, v: SecretStr) -> SecretStr:
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


class Config(_Strict):
    """The whole validated configuration (frozen)."""

    database: str = DEFAULT_DATABASE
    fetch: FetchConfig = Field(default_factory=FetchConfig)
    defaults: DefaultsConfig = Field(default_factory=DefaultsConfig)
    notifiers: dict[str, NotifierConfig] = Field(default_factory=dict)
    watches: tuple[WatchConfig, ...] = ()
    _sources: tuple[str, ...] = PrivateAttr(default=())
    _resolved: dict[str, str] = PrivateAttr(default_factory=dict)

    @property
    def sources(self) -> tuple[str, ...]:
        """The files this config was read from."""
        return self._sources

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
            )
            for url, (n, i, fa) in by_url.items()
        )


# -- loading -----------------------------------------------------------------


def _lines(node: yaml.Node, path: Path_ = ()) -> Iterator[tuple[Path_, int]]:
    """(key path, 1-based line) for every node under ``node``."""
    yield path, node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value
            yield (*path, k), key.start_mark.line + 1
            for sub, line in _lines(value, (*path, k)):
                if sub != (*path, k):
                    yield sub, line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _lines(item, (*path, i))


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _is_feed_url(path: Path_) -> bool:
    return len(path) == 4 and path[0] == "watches" and path[2] == "feeds"


def _substitute(
    data: Any,
    path: Path_,
    env: Mapping[str, str],
    problems: list[tuple[Path_, str]],
    used: dict[str, str],
) -> Any:
    """Replace ``${NAME}`` references with environment values (``used`` collects them).

    Feed URLs keep their placeholders: the URL as written is the feed's identity
    in logs and the database; ``Config`` resolves it only for fetching.
    """
    if isinstance(data, dict):
        return {k: _substitute(v, (*path, k), env, problems, used) for k, v in data.items()}
    if isinstance(data, list):
        return [_substitute(v, (*path, i), env, problems, used) for i, v in enumerate(data)]
    if isinstance(data, str) and "${" in data:
        if _is_feed_url(path):
            for name in _ENV_REF.findall(data):
                if name not in env or env[name] == "":
                    problems.append((path, f"environment variable {name} is not set (export it)"))
                else:
                    used[name] = env[name]
            return data

        def repl(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in env or env[name] == "":
                problems.append((path, f"environment variable {name} is not set (export it)"))
                return ""
            used[name] = env[name]
            return env[name]

        return _ENV_REF.sub(repl, data)
    return data


class _Source:
    """One YAML file: its data and a key-path → line map."""

    def __init__(self, file: Path) -> None:
        self.file = file
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: cannot read: {exc}") from exc
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{file}:{mark.line + 1}" if mark is not None else str(file)
            reason = getattr(exc, "problem", None) or str(exc)
            raise ConfigError(f"{where}: invalid YAML: {reason}") from exc
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ConfigError(f"{file}:1: (top level): must be a mapping of sections")
        self.data: dict[str, Any] = data
        self.lines = dict(_lines(node)) if node is not None else {}

    def line(self, path: Path_) -> int:
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.lines:
                return self.lines[path[:cut]]
        return 1


def _config_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        if not files:
            raise ConfigError(f"{path}: no *.yaml files in this directory")
        return files
    if not path.exists():
        raise ConfigError(f"{path}: config file not found (pass --config PATH)")
    return [path]


def load_config(path: str | Path, *, env: Mapping[str, str] | None = None) -> Config:
    """Read and validate the config at ``path`` (file or directory).

    Raises ``ConfigError`` whose ``problems`` list every ``file:line: key: message``.
    """
    env = os.environ if env is None else env
    sources = [_Source(f) for f in _config_files(Path(path))]
    problems: list[str] = []
    used: dict[str, str] = {}
    merged: dict[str, Any] = {}
    # Map a merged key path back to (source, path inside that source).
    origin: dict[Path_, tuple[_Source, Path_]] = {}
    for src in sources:
        raw = src.data
        # Secrets must come from the environment, never sit in the YAML itself.
        for name, spec in (raw.get("notifiers") or {}).items():
            secret = spec.get("secret") if isinstance(spec, dict) else None
            if isinstance(secret, str) and not _ENV_REF.fullmatch(secret.strip()):
                p = ("notifiers", name, "secret")
                problems.append(
                    f"{src.file}:{src.line(p)}: {_dotted(p)}: write the secret as "
                    "${ENV_NAME} and set that variable; secrets are never kept in YAML"
                )
        subst: list[tuple[Path_, str]] = []
        data = _substitute(raw, (), env, subst, used)
        problems += [f"{src.file}:{src.line(p)}: {_dotted(p)}: {m}" for p, m in subst]
        for key, value in data.items():
            if key == "watches" and isinstance(value, list):
                start = len(merged.setdefault("watches", []))
                merged["watches"].extend(value)
                for i in range(len(value)):
                    origin[("watches", start + i)] = (src, ("watches", i))
            elif key == "notifiers" and isinstance(value, dict):
                for name, spec in value.items():
                    if name in merged.setdefault("notifiers", {}):
                        q: Path_ = ("notifiers", name)
                        problems.append(
                            f"{src.file}:{src.line(q)}: {_dotted(q)}: defined in two files"
                        )
                    merged["notifiers"][name] = spec
                    origin[("notifiers", name)] = (src, ("notifiers", name))
            elif key in merged:
                problems.append(
                    f"{src.file}:{src.line((key,))}: {key}: set in more than one config file"
                )
            else:
                merged[key] = value
                origin[(key,)] = (src, (key,))
    if problems:
        raise ConfigError(problems[0], problems)
    try:
        config = Config.model_validate(merged)
    except ValidationError as exc:
        for err in exc.errors():
            loc: Path_ = tuple(err["loc"])
            src, inner = sources[0], loc
            for cut in range(len(loc), 0, -1):
                if loc[:cut] in origin:
                    src, base = origin[loc[:cut]]
                    inner = (*base, *loc[cut:])
                    break
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "unknown key (check its spelling and the README's key list)"
            elif err["type"] == "missing":
                msg = "required key is missing"
            problems.append(f"{src.file}:{src.line(inner)}: {_dotted(loc)}: {msg}")
        # A rejected value may have come from the environment: never echo it.
        problems = [_scrub(p, used) for p in problems]
        raise ConfigError(problems[0], problems) from exc
    problems = [_scrub(p, used) for p in _reference_problems(config, sources[0], origin)]
    if problems:
        raise ConfigError(problems[0], problems)
    config._sources = tuple(str(s.file) for s in sources)
    config._resolved = {
        url: _ENV_REF.sub(lambda m: env[m.group(1)], url)
        for w in config.watches
        for url in w.feeds
        if "${" in url
    }
    return config


def _reference_problems(
    config: Config, first: _Source, origin: dict[Path_, tuple[_Source, Path_]]
) -> list[str]:
    """Cross-references pydantic cannot see: unique watch names, known notifiers."""

    def where(path: Path_) -> str:
        src, inner = origin.get(path[:2], (first, path[:2]))
        return f"{src.file}:{src.line((*inner, *path[2:]))}: {_dotted(path)}"

    problems: list[str] = []
    seen: set[str] = set()
    known = ", ".join(sorted(config.notifiers)) or "none defined"
    for i, watch in enumerate(config.watches):
        if watch.name in seen:
            problems.append(
                f"{where(('watches', i, 'name'))}: another watch is already "
                f"named {watch.name!r} (names must be unique)"
            )
        seen.add(watch.name)
        for ref in watch.notifiers or ():
            if ref not in config.notifiers:
                problems.append(
                    f"{where(('watches', i, 'notifiers'))}: no notifier named "
                    f"{ref!r} under notifiers: ({known})"
                )
    for ref in config.defaults.notifiers or ():
        if ref not in config.notifiers:
            problems.append(
                f"{where(('defaults', 'notifiers'))}: no notifier named {ref!r} "
                f"under notifiers: ({known})"
            )
    return problems


def _scrub(message: str, used: Mapping[str, str]) -> str:
    """``message`` with every environment value it contains replaced by ``${NAME}``."""
    for name, value in sorted(used.items(), key=lambda kv: -len(kv[1])):
        if len(value) >= 3:
            message = message.replace(value, "${" + name + "}")
    return message


def config_mtime(path: str | Path) -> float:
    """Latest modification time of the config file(s), for reload checks."""
    p = Path(path)
    try:
        files = _config_files(p)
    except ConfigError:
        return 0.0
    return max((f.stat().st_mtime_ns for f in files if f.exists()), default=0) / 1e9
