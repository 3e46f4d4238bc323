"""The visit form over real HTTP: several problems in one submission, errors next to their fields."""

from __future__ import annotations

from tests.unit.registry.test_uscc import reference_check_character
from tests.web.page_support import (
    NEW_NAME,
    NEW_USCC,
    Site,
    created_ids,
    error_next_to,
    input_value,
    selected_option,
    text_of,
    textarea_value,
    visit_form,
)


def test_the_form_offers_three_problem_rows_and_today_as_the_latest_date(site: Site):
    page = site.client.get("/visits/new")
    assert page.status_code == 200
    assert page.text.count('class="problem-row"') == 3
    assert 'type="date" value="2026-04-08" max="2026-04-08"' in page.text
    assert selected_option(page.text, "channel") == "visit"
    assert "赵干部" in text_of(page.text)  # the logged-in user in the top bar
    assert '<form method="post" action="/logout"' in page.text
    assert "<script>" not in page.text  # scripts only as static files (CSP)

    more = site.client.get("/visits/new?rows=5")
    assert more.text.count('class="problem-row"') == 5


def test_a_visit_with_a_new_enterprise_logs_two_cases_and_the_list_shows_both(site: Site):
    form = visit_form("厂区门前道路破损，货车进出困难", "", "冬季供暖不达标")  # the blank middle row is ignored
    response = site.client.post("/visits", data=form, follow_redirects=False)
    first, second = created_ids(response)

    listed = site.client.get(response.headers["location"])
    assert listed.status_code == 200
    text = text_of(listed.text)
    assert "已登记 2 个问题" in text
    assert f'href="/cases/{first}"' in listed.text and f'href="/cases/{second}"' in listed.text
    assert "共 2 个问题" in text
    rows = text[text.index("共 2 个问题") :]
    assert rows.count(NEW_NAME) == 2 and rows.count("待分办") == 2
    assert "厂区门前道路破损，货车进出困难" in text and "冬季供暖不达标" in text

    case_page = text_of(site.client.get(f"/cases/{first}").text)
    assert NEW_NAME in case_page and NEW_USCC in case_page and "甘心入企走访" in case_page


def test_one_bad_problem_among_three_saves_nothing_and_every_value_is_kept(site: Site):
    before = site.events_written()
    form = visit_form("道路破损", "", "供暖不达标", occurred_on="2026-04-09")
    form["problems[1].category"] = "用工"  # picked a category but wrote no description
    form["problems[1].request"] = "希望帮助招工"

    response = site.client.post("/visits", data=form, follow_redirects=False)

    assert response.status_code == 422
    html = response.text
    assert error_next_to(html, "problems[1].description") == ["问题描述不能为空"]
    assert error_next_to(html, "problems[0].description") == []
    assert error_next_to(html, "occurred_on") == ["发生日期 2026-04-09 晚于今天，不能登记未来的日期"]
    assert "提交未成功" in text_of(html) and "问题2：问题描述不能为空" in text_of(html)
    assert textarea_value(html, "problems[0].description") == "道路破损"
    assert textarea_value(html, "problems[1].request") == "希望帮助招工"
    assert selected_option(html, "problems[1].category") == "用工"
    assert textarea_value(html, "problems[2].description") == "供暖不达标"
    assert input_value(html, "uscc") == NEW_USCC and input_value(html, "enterprise_name") == NEW_NAME
    assert input_value(html, "cadres") == "赵干部，钱干部"
    assert selected_option(html, "street") == "营城子街道"
    assert site.events_written() == before
    assert "还没有登记任何问题" in text_of(site.client.get("/cases").text)


def test_an_unknown_credit_code_needs_the_enterprise_name_and_street(site: Site):
    form = visit_form("道路破损", enterprise_name="", street="")
    response = site.client.post("/visits", data=form, follow_redirects=False)
    assert response.status_code == 422
    assert error_next_to(response.text, "enterprise_name") == [
        f"统一社会信用代码 {NEW_USCC} 尚未登记，请填写企业名称和所在街道"
    ]


def test_credit_codes_whose_check_character_is_0_are_logged_by_the_form_and_the_api(site: Site):
    # The remainder 0 case of GB 32100 (31 - 0 → character 0): a check that forgets the final mod 31 crashes here.
    by_form, by_api = "91210211MA33259820", "92210211MA31418760"
    assert [reference_check_character(code[:17]) for code in (by_form, by_api)] == ["0", "0"]
    form = visit_form("道路破损", uscc=by_form, enterprise_name="大连零号机械有限公司")
    (case_id,) = created_ids(site.client.post("/visits", data=form, follow_redirects=False))
    assert by_form in text_of(site.client.get(f"/cases/{case_id}").text)
    body = {
        "enterprise": {"uscc": by_api.lower(), "name": "甘井子区零号五金店", "street": "营城子街道"},
        "channel": "visit",
        "occurred_on": "2026-04-08",
        "cadres": ["赵干部"],
        "problems": [{"category": "市政配套", "description": "门前路灯不亮", "request": ""}],
    }
    logged = site.client.post("/api/v1/visits", json=body)
    assert logged.status_code == 201, logged.text
    (api_case,) = logged.json()["case_ids"]
    assert site.client.get(f"/api/v1/cases/{api_case}").json()["enterprise"]["uscc"] == by_api


def test_a_wrong_credit_code_and_a_missing_date_are_shown_together(site: Site):
    form = visit_form("道路破损", uscc="91210211026773546Q", occurred_on="")
    response = site.client.post("/visits", data=form, follow_redirects=False)
    assert response.status_code == 422
    assert error_next_to(response.text, "uscc") == ["统一社会信用代码校验位错误：第18位应为 P，实为 Q"]
    assert error_next_to(response.text, "occurred_on") == ["请选择发生日期"]


def test_unpicked_selects_get_a_plain_please_pick(site: Site):
    form = visit_form("道路破损", "供暖不达标", enterprise_name="新企业", street="", channel="")
    form["problems[1].category"] = ""
    response = site.client.post("/visits", data=form, follow_redirects=False)
    assert response.status_code == 422
    assert error_next_to(response.text, "problems[1].category") == ["请选择问题类别"]
    assert error_next_to(response.text, "street") == ["请选择所在街道"]
    assert error_next_to(response.text, "channel") == ["请选择问题来源渠道"]
    assert "请至少填写一个企业反映的问题" not in text_of(response.text)  # two were typed; they just need fixing


def test_a_form_without_any_problem_asks_for_one(site: Site):
    before = site.events_written()
    response = site.client.post("/visits", data=visit_form(), follow_redirects=False)
    assert response.status_code == 422
    assert error_next_to(response.text, "problems") == ["请至少填写一个企业反映的问题"]
    assert site.events_written() == before


def test_nobody_logged_in_is_sent_to_the_login_page(site: Site):
    with site.stranger() as stranger:
        for path, expected in [
            ("/cases", "/login?next=%2Fcases"),
            ("/visits/new", "/login?next=%2Fvisits%2Fnew"),
            ("/", "/login?next=%2F"),
        ]:
            response = stranger.get(path, follow_redirects=False)
            assert (response.status_code, response.headers["location"]) == (303, expected)
        before = site.events_written()
        posted = stranger.post("/visits", data=visit_form("道路破损"), follow_redirects=False)
        assert posted.status_code == 303 and posted.headers["location"].startswith("/login")
        assert site.events_written() == before


def test_the_top_bar_names_the_role_and_offers_logging_visits_only_to_those_who_may(site: Site):
    cadre_page = site.client.get("/cases")
    assert '<a href="/visits/new">登记走访</a>' in cadre_page.text
    assert "赵干部 干部" in text_of(cadre_page.text)

    handler_page = site.handler.get("/cases")  # a unit handler works cases, but does not log visits
    assert handler_page.status_code == 200
    assert 'href="/visits/new"' not in handler_page.text
    assert "周承办 单位承办人" in text_of(handler_page.text)
    refused = site.handler.get("/visits/new")
    assert refused.status_code == 403 and "您的角色（单位承办人）无权执行此操作" in text_of(refused.text)
