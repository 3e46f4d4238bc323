"""Time travel on the district scenario: a case at a moment, the list and the board as of 30 September."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from application.cases.as_of import InvalidMoment, Moment, MomentInFuture, NotYetLogged
from application.cases.lights import OPEN_WITH_DEADLINE
from application.cases.ports import CaseFilter
from application.scenario.loader import ScenarioResult
from application.services import Services
from application.shared.clock import SHANGHAI, ControlledClock
from application.shared.errors import NotFound
from domain.cases.case import Case
from tests.support.app import DISPATCH, ganxin_on, handler
from tests.support.scenario_copies import LoadedScenario

TODAY = datetime(2026, 11, 20, 2, tzinfo=UTC)  # 10:00 in Dalian, after the scenario's last event
SEPTEMBER_END = "2026-09-30"


@pytest.fixture
def loaded(loaded_scenario: LoadedScenario) -> Iterator[tuple[Services, ScenarioResult, ControlledClock]]:
    clock = loaded_scenario.clock()
    clock.set(TODAY)
    with ganxin_on(loaded_scenario.url, clock) as ganxin:
        yield ganxin, loaded_scenario.result, clock


def _minute(moment: datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M")


def _events_before(ganxin: Services, case_id: Any, moment: Moment) -> list[Any]:
    return [e for e in ganxin.case_queries.case_history(DISPATCH, case_id) if e.at < moment.cutoff]


def _every_page(read: Any) -> dict[Any, Any]:
    rows, page = {}, 1
    while True:
        result = read(page)
        rows.update({row.case_id: row for row in result.items})
        if page >= result.pages:
            return rows
        page += 1


def test_a_case_at_a_moment_shows_the_state_before_and_after_an_event(loaded) -> None:
    ganxin, result, _ = loaded
    case_id = result.case_ids["dagao-listing-land"]  # bounced between 自然资源分局 and 住建局
    history = ganxin.case_queries.case_history(DISPATCH, case_id)
    moved = next(e for e in history if e.type == "Transferred")
    before = ganxin.cases_as_of.moment(_minute(moved.at - timedelta(minutes=1)))
    after = ganxin.cases_as_of.moment(_minute(moved.at))

    then, later = (
        ganxin.cases_as_of.case_at(DISPATCH, case_id, before),
        ganxin.cases_as_of.case_at(DISPATCH, case_id, after),
    )

    assert then.case.lead_unit == moved.fields["from_unit"] and later.case.lead_unit == moved.fields["to_unit"]
    assert then.case.version == moved.version - 1 and later.case.version == moved.version
    assert then.actions == [] == later.actions  # nothing may be done to the past
    assert [e.version for e in ganxin.cases_as_of.case_history_at(DISPATCH, case_id, after)] == list(
        range(1, moved.version + 1)
    )
    assert ganxin.case_queries.get_case(DISPATCH, case_id).case.version == history[-1].version > moved.version


def test_a_case_before_it_was_logged_is_not_found_and_a_bare_date_means_the_end_of_that_day(loaded) -> None:
    ganxin, result, _ = loaded
    case_id = result.case_ids["hengji-remote"]
    logged = ganxin.case_queries.case_history(DISPATCH, case_id)[0].at
    day_before = (logged.astimezone(SHANGHAI) - timedelta(days=1)).date().isoformat()
    with pytest.raises(NotYetLogged) as refused:
        ganxin.cases_as_of.case_at(DISPATCH, case_id, ganxin.cases_as_of.moment(day_before))
    assert "尚未登记" in refused.value.message and refused.value.status == 404
    with pytest.raises(NotYetLogged):
        ganxin.cases_as_of.case_history_at(DISPATCH, case_id, ganxin.cases_as_of.moment(day_before))
    same_day = ganxin.cases_as_of.moment(logged.astimezone(SHANGHAI).date().isoformat())
    assert same_day.banner == f"以下为 {same_day.day} 24:00（北京时间）时的状态，之后的变化未显示"
    expected = _events_before(ganxin, case_id, same_day)[-1].version
    assert ganxin.cases_as_of.case_at(DISPATCH, case_id, same_day).case.version == expected


def test_future_and_malformed_moments_are_refused_and_write_nothing(loaded) -> None:
    ganxin, _, clock = loaded
    written = ganxin.store.event_log.recorder.max_notification_id()
    tomorrow = (clock.now().astimezone(SHANGHAI) + timedelta(days=1)).date().isoformat()
    in_an_hour = _minute(clock.now() + timedelta(hours=1))
    for raw in (tomorrow, in_an_hour):
        with pytest.raises(MomentInFuture) as refused:
            ganxin.cases_as_of.moment(raw)
        assert refused.value.code == "moment_in_future" and "尚未到来" in refused.value.message
    for raw in ("2026-13-01", "2026-09-31", "2026-09-30T25:00", "yesterday", "2026-09-30T18:00+08:00", "2026-9-3"):
        with pytest.raises(InvalidMoment) as malformed:
            ganxin.cases_as_of.moment(raw)
        assert malformed.value.code == "invalid_moment" and "YYYY-MM-DD" in malformed.value.message
    assert ganxin.cases_as_of.moment(_minute(clock.now())).label  # this very minute is the present, not the future
    assert ganxin.store.event_log.recorder.max_notification_id() == written


def test_the_list_as_of_a_day_holds_each_case_at_its_last_event_before_the_end_of_that_day(loaded) -> None:
    ganxin, result, _ = loaded
    moment = ganxin.cases_as_of.moment(SEPTEMBER_END, "as_of")
    past = _every_page(
        lambda page: ganxin.cases_as_of.list_cases_as_of(DISPATCH, CaseFilter(page=page, per_page=10), moment)
    )
    now = _every_page(lambda page: ganxin.case_queries.list_cases(DISPATCH, CaseFilter(page=page, per_page=10)))

    expected = {}  # from the event history itself: the last version recorded before the cutoff
    for case_id in result.case_ids.values():
        events = _events_before(ganxin, case_id, moment)
        if events:
            expected[case_id] = events[-1].version
    assert {case_id: row.version for case_id, row in past.items()} == expected
    changed_after = {
        case_id
        for case_id in now
        if len(_events_before(ganxin, case_id, moment)) < len(ganxin.case_queries.case_history(DISPATCH, case_id))
    }
    assert changed_after  # the scenario goes on into October and November
    assert {case_id for case_id in now if past.get(case_id) != now[case_id]} == changed_after
    for case_id, row in past.items():  # each listed row is the replayed case's state then
        case = ganxin.as_of.as_at(case_id, moment.cutoff, Case)
        assert (row.status, row.lead_unit, row.due_on) == (case.status, case.lead_unit, case.due_on)


def test_the_board_as_of_a_day_shows_the_cases_open_then_with_lights_of_that_day(loaded) -> None:
    ganxin, result, _ = loaded
    moment = ganxin.cases_as_of.moment(SEPTEMBER_END, "as_of")
    board = ganxin.cases_as_of.deadline_board_as_of(DISPATCH, CaseFilter(per_page=100), moment)
    open_then = set()
    for case_id in result.case_ids.values():
        case = ganxin.as_of.as_at(case_id, moment.cutoff, Case)
        if case is not None and case.status in OPEN_WITH_DEADLINE and case.due_on is not None:
            open_then.add(case_id)
    assert {row.case.case_id for row in board.rows} == open_then
    lights = [row.standing.light.value for row in board.rows]
    counts = board.counts
    assert [lights.count(c) for c in ("red", "yellow", "blue", "green")] == [
        counts.red,
        counts.yellow,
        counts.blue,
        counts.green,
    ]
    for row in board.rows:  # counted against 30 September, not today
        assert row.standing == ganxin.cases_as_of.standing_on(row.case.status, row.case.due_on, None, moment.day)
    then = {row.case.case_id: row.case for row in board.rows}
    today = {row.case.case_id: row.case for row in ganxin.board.deadline_board(DISPATCH, CaseFilter(per_page=100)).rows}
    differing = {case_id for case_id in then.keys() | today.keys() if then.get(case_id) != today.get(case_id)}
    assert differing and all(
        len(_events_before(ganxin, case_id, moment)) < len(ganxin.case_queries.case_history(DISPATCH, case_id))
        for case_id in differing
    )  # only cases that changed after 30 September


def test_scope_stays_the_persons_scope_now(loaded) -> None:
    ganxin, result, _ = loaded
    moment = ganxin.cases_as_of.moment(SEPTEMBER_END, "as_of")
    zhujian = handler("zhujian")
    mine_now = {row.case_id for row in ganxin.case_queries.list_cases(zhujian, CaseFilter(per_page=100)).items}
    mine_then = {
        row.case_id for row in ganxin.cases_as_of.list_cases_as_of(zhujian, CaseFilter(per_page=100), moment).items
    }
    existed_then = {case_id for case_id in mine_now if _events_before(ganxin, case_id, moment)}
    assert mine_then == existed_then  # whom the case was with then does not matter: the remit now does
    outside = next(case_id for case_id in result.case_ids.values() if case_id not in mine_now)
    with pytest.raises(NotFound):
        ganxin.cases_as_of.case_at(zhujian, outside, moment)


def test_a_rebuild_gives_back_the_same_past(loaded) -> None:
    ganxin, _, _ = loaded
    moment = ganxin.cases_as_of.moment(SEPTEMBER_END, "as_of")
    before = ganxin.cases_as_of.list_cases_as_of(DISPATCH, CaseFilter(per_page=100), moment)
    ganxin.store.projector.rebuild()
    assert ganxin.cases_as_of.list_cases_as_of(DISPATCH, CaseFilter(per_page=100), moment) == before
