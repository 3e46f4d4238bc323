"""What a page handler works with: the request, the services and who is asking, as one `Page`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from inspect import Parameter, Signature
from typing import Any, TypeVar

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from application.services import Services
from application.shared import DomainError
from application.shared.access import Permission, Principal
from application.shared.errors import NotFound
from web.deps import ServicesDep, page_allow
from web.shared.page_helpers import not_found, read_form, saved, text
from web.templating import render

View = TypeVar("View")


@dataclass(frozen=True)
class Page:
    """One page request: the request, the application's services and the principal allowed to see it."""

    request: Request
    services: Services
    principal: Principal

    def render(self, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
        """The template filled with the context, the principal's actor shown as the one logged in."""
        return render(self.request, template, {"actor": self.principal.actor, **context}, status_code=status_code)

    def found(
        self,
        read: Callable[[], View],
        missing: str,
        show: Callable[[View], Response],
        told: type[NotFound] | None = None,
    ) -> Response:
        """`show` what `read` finds; else the 404 page saying `missing` (a `told` error says its own message)."""
        try:
            view = read()
        except NotFound as error:
            return not_found(self.request, error.message if told and isinstance(error, told) else missing)
        return show(view)


@dataclass(frozen=True)
class Posted(Page):
    """A form posted from a page, with the page's request, services and principal."""

    form: FormData

    def text(self, name: str) -> str:
        """One text field of the form, '' when missing."""
        return text(self.form, name)

    def apply(self, command: Callable[[], object], done: str, refused: Callable[[DomainError], Response]) -> Response:
        """Run the command, then Post/Redirect/Get to `done`; a refusal is answered by `refused(error)`."""
        try:
            command()
        except DomainError as error:
            return refused(error)
        return saved(self.request, done)


def page_for(permission: Permission) -> Any:
    """Declare a page's permission (page_allow) and hand the handler its `Page`."""

    def page(request: Request, services: ServicesDep, principal: Principal = Depends(page_allow(permission))) -> Page:
        return Page(request, services, principal)

    return Depends(page)


def query_texts(*names: str, **defaults: str) -> Any:
    """Declare text query parameters (blank unless a default is given) and hand them over as one dict."""
    parameters = [
        Parameter(name, Parameter.KEYWORD_ONLY, default=defaults.get(name, ""), annotation=str)
        for name in (*names, *defaults)
    ]

    def read(**values: str) -> dict[str, str]:
        return values

    read.__signature__ = Signature(parameters, return_annotation=dict[str, str])  # type: ignore[attr-defined]  # what FastAPI reads
    return Depends(read)


def post_for(permission: Permission) -> Any:
    """Declare the permission a form post needs (page_allow) and hand the handler its `Posted` form."""

    allowed_page = page_for(permission)

    def post(form: FormData = Depends(read_form), page: Page = allowed_page) -> Posted:
        return Posted(page.request, page.services, page.principal, form)

    return Depends(post)
