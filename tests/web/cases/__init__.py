"""Tests over real HTTP of the cases area."""
