"""The 中梗阻 report and the cannot-do ledger over real HTTP on the district scenario: pages, JSON, exports."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from tests.integration.projects.test_exports import pdf_text
from tests.web.page_support import text_of
from tests.web.people import HANDLER
from tests.web.scenario_support import INSPECTOR, Site, scenario_fixture

YEAR = {"start": "2026-01-01", "end": "2026-12-31"}


# One loaded scenario per database: these routes only read it (and record the reading).
site = scenario_fixture()


def test_the_report_page_ranks_units_and_links_numbers_to_cases_and_events(site: Site) -> None:
    page = site.client(INSPECTOR).get("/accountability", params=YEAR)
    assert page.status_code == 200
    text = text_of(page.text)
    assert "单位排名" in text and "来回推诿" in text
    assert "大连市自然资源局甘井子分局 → 区住房和城乡建设局 → 大连市自然资源局甘井子分局" in text
    assert "大连恒基数控机床有限公司" in text and "逾期未签收" in text
    assert 'href="#u-dalianwan-not_accepted"' in page.text
    # Event links point at the version anchors the case page now carries.
    link = page.text.split('class="fact-link" href="', 1)[1].split('"', 1)[0]
    case_path, anchor = link.split("#")
    case_page = site.client(INSPECTOR).get(case_path)
    assert case_page.status_code == 200 and f'id="{anchor}"' in case_page.text
    assert 'href="/accountability"' in page.text  # the nav link for those who may read it


def test_the_report_as_of_a_past_day_says_so(site: Site) -> None:
    page = site.client(INSPECTOR).get("/accountability", params={**YEAR, "as_of": "2026-09-30"})
    assert page.status_code == 200
    assert "截至 2026-09-30 的报表" in text_of(page.text)
    assert "大连恒基数控机床有限公司" not in text_of(page.text)  # logged in November


def test_a_reversed_period_is_a_4xx_with_a_chinese_message_and_writes_nothing(site: Site) -> None:
    client = site.client(INSPECTOR)
    before = site.events_written()
    answer = client.get("/api/v1/accountability", params={"start": "2026-09-30", "end": "2026-09-01"})
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "period_reversed" and "晚于" in answer.json()["error"]["message"]
    malformed = client.get("/api/v1/accountability", params={"start": "2026-13-01"})
    assert malformed.status_code == 422 and malformed.json()["error"]["code"] == "invalid_date"
    page = client.get("/accountability", params={"start": "2026-09-30", "end": "2026-09-01"})
    assert page.status_code == 422 and "晚于" in text_of(page.text)
    bad_day = client.get("/accountability", params={"start": "九月"})
    assert bad_day.status_code == 422 and "不是有效日期" in text_of(bad_day.text)
    assert site.events_written() == before


def test_the_json_report_gives_each_number_its_cases_and_event_links(site: Site) -> None:
    body = site.client(INSPECTOR).get("/api/v1/accountability", params=YEAR).json()
    units = {u["unit"]: u for u in body["units"]}
    hengji = units["dalianwan"]
    assert hengji["counts"]["not_accepted"] == 1 and hengji["counts"]["overdue"] == 1
    [entry] = hengji["entries"]["overdue"]
    assert entry["enterprise_name"] == "大连恒基数控机床有限公司" and entry["working_days"] == 8
    assert entry["events"][0]["url"] == f"{entry['case_url']}#v{entry['events'][0]['version']}"
    [dagao] = body["ping_pong"]
    assert dagao["units"] == ["city_ziranziyuan", "zhujian", "city_ziranziyuan"]
    assert [h["working_days"] for h in units["zhujian"]["holdings"] if h["case_id"] == dagao["case_id"]] == [5]


def test_the_cannot_do_ledger_lists_xinxiwang(site: Site) -> None:
    client = site.client(INSPECTOR)
    [item] = client.get("/api/v1/cannot-do").json()["items"]
    assert item["enterprise_name"] == "新希望锦官置业有限公司" and item["disposition"] == "refuse"
    assert item["registered_by"] == "营商局调度员" and "超出区级权限" in item["reason"]
    page = text_of(client.get("/cannot-do").text)
    assert "新希望锦官置业有限公司" in page and "违法违规的，坚决不办" in page and "营商局调度员" in page


def test_exports_open_with_chinese_headers_and_text(site: Site, tmp_path: Path) -> None:
    client = site.client(INSPECTOR)
    xlsx = client.get("/api/v1/accountability.xlsx", params=YEAR)
    assert xlsx.status_code == 200
    book = load_workbook(BytesIO(xlsx.content))
    assert book.sheetnames == ["单位排名", "持有时间", "来回推诿", "明细"]
    ranking = book["单位排名"]
    assert [c.value for c in ranking[3]][:4] == ["名次", "单位", "得分", "收到交办"] and ranking.freeze_panes == "A4"
    holdings = book["持有时间"]
    assert any(row[3].is_date for row in holdings.iter_rows(min_row=4) if row[3].value)
    ledger = load_workbook(BytesIO(client.get("/api/v1/cannot-do.xlsx").content))["不能办事项台账"]
    assert [c.value for c in ledger[3]][:3] == ["序号", "问题编号", "企业名称"]
    assert ledger["C4"].value == "新希望锦官置业有限公司"
    pdf = client.get("/api/v1/accountability.pdf", params=YEAR)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.content)
    text = pdf_text(path)
    assert "中梗阻问题统计报表" in text and "大连湾街道办事处" in text


def test_a_unit_handler_may_not_read_the_report(site: Site) -> None:
    client = site.client(HANDLER)
    before = site.events_written()
    assert client.get("/api/v1/accountability").status_code == 403
    assert client.get("/cannot-do", follow_redirects=False).status_code == 403
    assert 'href="/accountability"' not in client.get("/cases").text
    assert site.events_written() == before


def test_days_out_of_range_are_refused_in_chinese_and_write_nothing(site: Site) -> None:
    client = site.client(INSPECTOR)
    before = site.events_written()
    for path, params in [
        ("/api/v1/accountability", {"start": "9999-01-01", "end": "9999-12-31"}),
        ("/api/v1/accountability", {"start": "0001-01-01", "end": "0001-12-31"}),
        ("/api/v1/accountability", {"as_of": "0001-06-30"}),
        ("/api/v1/cannot-do", {"as_of": "0001-06-30"}),
    ]:
        answer = client.get(path, params=params)
        assert answer.status_code == 422, (path, params, answer.text)
        error = answer.json()["error"]
        assert error["code"] == "date_out_of_range" and "超出有效日期范围" in error["message"], (path, params)
    page = client.get("/accountability", params={"start": "9999-01-01", "end": "9999-12-31"})
    assert page.status_code == 422 and "超出有效日期范围" in text_of(page.text)
    assert site.events_written() == before
