"""Accounts."""

from .commands import AccountCommands, CommonPasswords
from .credentials import (
    ChallengeExpired,
    CredentialCommands,
    LoginThrottled,
    SecondFactorNeeded,
    TotpUnreadable,
    WrongCode,
)
from .ports import ChallengeRecord, CredentialStores, PasswordHasher, SessionRecord, SessionStore, ThrottlePolicy
from .sessions import AuthenticationFailed, LoginSession
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
