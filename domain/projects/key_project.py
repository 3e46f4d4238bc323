"""A key project (重点项目) or listing-reserve enterprise, with its service secretaries and milestones."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.projects.checks import INVESTMENT_MAX, check_not_future, check_project_kind
from domain.registry import NAMESPACE, check_key
from domain.shared.actor import Actor
from domain.shared.dates import check_day
from domain.shared.errors import IllegalTransition, InvalidValue, TierOccupied, TierVacant, UnknownMilestone
from domain.shared.text import NAME_MAX, check_text, optional_text
from domain.shared.vocabulary import PROJECT_TIERS, ProjectKind, SecretaryTier


class KeyProject(Aggregate):
    """A project followed end to end by secretaries at up to three tiers (全程跟踪、主动帮办)."""

    TOPIC = "ganxin:KeyProject"

    class Event(Aggregate.Event):
        """Base of project events."""

        TOPIC = "ganxin:KeyProject.Event"

    @staticmethod
    def create_id(key: str) -> UUID:
        """One id per project code."""
        return uuid5(NAMESPACE, f"key_project:{key}")

    @event("Registered", topic="ganxin:KeyProject.Registered")
    def __init__(
        self,
        key: str,
        kind: str,
        name: str,
        enterprise_uscc: str,
        park: str,
        investment_cny: int | None,
        stage: str,
        task_force: str,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self.key = key
        self.kind = kind
        self.name = name
        self.enterprise_uscc = enterprise_uscc
        self.park = park
        self.investment_cny = investment_cny
        self.stage = stage
        self.task_force = task_force
        self.secretaries: dict[str, dict[str, Any]] = {}
        self.past_secretaries: list[dict[str, Any]] = []
        self.milestones: dict[str, dict[str, Any]] = {}

    @classmethod
    def register(
        cls,
        key: str,
        kind: str,
        name: str,
        enterprise_uscc: str,
        park: str,
        investment_cny: int | None,
        stage: str,
        task_force: str,
        actor: Actor,
        at: datetime,
    ) -> KeyProject:
        """Register a project (or a listing-reserve enterprise) after checking its details."""
        if investment_cny is not None and (
            isinstance(investment_cny, bool) or not 0 <= investment_cny <= INVESTMENT_MAX
        ):
            raise InvalidValue("投资额应为不小于0的整数（元）", "investment_cny")
        kind = check_project_kind(kind)
        if kind == ProjectKind.LISTING_RESERVE and not enterprise_uscc:
            raise InvalidValue("上市后备企业必须指明企业", "enterprise_uscc")
        return cls(
            key=check_key(key, "key", "项目"),
            kind=kind,
            name=check_text(name, "name", "项目名称", NAME_MAX),
            enterprise_uscc=enterprise_uscc or "",
            park=optional_text(park, "park", "园区/街道", NAME_MAX),
            investment_cny=investment_cny,
            stage=optional_text(stage, "stage", "项目阶段", NAME_MAX),
            task_force=task_force or "",
            actor=actor.as_dict(),
            timestamp=at,
        )

    # --- stage --------------------------------------------------------------------------------
    def change_stage(self, stage: str, note: str, actor: Actor, at: datetime) -> None:
        """The project moves on (签约、拿地、开工、投产 …)."""
        stage = check_text(stage, "stage", "项目阶段", NAME_MAX)
        if stage == self.stage:
            raise InvalidValue(f"项目已处于“{stage}”阶段", "stage")
        self._stage_changed(stage=stage, note=optional_text(note, "note", "说明"), actor=actor.as_dict(), timestamp=at)

    @event("StageChanged", topic="ganxin:KeyProject.StageChanged")
    def _stage_changed(self, stage: str, note: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.stage = stage

    # --- secretaries --------------------------------------------------------------------------
    def _check_tier(self, tier: str) -> str:
        allowed = PROJECT_TIERS[self.kind]
        if tier not in allowed:
            labels = "、".join(SecretaryTier(t).label for t in allowed)
            raise InvalidValue(f"{ProjectKind(self.kind).label}的服务秘书层级只能是：{labels}", "tier")
        return tier

    def appoint_secretary(
        self,
        tier: str,
        secretary_id: str,
        name: str,
        unit: str,
        phone: str,
        on: date,
        today: date,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Appoint a secretary to a vacant tier."""
        tier = self._check_tier(tier)
        if tier in self.secretaries:
            current = self.secretaries[tier]["name"]
            raise TierOccupied(f"{SecretaryTier(tier).label}服务秘书已由{current}担任，如需更换请用“更换”", "tier")
        self._secretary_appointed(
            **self._secretary(secretary_id, name, unit, phone, on, today),
            tier=tier,
            actor=actor.as_dict(),
            timestamp=at,
        )

    def _secretary(self, secretary_id: str, name: str, unit: str, phone: str, on: date, today: date) -> dict[str, Any]:
        return {
            "secretary_id": check_key(secretary_id, "secretary_id", "秘书账号"),
            "name": check_text(name, "name", "秘书姓名", NAME_MAX),
            "unit": unit,
            "phone": optional_text(phone, "phone", "联系电话", 40),
            "since": check_not_future(on, today, "appointed_on", "任命日期"),
        }

    @event("SecretaryAppointed", topic="ganxin:KeyProject.SecretaryAppointed")
    def _secretary_appointed(
        self,
        tier: str,
        secretary_id: str,
        name: str,
        unit: str,
        phone: str,
        since: date,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self.secretaries[tier] = {
            "tier": tier,
            "secretary_id": secretary_id,
            "name": name,
            "unit": unit,
            "phone": phone,
            "since": since,
        }

    def replace_secretary(
        self,
        tier: str,
        secretary_id: str,
        name: str,
        unit: str,
        phone: str,
        on: date,
        reason: str,
        today: date,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Another secretary takes over a tier from the date given."""
        tier = self._check_tier(tier)
        current = self.secretaries.get(tier)
        if current is None:
            raise TierVacant(f"{SecretaryTier(tier).label}服务秘书空缺，请直接任命", "tier")
        details = self._secretary(secretary_id, name, unit, phone, on, today)
        if details["secretary_id"] == current["secretary_id"]:
            raise InvalidValue(f"{current['name']}已是{SecretaryTier(tier).label}服务秘书", "secretary_id")
        if details["since"] < current["since"]:
            raise InvalidValue(f"更换日期早于现任秘书的任命日期 {current['since']}", "appointed_on")
        self._secretary_replaced(
            **details, tier=tier, reason=check_text(reason, "reason", "更换理由"), actor=actor.as_dict(), timestamp=at
        )

    @event("SecretaryReplaced", topic="ganxin:KeyProject.SecretaryReplaced")
    def _secretary_replaced(
        self,
        tier: str,
        secretary_id: str,
        name: str,
        unit: str,
        phone: str,
        since: date,
        reason: str,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self.past_secretaries.append(self.secretaries[tier] | {"until": since})
        self.secretaries[tier] = {
            "tier": tier,
            "secretary_id": secretary_id,
            "name": name,
            "unit": unit,
            "phone": phone,
            "since": since,
        }

    # --- milestones ---------------------------------------------------------------------------
    def plan_milestone(self, name: str, planned_on: date, actor: Actor, at: datetime) -> None:
        """Add a milestone to the schedule (时间表、路线图)."""
        name = check_text(name, "name", "节点名称", NAME_MAX)
        if name in self.milestones:
            raise InvalidValue(f"已有名为“{name}”的节点", "name")
        check_day(planned_on, "planned_on", "计划日期")
        self._milestone_planned(name=name, planned_on=planned_on, actor=actor.as_dict(), timestamp=at)

    @event("MilestonePlanned", topic="ganxin:KeyProject.MilestonePlanned")
    def _milestone_planned(self, name: str, planned_on: date, actor: dict[str, str], timestamp: datetime) -> None:
        self.milestones[name] = {
            "name": name,
            "planned_on": planned_on,
            "first_planned_on": planned_on,
            "achieved_on": None,
            "replans": 0,
        }

    def _milestone(self, name: str) -> dict[str, Any]:
        if name not in self.milestones:
            raise UnknownMilestone(f"项目没有名为“{name}”的节点", "name")
        return self.milestones[name]

    def replan_milestone(self, name: str, planned_on: date, reason: str, actor: Actor, at: datetime) -> None:
        """Move a milestone's planned date; the reason is required and kept."""
        milestone = self._milestone(name)
        if milestone["achieved_on"] is not None:
            raise IllegalTransition(f"节点“{name}”已于 {milestone['achieved_on']} 完成，不能再调整计划")
        reason = check_text(reason, "reason", "调整计划的理由")
        check_day(planned_on, "planned_on", "计划日期")
        if planned_on == milestone["planned_on"]:
            raise InvalidValue("新的计划日期与原计划相同", "planned_on")
        self._milestone_replanned(
            name=name,
            planned_on=planned_on,
            previous_planned_on=milestone["planned_on"],
            reason=reason,
            actor=actor.as_dict(),
            timestamp=at,
        )

    @event("MilestoneReplanned", topic="ganxin:KeyProject.MilestoneReplanned")
    def _milestone_replanned(
        self,
        name: str,
        planned_on: date,
        previous_planned_on: date,
        reason: str,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self.milestones[name] = self.milestones[name] | {
            "planned_on": planned_on,
            "replans": self.milestones[name]["replans"] + 1,
        }

    def achieve_milestone(self, name: str, achieved_on: date, today: date, actor: Actor, at: datetime) -> None:
        """Record that a milestone was reached on a day (not in the future)."""
        milestone = self._milestone(name)
        if milestone["achieved_on"] is not None:
            raise IllegalTransition(f"节点“{name}”已于 {milestone['achieved_on']} 完成")
        check_not_future(achieved_on, today, "achieved_on", "完成日期")
        self._milestone_achieved(name=name, achieved_on=achieved_on, actor=actor.as_dict(), timestamp=at)

    @event("MilestoneAchieved", topic="ganxin:KeyProject.MilestoneAchieved")
    def _milestone_achieved(self, name: str, achieved_on: date, actor: dict[str, str], timestamp: datetime) -> None:
        self.milestones[name] = self.milestones[name] | {"achieved_on": achieved_on}
