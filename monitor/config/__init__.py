"""Config stage: the YAML watch config, validated, with ``${ENV}`` references resolved.

``load_config`` reads one file or a directory of ``*.yaml`` files into a ``Config``
(pydantic models in ``schema``); every error names its file, line and key path.
"""

from __future__ import annotations

from monitor.config.loader import DEFAULT_CONFIG, config_fingerprint, load_config
from monitor.config.schema import (
    DEFAULT_DATABASE,
    ClusterConfig,
    Config,
    DefaultsConfig,
    FetchConfig,
    HttpConfig,
    NotifierConfig,
    RuleConfig,
    WatchConfig,
    parse_duration,
)

__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_DATABASE",
    "ClusterConfig",
    "Config",
    "DefaultsConfig",
    "FetchConfig",
    "HttpConfig",
    "NotifierConfig",
    "RuleConfig",
    "WatchConfig",
    "config_fingerprint",
    "load_config",
    "parse_duration",
]
