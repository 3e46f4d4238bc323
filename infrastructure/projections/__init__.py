"""Read models: SQL tables kept from the event log, exactly once per event."""
