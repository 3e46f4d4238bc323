"""Accounts and login sessions: who is acting, proven by password, held in a server-side session."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Protocol

from application.accounts.ports import PasswordHasher, SessionRecord, SessionStore
from application.accounts.sessions import (
    ABSOLUTE_LIFETIME,
    IDLE_TIMEOUT,
    AuthenticationFailed,
    LoginSession,
    principal_of,
    token_hash,
)
from application.registry import RegistryCommands
from application.shared.access import Permission, Principal, require
from application.shared.clock import Clock
from application.shared.errors import NotFound
from application.shared.store import Store
from domain.accounts import Account, CommonPassword, check_password, check_username
from domain.registry import check_street
from domain.shared.errors import DomainError, InvalidValue


class CommonPasswords(Protocol):
    """The port to the list of passwords too common to choose (a shipped list in infrastructure)."""

    def contains(self, password: str) -> bool:
        """Whether the password is on the list."""
        ...

    def allowing(self, password: str) -> CommonPasswords:
        """The same list without one password."""
        ...


@dataclass
class AccountCommands:
    """Creating and changing accounts; sessions (logging in itself: CredentialCommands.login)."""

    store: Store
    clock: Clock
    common_passwords: CommonPasswords | None
    password_hasher: PasswordHasher | None
    sessions: SessionStore
    registry: RegistryCommands
    _dummy_password_hash: str | None = field(default=None, init=False, repr=False)

    def create_account(
        self,
        principal: Principal,
        *,
        username: str,
        display_name: str,
        role: str,
        password: str,
        unit: str | None = None,
    ) -> str:
        """Open an account with a checked, hashed password."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        actor = principal.actor
        name = check_username(username)
        if self.store.exists(Account.create_id(name)):
            raise InvalidValue(f"用户名“{name}”已存在", "username")
        if unit:
            self.registry.require_units([unit], "unit")
        self._check_new_password(password, name, display_name)
        account = Account.open(name, display_name, role, unit, self._hasher().hash(password), actor, self.clock.now())
        self.store.commit(account)
        return account.username

    def get_account(self, username: str) -> Account:
        """One account by username."""
        try:
            return self.store.load(Account.create_id(check_username(username)), Account, "账号")
        except DomainError:
            raise NotFound("账号不存在", "username") from None

    def authenticate(self, username: str, password: str) -> Account:
        """The account if the password matches and it is active; the same error otherwise."""
        try:
            account = self.get_account(username)
        except NotFound:
            self._hasher().verify(self._dummy_hash(), password or "")  # same cost as a real check
            raise AuthenticationFailed() from None
        if not self._hasher().verify(account.password_hash, password or "") or account.disabled:
            raise AuthenticationFailed()
        return account

    def open_session(self, account: Account) -> LoginSession:
        """A new session for an account that proved who it is (a new id at every login)."""
        token, now = secrets.token_urlsafe(32), self.clock.now()
        record = SessionRecord(
            account.username,
            account.display_name,
            account.role,
            account.unit,
            now,
            now,
            account.street,
            tuple(account.task_forces),
            account.dispatch_all,
        )
        self.sessions.create(token_hash(token), record)
        return LoginSession(token=token, principal=principal_of(record))

    def session_principal(self, token: str) -> Principal | None:
        """Who is behind a live session (idle under 30 min, younger than 12 h), or None."""
        if not token:
            return None
        now = self.clock.now()
        record = self.sessions.touch(token_hash(token), now, now - IDLE_TIMEOUT, now - ABSOLUTE_LIFETIME)
        return principal_of(record) if record else None

    def logout(self, token: str) -> None:
        """End this session."""
        if token:
            self.sessions.end(token_hash(token))

    def reset_password(self, principal: Principal, username: str, password: str) -> None:
        """Set a new password; every session of the account ends."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        actor = principal.actor
        account = self.get_account(username)
        self._check_new_password(password, account.username, account.display_name)
        account.change_password(self._hasher().hash(password), actor, self.clock.now())
        self.store.commit(account)
        self.sessions.end_all(account.username)

    def grant_role(self, principal: Principal, username: str, role: str, unit: str | None = None) -> None:
        """Change the account's role (and unit); its sessions end so the change applies at once."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        actor = principal.actor
        account = self.get_account(username)
        if unit:
            self.registry.require_units([unit], "unit")
        account.grant_role(role, unit, actor, self.clock.now())
        self.store.commit(account)
        self.sessions.end_all(account.username)

    def change_membership(
        self,
        principal: Principal,
        username: str,
        *,
        unit: str | None = None,
        street: str | None = None,
        task_forces: list[str] | None = None,
        dispatch_all: bool = False,
    ) -> None:
        """Set an account's unit, street and task forces; its sessions end so the change applies at once."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        actor = principal.actor
        account = self.get_account(username)
        if unit:
            self.registry.require_units([unit], "unit")
        if street:
            check_street(street)
        for key in task_forces or []:
            self.registry.require_task_force(key)
        account.change_membership(unit, street, list(task_forces or []), dispatch_all, actor, self.clock.now())
        self.store.commit(account)
        self.sessions.end_all(account.username)

    def disable_account(self, principal: Principal, username: str, reason: str) -> None:
        """Disable the account and end every session of it."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        actor = principal.actor
        account = self.get_account(username)
        account.disable(reason, actor, self.clock.now())
        self.store.commit(account)
        self.sessions.end_all(account.username)

    def allow_common_password(self, password: str) -> None:
        """Let this process accept one listed password (demo mode's published one, and nowhere else)."""
        if self.common_passwords is not None:
            self.common_passwords = self.common_passwords.allowing(password)

    def _check_new_password(self, password: str, username: str, display_name: str) -> None:
        """The domain's rules, then the list of common passwords."""
        check_password(password, username, display_name)
        if self.common_passwords is not None and self.common_passwords.contains(password):
            raise CommonPassword()

    def _dummy_hash(self) -> str:
        """A hash of a random password, made once per service, to time-equalise unknown users."""
        if self._dummy_password_hash is None:
            self._dummy_password_hash = self._hasher().hash(secrets.token_urlsafe(16))
        return self._dummy_password_hash

    def _hasher(self) -> PasswordHasher:
        """The configured hasher (accounts cannot be used without one)."""
        if self.password_hasher is None:
            raise RuntimeError("no password hasher configured")
        return self.password_hasher
