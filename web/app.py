"""create_app: the one place the web layer wires infrastructure to the application."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI

from application.clock import Clock
from infrastructure.projections.projector import Poller
from infrastructure.settings import Settings
from infrastructure.wiring import build_application


def create_app(settings: Settings | None = None, *, clock: Clock | None = None, poll_interval: float = 2.0) -> FastAPI:
    """A FastAPI app on the configured database; the projector poller runs while it serves."""
    from web import api, auth, pages  # noqa: PLC0415 - routers import templates lazily

    settings = settings or Settings.from_environ()
    ganxin = build_application(settings, clock=clock)
    poller = Poller(ganxin.catch_up, interval=poll_interval)

    @contextmanager
    def _poller_running() -> Iterator[None]:
        poller.start()
        try:
            yield
        finally:
            poller.stop()

    async def lifespan(_: FastAPI):  # type: ignore[no-untyped-def]
        with _poller_running():
            yield

    app = FastAPI(title="甘心办 Ganxin", version="1.0", lifespan=lifespan)
    app.state.ganxin = ganxin
    app.state.settings = settings
    app.include_router(auth.router)
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
