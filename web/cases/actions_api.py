"""POST /cases/{case_id}/{action}: one documented route per action, derived from the table of case actions."""

# No `from __future__ import annotations` here: the endpoints below are built in a loop and FastAPI
# must see each body model as a real class, not as a name it would look up in this module.

from collections.abc import Callable

from fastapi import APIRouter, Depends

from application.cases import CASE_ACTIONS, CaseAction
from application.shared import CaseStatus
from application.shared.access import Permission, Principal
from web.cases.api import CaseId
from web.cases.convert import parse_case_id
from web.cases.schemas import ActionResultOut
from web.deps import ServicesDep, api_allow
from web.shared.bodies import ACTION_BODIES, ActionIn
from web.shared.schemas import CONFLICT, NOT_FOUND

router = APIRouter(tags=["办理 Case actions"])


def _endpoint(action: CaseAction) -> Callable[..., ActionResultOut]:
    """The route function for one action, with its own body model in the signature."""
    body_model = ACTION_BODIES[action.code]

    def endpoint(
        case_id: CaseId,
        body: body_model,  # type: ignore[valid-type]
        services: ServicesDep,
        principal: Principal = Depends(api_allow(Permission.ACT_ON_CASES)),
    ) -> ActionResultOut:
        uuid = parse_case_id(case_id)
        request: ActionIn = body
        values = request.model_dump(exclude={"expected_version"})
        version = getattr(services.cases, action.command)(uuid, request.expected_version, principal, **values)
        # The status as of our own event, even if someone acted again in between.
        status = services.case_queries.status_at_version(uuid, version)
        return ActionResultOut(case_id=uuid, version=version, status=status, status_label=CaseStatus(status).label)

    endpoint.__name__ = f"case_{action.code}"
    endpoint.__doc__ = (body_model.__doc__ or "").strip() + (
        "\n\n`expected_version` 必须等于问题当前版本，否则返回 409 及 `current_version`；"
        "当前状态不允许该操作时返回 409。"
    )
    return endpoint


for _action in CASE_ACTIONS:
    router.add_api_route(
        f"/cases/{{case_id}}/{_action.code}",
        _endpoint(_action),
        methods=["POST"],
        name=f"case_{_action.code}",
        summary=f"{_action.label} {_action.title}",
        response_model=ActionResultOut,
        responses={**NOT_FOUND, **CONFLICT},
    )
