"""What every area's read models share: the dialects, the handler registry, the recorders, the catch-up projector."""
