"""Tests on both real databases of the calendar area."""
