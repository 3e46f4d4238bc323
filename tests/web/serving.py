"""The app served for real in a test: uvicorn on a free port, clients logged in on first use, the store closed after."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import ClassVar

import httpx
from fastapi import FastAPI

from application.services import Services
from tests.support import run_server
from tests.web.people import CADRE_ACTIONS, HANDLER, HANDLER_ACTIONS, LEAD, Logins, Person


@contextmanager
def serve_app(app: FastAPI, prepare: Callable[[Services], object] | None = None) -> Iterator[Logins]:
    """Prepare the app's services (if asked), serve it over real HTTP; the logins on it. The store closes after."""
    ganxin: Services = app.state.ganxin
    try:
        if prepare is not None:
            prepare(ganxin)
        with run_server(app) as base_url, ExitStack() as stack:
            yield Logins(base_url, ganxin, stack)
    finally:
        ganxin.store.close()


@dataclass
class Served:
    """A served app and its services, with a logged-in client per person (opened on first use)."""

    ganxin: Services
    logins: Logins

    def events_written(self) -> int:
        """How many events the store holds: what refused input must never change."""
        return self.ganxin.store.event_log.recorder.max_notification_id() or 0

    @property
    def base_url(self) -> str:
        """Where the app is served."""
        return self.logins.base_url


@dataclass
class CaseTeam(Served):
    """A served app with the clients of the people who work a case: a cadre, the dispatch desk, 住建局's handler."""

    cadre: ClassVar[Person]  # who logs the visits; each kind of served app names its own

    @property
    def client(self) -> httpx.Client:
        """The cadre's client: logs visits, reads their cases."""
        return self.logins.client_of(self.cadre)

    @property
    def lead(self) -> httpx.Client:
        """The dispatch desk's client: classifies, assigns and directs every case."""
        return self.logins.client_of(LEAD)

    @property
    def handler(self) -> httpx.Client:
        """住建局's handler's client: accepts, works and resolves what is assigned to 住建局."""
        return self.logins.client_of(HANDLER)

    def client_for(self, action: str) -> httpx.Client:
        """The client of whoever takes this action in these tests."""
        if action in HANDLER_ACTIONS:
            return self.handler
        return self.client if action in CADRE_ACTIONS else self.lead
