"""The visit form as typed: parsing it into a VisitInput and putting errors back next to fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from starlette.datastructures import FormData

from application.registry import EnterpriseDetails
from application.shared import Channel
from application.shared.errors import FieldError
from application.visits import ProblemInput, VisitInput
from web.shared.page_helpers import text

DEFAULT_ROWS = 3
MAX_ROWS = 50
ROW_FIELD = re.compile(r"^problems\[([0-9]{1,3})\]\.(category|description|request)$")
PROBLEM_ERROR = re.compile(r"^problems\[(\d+)\]\.(.+)$")
CADRE_SEPARATORS = re.compile(r"[,，、;；\n]+")
# A day the domain always rejects: a blank or malformed date still lets every other field be checked.
UNREADABLE_DAY = date(1, 1, 1)


@dataclass
class ProblemRow:
    """One problem row of the form, as typed."""

    category: str = ""
    description: str = ""
    request: str = ""

    @property
    def is_blank(self) -> bool:
        """Nothing typed or picked: the row is ignored."""
        return not (self.category.strip() or self.description.strip() or self.request.strip())


@dataclass
class VisitForm:
    """Every value of the visit form, kept so that a failed submission shows them again."""

    uscc: str = ""
    enterprise_name: str = ""
    street: str = ""
    industry: str = ""
    channel: str = Channel.VISIT.value
    occurred_on: str = ""
    cadres: str = ""
    place: str = ""
    rows: list[ProblemRow] = field(default_factory=list)

    @classmethod
    def blank(cls, today: date, rows: int = DEFAULT_ROWS) -> VisitForm:
        """An empty form for today with the given number of problem rows."""
        count = min(max(rows, 1), MAX_ROWS)
        return cls(occurred_on=today.isoformat(), rows=[ProblemRow() for _ in range(count)])

    @classmethod
    def from_form(cls, form: FormData) -> VisitForm:
        """The form as posted; problem rows are taken in index order (JS may leave gaps)."""
        rows: dict[int, ProblemRow] = {}
        for key in form:
            match = ROW_FIELD.match(key)
            if match and (int(match[1]) in rows or len(rows) < MAX_ROWS):
                setattr(rows.setdefault(int(match[1]), ProblemRow()), match[2], text(form, key))
        return cls(
            uscc=text(form, "uscc").strip().upper(),
            enterprise_name=text(form, "enterprise_name"),
            street=text(form, "street"),
            industry=text(form, "industry"),
            channel=text(form, "channel"),
            occurred_on=text(form, "occurred_on").strip(),
            cadres=text(form, "cadres"),
            place=text(form, "place"),
            rows=[rows[i] for i in sorted(rows)] or [ProblemRow()],
        )

    def filled_rows(self) -> list[int]:
        """Positions of the rows that were filled in, in order."""
        return [i for i, row in enumerate(self.rows) if not row.is_blank]

    def cadre_names(self) -> list[str]:
        """The cadres typed as a comma-separated list."""
        return [n.strip() for n in CADRE_SEPARATORS.split(self.cadres) if n.strip()]

    def day(self) -> tuple[date, FieldError | None]:
        """The date of the sitting, or a day the domain rejects plus the error to show instead."""
        if not self.occurred_on:
            return UNREADABLE_DAY, FieldError("invalid_value", "请选择发生日期", "occurred_on")
        try:
            return date.fromisoformat(self.occurred_on), None
        except ValueError:
            return UNREADABLE_DAY, FieldError("invalid_value", "发生日期格式应为 2026-04-08", "occurred_on")

    def to_input(self) -> VisitInput:
        """What the application's log_visit takes; blank rows are left out."""
        return VisitInput(
            channel=self.channel,
            occurred_on=self.day()[0],
            enterprise=EnterpriseDetails(self.uscc, self.enterprise_name, self.street, self.industry),
            problems=[
                ProblemInput(self.rows[i].category, self.rows[i].description, self.rows[i].request)
                for i in self.filled_rows()
            ],
            cadres=self.cadre_names(),
            place=self.place,
        )

    def field_errors(self, errors: list[FieldError]) -> dict[str, list[str]]:
        """Messages by form field name; a submitted problem's index is turned back into its row."""
        date_error = self.day()[1]
        if date_error is not None:
            errors = [e for e in errors if e.field != "occurred_on"] + [date_error]
        rows = self.filled_rows()
        by_field: dict[str, list[str]] = {}
        for error in errors:
            name = _form_field(error.field, rows)
            if error.message not in by_field.get(name, []):
                by_field.setdefault(name, []).append(error.message)
        return by_field


def summary(by_field: dict[str, list[str]]) -> list[str]:
    """The messages for the top of the form; a problem row's say which problem they are about."""
    messages = []
    for name, texts in by_field.items():
        match = PROBLEM_ERROR.match(name)
        prefix = f"问题{int(match[1]) + 1}：" if match else ""
        messages.extend(prefix + text for text in texts)
    return messages


def _form_field(error_field: str | None, rows: list[int]) -> str:
    """The form field an application error field belongs to ('' for the whole form)."""
    if not error_field:
        return ""
    match = PROBLEM_ERROR.match(error_field)
    if match and int(match[1]) < len(rows):
        return f"problems[{rows[int(match[1])]}].{match[2]}"
    return error_field
