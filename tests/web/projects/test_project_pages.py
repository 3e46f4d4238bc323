"""The task-force, project, handbook and service-star pages over real HTTP, on the district scenario."""

from __future__ import annotations

import re
from datetime import date

from domain.projects.service_star import Period
from tests.web.page_support import text_of
from tests.web.people import LEAD
from tests.web.scenario_support import CADRE, DESK, INSPECTOR, SECRETARY, Site, scenario_fixture
from web.projects.pages import investment_text
from web.projects.service_star_pages import last_complete_bimonth

# One loaded scenario per database for the module: the pages only read it.
site = scenario_fixture()


def _section(html: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by a heading id."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_the_task_force_page_reads_like_the_district_report(site: Site):
    page = site.client(LEAD).get("/task-forces/tf-wanxianghui")
    assert page.status_code == 200
    text = text_of(page.text)
    assert "问题 11 个，已销号 11 个，其中 10 个在时限内办结；提级 1 个" in text
    summary = text_of(page.text[page.text.index('aria-label="专班概况"') : page.text.index("</section>")])
    assert "提级：" in summary and "燃气主管改线" in summary and "市级" in summary
    assert "上次调度会（第3次，2026-05-27）决定：" in summary
    problems = _section(page.text, "problems-title")
    assert problems.count('class="c-seq"') == 11
    assert problems.count('class="badge light-badge light-on_time"') == 10
    assert "区城市管理综合行政执法局" in problems and "2026-04-22" in problems
    assert 'href="/api/v1/task-forces/tf-wanxianghui/ledger.xlsx"' in problems
    assert re.search(
        r'<form method="get" action="/api/v1/task-forces/tf-wanxianghui/ledger.xlsx"[^>]*>\s*'
        r'<div>\s*<label[^>]*>导出截至某日的问题清单</label>\s*<input[^>]*name="as_of" type="date"',
        problems,
    )
    meetings = text_of(_section(page.text, "meetings-title"))
    assert "第2次 · 2026-04-29" in meetings and "销号 10 个问题" in meetings
    assert "区住房和城乡建设局" in text_of(_section(page.text, "about-title"))  # member units by name


def test_the_leaders_overview_counts_every_task_force(site: Site):
    page = site.client(LEAD).get("/task-forces")
    assert page.status_code == 200
    row = re.search(r'<tr class="case-row">\s*<td[^>]*><a href="/task-forces/tf-wanxianghui">.*?</tr>', page.text, re.S)
    assert row, page.text[:500]
    assert text_of(row[0]) == "华润万象汇项目工作专班 分管副区长（示例：王立新） 11 0 0 11 3"
    assert page.text.count('href="/task-forces/tf-') == 3


def test_a_secretary_sees_their_project_and_not_the_others(site: Site):
    client = site.client(SECRETARY)
    mine = client.get("/my-projects")
    assert mine.status_code == 200
    assert 'href="/projects/kp-wanxianghui"' in mine.text and "kp-liancheng" not in mine.text
    assert '<a href="/my-projects">我的项目</a>' in mine.text  # the nav offers it to secretaries
    hidden = client.get("/projects/kp-liancheng")
    assert hidden.status_code == 404
    assert "项目不存在" in text_of(hidden.text)
    page = client.get("/projects/kp-wanxianghui")
    assert page.status_code == 200
    secretaries = text_of(_section(page.text, "secretaries-title"))
    assert secretaries.index("区级 孙晓东 区营商环境建设局 0411-86650001") < secretaries.index("部门 刘畅")
    milestones = text_of(_section(page.text, "milestones-title"))
    assert "规划许可 2026-05-15 2026-05-12 已按期完成" in milestones and "逾期完成" in milestones
    ledger = _section(page.text, "ledger-title")
    assert ledger.count('class="c-seq"') == 11 and 'href="/api/v1/projects/kp-wanxianghui/ledger.xlsx"' in ledger
    assert "30亿元" in text_of(page.text)


def test_an_inspector_reads_any_project_and_the_list(site: Site):
    client = site.client(INSPECTOR)
    page = client.get("/projects/kp-liancheng")
    assert page.status_code == 200
    assert "光伏及半导体设备研发生产项目" in text_of(page.text) and "2亿元" in text_of(page.text)
    listing = client.get("/projects")
    assert listing.status_code == 200
    assert listing.text.count('<tr class="case-row">') == len(site.ganxin.project_views.project_list(DESK)) == 9
    assert client.get("/projects/kp-nowhere").status_code == 404


def test_my_projects_says_so_when_someone_serves_none(site: Site):
    page = site.client(LEAD).get("/my-projects")
    assert page.status_code == 200
    assert "您目前没有担任服务秘书的项目" in text_of(page.text)
    assert '<a href="/my-projects">' not in page.text  # not offered to someone who is not a secretary


def test_the_handbook_prints_every_project_as_of_a_day(site: Site):
    client = site.client(LEAD)
    page = client.get("/handbook")
    assert page.status_code == 200
    text = text_of(page.text)
    for project in site.ganxin.project_views.project_list(DESK):
        assert project.name in text
    assert "截至 2026-11-20" in text and 'href="/api/v1/handbook.pdf"' in page.text
    assert 'href="/static/projects.css"' in page.text  # the print rules
    then = client.get("/handbook", params={"as_of": "2026-05-01"})
    assert then.status_code == 200
    assert "截至 2026-05-01" in text_of(then.text) and 'href="/api/v1/handbook.pdf?as_of=2026-05-01"' in then.text
    for bad, message in (("2026-13-40", "不是有效日期"), ("2027-01-01", "晚于今天")):
        refused = client.get("/handbook", params={"as_of": bad})
        assert refused.status_code == 422 and message in text_of(refused.text)


def _star_row(html: str, name: str) -> str:
    """The ranking row of one secretary."""
    row = re.search(rf'<tr class="case-row">(?:(?!</tr>).)*?<td class="c-ent">{name}</td>.*?</tr>', html, re.S)
    assert row, f"no ranking row for {name}"
    return row[0]


def test_the_service_star_ranking_shows_the_hand_counted_scores(site: Site):
    page = site.client(LEAD).get("/service-stars", params={"start": "2026-03-01", "end": "2026-04-30"})
    assert page.status_code == 200
    # 11 logged + 10 resolved × 3 + 20 on time + 20 satisfied − 6.9 days × 0.5
    # (tests/integration/task_forces/test_task_forces.py);
    # second of three tied secretaries, by name.
    row = _star_row(page.text, "孙晓东")
    assert 'data-label="总分">77.55</td>' in row
    assert 'data-label="名次">2</td>' in row
    assert "（新登记、已办结、按期、满意）" in text_of(row) and "燃气主管改线（新登记）" in text_of(row)
    text = text_of(page.text)
    assert "总分 = 新登记问题数 × 1 ＋ 办结问题数 × 3" in text and "− 平均办结用时（工作日） × 0.5" in text
    assert 'action="/service-stars"' in page.text and 'name="stars" value="secretary-01"' in page.text


def test_the_service_star_page_defaults_to_the_last_complete_two_months(site: Site):
    page = site.client(LEAD).get("/service-stars")
    assert page.status_code == 200
    assert "2026-09-01 至 2026-10-31 排名" in text_of(page.text)
    assert last_complete_bimonth(date(2026, 1, 5)) == Period(date(2025, 11, 1), date(2025, 12, 31))
    assert last_complete_bimonth(date(2026, 4, 30)) == Period(date(2026, 1, 1), date(2026, 2, 28))


def test_a_bad_period_is_refused_in_chinese(site: Site):
    client = site.client(LEAD)
    backwards = client.get("/service-stars", params={"start": "2026-04-30", "end": "2026-03-01"})
    assert backwards.status_code == 422
    assert "统计期结束日期 2026-03-01 早于开始日期 2026-04-30" in text_of(backwards.text)
    assert "排名" not in text_of(backwards.text).replace("查看排名", "")
    garbled = client.get("/service-stars", params={"start": "2026-03-01", "end": "三月底"})
    assert garbled.status_code == 422 and "不是有效日期" in text_of(garbled.text)


def test_choosing_no_star_is_refused_and_writes_nothing(site: Site):
    before = site.events_written()
    response = site.client(LEAD).post(
        "/service-stars",
        data={"start": "2026-03-01", "end": "2026-04-30", "note": "<b>待定</b>"},
        follow_redirects=False,
    )
    assert response.status_code == 422
    assert "请至少选择一名服务之星" in text_of(response.text)
    assert "&lt;b&gt;待定&lt;/b&gt;" in response.text  # what was typed comes back, escaped
    assert site.events_written() == before


def test_the_desk_chooses_the_stars_and_the_page_shows_them(site: Site):
    client = site.client(LEAD)
    period = {"start": "2026-05-01", "end": "2026-06-30"}
    chosen = client.post(
        "/service-stars", data={**period, "stars": ["secretary-01"], "note": "按期办结率第一"}, follow_redirects=False
    )
    assert (chosen.status_code, chosen.headers["location"]) == (303, "/service-stars?start=2026-05-01&end=2026-06-30")
    page = client.get(chosen.headers["location"])
    assert "本期服务之星已评定" in text_of(page.text) and "按期办结率第一" in text_of(page.text)
    assert 'name="stars"' not in page.text  # an awarded period offers no second choice


def test_people_without_the_project_pages_are_refused(site: Site):
    cadre = site.client(CADRE)
    for path in ("/task-forces", "/projects", "/handbook", "/service-stars"):
        response = cadre.get(path)
        assert response.status_code == 403, path
        assert "无权" in text_of(response.text)
    assert 'href="/task-forces"' not in cadre.get("/cases").text  # nor offered in the nav
    # The ranking is for the dispatch desk and auditors; a secretary reads projects but not the ranking.
    assert site.client(SECRETARY).get("/service-stars").status_code == 403


def test_investment_is_written_as_the_district_writes_it():
    assert [investment_text(v) for v in (3_000_000_000, 250_000_000, 80_000_000, 5_000, None)] == [
        "30亿元",
        "2.5亿元",
        "8000万元",
        "5000元",
        "—",
    ]
