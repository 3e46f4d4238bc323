"""Ganxin's infrastructure: event store settings, SQL read models, password hashing, sessions."""
