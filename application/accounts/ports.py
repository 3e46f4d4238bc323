"""What the accounts area needs from the outside: password hashing, sessions and the second login step's stores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


class PasswordHasher(Protocol):
    """Hashes and checks passwords (Argon2id in infrastructure)."""

    def hash(self, password: str) -> str:
        """A salted hash to store."""
        ...

    def verify(self, password_hash: str, password: str) -> bool:
        """Whether the password matches the stored hash."""
        ...


@dataclass(frozen=True)
class SessionRecord:
    """A live login session as stored (the token itself is never stored, only its hash)."""

    user_id: str
    display_name: str
    role: str
    unit: str | None
    created_at: datetime
    last_seen_at: datetime
    street: str | None = None
    task_forces: tuple[str, ...] = ()
    dispatch_all: bool = False


class SessionStore(Protocol):
    """Server-side sessions, so that logout and disabling an account end them at once."""

    def create(self, token_hash: str, record: SessionRecord) -> None:
        """Store a new session."""
        ...

    def touch(self, token_hash: str, now: datetime, idle_since: datetime, born_after: datetime) -> SessionRecord | None:
        """The session if it was seen after idle_since and created after born_after; mark it seen now."""
        ...

    def end(self, token_hash: str) -> None:
        """End one session."""
        ...

    def end_all(self, user_id: str) -> None:
        """End every session of an account."""
        ...


# --- credentials: login throttling, the second login step, API tokens, TOTP, sealed secrets ------------
class LoginThrottle(Protocol):
    """Counts failed logins per key ('account:…', 'address:…') and locks a key that fails too often."""

    def locked(self, keys: list[str], now: datetime) -> bool:
        """Whether any of the keys is locked at this moment."""
        ...

    def record_failure(self, key: str, now: datetime, policy: ThrottlePolicy) -> None:
        """Count one failure; lock the key once the policy's limit is reached within its window."""
        ...

    def clear(self, key: str) -> None:
        """Forget the failures of a key (after a successful login)."""
        ...


@dataclass(frozen=True)
class ThrottlePolicy:
    """`limit` failures within `window` lock the key for `lockout`."""

    limit: int
    window: timedelta
    lockout: timedelta


@dataclass(frozen=True)
class ChallengeRecord:
    """A half-finished login: the password was right, the one-time code is still owed."""

    username: str
    purpose: str  # "verify" (the account has TOTP) or "enrol" (it must set TOTP up first)
    secret_sealed: str | None  # the secret being enrolled, sealed; None when verifying
    created_at: datetime


class LoginChallenges(Protocol):
    """Server-side state of the second login step, keyed by the hash of a short-lived cookie."""

    def create(self, token_hash: str, record: ChallengeRecord) -> None:
        """Store a new challenge."""
        ...

    def get(self, token_hash: str, born_after: datetime) -> ChallengeRecord | None:
        """The challenge if it is younger than born_after allows; an older one is deleted."""
        ...

    def end(self, token_hash: str) -> None:
        """Remove a challenge (answered, or given up)."""
        ...


class TokenIndex(Protocol):
    """Finds the account behind an API token's hash; the Account's events stay the truth."""

    def add(self, token_hash: str, token_id: str, username: str) -> None:
        """Index a token before its TokenIssued event is saved."""
        ...

    def find(self, token_hash: str) -> tuple[str, str] | None:
        """(username, token_id) of the token with this hash, if indexed."""
        ...

    def remove(self, token_id: str) -> None:
        """Drop a revoked token from the index."""
        ...


class OneTimeCodes(Protocol):
    """Time-based one-time codes (RFC 6238, 6 digits, 30-second steps)."""

    def new_secret(self) -> str:
        """A fresh random base32 secret."""
        ...

    def provisioning_uri(self, secret: str, account_name: str, issuer: str) -> str:
        """The otpauth:// URI an authenticator app reads."""
        ...

    def matching_step(self, secret: str, code: str, at: datetime, after_step: int) -> int | None:
        """The time step (near `at`, later than after_step) whose code this is, or None."""
        ...


class SecretBox(Protocol):
    """Seals small secrets (TOTP seeds) for storage in events."""

    def seal(self, plain: str) -> str:
        """The stored form of a secret."""
        ...

    def open(self, sealed: str) -> str:
        """The secret back; raises ValueError if it cannot be read with this key."""
        ...


@dataclass(frozen=True)
class CredentialStores:
    """Everything logging in needs beyond the event store and the session table."""

    throttle: LoginThrottle
    challenges: LoginChallenges
    tokens: TokenIndex
    codes: OneTimeCodes
    secrets: SecretBox
