"""Key projects: registration, secretaries by tier, milestones and stage, each refusal with its message."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from domain.projects.key_project import INVESTMENT_MAX, KeyProject, check_not_future, check_project_kind
from domain.shared.actor import Actor
from domain.shared.errors import (
    DomainError,
    IllegalTransition,
    InvalidValue,
    TierOccupied,
    TierVacant,
    UnknownMilestone,
)

DESK = Actor("desk", "调度台", "task_force_lead")
AT = datetime(2026, 4, 8, 1, tzinfo=UTC)
TODAY = date(2026, 4, 8)
# The district secretary as appoint() records them.
SUN_IN_DISTRICT = {
    "tier": "district",
    "secretary_id": "s-sun",
    "name": "孙晓东",
    "unit": "yingshang",
    "phone": "0411-1",
    "since": date(2026, 3, 1),
}


def refused(error: type[DomainError], message: str, field: str | None, call: Any, *args: Any, **kwargs: Any) -> None:
    """The call raises exactly this error, message and field."""
    with pytest.raises(error) as caught:
        call(*args, **kwargs)
    assert (type(caught.value), caught.value.message, caught.value.field) == (error, message, field)


def recorded_by(aggregate: Any, actor: Actor, at: datetime) -> None:
    """Every event the aggregate has not yet saved names this actor and moment."""
    events = aggregate.collect_events()
    assert events and all((e.actor, e.timestamp) == (actor.as_dict(), at) for e in events)


def project(kind: str = "key_project", **overrides: Any) -> KeyProject:
    details = {
        "key": "kp-a",
        "kind": kind,
        "name": " 华润万象汇项目 ",
        "enterprise_uscc": "91210211983690064E",
        "park": " 中华路商务区 ",
        "investment_cny": 3_000_000_000,
        "stage": " 前期 ",
        "task_force": "tf-a",
    }
    details.update(overrides)
    return KeyProject.register(**details, actor=DESK, at=AT)


def appoint(
    p: KeyProject,
    tier: str = "district",
    secretary_id: str = "s-sun",
    name: str = "孙晓东",
    on: date = date(2026, 3, 1),
) -> None:
    p.appoint_secretary(tier, secretary_id, name, "yingshang", " 0411-1 ", on, TODAY, DESK, AT)


def replace_district(
    p: KeyProject,
    secretary_id: str = "s-wang",
    name: str = "王新",
    unit: str = "zhujian",
    phone: str = "",
    on: date = date(2026, 4, 1),
    reason: str = "调动",
) -> None:
    """The district secretary replaced by the desk today."""
    p.replace_secretary("district", secretary_id, name, unit, phone, on, reason, TODAY, DESK, AT)


def test_registration_keeps_the_checked_details_and_who_registered():
    p = project()
    assert (p.id, p.key, p.kind, p.name, p.enterprise_uscc, p.park, p.investment_cny, p.stage, p.task_force) == (
        KeyProject.create_id("kp-a"),
        "kp-a",
        "key_project",
        "华润万象汇项目",
        "91210211983690064E",
        "中华路商务区",
        3_000_000_000,
        "前期",
        "tf-a",
    )
    assert (p.secretaries, p.past_secretaries, p.milestones) == ({}, [], {})
    (registered,) = p.collect_events()
    assert (type(registered).__name__, registered.actor, registered.timestamp) == ("Registered", DESK.as_dict(), AT)
    assert KeyProject.create_id("kp-a") != KeyProject.create_id("kp-b")


def test_optional_details_may_be_left_out():
    p = project(enterprise_uscc="", park="", investment_cny=None, stage="", task_force=None)
    assert (p.enterprise_uscc, p.park, p.investment_cny, p.stage, p.task_force) == ("", "", None, "", "")
    assert project(investment_cny=0).investment_cny == 0
    assert project(investment_cny=INVESTMENT_MAX).investment_cny == 10**13


@pytest.mark.parametrize("investment", [-1, INVESTMENT_MAX + 1, True])
def test_an_impossible_investment_is_refused(investment):
    refused(InvalidValue, "投资额应为不小于0的整数（元）", "investment_cny", project, investment_cny=investment)


def test_kind_key_name_and_listing_enterprise_are_checked():
    refused(InvalidValue, "未知的项目类型“park”，可选：重点项目、上市后备企业", "kind", project, kind="park")
    assert check_project_kind("listing_reserve") == "listing_reserve"
    refused(
        InvalidValue, "上市后备企业必须指明企业", "enterprise_uscc", project, kind="listing_reserve", enterprise_uscc=""
    )
    refused(InvalidValue, "项目代码只能由小写字母、数字、-、_ 组成（1至40位）", "key", project, key="KP A")
    refused(InvalidValue, "项目名称不能为空", "name", project, name=" ")


def test_nothing_is_dated_after_today():
    assert check_not_future(TODAY, TODAY, "f", "某日") == TODAY
    refused(
        InvalidValue,
        "某日（2026-04-09）晚于今天（2026-04-08）",
        "f",
        check_not_future,
        date(2026, 4, 9),
        TODAY,
        "f",
        "某日",
    )


def test_the_stage_moves_on_with_a_note_but_not_to_where_it_is():
    p = project()
    p.change_stage(" 开工 ", " 已取得施工许可 ", DESK, AT)
    assert p.stage == "开工"
    assert (p.pending_events[-1].stage, p.pending_events[-1].note) == ("开工", "已取得施工许可")
    recorded_by(p, DESK, AT)
    refused(InvalidValue, "项目已处于“开工”阶段", "stage", p.change_stage, "开工", "", DESK, AT)
    refused(InvalidValue, "项目阶段不能为空", "stage", p.change_stage, "", "", DESK, AT)


def test_a_key_project_has_three_tiers_each_held_once():
    p = project()
    appoint(p)
    assert p.secretaries == {"district": SUN_IN_DISTRICT}
    refused(TierOccupied, "区级服务秘书已由孙晓东担任，如需更换请用“更换”", "tier", appoint, p, secretary_id="s-liu")
    appoint(p, "street", "s-chen", "陈静")
    assert sorted(p.secretaries) == ["district", "street"]
    refused(InvalidValue, "重点项目的服务秘书层级只能是：区级、部门、街道", "tier", appoint, p, "listing")


def test_a_listing_reserve_enterprise_has_only_the_listing_secretary():
    p = project("listing_reserve")
    refused(InvalidValue, "上市后备企业的服务秘书层级只能是：上市服务秘书", "tier", appoint, p, "district")
    appoint(p, "listing")
    assert list(p.secretaries) == ["listing"]


def test_an_appointment_checks_the_person_and_the_date():
    p = project()
    refused(
        InvalidValue,
        "秘书账号代码只能由小写字母、数字、-、_ 组成（1至40位）",
        "secretary_id",
        appoint,
        p,
        secretary_id="孙",
    )
    refused(InvalidValue, "秘书姓名不能为空", "name", appoint, p, name="")
    refused(InvalidValue, "秘书姓名不能超过200字（当前201字）", "name", appoint, p, name="名" * 201)
    refused(
        InvalidValue,
        "联系电话不能超过40字（当前41字）",
        "phone",
        p.appoint_secretary,
        "district",
        "s-sun",
        "孙晓东",
        "yingshang",
        "1" * 41,
        date(2026, 3, 1),
        TODAY,
        DESK,
        AT,
    )
    served = project()
    appoint(served)
    refused(
        InvalidValue,
        "联系电话不能超过40字（当前41字）",
        "phone",
        replace_district,
        served,
        unit="yingshang",
        phone="1" * 41,
        on=date(2026, 3, 1),
        reason="r",
    )
    refused(
        InvalidValue, "任命日期（2026-04-09）晚于今天（2026-04-08）", "appointed_on", appoint, p, on=date(2026, 4, 9)
    )
    assert p.secretaries == {}


def test_replacing_a_secretary_keeps_the_predecessor_until_the_new_ones_first_day():
    p = project()
    refused(
        TierVacant,
        "区级服务秘书空缺，请直接任命",
        "tier",
        replace_district,
        p,
        secretary_id="s-new",
        name="新秘书",
        unit="yingshang",
    )
    appoint(p)
    replace_district(p, reason=" 工作调动 ")
    assert p.secretaries["district"] == {
        "tier": "district",
        "secretary_id": "s-wang",
        "name": "王新",
        "unit": "zhujian",
        "phone": "",
        "since": date(2026, 4, 1),
    }
    assert p.past_secretaries == [{**SUN_IN_DISTRICT, "until": date(2026, 4, 1)}]
    assert p.pending_events[-1].reason == "工作调动"
    recorded_by(p, DESK, AT)


def test_a_replacement_must_be_someone_else_from_a_later_day_with_a_reason():
    p = project()
    appoint(p)
    refused(
        InvalidValue,
        "孙晓东已是区级服务秘书",
        "secretary_id",
        replace_district,
        p,
        secretary_id="s-sun",
        name="孙晓东",
        unit="yingshang",
    )
    refused(
        InvalidValue,
        "更换日期早于现任秘书的任命日期 2026-03-01",
        "appointed_on",
        replace_district,
        p,
        on=date(2026, 2, 28),
    )
    refused(InvalidValue, "更换理由不能为空", "reason", replace_district, p, on=date(2026, 3, 1), reason="")
    replace_district(p, on=date(2026, 3, 1), reason="同日交接")
    assert p.secretaries["district"]["secretary_id"] == "s-wang"


def test_milestones_are_planned_once_replanned_with_a_reason_and_reached_once():
    p = project()
    p.plan_milestone(" 开工 ", date(2026, 6, 30), DESK, AT)
    assert p.milestones == {
        "开工": {
            "name": "开工",
            "planned_on": date(2026, 6, 30),
            "first_planned_on": date(2026, 6, 30),
            "achieved_on": None,
            "replans": 0,
        }
    }
    refused(InvalidValue, "已有名为“开工”的节点", "name", p.plan_milestone, "开工", date(2026, 7, 1), DESK, AT)
    refused(InvalidValue, "节点名称不能为空", "name", p.plan_milestone, "", date(2026, 7, 1), DESK, AT)
    refused(
        InvalidValue,
        "新的计划日期与原计划相同",
        "planned_on",
        p.replan_milestone,
        "开工",
        date(2026, 6, 30),
        "无",
        DESK,
        AT,
    )
    refused(
        InvalidValue, "调整计划的理由不能为空", "reason", p.replan_milestone, "开工", date(2026, 7, 31), "", DESK, AT
    )
    p.replan_milestone("开工", date(2026, 7, 31), "拆迁延后", DESK, AT)
    p.replan_milestone("开工", date(2026, 8, 31), "再次延后", DESK, AT)
    assert (p.pending_events[-1].previous_planned_on, p.pending_events[-1].reason) == (date(2026, 7, 31), "再次延后")
    assert p.milestones["开工"] | {} == {
        "name": "开工",
        "planned_on": date(2026, 8, 31),
        "first_planned_on": date(2026, 6, 30),
        "achieved_on": None,
        "replans": 2,
    }
    refused(
        InvalidValue,
        "完成日期（2026-04-09）晚于今天（2026-04-08）",
        "achieved_on",
        p.achieve_milestone,
        "开工",
        date(2026, 4, 9),
        TODAY,
        DESK,
        AT,
    )
    p.achieve_milestone("开工", TODAY, TODAY, DESK, AT)
    assert p.milestones["开工"]["achieved_on"] == TODAY and p.milestones["开工"]["replans"] == 2
    refused(
        IllegalTransition, "节点“开工”已于 2026-04-08 完成", None, p.achieve_milestone, "开工", TODAY, TODAY, DESK, AT
    )
    refused(
        IllegalTransition,
        "节点“开工”已于 2026-04-08 完成，不能再调整计划",
        None,
        p.replan_milestone,
        "开工",
        date(2026, 9, 1),
        "再改",
        DESK,
        AT,
    )
    recorded_by(p, DESK, AT)
    for step in (
        lambda: p.replan_milestone("封顶", date(2026, 9, 1), "改", DESK, AT),
        lambda: p.achieve_milestone("封顶", TODAY, TODAY, DESK, AT),
    ):
        refused(UnknownMilestone, "项目没有名为“封顶”的节点", "name", step)
