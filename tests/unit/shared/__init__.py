"""Fast unit tests of the shared area."""
