"""Playwright on the system Chromium (never `playwright install`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium(playwright: Any, chromium_path: str | Path) -> Any:
    """Launch the given Chromium binary headless through a (sync or async) Playwright instance."""
    return playwright.chromium.launch(executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS)
