"""Timeouts from the environment reach the database connections, and an unreachable database fails fast."""

from __future__ import annotations

import time

import pytest
from eventsourcing.postgres import PostgresApplicationRecorder

from infrastructure.settings import Settings
from infrastructure.storage.database_outage import DatabaseUnavailable, FastFailPostgresFactory, is_outage
from infrastructure.storage.sqlite_wal import AUTOCHECKPOINT_PAGES, WAL_LIMIT_BYTES
from infrastructure.wiring.services import build_services
from tests.faults.serving import free_port


def test_the_settings_read_the_timeouts_and_thresholds():
    settings = Settings.from_environ(
        {
            "GANXIN_DATABASE_URL": "postgresql://u:p@db:5432/ganxin",
            "GANXIN_DB_CONNECT_TIMEOUT": "2",
            "GANXIN_DB_STATEMENT_TIMEOUT": "7.5",
            "GANXIN_HEALTH_MIN_FREE_MB": "128",
            "GANXIN_HEALTH_MAX_LAG_SECONDS": "30",
        }
    )
    env = settings.eventsourcing_env()
    assert (env["POSTGRES_CONNECT_TIMEOUT"], env["GANXIN_STATEMENT_TIMEOUT"]) == ("2", "7.5")
    assert (settings.health_min_free_mb, settings.health_max_lag_seconds) == (128.0, 30.0)
    defaults = Settings.from_environ({})
    assert (defaults.connect_timeout, defaults.statement_timeout) == (3.0, 10.0)


def test_postgres_connections_carry_the_statement_timeout(fresh_postgres_database):
    ganxin = build_services(
        Settings(database_url=fresh_postgres_database["url"], statement_timeout=1.5),
        catch_up=False,
        sync_calendar=False,
    )
    try:
        datastore = ganxin.store.event_log.factory.datastore
        with datastore.transaction(commit=False) as cursor:
            cursor.execute("SHOW statement_timeout")
            shown = cursor.fetchone()["statement_timeout"]
        started = time.monotonic()
        with pytest.raises(Exception) as refused, datastore.transaction(commit=False) as cursor:
            cursor.execute("SELECT pg_sleep(5)")
        waited = time.monotonic() - started
    finally:
        ganxin.store.close()
    assert shown == "1500ms"
    assert is_outage(refused.value) and waited < 4


def test_an_unreachable_postgres_fails_within_the_connect_timeout():
    # Nobody listens on the port. With the library's defaults a read waited 30 s for the pool, ten times over.
    settings = Settings(database_url=f"postgresql://nobody@127.0.0.1:{free_port()}/ganxin", connect_timeout=1)
    factory = FastFailPostgresFactory(settings.eventsourcing_env())
    started = time.monotonic()
    try:
        with pytest.raises(DatabaseUnavailable):
            PostgresApplicationRecorder(factory.datastore).max_notification_id()
    finally:
        factory.close()
    assert time.monotonic() - started < 3


def test_sqlite_connections_checkpoint_and_bound_their_wal(tmp_path):
    ganxin = build_services(
        Settings(database_url=f"sqlite:///{tmp_path / 'ganxin.db'}"), catch_up=False, sync_calendar=False
    )
    try:
        with ganxin.store.event_log.factory.datastore.transaction(commit=False) as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint")
            autocheckpoint = cursor.fetchone()[0]
            cursor.execute("PRAGMA journal_size_limit")
            limit = cursor.fetchone()[0]
    finally:
        ganxin.store.close()
    assert (autocheckpoint, limit) == (AUTOCHECKPOINT_PAGES, WAL_LIMIT_BYTES)
