"""The event store's database: append-only tables, the schema lock, SQLite's WAL, outages and health."""
