"""Fast unit tests of the cases area."""
