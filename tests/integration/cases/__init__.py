"""Tests on both real databases of the cases area."""
