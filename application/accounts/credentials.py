"""Logging in (throttled, with a one-time code for those who need one) and API tokens for integrations."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING
from uuid import uuid4

from application.accounts.access import Permission, Principal, require
from application.accounts.commands import (
    AuthenticationFailed, LoginSession, account_principal, token_hash,
)
from application.shared.errors import ApplicationError, NotFound, TokenWouldSkipSecondFactor, VersionConflict
from application.accounts.ports import ChallengeRecord, CredentialStores, ThrottlePolicy
from domain.accounts.account import Account

if TYPE_CHECKING:
    from application.shared.store import Ganxin

ACCOUNT_POLICY = ThrottlePolicy(limit=5, window=timedelta(minutes=15), lockout=timedelta(minutes=15))
ADDRESS_POLICY = ThrottlePolicy(limit=20, window=timedelta(minutes=15), lockout=timedelta(minutes=15))
CHALLENGE_LIFETIME = timedelta(minutes=5)
TOTP_ISSUER = "甘心办"
TOKEN_PREFIX = "gx_"
THROTTLE_NAME_MAX = 80
VERIFY, ENROL = "verify", "enrol"


class LoginThrottled(ApplicationError):
    """Too many failed logins for this account name or from this address; the same for unknown names."""

    code = "login_throttled"
    status = 429

    def __init__(self) -> None:
        super().__init__("登录尝试过于频繁，请15分钟后再试", "username")


class WrongCode(ApplicationError):
    """The one-time code is wrong, stale or already used."""

    code = "invalid_totp"
    status = 401

    def __init__(self) -> None:
        super().__init__("动态验证码不正确或已使用，请输入验证器上最新的6位数字", "code")


class ChallengeExpired(ApplicationError):
    """The second login step ran out (5 minutes) or was never started."""

    code = "second_factor_expired"
    status = 401

    def __init__(self) -> None:
        super().__init__("验证已超时，请重新输入用户名和密码", "code")


class TotpUnreadable(ApplicationError):
    """The stored TOTP secret was sealed with another server key; an admin must reset it."""

    code = "totp_unreadable"
    status = 409

    def __init__(self) -> None:
        super().__init__("无法读取该账号的动态验证码密钥（服务器密钥已更换），请联系管理员重置", "code")


@dataclass(frozen=True)
class TotpEnrolment:
    """What an authenticator app needs: the secret as text and as an otpauth:// URI."""

    secret: str
    uri: str


@dataclass(frozen=True)
class SecondFactorNeeded:
    """The password was right; a one-time code (after enrolling, if `enrolment`) finishes the login."""

    challenge: str
    username: str
    enrolment: TotpEnrolment | None


@dataclass(frozen=True)
class IssuedToken:
    """A new API token: `token` is shown this once and stored only as a hash."""

    token_id: str
    name: str
    token: str
    username: str


@dataclass(frozen=True)
class TokenInfo:
    """A live token as listed (never the token itself)."""

    token_id: str
    name: str
    issued_at: str


def throttle_keys(username: str, address: str | None) -> list[str]:
    """The account name's key, then the client address's (if known)."""
    keys = [f"account:{(username or '').strip().lower()[:THROTTLE_NAME_MAX]}"]
    return keys + ([f"address:{address}"] if address else [])


class CredentialCommands:
    """Login with throttling and TOTP; issuing, revoking and resolving API tokens."""

    # --- logging in ------------------------------------------------------------------------------
    def login(self: "Ganxin", username: str, password: str, address: str | None = None,
              ) -> LoginSession | SecondFactorNeeded:
        """Check the password; a session, or the second step for accounts with (or owing) TOTP."""
        keys = throttle_keys(username, address)
        self._refuse_if_locked(keys)
        try:
            account = self.authenticate(username, password)
        except AuthenticationFailed:
            self._count_failure(keys)
            raise
        if account.totp_secret is None and not account.requires_second_factor:
            return self._finish_login(account, keys)
        return self._challenge(account)

    def second_factor_prompt(self: "Ganxin", challenge: str) -> SecondFactorNeeded:
        """What the second step shows again (the same secret while enrolling)."""
        record = self._live_challenge(challenge)
        return SecondFactorNeeded(challenge, record.username, self._enrolment(record))

    def complete_login(self: "Ganxin", challenge: str, code: str, address: str | None = None) -> LoginSession:
        """Check the one-time code (enrolling first if owed); each code works once."""
        record = self._live_challenge(challenge)
        keys = throttle_keys(record.username, address)
        stores, now = self._credentials(), self.clock.now()
        if stores.throttle.locked(keys, now):
            stores.challenges.end(token_hash(challenge))
            raise LoginThrottled()
        account = self.get_account(record.username)
        if account.disabled:
            stores.challenges.end(token_hash(challenge))
            raise AuthenticationFailed()
        sealed = record.secret_sealed if record.purpose == ENROL else account.totp_secret
        if sealed is None or (record.purpose == ENROL and account.totp_secret is not None):
            stores.challenges.end(token_hash(challenge))  # TOTP was reset or set up meanwhile
            raise ChallengeExpired()
        step = stores.codes.matching_step(self._open_secret(sealed), code, now, account.totp_last_step)
        if step is None:
            self._count_failure(keys)
            raise WrongCode()
        if record.purpose == ENROL:
            account.enrol_totp(sealed, account.as_actor(), now)
        account.use_totp(step, now)
        try:
            self.commit(account)
        except VersionConflict:  # a concurrent login spent this code (or changed the account) first
            self._count_failure(keys)
            raise WrongCode() from None
        stores.challenges.end(token_hash(challenge))
        return self._finish_login(account, keys)

    def cancel_login(self: "Ganxin", challenge: str) -> None:
        """Give up a half-finished login."""
        if challenge:
            self._credentials().challenges.end(token_hash(challenge))

    # --- managing the second factor ----------------------------------------------------------------
    def provision_totp(self: "Ganxin", principal: Principal, username: str, secret: str | None = None) -> str:
        """Set an account's TOTP secret directly (demo accounts, tests); people enrol at login instead."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        account = self.get_account(username)
        secret = secret or self._credentials().codes.new_secret()
        account.enrol_totp(self._credentials().secrets.seal(secret), principal.actor, self.clock.now())
        self.commit(account)
        return secret

    def reset_totp(self: "Ganxin", principal: Principal, username: str) -> None:
        """Forget an account's TOTP (a lost phone): it enrols again at its next login; sessions end."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        account = self.get_account(username)
        account.remove_totp(principal.actor, self.clock.now())
        self.commit(account)
        self._sessions().end_all(account.username)

    # --- API tokens ----------------------------------------------------------------------------------
    def issue_token(self: "Ganxin", principal: Principal, username: str, name: str) -> IssuedToken:
        """A new bearer token for the account, shown once; only its SHA-256 is kept."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        account = self.get_account(username)
        if account.requires_second_factor or account.totp_secret is not None:  # a token cannot carry a code
            raise TokenWouldSkipSecondFactor(account.requires_second_factor)
        token, token_id = TOKEN_PREFIX + secrets.token_urlsafe(32), uuid4().hex
        account.issue_token(token_id, name, token_hash(token), principal.actor, self.clock.now())
        index = self._credentials().tokens
        index.add(token_hash(token), token_id, account.username)  # useless until the event below is saved
        try:
            self.commit(account)
        except VersionConflict:
            index.remove(token_id)
            raise
        return IssuedToken(token_id, account.tokens[token_id]["name"], token, account.username)

    def revoke_token(self: "Ganxin", principal: Principal, username: str, token_id: str) -> None:
        """Stop a token from working, at once."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        account = self.get_account(username)
        if token_id not in account.tokens:
            raise NotFound("令牌不存在或已吊销", "token_id")
        account.revoke_token(token_id, principal.actor, self.clock.now())
        self.commit(account)
        self._credentials().tokens.remove(token_id)

    def list_tokens(self: "Ganxin", principal: Principal, username: str) -> list[TokenInfo]:
        """The account's live tokens by id and name (the tokens themselves cannot be shown again)."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        account = self.get_account(username)
        return [TokenInfo(token_id, t["name"], t["issued_at"]) for token_id, t in account.tokens.items()]

    def token_principal(self: "Ganxin", token: str) -> Principal | None:
        """Who a bearer token acts for, if it is live and its account is not disabled."""
        if not token:
            return None
        digest = token_hash(token)
        found = self._credentials().tokens.find(digest)
        if found is None:
            return None
        username, token_id = found
        try:
            account = self.get_account(username)
        except NotFound:
            return None
        live = account.tokens.get(token_id)  # the events decide: a revoked token is gone here at once
        code_needed = account.requires_second_factor or account.totp_secret is not None  # TOTP turned on later
        if account.disabled or code_needed or live is None or not hmac.compare_digest(live["token_hash"], digest):
            return None
        return account_principal(account)

    # --- helpers -----------------------------------------------------------------------------------------
    def _credentials(self: "Ganxin") -> CredentialStores:
        if self.credentials is None:
            raise RuntimeError("no credential stores configured")
        return self.credentials

    def _refuse_if_locked(self: "Ganxin", keys: list[str]) -> None:
        if self._credentials().throttle.locked(keys, self.clock.now()):
            raise LoginThrottled()

    def _count_failure(self: "Ganxin", keys: list[str]) -> None:
        throttle, now = self._credentials().throttle, self.clock.now()
        for key in keys:
            throttle.record_failure(key, now, ACCOUNT_POLICY if key.startswith("account:") else ADDRESS_POLICY)

    def _finish_login(self: "Ganxin", account: Account, keys: list[str]) -> LoginSession:
        self._credentials().throttle.clear(keys[0])  # the account's failures; the address keeps its count
        return self.open_session(account)

    def _challenge(self: "Ganxin", account: Account) -> SecondFactorNeeded:
        stores, challenge, now = self._credentials(), secrets.token_urlsafe(32), self.clock.now()
        if account.totp_secret is not None:
            record = ChallengeRecord(account.username, VERIFY, None, now)
        else:
            record = ChallengeRecord(account.username, ENROL, stores.secrets.seal(stores.codes.new_secret()), now)
        stores.challenges.create(token_hash(challenge), record)
        return SecondFactorNeeded(challenge, account.username, self._enrolment(record))

    def _live_challenge(self: "Ganxin", challenge: str) -> ChallengeRecord:
        record = None
        if challenge:
            born_after = self.clock.now() - CHALLENGE_LIFETIME
            record = self._credentials().challenges.get(token_hash(challenge), born_after)
        if record is None:
            raise ChallengeExpired()
        return record

    def _enrolment(self: "Ganxin", record: ChallengeRecord) -> TotpEnrolment | None:
        if record.purpose != ENROL or record.secret_sealed is None:
            return None
        secret = self._open_secret(record.secret_sealed)
        uri = self._credentials().codes.provisioning_uri(secret, record.username, TOTP_ISSUER)
        return TotpEnrolment(secret, uri)

    def _open_secret(self: "Ganxin", sealed: str) -> str:
        try:
            return self._credentials().secrets.open(sealed)
        except ValueError:
            raise TotpUnreadable() from None
