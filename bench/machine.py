"""What the figures were measured on: hardware, Python and the database server."""

from __future__ import annotations

import os
import platform
import sqlite3
from typing import Any

import psycopg

from infrastructure.settings import Settings


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    try:
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def database_kind(url: str) -> str:
    """'postgresql' or 'sqlite', for labels and file names."""
    return "postgresql" if Settings(database_url=url).is_postgres else "sqlite"


def _sqlite_server(url: str) -> dict[str, Any]:
    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
        synchronous = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}.get(
            conn.execute("PRAGMA synchronous").fetchone()[0], "?"
        )
    return {
        "version": f"SQLite {sqlite3.sqlite_version}",
        "settings": {"journal_mode": journal, "synchronous (default of a new connection)": synchronous, "file": path},
    }


def _postgres_server(url: str) -> dict[str, Any]:
    names = ("fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "wal_level")
    with psycopg.connect(url, autocommit=True) as conn:
        version = conn.execute("SELECT version()").fetchone()[0]
        settings = {name: conn.execute(f"SHOW {name}").fetchone()[0] for name in names}
    return {"version": version, "settings": settings}


def describe(url: str) -> dict[str, Any]:
    """The machine, Python and database server the benchmark runs on."""
    kind = database_kind(url)
    server = _postgres_server(url) if kind == "postgresql" else _sqlite_server(url)
    return {
        "arch": platform.machine(),
        "cpu": _cpu_model(),
        "nproc": len(os.sched_getaffinity(0)),
        "memory_gib": round(_memory_gib(), 1),
        "python": platform.python_version(),
        "database": kind,
        "database_version": server["version"],
        "database_settings": server["settings"],
        "kernel": platform.release(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def machine_line(info: dict[str, Any]) -> str:
    """One line to paste next to the figures."""
    settings = ", ".join(f"{k}={v}" for k, v in info["database_settings"].items())
    return (
        f"{info['arch']}, {info['cpu']}, {info['nproc']} CPUs, {info['memory_gib']} GiB RAM, "
        f"Python {info['python']}, {info['database']}: {info['database_version']} ({settings}); "
        f"load average at start {' '.join(map(str, info['load_average_at_start']))}"
    )
