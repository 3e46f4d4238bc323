"""Fast unit tests of the projects area."""
