"""The problem ledger and the project handbook, as of any day, replayed from the event history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from application.cases import CaseQueries, case_number
from application.projects.exports import (
    Handbook,
    HandbookMilestone,
    HandbookProblem,
    HandbookProject,
    HandbookSecretary,
    LedgerRow,
    LedgerSheet,
)
from application.projects.ports import MilestoneRow, ProjectReadModel
from application.projects.queries import Problem, ProjectViews, milestone_label
from application.registry import RegistryReadModel
from application.shared.access import CaseScope, Principal
from application.shared.as_of import AsOf
from application.shared.clock import local_date
from application.shared.store import Store
from domain.cases import Case
from domain.projects import KeyProject
from domain.shared.errors import InvalidValue
from domain.shared.vocabulary import CaseStatus, EscalationLevel, ProjectKind, SecretaryTier

DONE = (CaseStatus.RESOLVED, CaseStatus.CLOSED)


def check_as_of(as_of: date | None, today: date) -> date:
    """A ledger can be read as of any past day or today, not tomorrow."""
    day = as_of or today
    if day > today:
        raise InvalidValue(f"截至日期 {day} 晚于今天（{today}）", "as_of")
    return day


def remarks_of(case: Case) -> str:
    """What the ledger's 备注 column says: escalation, extensions, struck off, cannot-do."""
    notes = []
    if case.escalation_level:
        notes.append(EscalationLevel(case.escalation_level).label)
    if case.extension_days:
        notes.append(f"延期{len(case.extension_days)}次")
    if case.status == CaseStatus.CLOSED:
        notes.append("已销号")
    if case.status == CaseStatus.CANNOT_DO:
        notes.append(f"不能办：{case.cannot_do_reason}")
    if case.satisfaction == "dissatisfied":
        notes.append("企业不满意")
    return "；".join(notes)


@dataclass(frozen=True)
class LedgerReads:
    """Exports that match what cadres keep today; past days come from replaying each case."""

    store: Store
    reads: ProjectReadModel
    registry_reads: RegistryReadModel
    as_of: AsOf
    case_queries: CaseQueries
    project_views: ProjectViews

    def _cases_as_of(self, ids: list[UUID], day: date, *, task_force: str = "", project: str = "") -> list[Case]:
        cases = [self.as_of.as_of(case_id, day, Case) for case_id in ids]
        return [
            c
            for c in cases
            if c is not None and ((task_force and c.task_force == task_force) or (project and c.project == project))
        ]

    def _ledger_row(self, number: int, case: Case, units: dict[str, str]) -> LedgerRow:
        enterprise = self.registry_reads.get_enterprise(case.enterprise_uscc)
        done = case.status in DONE
        progress = case.resolution if done else (case.latest_progress or CaseStatus(case.status).label)
        return LedgerRow(
            number=number,
            enterprise_name=enterprise.name if enterprise else case.enterprise_uscc,
            description=case.description,
            lead_unit=units.get(case.lead_unit or "", case.lead_unit or ""),
            supporting_units="、".join(units.get(u, u) for u in case.supporting_units),
            due_on=case.due_on,
            progress=progress,
            resolved=done,
            resolved_on=local_date(case.resolved_at) if done and case.resolved_at else None,
            remarks=remarks_of(case),
        )

    def _unit_names(self) -> dict[str, str]:
        return {u.key: u.short_name or u.name for u in self.registry_reads.list_units()}

    def task_force_ledger(self, principal: Principal, key: str, as_of: date | None = None) -> LedgerSheet:
        """A task force's problem list (问题清单) as it stood at the end of a day."""
        view = self.project_views.task_force_view(principal, key)
        return self._sheet(view.task_force.name, "问题清单", view.problems, as_of, task_force=key)

    def project_ledger(self, principal: Principal, key: str, as_of: date | None = None) -> LedgerSheet:
        """A project's problem ledger (一个账本) as it stood at the end of a day."""
        view = self.project_views.project_view(principal, key)
        return self._sheet(view.project.name, "问题台账", view.problems, as_of, project=key)

    def _sheet(self, name: str, kind: str, problems: list[Problem], as_of: date | None, **owner: str) -> LedgerSheet:
        """The problems' cases as they stood at the end of the day (on the owner's list then), a row each."""
        day = check_as_of(as_of, self.store.today())
        cases = self._cases_as_of([p.row.case.case_id for p in problems], day, **owner)
        units = self._unit_names()
        rows = [self._ledger_row(n, c, units) for n, c in enumerate(cases, start=1)]
        return LedgerSheet(name[:31], f"{name}{kind}", day, rows)

    def handbook(self, principal: Principal, as_of: date | None = None) -> Handbook:
        """Every visible project with secretaries, contacts, milestones and open problems, as of a day."""
        day = check_as_of(as_of, self.store.today())
        units = self._unit_names()
        forces = {t.key: t.name for t in self.registry_reads.list_task_forces()}
        projects, scope = [], self.case_queries.scope_of(principal)
        for row in self.project_views.project_list(principal):
            project = self.as_of.as_of(KeyProject.create_id(row.key), day, KeyProject)
            if project is not None:
                projects.append(self._handbook_project(project, row.enterprise_name, day, units, forces, scope))
        return Handbook("甘井子区重点项目服务手册", day, projects)

    def _handbook_project(
        self,
        project: KeyProject,
        enterprise: str,
        day: date,
        units: dict[str, str],
        forces: dict[str, str],
        scope: CaseScope,
    ) -> HandbookProject:
        secretaries = [
            HandbookSecretary(SecretaryTier(s["tier"]).label, s["name"], units.get(s["unit"], s["unit"]), s["phone"])
            for s in project.secretaries.values()
        ]
        milestones = [
            HandbookMilestone(
                m["name"],
                m["planned_on"],
                m["achieved_on"],
                milestone_label(
                    MilestoneRow(
                        project.key, m["name"], m["planned_on"], m["first_planned_on"], m["achieved_on"], m["replans"]
                    ),
                    day,
                ),
            )
            for m in project.milestones.values()
        ]
        ids = [p.case.case_id for p in self.reads.problems(project=project.key, scope=scope)]
        problems = [
            HandbookProblem(
                self._case_no(c),
                c.description,
                units.get(c.lead_unit or "", "未分办"),
                c.due_on,
                CaseStatus(c.status).label,
            )
            for c in self._cases_as_of(ids, day, project=project.key)
            if c.status not in (*DONE, "cannot_do")
        ]
        return HandbookProject(
            project.key,
            project.name,
            ProjectKind(project.kind).label,
            enterprise,
            project.park,
            project.investment_cny,
            project.stage,
            forces.get(project.task_force, ""),
            secretaries,
            milestones,
            problems,
        )

    @staticmethod
    def _case_no(case: Case) -> str:
        return case_number(case.id, case.created_on)
