"""The `ganxin` command (web/cli/main.py), one module per group of subcommands.

This package imports nothing itself: `audit_offline` must load without any database code."""
