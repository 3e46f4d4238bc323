"""The fixed vocabularies of the glossary, with the Chinese label shown to people."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING


class Labelled(str, Enum):  # noqa: UP042 - a StrEnum member formats as its value, this one as 'Channel.VISIT': text could change
    """A string enum whose members carry a Chinese label."""

    label: str

    def __new__(cls, value: str, label: str) -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    if TYPE_CHECKING:
        # What mypy cannot read from EnumMeta: after class creation, Channel("visit") looks a member up by its
        # code (the two-argument __new__ above only builds members), and every code is a str.
        def __init__(self, value: str) -> None: ...

        @property
        def value(self) -> str: ...

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(code, label) pairs, for forms and documentation."""
        return [(m.value, m.label) for m in cls]


class Channel(Labelled):
    """Where a problem came from (intake channel)."""

    VISIT = ("visit", "甘心入企走访")
    SALON = ("salon", "营商沙龙")
    ROUNDTABLE = ("roundtable", "企业家恳谈会")
    AFTERNOON_TEA = ("afternoon_tea", "营商下午茶")
    HOTLINE = ("hotline", "企业服务热线")
    CITIZEN_HOTLINE = ("citizen_hotline", "12345转办")
    ASK_ME_DESK = ("ask_me_desk", "“找我办”窗口")
    WECHAT_GROUP = ("wechat_group", "企业家微信群")
    COMPLAINT = ("complaint", "营商环境投诉")
    FINANCE_MATCHMAKING = ("finance_matchmaking", "政银企对接会")


class Disposition(Labelled):
    """How a case is judged: "一个不办、三个要办"."""

    REFUSE = ("refuse", "违法违规的，坚决不办")
    IMMEDIATE = ("immediate", "没有政策瓶颈的，马上办")
    SPECIAL = ("special", "有政策瓶颈、属个案的，特事特办")
    INNOVATE = ("innovate", "有政策瓶颈、属共性的，大胆创新办")


class Satisfaction(Labelled):
    """The enterprise's rating of a resolution."""

    SATISFIED = ("satisfied", "满意")
    BASICALLY_SATISFIED = ("basically_satisfied", "基本满意")
    DISSATISFIED = ("dissatisfied", "不满意")


class EscalationLevel(Labelled):
    """The rungs of the escalation ladder: first the task force's leader (or, for a case in no task
    force, the lead unit's head), then the district leader in charge."""

    UNIT_HEAD = ("unit_head", "提级至牵头单位负责人")
    TASK_FORCE_LEADER = ("task_force_leader", "提级至专班负责人")
    DISTRICT_LEADER = ("district_leader", "提级至分管区领导")

    @property
    def rank(self) -> int:
        """Rung on the ladder; the unit head and the task-force leader share the first."""
        return 2 if self is EscalationLevel.DISTRICT_LEADER else 1


class CaseStatus(Labelled):
    """Where a case stands."""

    LOGGED = ("logged", "待分办")
    ASSIGNED = ("assigned", "待签收")
    ACCEPTED = ("accepted", "办理中")
    RETURNED = ("returned", "已退回")
    RESOLVED = ("resolved", "已办结")
    REOPENED = ("reopened", "重新办理")
    CLOSED = ("closed", "已销号")
    CANNOT_DO = ("cannot_do", "不能办（已备案）")


CATEGORIES: tuple[str, ...] = (
    "土地房产/历史遗留",
    "融资",
    "审批许可",
    "用工",
    "交通物流",
    "水电气暖",
    "市政配套",
    "政策兑现",
    "环保",
    "市场准入",
    "科技创新",
    "生产经营",
    "其他",
)

# The district's 13 streets (subdistricts), as in the scenario.
STREETS: tuple[str, ...] = (
    "大连湾街道",
    "革镇堡街道",
    "营城子街道",
    "辛寨子街道",
    "南关岭街道",
    "中华路街道",
    "甘井子街道",
    "周水子街道",
    "泉水街道",
    "红旗街道",
    "凌水街道",
    "机场街道",
    "椒金山街道",
)


class Role(Labelled):
    """What a person does in Ganxin; issue-by-issue the permissions hang on these."""

    CADRE = ("cadre", "干部")
    UNIT_HANDLER = ("unit_handler", "单位承办人")
    TASK_FORCE_LEAD = ("task_force_lead", "专班负责人")
    SERVICE_SECRETARY = ("service_secretary", "项目服务秘书")
    INSPECTOR = ("inspector", "纪检监察")
    ADMIN = ("admin", "系统管理员")


class SecretaryTier(Labelled):
    """The three tiers of project service secretaries, and the listing secretary of a reserve enterprise."""

    DISTRICT = ("district", "区级")
    DEPARTMENT = ("department", "部门")
    STREET = ("street", "街道")
    LISTING = ("listing", "上市服务秘书")


class ProjectKind(Labelled):
    """A key investment project, or an enterprise in the listing reserve pool served the same way."""

    KEY_PROJECT = ("key_project", "重点项目")
    LISTING_RESERVE = ("listing_reserve", "上市后备企业")


PROJECT_TIERS = {
    ProjectKind.KEY_PROJECT.value: ("district", "department", "street"),
    ProjectKind.LISTING_RESERVE.value: ("listing",),
}
