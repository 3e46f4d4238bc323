"""Fast unit tests of the calendar area."""
