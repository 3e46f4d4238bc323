"""Which task-force lead directs a case (application.shared.access.leads_case), every branch (issue 10, item 23)."""

from __future__ import annotations

import pytest

from application.shared.access import CaseFacts, Principal, allowed_actions, leads_case
from domain.shared.actor import Actor

LEAD = Principal(Actor("lead-a", "甲专班负责人", "task_force_lead"), task_forces=("tf-a",))
DESK = Principal(Actor("desk", "调度台", "task_force_lead"), dispatch_all=True)


def _case(logged_by: str, task_force: str | None) -> CaseFacts:
    return CaseFacts(logged_by=logged_by, lead_unit="zhujian", supporting_units=(), task_force=task_force, street=None)


@pytest.mark.parametrize(
    ("logged_by", "task_force", "directs"),
    [
        ("lead-a", None, True),  # what they logged, on no list yet
        ("cadre-li", None, False),  # someone else's, on no list
        ("cadre-li", "tf-a", True),  # their task force's
        ("lead-a", "tf-a", True),
        ("lead-a", "tf-b", False),  # they logged it, but another task force directs it now
        ("cadre-li", "tf-b", False),
    ],
)
def test_a_lead_directs_their_task_forces_cases_and_what_they_logged_until_listed(
    logged_by: str, task_force: str | None, directs: bool
):
    case = _case(logged_by, task_force)
    assert leads_case(LEAD, case) is directs
    assert allowed_actions(LEAD, case, ["classify", "remind", "accept"]) == (["classify", "remind"] if directs else [])
    assert leads_case(DESK, case) is True  # the dispatch desk directs every case
