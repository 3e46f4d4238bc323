"""Tests over real HTTP of the visits area."""
