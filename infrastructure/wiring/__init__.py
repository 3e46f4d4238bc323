"""The composition root: the only infrastructure the web layer and the command line name.

Each module is imported on its own, so a light command (the offline bundle check) loads no database code:
`services` builds every service on the configured database, `serving` what a running server adds (pollers, health,
outage classification), `audit` the sealing tools, `offline` the key and file readers, `database` the PostgreSQL setup.
"""
