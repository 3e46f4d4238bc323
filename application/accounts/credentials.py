"""Logging in: throttled, with a one-time code (TOTP) for those who need one; enrolling and resetting TOTP."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from application.accounts.commands import AccountCommands
from application.accounts.ports import ChallengeRecord, CredentialStores, ThrottlePolicy
from application.accounts.sessions import AuthenticationFailed, LoginSession, token_hash
from application.shared.access import Permission, Principal, require
from application.shared.clock import Clock
from application.shared.errors import ApplicationError, VersionConflict
from application.shared.store import Store
from domain.accounts import Account

ACCOUNT_POLICY = ThrottlePolicy(limit=5, window=timedelta(minutes=15), lockout=timedelta(minutes=15))
ADDRESS_POLICY = ThrottlePolicy(limit=20, window=timedelta(minutes=15), lockout=timedelta(minutes=15))
CHALLENGE_LIFETIME = timedelta(minutes=5)
TOTP_ISSUER = "甘心办"
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


def throttle_keys(username: str, address: str | None) -> list[str]:
    """The account name's key, then the client address's (if known)."""
    keys = [f"account:{(username or '').strip().lower()[:THROTTLE_NAME_MAX]}"]
    return keys + ([f"address:{address}"] if address else [])


@dataclass(frozen=True)
class CredentialCommands:
    """Login with throttling and TOTP."""

    store: Store
    clock: Clock
    credential_stores: CredentialStores | None
    accounts: AccountCommands

    # --- logging in ------------------------------------------------------------------------------
    def login(self, username: str, password: str, address: str | None = None) -> LoginSession | SecondFactorNeeded:
        """Check the password; a session, or the second step for accounts with (or owing) TOTP."""
        keys = throttle_keys(username, address)
        self._refuse_if_locked(keys)
        try:
            account = self.accounts.authenticate(username, password)
        except AuthenticationFailed:
            self._count_failure(keys)
            raise
        if account.totp_secret is None and not account.requires_second_factor:
            return self._finish_login(account, keys)
        return self._challenge(account)

    def second_factor_prompt(self, challenge: str) -> SecondFactorNeeded:
        """What the second step shows again (the same secret while enrolling)."""
        record = self._live_challenge(challenge)
        return SecondFactorNeeded(challenge, record.username, self._enrolment(record))

    def complete_login(self, challenge: str, code: str, address: str | None = None) -> LoginSession:
        """Check the one-time code (enrolling first if owed); each code works once."""
        record = self._live_challenge(challenge)
        keys = throttle_keys(record.username, address)
        stores, now = self._credentials(), self.clock.now()
        if stores.throttle.locked(keys, now):
            stores.challenges.end(token_hash(challenge))
            raise LoginThrottled()
        account = self.accounts.get_account(record.username)
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
            self.store.commit(account)
        except VersionConflict:  # a concurrent login spent this code (or changed the account) first
            self._count_failure(keys)
            raise WrongCode() from None
        stores.challenges.end(token_hash(challenge))
        return self._finish_login(account, keys)

    def cancel_login(self, challenge: str) -> None:
        """Give up a half-finished login."""
        if challenge:
            self._credentials().challenges.end(token_hash(challenge))

    # --- managing the second factor ----------------------------------------------------------------
    def provision_totp(self, principal: Principal, username: str, secret: str | None = None) -> str:
        """Set an account's TOTP secret directly (demo accounts, tests); people enrol at login instead."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        account = self.accounts.get_account(username)
        secret = secret or self._credentials().codes.new_secret()
        account.enrol_totp(self._credentials().secrets.seal(secret), principal.actor, self.clock.now())
        self.store.commit(account)
        return secret

    def provisioning_uri(self, secret: str, username: str) -> str:
        """The otpauth:// address an authenticator app adds this secret from."""
        return self._credentials().codes.provisioning_uri(secret, username, TOTP_ISSUER)

    def reset_totp(self, principal: Principal, username: str) -> None:
        """Forget an account's TOTP (a lost phone): it enrols again at its next login; sessions end."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        account = self.accounts.get_account(username)
        account.remove_totp(principal.actor, self.clock.now())
        self.store.commit(account)
        self.accounts.sessions.end_all(account.username)

    # --- helpers -----------------------------------------------------------------------------------------
    def _credentials(self) -> CredentialStores:
        if self.credential_stores is None:
            raise RuntimeError("no credential stores configured")
        return self.credential_stores

    def _refuse_if_locked(self, keys: list[str]) -> None:
        if self._credentials().throttle.locked(keys, self.clock.now()):
            raise LoginThrottled()

    def _count_failure(self, keys: list[str]) -> None:
        throttle, now = self._credentials().throttle, self.clock.now()
        for key in keys:
            throttle.record_failure(key, now, ACCOUNT_POLICY if key.startswith("account:") else ADDRESS_POLICY)

    def _finish_login(self, account: Account, keys: list[str]) -> LoginSession:
        self._credentials().throttle.clear(keys[0])  # the account's failures; the address keeps its count
        return self.accounts.open_session(account)

    def _challenge(self, account: Account) -> SecondFactorNeeded:
        stores, challenge, now = self._credentials(), secrets.token_urlsafe(32), self.clock.now()
        if account.totp_secret is not None:
            record = ChallengeRecord(account.username, VERIFY, None, now)
        else:
            record = ChallengeRecord(account.username, ENROL, stores.secrets.seal(stores.codes.new_secret()), now)
        stores.challenges.create(token_hash(challenge), record)
        return SecondFactorNeeded(challenge, account.username, self._enrolment(record))

    def _live_challenge(self, challenge: str) -> ChallengeRecord:
        record = None
        if challenge:
            born_after = self.clock.now() - CHALLENGE_LIFETIME
            record = self._credentials().challenges.get(token_hash(challenge), born_after)
        if record is None:
            raise ChallengeExpired()
        return record

    def _enrolment(self, record: ChallengeRecord) -> TotpEnrolment | None:
        if record.purpose != ENROL or record.secret_sealed is None:
            return None
        secret = self._open_secret(record.secret_sealed)
        uri = self._credentials().codes.provisioning_uri(secret, record.username, TOTP_ISSUER)
        return TotpEnrolment(secret, uri)

    def _open_secret(self, sealed: str) -> str:
        try:
            return self._credentials().secrets.open(sealed)
        except ValueError:
            raise TotpUnreadable() from None
