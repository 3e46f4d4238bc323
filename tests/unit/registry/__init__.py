"""Fast unit tests of the registry area."""
