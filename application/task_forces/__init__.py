"""Task forces."""
