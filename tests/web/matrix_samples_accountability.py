"""Route×role matrix samples for the accountability report and the cannot-do ledger."""

from __future__ import annotations

from typing import Any

PERIOD = {"params": {"start": "2026-01-01", "end": "2026-12-31"}}
SAMPLES: dict[tuple[str, str], tuple[Any, int]] = {
    ("GET", "/accountability"): (PERIOD, 200),
    ("GET", "/cannot-do"): ({}, 200),
    ("GET", "/api/v1/accountability"): (PERIOD, 200),
    ("GET", "/api/v1/accountability.xlsx"): (PERIOD, 200),
    ("GET", "/api/v1/accountability.pdf"): (PERIOD, 200),
    ("GET", "/api/v1/cannot-do"): ({}, 200),
    ("GET", "/api/v1/cannot-do.xlsx"): ({}, 200),
}
