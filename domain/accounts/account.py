"""Accounts: who may log in, in which role; every change to an account is itself history."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.shared.actor import Actor
from domain.shared.errors import IllegalTransition, InvalidValue
from domain.shared.text import NAME_MAX, check_choice, check_text
from domain.shared.vocabulary import Role

NAMESPACE = uuid5(NAMESPACE_URL, "https://ganxin.example/accounts")
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
USERNAME_MIN, USERNAME_MAX = 3, 40
PASSWORD_MIN = 10
PASSWORD_MAX = 128  # Argon2 would hash any length; a cap keeps a megabyte "password" from costing a login
PASSWORD_DISTINCT_MIN = 4  # "aaaaaaaaaa" or "ababababab" is long enough yet guessed at once
SECOND_FACTOR_ROLES = frozenset({Role.INSPECTOR.value, Role.ADMIN.value})
TOKEN_NAME_MAX = 60


def check_username(username: str) -> str:
    """3 to 40 lower-case letters, digits, '-', '_' or '.'."""
    name = (username or "").strip().lower()
    if not USERNAME_MIN <= len(name) <= USERNAME_MAX or not set(name) <= USERNAME_CHARS:
        raise InvalidValue("用户名应为3至40位小写字母、数字或 - _ .", "username")
    return name


class PasswordTooLong(InvalidValue):
    """A password over PASSWORD_MAX characters."""

    code = "password_too_long"


class CommonPassword(InvalidValue):
    """A password on the list of common passwords (checked by the application against its port)."""

    code = "password_too_common"

    def __init__(self) -> None:
        super().__init__("该密码过于常见（在常见密码表中），容易被猜中，请换一个", "password")


def check_password(password: str, username: str, display_name: str = "") -> str:
    """PASSWORD_MIN to PASSWORD_MAX characters, not built from the account's own name."""
    if len(password or "") < PASSWORD_MIN:
        raise InvalidValue(f"密码至少{PASSWORD_MIN}位", "password")
    if len(password) > PASSWORD_MAX:
        raise PasswordTooLong(f"密码最多{PASSWORD_MAX}位", "password")
    lowered = password.lower()
    if username.lower() in lowered or (display_name and display_name in password):
        raise InvalidValue("密码不能包含用户名或姓名", "password")
    if len(set(password)) < PASSWORD_DISTINCT_MIN:
        raise InvalidValue("密码过于简单，请混合使用不同字符", "password")
    return password


class Account(Aggregate):
    """A person's (or service's) account."""

    TOPIC = "ganxin:Account"

    class Event(Aggregate.Event):
        """Base of account events."""

        TOPIC = "ganxin:Account.Event"

    @staticmethod
    def create_id(username: str) -> UUID:
        """One account per username."""
        return uuid5(NAMESPACE, f"account:{username}")

    @event("Created", topic="ganxin:Account.Created")
    def __init__(
        self,
        username: str,
        display_name: str,
        role: str,
        unit: str | None,
        password_hash: str,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self.username = username
        self.display_name = display_name
        self.role = role
        self.unit = unit
        self.password_hash = password_hash
        self.disabled = False
        self.street: str | None = None
        self.task_forces: list[str] = []
        self.dispatch_all = False
        self.totp_secret: str | None = None  # sealed by the application's secret box, never plain text here
        self.totp_last_step = 0  # the last 30-second step whose code was used: codes are single-use
        self.tokens: dict[str, dict[str, Any]] = {}  # live API tokens: token_id -> {"name", "token_hash", "issued_at"}

    @classmethod
    def open(
        cls,
        username: str,
        display_name: str,
        role: str,
        unit: str | None,
        password_hash: str,
        actor: Actor,
        at: datetime,
    ) -> Account:
        """Open an account; the password was checked and hashed by the caller."""
        return cls(
            username=check_username(username),
            display_name=check_text(display_name, "display_name", "姓名", NAME_MAX),
            role=check_choice(role, Role, "role", "角色").value,
            unit=unit or None,
            password_hash=password_hash,
            actor=actor.as_dict(),
            timestamp=at,
        )

    def as_actor(self) -> Actor:
        """The actor this account acts as."""
        return Actor(user_id=self.username, name=self.display_name, role=self.role)

    def check_active(self) -> None:
        """A disabled account does nothing."""
        if self.disabled:
            raise IllegalTransition("该账号已停用", "username")

    def change_password(self, password_hash: str, actor: Actor, at: datetime) -> None:
        """Store a new password hash."""
        self._password_changed(password_hash=password_hash, actor=actor.as_dict(), timestamp=at)

    @event("PasswordChanged", topic="ganxin:Account.PasswordChanged")
    def _password_changed(self, password_hash: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.password_hash = password_hash

    def grant_role(self, role: str, unit: str | None, actor: Actor, at: datetime) -> None:
        """Give the account a (new) role and unit."""
        self.check_active()
        role = check_choice(role, Role, "role", "角色").value
        self._role_granted(role=role, unit=unit or None, actor=actor.as_dict(), timestamp=at)

    @event("RoleGranted", topic="ganxin:Account.RoleGranted")
    def _role_granted(self, role: str, unit: str | None, actor: dict[str, str], timestamp: datetime) -> None:
        self.role = role
        self.unit = unit

    def change_membership(
        self,
        unit: str | None,
        street: str | None,
        task_forces: list[str],
        dispatch_all: bool,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Set the account's remit: its unit, street, task forces and district dispatch duty."""
        self.check_active()
        self._membership_changed(
            unit=unit or None,
            street=street or None,
            task_forces=sorted(set(task_forces)),
            dispatch_all=bool(dispatch_all),
            actor=actor.as_dict(),
            timestamp=at,
        )

    @event("MembershipChanged", topic="ganxin:Account.MembershipChanged")
    def _membership_changed(
        self,
        unit: str | None,
        street: str | None,
        task_forces: list[str],
        dispatch_all: bool,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self.unit = unit
        self.street = street
        self.task_forces = list(task_forces)
        self.dispatch_all = dispatch_all

    def disable(self, reason: str, actor: Actor, at: datetime) -> None:
        """Stop the account from logging in or acting."""
        self.check_active()
        reason = check_text(reason, "reason", "停用原因")
        self._disabled(reason=reason, actor=actor.as_dict(), timestamp=at)

    @event("Disabled", topic="ganxin:Account.Disabled")
    def _disabled(self, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.disabled = True

    # --- second factor (TOTP) and API tokens ---------------------------------------------------------
    @property
    def requires_second_factor(self) -> bool:
        """Inspectors and admins must use a one-time code; others may."""
        return self.role in SECOND_FACTOR_ROLES

    def enrol_totp(self, sealed_secret: str, actor: Actor, at: datetime) -> None:
        """Start requiring one-time codes made from this (sealed) secret."""
        self.check_active()
        self._totp_enrolled(secret_sealed=sealed_secret, actor=actor.as_dict(), timestamp=at)

    @event("TotpEnrolled", topic="ganxin:Account.TotpEnrolled")
    def _totp_enrolled(self, secret_sealed: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.totp_secret = secret_sealed
        self.totp_last_step = 0

    def remove_totp(self, actor: Actor, at: datetime) -> None:
        """Forget the secret (a lost phone); the next login enrols again if the role requires it."""
        if self.totp_secret is None:
            raise IllegalTransition("该账号未设置动态验证码", "username")
        self._totp_removed(actor=actor.as_dict(), timestamp=at)

    @event("TotpRemoved", topic="ganxin:Account.TotpRemoved")
    def _totp_removed(self, actor: dict[str, str], timestamp: datetime) -> None:
        self.totp_secret = None
        self.totp_last_step = 0

    def use_totp(self, step: int, at: datetime) -> None:
        """Spend the code of this time step; an older or equal step is refused (no replay)."""
        self.check_active()
        if step <= self.totp_last_step:
            raise IllegalTransition("该动态验证码已使用过，请等待下一个验证码", "code")
        self._totp_used(step=step, actor=self.as_actor().as_dict(), timestamp=at)

    @event("TotpUsed", topic="ganxin:Account.TotpUsed")
    def _totp_used(self, step: int, actor: dict[str, str], timestamp: datetime) -> None:
        self.totp_last_step = step

    def issue_token(self, token_id: str, name: str, token_hash: str, actor: Actor, at: datetime) -> None:
        """Record a new API token by its hash (the token itself is shown once and never stored)."""
        self.check_active()
        name = check_text(name, "name", "令牌名称", TOKEN_NAME_MAX)
        self._token_issued(token_id=token_id, name=name, token_hash=token_hash, actor=actor.as_dict(), timestamp=at)

    @event("TokenIssued", topic="ganxin:Account.TokenIssued")
    def _token_issued(
        self, token_id: str, name: str, token_hash: str, actor: dict[str, str], timestamp: datetime
    ) -> None:
        self.tokens[token_id] = {"name": name, "token_hash": token_hash, "issued_at": timestamp.isoformat()}

    def revoke_token(self, token_id: str, actor: Actor, at: datetime) -> None:
        """Stop a token from working."""
        if token_id not in self.tokens:
            raise InvalidValue("该令牌不存在或已吊销", "token_id")
        self._token_revoked(token_id=token_id, actor=actor.as_dict(), timestamp=at)

    @event("TokenRevoked", topic="ganxin:Account.TokenRevoked")
    def _token_revoked(self, token_id: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.tokens.pop(token_id, None)
