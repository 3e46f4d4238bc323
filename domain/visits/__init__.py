"""Visits."""

from .visit import Visit, check_occurred_on

__all__ = ["Visit", "check_occurred_on"]
