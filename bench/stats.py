"""Percentiles of request timings."""

from __future__ import annotations

import math


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise(seconds: list[float]) -> dict:
    """p50/p95/p99/mean/max in milliseconds, and how many requests."""
    values = sorted(seconds)
    ms = 1000.0
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 50) * ms, 2),
        "p95_ms": round(percentile(values, 95) * ms, 2),
        "p99_ms": round(percentile(values, 99) * ms, 2),
        "mean_ms": round(sum(values) / len(values) * ms, 2),
        "max_ms": round(values[-1] * ms, 2),
    }
