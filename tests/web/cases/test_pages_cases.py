"""The problem list and the case page over real HTTP: actions allowed now, the timeline, refusals."""

from __future__ import annotations

from uuid import UUID

from tests.support.app import CADRE, DISPATCH, log_problems
from tests.web.page_support import (
    Site,
    action_form,
    action_forms,
    created_ids,
    hidden_version,
    post_action,
    selected_option,
    text_of,
    textarea_value,
    visit_form,
)
from tests.web.people import LEAD

SCRIPT = "<script>alert(1)</script>"
SQL = "'; DROP TABLE rm_cases;--"


def _one_case(site: Site, description: str = "厂区门前道路破损，货车进出困难") -> str:
    return str(log_problems(site.ganxin, description)[0])


def test_the_case_page_offers_only_the_actions_allowed_now_and_the_timeline(site: Site):
    case_id = _one_case(site)
    page = site.lead.get(f"/cases/{case_id}")
    assert page.status_code == 200
    assert action_forms(page.text) == ["classify", "register_cannot_do"]
    assert hidden_version(page.text, "classify") == 1

    classified = post_action(site, case_id, "classify", 1, disposition="immediate", reason="无政策瓶颈")
    assert (classified.status_code, classified.headers["location"]) == (303, f"/cases/{case_id}#timeline")
    assigned = post_action(
        site, case_id, "assign", 2, lead_unit="zhujian", working_days="5", supporting_units="chengguan"
    )
    assert assigned.status_code == 303

    # What the state allows now, split by who may do it: the unit works the case, the desk directs it.
    directing = site.lead.get(f"/cases/{case_id}")
    assert action_forms(directing.text) == ["transfer", "remind", "escalate", "register_cannot_do"]
    page = site.handler.get(f"/cases/{case_id}")
    assert action_forms(page.text) == ["accept", "return", "request_extension"]
    assert hidden_version(page.text, "accept") == 3
    text = text_of(page.text)
    assert "待签收" in text and "区住房和城乡建设局" in text and "区城市管理综合行政执法局" in text
    assert "研判结论 没有政策瓶颈的，马上办" in text and "2026-04-15" in text
    timeline = text[text.index("办理经过") :]
    assert timeline.index("登记") < timeline.index("研判") < timeline.index("分办")
    assert "2026-04-08 09:00" in timeline
    assert f"{CADRE.actor.name}（干部）" in timeline and f"{LEAD.name}（专班负责人）" in timeline
    assert "理由 无政策瓶颈" in timeline and "办理时限（工作日） 5" in timeline


def test_a_stale_form_shows_the_conflict_and_changes_nothing(site: Site):
    case_id = _one_case(site)
    assert hidden_version(site.lead.get(f"/cases/{case_id}").text, "register_cannot_do") == 1
    site.ganxin.cases.classify_case(UUID(case_id), 1, DISPATCH, "special", "个案")  # someone else was quicker
    before = site.events_written()

    response = post_action(site, case_id, "register_cannot_do", 1, reason="超出职权")

    assert response.status_code == 409
    text = text_of(response.text)
    assert "该问题已被他人更新，请查看最新情况后重试" in text
    assert "研判结论 有政策瓶颈、属个案的，特事特办" in text  # the fresh state
    assert hidden_version(response.text, "register_cannot_do") == 2
    assert textarea_value(action_form(response.text, "register_cannot_do"), "reason") == "超出职权"  # kept
    assert site.events_written() == before
    assert site.ganxin.case_queries.get_case(DISPATCH, UUID(case_id)).case.status == "logged"


def test_a_refused_action_shows_its_message_next_to_the_field_keeping_what_was_typed(site: Site):
    case_id = _one_case(site)
    post_action(site, case_id, "classify", 1, disposition="immediate")
    post_action(site, case_id, "assign", 2, lead_unit="zhujian", working_days="5")
    assert action_forms(site.handler.get(f"/cases/{case_id}").text) == ["accept", "return", "request_extension"]
    before = site.events_written()

    response = post_action(site, case_id, "transfer", 3, to_unit="zhujian", reason="应由城管办理")

    assert response.status_code == 422
    assert "转办单位与当前牵头单位相同" in text_of(response.text)
    form = action_form(response.text, "transfer")
    assert " open>" in form.split("\n")[0]
    assert 'aria-invalid="true"' in form and "转办单位与当前牵头单位相同" in form
    assert textarea_value(form, "reason") == "应由城管办理"
    assert site.events_written() == before

    unpicked = post_action(site, case_id, "escalate", 3, level="", reason="久拖未决")
    assert unpicked.status_code == 422 and "请选择提级层级" in text_of(unpicked.text)
    bad_days = post_action(site, case_id, "request_extension", 3, working_days="三天", reason="需要协调")
    assert bad_days.status_code == 422 and "请填写整数个工作日" in text_of(bad_days.text)
    too_early = post_action(site, case_id, "resolve", 3, resolution="已修复")
    assert too_early.status_code == 409 and "承办单位签收后才能办结" in text_of(too_early.text)
    assert site.events_written() == before


def test_text_people_type_is_shown_literally(site: Site):
    form = visit_form(SCRIPT, SQL, enterprise_name=f"{SCRIPT}有限公司", place=SCRIPT)
    first, _ = created_ids(site.client.post("/visits", data=form, follow_redirects=False))
    assert post_action(site, first, "classify", 1, disposition="immediate", reason=SCRIPT).status_code == 303

    listed = site.client.get(f"/cases?created={first}")
    page = site.client.get(f"/cases/{first}")
    for html in (listed.text, page.text):
        assert SCRIPT not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SQL in text_of(listed.text)
    assert f"{SCRIPT}有限公司" in text_of(page.text)
    assert "共 2 个问题" in text_of(site.client.get("/cases").text)  # and the table is still there


def test_the_list_filters_and_pages_keeping_the_filters(site: Site):
    descriptions = [f"第{i}号道路破损" for i in range(1, 24)]
    first, *_ = created_ids(site.client.post("/visits", data=visit_form(*descriptions), follow_redirects=False))
    assert post_action(site, first, "classify", 1, disposition="immediate").status_code == 303
    assert post_action(site, first, "assign", 2, lead_unit="zhujian", working_days="5").status_code == 303

    page_one = site.client.get("/cases?category=市政配套")
    assert "共 23 个问题，第 1/2 页" in text_of(page_one.text)
    assert page_one.text.count('class="case-row') == 20
    assert 'href="/cases?category=%E5%B8%82%E6%94%BF%E9%85%8D%E5%A5%97&amp;page=2" rel="next"' in page_one.text
    page_two = site.client.get("/cases?category=市政配套&page=2")
    assert page_two.text.count('class="case-row') == 3 and 'rel="prev"' in page_two.text

    assigned = site.client.get("/cases?status=assigned")
    assert "共 1 个问题" in text_of(assigned.text) and "区住房和城乡建设局" in text_of(assigned.text)
    assert selected_option(assigned.text, "status") == "assigned"
    assert "2026-04-15" in text_of(assigned.text)  # the due date, 5 working days on
    by_text = site.client.get("/cases", params={"q": "第7号"})
    assert "共 1 个问题" in text_of(by_text.text)
    nothing = site.client.get("/cases", params={"lead_unit": "chengguan"})
    assert "没有符合筛选条件的问题" in text_of(nothing.text)


def test_unknown_cases_and_actions_answer_a_chinese_404_page(site: Site):
    case_id = _one_case(site)
    for path in ["/cases/not-a-case", "/cases/00000000-0000-0000-0000-000000000000"]:
        response = site.lead.get(path)
        assert response.status_code == 404 and "未找到" in text_of(response.text)
    assert post_action(site.lead, case_id, "fly", 1).status_code == 404
    assert post_action(site, "00000000-0000-0000-0000-000000000000", "accept", 1).status_code == 404
    home = site.client.get("/", follow_redirects=False)
    assert (home.status_code, home.headers["location"]) == (303, "/cases")
