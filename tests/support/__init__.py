"""Reusable test helpers: a real uvicorn server, the system Chromium, throwaway PostgreSQL databases."""

from tests.support.browser import CHROMIUM_ARGS, launch_chromium
from tests.support.postgres import create_database, database_settings, drop_database, url_for_backend
from tests.support.server import run_server

__all__ = [
    "CHROMIUM_ARGS",
    "create_database",
    "database_settings",
    "drop_database",
    "launch_chromium",
    "run_server",
    "url_for_backend",
]
