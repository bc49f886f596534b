"""Config stage: YAML watch files → a frozen, validated ``Config``.

The whole configuration is validated at load. Every problem is reported as
``file:line: key.path: message`` (the line of the offending key, found by
composing the YAML node tree), unknown keys are errors, and secrets are only
accepted as ``${ENV_NAME}`` references, resolved from the environment and held
as ``SecretStr`` so they never reach logs, ``check`` output or the database.

``--config`` may name one YAML file or a directory of ``*.yaml`` files; in a
directory, ``watches`` and ``notifiers`` from all files are merged and each
top-level section other than those may appear in only one file.

This module holds the loading: reading files, the YAML key → line map,
``${ENV}`` expansion, merging and error formatting. The pydantic models and
``parse_duration`` are in ``monitor.config.schema``; the package's
``__init__`` names what other stages use.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from monitor.config.schema import (
    Config,
)
from monitor.errors import ConfigError

__all__ = ["DEFAULT_CONFIG", "config_fingerprint", "load_config"]

DEFAULT_CONFIG = Path("config/watches.yaml")
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
# user:password@ in a URL, where the password is not (only) a ${ENV} reference.
_LITERAL_PASSWORD = re.compile(r"://[^/@\s:]*:(?!\$\{[A-Za-z_][A-Za-z0-9_]*\}@)[^/@\s]+@")

Path_ = tuple[str | int, ...]


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
    # A feed is a URL, or a mapping whose "url" is one.
    return (
        (len(path) == 4 or (len(path) == 5 and path[4] == "url"))
        and path[0] == "watches"
        and path[2] == "feeds"
    )


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
            url = spec.get("url") if isinstance(spec, dict) else None
            if (
                isinstance(spec, dict)
                and spec.get("kind") == "apprise"
                and isinstance(url, str)
                and _LITERAL_PASSWORD.search(url)
            ):
                p = ("notifiers", name, "url")
                problems.append(
                    f"{src.file}:{src.line(p)}: {_dotted(p)}: write the password in this URL "
                    "as ${ENV_NAME} and set that variable; secrets are never kept in YAML"
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
    # A relative ``database`` is relative to the file that names it (the config directory
    # when no file does), never to the working directory: every command run with this
    # config, from anywhere, and the daemon under systemd all open the same file.
    setter = origin.get(("database",), (None, ()))[0]
    db_dir = setter.file.parent if setter is not None else _config_dir(Path(path))
    database = Path(config.database).expanduser()
    if config.database != ":memory:" and not database.is_absolute():
        config = config.model_copy(update={"database": str((db_dir / database).resolve())})
    config._sources = tuple(str(s.file) for s in sources)
    templated = {url for w in config.watches for url in w.feeds if "${" in url}
    config._resolved = {url: _ENV_REF.sub(lambda m: env[m.group(1)], url) for url in templated}
    config._secrets = {
        url: tuple(("${" + name + "}", env[name]) for name in dict.fromkeys(_ENV_REF.findall(url)))
        for url in templated
    }
    config._secret_values = tuple(sorted({v for v in used.values() if len(v) >= 3}, key=len)[::-1])
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


def _config_dir(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def config_fingerprint(path: str | Path) -> str:
    """A digest of the config file(s), names and bytes, for reload checks ("" when absent).

    Why contents, not modification times: a file copied in with its old time, or an older
    file deleted from a config directory, leaves the newest time as it was.
    """
    p = Path(path)
    try:
        files = _config_files(p)
    except ConfigError:
        return ""
    digest = hashlib.sha256()
    for f in files:
        try:
            body = f.read_bytes()
        except OSError:
            continue
        digest.update(f.name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(len(body).to_bytes(8, "big") + body)
    return digest.hexdigest()
