"""Small helpers the page modules share: reading forms, dates and page numbers, redirects, the not-found page."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote
from uuid import UUID

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData

from application.cases import Moment
from application.services import Services
from application.shared import InvalidValue, Labelled, parse_count
from application.shared import parse_day as parse_valid_day
from web.error_answers import error_page
from web.security import cookie


async def read_form(request: Request) -> FormData:
    """The posted form, read once so that sync routes can use it."""
    return await request.form()


def text(form: FormData, name: str) -> str:
    """One text field of a form, '' when missing (files are never expected)."""
    value = form.get(name)
    return value if isinstance(value, str) else ""


def texts(form: FormData, name: str) -> list[str]:
    """Every value of a repeated field (checkboxes), blanks dropped."""
    return [v for v in form.getlist(name) if isinstance(v, str) and v.strip()]


def parse_case_id(raw: str) -> UUID | None:
    """The case id in a URL, or None when it is not a UUID."""
    try:
        return UUID(raw)
    except ValueError:
        return None


def see_other(url: str) -> RedirectResponse:
    """Post/Redirect/Get: 303 to the result page."""
    return RedirectResponse(url, status_code=303)


SAVED_COOKIE = "ganxin_saved"


def saved(request: Request, url: str) -> RedirectResponse:
    """Post/Redirect/Get after a form was stored: the short-lived, script-readable cookie names the form's
    target so that drafts.js on the next page drops the draft it kept of that form (the server confirmed)."""
    https = bool(request.app.state.settings.https)
    response = see_other(url)
    response.set_cookie(
        cookie(SAVED_COOKIE, https),
        quote(request.url.path, safe=""),
        max_age=300,
        path="/",
        secure=https,
        httponly=False,
        samesite="strict",
    )
    return response


def not_found(request: Request, message: str = "您要找的问题不存在，可能链接有误。") -> HTMLResponse:
    """The Chinese 404 page (the one error page of web/error_answers.py)."""
    return error_page(404, message, request=request)


STALE_FORM = "页面已过期，请刷新后重试"
VERSION_DIGITS_MAX = 9


def expected_version(form: FormData) -> int:
    """The version the person saw when the form was drawn (the shared integer reader: ASCII digits only)."""
    try:
        return parse_count(text(form, "expected_version"), "expected_version", "版本")
    except InvalidValue:
        raise InvalidValue(STALE_FORM, "expected_version") from None


def page_number(raw: str) -> int:
    """The page a list URL asks for: blank or 0 is the first; anything but ASCII digits is refused."""
    return max(parse_count(raw, "page", "页码", default=1), 1)


def parse_day(raw: str, field: str, name: str) -> date | None:
    """A date typed in a form or URL ('' is none); anything but a YYYY-MM-DD day in the valid range is refused."""
    return parse_valid_day(raw, field, name) if raw.strip() else None


def label_of(vocabulary: type[Labelled], code: str | None) -> str:
    """The Chinese label of a vocabulary code; an unknown code is shown as is rather than hidden."""
    if not code:
        return ""
    try:
        return vocabulary(code).label
    except ValueError:
        return code


def unit_names(services: Services) -> dict[str, str]:
    """Unit key → full name, for member and supporting units."""
    return services.registry_queries.unit_names()


def past_context(services: Services, as_of: str) -> Moment | None:
    """The moment a list's `as_of` names (None: now); refused in Chinese if unreadable or still to come."""
    return services.cases_as_of.moment(as_of, "as_of") if as_of.strip() else None
