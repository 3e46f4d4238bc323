"""GET /healthz and /livez: for load balancers and the test harness; no login, no /api prefix."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from web.shared.schemas import HealthOut

router = APIRouter(tags=["运行状态 Health"])


@router.get(
    "/healthz",
    summary="运行状态 Health check",
    response_model=HealthOut,
    responses={503: {"model": HealthOut, "description": "数据库无法访问、无法写入或读模型落后过多"}},
)
def healthz(request: Request) -> HealthOut | JSONResponse:
    """Within 2 s: the database answers, can be written (SQLite: free disk), read models not too far behind."""
    health = request.app.state.health.check()
    body = HealthOut(status="ok" if health.healthy else "unavailable", **asdict(health))
    if health.healthy:
        return body
    return JSONResponse(body.model_dump(), status_code=503, headers={"Retry-After": "5"})


@router.get("/livez", summary="进程存活 Liveness", responses={200: {"description": "进程在运行"}})
def livez() -> dict[str, str]:
    """The process answers; says nothing about the database (that is /healthz)."""
    return {"status": "alive"}
