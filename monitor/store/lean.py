"""sqlite-utils, imported without numpy or pandas.

When they are installed, sqlite-utils imports numpy and pandas as it loads, only to map
their scalar types to column types. The store never writes either; matplotlib (the
report's charts) installs numpy, and loading it was 0.12–0.18 CPU-s of every command's
start-up and 12 MB of its memory (``bench/ingest.py``, docs/performance.md).
Our modules import sqlite-utils from here. The two names are hidden from the import
system only while sqlite-utils loads: ``monitor.store`` is imported at start-up, before
any thread of ours runs, and numpy imports as usual afterwards (``report`` does).
"""

from __future__ import annotations

import sys

_HIDDEN = [name for name in ("numpy", "pandas") if name not in sys.modules]
for _name in _HIDDEN:
    # None in sys.modules makes ``import numpy`` raise ImportError, which sqlite-utils
    # takes as "not installed" (the language reference, "The module cache").
    sys.modules[_name] = None  # type: ignore[assignment]
try:
    import sqlite_utils
finally:
    for _name in _HIDDEN:
        if _name in sys.modules and sys.modules[_name] is None:
            del sys.modules[_name]

__all__ = ["sqlite_utils"]
