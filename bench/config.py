"""The settings every part of a run uses."""

from __future__ import annotations

import importlib
import pkgutil

from infrastructure.settings import Settings

# A fixed key, so the server's CSRF tokens and encrypted TOTP secrets behave as in production
# (without one, startup warns and uses a per-process key).
SECRET_KEY = "ganxin-bench-secret-key-not-for-production"


def bench_settings(database_url: str) -> Settings:
    """Settings for the database under test."""
    return Settings(database_url=database_url, secret_key=SECRET_KEY)


def snapshot_code() -> int:
    """Import every module of the four layers now; the number imported.

    A full run lasts a quarter of an hour and some modules are imported lazily (the web layer when the
    server starts): importing them all at the start makes the run use one snapshot of the working tree
    even if someone edits it meanwhile.
    """
    count = 0
    for package in ("domain", "application", "infrastructure", "web"):
        root = importlib.import_module(package)
        for module in pkgutil.walk_packages(root.__path__, f"{package}."):
            importlib.import_module(module.name)
            count += 1
    return count
