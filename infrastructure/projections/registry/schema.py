"""The registry's read-model tables: units and enterprises, as forms and lookups offer them."""

from __future__ import annotations

TABLES = ("rm_units", "rm_enterprises")

DDL = (
    """CREATE TABLE IF NOT EXISTS rm_units (
        key TEXT PRIMARY KEY, name TEXT NOT NULL, short_name TEXT NOT NULL, head TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS rm_enterprises (
        uscc TEXT PRIMARY KEY, name TEXT NOT NULL, street TEXT NOT NULL, industry TEXT NOT NULL,
        tags {json} NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS rm_enterprises_name ON rm_enterprises (name)",
)
