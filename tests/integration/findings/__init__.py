"""Tests on both real databases of the findings area."""
