"""What the JSON API accepts: one explicit body model per request.

Shapes and types are checked here; the values themselves (known codes, lengths, dates) are checked by
the domain, so that every rule and its Chinese message lives in one place.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from domain.shared.vocabulary import CATEGORIES, STREETS, Channel, Disposition, EscalationLevel, Satisfaction
from web.shared.readers import OccurredOn

WorkingDays = Annotated[int, Field(strict=True, description="工作日数（1至250）")]


def codes_of(vocabulary: type) -> dict:
    """Document the allowed codes without letting pydantic reject them (the domain explains better)."""
    return {"examples": [vocabulary.choices()[0][0]], "enum": [code for code, _ in vocabulary.choices()]}


def _has_lone_surrogate(value: object) -> bool:
    if isinstance(value, str):
        return any("\ud800" <= ch <= "\udfff" for ch in value)
    return isinstance(value, list) and any(_has_lone_surrogate(v) for v in value)


class Body(BaseModel):
    """Base of request bodies: unknown fields are refused, so a typo is not silently ignored."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _encodable(cls, value: object) -> object:
        """JSON may escape half a character (\\ud800); such text cannot be stored as UTF-8."""
        if _has_lone_surrogate(value):
            raise PydanticCustomError("unpaired_surrogate", "text contains an unpaired surrogate")
        return value


class EnterpriseIn(Body):
    """An enterprise by credit code; name and street are needed only when it is not yet registered."""

    uscc: str = Field(description="统一社会信用代码（18位）")
    name: str = Field("", description="企业名称（新企业必填）")
    street: str = Field("", description="所在街道（新企业必填）", json_schema_extra={"enum": list(STREETS)})
    industry: str = Field("", description="所属行业")
    tags: list[str] = Field(default_factory=list, description="企业标签")


class ProblemIn(Body):
    """One problem the enterprise raised."""

    category: str = Field(description="问题类别", json_schema_extra={"enum": list(CATEGORIES)})
    description: str = Field(description="问题描述（至多2000字）")
    request: str = Field("", description="企业诉求")
    enterprise: EnterpriseIn | None = Field(None, description="营商沙龙等多企业场合：本问题所属企业")


class VisitIn(Body):
    """A sitting (visit, salon, hotline call …) and the problems raised at it."""

    enterprise: EnterpriseIn | None = Field(None, description="走访的企业（各问题未单独指定企业时使用）")
    channel: str = Field(description="问题来源渠道", json_schema_extra=codes_of(Channel))
    occurred_on: OccurredOn = Field(description="发生日期 YYYY-MM-DD，不能晚于今天")
    problems: list[ProblemIn] = Field(description="企业反映的问题，至少一个，至多50个")
    cadres: list[str] = Field(default_factory=list, description="参加干部姓名（默认为登记人）")
    place: str = Field("", description="地点")
    note: str = Field("", description="备注")


class ActionIn(Body):
    """Every action names the version of the case the person saw."""

    expected_version: int = Field(ge=1, description="提交者看到的问题版本；已被他人更新则返回409")


class ClassifyIn(ActionIn):
    """研判: judge the case (一个不办、三个要办)."""

    disposition: str = Field(description="研判结论", json_schema_extra=codes_of(Disposition))
    reason: str = Field("", description="研判理由")


class AssignIn(ActionIn):
    """分办: give the case to a lead unit with a time limit."""

    lead_unit: str = Field(description="牵头单位代码")
    working_days: WorkingDays
    supporting_units: list[str] = Field(default_factory=list, description="配合单位代码")
    task_force: str | None = Field(None, description="工作专班代码")


class AcceptIn(ActionIn):
    """签收: the lead unit takes the case."""


class ReturnIn(ActionIn):
    """退回: the lead unit sends the case back."""

    reason: str = Field(description="退回理由")


class TransferIn(ActionIn):
    """转办: move the case to another unit."""

    to_unit: str = Field(description="接收单位代码")
    reason: str = Field(description="转办理由")


class ProgressIn(ActionIn):
    """进展: note what was done."""

    note: str = Field(description="进展情况")


class RemindIn(ActionIn):
    """催办: record a prod."""

    note: str = Field(description="催办内容")


class RequestExtensionIn(ActionIn):
    """申请延期: ask for more working days."""

    working_days: WorkingDays
    reason: str = Field(description="延期理由")


class GrantExtensionIn(ActionIn):
    """批准延期: approve the pending request."""

    note: str = Field("", description="审批意见")


class RefuseExtensionIn(ActionIn):
    """不予延期: turn the pending request down."""

    reason: str = Field(description="不予延期理由")


class EscalateIn(ActionIn):
    """提级: raise the case up the ladder."""

    level: str = Field(description="提级层级", json_schema_extra=codes_of(EscalationLevel))
    reason: str = Field(description="提级理由")


class ResolveIn(ActionIn):
    """办结: say what was done."""

    resolution: str = Field(description="办理结果")


class FeedbackIn(ActionIn):
    """回访: the enterprise's rating."""

    satisfaction: str = Field(description="满意度", json_schema_extra=codes_of(Satisfaction))
    comment: str = Field("", description="评价意见")


class ReopenIn(ActionIn):
    """重新办理: not really solved."""

    reason: str = Field(description="重新办理理由")


class CloseIn(ActionIn):
    """销号: strike the case off."""

    note: str = Field("", description="销号说明")


class RegisterCannotDoIn(ActionIn):
    """不能办备案: put the case on the cannot-do ledger."""

    reason: str = Field(description="不能办理由")
