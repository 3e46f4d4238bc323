"""POST /visits: log a sitting and every problem raised at it, all or nothing."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from application.registry import EnterpriseDetails
from application.shared.access import Permission, Principal
from application.visits import ProblemInput, VisitInput
from web.deps import ServicesDep, api_allow
from web.shared.bodies import EnterpriseIn, VisitIn

router = APIRouter(tags=["走访 Visits"])


class LoggedVisitOut(BaseModel):
    """What logging a visit created."""

    visit_id: UUID
    case_ids: list[UUID]
    warnings: list[str] = Field(description="仅提示、不阻止保存的问题，如组织机构代码校验位")


def _enterprise(given: EnterpriseIn | None) -> EnterpriseDetails | None:
    if given is None:
        return None
    return EnterpriseDetails(
        uscc=given.uscc, name=given.name, street=given.street, industry=given.industry, tags=list(given.tags)
    )


def visit_input(body: VisitIn) -> VisitInput:
    """The application's input from the request body."""
    return VisitInput(
        channel=body.channel,
        occurred_on=body.occurred_on,
        enterprise=_enterprise(body.enterprise),
        problems=[
            ProblemInput(
                category=p.category, description=p.description, request=p.request, enterprise=_enterprise(p.enterprise)
            )
            for p in body.problems
        ],
        cadres=list(body.cadres),
        place=body.place,
        note=body.note,
    )


@router.post("/visits", status_code=201, summary="登记走访 Log a visit", response_model=LoggedVisitOut)
def log_visit(
    body: VisitIn, services: ServicesDep, principal: Principal = Depends(api_allow(Permission.LOG_VISIT))
) -> LoggedVisitOut:
    """Log the sitting, any new enterprises and one case per problem in one save.

    If any problem is invalid nothing is saved, and every error is listed in `error.errors`.
    """
    logged = services.visits.log_visit(principal, visit_input(body))
    return LoggedVisitOut(visit_id=logged.visit_id, case_ids=logged.case_ids, warnings=logged.warnings)
