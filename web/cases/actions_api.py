"""POST /cases/{case_id}/{action}: one documented route per action, registered from one table."""

# No `from __future__ import annotations` here: the endpoints below are built in a loop and FastAPI
# must see each body model as a real class, not as a name it would look up in this module.

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends

from application.accounts.access import Permission, Principal
from application.shared.store import Ganxin
from domain.cases.case import Case
from domain.shared.vocabulary import CaseStatus
from web.shared import bodies as b
from web.cases.api import CaseId
from web.cases.convert import parse_case_id
from web.cases.schemas import ActionResultOut
from web.shared.schemas import CONFLICT, NOT_FOUND
from web.deps import api_allow, get_ganxin

router = APIRouter(tags=["办理 Case actions"])

# Calls the Ganxin command with (case id, expected version, principal, body); returns the new version.
Command = Callable[[Ganxin, UUID, int, Principal, Any], int]


@dataclass(frozen=True)
class ActionRoute:
    """One action: its path segment, body model, command and documentation."""

    name: str
    body: type[b.ActionIn]
    command: Command
    summary: str


ACTIONS: list[ActionRoute] = [
    ActionRoute("classify", b.ClassifyIn, lambda g, c, v, a, x: g.classify_case(
        c, v, a, disposition=x.disposition, reason=x.reason), "研判 Classify"),
    ActionRoute("assign", b.AssignIn, lambda g, c, v, a, x: g.assign_case(
        c, v, a, lead_unit=x.lead_unit, working_days=x.working_days,
        supporting_units=x.supporting_units, task_force=x.task_force), "分办 Assign"),
    ActionRoute("accept", b.AcceptIn, lambda g, c, v, a, x: g.accept_case(c, v, a), "签收 Accept"),
    ActionRoute("return", b.ReturnIn, lambda g, c, v, a, x: g.return_case(
        c, v, a, reason=x.reason), "退回 Return"),
    ActionRoute("transfer", b.TransferIn, lambda g, c, v, a, x: g.transfer_case(
        c, v, a, to_unit=x.to_unit, reason=x.reason), "转办 Transfer"),
    ActionRoute("progress", b.ProgressIn, lambda g, c, v, a, x: g.note_progress(
        c, v, a, note=x.note), "记录进展 Note progress"),
    ActionRoute("remind", b.RemindIn, lambda g, c, v, a, x: g.record_reminder(
        c, v, a, note=x.note), "催办 Remind"),
    ActionRoute("request_extension", b.RequestExtensionIn, lambda g, c, v, a, x: g.request_extension(
        c, v, a, working_days=x.working_days, reason=x.reason), "申请延期 Request extension"),
    ActionRoute("grant_extension", b.GrantExtensionIn, lambda g, c, v, a, x: g.grant_extension(
        c, v, a, note=x.note), "批准延期 Grant extension"),
    ActionRoute("refuse_extension", b.RefuseExtensionIn, lambda g, c, v, a, x: g.refuse_extension(
        c, v, a, reason=x.reason), "不予延期 Refuse extension"),
    ActionRoute("escalate", b.EscalateIn, lambda g, c, v, a, x: g.escalate_case(
        c, v, a, level=x.level, reason=x.reason), "提级 Escalate"),
    ActionRoute("resolve", b.ResolveIn, lambda g, c, v, a, x: g.resolve_case(
        c, v, a, resolution=x.resolution), "办结 Resolve"),
    ActionRoute("feedback", b.FeedbackIn, lambda g, c, v, a, x: g.give_feedback(
        c, v, a, satisfaction=x.satisfaction, comment=x.comment), "回访评价 Feedback"),
    ActionRoute("reopen", b.ReopenIn, lambda g, c, v, a, x: g.reopen_case(
        c, v, a, reason=x.reason), "重新办理 Reopen"),
    ActionRoute("close", b.CloseIn, lambda g, c, v, a, x: g.close_case(c, v, a, note=x.note), "销号 Close"),
    ActionRoute("register_cannot_do", b.RegisterCannotDoIn, lambda g, c, v, a, x: g.register_cannot_do(
        c, v, a, reason=x.reason), "不能办备案 Register as cannot-do"),
]


def _endpoint(action: ActionRoute) -> Callable[..., ActionResultOut]:
    """The route function for one action, with its own body model in the signature."""

    def endpoint(
        case_id: CaseId,
        body: action.body,  # type: ignore[name-defined]
        ganxin: Ganxin = Depends(get_ganxin),
        principal: Principal = Depends(api_allow(Permission.ACT_ON_CASES)),
    ) -> ActionResultOut:
        uuid = parse_case_id(case_id)
        version = action.command(ganxin, uuid, body.expected_version, principal, body)
        # The status as of our own event, even if someone acted again in between.
        case: Case = ganxin.repository.get(uuid, version=version)
        return ActionResultOut(case_id=uuid, version=version, status=case.status,
                               status_label=CaseStatus(case.status).label)

    endpoint.__name__ = f"case_{action.name}"
    endpoint.__doc__ = (action.body.__doc__ or "").strip() + (
        "\n\n`expected_version` 必须等于问题当前版本，否则返回 409 及 `current_version`；"
        "当前状态不允许该操作时返回 409。"
    )
    return endpoint


for _action in ACTIONS:
    router.add_api_route(
        f"/cases/{{case_id}}/{_action.name}",
        _endpoint(_action),
        methods=["POST"],
        name=f"case_{_action.name}",
        summary=_action.summary,
        response_model=ActionResultOut,
        responses={**NOT_FOUND, **CONFLICT},
    )
