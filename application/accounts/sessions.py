"""Who is acting: a login session, the principal a session or account stands for, a refused login."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from application.accounts.ports import SessionRecord
from application.shared.access import Principal
from application.shared.errors import ApplicationError
from domain.accounts import Account
from domain.shared.actor import Actor

IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_LIFETIME = timedelta(hours=12)


class AuthenticationFailed(ApplicationError):
    """Wrong username or password; the message never says which."""

    code = "authentication_failed"
    status = 401

    def __init__(self) -> None:
        super().__init__("用户名或密码错误，或账号已停用", "username")


@dataclass(frozen=True)
class LoginSession:
    """A fresh session: the token goes into the cookie, the actor into the request."""

    token: str
    principal: Principal

    @property
    def actor(self) -> Actor:
        """Who logged in."""
        return self.principal.actor


def principal_of(record: SessionRecord) -> Principal:
    """The principal a session stands for."""
    return Principal(
        actor=Actor(record.user_id, record.display_name, record.role),
        unit=record.unit,
        street=record.street,
        task_forces=tuple(record.task_forces),
        dispatch_all=record.dispatch_all,
    )


def account_principal(account: Account) -> Principal:
    """The principal an account stands for now (as API tokens act)."""
    return Principal(
        actor=account.as_actor(),
        unit=account.unit,
        street=account.street,
        task_forces=tuple(account.task_forces),
        dispatch_all=account.dispatch_all,
    )


def token_hash(token: str) -> str:
    """What the session table keys on: a leaked table does not reveal live cookies."""
    return hashlib.sha256(token.encode()).hexdigest()
