"""POST routes that change one thing at the version the person saw and answer its new version, from a table.

A row names the route's path and summary and the command: a function of the services, the principal, the value
of the prefix's path parameter and the body, returning the new version. The route's name and description are the
command's, its body model the command's `body` annotation; the permission is the table's unless the row names one.
"""

# No `from __future__ import annotations` here: FastAPI must see each body model as a real class.

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from inspect import Parameter, Signature
from typing import Any, get_type_hints

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from application.shared.access import Permission, Principal
from web.deps import ServicesDep, api_allow
from web.shared.schemas import CONFLICT, NOT_FOUND


@dataclass(frozen=True)
class Change:
    """One route of the table: path below the prefix, summary, command, its own permission, extra documented answers."""

    path: str
    summary: str
    command: Callable[..., int]
    permission: Permission | None = None
    responses: dict[int | str, dict[str, Any]] = field(default_factory=dict)


def _path_value(prefix: str, path_type: Any) -> Callable[..., str]:
    """A dependency declaring the prefix's one path parameter, answering its value."""
    name = re.findall(r"{(\w+)}", prefix)[0]

    def value(**path: str) -> str:
        return path[name]

    declared = Signature([Parameter(name, Parameter.KEYWORD_ONLY, annotation=path_type)])
    value.__signature__ = declared  # type: ignore[attr-defined]  # what FastAPI reads
    return value


def _endpoint(
    change: Change, named_by: Callable[..., str], permission: Permission, answer: type[BaseModel]
) -> Callable[..., BaseModel]:
    """The route function of one change, with the command's body model in its signature."""
    body_model = get_type_hints(change.command)["body"]

    def endpoint(
        body: body_model,  # type: ignore[valid-type]
        services: ServicesDep,
        named: str = Depends(named_by),
        principal: Principal = Depends(api_allow(change.permission or permission)),
    ) -> BaseModel:
        return answer(version=change.command(services, principal, named, body))

    endpoint.__name__ = change.command.__name__
    endpoint.__doc__ = change.command.__doc__
    return endpoint


def add_changes(
    router: APIRouter,
    prefix: str,
    answer: type[BaseModel],
    permission: Permission,
    changes: Sequence[Change],
    path_type: Any = str,
) -> None:
    """Register each change as POST prefix + path; the prefix's path parameter (of `path_type`) names the thing."""
    named_by = _path_value(prefix, path_type)
    for change in changes:
        router.add_api_route(
            prefix + change.path,
            _endpoint(change, named_by, permission, answer),
            methods=["POST"],
            name=change.command.__name__,
            summary=change.summary,
            description=change.command.__doc__ or "",
            response_model=answer,
            responses={**NOT_FOUND, **CONFLICT, **change.responses},
        )
