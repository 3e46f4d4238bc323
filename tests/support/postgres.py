"""Throwaway PostgreSQL databases on the cluster that .ci/test.sh starts."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg
from psycopg import sql


def create_database(admin_url: str, prefix: str = "gx_test_", template: str | None = None) -> str:
    """Create a database with a random name through admin_url (a copy of template, if given); return the name."""
    name = f"{prefix}{uuid.uuid4().hex[:16]}"
    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template is not None:
        statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(statement)
    return name


def drop_database(admin_url: str, name: str) -> None:
    """Drop the database, disconnecting whoever still uses it."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def database_settings(admin_url: str, name: str) -> dict[str, str]:
    """Eventsourcing-style POSTGRES_* settings for database `name`, plus its URL under "url"."""
    parts = urlsplit(admin_url)
    return {
        "POSTGRES_DBNAME": name,
        "POSTGRES_HOST": parts.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(parts.port or 5432),
        "POSTGRES_USER": unquote(parts.username or ""),
        "POSTGRES_PASSWORD": unquote(parts.password or ""),
        "url": urlunsplit(parts._replace(path=f"/{name}", query="", fragment="")),
    }


@contextmanager
def url_for_backend(request: Any, tmp_path_factory: Any, label: str) -> Iterator[str]:
    """A database URL for the fixture's param: a SQLite file, or a throwaway PostgreSQL database dropped after."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp(label) / 'ganxin.db'}"
        return
    admin_url = request.getfixturevalue("postgres_url")
    name = create_database(admin_url)
    try:
        yield database_settings(admin_url, name)["url"]
    finally:
        drop_database(admin_url, name)
