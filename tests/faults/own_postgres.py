"""A PostgreSQL cluster of the test's own, to stop and start at will (never the suite's shared one).

Made as .ci/test.sh makes its cluster (initdb and pg_ctl from /usr/lib/postgresql/*/bin, as the postgres
user when root), but with fsync and synchronous commit on, as in production: a write it acknowledged
must survive a stop.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.faults.serving import free_port, wait_for


def _bin(name: str) -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    assert found, "no PostgreSQL in /usr/lib/postgresql: run the tests with `bash .ci/test.sh`"
    return f"{found[-1]}/{name}"


class OwnPostgres:
    """initdb in a temporary folder; start, stop (fast shutdown) and start again; removed on close."""

    def __init__(self) -> None:
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="ganxin-fault-pg."))
        self.data = self.folder / "data"
        self._as_postgres: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            self._as_postgres = ["runuser", "-u", "postgres", "--"]
        self.folder.chmod(0o700)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C.UTF-8",
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
                f"unix_socket_directories = '{self.folder}'\nmax_connections = 100\n"
                "fsync = on\nsynchronous_commit = on\n"
            )
        (self.data / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, name: str, *args: str) -> None:
        done = subprocess.run(
            [*self._as_postgres, _bin(name), *args], cwd="/", capture_output=True, text=True, check=False, timeout=120
        )
        assert done.returncode == 0, f"{name} failed: {done.stdout}{done.stderr}"

    def start(self) -> None:
        """Start and wait until it accepts connections."""
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "start")
        wait_for(self.ready, 30, "own PostgreSQL accepting connections")

    def stop(self) -> None:
        """Fast shutdown: clients are disconnected, committed work is kept."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def ready(self) -> bool:
        """Whether the server accepts connections now."""
        return (
            subprocess.run(
                [_bin("pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port)], check=False, timeout=10
            ).returncode
            == 0
        )

    def close(self) -> None:
        """Stop it if running and remove its files."""
        if (self.data / "postmaster.pid").exists():
            subprocess.run(
                [*self._as_postgres, _bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                cwd="/",
                capture_output=True,
                check=False,
                timeout=60,
            )
        shutil.rmtree(self.folder, ignore_errors=True)
