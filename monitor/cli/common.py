"""Helpers shared by the CLI modules: the error boundary and the ``--config`` option.

``monitor.cli.main`` (the ``main`` group and the pipeline commands) and ``monitor.cli.ops``
(the operator commands that read the database) both import from here, so neither
has to import the other's internals and there is no import cycle.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from monitor.errors import ConfigError, MonitorError

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_CONFIG_ENV = "RHETORIC_MONITOR_CONFIG"
DB_ENV = "RHETORIC_MONITOR_DB"


@contextmanager
def _errors() -> Iterator[None]:
    """Turn project errors into a clean message and exit code 1."""
    try:
        yield
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(1)
    except MonitorError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


def config_option() -> Callable[[F], F]:
    """``--config PATH`` (a YAML file or a directory of them)."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path),
        default=None,
        envvar=DEFAULT_CONFIG_ENV,
        help="YAML watch config file or directory (default: config/watches.yaml; "
        f"env {DEFAULT_CONFIG_ENV}).",
    )


def db_option() -> Callable[[F], F]:
    """``--db FILE``: the daemon's database, found the same way by every command.

    Order: ``--db``, then the environment variable (the systemd unit and the container
    set it once, for the daemon and every command run beside it), then the config's
    ``database`` (relative to the config file).
    """
    return click.option(
        "--db",
        "db_path",
        envvar=DB_ENV,
        default=None,
        help=f"SQLite database file, or postgresql://... in cluster mode (default: env "
        f"{DB_ENV}, else the config's database or database_url; a file is relative to the "
        "config file).",
    )


def _config_path(path: Path | None) -> Path:
    from monitor.config import DEFAULT_CONFIG

    return path if path is not None else DEFAULT_CONFIG
