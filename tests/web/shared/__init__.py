"""Tests over real HTTP of what crosses every area: security, errors, limits, idempotency, access, remit."""
