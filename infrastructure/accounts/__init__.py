"""Accounts: password hashing, the common-password list, sessions and the second login step's stores."""

from .common_passwords import CommonPasswordList
from .credentials import build_credential_stores
from .passwords import Argon2PasswordHasher
from .sessions import SqlSessionStore

__all__ = ["Argon2PasswordHasher", "CommonPasswordList", "SqlSessionStore", "build_credential_stores"]
