"""Sealing the event log: the seal tables, the Ed25519 key, checkpoint files and bundles.

Kept free of imports here: the offline checks (verify-bundle, verify-proof) load only the key and file
modules, never the database code.
"""
