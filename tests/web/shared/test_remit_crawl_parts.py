"""The remit crawl's parts on their own: naming cases in a text, harvesting ids, filling routes (no server)."""

from __future__ import annotations

import httpx
import pytest

from tests.web.crawl_reading import CaseFinder, Unreadable, harvest, text_of
from tests.web.crawl_routes import GetRoute, Param, get_routes, query_variants, unfillable
from tests.web.crawl_world import CaseMark
from tests.web.matrix_support import throwaway_app

GAS = CaseMark("0b6d3f4e-1c2a-4e8b-9f00-5a1b2c3d4e5f", "20260408-0B6D3F", "燃气主管改线涉及三家管线产权单位协调")
ROAD = CaseMark("7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b", "20260409-7E1F2A", "道路开口审批")
SHORT = CaseMark("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "20260410-9A8B7C", "停电")  # too short to be a mark


def test_a_case_is_named_by_its_id_its_number_or_its_description_however_wrapped():
    finder = CaseFinder([GAS, ROAD, SHORT])
    assert finder.named(f'<a href="/cases/{GAS.case_id}">详情</a>') == {GAS.case_id}
    assert finder.named(f"序号 1 {ROAD.number} 已办结") == {ROAD.case_id}
    assert finder.named("燃气主管改线涉及三家\n管线产权单位协调") == {GAS.case_id}  # a PDF line break inside
    assert finder.named("今日停电检修") == set()
    assert finder.named("20260408-0B6D3FF 与 10b6d3f4e-1c2a") == set()  # longer tokens are not numbers


def test_an_id_only_echoed_from_the_request_is_not_a_case_shown_but_its_number_or_text_is():
    finder = CaseFinder([GAS, ROAD])
    url = f"/cases?created={GAS.case_id}"
    assert finder.named(f'<input name="created" value="{GAS.case_id}">', echoed=url) == set()
    assert finder.named(f"{GAS.case_id} {GAS.number}", echoed=url) == {GAS.case_id}
    assert finder.named(f"{GAS.case_id} {GAS.description}", echoed=url) == {GAS.case_id}


def test_a_description_inside_another_is_no_mark_of_its_own():
    inner = CaseMark("11111111-2222-4333-8444-555555555555", "20260411-111111", "道路开口审批")
    outer = CaseMark("66666666-7777-4888-8999-aaaaaaaaaaaa", "20260411-666666", "企业反映道路开口审批进度慢")
    assert CaseFinder([inner, outer]).named("企业反映道路开口审批进度慢") == {outer.case_id}


def test_answers_of_every_type_are_read_and_an_unknown_type_is_refused():
    request = httpx.Request("GET", "http://test/x")
    page = httpx.Response(200, html="<p>&lt;燃气&gt;</p>", request=request)
    data = httpx.Response(200, json={"items": [{"case_no": GAS.number}]}, request=request)
    moved = httpx.Response(303, headers={"location": f"/cases/{GAS.case_id}"}, request=request)
    assert "<燃气>" in text_of(page) and GAS.number in text_of(data) and GAS.case_id in text_of(moved)
    odd = httpx.Response(200, content=b"\x00\x01", headers={"content-type": "application/zip"}, request=request)
    with pytest.raises(Unreadable, match="application/zip"):
        text_of(odd)


def test_ids_are_harvested_from_links_by_route_and_from_json_fields_by_name():
    with throwaway_app() as app:
        routes = get_routes(app)
    page = httpx.Response(
        200,
        html='<a href="/task-forces/tf-roads?as_of=2026-04-20">专班</a>'
        '<a href="/projects/kp-x">项目</a><a href="/board?lead_unit=zhujian">看板</a>',
    )
    found = harvest(page, next(r for r in routes if r.path == "/board"), routes)
    assert found == {"task_force": {"tf-roads"}, "project": {"kp-x"}, "unit": {"zhujian"}}
    data = httpx.Response(200, json={"items": [{"key": "tf-land", "member_units": ["chengguan"]}]})
    found = harvest(data, next(r for r in routes if r.path == "/api/v1/task-forces"), routes)
    assert found == {"task_force": {"tf-land"}, "unit": {"chengguan"}}


def test_a_parameter_of_no_known_kind_is_reported_and_fixed_values_fill_the_rest():
    new = GetRoute(
        "/api/v1/widgets/{widget_id}",
        (Param("widget_id", True, None),),
        (Param("colour", False, None), Param("as_of", False, None)),
    )
    assert unfillable([new]) == ["/api/v1/widgets/{widget_id}: widget_id", "/api/v1/widgets/{widget_id}: colour"]
    stars = GetRoute(
        "/stars", (), (Param("start", False, None), Param("end", False, None), Param("as_of", False, None))
    )
    values = {"start": ["2026-03-01"], "end": ["2026-04-30"], "as_of": ["2026-04-20"]}
    assert query_variants(stars, values) == [{}, {"as_of": "2026-04-20"}, {"start": "2026-03-01", "end": "2026-04-30"}]
    assert query_variants(stars, values, base_only=True) == [{}]
