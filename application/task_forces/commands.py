"""Use cases of a task force's life: members, leader, coordination meetings, dissolving."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from application.calendar import CalendarCommands
from application.cases import CaseQueries
from application.registry import RegistryCommands
from application.shared.access import Permission, Principal, leads_case, require
from application.shared.clock import Clock
from application.shared.errors import Forbidden, NotFound
from application.shared.store import Store
from domain.cases import Case
from domain.shared.errors import InvalidValue
from domain.task_forces import MeetingMinutes, TaskForce


def leads_task_force(principal: Principal, key: str) -> bool:
    """The dispatch desk leads every task force; a task-force lead the ones they belong to."""
    return principal.can(Permission.RUN_TASK_FORCES) and (principal.dispatch_all or key in principal.task_forces)


def _case_id(value: str, field: str) -> UUID:
    try:
        return UUID(str(value))
    except ValueError:
        raise InvalidValue(f"问题编号“{value}”格式不正确", field) from None


@dataclass(frozen=True)
class TaskForceCommands:
    """What a task force's lead records; every change of a problem list is also an event of its cases."""

    store: Store
    clock: Clock
    calendar: CalendarCommands
    case_queries: CaseQueries
    registry: RegistryCommands

    def _led_task_force(self, principal: Principal, key: str, expected_version: int) -> TaskForce:
        require(principal, Permission.RUN_TASK_FORCES)
        if not leads_task_force(principal, key):
            raise Forbidden("无权操作：只有本专班的负责人可以执行此操作")
        return self.store.load_expected(TaskForce.create_id(key), TaskForce, expected_version, "工作专班")

    def add_task_force_member(self, principal: Principal, key: str, expected_version: int, unit: str) -> int:
        """A unit joins the task force; returns the new version."""
        self.registry.require_units([unit], "unit")
        task_force = self._led_task_force(principal, key, expected_version)
        task_force.add_member(unit, principal.actor, self.clock.now())
        return self.store.commit_version(task_force)

    def remove_task_force_member(
        self, principal: Principal, key: str, expected_version: int, unit: str, reason: str
    ) -> int:
        """A unit leaves the task force; returns the new version."""
        task_force = self._led_task_force(principal, key, expected_version)
        task_force.remove_member(unit, reason, principal.actor, self.clock.now())
        return self.store.commit_version(task_force)

    def change_task_force_leader(
        self, principal: Principal, key: str, expected_version: int, leader: str, reason: str
    ) -> int:
        """Another district leader takes charge; returns the new version."""
        task_force = self._led_task_force(principal, key, expected_version)
        task_force.change_leader(leader, reason, principal.actor, self.clock.now())
        return self.store.commit_version(task_force)

    def dissolve_task_force(self, principal: Principal, key: str, expected_version: int, on: date, summary: str) -> int:
        """The task force ends its work with a summary; returns the new version."""
        task_force = self._led_task_force(principal, key, expected_version)
        if on > self.store.today():
            raise InvalidValue(f"撤销日期 {on} 晚于今天", "dissolved_on")
        task_force.dissolve(on, summary, principal.actor, self.clock.now())
        return self.store.commit_version(task_force)

    def hold_meeting(self, principal: Principal, key: str, expected_version: int, minutes: MeetingMinutes) -> int:
        """Record a coordination meeting and its problem-list changes in one atomic save; its number."""
        task_force = self._led_task_force(principal, key, expected_version)
        now, actor = self.clock.now(), principal.actor
        number = task_force.hold_meeting(minutes, self.store.today(), actor, now)
        cases = {case_id: self._meeting_case(principal, case_id) for case_id in minutes.case_ids()}
        for problem in minutes.listed:
            deadline = self.calendar.deadline_for(minutes.held_on, problem.working_days)
            cases[problem.case_id].bring_into_task_force(
                key,
                problem.lead_unit,
                list(problem.supporting_units),
                problem.working_days,
                deadline,
                number,
                actor,
                now,
                start_on=minutes.held_on,
            )
        for change in minutes.deadline_changes:
            case = self._on_list(cases[change.case_id], key, "deadline_changes")
            case.change_deadline(
                change.working_days,
                self.calendar.deadline_for(minutes.held_on, change.working_days),
                change.reason,
                number,
                actor,
                now,
                start_on=minutes.held_on,
            )
        for case_id in minutes.struck_off:
            self._on_list(cases[case_id], key, "struck_off").close(
                f"{task_force.name}第{number}次调度会（{minutes.held_on}）销号", actor, now
            )
        self.store.commit(task_force, *cases.values())
        return number

    def _meeting_case(self, principal: Principal, case_id: str) -> Case:
        """A case the meeting names: outside the lead's remit it is as unknown as a case that does not exist."""
        try:
            case, facts = self.case_queries.case_in_scope(principal, _case_id(case_id, "struck_off"))
        except NotFound:
            raise InvalidValue(f"问题“{case_id}”不存在", "struck_off") from None
        if not leads_case(principal, facts):
            raise Forbidden("无权操作：该问题由其他工作专班督办")
        return case

    @staticmethod
    def _on_list(case: Case, key: str, field: str) -> Case:
        if case.task_force != key:
            raise InvalidValue("该问题不在本专班问题清单中，请先列入", field)
        return case
