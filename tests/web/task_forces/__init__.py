"""Tests over real HTTP of the task forces area."""
