"""The small form behind each case action, derived from the table of case actions, and the call it makes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from starlette.datastructures import FormData

from application.cases import CASE_ACTIONS, CHOICE, CHOICES, WORKING_DAYS, ActionField, CaseAction
from application.services import Services
from application.shared import InvalidValue, parse_count
from application.shared.access import Principal
from web.shared.page_helpers import text, texts


@dataclass(frozen=True)
class ActionForm:
    """An action as a form: its Chinese name, its fields, and the service call it makes."""

    action: CaseAction

    @property
    def name(self) -> str:
        """The action's code, which is also the form's URL segment."""
        return self.action.code

    @property
    def label(self) -> str:
        """The action's Chinese name, on the form's heading and its button."""
        return self.action.label

    @property
    def hint(self) -> str:
        """A few words next to the label."""
        return self.action.hint

    @property
    def fields(self) -> tuple[ActionField, ...]:
        """The inputs, in order."""
        return self.action.fields

    def check_picked(self, values: dict[str, Any]) -> None:
        """A required select or number left blank gets a plain message (the domain would list every code)."""
        for f in self.fields:
            if f.required and f.kind in (CHOICE, WORKING_DAYS) and not str(values.get(f.name, "")).strip():
                raise InvalidValue(f"请{'选择' if f.kind == CHOICE else '填写'}{f.label}", f.name)

    def values(self, form: FormData) -> dict[str, Any]:
        """The typed values, kept as typed (lists for checkboxes) so a failed form shows them again."""
        return {f.name: texts(form, f.name) if f.kind == CHOICES else text(form, f.name) for f in self.fields}

    def call(self, ganxin: Services, case_id: UUID, version: int, principal: Principal, values: dict[str, Any]) -> int:
        """Run the action's command with the form's values read as the command expects them."""
        arguments = {f.name: _argument(f, values[f.name]) for f in self.fields}
        command = getattr(ganxin.cases, self.action.command)
        return command(case_id, version, principal, **arguments)  # type: ignore[no-any-return]


def _argument(field: ActionField, value: Any) -> Any:
    """A typed value as the command takes it: working days as a number, an optional choice left blank as None."""
    if field.kind == WORKING_DAYS:
        return _days(value)
    if field.kind == CHOICE and not field.required:
        return value or None
    return value


def _days(value: str) -> int:
    """Working days typed in a number box (ASCII digits only: '１０' or '²' are refused, not read)."""
    try:
        return parse_count(value, "working_days", "工作日数")
    except InvalidValue:
        raise InvalidValue("请填写整数个工作日", "working_days") from None


ACTION_FORMS: dict[str, ActionForm] = {action.code: ActionForm(action) for action in CASE_ACTIONS}
