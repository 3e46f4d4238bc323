"""Task forces: forming, members, leader, coordination meetings (checked minutes) and dissolving."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.shared.errors import InvalidValue, NotAMember, TaskForceDissolved
from domain.task_forces.task_force import (
    MEETING_LIST_MAX,
    DeadlineChange,
    ListedProblem,
    MeetingMinutes,
    TaskForce,
    check_minutes,
)
from tests.unit.projects.test_key_project import AT, DESK, TODAY, recorded_by, refused

FORMED = date(2026, 3, 2)
MEMBERS = ["zhujian", "chengguan"]


def formed(**overrides: Any) -> TaskForce:
    details = {
        "key": "tf-a",
        "name": " 万象汇专班 ",
        "leader": " 王区长 ",
        "member_units": ["zhujian", "chengguan", "zhujian"],
        "purpose": " 推进项目 ",
        "formed_on": FORMED,
    }
    details.update(overrides)
    return TaskForce.form(**details, actor=DESK, at=AT)


def minutes(**overrides: Any) -> MeetingMinutes:
    fields = {"held_on": TODAY, "attendees": (" 王区长 ", "住建局"), "decisions": (" 明确分工 ",)}
    fields.update(overrides)
    return MeetingMinutes(**fields)


def test_forming_keeps_checked_details_and_each_member_once():
    tf = formed(project="kp-a")
    assert (tf.id, tf.key, tf.name, tf.leader, tf.member_units, tf.purpose, tf.formed_on, tf.project) == (
        TaskForce.create_id("tf-a"),
        "tf-a",
        "万象汇专班",
        "王区长",
        MEMBERS,
        "推进项目",
        FORMED,
        "kp-a",
    )
    assert (tf.meetings, tf.dissolved_on) == ([], None)
    assert formed().project == ""
    refused(InvalidValue, "专班代码只能由小写字母、数字、-、_ 组成（1至40位）", "key", formed, key="TF")
    refused(InvalidValue, "专班名称不能为空", "name", formed, name="")
    refused(InvalidValue, "专班负责人不能为空", "leader", formed, leader="")
    refused(InvalidValue, "项目代码只能由小写字母、数字、-、_ 组成（1至40位）", "project", formed, project="项目")


def test_members_join_once_and_leave_with_a_reason():
    tf = formed()
    tf.add_member("ziran", DESK, AT)
    assert tf.member_units == ["zhujian", "chengguan", "ziran"]
    refused(InvalidValue, "单位“ziran”已是本专班成员单位", "unit", tf.add_member, "ziran", DESK, AT)
    refused(InvalidValue, "调整理由不能为空", "reason", tf.remove_member, "ziran", "", DESK, AT)
    tf.remove_member("ziran", " 任务完成 ", DESK, AT)
    assert tf.member_units == MEMBERS and tf.pending_events[-1].reason == "任务完成"
    refused(NotAMember, "单位“ziran”不是本专班成员单位", "unit", tf.remove_member, "ziran", "再调", DESK, AT)
    recorded_by(tf, DESK, AT)


def test_the_leader_changes_to_someone_else_with_a_reason():
    tf = formed()
    refused(InvalidValue, "“王区长”已是本专班负责人", "leader", tf.change_leader, " 王区长 ", "调整", DESK, AT)
    refused(InvalidValue, "调整理由不能为空", "reason", tf.change_leader, "李区长", "", DESK, AT)
    refused(InvalidValue, "专班负责人不能为空", "leader", tf.change_leader, "", "调整", DESK, AT)
    tf.change_leader(" 李区长 ", "分工调整", DESK, AT)
    assert tf.leader == "李区长"
    recorded_by(tf, DESK, AT)


def test_meetings_are_numbered_and_keep_what_they_decided():
    tf = formed()
    listed = ListedProblem("case-1", "zhujian", 10, ("chengguan",))
    assert tf.hold_meeting(minutes(listed=(listed,)), TODAY, DESK, AT) == 1
    assert tf.hold_meeting(minutes(title=" 专题会 ", struck_off=("case-1",)), TODAY, DESK, AT) == 2
    first, second = tf.meetings
    assert first == {
        "number": 1,
        "held_on": TODAY,
        "title": "第1次专班调度会",
        "attendees": ["王区长", "住建局"],
        "decisions": ["明确分工"],
        "struck_off": [],
        "deadline_changes": [],
        "listed": [
            {"case_id": "case-1", "lead_unit": "zhujian", "working_days": 10, "supporting_units": ["chengguan"]}
        ],
    }
    assert (second["number"], second["title"], second["struck_off"]) == (2, "专题会", ["case-1"])
    recorded_by(tf, DESK, AT)


def test_minutes_are_checked_before_anything_is_recorded():
    check = check_minutes
    refused(
        InvalidValue,
        "会议日期 2026-04-09 晚于今天（2026-04-08），不能预先记录会议",
        "held_on",
        check,
        minutes(held_on=date(2026, 4, 9)),
        FORMED,
        TODAY,
        MEMBERS,
    )
    refused(
        InvalidValue,
        "会议日期 2026-03-01 早于专班成立日期 2026-03-02",
        "held_on",
        check,
        minutes(held_on=date(2026, 3, 1)),
        FORMED,
        TODAY,
        MEMBERS,
    )
    assert check(minutes(held_on=FORMED), FORMED, TODAY, MEMBERS).held_on == FORMED
    refused(
        InvalidValue, "调度会至少要有一名参会人员", "attendees", check, minutes(attendees=()), FORMED, TODAY, MEMBERS
    )
    refused(InvalidValue, "参会人员不能为空", "attendees", check, minutes(attendees=(" ",)), FORMED, TODAY, MEMBERS)
    too_many = tuple(f"人员{i}" for i in range(MEETING_LIST_MAX + 1))
    refused(
        InvalidValue,
        "参会人员和会议决定各不能超过100条",
        "attendees",
        check,
        minutes(attendees=too_many),
        FORMED,
        TODAY,
        MEMBERS,
    )
    refused(
        InvalidValue,
        "参会人员和会议决定各不能超过100条",
        "attendees",
        check,
        minutes(decisions=too_many),
        FORMED,
        TODAY,
        MEMBERS,
    )
    assert len(check(minutes(attendees=too_many[:100]), FORMED, TODAY, MEMBERS).attendees) == 100
    refused(
        InvalidValue,
        "请填写会议决定，或列入、调整、销号至少一个问题",
        "decisions",
        check,
        minutes(decisions=()),
        FORMED,
        TODAY,
        MEMBERS,
    )
    assert check(minutes(decisions=(), struck_off=("c",)), FORMED, TODAY, MEMBERS).decisions == ()


def test_listed_problems_go_to_member_units_with_a_sane_time_limit():
    check = check_minutes
    outsider = ListedProblem("c", "ziran", 10)
    refused(
        NotAMember,
        "单位“ziran”不是本专班成员单位，不能承担专班问题",
        "listed.lead_unit",
        check,
        minutes(listed=(outsider,)),
        FORMED,
        TODAY,
        MEMBERS,
    )
    supporting_outsider = ListedProblem("c", "zhujian", 10, ("ziran",))
    refused(
        NotAMember,
        "单位“ziran”不是本专班成员单位，不能承担专班问题",
        "listed.lead_unit",
        check,
        minutes(listed=(supporting_outsider,)),
        FORMED,
        TODAY,
        MEMBERS,
    )
    with pytest.raises(InvalidValue) as caught:
        check(minutes(listed=(ListedProblem("c", "zhujian", 0),)), FORMED, TODAY, MEMBERS)
    assert caught.value.field == "listed.working_days"


def test_deadline_changes_need_a_reason_and_a_case_takes_one_change_per_meeting():
    check = check_minutes
    change = DeadlineChange("c2", 5, " 需要协调 ")
    checked = check(minutes(deadline_changes=(change,)), FORMED, TODAY, MEMBERS)
    assert checked.deadline_changes == (DeadlineChange("c2", 5, "需要协调"),)
    refused(
        InvalidValue,
        "调整时限的理由不能为空",
        "deadline_changes.reason",
        check,
        minutes(deadline_changes=(DeadlineChange("c2", 5, ""),)),
        FORMED,
        TODAY,
        MEMBERS,
    )
    with pytest.raises(InvalidValue) as caught:
        check(minutes(deadline_changes=(DeadlineChange("c2", 251, "太久"),)), FORMED, TODAY, MEMBERS)
    assert caught.value.field == "deadline_changes.working_days"
    twice = minutes(listed=(ListedProblem("c2", "zhujian", 10),), deadline_changes=(change,))
    refused(
        InvalidValue,
        "同一问题在一次会议中只能列入、调整时限或销号其中一项",
        "struck_off",
        check,
        twice,
        FORMED,
        TODAY,
        MEMBERS,
    )
    assert twice.case_ids() == ["c2"]
    several = minutes(listed=(ListedProblem("c1", "zhujian", 10),), deadline_changes=(change,), struck_off=("c3",))
    assert several.case_ids() == ["c1", "c2", "c3"]
    assert check(several, FORMED, TODAY, MEMBERS).title == ""


def test_a_dissolved_task_force_takes_no_more_changes():
    tf = formed()
    refused(
        InvalidValue,
        "撤销日期 2026-03-01 早于专班成立日期 2026-03-02",
        "dissolved_on",
        tf.dissolve,
        date(2026, 3, 1),
        "完成",
        DESK,
        AT,
    )
    refused(InvalidValue, "工作总结不能为空", "summary", tf.dissolve, FORMED, "", DESK, AT)
    tf.dissolve(FORMED, " 问题全部销号 ", DESK, AT)
    assert (tf.dissolved_on, tf.summary) == (FORMED, "问题全部销号")
    recorded_by(tf, DESK, AT)
    message = "专班“万象汇专班”已于 2026-03-02 撤销"
    for step in (
        lambda: tf.add_member("ziran", DESK, AT),
        lambda: tf.remove_member("zhujian", "r", DESK, AT),
        lambda: tf.change_leader("李区长", "r", DESK, AT),
        lambda: tf.hold_meeting(minutes(), TODAY, DESK, AT),
        lambda: tf.dissolve(TODAY, "再撤", DESK, AT),
    ):
        refused(TaskForceDissolved, message, None, step)
