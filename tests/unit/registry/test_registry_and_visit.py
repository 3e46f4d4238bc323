"""Enterprises, units, codes and streets, and recording a visit with the cases it raised."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

from domain.registry.registry import Enterprise, Unit, check_key, check_street
from domain.shared.actor import Actor
from domain.shared.dates import DateOutOfRange
from domain.shared.errors import InvalidCreditCode, InvalidValue
from domain.visits.visit import MAX_PROBLEMS, Visit, check_occurred_on
from tests.unit.projects.test_key_project import refused

CADRE = Actor("cadre-zhao", "赵干部", "cadre")
AT = datetime(2026, 4, 8, 1, tzinfo=UTC)
TODAY = date(2026, 4, 8)
HUARUN = "91210211983690064E"


def test_keys_are_1_to_40_lower_case_letters_digits_dash_underscore():
    assert check_key(" zhu_jian-2 ", "unit", "单位") == "zhu_jian-2"
    assert check_key("a" * 40, "unit", "单位") == "a" * 40
    for bad in ("", " ", "a" * 41, "ZhuJian", "zhu jian", "住建", None):
        refused(
            InvalidValue, "单位代码只能由小写字母、数字、-、_ 组成（1至40位）", "unit", check_key, bad, "unit", "单位"
        )


def test_a_street_is_one_of_the_districts_thirteen():
    assert check_street("中华路街道") == "中华路街道"
    refused(InvalidValue, "请选择所在街道", "street", check_street, " ")
    refused(InvalidValue, "请选择所在街道", "home", check_street, "", "home")
    message = (
        "未知的街道“长安街”，可选：大连湾街道、革镇堡街道、营城子街道、辛寨子街道、南关岭街道、中华路街道、甘井子街道、"
        "周水子街道、泉水街道、红旗街道、凌水街道、机场街道、椒金山街道"
    )
    refused(InvalidValue, message, "street", check_street, "长安街")


def test_an_enterprise_is_registered_under_its_checked_code():
    enterprise = Enterprise.register(
        " 91210211983690064e ", " 华润置地 ", "中华路街道", " 商业 ", [" 重点企业 "], CADRE, AT
    )
    assert (
        enterprise.id,
        enterprise.uscc,
        enterprise.name,
        enterprise.street,
        enterprise.industry,
        enterprise.tags,
    ) == (Enterprise.create_id(HUARUN), HUARUN, "华润置地", "中华路街道", "商业", ["重点企业"])
    (registered,) = enterprise.collect_events()
    assert (registered.actor, registered.timestamp) == (CADRE.as_dict(), AT)
    assert Enterprise.register(HUARUN, "华润", "中华路街道", "", [], CADRE, AT).industry == ""
    register = Enterprise.register
    refused(InvalidValue, "企业名称不能为空", "enterprise_name", register, HUARUN, "", "中华路街道", "", [], CADRE, AT)
    refused(InvalidValue, "请选择所在街道", "street", register, HUARUN, "华润", "", "", [], CADRE, AT)
    refused(InvalidValue, "企业标签不能为空", "tags", register, HUARUN, "华润", "中华路街道", "", [" "], CADRE, AT)
    refused(
        InvalidValue,
        "企业标签不能超过40字（当前41字）",
        "tags",
        register,
        HUARUN,
        "华润",
        "中华路街道",
        "",
        ["标" * 41],
        CADRE,
        AT,
    )
    refused(
        InvalidCreditCode,
        "统一社会信用代码应为18位，当前为3位",
        "uscc",
        register,
        "912",
        "华润",
        "中华路街道",
        "",
        [],
        CADRE,
        AT,
    )


def test_a_unit_has_a_code_a_name_and_by_default_the_name_as_short_name():
    unit = Unit.register("zhujian", " 区住房和城乡建设局 ", " 住建局 ", " 张局长 ", CADRE, AT)
    assert (unit.id, unit.key, unit.name, unit.short_name, unit.head) == (
        Unit.create_id("zhujian"),
        "zhujian",
        "区住房和城乡建设局",
        "住建局",
        "张局长",
    )
    plain = Unit.register("ziran", "自然资源局", "", "", CADRE, AT)
    assert (plain.short_name, plain.head) == ("自然资源局", "")
    assert Unit.create_id("zhujian") != Enterprise.create_id("zhujian")
    refused(
        InvalidValue,
        "单位代码只能由小写字母、数字、-、_ 组成（1至40位）",
        "key",
        Unit.register,
        "住建",
        "住建局",
        "",
        "",
        CADRE,
        AT,
    )
    refused(InvalidValue, "单位名称不能为空", "name", Unit.register, "zhujian", "", "", "", CADRE, AT)


def test_a_visit_happened_on_a_real_day_up_to_today():
    assert check_occurred_on(TODAY, TODAY) == TODAY
    assert check_occurred_on(date(2000, 1, 1), TODAY) == date(2000, 1, 1)
    refused(
        InvalidValue,
        "发生日期 2026-04-09 晚于今天，不能登记未来的日期",
        "occurred_on",
        check_occurred_on,
        date(2026, 4, 9),
        TODAY,
    )
    refused(
        DateOutOfRange,
        "发生日期（1999-12-31）超出有效日期范围，应在 2000-01-01 至 2099-12-31 之间",
        "occurred_on",
        check_occurred_on,
        date(1999, 12, 31),
        TODAY,
    )


def record(case_ids: Any, cadres: Any = (" 赵干部 ", "钱干部"), **overrides: Any) -> Visit:
    fields = {
        "visit_id": uuid4(),
        "channel": "visit",
        "occurred_on": TODAY,
        "today": TODAY,
        "cadres": list(cadres),
        "enterprise_usccs": [HUARUN, "91210211026773546P", HUARUN],
        "case_ids": list(case_ids),
        "place": " 企业会议室 ",
        "note": " 走访 ",
        "actor": CADRE,
        "at": AT,
    }
    fields.update(overrides)
    return Visit.record(**fields)


def test_a_visit_keeps_its_cadres_enterprises_and_cases():
    cases = [uuid4(), uuid4()]
    visit = record(cases)
    assert (
        visit.channel,
        visit.occurred_on,
        visit.cadres,
        visit.enterprise_usccs,
        visit.case_ids,
        visit.place,
        visit.note,
        visit.logged_by,
    ) == (
        "visit",
        TODAY,
        ["赵干部", "钱干部"],
        ["91210211026773546P", HUARUN],
        cases,
        "企业会议室",
        "走访",
        CADRE.as_dict(),
    )
    assert record(cases, cadres=()).cadres == ["赵干部"]  # nobody named: the one who logs it


def test_a_visit_raises_1_to_50_problems_and_names_real_cadres():
    refused(InvalidValue, "请至少填写一个企业反映的问题", "problems", record, [])
    assert len(record([uuid4() for _ in range(MAX_PROBLEMS)]).case_ids) == 50
    refused(InvalidValue, "一次最多登记50个问题", "problems", record, [uuid4() for _ in range(MAX_PROBLEMS + 1)])
    refused(InvalidValue, "参加干部不能为空", "cadres", record, [uuid4()], cadres=(" ",))
    refused(
        InvalidValue,
        "发生日期 2026-04-09 晚于今天，不能登记未来的日期",
        "occurred_on",
        record,
        [uuid4()],
        occurred_on=date(2026, 4, 9),
    )


def test_each_typed_detail_of_a_visit_and_an_enterprise_has_its_own_limit_and_name():
    long = "长" * 201
    refused(InvalidValue, "地点不能超过200字（当前201字）", "place", record, [uuid4()], place=long)
    refused(InvalidValue, "备注不能超过1000字（当前1001字）", "note", record, [uuid4()], note="长" * 1001)
    refused(InvalidValue, "参加干部不能超过200字（当前201字）", "cadres", record, [uuid4()], cadres=(long,))
    visit = record([uuid4()], place="", note="")
    assert (visit.place, visit.note, visit.id == visit.pending_events[0].originator_id) == ("", "", True)
    assert visit.pending_events[0].timestamp == AT
    register = Enterprise.register
    refused(
        InvalidValue,
        "企业名称不能超过200字（当前201字）",
        "enterprise_name",
        register,
        HUARUN,
        long,
        "中华路街道",
        "",
        [],
        CADRE,
        AT,
    )
    refused(
        InvalidValue,
        "所属行业不能超过200字（当前201字）",
        "industry",
        register,
        HUARUN,
        "华润",
        "中华路街道",
        long,
        [],
        CADRE,
        AT,
    )
    refused(
        InvalidValue,
        "单位简称不能超过200字（当前201字）",
        "short_name",
        Unit.register,
        "zhujian",
        "住建局",
        long,
        "",
        CADRE,
        AT,
    )
    refused(
        InvalidValue,
        "单位负责人不能超过200字（当前201字）",
        "head",
        Unit.register,
        "zhujian",
        "住建局",
        "",
        long,
        CADRE,
        AT,
    )
    refused(
        InvalidValue, "单位名称不能超过200字（当前201字）", "name", Unit.register, "zhujian", long, "", "", CADRE, AT
    )
    recorded = Unit.register("zhujian", "住建局", "", "", CADRE, AT).collect_events()[0]
    assert (recorded.actor, recorded.timestamp) == (CADRE.as_dict(), AT)


def test_a_key_is_exactly_the_allowed_characters():
    assert (
        check_key("abcdefghijklmnopqrstuvwxyz0123456789_-", "unit", "单位") == "abcdefghijklmnopqrstuvwxyz0123456789_-"
    )
