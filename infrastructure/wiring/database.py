"""Preparing a PostgreSQL database for the application role (`ganxin db init`): an append-only event store."""

from __future__ import annotations

from infrastructure.storage import SQLITE_WARNING, AppendOnlySetupError, AppRole, prepare_append_only

__all__ = ["SQLITE_WARNING", "AppRole", "AppendOnlySetupError", "prepare_append_only"]
