"""The escalation ladder and scheduled reminders: `ganxin tick`, safe to run in several processes at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from application.calendar import CalendarCommands
from application.cases.commands import CaseCommands
from application.cases.lights import working_days_before, working_days_between
from application.cases.ports import CaseReadModel
from application.shared.access import system_principal
from application.shared.errors import VersionConflict
from application.shared.store import Store
from domain.cases import Case
from domain.shared.vocabulary import EscalationLevel

ATTEMPTS = 5


@dataclass(frozen=True)
class LadderSettings:
    """When the scheduler acts: district leader after N working days overdue; reminders N days before due."""

    district_after_working_days: int = 5
    reminder_points: tuple[int, ...] = (1,)


@dataclass
class TickReport:
    """What one tick recorded."""

    escalated: list[tuple[UUID, str]] = field(default_factory=list)
    reminded: list[tuple[UUID, str]] = field(default_factory=list)


@dataclass(frozen=True)
class DeadlineWatch:
    """Escalate overdue cases and remind before deadlines, each step recorded once per case."""

    store: Store
    reads: CaseReadModel
    calendar: CalendarCommands
    cases: CaseCommands

    def tick(self, settings: LadderSettings | None = None) -> TickReport:
        """Look at every open case near or past its deadline and record what is due, once."""
        settings = settings or LadderSettings()
        report, today, calendar = TickReport(), self.store.today(), self.calendar.working_calendar
        horizon = calendar.add_working_days(today, max(settings.reminder_points, default=0)).due_on
        cutoff = working_days_before(calendar, today, settings.district_after_working_days)
        for case_id in self.reads.cases_needing_attention(today, horizon, cutoff):
            for _ in range(ATTEMPTS):
                try:
                    self._attend(case_id, settings, report)
                    break
                except VersionConflict:
                    continue  # someone (perhaps another tick) acted first: look again at the new version
        return report

    def _attend(self, case_id: UUID, settings: LadderSettings, report: TickReport) -> None:
        """One case: the escalation rungs it has reached, then any reminder point it has passed."""
        system = system_principal("办结期限监督")
        case: Case = self.store.get(case_id)
        if not case.is_open or case.due_on is None:
            return
        today = self.store.today()
        while rungs := self._rungs_due(case, today, settings):  # re-read after each step: rivals act too
            level, reason = rungs[0]
            self.cases.escalate_case(case.id, case.version, system, level, reason)
            report.escalated.append((case.id, level))
            case = self.store.get(case_id)
        due_on = case.due_on
        if due_on is None or due_on < today:  # escalating keeps the due day; None only if that ever changed
            return
        left = working_days_between(self.calendar.working_calendar, today, due_on)
        for point in sorted(settings.reminder_points):
            key = f"due-{point}"
            if left <= point and key not in case.reminder_keys and case.lead_unit:
                note = f"距办结期限（{due_on.isoformat()}）还有{left}个工作日，请抓紧办理"
                self.cases.record_reminder(case.id, case.version, system, note, key=key)
                report.reminded.append((case.id, key))
                case = self.store.get(case_id)

    def _rungs_due(self, case: Case, today: date, settings: LadderSettings) -> list[tuple[str, str]]:
        """The escalations an overdue case has reached and not yet received, lowest first."""
        if case.due_on is None or case.due_on >= today:
            return []
        overdue = working_days_between(self.calendar.working_calendar, case.due_on, today)
        current = EscalationLevel(case.escalation_level).rank if case.escalation_level else 0
        first = EscalationLevel.TASK_FORCE_LEADER if case.task_force else EscalationLevel.UNIT_HEAD
        rungs = []
        if current < first.rank:
            rungs.append((first.value, f"超期{overdue}个工作日未办结，系统自动{first.label}"))
        if current < EscalationLevel.DISTRICT_LEADER.rank and overdue >= settings.district_after_working_days:
            rungs.append(
                (EscalationLevel.DISTRICT_LEADER.value, f"超期{overdue}个工作日仍未办结，系统自动提级至分管区领导")
            )
        return rungs
