"""Tests over real HTTP of the projects area."""
