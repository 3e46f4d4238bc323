"""Accounts."""

from .commands import AccountCommands, AuthenticationFailed, CommonPasswords, LoginSession
from .credentials import (
    ChallengeExpired,
    CredentialCommands,
    LoginThrottled,
    SecondFactorNeeded,
    TotpUnreadable,
    WrongCode,
)
from .ports import ChallengeRecord, CredentialStores, PasswordHasher, SessionRecord, SessionStore, ThrottlePolicy
from .tokens import TokenCommands

__all__ = [
    "AccountCommands",
    "AuthenticationFailed",
    "ChallengeExpired",
    "ChallengeRecord",
    "CommonPasswords",
    "CredentialCommands",
    "CredentialStores",
    "LoginSession",
    "LoginThrottled",
    "PasswordHasher",
    "SecondFactorNeeded",
    "SessionRecord",
    "SessionStore",
    "ThrottlePolicy",
    "TokenCommands",
    "TotpUnreadable",
    "WrongCode",
]
