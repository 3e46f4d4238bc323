"""The 中梗阻 report and the cannot-do ledger on the district scenario, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import pytest

from application.accountability import MEASURES
from application.accountability.queries import AccountabilityReport, ReportQuery
from application.scenario.loader import ScenarioResult
from application.services import Services
from application.shared.as_of import end_of_local_day
from application.shared.errors import InvalidReportQuery, ReportPeriodReversed
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services
from tests.support.app import DISPATCH, INSPECTOR
from tests.support.scenario_copies import LoadedScenario

TODAY = datetime(2026, 11, 20, 2, tzinfo=UTC)
YEAR = ReportQuery(date(2026, 1, 1), date(2026, 12, 31))
# Measures that count events (the rest count time: holdings, overdue, stalled, waiting for acceptance).
EVENT_MEASURES = (
    "received",
    "returned",
    "transferred",
    "extensions",
    "reminders",
    "escalations",
    "reopened",
    "dissatisfied",
    "cannot_do",
)


@pytest.fixture
def scenario(loaded_scenario: LoadedScenario) -> Iterator[tuple[Services, ScenarioResult]]:
    clock = loaded_scenario.clock()
    clock.set(TODAY)
    ganxin = build_services(Settings(database_url=loaded_scenario.url), clock=clock)
    yield ganxin, loaded_scenario.result
    ganxin.store.close()


def key_of(scenario_data: tuple[Services, ScenarioResult], name: str) -> UUID:
    return scenario_data[1].case_ids[name]


def entries(report: AccountabilityReport, unit: str, measure: str) -> dict[UUID, Any]:
    stats = report.unit(unit)
    assert stats is not None
    return {e.case_id: e for e in stats.entries.get(measure, [])}


def test_dagao_goes_from_natural_resources_to_housing_and_back_with_each_units_holding_time(scenario):
    ganxin, _ = scenario
    dagao = key_of(scenario, "dagao-listing-land")
    report = ganxin.accountability.accountability_report(INSPECTOR, YEAR)
    [ping_pong] = [p for p in report.ping_pong if p.case_id == dagao]
    assert ping_pong.units == ("city_ziranziyuan", "zhujian", "city_ziranziyuan")
    assert [f.kind for f in ping_pong.moves] == ["Transferred", "Returned", "Assigned"]
    held = sorted(
        (h.start.version, h.unit, h.working_days, h.how_ended)
        for u in report.units
        for h in u.holdings
        if h.case_id == dagao
    )
    # 8-19 → 8-25 and 8-25 → 9-01 in working days; then back with 自然资源分局 since 9-02, still held today (11-20).
    assert [row[1:] for row in held] == [
        ("city_ziranziyuan", 4, "transferred"),
        ("zhujian", 5, "returned"),
        ("city_ziranziyuan", 53, ""),
    ]
    assert dagao in entries(report, "zhujian", "returned")
    assert dagao in entries(report, "city_ziranziyuan", "transferred")
    for unit in ("zhujian", "city_ziranziyuan"):
        assert dagao in entries(report, unit, "ping_pong")


def test_hengji_is_not_accepted_and_overdue(scenario):
    ganxin, _ = scenario
    hengji = key_of(scenario, "hengji-remote")
    report = ganxin.accountability.accountability_report(INSPECTOR, YEAR)
    waiting = entries(report, "dalianwan", "not_accepted")[hengji]
    overdue = entries(report, "dalianwan", "overdue")[hengji]
    assert waiting.working_days == 13 and overdue.working_days == 8  # assigned 11-03, due 11-10, today 11-20
    assert [f.kind for f in waiting.facts] == ["Assigned"]
    assert hengji in entries(report, "dalianwan", "reminders")


def test_the_complaint_is_reopened_after_dissatisfaction(scenario):
    ganxin, _ = scenario
    complaint = key_of(scenario, "complaint-approval")
    report = ganxin.accountability.accountability_report(INSPECTOR, YEAR)
    unhappy = entries(report, "yingshang", "dissatisfied")[complaint]
    assert [f.kind for f in unhappy.facts] == ["Resolved", "FeedbackGiven"]
    assert [f.kind for f in entries(report, "yingshang", "reopened")[complaint].facts] == ["Resolved", "Reopened"]
    handler = next(iter(report.unit("yingshang").handlers.values()))
    assert complaint in {e.case_id for e in handler.entries["reopened"]}


def test_xinxiwang_is_in_the_cannot_do_ledger_with_reason_judgement_and_registrar(scenario):
    ganxin, _ = scenario
    ledger = ganxin.accountability.cannot_do_ledger(INSPECTOR)
    [row] = ledger.rows
    assert row.case.case_id == key_of(scenario, "xinxiwang-cannot")
    assert row.case.enterprise_name == "新希望锦官置业有限公司"
    assert "不能办事项台账" in row.registered.note and row.registered.actor_name == "营商局调度员"
    assert row.classified is not None and row.classified.disposition == "refuse"
    assert ganxin.accountability.cannot_do_ledger(INSPECTOR, date(2026, 7, 6)).rows == []  # registered on 7-07


def _links(report: AccountabilityReport) -> set[tuple[str, str, UUID, int]]:
    """(unit, measure, case, version) for every event behind every event-counting number."""
    return {
        (u.unit, m, e.case_id, f.version)
        for u in report.units
        for m in EVENT_MEASURES
        for e in u.entries.get(m, [])
        for f in e.facts
    }


def test_the_report_as_of_september_30_differs_from_todays_exactly_by_what_happened_after(scenario):
    ganxin, result = scenario
    then = ganxin.accountability.accountability_report(
        INSPECTOR, ReportQuery(date(2026, 1, 1), date(2026, 12, 31), date(2026, 9, 30))
    )
    now = ganxin.accountability.accountability_report(INSPECTOR, YEAR)
    cutoff = end_of_local_day(date(2026, 9, 30))
    assert then.moment == cutoff
    histories = {case_id: ganxin.case_queries.case_history(DISPATCH, case_id) for case_id in result.case_ids.values()}
    later = {(case_id, e.version) for case_id, events in histories.items() for e in events if e.at >= cutoff}
    earlier = {(case_id, e.version) for case_id, events in histories.items() for e in events if e.at < cutoff}
    assert later and earlier
    # Nothing recorded after the cutoff shows in the report as of then; what today adds is all from after it.
    assert {(c, v) for _, _, c, v in _links(then)} <= earlier
    added = {(u, m, c, v) for u, m, c, v in _links(now) - _links(then)}
    assert added and all((c, v) in later for _, _, c, v in added)
    # And every counted event after the cutoff is among what today adds.
    for u, m, c, v in _links(now):
        if (c, v) in later:
            assert (u, m, c, v) in added
    # Counts differ by exactly the events after the cutoff, measure by measure.
    for unit in now.units:
        for measure in EVENT_MEASURES:
            after = sum(1 for e in unit.entries.get(measure, []) if (e.case_id, e.facts[-1].version) in later)
            assert unit.count(measure) - then.unit(unit.unit).count(measure) == after, (unit.unit, measure)


def test_a_reversed_or_malformed_period_is_refused_and_nothing_is_written(scenario):
    ganxin, _ = scenario
    before = ganxin.store.event_log.recorder.max_notification_id()
    with pytest.raises(ReportPeriodReversed) as reversed_period:
        ganxin.accountability.accountability_report(INSPECTOR, ReportQuery(date(2026, 9, 30), date(2026, 9, 1)))
    assert reversed_period.value.code == "period_reversed" and "晚于" in reversed_period.value.message
    with pytest.raises(InvalidReportQuery):
        ganxin.accountability.accountability_report(INSPECTOR, ReportQuery(as_of=date(2026, 11, 21)))
    with pytest.raises(InvalidReportQuery):
        ganxin.accountability.accountability_report(INSPECTOR, ReportQuery(stall_days=0))
    assert ganxin.store.event_log.recorder.max_notification_id() == before
    ganxin.accountability.accountability_report(INSPECTOR, YEAR)
    assert ganxin.store.event_log.recorder.max_notification_id() == before + 1  # the reading itself is recorded


def test_every_unit_is_ranked_and_the_measures_are_all_there(scenario):
    ganxin, _ = scenario
    report = ganxin.accountability.accountability_report(INSPECTOR, YEAR)
    assert [u.rank for u in report.units] == list(range(1, len(report.units) + 1))
    assert [u.score for u in report.units] == sorted((u.score for u in report.units), reverse=True)
    assert {"dalianwan", "zhujian", "city_ziranziyuan", "yingshang"} <= {u.unit for u in report.units}
    assert report.unassigned is not None and report.unassigned.count("cannot_do") == 1
    assert set(MEASURES) >= set(EVENT_MEASURES)


def test_rebuilding_the_read_models_gives_the_same_report(scenario):
    ganxin, _ = scenario
    before = ganxin.accountability.accountability_report(INSPECTOR, YEAR)
    ganxin.store.projector.rebuild()
    after = ganxin.accountability.accountability_report(INSPECTOR, YEAR)
    assert _links(after) == _links(before)
    assert [(u.unit, u.score, u.held_working_days) for u in after.units] == [
        (u.unit, u.score, u.held_working_days) for u in before.units
    ]
