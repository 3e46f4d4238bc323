"""Fast unit tests of the task forces area."""
