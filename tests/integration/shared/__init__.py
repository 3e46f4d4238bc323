"""Tests on both real databases of the shared area."""
