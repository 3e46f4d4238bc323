"""Reading cases: the filtered list, one case, and its history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from application.cases import PER_PAGE_MAX, CaseFilter, check_category, check_channel
from application.shared import CATEGORIES, NAME_MAX, CaseStatus, Channel, check_choice, optional_text
from application.shared.access import Permission, Principal
from web.cases.convert import case_out, history_event_out, parse_case_id, summary_out
from web.cases.schemas import CaseHistoryOut, CaseOut, CasePageOut
from web.deps import ServicesDep, api_allow
from web.shared.bodies import codes_of
from web.shared.readers import AS_OF_HELP, PageNumber, PerPage
from web.shared.schemas import NOT_FOUND

router = APIRouter(tags=["问题 Cases"])

PAGE_MAX = 1_000_000  # beyond any real ledger; keeps the SQL offset inside a 64-bit integer
AT_HELP = "查看该问题在某一过去时刻的状态：YYYY-MM-DDTHH:MM（北京时间，含该分钟内的事件）或 YYYY-MM-DD（当日结束时）"
CaseId = Annotated[str, Path(description="问题编号（UUID）", json_schema_extra={"format": "uuid"})]


def _filter(value: str | None, field: str, label: str) -> str | None:
    """Trimmed filter text; '' (as forms send) means 'any'; control characters are refused, not sent to SQL."""
    return optional_text(value, field, label, NAME_MAX) or None


@router.get("/cases", summary="问题清单 List cases", response_model=CasePageOut)
def list_cases(
    services: ServicesDep,
    principal: Principal = Depends(api_allow(Permission.VIEW_CASES)),
    status: str | None = Query(None, description="状态", json_schema_extra=codes_of(CaseStatus)),
    lead_unit: str | None = Query(None, description="牵头单位代码"),
    task_force: str | None = Query(None, description="工作专班代码"),
    channel: str | None = Query(None, description="来源渠道", json_schema_extra=codes_of(Channel)),
    category: str | None = Query(None, description="问题类别", json_schema_extra={"enum": list(CATEGORIES)}),
    enterprise_uscc: str | None = Query(None, description="企业统一社会信用代码"),
    uscc: str | None = Query(None, description="enterprise_uscc 的简写"),
    q: str | None = Query(None, description="在问题描述、企业名称等中查找的文字"),
    page: Annotated[PageNumber, Query(le=PAGE_MAX, description="页码，从1开始")] = 1,
    per_page: Annotated[PerPage, Query(description=f"每页条数（1至{PER_PAGE_MAX}）")] = 20,
    as_of: str | None = Query(None, description=AS_OF_HELP),
) -> CasePageOut:
    """A page of cases matching the filters, most recently active first."""
    status, channel = _filter(status, "status", "问题状态"), _filter(channel, "channel", "来源渠道")
    category = _filter(category, "category", "问题类别")
    code = _filter(enterprise_uscc, "enterprise_uscc", "信用代码") or _filter(uscc, "uscc", "信用代码")
    case_filter = CaseFilter(
        status=check_choice(status, CaseStatus, "status", "问题状态").value if status else None,
        lead_unit=_filter(lead_unit, "lead_unit", "牵头单位"),
        task_force=_filter(task_force, "task_force", "工作专班"),
        channel=check_channel(channel) if channel else None,
        category=check_category(category) if category else None,
        enterprise_uscc=code.upper() if code else None,
        text=_filter(q, "q", "查找文字"),
        page=page,
        per_page=per_page,
    )
    if as_of:
        moment = services.cases_as_of.moment(as_of, "as_of")
        past = services.cases_as_of.list_cases_as_of(principal, case_filter, moment)
        return CasePageOut(
            items=[summary_out(row, services.cases_as_of.summary_standing_on(row, moment.day)) for row in past.items],
            total=past.total,
            page=past.page,
            per_page=past.per_page,
            pages=past.pages,
            as_of=moment.shown,
        )
    result = services.case_queries.list_cases(principal, case_filter)
    return CasePageOut(
        items=[summary_out(row, services.board.standing_of(row)) for row in result.items],
        total=result.total,
        page=result.page,
        per_page=result.per_page,
        pages=result.pages,
    )


@router.get("/cases/{case_id}", summary="问题详情 Get a case", response_model=CaseOut, responses=NOT_FOUND)
def get_case(
    case_id: CaseId,
    services: ServicesDep,
    principal: Principal = Depends(api_allow(Permission.VIEW_CASES)),
    at: str | None = Query(None, description=AT_HELP),
) -> CaseOut:
    """The case as it stands now (or stood at `at`), replayed from its events, with the actions allowed now."""
    if at:
        moment = services.cases_as_of.moment(at)
        return case_out(services.cases_as_of.case_at(principal, parse_case_id(case_id), moment), as_of=moment.shown)
    return case_out(services.case_queries.get_case(principal, parse_case_id(case_id)))


@router.get(
    "/cases/{case_id}/history", summary="办理记录 Case history", response_model=CaseHistoryOut, responses=NOT_FOUND
)
def case_history(
    case_id: CaseId,
    services: ServicesDep,
    principal: Principal = Depends(api_allow(Permission.VIEW_CASE_HISTORY)),
    at: str | None = Query(None, description=AT_HELP),
) -> CaseHistoryOut:
    """Every event of the case (up to `at`, if given), oldest first, with who did it and when."""
    uuid = parse_case_id(case_id)
    if at:
        moment = services.cases_as_of.moment(at)
        events = services.cases_as_of.case_history_at(principal, uuid, moment)
        return CaseHistoryOut(case_id=uuid, events=[history_event_out(e) for e in events], as_of=moment.shown)
    events = services.case_queries.case_history(principal, uuid)
    return CaseHistoryOut(case_id=uuid, events=[history_event_out(e) for e in events])
