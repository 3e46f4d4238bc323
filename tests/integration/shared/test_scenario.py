"""The district scenario replayed through the application, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest

from application.cases.ports import CaseFilter
from application.scenario.loader import (
    ScenarioAlreadyLoaded,
    ScenarioResult,
    load_scenario,
    read_bundled_scenario,
    scenario_clock,
)
from application.services import Services
from application.shared.clock import SHANGHAI, ControlledClock, local_date
from domain.visits.visit import Visit
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services
from tests.support.app import DISPATCH
from tests.support.scenario_copies import LoadedScenario

WANXIANGHUI_KEYS = [f"wxh-{n:02d}" for n in range(1, 12)]


@pytest.fixture
def scenario() -> dict[str, Any]:
    return read_bundled_scenario()


@pytest.fixture
def loaded(loaded_scenario: LoadedScenario) -> Iterator[tuple[Services, ScenarioResult, ControlledClock]]:
    clock = loaded_scenario.clock()
    ganxin = build_services(Settings(database_url=loaded_scenario.url), clock=clock)
    yield ganxin, loaded_scenario.result, clock
    ganxin.store.close()


def history(ganxin: Services, result: ScenarioResult, key: str) -> list[Any]:
    return ganxin.case_queries.case_history(DISPATCH, result.case_ids[key])


def types(entries: list[Any]) -> list[str]:
    return [e.type for e in entries]


def test_every_case_of_the_scenario_is_listed(loaded, scenario) -> None:
    ganxin, result, _ = loaded
    page = ganxin.case_queries.list_cases(DISPATCH, CaseFilter(per_page=100))
    assert page.total == len(scenario["cases"]) == 34
    assert {row.case_id for row in page.items} == set(result.case_ids.values())
    assert result.case_projects["wxh-01"] == "kp-wanxianghui"
    assert "meiluo-land" not in result.case_projects


def test_the_wanxianghui_task_force_lists_its_eleven_cases_from_one_visit(loaded) -> None:
    ganxin, result, _ = loaded
    page = ganxin.case_queries.list_cases(DISPATCH, CaseFilter(task_force="tf-wanxianghui"))
    assert page.total == 11
    assert {row.case_id for row in page.items} == {result.case_ids[k] for k in WANXIANGHUI_KEYS}
    assert {row.task_force_name for row in page.items} == {"华润万象汇项目工作专班"}
    visit_ids = {result.visit_ids[k] for k in WANXIANGHUI_KEYS}
    assert len(visit_ids) == 1
    visit = ganxin.store.get(visit_ids.pop())
    assert isinstance(visit, Visit)
    assert visit.occurred_on == date(2026, 4, 8)
    assert len(visit.case_ids) == 11


def test_the_meiluo_land_case_keeps_its_whole_history_and_its_original_deadline(loaded) -> None:
    ganxin, result, _ = loaded
    entries = history(ganxin, result, "meiluo-land")
    assert types(entries) == [
        "Logged",
        "Classified",
        "Assigned",
        "Accepted",
        "ExtensionRequested",
        "ExtensionGranted",
        "ProgressNoted",
        "Resolved",
        "FeedbackGiven",
    ]
    assigned, granted = entries[2], entries[5]
    assert local_date(assigned.at) == date(2026, 2, 11)
    # 20 working days from 02-11: 12, 13, Saturday 14 (worked) = 3; 15-23 off (Spring Festival); 24-27 = 7,
    # Saturday 28 (worked) = 8; 2-6 March = 13, 9-13 = 18, 16, 17 = 20.
    assert assigned.fields["due_on"] == date(2026, 3, 17)
    assert granted.fields["previous_due_on"] == date(2026, 3, 17)
    # 30 more: 18-20 = 3, 23-27 = 8, 30 March-3 April = 13; 4-6 April off (Qingming); 7-10 = 17,
    # 13-17 = 22, 20-24 = 27, 27-29 = 30.
    assert granted.fields["due_on"] == date(2026, 4, 29)
    case = ganxin.case_queries.get_case(DISPATCH, result.case_ids["meiluo-land"]).case
    assert case.original_due_on == assigned.fields["due_on"]
    assert case.due_on == granted.fields["due_on"]
    assert case.status == "resolved" and case.satisfaction == "satisfied"
    assert entries[3].actor == {"user_id": "handler-yingshang", "name": "营商局承办人", "role": "unit_handler"}
    assert entries[8].actor["name"] == "甘心入企走访干部"


def test_the_dagao_case_goes_back_and_forth_then_up_the_ladder(loaded) -> None:
    ganxin, result, _ = loaded
    entries = history(ganxin, result, "dagao-listing-land")
    assert types(entries) == [
        "Logged",
        "Classified",
        "Assigned",
        "Transferred",
        "Returned",
        "Assigned",
        "Escalated",
        "Escalated",
    ]
    first, transferred, returned, again, up1, up2 = entries[2:]
    assert first.fields["lead_unit"] == "city_ziranziyuan"
    assert (transferred.fields["from_unit"], transferred.fields["to_unit"]) == ("city_ziranziyuan", "zhujian")
    assert returned.fields["unit"] == "zhujian"
    assert returned.actor["user_id"] == "handler-zhujian"
    assert again.fields["lead_unit"] == "city_ziranziyuan"
    assert again.fields["supporting_units"] == ["zhujian"]
    assert [up1.fields["level"], up2.fields["level"]] == ["task_force_leader", "district_leader"]
    assert [local_date(e.at) for e in (up1, up2)] == [date(2026, 10, 20), date(2026, 11, 10)]
    case = ganxin.case_queries.get_case(DISPATCH, result.case_ids["dagao-listing-land"]).case
    assert (case.status, case.lead_unit, case.escalation_level) == ("assigned", "city_ziranziyuan", "district_leader")


def test_the_complaint_is_reopened_after_a_dissatisfied_rating(loaded) -> None:
    ganxin, result, _ = loaded
    entries = history(ganxin, result, "complaint-approval")
    assert types(entries)[-3:] == ["Resolved", "FeedbackGiven", "Reopened"]
    assert entries[-2].fields["satisfaction"] == "dissatisfied"
    assert ganxin.case_queries.get_case(DISPATCH, result.case_ids["complaint-approval"]).case.status == "reopened"


def test_the_xinxiwang_request_is_on_the_cannot_do_ledger(loaded) -> None:
    ganxin, result, _ = loaded
    entries = history(ganxin, result, "xinxiwang-cannot")
    assert types(entries) == ["Logged", "Classified", "RegisteredCannotDo"]
    assert entries[1].fields["disposition"] == "refuse"
    case = ganxin.case_queries.get_case(DISPATCH, result.case_ids["xinxiwang-cannot"]).case
    assert case.status == "cannot_do"
    assert "不能办事项台账" in case.cannot_do_reason
    rows = ganxin.case_queries.list_cases(DISPATCH, CaseFilter(status="cannot_do")).items
    assert [r.case_id for r in rows] == [case.id]


def test_actions_listed_out_of_date_order_are_replayed_by_date(loaded) -> None:
    ganxin, result, _ = loaded
    entries = history(ganxin, result, "wxh-01")
    # ProjectLinked: filed on the project's ledger; Closed: struck off at the task force's second meeting.
    assert types(entries) == [
        "Logged",
        "ProjectLinked",
        "Classified",
        "Assigned",
        "Accepted",
        "Resolved",
        "ProgressNoted",
        "FeedbackGiven",
        "Closed",
    ]
    assert [local_date(e.at) for e in entries[5:7]] == [date(2026, 4, 14), date(2026, 4, 15)]


def test_recorded_times_never_go_backwards_and_fall_on_the_scenario_dates(loaded) -> None:
    ganxin, result, _ = loaded
    notifications = ganxin.store.event_log.recorder.select_notifications(start=1, limit=100_000)
    events = [ganxin.store.event_log.mapper.to_domain_event(n) for n in notifications]
    times = [e.timestamp for e in events]
    assert times == sorted(times)
    assert len(events) == ganxin.store.event_log.recorder.max_notification_id()
    # The State Council schedules are published into the calendar as the application starts, then the
    # registries at 08:00 before the first case.
    calendar_events = [e for e in events if type(e).TOPIC.startswith("ganxin:HolidayCalendar.")]
    # ... and the manifestation list findings are classified under is published once.
    startup = calendar_events + [e for e in events if type(e).TOPIC == "ganxin:ManifestationTaxonomy.Seeded"]
    assert events[: len(startup)] == startup
    assert {e.year for e in calendar_events[1:]} >= {2025, 2026}
    assert times[len(startup)] == datetime(2026, 2, 10, 8, tzinfo=SHANGHAI)
    logged = ganxin.case_queries.case_history(DISPATCH, result.case_ids["meiluo-land"])[0]
    assert logged.at == datetime(2026, 2, 10, 9, tzinfo=SHANGHAI)
    assert local_date(times[-1]) == date(2026, 11, 12)  # the Hengji reminder, the scenario's last action


def test_loading_again_into_the_same_database_is_refused_and_adds_nothing(loaded, scenario, loaded_scenario) -> None:
    ganxin, _, _ = loaded
    before = ganxin.store.event_log.recorder.max_notification_id()
    clock = scenario_clock(scenario)
    again = build_services(Settings(database_url=loaded_scenario.url), clock=clock)
    try:
        with pytest.raises(ScenarioAlreadyLoaded, match="已载入过"):
            load_scenario(again, scenario, clock)
    finally:
        again.store.close()
    assert ganxin.store.event_log.recorder.max_notification_id() == before
    assert ganxin.case_queries.list_cases(DISPATCH, CaseFilter(per_page=100)).total == 34
