"""Fast unit tests of the accountability area."""
