"""The deadline board: lights by working days left, counts per light, most urgent first."""

from datetime import UTC, date, datetime

import pytest

from application.cases.lights import Light
from application.cases.ports import CaseFilter
from application.shared.clock import ControlledClock
from tests.support.app import DISPATCH, ganxin_on, handler, log_problems, register_units

START = datetime(2026, 11, 2, 1, tzinfo=UTC)  # Monday 2 November, 09:00 in Dalian


@pytest.fixture
def board_app(database_url):
    clock = ControlledClock(START)
    with ganxin_on(database_url, clock) as app:
        register_units(app)
        yield app, clock


def assign(app, text, working_days, unit="zhujian"):
    (case_id,) = log_problems(app, text, occurred_on=date(2026, 11, 2))
    version = app.cases.classify_case(case_id, 1, DISPATCH, "immediate")
    app.cases.assign_case(case_id, version, DISPATCH, lead_unit=unit, working_days=working_days)
    return case_id


def test_each_light_and_the_counts(board_app):
    app, clock = board_app
    assign(app, "将超期", 1)  # due Tue 3 Nov
    assign(app, "临期一日", 4)  # due Fri 6 Nov
    assign(app, "临期三日", 6)  # due Tue 10 Nov
    assign(app, "正常", 15, unit="chengguan")  # due Mon 23 Nov
    clock.set(datetime(2026, 11, 5, 1, tzinfo=UTC))  # Thursday 5 November
    board = app.board.deadline_board(DISPATCH, CaseFilter(per_page=50))
    assert [r.case.description for r in board.rows] == ["将超期", "临期一日", "临期三日", "正常"]
    assert [r.standing.light for r in board.rows] == [Light.RED, Light.YELLOW, Light.BLUE, Light.GREEN]
    assert [r.standing.text for r in board.rows] == [
        "超期2个工作日",
        "剩余1个工作日",
        "剩余3个工作日",
        "剩余12个工作日",
    ]
    assert (board.counts.red, board.counts.yellow, board.counts.blue, board.counts.green) == (1, 1, 1, 1)
    only_zhujian = app.board.deadline_board(DISPATCH, CaseFilter(lead_unit="zhujian"))
    assert (only_zhujian.counts.green, only_zhujian.page.total) == (0, 3)


def test_a_handler_sees_only_their_units_deadlines(board_app):
    app, _ = board_app
    assign(app, "住建局的", 5)
    assign(app, "城管的", 5, unit="chengguan")
    board = app.board.deadline_board(handler("chengguan"), CaseFilter())
    assert [r.case.description for r in board.rows] == ["城管的"]


def test_resolved_cases_leave_the_board_and_show_on_time_or_late_in_lists(board_app):
    app, clock = board_app
    on_time, late = assign(app, "按期", 2), assign(app, "超期办结", 1)
    clock.set(datetime(2026, 11, 4, 1, tzinfo=UTC))  # Wednesday: the second is a day late
    for case_id in (on_time, late):
        version = app.cases.accept_case(case_id, 3, handler("zhujian"))
        app.cases.resolve_case(case_id, version, handler("zhujian"), "已解决")
    assert app.board.deadline_board(DISPATCH, CaseFilter()).page.total == 0
    lights = {
        row.description: app.board.standing_of(row).light
        for row in app.case_queries.list_cases(DISPATCH, CaseFilter()).items
    }
    assert lights == {"按期": Light.ON_TIME, "超期办结": Light.LATE}
