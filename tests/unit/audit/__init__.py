"""Fast unit tests of the audit area."""
