"""Tests on both real databases of the accounts area."""
