"""The deadline board's latency (GET /api/v1/board, its unit filter, GET /board) and what the board shows."""

from __future__ import annotations

import random
from collections.abc import Callable

import httpx

BOARD_API = "GET /api/v1/board"
BOARD_UNIT = "GET /api/v1/board?lead_unit=…"
BOARD_HTML = "GET /board (HTML)"


def board_targets(
    reader: httpx.Client, units: list[str], rng: random.Random
) -> dict[str, tuple[httpx.Client, Callable[[], str]]]:
    """The board's first page, unfiltered and by a random unit, and its HTML page, as the dispatch desk."""
    return {
        BOARD_API: (reader, lambda: "/api/v1/board"),
        BOARD_UNIT: (reader, lambda: f"/api/v1/board?lead_unit={rng.choice(units)}"),
        BOARD_HTML: (reader, lambda: "/board"),
    }


def board_counts(reader: httpx.Client) -> dict:
    """The counts per light and the total the unfiltered board reports, with its first and last due dates."""
    response = reader.get("/api/v1/board")
    response.raise_for_status()
    first = response.json()
    last = reader.get(f"/api/v1/board?page={max(1, first['pages'])}").json()
    return {
        "counts": first["counts"],
        "total": first["total"],
        "earliest_due_on": first["items"][0]["due_on"] if first["items"] else None,
        "latest_due_on": last["items"][-1]["due_on"] if last.get("items") else None,
    }
