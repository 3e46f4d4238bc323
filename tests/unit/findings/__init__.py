"""Fast unit tests of the findings area."""
