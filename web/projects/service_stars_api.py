"""The bimonthly service star: the ranking with its breakdown, and recording the chosen stars."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from application.projects import WEIGHTS, check_period
from application.shared.access import Permission, Principal
from web.deps import ServicesDep, api_allow
from web.shared.bodies import Body
from web.shared.readers import EndDay, StartDay
from web.shared.schemas import CONFLICT

router = APIRouter(tags=["服务之星 Service stars"])


class CountedCaseOut(BaseModel):
    """A case behind a score."""

    case_no: str
    description: str
    project: str
    counted_for: list[str]


class StarEntryOut(BaseModel):
    """One secretary's place, measures and score breakdown."""

    rank: int
    secretary_id: str
    name: str
    projects: list[str]
    measures: dict[str, float]
    parts: dict[str, float]
    score: float
    cases: list[CountedCaseOut]
    milestones: list[str]


class RankingOut(BaseModel):
    """A period's ranking, the weights used, and the stars if already chosen."""

    start: date
    end: date
    weights: dict[str, float]
    entries: list[StarEntryOut]
    stars: list[dict] | None


class StarsIn(Body):
    """The leader's choice for a period."""

    start: StartDay
    end: EndDay
    secretary_ids: list[str] = Field(description="入选秘书账号")
    note: str = ""


@router.get("/service-stars", summary="服务之星排名 Ranking", response_model=RankingOut)
def ranking(
    start: Annotated[StartDay, Query()],
    end: Annotated[EndDay, Query()],
    services: ServicesDep,
    principal: Principal = Depends(api_allow(Permission.VIEW_STAR_RANKING)),
) -> RankingOut:
    """Secretaries ranked on the documented measures (README, "Service star"), with the cases behind each."""
    result = services.service_stars.star_ranking(principal, check_period(start, end))
    entries = [
        StarEntryOut(
            rank=e.rank,
            secretary_id=e.secretary_id,
            name=e.name,
            projects=list(e.projects),
            measures={
                **e.measures.__dict__,
                "on_time_share": e.measures.on_time_share,
                "satisfaction_share": e.measures.satisfaction_share,
                "average_days": e.measures.average_days,
            },
            parts=e.parts,
            score=e.score,
            milestones=e.milestones,
            cases=[
                CountedCaseOut(
                    case_no=c.case_no, description=c.description, project=c.project, counted_for=list(c.counted_for)
                )
                for c in e.cases
            ],
        )
        for e in result.entries
    ]
    return RankingOut(
        start=start, end=end, weights=WEIGHTS, entries=entries, stars=result.award.stars if result.award else None
    )


@router.post(
    "/service-stars",
    summary="评定服务之星 Record the chosen stars",
    status_code=201,
    response_model=RankingOut,
    responses=CONFLICT,
)
def choose(
    body: StarsIn, services: ServicesDep, principal: Principal = Depends(api_allow(Permission.CHOOSE_STARS))
) -> RankingOut:
    """Record the stars (an event); each keeps the score the ranking showed."""
    services.service_stars.choose_stars(principal, check_period(body.start, body.end), body.secretary_ids, body.note)
    return ranking(body.start, body.end, services, principal)
