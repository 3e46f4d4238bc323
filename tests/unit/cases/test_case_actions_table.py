"""The table of case actions: each entry is complete, and every interface offers exactly its actions."""

from __future__ import annotations

import inspect

import pytest

from application.cases.commands import CaseCommands
from application.shared.access import ACTION_LABELS, ROLE_ACTIONS, SYSTEM_ROLE
from domain.cases import CASE_EVENT_LABELS, Case
from domain.cases.actions import CASE_ACTIONS, CHOICE, CHOICES, TEXT, WORKING_DAYS, CaseAction
from domain.shared.vocabulary import Role
from web.cases.action_forms import ACTION_FORMS
from web.cases.actions_api import router
from web.shared.bodies import ACTION_BODIES

CODES = [action.code for action in CASE_ACTIONS]
KNOWN_CHOICES = {"units", "other_units", "task_forces", "dispositions", "satisfactions", "levels"}


def test_codes_and_labels_are_unique() -> None:
    assert len(set(CODES)) == len(CODES)
    labels = [action.label for action in CASE_ACTIONS]
    assert len(set(labels)) == len(labels) and all(labels)


def test_the_labels_the_pages_show_are_the_ones_the_policy_and_the_api_use() -> None:
    assert ACTION_LABELS["grant_extension"] == ACTION_FORMS["grant_extension"].label == "同意延期"
    assert ACTION_LABELS["register_cannot_do"] == ACTION_FORMS["register_cannot_do"].label == "登记为不能办"
    summaries = {route.path.rsplit("/", 1)[-1]: route.summary for route in router.routes}  # type: ignore[attr-defined]
    assert all(summaries[code].startswith(ACTION_LABELS[code] + " ") for code in CODES)


@pytest.mark.parametrize("action", CASE_ACTIONS, ids=CODES)
def test_each_action_has_a_rule_a_route_a_form_and_a_body(action: CaseAction) -> None:
    assert callable(action.check) and action.title and action.about
    assert f"/cases/{{case_id}}/{action.code}" in {route.path for route in router.routes}  # type: ignore[attr-defined]
    assert ACTION_FORMS[action.code].fields == action.fields
    body_fields = set(ACTION_BODIES[action.code].model_fields) - {"expected_version"}
    assert body_fields == {field.name for field in action.fields}


@pytest.mark.parametrize("action", CASE_ACTIONS, ids=CODES)
def test_each_action_names_an_event_of_the_case_and_the_history_calls_it_by_its_label(action: CaseAction) -> None:
    assert issubclass(getattr(Case, action.event), Case.Event)
    assert CASE_EVENT_LABELS[action.event] in (action.label, "进展")  # 记录进展 records 进展


@pytest.mark.parametrize("action", CASE_ACTIONS, ids=CODES)
def test_each_command_takes_the_fields_the_action_asks_for(action: CaseAction) -> None:
    parameters = inspect.signature(getattr(CaseCommands, action.command)).parameters
    assert list(parameters)[1:4] == ["case_id", "expected_version", "principal"]
    assert {field.name for field in action.fields} <= set(parameters)


@pytest.mark.parametrize("action", CASE_ACTIONS, ids=CODES)
def test_each_field_is_of_a_known_kind_from_a_known_list(action: CaseAction) -> None:
    for field in action.fields:
        assert field.kind in (TEXT, CHOICE, CHOICES, WORKING_DAYS) and field.label
        assert (field.choices in KNOWN_CHOICES) == (field.kind in (CHOICE, CHOICES))


def test_someone_may_take_each_action_and_only_known_roles_appear() -> None:
    roles = {role.value for role in Role} | {SYSTEM_ROLE}
    assert all(action.roles and action.roles <= roles for action in CASE_ACTIONS)
    assert set(CODES) == set().union(*ROLE_ACTIONS.values())
    assert ROLE_ACTIONS[Role.INSPECTOR.value] == ROLE_ACTIONS[Role.ADMIN.value] == frozenset()
