"""create_app: the one place the web layer wires infrastructure to the application."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from infrastructure.storage.append_only import warn_if_rewritable
from infrastructure.storage.health import HealthProbe
from infrastructure.projections.engine.projector import Poller
from infrastructure.storage.sqlite_wal import keep_wal_small

from application.services import Services
from application.shared.clock import Clock
from infrastructure.settings import Settings
from infrastructure.wiring import build_exports, build_services
from web.deadline_watch import ladder_settings
from web.docs import install_docs
from web.errors import install_error_handlers
from web.idempotency import ReadModelsBehindMiddleware
from web.routes import api_router, health_router, login_router, pages_router
from web.security import install_security

# A request's catch-up waits at most this long for another's (see CatchUpProjector.lock_wait).
CATCH_UP_LOCK_WAIT = 1.0
STATIC_DIR = Path(__file__).parent / "static"
DESCRIPTION = """甘心办：企业反映问题的登记、分办、办理、回访与销号。

JSON 接口位于 `/api/v1`：集成系统用管理员签发的令牌（`Authorization: Bearer …`）；浏览器用
`POST /login` 登录后的会话 Cookie，此时增删改请求须带 `X-CSRF-Token` 头（值见 Cookie `ganxin_csrf`）
并来自本站（Origin）。出错时统一返回
`{"error": {"code", "message", "field", "errors", "current_version"}}`。"""


def _lifespan(ganxin: Services, poll_interval: float, settings: Settings
              ) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """While the app serves: a poller projects events other processes wrote, and the deadline watch
    (the same job as `ganxin tick`) escalates and reminds, first at start-up, then every GANXIN_TICK_SECONDS."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        ladder = ladder_settings(settings)
        jobs = [Poller(_projection_job(ganxin, settings), interval=poll_interval),  # fresh threads per start-up
                Poller(lambda: ganxin.deadline_watch.tick(ladder), interval=settings.tick_seconds, first_at_start=True,
                       name="ganxin-deadline-watch")]
        for job in jobs:
            job.start()
        try:
            yield
        finally:
            # Stopping joins the threads; keep that wait off the event loop.
            for job in jobs:
                await asyncio.to_thread(job.stop)

    return lifespan


def _projection_job(ganxin: Services, settings: Settings) -> Callable[[], None]:
    """Catch the read models up; on SQLite, then keep the WAL small (checkpointed when idle)."""
    database = settings.sqlite_path

    def job() -> None:
        ganxin.store.catch_up()
        if database is not None:
            keep_wal_small(database, idle=ganxin.store.projector.projected_in_last_run == 0)

    return job


def create_app(settings: Settings | None = None, *, clock: Clock | None = None, poll_interval: float = 2.0) -> FastAPI:
    """A FastAPI app on the configured database; the projector poller runs while it serves."""
    settings = settings or Settings.from_environ()
    ganxin = build_services(settings, clock=clock)
    warn_if_rewritable(settings)  # SQLite: only the signed checkpoints stand
    app = FastAPI(
        title="甘心办 Services", version="1.0", description=DESCRIPTION,
        lifespan=_lifespan(ganxin, poll_interval, settings),
        docs_url=None, redoc_url=None,  # /docs is web/docs.py's CSP-clean page; /redoc is not served
    )
    ganxin.store.projector.lock_wait = CATCH_UP_LOCK_WAIT  # type: ignore[attr-defined]
    app.state.ganxin = ganxin
    app.state.health = HealthProbe(ganxin, settings)
    app.state.settings = settings
    app.state.exports = build_exports()
    install_error_handlers(app)
    install_security(app, settings.secret_key, settings.https)
    app.add_middleware(ReadModelsBehindMiddleware)
    install_docs(app)
    app.include_router(health_router)
    # Pages and the login steps answer HTML; the OpenAPI document describes the JSON API only.
    app.include_router(login_router, include_in_schema=False)
    app.include_router(api_router)
    app.include_router(pages_router, include_in_schema=False)
    if STATIC_DIR.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
