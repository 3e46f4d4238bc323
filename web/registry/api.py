"""What form pickers offer: units, task forces, enterprises and the fixed vocabularies."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from application.shared import (
    CATEGORIES,
    NAME_MAX,
    STREETS,
    CaseStatus,
    Channel,
    Disposition,
    EscalationLevel,
    Role,
    Satisfaction,
    optional_text,
)
from application.shared.access import Permission, Principal
from web.deps import ServicesDep, api_allow
from web.registry.schemas import (
    EnterpriseListOut,
    EnterpriseOut,
    TaskForceListOut,
    TaskForceOut,
    UnitListOut,
    UnitOut,
    VocabularyOut,
)
from web.shared.readers import ResultLimit
from web.shared.schemas import Choice

router = APIRouter(tags=["选项 Registries and vocabulary"])
SEARCH_LIMIT_MAX = 50


def _choices(vocabulary: type) -> list[Choice]:
    return [Choice(code=code, label=label) for code, label in vocabulary.choices()]


@router.get("/units", summary="责任单位 List units", response_model=UnitListOut)
def list_units(services: ServicesDep, _: Principal = Depends(api_allow(Permission.VIEW_REGISTRY))) -> UnitListOut:
    """Every registered responsible unit."""
    return UnitListOut(
        items=[UnitOut(key=u.key, name=u.name, short_name=u.short_name) for u in services.registry_queries.list_units()]
    )


@router.get("/task-forces", summary="工作专班 List task forces", response_model=TaskForceListOut)
def list_task_forces(
    services: ServicesDep, _: Principal = Depends(api_allow(Permission.VIEW_REGISTRY))
) -> TaskForceListOut:
    """Every task force with its leader and member units."""
    return TaskForceListOut(
        items=[
            TaskForceOut(key=t.key, name=t.name, leader=t.leader, member_units=list(t.member_units))
            for t in services.registry_queries.list_task_forces()
        ]
    )


@router.get("/enterprises", summary="查找企业 Search enterprises", response_model=EnterpriseListOut)
def search_enterprises(
    services: ServicesDep,
    _: Principal = Depends(api_allow(Permission.VIEW_REGISTRY)),
    q: str = Query("", description="企业名称或统一社会信用代码的一部分"),
    limit: Annotated[ResultLimit, Query(ge=1, le=SEARCH_LIMIT_MAX, description="最多返回条数")] = 10,
) -> EnterpriseListOut:
    """Registered enterprises whose name or credit code contains the text."""
    found = services.registry_queries.search_enterprises(optional_text(q, "q", "查找文字", NAME_MAX), limit=limit)
    return EnterpriseListOut(
        items=[EnterpriseOut(uscc=e.uscc, name=e.name, street=e.street, industry=e.industry) for e in found]
    )


@router.get("/vocabulary", summary="固定选项 Vocabulary", response_model=VocabularyOut)
def vocabulary(_: Principal = Depends(api_allow(Permission.VIEW_REGISTRY))) -> VocabularyOut:
    """Channels, categories, dispositions, ratings, escalation levels, statuses, roles and streets."""
    return VocabularyOut(
        channels=_choices(Channel),
        categories=list(CATEGORIES),
        dispositions=_choices(Disposition),
        satisfactions=_choices(Satisfaction),
        escalation_levels=_choices(EscalationLevel),
        statuses=_choices(CaseStatus),
        roles=_choices(Role),
        streets=list(STREETS),
    )
