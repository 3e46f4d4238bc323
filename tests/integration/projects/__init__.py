"""Tests on both real databases of the projects area."""
