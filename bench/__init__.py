"""Benchmark scripts: they print figures with the machine they ran on (not tests)."""
