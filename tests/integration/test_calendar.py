"""Published schedules as events, and provisional deadlines recomputed with an event on each case."""

from datetime import date, datetime, timezone

import pytest

from application.clock import ControlledClock
from application.errors import Forbidden
from application.ports import CaseFilter
from domain.errors import InvalidValue
from tests.support.app import DISPATCH, SETUP, ganxin_on, log_problems, register_units

HOLIDAYS_2027 = [date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)]  # illustrative, not the official text
SOURCE = "示例：国办发明电〔2026〕X号"


@pytest.fixture
def december(database_url):
    with ganxin_on(database_url, ControlledClock(datetime(2026, 12, 18, 1, tzinfo=timezone.utc))) as app:
        register_units(app)
        yield app


def assigned(app, working_days):
    (case_id,) = log_problems(app, "跨年办理的问题", occurred_on=date(2026, 12, 18))
    version = app.classify_case(case_id, 1, DISPATCH, "immediate")
    app.assign_case(case_id, version, DISPATCH, lead_unit="zhujian", working_days=working_days)
    return case_id


def test_the_package_years_are_published_as_events_with_their_source(december):
    schedule = december.year_schedule(2026)
    assert schedule is not None and "chinesecalendar" in schedule.source
    assert december.deadline_for(date(2026, 9, 28), 10).due_on == date(2026, 10, 16)


def test_a_deadline_into_2027_is_provisional_until_2027_is_published_then_recomputed(december):
    case_id = assigned(december, 10)
    case = december.get_case(DISPATCH, case_id).case
    assert (case.due_on, case.deadline_provisional) == (date(2027, 1, 1), True)
    preview = december.preview_year(SETUP, 2027, HOLIDAYS_2027, [], SOURCE)
    assert [(m.case_id, m.previous_due_on, m.due_on) for m in preview] == [(case_id, date(2027, 1, 1), date(2027, 1, 4))]
    assert len(december.case_history(DISPATCH, case_id)) == 3  # the preview saved nothing

    december.publish_year(SETUP, 2027, HOLIDAYS_2027, [], SOURCE)
    history = december.case_history(DISPATCH, case_id)
    assert history[-1].type == "DeadlineRecomputed"
    assert history[-1].fields["previous_due_on"] == date(2027, 1, 1)
    assert history[-1].fields["due_on"] == date(2027, 1, 4) and not history[-1].fields["deadline_provisional"]
    assert SOURCE in history[-1].fields["cause"]
    row = december.list_cases(DISPATCH, CaseFilter()).items[0]
    assert (row.due_on, row.deadline_provisional) == (date(2027, 1, 4), False)


def test_a_correction_needs_a_reason_and_only_admins_publish(december):
    december.publish_year(SETUP, 2027, HOLIDAYS_2027, [], SOURCE)
    with pytest.raises(InvalidValue, match="更正须说明理由"):
        december.publish_year(SETUP, 2027, HOLIDAYS_2027, [], SOURCE)
    with pytest.raises(Forbidden):
        december.publish_year(DISPATCH, 2028, [date(2028, 1, 1)], [], SOURCE)
    december.publish_year(SETUP, 2027, [*HOLIDAYS_2027, date(2027, 1, 4)], [], SOURCE, reason="补充元旦调休")
    assert december.year_schedule(2027).version == 2


def test_deadlines_inside_published_years_are_not_touched(december):
    case_id = assigned(december, 3)
    before = len(december.case_history(DISPATCH, case_id))
    assert december.publish_year(SETUP, 2027, HOLIDAYS_2027, [], SOURCE) == []
    assert len(december.case_history(DISPATCH, case_id)) == before
