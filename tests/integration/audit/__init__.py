"""Tests on both real databases of the audit area."""
