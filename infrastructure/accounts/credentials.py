"""Second factor and API tokens: TOTP (pyotp), sealed secrets (Fernet) and the token-hash index."""

from __future__ import annotations

import base64
import hmac
import logging
import re
from datetime import datetime
from typing import Any

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from application.accounts import CredentialStores
from application.shared.errors import SecretKeyMissing
from infrastructure.accounts.sessions import SqlLoginChallenges, SqlTable
from infrastructure.accounts.throttle import SqlLoginThrottle
from infrastructure.projections.engine import Dialect

log = logging.getLogger("ganxin.credentials")
STEP_SECONDS = 30
DIGITS = 6
FERNET_PREFIX = "fernet:"
PLAIN_PREFIX = "plain:"


class SqlTokenIndex(SqlTable):
    """TokenIndex: token hash -> (username, token_id); the Account's events decide whether it still works."""

    DDL = (
        """CREATE TABLE IF NOT EXISTS api_tokens (
            token_hash TEXT PRIMARY KEY, token_id TEXT NOT NULL UNIQUE, username TEXT NOT NULL)""",
    )

    def add(self, token_hash: str, token_id: str, username: str) -> None:
        """Index a token."""
        self._run(
            "INSERT INTO api_tokens (token_hash, token_id, username) VALUES (:h, :t, :u)",
            {"h": token_hash, "t": token_id, "u": username},
        )

    def find(self, token_hash: str) -> tuple[str, str] | None:
        """(username, token_id) for a token hash, if indexed."""
        rows = self._run(
            "SELECT username, token_id FROM api_tokens WHERE token_hash = :h", {"h": token_hash}, fetch=True
        )
        return (rows[0]["username"], rows[0]["token_id"]) if rows else None

    def remove(self, token_id: str) -> None:
        """Drop a token from the index."""
        self._run("DELETE FROM api_tokens WHERE token_id = :t", {"t": token_id})


class PyotpCodes:
    """OneTimeCodes with pyotp: 6 digits, 30-second steps, one step of clock drift either way."""

    def new_secret(self) -> str:
        """A random 160-bit base32 secret."""
        return pyotp.random_base32(32)

    def provisioning_uri(self, secret: str, account_name: str, issuer: str) -> str:
        """The otpauth:// URI for authenticator apps."""
        return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(
            name=account_name, issuer_name=issuer
        )

    def matching_step(self, secret: str, code: str, at: datetime, after_step: int) -> int | None:
        """The earliest step around `at`, later than after_step, whose code equals code."""
        code = "".join((code or "").split())
        if re.fullmatch(f"[0-9]{{{DIGITS}}}", code) is None:  # '１２３４５６' or '٣' are not codes (and not ASCII)
            return None
        totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
        now_step = int(at.timestamp()) // STEP_SECONDS
        for step in (now_step - 1, now_step, now_step + 1):
            if step > after_step and hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
                return step
        return None


def _fernet_key(secret_key: str) -> bytes:
    """A Fernet key derived from GANXIN_SECRET_KEY for this one purpose (HKDF-SHA256)."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"ganxin totp secrets").derive(
        secret_key.encode("utf-8")
    )
    return base64.urlsafe_b64encode(derived)


class FernetSecretBox:
    """SecretBox: Fernet (AES-128-CBC + HMAC) with a key derived from GANXIN_SECRET_KEY.

    Without a secret key nothing is sealed: enrolling is refused (SecretKeyMissing), except where plain
    secrets are allowed (demo mode), which stores them marked `plain:`. Secrets stored so are still read
    once a key is set, and new ones are then sealed.
    """

    def __init__(self, secret_key: str, allow_plain: bool = False) -> None:
        self._fernet = Fernet(_fernet_key(secret_key)) if secret_key else None
        self._allow_plain = allow_plain

    def seal(self, plain: str) -> str:
        """`fernet:<token>`; without a key `plain:<secret>` where allowed, else SecretKeyMissing."""
        if self._fernet is None:
            if not self._allow_plain:
                raise SecretKeyMissing()
            return PLAIN_PREFIX + plain
        return FERNET_PREFIX + self._fernet.encrypt(plain.encode("utf-8")).decode("ascii")

    def open(self, sealed: str) -> str:
        """The secret; ValueError if it was sealed with another key (or none is configured now)."""
        if sealed.startswith(PLAIN_PREFIX):
            return sealed.removeprefix(PLAIN_PREFIX)
        if not sealed.startswith(FERNET_PREFIX) or self._fernet is None:
            raise ValueError("sealed with a key this process does not have")
        try:
            return self._fernet.decrypt(sealed.removeprefix(FERNET_PREFIX).encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise ValueError("sealed with another GANXIN_SECRET_KEY") from None


def build_credential_stores(
    datastore: Any, dialect: Dialect, secret_key: str, allow_plain_secrets: bool = False
) -> CredentialStores:
    """The throttle, challenge and token tables (created if missing), TOTP and the secret box."""
    throttle = SqlLoginThrottle(datastore, dialect)
    challenges = SqlLoginChallenges(datastore, dialect)
    tokens = SqlTokenIndex(datastore, dialect)
    for table in (throttle, challenges, tokens):
        table.create_table()
    if not secret_key and allow_plain_secrets:
        log.warning("GANXIN_SECRET_KEY is not set: TOTP secrets are stored unencrypted (demo only)")
    elif not secret_key:
        log.warning("GANXIN_SECRET_KEY is not set: TOTP enrolment is refused until it is")
    return CredentialStores(
        throttle=throttle,
        challenges=challenges,
        tokens=tokens,
        codes=PyotpCodes(),
        secrets=FernetSecretBox(secret_key, allow_plain_secrets),
    )
