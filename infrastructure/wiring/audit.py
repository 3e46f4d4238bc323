"""The sealing tools on the configured database: the seal store and the stored events as bytes, plus keys and files."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from eventsourcing.postgres import PostgresDatastore

from application.audit import EventLog, SealStore
from application.services import Services
from application.shared.clock import SystemClock
from infrastructure.audit import (
    DropDirectory,
    Ed25519Checker,
    Ed25519Signer,
    KeyFileError,
    SealSettings,
    generate_key_file,
    key_id_of,
    public_path,
    public_pem,
    read_published,
    write_bundle,
)
from infrastructure.projections.engine import POSTGRES, SQLITE
from infrastructure.settings import Settings
from infrastructure.storage import RawEventLog, SqlSealStore
from infrastructure.wiring.services import build_services

__all__ = [
    "DropDirectory",
    "Ed25519Checker",
    "Ed25519Signer",
    "KeyFileError",
    "SealSettings",
    "generate_key_file",
    "key_id_of",
    "opened_for_audit",
    "public_path",
    "public_pem",
    "read_published",
    "write_bundle",
]


@contextmanager
def opened_for_audit(settings: Settings) -> Iterator[tuple[Services, SealStore, EventLog]]:
    """The services (no catch-up, no calendar sync), the seal store and the raw event log, closed after."""
    services = build_services(settings, SystemClock(), catch_up=False, sync_calendar=False)
    try:
        event_log = services.store.event_log
        datastore = event_log.factory.datastore  # type: ignore[attr-defined]  # every factory of ours has one
        dialect = POSTGRES if isinstance(datastore, PostgresDatastore) else SQLITE
        # build_services created the seal tables if absent, inside the schema lock.
        yield services, SqlSealStore(datastore, dialect), RawEventLog(event_log.recorder, dialect.is_postgres)
    finally:
        services.store.close()
