"""Tests over real HTTP of the findings area."""
