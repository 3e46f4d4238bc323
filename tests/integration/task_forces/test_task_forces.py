"""Task forces, key projects and service stars over the district scenario, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest

from application.cases.ports import CaseFilter
from application.projects.commands import SecretaryDetails
from application.scenario.loader import ScenarioResult
from application.services import Services
from application.shared.access import Principal
from application.shared.errors import Forbidden, NotFound
from domain.projects.service_star import Measures, Period
from domain.shared.actor import Actor
from domain.shared.errors import DomainError, InvalidValue, NotResolved, TierOccupied
from domain.task_forces.task_force import ListedProblem, MeetingMinutes
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services
from tests.support.app import DISPATCH, INSPECTOR, log_problems
from tests.support.scenario_copies import LoadedScenario

TODAY = datetime(2026, 11, 20, 2, tzinfo=UTC)
SUN = Principal(Actor("secretary-01", "孙晓东", "service_secretary"))  # district secretary of Wanxianghui
HAN = Principal(Actor("secretary-10", "韩梅", "service_secretary"))  # a listing secretary
LEADER = Principal(Actor("leader-tf-wanxianghui", "王立新", "task_force_lead"), task_forces=("tf-wanxianghui",))
MARCH_APRIL = Period(date(2026, 3, 1), date(2026, 4, 30))


@pytest.fixture
def loaded(loaded_scenario: LoadedScenario) -> Iterator[tuple[Services, ScenarioResult, Any]]:
    clock = loaded_scenario.clock()
    clock.set(TODAY)
    ganxin = build_services(Settings(database_url=loaded_scenario.url), clock=clock)
    yield ganxin, loaded_scenario.result, clock
    ganxin.store.close()


def test_wanxianghui_matches_the_district_report(loaded) -> None:
    ganxin, _, _ = loaded
    view = ganxin.project_views.task_force_view(DISPATCH, "tf-wanxianghui")
    assert view.task_force.total == 11
    assert view.struck_off_in_time == 10
    assert [p.row.case.description for p in view.escalated] == ["华润万象汇项目建设中需项目地块周边燃气主管改线"]
    assert "市级" in view.escalated[0].row.escalation_reason
    assert [m.number for m in view.meetings] == [1, 2, 3]
    assert len(view.meetings[1].struck_off) == 10
    assert view.last_meeting.held_on == date(2026, 5, 27)


def test_the_leaders_view_counts_every_task_force(loaded) -> None:
    ganxin, _, _ = loaded
    rows = {t.key: t for t in ganxin.project_views.task_force_overview(DISPATCH)}
    assert (rows["tf-wanxianghui"].total, rows["tf-wanxianghui"].open, rows["tf-wanxianghui"].struck_off) == (11, 0, 11)
    assert set(rows) == {"tf-wanxianghui", "tf-listing", "tf-dachuan"}


def test_ledger_as_of_a_past_day_is_what_stood_then(loaded) -> None:
    ganxin, _, _ = loaded
    then = ganxin.ledger.task_force_ledger(DISPATCH, "tf-wanxianghui", date(2026, 4, 16))
    now = ganxin.ledger.task_force_ledger(DISPATCH, "tf-wanxianghui")
    # By the end of 16 April four problems were resolved (13th, 14th, 15th and 16th); by now all eleven.
    assert [r.resolved for r in then.rows].count(True) == 4
    assert all(r.resolved for r in now.rows) and len(now.rows) == 11
    assert "已销号" in now.rows[0].remarks and "已销号" not in then.rows[0].remarks
    with pytest.raises(InvalidValue):
        ganxin.ledger.task_force_ledger(DISPATCH, "tf-wanxianghui", date(2027, 1, 1))


def test_a_secretary_sees_only_their_projects(loaded) -> None:
    ganxin, _, _ = loaded
    assert [p.key for p in ganxin.project_views.my_projects(SUN)] == ["kp-wanxianghui"]
    assert [p.key for p in ganxin.project_views.project_list(SUN)] == ["kp-wanxianghui"]
    assert len(ganxin.project_views.project_view(SUN, "kp-wanxianghui").problems) == 11
    with pytest.raises(NotFound):
        ganxin.project_views.project_view(SUN, "kp-liancheng")
    assert (
        all(p.kind == "listing_reserve" for p in ganxin.project_views.project_list(HAN))
        and len(ganxin.project_views.project_list(HAN)) == 2
    )
    assert len(ganxin.case_queries.list_cases(SUN, _filter()).items) == 11  # the cases of their project


def test_an_inspector_reads_everything_and_changes_nothing(loaded) -> None:
    ganxin, _, _ = loaded
    assert len(ganxin.project_views.project_list(INSPECTOR)) == 9
    assert ganxin.project_views.task_force_view(INSPECTOR, "tf-wanxianghui").task_force.total == 11
    version = ganxin.registry.get_task_force("tf-wanxianghui").version
    with pytest.raises(Forbidden):
        ganxin.task_forces.hold_meeting(INSPECTOR, "tf-wanxianghui", version, _minutes())
    with pytest.raises(Forbidden):
        ganxin.projects.plan_milestone(INSPECTOR, "kp-wanxianghui", 1, "开业", date(2027, 12, 1))


def test_the_service_star_ranking_is_reproducible_after_a_rebuild(loaded) -> None:
    ganxin, _, _ = loaded
    first = ganxin.service_stars.star_ranking(DISPATCH, MARCH_APRIL)
    ganxin.store.projector.rebuild()
    again = ganxin.service_stars.star_ranking(DISPATCH, MARCH_APRIL)
    assert [(e.secretary_id, e.score) for e in first.entries] == [(e.secretary_id, e.score) for e in again.entries]
    top = first.entries[0]
    assert top.measures.resolved == 10 and top.measures.resolved_on_time == 10
    assert len(top.cases) == 11


def test_the_wanxianghui_secretaries_scores_match_the_hand_count(loaded) -> None:
    # All 11 problems logged 04-08 and given 10 working days: due 04-22 (9, 10, 13-17, 20-22 April).
    # March-April: wxh-01 … 10 resolved 04-13 … 04-22 (04-22 itself on time), all rated 满意, after
    # 4+6+8+7+9+5+8+10+9+3 = 69 working days; no milestone reached before 05-12.
    # 11 × 1 + 10 × 3 + 1 × 20 + 1 × 20 + 0 − 6.9 × 0.5 = 77.55, the same for the project's three secretaries;
    # tied on resolved too, they are ranked by name (刘 U+5218, 孙 U+5B59, 陈 U+9648).
    ganxin, _, _ = loaded
    ranking = ganxin.service_stars.star_ranking(DISPATCH, MARCH_APRIL)
    assert [(e.rank, e.name, e.score) for e in ranking.entries[:3]] == [
        (1, "刘畅", 77.55),
        (2, "孙晓东", 77.55),
        (3, "陈静", 77.55),
    ]
    sun = ranking.entries[1]
    assert sun.measures == Measures(11, 10, 10, 10, 10, 69, 0)
    assert sun.parts == {
        "logged": 11.0,
        "resolved": 30.0,
        "on_time_share": 20.0,
        "satisfaction_share": 20.0,
        "milestones_met": 0.0,
        "average_days": -3.45,
    }
    # May-June: wxh-11 (the gas main) resolved 05-20, late, rated 基本满意, after 16 April working days and
    # 12 in May (1-5 May off, Saturday 05-09 worked); 规划许可 reached 05-12, planned 05-15.
    # 0 + 1 × 3 + 0 + 1 × 20 + 1 × 5 − 28 × 0.5 = 14.
    may_june = ganxin.service_stars.star_ranking(DISPATCH, Period(date(2026, 5, 1), date(2026, 6, 30)))
    sun = next(e for e in may_june.entries if e.name == "孙晓东")
    assert sun.measures == Measures(0, 1, 0, 1, 1, 28, 1)
    assert sun.score == 14.0


def test_bad_meetings_change_nothing(loaded) -> None:
    ganxin, result, _ = loaded
    version = ganxin.registry.get_task_force("tf-wanxianghui").version
    for bad in (_minutes(attendees=()), _minutes(held_on=date(2026, 12, 1))):
        with pytest.raises(InvalidValue):
            ganxin.task_forces.hold_meeting(LEADER, "tf-wanxianghui", version, bad)
    open_case = str(result.case_ids["wxh-11"])
    with pytest.raises(DomainError):  # already struck off: a closed case takes nothing more
        ganxin.task_forces.hold_meeting(LEADER, "tf-wanxianghui", version, _minutes(struck_off=(open_case,)))
    assert ganxin.registry.get_task_force("tf-wanxianghui").version == version


def test_a_problem_from_any_channel_joins_the_list_but_is_struck_off_only_when_resolved(loaded) -> None:
    ganxin, _, _ = loaded
    # The lead lists a problem inside their remit: one they took on the hotline themselves.
    [case_id] = log_problems(
        ganxin, "商场开业前需协调周边停车位", channel="hotline", occurred_on=date(2026, 11, 20), by=LEADER
    )
    ganxin.cases.classify_case(case_id, 1, DISPATCH, "immediate", "")
    version = ganxin.registry.get_task_force("tf-wanxianghui").version
    listed = _minutes(listed=(ListedProblem(str(case_id), "chengguan", 5),))
    assert ganxin.task_forces.hold_meeting(LEADER, "tf-wanxianghui", version, listed) == 4
    case = ganxin.case_queries.get_case(DISPATCH, case_id).case
    assert (case.task_force, case.lead_unit, case.status) == ("tf-wanxianghui", "chengguan", "assigned")
    assert case.due_on == date(2026, 11, 26)  # five working days after the meeting on Thursday 19 November
    assert ganxin.project_views.task_force_view(DISPATCH, "tf-wanxianghui").task_force.total == 12
    with pytest.raises(NotResolved):
        ganxin.task_forces.hold_meeting(LEADER, "tf-wanxianghui", version + 1, _minutes(struck_off=(str(case_id),)))
    assert ganxin.registry.get_task_force("tf-wanxianghui").version == version + 1


def test_secretaries_and_milestones_refuse_bad_input(loaded) -> None:
    ganxin, _, _ = loaded
    project = ganxin.project_views.project_view(DISPATCH, "kp-aode").project
    twice = SecretaryDetails("district", "secretary-99", "新秘书", "fagai", date(2026, 6, 1))
    with pytest.raises(TierOccupied):
        ganxin.projects.appoint_secretary(DISPATCH, "kp-aode", project.version, twice)
    wanxianghui = ganxin.project_views.project_view(DISPATCH, "kp-wanxianghui").project
    with pytest.raises(InvalidValue):  # a re-plan without a reason
        ganxin.projects.replan_milestone(
            DISPATCH, "kp-wanxianghui", wanxianghui.version, "竣工验收", date(2027, 12, 1), ""
        )
    assert ganxin.project_views.project_view(DISPATCH, "kp-aode").project.version == project.version
    assert ganxin.project_views.project_view(DISPATCH, "kp-wanxianghui").project.version == wanxianghui.version


def _minutes(**changes: Any) -> MeetingMinutes:
    values = {"held_on": date(2026, 11, 19), "attendees": ("王立新",), "decisions": ("继续跟踪",)} | changes
    return MeetingMinutes(**values)


def _filter() -> CaseFilter:
    return CaseFilter(per_page=100)
