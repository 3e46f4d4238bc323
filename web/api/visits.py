"""POST /visits: log a sitting and every problem raised at it, all or nothing."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from application.accounts.access import Permission, Principal
from application.registry.commands import EnterpriseDetails
from application.services import Services
from application.visits.commands import ProblemInput, VisitInput
from web.api.bodies import EnterpriseIn, VisitIn
from web.api.schemas import LoggedVisitOut
from web.deps import api_allow, get_ganxin

router = APIRouter(tags=["走访 Visits"])


def _enterprise(given: EnterpriseIn | None) -> EnterpriseDetails | None:
    if given is None:
        return None
    return EnterpriseDetails(uscc=given.uscc, name=given.name, street=given.street,
                             industry=given.industry, tags=list(given.tags))


def visit_input(body: VisitIn) -> VisitInput:
    """The application's input from the request body."""
    return VisitInput(
        channel=body.channel,
        occurred_on=body.occurred_on,
        enterprise=_enterprise(body.enterprise),
        problems=[
            ProblemInput(category=p.category, description=p.description, request=p.request,
                         enterprise=_enterprise(p.enterprise))
            for p in body.problems
        ],
        cadres=list(body.cadres),
        place=body.place,
        note=body.note,
    )


@router.post("/visits", status_code=201, summary="登记走访 Log a visit", response_model=LoggedVisitOut)
def log_visit(body: VisitIn, ganxin: Services = Depends(get_ganxin),
              principal: Principal = Depends(api_allow(Permission.LOG_VISIT))) -> LoggedVisitOut:
    """Log the sitting, any new enterprises and one case per problem in one save.

    If any problem is invalid nothing is saved, and every error is listed in `error.errors`.
    """
    logged = ganxin.visits.log_visit(principal, visit_input(body))
    return LoggedVisitOut(visit_id=logged.visit_id, case_ids=logged.case_ids, warnings=logged.warnings)
