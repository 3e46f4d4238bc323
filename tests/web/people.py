"""The people the HTTP tests log in as, each with the role and remit their steps need."""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support.auth import ADMIN, create_user, login


@dataclass(frozen=True)
class Person:
    """An account the tests log in with, and its remit."""

    username: str
    name: str
    role: str
    unit: str | None = None
    street: str | None = None
    task_forces: tuple[str, ...] = ()
    dispatch_all: bool = False


LEAD = Person("dispatch-liu", "刘调度", "task_force_lead", dispatch_all=True)  # the 营商局 dispatch desk
HANDLER = Person("handler-zhou", "周承办", "unit_handler", unit="zhujian")  # works 住建局's cases
# Who takes each action in these tests: the lead unit's handler works the case, the cadre who logged it
# goes back to ask the enterprise (回访), and the dispatch desk directs everything else.
HANDLER_ACTIONS = frozenset({"accept", "return", "progress", "request_extension", "resolve"})
CADRE_ACTIONS = frozenset({"feedback"})


def open_account(ganxin: Any, person: Person) -> None:
    """Open the person's account with their unit, street, task forces and desk."""
    create_user(
        ganxin,
        person.username,
        person.role,
        display_name=person.name,
        unit=person.unit,
        task_forces=list(person.task_forces),
        dispatch_all=person.dispatch_all,
    )
    if person.street:
        ganxin.accounts.change_membership(
            ADMIN,
            person.username,
            unit=person.unit,
            street=person.street,
            task_forces=list(person.task_forces),
            dispatch_all=person.dispatch_all,
        )


@dataclass
class Logins:
    """Logged-in clients on one served app, one per person, opened on first use and closed with the stack."""

    base_url: str
    ganxin: Any
    stack: ExitStack
    clients: dict[str, httpx.Client] = field(default_factory=dict)

    def client_of(self, person: Person) -> httpx.Client:
        """The person's logged-in client; their account is opened the first time."""
        if person.username not in self.clients:
            open_account(self.ganxin, person)
            self.clients[person.username] = self.log_in(person)
        return self.clients[person.username]

    def log_in(self, person: Person) -> httpx.Client:
        """A fresh client with a new session of an existing account."""
        client = self.stack.enter_context(httpx.Client(base_url=self.base_url, timeout=30))
        login(client, person.username)
        return client

    def stranger(self) -> httpx.Client:
        """A client with no session."""
        return self.stack.enter_context(httpx.Client(base_url=self.base_url, timeout=30))
