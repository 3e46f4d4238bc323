"""Tests over real HTTP of the accountability area."""
