"""The bundled scenario replayed once per backend and test process, then copied for each test that writes to it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import psycopg

from application.scenario.loader import ScenarioResult, load_scenario, read_bundled_scenario, scenario_clock
from application.shared.clock import ControlledClock
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services
from tests.support.postgres import create_database, database_settings, drop_database


@dataclass(frozen=True)
class LoadedScenario:
    """A database holding the replayed scenario, what the replay created, and where its clock stood after."""

    url: str
    result: ScenarioResult
    loaded_at: datetime

    def clock(self) -> ControlledClock:
        """A clock standing where the replay left it, so what a test does next comes after the scenario."""
        return ControlledClock(self.loaded_at)


@dataclass
class ScenarioCopies:
    """One replay per backend, kept as a template; each test gets its own copy (a replay takes seconds)."""

    directory: Path
    admin_url: str = ""  # the PostgreSQL cluster's, once a PostgreSQL copy was asked for
    templates: dict[str, LoadedScenario] = field(default_factory=dict)

    @contextmanager
    def on_sqlite(self, directory: Path) -> Iterator[LoadedScenario]:
        """A fresh SQLite copy of the loaded scenario in the directory."""
        template = self._template("sqlite", f"sqlite:///{self.directory / 'scenario-template.db'}")
        path = directory / "ganxin.db"
        _copy_sqlite(template.url, path)
        yield replace(template, url=f"sqlite:///{path}")

    @contextmanager
    def on_postgres(self, admin_url: str) -> Iterator[LoadedScenario]:
        """A fresh PostgreSQL copy of the loaded scenario, dropped afterwards."""
        if "postgres" not in self.templates:
            self.admin_url = admin_url
            self._template("postgres", database_settings(admin_url, create_database(admin_url, "gx_tpl_"))["url"])
        template = self.templates["postgres"]
        template_name = _database_name(template.url)
        terminate_connections(admin_url, template_name)
        name = create_database(admin_url, template=template_name)
        try:
            yield replace(template, url=database_settings(admin_url, name)["url"])
        finally:
            drop_database(admin_url, name)

    def drop(self) -> None:
        """Drop the PostgreSQL template, if one was made."""
        if "postgres" in self.templates:
            drop_database(self.admin_url, _database_name(self.templates["postgres"].url))

    def _template(self, backend: str, url: str) -> LoadedScenario:
        if backend not in self.templates:
            self.templates[backend] = _replayed(url)
        return self.templates[backend]


def _replayed(url: str) -> LoadedScenario:
    """Replay the bundled scenario into the database at url and close every connection to it."""
    data = read_bundled_scenario()
    clock = scenario_clock(data)
    services = build_services(Settings(database_url=url), clock=clock)
    try:
        result = load_scenario(services, data, clock)
    finally:
        services.store.close()
    return LoadedScenario(url, result, clock.now())


def _copy_sqlite(template_url: str, path: Path) -> None:
    """Copy through SQLite's backup API, which copies a consistent database whatever its journal holds."""
    source = sqlite3.connect(template_url.removeprefix("sqlite:///"))
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _database_name(url: str) -> str:
    return url.rsplit("/", 1)[-1]


def terminate_connections(admin_url: str, name: str) -> None:
    """End any session left on a template database: PostgreSQL copies only a database nobody is connected to."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        query = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
        conn.execute(query, (name,))
