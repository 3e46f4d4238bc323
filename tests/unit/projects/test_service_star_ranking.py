"""The service-star ranking on a hand-made read model (no database), each figure worked out by hand below.

Monday–Friday working days; the period is March–April 2026. 甲秘书 serves kp-a all along:
  C1 logged Mon 03-02, due 03-16, resolved Mon 03-16 (on its deadline), 基本满意; 10 working days
  C2 logged Mon 03-09, due 03-13, resolved Fri 03-20 (late), 满意; 9 working days (03-10 … 03-20)
  C3 logged Wed 04-01, still open
  C4 logged Fri 02-20 (before the period), due 03-06, resolved Wed 03-04, 不满意; 8 working days
  milestones: one reached on its planned day 04-10 (met), one two days late, one reached in May
so logged 3, resolved 3, on time 2, rated 3, (basically) satisfied 2, 27 working days, 1 milestone met:
  3 × 1 + 3 × 3 + (2/3) × 20 + (2/3) × 20 + 1 × 5 − (27/3) × 0.5 = 3 + 9 + 13.33 + 13.33 + 5 − 4.5 = 39.16.
乙秘书 serves kp-b from 04-01 with nothing to show (0); 丙秘书 left kp-b on 03-01 (their last day 02-28).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from uuid import uuid4

import pytest

from application.cases.ports import CaseSummary
from application.projects.ports import MilestoneRow, ProblemRow, SecretaryRow
from application.projects.service_stars import ServiceStars
from application.shared.access import Principal
from application.shared.clock import SHANGHAI
from application.shared.errors import Forbidden
from domain.calendar.working_days import WeekdayCalendar
from domain.projects.service_star import Measures, Period, StarAward, score, score_parts
from domain.shared.actor import Actor
from domain.shared.errors import InvalidValue

MARCH_APRIL = Period(date(2026, 3, 1), date(2026, 4, 30))
DESK = Principal(Actor("desk", "调度台", "task_force_lead"), dispatch_all=True)


def problem(number: str, logged: str, due: str | None, resolved: str | None, rating: str | None) -> ProblemRow:
    """A kp-a problem logged at 10:00 in Dalian on the given day."""
    logged_at = datetime.combine(date.fromisoformat(logged), time(10), tzinfo=SHANGHAI)
    case = CaseSummary(
        uuid4(),
        number,
        "resolved" if resolved else "accepted",
        "visit",
        "市政配套",
        f"问题{number}",
        "uscc",
        "企业",
        "街道",
        "zhujian",
        "住建局",
        None,
        None,
        date.fromisoformat(due) if due else None,
        False,
        logged_at,
        logged_at,
        3,
        resolved_on=date.fromisoformat(resolved) if resolved else None,
    )
    return ProblemRow(case, project="kp-a", satisfaction=rating)


@dataclass
class ReadModel:
    """Just the queries the ranking asks."""

    tenures: list[SecretaryRow]
    cases: dict[str, list[ProblemRow]]
    plans: list[MilestoneRow]
    award_rows: list = field(default_factory=list)

    def secretaries(self) -> list[SecretaryRow]:
        return self.tenures

    def problems(self, project: str) -> list[ProblemRow]:
        return self.cases.get(project, [])

    def milestones(self, projects: tuple[str, ...]) -> list[MilestoneRow]:
        return [m for m in self.plans if m.project in projects]

    def awards(self) -> list:
        return self.award_rows


@dataclass
class WeekdayCalendars:
    """The calendar service's one answer the ranking needs: Monday to Friday."""

    working_calendar: WeekdayCalendar = field(default_factory=WeekdayCalendar)


def Stars(read_model: ReadModel) -> ServiceStars:  # noqa: N802 - reads as the thing it builds
    """The ranking use case over the hand-made read model and a Monday–Friday calendar (nothing else is used)."""
    return ServiceStars(
        store=None,
        clock=None,
        reads=read_model,
        calendar=WeekdayCalendars(),  # type: ignore[arg-type]
        case_queries=None,
    )  # type: ignore[arg-type]  # the ranking neither writes nor scopes


def tenure(project: str, secretary_id: str, name: str, since: str, until: str | None = None) -> SecretaryRow:
    return SecretaryRow(
        project,
        "district",
        secretary_id,
        name,
        "yingshang",
        "0411-1",
        date.fromisoformat(since),
        date.fromisoformat(until) if until else None,
    )


def milestone(name: str, planned: str, achieved: str | None) -> MilestoneRow:
    return MilestoneRow(
        "kp-a",
        name,
        date.fromisoformat(planned),
        date.fromisoformat(planned),
        date.fromisoformat(achieved) if achieved else None,
        0,
    )


def scenario() -> Stars:
    return Stars(
        ReadModel(
            tenures=[
                tenure("kp-a", "s-jia", "甲秘书", "2026-01-01"),
                tenure("kp-b", "s-bing", "丙秘书", "2025-06-01", "2026-03-01"),
                tenure("kp-b", "s-yi", "乙秘书", "2026-04-01"),
            ],
            cases={
                "kp-a": [
                    problem("C1", "2026-03-02", "2026-03-16", "2026-03-16", "basically_satisfied"),
                    problem("C2", "2026-03-09", "2026-03-13", "2026-03-20", "satisfied"),
                    problem("C3", "2026-04-01", "2026-04-15", None, None),
                    problem("C4", "2026-02-20", "2026-03-06", "2026-03-04", "dissatisfied"),
                ]
            },
            plans=[
                milestone("开工", "2026-04-10", "2026-04-10"),
                milestone("主体封顶", "2026-03-31", "2026-04-02"),
                milestone("竣工", "2026-05-01", "2026-05-02"),
            ],
        )
    )


def test_the_measures_and_score_match_the_hand_count():
    jia = scenario().star_ranking(DESK, MARCH_APRIL).entries[0]
    assert (jia.rank, jia.secretary_id, jia.name, jia.projects) == (1, "s-jia", "甲秘书", ("kp-a",))
    assert jia.measures == Measures(
        logged=3, resolved=3, resolved_on_time=2, rated=3, satisfied=2, working_days_to_resolve=27, milestones_met=1
    )
    assert jia.parts == {
        "logged": 3.0,
        "resolved": 9.0,
        "on_time_share": 13.33,
        "satisfaction_share": 13.33,
        "milestones_met": 5.0,
        "average_days": -4.5,
    }
    assert jia.score == 39.16
    assert jia.milestones == ["kp-a：开工"]


def test_each_case_says_what_it_counted_for():
    jia = scenario().star_ranking(DESK, MARCH_APRIL).entries[0]
    assert [(c.case_no, c.counted_for) for c in jia.cases] == [
        ("C1", ("logged", "resolved", "on_time", "satisfied")),
        ("C2", ("logged", "resolved", "satisfied")),
        ("C3", ("logged",)),
        ("C4", ("resolved", "on_time")),
    ]


def test_only_secretaries_serving_in_the_period_are_ranked_and_an_empty_record_scores_zero():
    ranking = scenario().star_ranking(DESK, MARCH_APRIL)
    assert [(e.rank, e.name, e.score) for e in ranking.entries] == [(1, "甲秘书", 39.16), (2, "乙秘书", 0.0)]
    assert ranking.entries[1].measures == Measures(0, 0, 0, 0, 0, 0, 0)
    assert ranking.award is None


def test_a_secretary_counts_only_the_days_they_served():
    stars = scenario()
    stars.reads.tenures = [
        tenure("kp-a", "s-jia", "甲秘书", "2026-01-01", "2026-03-10"),
        tenure("kp-a", "s-ding", "丁秘书", "2026-03-10"),
    ]
    by_name = {e.name: e for e in stars.star_ranking(DESK, MARCH_APRIL).entries}
    # 甲 served until 03-09: C1 logged, C4 resolved (on time, dissatisfied); C2 was logged on 03-09 too.
    assert by_name["甲秘书"].measures == Measures(2, 1, 1, 1, 0, 8, 0)
    # 丁 from 03-10: C1 and C2 resolved, C3 logged, the milestone of 04-10 met.
    assert by_name["丁秘书"].measures == Measures(1, 2, 1, 2, 2, 19, 1)


def test_ties_go_to_more_resolved_then_name():
    stars = scenario()
    stars.reads.cases = {}
    stars.reads.plans = []
    stars.reads.tenures.append(tenure("kp-c", "s-a", "艾秘书", "2026-01-01"))
    # All score 0 with nothing resolved: by name, in code-point order (乙 U+4E59, 甲 U+7532, 艾 U+827E).
    assert [e.name for e in stars.star_ranking(DESK, MARCH_APRIL).entries] == ["乙秘书", "甲秘书", "艾秘书"]


def test_the_ranked_and_handlers_may_not_see_the_ranking():
    for role in ("service_secretary", "unit_handler", "cadre"):
        with pytest.raises(Forbidden):
            scenario().star_ranking(Principal(Actor("x", "某人", role)), MARCH_APRIL)


def test_score_parts_are_rounded_and_never_negative_zero():
    nothing = Measures(0, 0, 0, 0, 0, 0, 0)
    assert score_parts(nothing) == dict.fromkeys(
        ("logged", "resolved", "on_time_share", "satisfaction_share", "milestones_met", "average_days"), 0.0
    )
    assert str(score_parts(nothing)["average_days"]) == "0.0"
    # 1 logged, 7 resolved of which 5 on time, 3 of 4 rated satisfied, 2 milestones, 30 working days:
    # 1 + 21 + 100/7 (14.29) + 15 + 10 − 30/7 × 0.5 (2.14) = 59.15
    some = Measures(1, 7, 5, 4, 3, 30, 2)
    assert score_parts(some) == {
        "logged": 1.0,
        "resolved": 21.0,
        "on_time_share": 14.29,
        "satisfaction_share": 15.0,
        "milestones_met": 10.0,
        "average_days": -2.14,
    }
    assert score(some) == 59.15


def test_a_period_runs_forwards_for_at_most_a_year_both_days_included():
    assert Period.of(date(2026, 3, 1), date(2026, 3, 1)) == Period(date(2026, 3, 1), date(2026, 3, 1))
    assert Period.of(date(2026, 1, 1), date(2027, 1, 2)).end == date(2027, 1, 2)  # 366 days
    with pytest.raises(InvalidValue) as backwards:
        Period.of(date(2026, 4, 30), date(2026, 3, 1))
    assert (backwards.value.message, backwards.value.field) == (
        "统计期结束日期 2026-03-01 早于开始日期 2026-04-30",
        "end",
    )
    with pytest.raises(InvalidValue) as too_long:
        Period.of(date(2026, 1, 1), date(2027, 1, 3))
    assert (too_long.value.message, too_long.value.field) == ("统计期不能超过一年", "end")
    assert date(2026, 3, 1) in MARCH_APRIL and date(2026, 4, 30) in MARCH_APRIL
    assert date(2026, 2, 28) not in MARCH_APRIL and date(2026, 5, 1) not in MARCH_APRIL and None not in MARCH_APRIL


def star(secretary_id: str, name: str = "甲秘书", score_shown: object = "39.16") -> dict:
    return {"secretary_id": secretary_id, "name": name, "score": score_shown}


def test_the_chosen_stars_keep_the_scores_shown():
    award = StarAward.choose(
        MARCH_APRIL,
        [star("s-jia", " 甲秘书 "), star("s-yi", "乙秘书", 0)],
        " 综合评定 ",
        DESK.actor,
        datetime(2026, 5, 6, 2, tzinfo=SHANGHAI),
    )
    assert (award.id, award.start, award.end, award.note) == (
        StarAward.create_id(date(2026, 3, 1), date(2026, 4, 30)),
        date(2026, 3, 1),
        date(2026, 4, 30),
        "综合评定",
    )
    assert award.stars == [
        {"secretary_id": "s-jia", "name": "甲秘书", "score": 39.16},
        {"secretary_id": "s-yi", "name": "乙秘书", "score": 0.0},
    ]
    assert StarAward.create_id(date(2026, 3, 1), date(2026, 4, 30)) != StarAward.create_id(
        date(2026, 5, 1), date(2026, 6, 30)
    )
    assert StarAward.choose(MARCH_APRIL, [star("s-jia")], "", DESK.actor, datetime.now(SHANGHAI)).note == ""


@pytest.mark.parametrize(
    "stars, message",
    [
        ([], "请至少选择一名服务之星"),
        ([star(f"s-{i}") for i in range(11)], "每期服务之星不超过10名"),
        ([star("s-jia"), star("s-jia")], "同一名秘书不能重复入选"),
        ([star("s-jia", " ")], "秘书姓名不能为空"),
    ],
)
def test_a_choice_of_stars_is_checked(stars, message):
    with pytest.raises(InvalidValue) as caught:
        StarAward.choose(MARCH_APRIL, stars, "", DESK.actor, datetime.now(SHANGHAI))
    assert (caught.value.message, caught.value.field) == (message, "stars")
    assert (
        len(
            StarAward.choose(
                MARCH_APRIL, [star(f"s-{i}") for i in range(10)], "", DESK.actor, datetime.now(SHANGHAI)
            ).stars
        )
        == 10
    )


def test_an_award_records_who_chose_when_and_limits_names_and_notes():
    at = datetime(2026, 5, 6, 2, tzinfo=SHANGHAI)
    award = StarAward.choose(MARCH_APRIL, [star("s-jia")], "", DESK.actor, at)
    (chosen,) = award.collect_events()
    assert (chosen.actor, chosen.timestamp) == (DESK.actor.as_dict(), at)
    for stars, note, message, field_name in (
        ([star("s-jia", "名" * 201)], "", "秘书姓名不能超过200字（当前201字）", "stars"),
        ([star("s-jia")], "说" * 1001, "评选说明不能超过1000字（当前1001字）", "note"),
    ):
        with pytest.raises(InvalidValue) as caught:
            StarAward.choose(MARCH_APRIL, stars, note, DESK.actor, at)
        assert (caught.value.message, caught.value.field) == (message, field_name)
    # Shares are rounded to two decimals: 1 of 3 rated satisfied, 20 / 3 = 6.666… → 6.67.
    assert score(Measures(0, 0, 0, 3, 1, 0, 0)) == 6.67
    assert score(Measures(1, 3, 1, 0, 0, 0, 0)) == 16.67  # 1 + 9 + 6.67
