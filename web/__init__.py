"""Ganxin's web layer: Chinese pages, the JSON API under /api/v1, and the `ganxin` command."""
