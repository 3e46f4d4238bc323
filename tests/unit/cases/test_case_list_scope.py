"""Whose cases a list may show: CaseQueries.list_cases hands the read model the asker's scope with their filter,
on fake read models that record what they were asked (no database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from application.cases.ports import CaseFilter, CasePage
from application.cases.queries import CaseQueries
from application.projects.ports import SecretaryRow
from application.shared.access import CaseScope, Principal
from domain.shared.actor import Actor
from domain.shared.errors import InvalidValue
from domain.shared.vocabulary import Role

HANDLER = Principal(Actor("u-zhujian", "住建局承办人", Role.UNIT_HANDLER.value), unit="zhujian")
CADRE = Principal(Actor("u-cadre", "街道干部", Role.CADRE.value), unit="jiedao", street="香炉礁街道")
LEAD = Principal(Actor("u-lead", "专班负责人", Role.TASK_FORCE_LEAD.value), task_forces=("tf-port",))
DESK = Principal(Actor("u-desk", "调度台", Role.TASK_FORCE_LEAD.value), dispatch_all=True)
INSPECTOR = Principal(Actor("u-inspector", "纪检监察", Role.INSPECTOR.value))
SECRETARY = Principal(Actor("u-sec", "项目服务秘书", Role.SERVICE_SECRETARY.value))


@dataclass
class RecordingCaseList:
    """The case list read model: answers an empty page and keeps every filter it was asked with."""

    asked: list[CaseFilter] = field(default_factory=list)

    def list_cases(self, case_filter: CaseFilter) -> CasePage:
        self.asked.append(case_filter)
        return CasePage(items=[], total=0, page=case_filter.page, per_page=case_filter.per_page)


@dataclass
class Tenures:
    """The project read model's secretaries: who serves which project now."""

    rows: list[SecretaryRow] = field(default_factory=list)

    def secretaries(self, projects=None, secretary_id=None, current_only=False) -> list[SecretaryRow]:
        assert current_only, "a secretary's scope counts only the projects they serve now"
        return [r for r in self.rows if r.secretary_id == secretary_id]


def tenure(project: str, secretary_id: str) -> SecretaryRow:
    """A current tenure of a district secretary on a project."""
    return SecretaryRow(project, "district", secretary_id, "秘书", "营商局", "13800000000", date(2026, 1, 5), None)


def asked_filter(principal: Principal, case_filter: CaseFilter, tenures: list[SecretaryRow] = ()) -> CaseFilter:
    """The filter the read model receives when this person lists cases with this filter."""
    case_list = RecordingCaseList()
    # Listing reads neither the event store, the registry nor the calendar: they are left out.
    project_reads = Tenures(list(tenures))
    queries = CaseQueries(store=None, reads=case_list, registry_reads=None, project_reads=project_reads, calendar=None)
    queries.list_cases(principal, case_filter)
    [asked] = case_list.asked
    return asked


def test_a_unit_handler_lists_the_cases_of_their_unit_and_those_they_logged():
    asked = asked_filter(HANDLER, CaseFilter(status="assigned", page=2))
    assert asked.scope == CaseScope(logged_by="u-zhujian", units=("zhujian",))
    assert (asked.status, asked.page) == ("assigned", 2)  # what they narrowed the list to is kept


def test_a_cadre_also_sees_their_street():
    asked = asked_filter(CADRE, CaseFilter())
    assert asked.scope == CaseScope(logged_by="u-cadre", units=("jiedao",), street="香炉礁街道")


def test_a_task_force_lead_sees_their_task_forces_cases_not_a_unit():
    asked = asked_filter(LEAD, CaseFilter())
    assert asked.scope == CaseScope(logged_by="u-lead", task_forces=("tf-port",))


@pytest.mark.parametrize("principal", [DESK, INSPECTOR], ids=["dispatch desk", "inspector"])
def test_the_dispatch_desk_and_inspectors_see_every_case(principal):
    assert asked_filter(principal, CaseFilter()).scope == CaseScope(everything=True)


def test_a_secretary_sees_the_projects_they_serve_now():
    tenures = [tenure("kp-b", "u-sec"), tenure("kp-a", "u-sec"), tenure("kp-c", "u-other")]
    asked = asked_filter(SECRETARY, CaseFilter(), tenures)
    assert asked.scope == CaseScope(logged_by="u-sec", projects=("kp-a", "kp-b"))


def test_a_scope_sent_by_the_caller_is_replaced_by_the_askers_own():
    asked = asked_filter(HANDLER, CaseFilter(scope=CaseScope(everything=True)))
    assert asked.scope == CaseScope(logged_by="u-zhujian", units=("zhujian",))


@pytest.mark.parametrize(
    "case_filter, message",
    [
        (CaseFilter(page=0), "页码应从1开始"),
        (CaseFilter(per_page=0), "每页条数应在1至"),
        (CaseFilter(text="a\x00b"), "筛选条件含有不可见的控制字符"),
    ],
)
def test_a_bad_filter_is_refused_before_the_read_model_is_asked(case_filter, message):
    case_list = RecordingCaseList()
    queries = CaseQueries(store=None, reads=case_list, registry_reads=None, project_reads=Tenures(), calendar=None)
    with pytest.raises(InvalidValue, match=message):
        queries.list_cases(HANDLER, case_filter)
    assert case_list.asked == []
