"""Published schedules as events, and provisional deadlines recomputed with an event on each case.

The crossing into an unpublished year happens in 2089 → 2090, years no release of the holiday package can
carry; 2089's schedule is published by the test itself (illustrative days, not an official text)."""

from datetime import UTC, date, datetime

import pytest

from application.cases.ports import CaseFilter
from application.shared.clock import ControlledClock
from application.shared.errors import Forbidden
from domain.shared.errors import InvalidValue
from tests.support.app import DISPATCH, SETUP, ganxin_on, log_problems, register_units

HOLIDAYS_2089 = [date(2089, 10, 3), date(2089, 10, 4), date(2089, 10, 5)]  # illustrative
HOLIDAYS_2090 = [date(2090, 1, 1), date(2090, 1, 2), date(2090, 1, 3)]  # illustrative: Sunday to Tuesday
SOURCE = "示例：国办发明电〔2089〕X号"


@pytest.fixture
def december(database_url):
    """Monday 19 December 2089, 09:00 in Dalian, with 2089 published and 2090 not."""
    with ganxin_on(database_url, ControlledClock(datetime(2089, 12, 19, 1, tzinfo=UTC))) as app:
        register_units(app)
        app.calendar.publish_year(SETUP, 2089, HOLIDAYS_2089, [], SOURCE)
        yield app


def assigned(app, working_days):
    (case_id,) = log_problems(app, "跨年办理的问题", occurred_on=date(2089, 12, 19))
    version = app.cases.classify_case(case_id, 1, DISPATCH, "immediate")
    app.cases.assign_case(case_id, version, DISPATCH, lead_unit="zhujian", working_days=working_days)
    return case_id


def test_the_package_years_are_published_as_events_with_their_source(december):
    schedule = december.calendar.year_schedule(2026)
    assert schedule is not None and "chinesecalendar" in schedule.source
    assert december.calendar.deadline_for(date(2026, 9, 28), 10).due_on == date(2026, 10, 16)


def test_a_deadline_into_an_unpublished_year_is_provisional_until_it_is_published_then_recomputed(december):
    case_id = assigned(december, 10)
    case = december.case_queries.get_case(DISPATCH, case_id).case
    # Tue 20 … Fri 23 (4), Mon 26 … Fri 30 (9), then Monday 2 January 2090, counted since nothing is known.
    assert (case.due_on, case.deadline_provisional) == (date(2090, 1, 2), True)
    preview = december.calendar.preview_year(SETUP, 2090, HOLIDAYS_2090, [], SOURCE)
    # With 1–3 January off, the tenth working day is Wednesday 4 January.
    assert [(m.case_id, m.previous_due_on, m.due_on) for m in preview] == [
        (case_id, date(2090, 1, 2), date(2090, 1, 4))
    ]
    assert len(december.case_queries.case_history(DISPATCH, case_id)) == 3  # the preview saved nothing

    december.calendar.publish_year(SETUP, 2090, HOLIDAYS_2090, [], SOURCE)
    history = december.case_queries.case_history(DISPATCH, case_id)
    assert history[-1].type == "DeadlineRecomputed"
    assert history[-1].fields["previous_due_on"] == date(2090, 1, 2)
    assert history[-1].fields["due_on"] == date(2090, 1, 4) and not history[-1].fields["deadline_provisional"]
    assert SOURCE in history[-1].fields["cause"]
    row = december.case_queries.list_cases(DISPATCH, CaseFilter()).items[0]
    assert (row.due_on, row.deadline_provisional) == (date(2090, 1, 4), False)


def test_a_correction_needs_a_reason_and_only_admins_publish(december):
    december.calendar.publish_year(SETUP, 2090, HOLIDAYS_2090, [], SOURCE)
    with pytest.raises(InvalidValue, match="更正须说明理由"):
        december.calendar.publish_year(SETUP, 2090, HOLIDAYS_2090, [], SOURCE)
    with pytest.raises(Forbidden):
        december.calendar.publish_year(DISPATCH, 2091, [date(2091, 1, 1)], [], SOURCE)
    december.calendar.publish_year(SETUP, 2090, [*HOLIDAYS_2090, date(2090, 1, 4)], [], SOURCE, reason="补充元旦调休")
    assert december.calendar.year_schedule(2090).version == 2


def test_deadlines_inside_published_years_are_not_touched(december):
    case_id = assigned(december, 3)  # Thursday 22 December 2089, inside the published year
    assert december.case_queries.get_case(DISPATCH, case_id).case.due_on == date(2089, 12, 22)
    before = len(december.case_queries.case_history(DISPATCH, case_id))
    assert december.calendar.publish_year(SETUP, 2090, HOLIDAYS_2090, [], SOURCE) == []
    assert len(december.case_queries.case_history(DISPATCH, case_id)) == before
