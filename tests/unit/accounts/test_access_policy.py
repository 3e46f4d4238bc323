"""The access policy on plain principals and case facts: permissions, scope, and who may act on what."""

from __future__ import annotations

from typing import Any

import pytest

from application.shared.access import (
    CaseFacts,
    CaseScope,
    Permission,
    Principal,
    allowed_actions,
    case_scope,
    in_scope,
    leads_case,
    require,
    system_principal,
)
from application.shared.errors import Forbidden
from domain.shared.actor import Actor
from tests.support.case_actions import DIRECTING_ACTIONS, EVERY_ACTION
from tests.support.roles import OVERSEERS, PERMISSIONS, ROLES

CASE = CaseFacts(
    logged_by="cadre-zhao",
    lead_unit="zhujian",
    supporting_units=("chengguan",),
    task_force="tf-a",
    street="中华路街道",
    project="kp-a",
)


def person(role: str, user: str = "someone", **remit: Any) -> Principal:
    return Principal(Actor(user, "某人", role), **remit)


@pytest.mark.parametrize("role", sorted(PERMISSIONS))
def test_each_role_has_exactly_its_permissions(role):
    principal = person(role)
    assert {p.value for p in Permission if principal.can(p)} == PERMISSIONS[role]
    for permission in Permission:
        if permission.value in PERMISSIONS[role]:
            require(principal, permission)
        else:
            with pytest.raises(Forbidden):
                require(principal, permission)


def test_refusals_name_the_role_in_chinese_and_unknown_roles_may_do_nothing():
    with pytest.raises(Forbidden) as caught:
        require(person("cadre"), Permission.MANAGE_ACCOUNTS)
    assert caught.value.message == "您的角色（干部）无权执行此操作"
    assert not any(person("visitor").can(p) for p in Permission)


def test_who_sees_everything_and_whose_reads_are_recorded():
    assert set(PERMISSIONS) == set(ROLES)
    assert {role for role in ROLES if person(role).sees_everything} == OVERSEERS
    assert person("task_force_lead", dispatch_all=True).sees_everything
    assert not person("unit_handler", dispatch_all=True).sees_everything  # the desk is a lead's remit only
    assert {role for role in ROLES if person(role).is_audited_reader} == OVERSEERS
    assert not person("task_force_lead", dispatch_all=True).is_audited_reader
    system = system_principal("截止期限守望")
    assert (system.actor, system.dispatch_all, system.sees_everything, system.role) == (
        Actor("system", "截止期限守望", "system"),
        True,
        True,
        "system",
    )
    assert system_principal().actor.name == "系统"
    assert not system.can(Permission.VIEW_CASES)  # in-process jobs act, they hold no web permission


def test_list_scopes_by_role():
    remit = {"unit": "zhujian", "street": "中华路街道", "task_forces": ("tf-a",)}
    assert case_scope(person("inspector")) == CaseScope(everything=True)
    assert case_scope(person("task_force_lead", dispatch_all=True)) == CaseScope(everything=True)
    assert case_scope(person("cadre", "c", **remit)) == CaseScope(
        logged_by="c", units=("zhujian",), street="中华路街道"
    )
    assert case_scope(person("unit_handler", "h", **remit)) == CaseScope(logged_by="h", units=("zhujian",))
    assert case_scope(person("task_force_lead", "l", **remit)) == CaseScope(logged_by="l", task_forces=("tf-a",))
    assert case_scope(person("service_secretary", "s", **remit)) == CaseScope(logged_by="s")
    assert case_scope(person("cadre", "c")) == CaseScope(logged_by="c")


@pytest.mark.parametrize(
    "scope, inside",
    [
        (CaseScope(everything=True), True),
        (CaseScope(), False),
        (CaseScope(logged_by="cadre-zhao"), True),
        (CaseScope(logged_by="cadre-qian"), False),
        (CaseScope(units=("zhujian",)), True),
        (CaseScope(units=("chengguan",)), True),  # a supporting unit
        (CaseScope(units=("ziran",)), False),
        (CaseScope(task_forces=("tf-a",)), True),
        (CaseScope(task_forces=("tf-b",)), False),
        (CaseScope(street="中华路街道"), True),
        (CaseScope(street="营城子街道"), False),
        (CaseScope(projects=("kp-a",)), True),
        (CaseScope(projects=("kp-b",)), False),
    ],
)
def test_a_case_is_in_scope_by_any_one_of_the_ties(scope, inside):
    assert in_scope(scope, CASE) is inside


def test_a_case_without_task_force_project_or_units_matches_no_empty_tie():
    bare = CaseFacts(logged_by="cadre-zhao", lead_unit=None, supporting_units=(), task_force=None, street=None)
    assert not in_scope(CaseScope(logged_by="x", units=("zhujian",), task_forces=("tf-a",), projects=("kp-a",)), bare)
    assert not in_scope(CaseScope(street=None), bare)


def test_the_lead_units_handler_works_the_case_a_supporting_one_only_notes_progress():
    assert allowed_actions(person("unit_handler", unit="zhujian"), CASE, EVERY_ACTION) == [
        "accept",
        "return",
        "progress",
        "request_extension",
        "resolve",
    ]
    assert allowed_actions(person("unit_handler", unit="chengguan"), CASE, EVERY_ACTION) == ["progress"]
    assert allowed_actions(person("unit_handler", unit="ziran"), CASE, EVERY_ACTION) == []
    assert allowed_actions(person("unit_handler"), CASE, EVERY_ACTION) == []


def test_the_state_limits_what_the_role_may_do():
    assert allowed_actions(person("unit_handler", unit="zhujian"), CASE, ["accept", "assign"]) == ["accept"]
    assert allowed_actions(person("task_force_lead", dispatch_all=True), CASE, []) == []


def test_leads_direct_their_task_forces_cases_and_the_desk_every_case():
    assert allowed_actions(person("task_force_lead", task_forces=("tf-a",)), CASE, EVERY_ACTION) == DIRECTING_ACTIONS
    assert allowed_actions(person("task_force_lead", task_forces=("tf-b",)), CASE, EVERY_ACTION) == []
    assert allowed_actions(person("task_force_lead", dispatch_all=True), CASE, EVERY_ACTION) == DIRECTING_ACTIONS


def test_a_lead_directs_what_they_logged_only_until_it_joins_a_task_force():
    own = CaseFacts(logged_by="lead-wu", lead_unit=None, supporting_units=(), task_force=None, street=None)
    wu = person("task_force_lead", "lead-wu", task_forces=("tf-b",))
    assert leads_case(wu, own)
    assert not leads_case(person("task_force_lead", "lead-li"), own)
    joined = CaseFacts(logged_by="lead-wu", lead_unit=None, supporting_units=(), task_force="tf-a", street=None)
    assert not leads_case(wu, joined)
    assert leads_case(person("task_force_lead", "lead-li", task_forces=("tf-a",)), joined)
    assert leads_case(person("task_force_lead", "lead-li", dispatch_all=True), joined)


def test_only_the_cadre_who_logged_it_rates_it_and_secretaries_remind_and_rate():
    assert allowed_actions(person("cadre", "cadre-zhao"), CASE, EVERY_ACTION) == ["feedback"]
    assert allowed_actions(person("cadre", "cadre-qian"), CASE, EVERY_ACTION) == []
    assert allowed_actions(person("service_secretary"), CASE, EVERY_ACTION) == ["remind", "feedback"]


def test_inspectors_and_admins_take_no_action_and_the_system_only_reminds_and_escalates():
    assert allowed_actions(person("inspector"), CASE, EVERY_ACTION) == []
    assert allowed_actions(person("admin"), CASE, EVERY_ACTION) == []
    assert allowed_actions(system_principal(), CASE, EVERY_ACTION) == ["remind", "escalate"]
    assert allowed_actions(person("visitor"), CASE, EVERY_ACTION) == []
