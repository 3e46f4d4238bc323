"""Secretaries follow their project through the page forms; the desk staffs its tiers (district scenario)."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx

from application.cases.ports import CaseFilter
from domain.projects.key_project import KeyProject
from tests.web.page_support import text_of
from tests.web.people import LEAD
from tests.web.scenario_support import CADRE, DESK, SECRETARY, Site
from tests.web.task_forces import test_meeting_form

PROJECT = "kp-wanxianghui"
site = test_meeting_form.site  # the same fixture: a fresh scenario per test, on both databases


def _post(site: Site, client: httpx.Client, path: str, fields: dict[str, str]) -> httpx.Response:
    page = client.get(f"/projects/{PROJECT}").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    version = site.ganxin.store.load(KeyProject.create_id(PROJECT), KeyProject).version
    return client.post(
        path, data={"csrf_token": token, "expected_version": str(version), **fields}, follow_redirects=False
    )


def test_the_secretary_plans_replans_and_reaches_a_milestone(site: Site):
    secretary = site.client(SECRETARY)
    assert 'id="milestone-form"' in secretary.get(f"/projects/{PROJECT}").text
    milestones = f"/projects/{PROJECT}/milestones"
    assert _post(site, secretary, milestones, {"name": "招商签约", "planned_on": "2026-12-15"}).status_code == 303
    moved = _post(
        site, secretary, milestones, {"name": "招商签约", "planned_on": "2027-01-20", "reason": "企业董事会延期"}
    )
    assert moved.status_code == 303
    reached = _post(site, secretary, f"{milestones}/achieved", {"name": "招商签约", "achieved_on": "2026-11-19"})
    assert reached.status_code == 303
    page = text_of(secretary.get(f"/projects/{PROJECT}").text)
    assert "招商签约 2027-01-20 原计划 2026-12-15 2026-11-19" in page


def test_a_replan_without_a_reason_is_refused_and_writes_nothing(site: Site):
    secretary = site.client(SECRETARY)
    before = site.events_written()
    refused = _post(
        site, secretary, f"/projects/{PROJECT}/milestones", {"name": "竣工验收", "planned_on": "2027-12-31"}
    )
    assert refused.status_code == 422, text_of(refused.text)[:400]
    assert "未能保存" in refused.text and "理由" in text_of(refused.text)
    assert 'value="2027-12-31"' in refused.text  # what was typed stays
    assert site.events_written() == before


def test_the_secretary_moves_the_stage_on(site: Site):
    secretary = site.client(SECRETARY)
    assert (
        _post(site, secretary, f"/projects/{PROJECT}/stage", {"stage": "主体施工", "note": "已开工"}).status_code == 303
    )
    assert "建设阶段 主体施工" in text_of(secretary.get(f"/projects/{PROJECT}").text)


def test_the_desk_replaces_a_tier_and_a_double_appointment_is_refused(site: Site):
    desk = site.client(LEAD)
    assert 'id="secretary-form"' in desk.get(f"/projects/{PROJECT}").text
    fields = {
        "tier": "street",
        "secretary_id": "secretary-new",
        "name": "王新",
        "unit": "yingshang",
        "appointed_on": "2026-11-19",
        "phone": "0411-86000000",
    }
    before = site.events_written()
    twice = _post(site, desk, f"/projects/{PROJECT}/secretaries", fields)
    assert twice.status_code == 409 and "未能保存" in twice.text  # the tier is taken: a conflict with its state
    assert "未能保存：街道服务秘书已由陈静担任，如需更换请用“更换”" in text_of(twice.text)
    assert site.events_written() == before
    replaced = _post(site, desk, f"/projects/{PROJECT}/secretaries", {**fields, "reason": "工作调动"})
    assert replaced.status_code == 303
    page = text_of(desk.get(f"/projects/{PROJECT}").text)
    assert "王新" in page and "曾任服务秘书" in page


def test_people_who_do_not_follow_the_project_get_no_forms(site: Site):
    cadre_page = site.client(CADRE).get(f"/projects/{PROJECT}")
    assert cadre_page.status_code == 403
    secretary_page = site.client(SECRETARY).get(f"/projects/{PROJECT}").text
    assert 'id="secretary-form"' not in secretary_page  # appointing is the desk's


def test_a_case_moved_to_another_project_leaves_the_secretarys_past_ledger(site: Site):
    """Today's remit decides what a past page shows: the case now belongs to a project she does not serve."""
    ganxin = site.ganxin
    # A resolved case: the served app's deadline watch, running as the server starts, never touches it (an
    # overdue open case could be escalated between reading its version and linking it).
    case = next(
        c
        for c in ganxin.case_queries.list_cases(DESK, CaseFilter(per_page=100)).items
        if c.task_force is None and c.status == "resolved"
    )
    version = ganxin.projects.link_case_to_project(DESK, case.case_id, case.version, PROJECT)
    ganxin.store.clock.advance(timedelta(days=1))
    ganxin.projects.link_case_to_project(DESK, case.case_id, version, "kp-5g")
    secretary = site.client(SECRETARY)
    then = secretary.get(f"/api/v1/projects/{PROJECT}", params={"as_of": "2026-11-20"}).json()
    assert str(case.case_id) not in {p["case_id"] for p in then["problems"]}
    desk_then = site.client(LEAD).get(f"/api/v1/projects/{PROJECT}", params={"as_of": "2026-11-20"}).json()
    assert str(case.case_id) in {p["case_id"] for p in desk_then["problems"]}  # it was on the ledger then
