"""create_app: the one place the web layer wires infrastructure to the application."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from application.services import Services
from application.shared.clock import Clock
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_exports, build_services
from infrastructure.wiring.serving import background_jobs, prepare_serving
from web.deadline_watch import ladder_settings
from web.docs import install_docs
from web.errors import install_error_handlers
from web.idempotency import ReadModelsBehindMiddleware
from web.routes import api_router, health_router, login_router, pages_router
from web.security import install_security

STATIC_DIR = Path(__file__).parent / "static"
DESCRIPTION = """甘心办：企业反映问题的登记、分办、办理、回访与销号。

JSON 接口位于 `/api/v1`：集成系统用管理员签发的令牌（`Authorization: Bearer …`）；浏览器用
`POST /login` 登录后的会话 Cookie，此时增删改请求须带 `X-CSRF-Token` 头（值见 Cookie `ganxin_csrf`）
并来自本站（Origin）。出错时统一返回
`{"error": {"code", "message", "field", "errors", "current_version"}}`。"""


def _lifespan(
    services: Services, poll_interval: float, settings: Settings
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """While the app serves: a poller projects events other processes wrote, and the deadline watch
    (the same job as `ganxin tick`) escalates and reminds, first at start-up, then every GANXIN_TICK_SECONDS."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        ladder = ladder_settings(settings)
        jobs = background_jobs(services, settings, poll_interval, lambda: services.deadline_watch.tick(ladder))
        for job in jobs:
            job.start()
        try:
            yield
        finally:
            # Stopping joins the threads; keep that wait off the event loop.
            for job in jobs:
                await asyncio.to_thread(job.stop)

    return lifespan


def create_app(settings: Settings | None = None, *, clock: Clock | None = None, poll_interval: float = 2.0) -> FastAPI:
    """A FastAPI app on the configured database; the projector poller runs while it serves."""
    settings = settings or Settings.from_environ()
    ganxin = build_services(settings, clock=clock)
    app = FastAPI(
        title="甘心办 Ganxin",
        version="1.0",
        description=DESCRIPTION,
        lifespan=_lifespan(ganxin, poll_interval, settings),
        docs_url=None,
        redoc_url=None,  # /docs is web/docs.py's CSP-clean page; /redoc is not served
    )
    app.state.ganxin = ganxin
    app.state.health = prepare_serving(ganxin, settings)
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
