"""GET /healthz: for load balancers and the test harness; no login, no /api prefix."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from web.api.schemas import HealthOut

router = APIRouter(tags=["运行状态 Health"])


@router.get(
    "/healthz", summary="运行状态 Health check", response_model=HealthOut,
    responses={503: {"model": HealthOut, "description": "数据库无法访问 / database unreachable"}},
)
def healthz(request: Request) -> HealthOut | JSONResponse:
    """Whether the database answers, and how far the read models are projected."""
    database = "postgres" if request.app.state.settings.is_postgres else "sqlite"
    try:
        position = request.app.state.ganxin.projector.position()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy", not a crash
        return JSONResponse({"status": "unavailable", "database": database, "projected_up_to": -1}, status_code=503)
    return HealthOut(status="ok", database=database, projected_up_to=position)
