"""A throwaway PostgreSQL server for tests: ``initdb`` + ``pg_ctl`` in a temp dir, on loopback.

Standard library only, so ``.ci/run`` can start one with the system Python
before the venv exists::

    python3 tests/pgserver.py start DIR   # prints the DSN; DIR must not exist
    python3 tests/pgserver.py stop DIR

The pytest fixtures (``tests/conftest.py``) use ``RHETORIC_TEST_PG_DSN`` when it
is set (CI sets it), else start a server with ``PgServer`` when PostgreSQL's
binaries are found (``PATH`` or ``/usr/lib/postgresql/*/bin``), else skip.
Run as root, the server runs as the ``postgres`` user (PostgreSQL refuses root).
The server trusts local connections: it listens on 127.0.0.1 only, on a free
port, with fsync off (a test server: its data is thrown away).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

USER = "rhetoric"


def find_bin_dir() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is absent."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One PostgreSQL cluster in ``root`` (created, started, stopped, removed)."""

    def __init__(self, root: Path, bin_dir: Path) -> None:
        self.root = root
        self.bin_dir = bin_dir
        self.data = root / "data"
        self.port = 0

    @property
    def dsn(self) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/postgres"

    def _as_owner(self, args: list[str]) -> list[str]:
        if os.geteuid() != 0:
            return args
        return ["runuser", "-u", "postgres", "--", *args]

    def start(self, *, timeout_s: int = 60) -> str:
        """Create and start the cluster; returns its DSN."""
        self.root.mkdir(parents=True)
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        subprocess.run(
            self._as_owner(
                [
                    str(self.bin_dir / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    USER,
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                    "--locale=C",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=timeout_s,
        )
        self.port = _free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.root}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=200"
        )
        subprocess.run(
            self._as_owner(
                [
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-o",
                    options,
                    "-l",
                    str(self.root / "log"),
                    "-w",
                    "-t",
                    str(timeout_s),
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=timeout_s + 10,
        )
        (self.root / "dsn").write_text(self.dsn + "\n", encoding="utf-8")
        return self.dsn

    def stop(self, *, timeout_s: int = 60) -> None:
        """Stop the server (fast shutdown) and remove its directory."""
        if self.data.is_dir():
            subprocess.run(
                self._as_owner(
                    [
                        str(self.bin_dir / "pg_ctl"),
                        "-D",
                        str(self.data),
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        str(timeout_s),
                        "stop",
                    ]
                ),
                capture_output=True,
                timeout=timeout_s + 10,
            )
        shutil.rmtree(self.root, ignore_errors=True)
        if self.root.parent.name.startswith("rhetoric-pg-"):
            shutil.rmtree(self.root.parent, ignore_errors=True)  # made by ``temp_root``


def temp_root() -> Path:
    """A fresh path under the system temp dir for a ``PgServer`` (not created yet)."""
    parent = Path(tempfile.mkdtemp(prefix="rhetoric-pg-"))
    parent.chmod(0o711)  # the server's user (``postgres`` when run as root) passes through
    return parent / "pg"


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("start", "stop"):
        print("usage: python3 tests/pgserver.py start|stop DIR", file=sys.stderr)
        return 2
    bin_dir = find_bin_dir()
    if bin_dir is None:
        print("pgserver: PostgreSQL binaries (initdb, pg_ctl) not found", file=sys.stderr)
        return 1
    server = PgServer(Path(argv[2]), bin_dir)
    if argv[1] == "start":
        print(server.start())
    else:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
