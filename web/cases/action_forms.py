"""The small form behind each case action: its fields, and how its values reach the Ganxin method."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from starlette.datastructures import FormData

from application.shared.store import Ganxin
from application.accounts.access import Principal
from domain.shared.errors import InvalidValue
from domain.shared.text import parse_count
from web.shared.page_helpers import text, texts


@dataclass(frozen=True)
class Field:
    """One input of an action form."""

    name: str
    label: str
    kind: str = "textarea"  # textarea | select | checkboxes | number | text
    required: bool = True
    options: str = ""  # which list a select offers: units, task_forces, dispositions, satisfactions, levels


@dataclass(frozen=True)
class ActionForm:
    """An action as a form: its Chinese name, its fields, and the Ganxin call it makes."""

    name: str
    label: str
    fields: tuple[Field, ...]
    call: Callable[[Ganxin, UUID, int, Principal, dict[str, Any]], int]
    hint: str = ""

    def check_picked(self, values: dict[str, Any]) -> None:
        """A required select or number left blank gets a plain message (the domain would list every code)."""
        for f in self.fields:
            if f.required and f.kind in ("select", "number") and not str(values.get(f.name, "")).strip():
                raise InvalidValue(f"请{'选择' if f.kind == 'select' else '填写'}{f.label}", f.name)

    def values(self, form: FormData) -> dict[str, Any]:
        """The typed values, kept as typed (lists for checkboxes) so a failed form shows them again."""
        return {f.name: texts(form, f.name) if f.kind == "checkboxes" else text(form, f.name) for f in self.fields}


def _days(value: str) -> int:
    """Working days typed in a number box (ASCII digits only: '１０' or '²' are refused, not read)."""
    try:
        return parse_count(value, "working_days", "工作日数")
    except InvalidValue:
        raise InvalidValue("请填写整数个工作日", "working_days") from None


UNITS = "units"

ACTION_FORMS: dict[str, ActionForm] = {a.name: a for a in (
    ActionForm("classify", "研判", (
        Field("disposition", "研判结论", "select", options="dispositions"),
        Field("reason", "研判理由", required=False),
    ), lambda g, c, v, a, x: g.classify_case(c, v, a, x["disposition"], x["reason"]),
        "一个不办、三个要办"),
    ActionForm("assign", "分办", (
        Field("lead_unit", "牵头单位", "select", options=UNITS),
        Field("working_days", "办理时限（工作日）", "number"),
        Field("supporting_units", "配合单位", "checkboxes", required=False, options=UNITS),
        Field("task_force", "工作专班", "select", required=False, options="task_forces"),
    ), lambda g, c, v, a, x: g.assign_case(
        c, v, a, lead_unit=x["lead_unit"], working_days=_days(x["working_days"]),
        supporting_units=x["supporting_units"], task_force=x["task_force"] or None)),
    ActionForm("accept", "签收", (), lambda g, c, v, a, x: g.accept_case(c, v, a)),
    ActionForm("return", "退回", (Field("reason", "退回理由"),),
               lambda g, c, v, a, x: g.return_case(c, v, a, x["reason"])),
    ActionForm("transfer", "转办", (
        Field("to_unit", "转至单位", "select", options="other_units"),
        Field("reason", "转办理由"),
    ), lambda g, c, v, a, x: g.transfer_case(c, v, a, x["to_unit"], x["reason"])),
    ActionForm("progress", "记录进展", (Field("note", "进展情况"),),
               lambda g, c, v, a, x: g.note_progress(c, v, a, x["note"])),
    ActionForm("remind", "催办", (Field("note", "催办内容"),),
               lambda g, c, v, a, x: g.record_reminder(c, v, a, x["note"])),
    ActionForm("request_extension", "申请延期", (
        Field("working_days", "延长（工作日）", "number"),
        Field("reason", "延期理由"),
    ), lambda g, c, v, a, x: g.request_extension(c, v, a, _days(x["working_days"]), x["reason"])),
    ActionForm("grant_extension", "同意延期", (Field("note", "审批意见", required=False),),
               lambda g, c, v, a, x: g.grant_extension(c, v, a, x["note"])),
    ActionForm("refuse_extension", "不予延期", (Field("reason", "不予延期理由"),),
               lambda g, c, v, a, x: g.refuse_extension(c, v, a, x["reason"])),
    ActionForm("escalate", "提级", (
        Field("level", "提级层级", "select", options="levels"),
        Field("reason", "提级理由"),
    ), lambda g, c, v, a, x: g.escalate_case(c, v, a, x["level"], x["reason"])),
    ActionForm("resolve", "办结", (Field("resolution", "办理结果"),),
               lambda g, c, v, a, x: g.resolve_case(c, v, a, x["resolution"])),
    ActionForm("feedback", "回访评价", (
        Field("satisfaction", "企业满意度", "select", options="satisfactions"),
        Field("comment", "评价意见", required=False),
    ), lambda g, c, v, a, x: g.give_feedback(c, v, a, x["satisfaction"], x["comment"])),
    ActionForm("reopen", "重新办理", (Field("reason", "重新办理理由"),),
               lambda g, c, v, a, x: g.reopen_case(c, v, a, x["reason"])),
    ActionForm("close", "销号", (Field("note", "销号说明", required=False),),
               lambda g, c, v, a, x: g.close_case(c, v, a, x["note"])),
    ActionForm("register_cannot_do", "登记为不能办", (Field("reason", "不能办理由"),),
               lambda g, c, v, a, x: g.register_cannot_do(c, v, a, x["reason"]),
               "备案登记，进入不能办事项台账"),
)}
