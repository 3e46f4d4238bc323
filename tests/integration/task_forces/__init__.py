"""Tests on both real databases of the task forces area."""
