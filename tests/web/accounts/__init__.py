"""Tests over real HTTP of the accounts area."""
