"""Accountability."""
