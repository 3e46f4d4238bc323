"""Fast unit tests of the accounts area."""
