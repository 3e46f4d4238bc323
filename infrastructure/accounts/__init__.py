"""Accounts: password hashing, the common-password list, sessions and the second login step's stores."""
