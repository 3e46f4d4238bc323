"""Route×role matrix samples for the tamper evidence API."""

from __future__ import annotations

from typing import Any

# The matrix world is never sealed: an allowed request gets the clear "not yet sealed" 404.
SAMPLES: dict[tuple[str, str], tuple[Any, int]] = {("GET", "/api/v1/audit/proofs/{notification_id}"): ({}, 404)}
PATH_PARAMETERS = {"{notification_id}": lambda world: "1"}
