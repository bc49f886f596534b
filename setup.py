"""Build step: compile the tone scorer with mypyc, where a C compiler is at hand.

``pyproject.toml`` holds the project's metadata; this file only adds the compiled
modules. mypyc (part of mypy) turns the scorer's typed Python into a C extension
that scores about twice as fast with byte-identical output (docs/tone.md, "Compiled
with mypyc").

- ``RHETORIC_MONITOR_PURE=1`` at install time skips the compilation.
- No compiler or no Python headers: the extensions are optional, the install goes
  on, and the package runs from its sources.
- An editable install (``pip install -e .``) builds the extensions beside the
  sources. After a source is edited, ``monitor.tone`` loads the sources until the
  next build (``.venv/bin/pip install -e .``): an edit is never shadowed by an old build.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup

# Every module of the scorer but the package's __init__ (which finds the build); the same
# list as monitor.tone.COMPILED (tests/test_tone_build.py holds them together).
TONE = [
    f"monitor/tone/{name}.py"
    for name in ("text", "lexicon", "actors", "parties", "vocabulary", "frame", "stance", "scorer")
]


def compiled_modules() -> list[object]:
    """The mypyc extensions of the tone scorer, or none when they cannot be built."""
    if os.environ.get("RHETORIC_MONITOR_PURE"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print(
            "setup.py: mypyc is not installed; the tone scorer stays pure Python", file=sys.stderr
        )
        return []
    try:
        extensions = mypycify(TONE, opt_level="3", group_name="monitor.tone")
    except (Exception, SystemExit) as exc:  # mypyc exits on a type error
        print(f"setup.py: mypyc failed ({exc}); the tone scorer stays pure Python", file=sys.stderr)
        return []
    for extension in extensions:
        # A failed C build (no compiler, no headers) warns and installs the sources.
        extension.optional = True
    return list(extensions)


setup(ext_modules=compiled_modules())
