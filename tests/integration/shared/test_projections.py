"""Read models: a rebuild gives the same lists, projection is exactly once across instances, reads are fresh."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date
from typing import Any

from application.cases.ports import CaseFilter, CaseSummary
from application.scenario.loader import load_scenario, read_bundled_scenario, scenario_clock
from application.services import Services
from domain.cases.case import Case
from tests.support.app import CADRE, DISPATCH, HUARUN, SETUP, ganxin_on, handler, log_problems, register_units

LEAD = DISPATCH
BACKLOG_CASES = 400


def all_cases(ganxin: Services, **filters: Any) -> list[CaseSummary]:
    """Every row of the case list, page by page (100 a page)."""
    rows: list[CaseSummary] = []
    page = 1
    while True:
        result = ganxin.case_queries.list_cases(DISPATCH, CaseFilter(page=page, per_page=100, **filters))
        rows.extend(result.items)
        if page >= result.pages:
            return rows
        page += 1


def test_a_rebuild_gives_back_exactly_the_same_case_list(database_url: str) -> None:
    scenario = read_bundled_scenario()
    clock = scenario_clock(scenario)
    with ganxin_on(database_url, clock) as ganxin:
        load_scenario(ganxin, scenario, clock)
        clock.set(clock.now().replace(month=11, day=20))
        more = [
            case_id
            for visit in range(3)
            for case_id in log_problems(
                ganxin, *[f"补充问题{visit}-{n}" for n in range(40)], occurred_on=date(2026, 11, 20)
            )
        ]
        before_cases, before_units = all_cases(ganxin), ganxin.registry_queries.list_units()
        before_task_forces = ganxin.registry_queries.list_task_forces()

        position = ganxin.store.projector.rebuild()

        assert position == ganxin.store.event_log.recorder.max_notification_id()
        assert len(before_cases) == 34 + len(more) > 100  # more than one page
        assert all_cases(ganxin) == before_cases
        assert ganxin.registry_queries.list_units() == before_units
        assert ganxin.registry_queries.list_task_forces() == before_task_forces
        assert ganxin.case_queries.list_cases(DISPATCH, CaseFilter(task_force="tf-wanxianghui")).total == 11


def _write_backlog(ganxin: Services) -> dict[Any, int]:
    """Cases saved straight to the event store, as another process would, without projecting them.

    Application.save is the library's own write path; commit() would project at once, and the
    point here is a backlog that two projectors then race to project.
    """
    now = ganxin.store.clock.now()
    cases = [
        Case.log(
            channel="hotline",
            enterprise_uscc=HUARUN.uscc,
            category="用工",
            description=f"积压问题{n}",
            request="",
            visit_id=None,
            actor=CADRE.actor,
            at=now,
        )
        for n in range(BACKLOG_CASES)
    ]
    for case in cases[::2]:
        case.classify("immediate", "", LEAD.actor, now)
    ganxin.store.event_log.save(*cases)
    return {case.id: case.version for case in cases}


def test_two_instances_catching_up_at_once_project_every_event_exactly_once(database_url: str) -> None:
    with ganxin_on(database_url) as first, ganxin_on(database_url) as second:
        first.registry.register_enterprise(SETUP, HUARUN)
        expected = _write_backlog(first)
        max_id = first.store.event_log.recorder.max_notification_id()
        assert first.store.projector.position() < max_id  # there really is a backlog
        start = threading.Barrier(2)
        errors: list[BaseException] = []

        def catch_up(app: Services) -> None:
            try:
                start.wait(timeout=30)
                app.store.projector.catch_up()
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [threading.Thread(target=catch_up, args=(app,)) for app in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not errors, errors
        assert not any(thread.is_alive() for thread in threads)

        rows = all_cases(second, channel="hotline")
        assert Counter(row.case_id for row in rows) == Counter(expected.keys())  # each case once
        assert {row.case_id: row.version for row in rows} == expected
        assert Counter(row.version for row in rows) == {1: BACKLOG_CASES // 2, 2: BACKLOG_CASES // 2}
        assert first.store.projector.position() == second.store.projector.position() == max_id


def test_a_list_read_right_after_a_command_shows_its_effect(database_url: str) -> None:
    with ganxin_on(database_url) as ganxin:
        register_units(ganxin)
        [case_id] = log_problems(ganxin, "施工临时用电接入")
        [row] = ganxin.case_queries.list_cases(DISPATCH, CaseFilter(enterprise_uscc=HUARUN.uscc)).items
        assert (row.case_id, row.status, row.version) == (case_id, "logged", 1)

        version = ganxin.cases.classify_case(case_id, 1, LEAD, "immediate")
        version = ganxin.cases.assign_case(case_id, version, LEAD, lead_unit="zhujian", working_days=10)
        [row] = ganxin.case_queries.list_cases(DISPATCH, CaseFilter(status="assigned")).items
        assert (row.case_id, row.lead_unit_name, row.version) == (case_id, "区住房和城乡建设局", version)
        assert row.due_on == date(2026, 4, 22)  # 10 working days after Wednesday 04-08: 9, 10, 13-17, 20-22

        version = ganxin.cases.accept_case(case_id, version, handler("zhujian"))
        assert ganxin.case_queries.list_cases(DISPATCH, CaseFilter(status="assigned")).total == 0
        [row] = ganxin.case_queries.list_cases(DISPATCH, CaseFilter(status="accepted")).items
        assert (row.case_id, row.version) == (case_id, version)
