"""The remit checks of task forces and projects, each pinned by a test that fails when the check is dropped
(issue 10, items 23 and 26): a lead directing another task force's case they logged, a lead running a task
force they do not lead, a secretary following a project they do not serve, a dissolved task force."""

from __future__ import annotations

from datetime import date

import pytest

from application.projects.commands import ProjectDetails, SecretaryDetails
from application.services import Services
from application.shared.access import Principal
from application.shared.errors import Forbidden
from domain.cases.case import Case
from domain.shared.actor import Actor
from domain.shared.errors import TaskForceDissolved
from domain.task_forces.task_force import ListedProblem, MeetingMinutes, TaskForce
from tests.support.app import DISPATCH, log_problems

LEAD_A = Principal(Actor("lead-a", "甲专班负责人", "task_force_lead"), task_forces=("tf-a",))
LEAD_B = Principal(Actor("lead-b", "乙专班负责人", "task_force_lead"), task_forces=("tf-b",))
SECRETARY = Principal(Actor("secretary-a", "甲项目秘书", "service_secretary"))


def _form(ganxin: Services, key: str, project: str = "") -> None:
    ganxin.registry.form_task_force(
        DISPATCH, key, f"{key}专班", "王立新", ["zhujian", "chengguan"], "", date(2026, 4, 1), project
    )


def _version(ganxin: Services, key: str) -> int:
    return ganxin.store.load(TaskForce.create_id(key), TaskForce).version


def _written(ganxin: Services) -> int:
    return ganxin.store.event_log.recorder.max_notification_id() or 0


def _minutes(**changes) -> MeetingMinutes:
    return MeetingMinutes(held_on=date(2026, 4, 8), attendees=("区领导",), decisions=("推进",), **changes)


def test_a_lead_directs_what_they_logged_only_until_another_task_force_takes_it(ganxin: Services):
    _form(ganxin, "tf-a")
    _form(ganxin, "tf-b")
    [own, taken] = log_problems(ganxin, "甲负责人自己登记的问题", "后来交给乙专班的问题", by=LEAD_A)
    assert "classify" in ganxin.case_queries.get_case(LEAD_A, own).actions  # logged, on no list: theirs to direct
    assert ganxin.cases.classify_case(own, 1, LEAD_A, "immediate") == 2
    ganxin.cases.classify_case(taken, 1, DISPATCH, "special")
    ganxin.cases.assign_case(taken, 2, DISPATCH, lead_unit="zhujian", working_days=10, task_force="tf-b")
    # They still see it (they logged it) but tf-b's lead directs it now, not them.
    assert ganxin.case_queries.get_case(LEAD_A, taken).actions == []
    assert "remind" in ganxin.case_queries.get_case(LEAD_B, taken).actions
    before = _written(ganxin)
    with pytest.raises(Forbidden):
        ganxin.cases.record_reminder(taken, 3, LEAD_A, "请抓紧")
    with pytest.raises(Forbidden):  # nor can they pull it onto their own list at a meeting
        ganxin.task_forces.hold_meeting(
            LEAD_A, "tf-a", _version(ganxin, "tf-a"), _minutes(listed=(ListedProblem(str(taken), "zhujian", 5),))
        )
    assert _written(ganxin) == before
    assert ganxin.store.load(taken, Case).task_force == "tf-b"
    assert ganxin.cases.record_reminder(taken, 3, LEAD_B, "请抓紧") == 4


def test_a_lead_cannot_run_a_task_force_they_do_not_lead(ganxin: Services):
    _form(ganxin, "tf-a")
    _form(ganxin, "tf-b")
    version, before = _version(ganxin, "tf-b"), _written(ganxin)
    refused = [
        lambda: ganxin.task_forces.add_task_force_member(LEAD_A, "tf-b", version, "city_ziranziyuan"),
        lambda: ganxin.task_forces.remove_task_force_member(LEAD_A, "tf-b", version, "chengguan", "职责调整"),
        lambda: ganxin.task_forces.change_task_force_leader(LEAD_A, "tf-b", version, "李副区长", "分工调整"),
        lambda: ganxin.task_forces.hold_meeting(LEAD_A, "tf-b", version, _minutes()),
        lambda: ganxin.task_forces.dissolve_task_force(LEAD_A, "tf-b", version, date(2026, 4, 8), "工作完成"),
    ]
    for attempt in refused:
        with pytest.raises(Forbidden, match="只有本专班的负责人"):
            attempt()
    assert _written(ganxin) == before
    assert ganxin.task_forces.hold_meeting(LEAD_B, "tf-b", version, _minutes()) == 1  # its own lead may


def test_a_dissolved_task_force_takes_no_more_changes(ganxin: Services):
    _form(ganxin, "tf-a")
    ganxin.task_forces.dissolve_task_force(LEAD_A, "tf-a", _version(ganxin, "tf-a"), date(2026, 4, 8), "工作完成")
    version, before = _version(ganxin, "tf-a"), _written(ganxin)
    attempts = {
        "add member": lambda: ganxin.task_forces.add_task_force_member(LEAD_A, "tf-a", version, "city_ziranziyuan"),
        "remove member": lambda: ganxin.task_forces.remove_task_force_member(
            LEAD_A, "tf-a", version, "chengguan", "职责调整"
        ),
        "change leader": lambda: ganxin.task_forces.change_task_force_leader(
            LEAD_A, "tf-a", version, "李副区长", "分工调整"
        ),
        "meeting": lambda: ganxin.task_forces.hold_meeting(LEAD_A, "tf-a", version, _minutes()),
        "dissolve again": lambda: ganxin.task_forces.dissolve_task_force(
            LEAD_A, "tf-a", version, date(2026, 4, 8), "再次撤销"
        ),
    }
    for name, attempt in attempts.items():
        with pytest.raises(TaskForceDissolved, match="已于 2026-04-08 撤销"):
            attempt()
            pytest.fail(f"{name} was accepted on a dissolved task force")
    assert _written(ganxin) == before


def test_a_dissolved_task_force_is_given_no_new_case(ganxin: Services):
    _form(ganxin, "tf-a")
    ganxin.task_forces.dissolve_task_force(LEAD_A, "tf-a", _version(ganxin, "tf-a"), date(2026, 4, 8), "工作完成")
    [case_id] = log_problems(ganxin, "专班撤销后才登记的问题")
    ganxin.cases.classify_case(case_id, 1, DISPATCH, "special")
    before = _written(ganxin)
    with pytest.raises(TaskForceDissolved, match="专班“tf-a专班”已于 2026-04-08 撤销"):
        ganxin.cases.assign_case(case_id, 2, DISPATCH, lead_unit="zhujian", working_days=10, task_force="tf-a")
    assert _written(ganxin) == before
    assert ganxin.store.load(case_id, Case).task_force is None


def test_a_secretary_follows_only_the_projects_they_serve(ganxin: Services):
    for key in ("kp-a", "kp-b"):
        ganxin.projects.register_project(DISPATCH, ProjectDetails(key, f"{key}项目"))
    ganxin.projects.appoint_secretary(
        DISPATCH,
        "kp-a",
        1,
        SecretaryDetails("district", SECRETARY.actor.user_id, SECRETARY.actor.name, "zhujian", date(2026, 4, 1)),
    )
    [case_id] = log_problems(ganxin, "秘书登记的问题", by=SECRETARY)
    before = _written(ganxin)
    refused = [
        lambda: ganxin.projects.plan_milestone(SECRETARY, "kp-b", 1, "开工", date(2026, 6, 1)),
        lambda: ganxin.projects.schedule_milestone(SECRETARY, "kp-b", 1, "开工", date(2026, 6, 1), ""),
        lambda: ganxin.projects.change_project_stage(SECRETARY, "kp-b", 1, "在建"),
        lambda: ganxin.projects.link_case_to_project(SECRETARY, case_id, 1, "kp-b"),
    ]
    for attempt in refused:
        with pytest.raises(Forbidden, match="只有本项目的服务秘书"):
            attempt()
    assert _written(ganxin) == before
    assert (ganxin.projects.may_follow(SECRETARY, "kp-a"), ganxin.projects.may_follow(SECRETARY, "kp-b")) == (
        True,
        False,
    )
    assert ganxin.projects.plan_milestone(SECRETARY, "kp-a", 2, "开工", date(2026, 6, 1)) == 3  # their own project
    assert ganxin.projects.link_case_to_project(SECRETARY, case_id, 1, "kp-a") == 2
