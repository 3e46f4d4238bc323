"""The task-force lead records a coordination meeting through the page form, on the district scenario."""

from __future__ import annotations

import re

from tests.web.page_support import text_of
from tests.web.people import LEAD
from tests.web.scenario_support import (
    CADRE,
    DESK,
    WANXIANGHUI,
    Site,
    post_meeting,
    scenario_fixture,
    unlisted_open_case,
)

# A fresh loaded scenario per test: these tests write.
site = scenario_fixture(scope="function")


def test_the_lead_records_a_meeting_that_lists_a_case(site: Site):
    case = unlisted_open_case(site)
    lead = site.client(LEAD)
    assert 'id="meeting-form"' in lead.get(f"/task-forces/{WANXIANGHUI}").text
    answer = post_meeting(
        site,
        lead,
        held_on="2026-11-19",
        title="第四次专班调度会",
        attendees="区领导\n住建局 刘畅\n",
        decisions="新问题列入清单\n",
        listed_case=case.case_no,
        listed_unit="zhujian",
        listed_days="10",
    )
    assert answer.status_code == 303, text_of(answer.text)[:300]
    page = text_of(lead.get(answer.headers["location"]).text)
    assert "第4次 · 2026-11-19 · 第四次专班调度会" in page
    assert "问题 12 个" in page and case.case_no in page
    assert site.ganxin.case_queries.get_case(DESK, case.case_id).case.task_force == WANXIANGHUI


def test_a_meeting_dated_tomorrow_is_refused_with_what_was_typed_kept(site: Site):
    lead, before = site.client(LEAD), site.events_written()
    answer = post_meeting(site, lead, held_on="2026-11-21", title="明天的会", attendees="区领导")
    assert answer.status_code == 422
    assert "会议未能保存" in answer.text and "明天的会" in answer.text
    assert site.events_written() == before


def test_a_cadre_cannot_record_a_meeting(site: Site):
    cadre, before = site.client(CADRE), site.events_written()
    token = re.search(r'name="csrf_token" value="([^"]+)"', cadre.get("/cases").text).group(1)
    answer = cadre.post(
        f"/task-forces/{WANXIANGHUI}/meetings",
        data={"csrf_token": token, "expected_version": "1", "held_on": "2026-11-19", "attendees": "某人"},
    )
    assert answer.status_code == 403 and site.events_written() == before
