"""Tests on both real databases of the accountability area."""
