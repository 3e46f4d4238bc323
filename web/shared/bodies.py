"""What the JSON API accepts: one explicit body model per request.

Shapes and types are checked here; the values themselves (known codes, lengths, dates) are checked by
the domain, so that every rule and its Chinese message lives in one place.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator
from pydantic_core import PydanticCustomError

from application.cases import (
    CASE_ACTIONS,
    CHOICE,
    CHOICES,
    DISPOSITIONS,
    LEVELS,
    SATISFACTIONS,
    WORKING_DAYS,
    ActionField,
    CaseAction,
)
from application.shared import CATEGORIES, STREETS, Channel, Disposition, EscalationLevel, Labelled, Satisfaction
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


def _body_field(field: ActionField) -> tuple[Any, Any]:
    """The type and pydantic field of one value an action asks for."""
    if field.kind == WORKING_DAYS:
        return WorkingDays, ...
    if field.kind == CHOICES:
        return list[str], Field(default_factory=list, description=f"{field.label}代码")
    if field.kind == CHOICE:
        vocabulary = VOCABULARIES.get(field.choices)
        extra = codes_of(vocabulary) if vocabulary else None
        description = field.label if vocabulary else f"{field.label}代码"
        if field.required:
            return str, Field(description=description, json_schema_extra=extra)
        return str | None, Field(None, description=description, json_schema_extra=extra)
    return str, Field(... if field.required else "", description=field.label)


def _body_model(action: CaseAction) -> type[ActionIn]:
    """The request body of one case action, named as before (ClassifyIn, GrantExtensionIn, ...)."""
    name = "".join(part.title() for part in action.code.split("_")) + "In"
    fields: dict[str, Any] = {field.name: _body_field(field) for field in action.fields}
    return create_model(
        name, __base__=ActionIn, __doc__=f"{action.label}: {action.about}.", __module__=__name__, **fields
    )


# A list from which the API names the allowed codes (units and task forces are looked up instead).
VOCABULARIES: dict[str, type[Labelled]] = {
    DISPOSITIONS: Disposition,
    SATISFACTIONS: Satisfaction,
    LEVELS: EscalationLevel,
}
ACTION_BODIES: dict[str, type[ActionIn]] = {action.code: _body_model(action) for action in CASE_ACTIONS}
