"""Tests over real HTTP of the audit area."""
