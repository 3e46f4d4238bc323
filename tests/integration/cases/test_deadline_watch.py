"""The escalation ladder and scheduled reminders, exactly once per case, even with concurrent ticks."""

import subprocess
import sys
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from application.cases.deadline_watch import LadderSettings
from application.cases.ports import CaseFilter
from application.shared.clock import ControlledClock
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services
from tests.support.app import DISPATCH, ganxin_on, handler, log_problems, register_units

ROOT = Path(__file__).parents[3]
MONDAY = datetime(2026, 11, 2, 1, tzinfo=UTC)  # 09:00 in Dalian
TICK_PROCESSES = 4


def assign(app, description, working_days, task_force=None):
    (case_id,) = log_problems(app, description, occurred_on=date(2026, 11, 2))
    version = app.cases.classify_case(case_id, 1, DISPATCH, "immediate")
    app.cases.assign_case(
        case_id, version, DISPATCH, lead_unit="zhujian", working_days=working_days, task_force=task_force
    )
    return case_id


def levels(app, case_id):
    return [h.fields["level"] for h in app.case_queries.case_history(DISPATCH, case_id) if h.type == "Escalated"]


@pytest.fixture
def clock():
    return ControlledClock(MONDAY)


@pytest.fixture
def app(database_url, clock):
    with ganxin_on(database_url, clock) as ganxin:
        register_units(ganxin)
        yield ganxin


def test_reminder_one_working_day_before_then_ladder_once_each(app, clock):
    case_id = assign(app, "期限5个工作日的问题", 5)  # due Monday 9 November
    clock.set(datetime(2026, 11, 6, 1, tzinfo=UTC))  # Friday: one working day left
    assert [k for _, k in app.deadline_watch.tick().reminded] == ["due-1"]
    assert app.deadline_watch.tick().reminded == []
    clock.set(datetime(2026, 11, 10, 1, tzinfo=UTC))  # Tuesday: one working day overdue
    assert [lvl for _, lvl in app.deadline_watch.tick().escalated] == ["unit_head"]
    assert app.deadline_watch.tick().escalated == []
    clock.set(datetime(2026, 11, 16, 1, tzinfo=UTC))  # five working days overdue
    assert [lvl for _, lvl in app.deadline_watch.tick().escalated] == ["district_leader"]
    assert app.deadline_watch.tick().escalated == []
    assert levels(app, case_id) == ["unit_head", "district_leader"]
    escalation = next(h for h in app.case_queries.case_history(DISPATCH, case_id) if h.type == "Escalated")
    assert escalation.actor["role"] == "system" and "超期1个工作日" in escalation.fields["reason"]


def test_a_late_tick_after_downtime_records_both_rungs_in_order(app, clock):
    case_id = assign(app, "专班问题", 2, task_force=None)
    clock.set(datetime(2026, 11, 20, 1, tzinfo=UTC))  # long past due, nothing ran meanwhile
    app.deadline_watch.tick(LadderSettings(district_after_working_days=5))
    assert levels(app, case_id) == ["unit_head", "district_leader"]


def test_resolved_cases_are_left_alone(app, clock):
    case_id = assign(app, "已办结的问题", 2)
    version = app.cases.accept_case(case_id, 3, handler("zhujian"))
    app.cases.resolve_case(case_id, version, handler("zhujian"), "已解决")
    clock.set(datetime(2026, 11, 20, 1, tzinfo=UTC))
    assert app.deadline_watch.tick().escalated == []


def test_two_ticks_at_once_record_each_rung_once(database_url, app, clock):
    ids = [assign(app, f"积压问题{n}", 1) for n in range(12)]
    clock.set(datetime(2026, 11, 20, 1, tzinfo=UTC))
    other = build_services(Settings(database_url=database_url), clock=clock)
    barrier = threading.Barrier(2)

    def run(ganxin):
        barrier.wait()
        ganxin.deadline_watch.tick()

    try:
        threads = [threading.Thread(target=run, args=(g,)) for g in (app, other)]
        [t.start() for t in threads]
        [t.join(timeout=120) for t in threads]
    finally:
        other.store.close()
    for case_id in ids:
        assert levels(app, case_id) == ["unit_head", "district_leader"]


def test_four_tick_processes_against_one_database(database_url, app, clock):
    """The issues' check: `ganxin tick` ×4 at once over a backlog of overdue cases records each rung once."""
    ids = [assign(app, f"超期积压{n}", 1) for n in range(20)]
    # The processes use the system clock (today, 2026-11-22 or later): all these are long overdue.
    env = {"GANXIN_DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "web.cli", "tick"]
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(TICK_PROCESSES)
    ]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0] * TICK_PROCESSES, outputs
    app.store.catch_up()
    for case_id in ids:
        assert levels(app, case_id) == ["unit_head", "district_leader"]
    total = sum(int(out.split("提级 ")[1].split(" ")[0]) for out, _ in outputs)
    assert total == 2 * len(ids)
    assert app.case_queries.list_cases(DISPATCH, CaseFilter(per_page=100)).total == 20
