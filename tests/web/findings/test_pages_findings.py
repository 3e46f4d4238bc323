"""The findings pages as inspectors and admins use them: record from a case, amend, withdraw, keep the list."""

from __future__ import annotations

import re

from tests.web.finding_support import sensitive_reads
from tests.web.page_support import Site, input_value, selected_option, text_of, textarea_value
from tests.web.people import Person

INSPECTOR = Person("inspector-zheng", "郑监察", "inspector")
ADMIN = Person("admin-feng", "冯管理员", "admin")


def accepted_case(site: Site) -> tuple[str, str]:
    """A case logged, classified, assigned to 住建局 and accepted (four events); its id and number."""
    created = site.lead.post(
        "/api/v1/visits",
        json={
            "enterprise": {"uscc": "91210211983690064E", "name": "华润置地（大连）有限公司", "street": "中华路街道"},
            "channel": "visit",
            "occurred_on": "2026-04-08",
            "problems": [{"category": "市政配套", "description": "道路破损"}],
        },
    )
    case_id = created.json()["case_ids"][0]
    site.lead.post(f"/api/v1/cases/{case_id}/classify", json={"expected_version": 1, "disposition": "immediate"})
    site.lead.post(
        f"/api/v1/cases/{case_id}/assign", json={"expected_version": 2, "lead_unit": "zhujian", "working_days": 5}
    )
    site.handler.post(f"/api/v1/cases/{case_id}/accept", json={"expected_version": 3})
    return case_id, site.lead.get(f"/api/v1/cases/{case_id}").json()["case_no"]


def form(cases: str, **changes: str | list[str]) -> dict:
    return {
        "unit": "zhujian",
        "person": "",
        "cases": cases,
        "field": "projects",
        "behaviours": ["sloth", "poor_execution"],
        "title": "签收后长期无进展",
        "description": "十个工作日无进展",
        **changes,
    }


def test_an_inspector_records_a_finding_from_the_case_page_and_marks_it_typical(site: Site):
    case_id, case_no = accepted_case(site)
    inspector = site.logins.client_of(INSPECTOR)
    case_page = inspector.get(f"/cases/{case_id}")
    assert "尚无认定引用本问题" in text_of(case_page.text)
    assert f'href="/findings/new?case={case_id}"' in case_page.text
    new = inspector.get(f"/findings/new?case={case_id}")
    assert case_id in new.text and "作风慵懒" in new.text and "项目建设" in new.text
    recorded = inspector.post("/findings", data=form(f"{case_no} 3，4"), follow_redirects=False)
    assert recorded.status_code == 303, recorded.text[:500]
    detail = inspector.get(recorded.headers["location"])
    assert "签收后长期无进展" in detail.text and "区住房和城乡建设局" in text_of(detail.text)
    assert f'href="/cases/{case_id}#v3"' in detail.text and f'href="/cases/{case_id}#v4"' in detail.text
    assert re.search(r'id="v4"', inspector.get(f"/cases/{case_id}").text)  # the anchor the link points at
    marked = inspector.post(
        recorded.headers["location"] + "/typical",
        data={"expected_version": "1", "typical": "1", "note": "全区通报"},
        follow_redirects=True,
    )
    assert "典型案例" in marked.text and "全区通报" in marked.text
    listed = text_of(inspector.get("/findings", params={"typical": "1", "unit": "zhujian"}).text)
    assert "共 1 条" in listed and case_no in listed and "作风慵懒、执行不力" in listed
    assert "签收后长期无进展" in text_of(inspector.get(f"/cases/{case_id}").text)
    assert "共 0 条" in text_of(inspector.get("/findings", params={"field": "service"}).text)


def test_a_refused_finding_keeps_what_was_typed_and_writes_nothing(site: Site):
    case_id, _ = accepted_case(site)
    inspector = site.logins.client_of(INSPECTOR)
    before = site.events_written()
    for cases, message in [
        ("20990101-ABCDEF", "引用的问题“20990101-ABCDEF”不存在"),
        (f"{case_id} 9", "没有第 9 条办理记录"),
        (f"{case_id} 第三条", "只能跟办理记录序号"),
    ]:
        refused = inspector.post("/findings", data=form(cases, title="保留的标题"))
        assert refused.status_code == 422, refused.text[:300]
        assert message in text_of(refused.text) and "保留的标题" in refused.text
    assert site.events_written() == before


def test_findings_are_hidden_from_everyone_but_inspectors(site: Site):
    case_id, _ = accepted_case(site)
    site.logins.client_of(INSPECTOR).post("/findings", data=form(case_id))
    admin = site.logins.client_of(ADMIN)
    for client in (admin, site.lead, site.handler):
        assert client.get("/findings").status_code == 403
        assert client.get("/findings/new").status_code == 403
        case_page = client.get(f"/cases/{case_id}")
        assert case_page.status_code == 200 and "引用本问题的认定" not in case_page.text
        assert 'href="/findings"' not in case_page.text  # no nav link either


def test_an_admin_retires_a_behaviour_new_findings_cannot_choose_it_old_ones_still_show_it(site: Site):
    case_id, _ = accepted_case(site)
    inspector, admin = site.logins.client_of(INSPECTOR), site.logins.client_of(ADMIN)
    old = inspector.post("/findings", data=form(case_id), follow_redirects=False).headers["location"]
    page = admin.get("/taxonomy")
    assert page.status_code == 200 and "落实上级政策" in page.text and "失职失责" in page.text
    retired = admin.post("/taxonomy/items/sloth/retire", data={"reason": "并入执行不力"}, follow_redirects=True)
    assert "已停用" in text_of(retired.text)
    refused = admin.post("/taxonomy/items/sloth/rename", data={"label": "新名"})
    assert refused.status_code == 409 and "已停用" in text_of(refused.text)
    assert 'value="sloth"' not in inspector.get("/findings/new").text
    assert "作风慵懒（已停用）" in text_of(inspector.get(old).text)
    before = site.events_written()
    again = inspector.post("/findings", data=form(case_id))
    assert again.status_code == 422 and "已停用" in text_of(again.text)
    assert site.events_written() == before
    assert inspector.get("/taxonomy").status_code == 403


def history_of(html: str) -> str:
    """The finding's history of events as its page shows it."""
    return text_of(html.split('id="history-title">')[1].split("</section>", maxsplit=1)[0])


def amend_form(case_no: str, **changes: str | list[str]) -> dict:
    return {
        "expected_version": "1",
        "cases": f"{case_no} 3,4",
        "field": "projects",
        "behaviours": ["sloth"],
        "title": "修订后的标题",
        "description": "十个工作日无进展，经核实属实",
        "reason": "补充核实情况",
        **changes,
    }


def test_an_inspector_amends_a_finding_on_its_page_and_its_history_keeps_what_was_replaced(site: Site):
    _, case_no = accepted_case(site)
    inspector = site.logins.client_of(INSPECTOR)
    location = inspector.post("/findings", data=form(f"{case_no} 3，4"), follow_redirects=False).headers["location"]
    page = inspector.get(location).text
    assert (input_value(page, "title"), textarea_value(page, "cases")) == ("签收后长期无进展", f"{case_no} 3,4")
    assert (selected_option(page, "field"), textarea_value(page, "description")) == ("projects", "十个工作日无进展")
    assert 'value="sloth" checked' in page and 'value="poor_execution" checked' in page
    before = site.events_written()
    refused = inspector.post(location + "/amend", data=amend_form(case_no, reason=" "))
    assert refused.status_code == 422 and "修改理由不能为空" in text_of(refused.text)
    assert input_value(refused.text, "title") == "修订后的标题"  # what was typed, not the finding as it stands
    stale = inspector.post(location + "/amend", data=amend_form(case_no, expected_version="7"))
    assert stale.status_code == 409 and textarea_value(stale.text, "reason") == "补充核实情况"
    assert site.events_written() == before
    amended = inspector.post(location + "/amend", data=amend_form(case_no), follow_redirects=False)
    assert (amended.status_code, amended.headers["location"]) == (303, location + "?done=amend")
    shown = inspector.get(amended.headers["location"]).text
    assert "已修改认定" in text_of(shown)
    history = history_of(shown)
    assert history.startswith("认定记录") and "记录认定" in history and "修改理由：补充核实情况" in history
    assert "原：签收后长期无进展 改为：修订后的标题" in history
    assert "原：作风慵懒、执行不力 改为：作风慵懒" in history
    assert "原：十个工作日无进展 改为：十个工作日无进展，经核实属实" in history
    assert "引用的问题" not in history  # the citations did not change, so the amendment does not list them
    assert inspector.get("/api/v1/findings/" + location.rsplit("/", 1)[1]).json()["version"] == 2


def test_a_withdrawal_needs_a_reason_and_a_withdrawn_finding_offers_no_forms(site: Site):
    case_id, case_no = accepted_case(site)
    inspector = site.logins.client_of(INSPECTOR)
    location = inspector.post("/findings", data=form(case_id), follow_redirects=False).headers["location"]
    before = site.events_written()
    refused = inspector.post(location + "/withdraw", data={"expected_version": "1", "note": ""})
    assert refused.status_code == 422 and "撤销理由不能为空" in text_of(refused.text)
    assert site.events_written() == before
    withdrawn = inspector.post(
        location + "/withdraw", data={"expected_version": "1", "note": "证据不足"}, follow_redirects=False
    )
    assert withdrawn.status_code == 303
    page = inspector.get(location).text
    assert "已撤销" in text_of(page) and "撤销认定" in history_of(page) and "撤销理由：证据不足" in history_of(page)
    assert 'action="/findings/' not in page  # neither amend, nor typical, nor withdraw
    before = site.events_written()
    late = inspector.post(location + "/amend", data=amend_form(case_no, expected_version="2"))
    assert late.status_code == 409 and "已撤销" in text_of(late.text)
    assert site.events_written() == before


def test_opening_a_finding_or_the_list_records_one_sensitive_read(site: Site):
    case_id, _ = accepted_case(site)
    inspector = site.logins.client_of(INSPECTOR)
    location = inspector.post("/findings", data=form(case_id), follow_redirects=False).headers["location"]
    finding_id = location.rsplit("/", 1)[1]
    before, reads = site.events_written(), sensitive_reads(site.ganxin)
    assert inspector.get(location).status_code == 200
    assert site.events_written() == before + 1
    assert sensitive_reads(site.ganxin) == [*reads, (INSPECTOR.username, "finding", finding_id)]
    assert inspector.get("/findings", params={"unit": "zhujian"}).status_code == 200
    assert sensitive_reads(site.ganxin)[-1] == (INSPECTOR.username, "findings_list", "unit=zhujian")
    inspector.get(f"/cases/{case_id}")  # the case page lists the findings citing it
    assert (INSPECTOR.username, "findings_list", f"case_id={case_id}") in sensitive_reads(site.ganxin)
    admin = site.logins.client_of(ADMIN)  # opening the account and logging in are events of their own
    before = site.events_written()
    assert admin.get(location).status_code == 403
    assert site.events_written() == before


def test_a_version_in_unicode_digits_or_too_long_is_refused_on_the_form_and_writes_nothing(site: Site):
    _, case_no = accepted_case(site)
    inspector = site.logins.client_of(INSPECTOR)
    location = inspector.post("/findings", data=form(f"{case_no} 3"), follow_redirects=False).headers["location"]
    before = site.events_written()
    for cases, message in [(f"{case_no} ²", "只能跟办理记录序号"), (f"{case_no} {'1' * 5000}", "最多 9 位数字")]:
        refused = inspector.post("/findings", data=form(cases, title="保留的标题"))
        assert refused.status_code == 422 and message in text_of(refused.text), refused.text[:300]
        amended = inspector.post(location + "/amend", data=amend_form(case_no, cases=cases))
        assert amended.status_code == 422 and message in text_of(amended.text), amended.text[:300]
    assert site.events_written() == before


def test_a_finding_whose_behaviour_was_retired_can_still_be_amended_but_not_to_another_retired_item(site: Site):
    _, case_no = accepted_case(site)
    inspector, admin = site.logins.client_of(INSPECTOR), site.logins.client_of(ADMIN)
    location = inspector.post("/findings", data=form(f"{case_no} 3,4"), follow_redirects=False).headers["location"]
    for key in ("sloth", "indifference"):
        retired = admin.post(f"/taxonomy/items/{key}/retire", data={"reason": "合并"}, follow_redirects=False)
        assert (retired.status_code, retired.headers["location"]) == (303, "/taxonomy")
    assert 'value="sloth" checked' in inspector.get(location).text  # the form keeps it ticked
    before = site.events_written()
    other = inspector.post(location + "/amend", data=amend_form(case_no, behaviours=["sloth", "indifference"]))
    assert other.status_code == 422 and "已停用" in text_of(other.text)
    assert site.events_written() == before
    kept = amend_form(case_no, behaviours=["sloth", "poor_execution"], title="更正错字", reason="标题有错字")
    amended = inspector.post(location + "/amend", data=kept, follow_redirects=False)
    assert amended.status_code == 303, amended.text[:300]
    history = history_of(inspector.get(amended.headers["location"]).text)
    assert "原：签收后长期无进展 改为：更正错字" in history and "修改理由：标题有错字" in history
