"""API tokens for integrations (e.g. the hotline system): issued and revoked by admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response
from pydantic import BaseModel, Field

from application.shared.access import Permission, Principal
from web.deps import ServicesDep, api_allow
from web.shared.bodies import Body
from web.shared.schemas import CONFLICT, NOT_FOUND

router = APIRouter(tags=["账号令牌 API tokens"])
Username = Annotated[str, Path(description="账号用户名，如 hotline", max_length=40)]
TokenId = Annotated[str, Path(description="令牌编号（签发时返回）", max_length=64)]
manage = api_allow(Permission.MANAGE_ACCOUNTS)


class TokenIn(Body):
    """What to call the new token (who uses it)."""

    name: str = Field(description="令牌名称，如“热线系统”（60字以内）", examples=["热线系统"])


class IssuedTokenOut(BaseModel):
    """A new token: `token` is shown this once only and cannot be retrieved later."""

    token_id: str
    name: str
    username: str
    token: str = Field(description="以 `Authorization: Bearer <token>` 发送；仅此一次显示，请立即妥善保存")


class TokenOut(BaseModel):
    """A live token (never the token itself)."""

    token_id: str
    name: str
    issued_at: str


class TokenListOut(BaseModel):
    """An account's live tokens."""

    items: list[TokenOut]


@router.get(
    "/accounts/{username}/tokens",
    summary="账号的令牌 List an account's tokens",
    response_model=TokenListOut,
    responses={**NOT_FOUND},
)
def list_tokens(username: Username, services: ServicesDep, principal: Principal = Depends(manage)) -> TokenListOut:
    """The account's live tokens by id and name."""
    return TokenListOut(
        items=[
            TokenOut(token_id=t.token_id, name=t.name, issued_at=t.issued_at)
            for t in services.tokens.list_tokens(principal, username)
        ]
    )


@router.post(
    "/accounts/{username}/tokens",
    status_code=201,
    summary="签发令牌 Issue a token",
    response_model=IssuedTokenOut,
    responses={**NOT_FOUND, **CONFLICT},
)
def issue_token(
    username: Username, body: TokenIn, services: ServicesDep, principal: Principal = Depends(manage)
) -> IssuedTokenOut:
    """A new bearer token acting as the account (with its role and remit); shown once."""
    issued = services.tokens.issue_token(principal, username, body.name)
    return IssuedTokenOut(token_id=issued.token_id, name=issued.name, username=issued.username, token=issued.token)


@router.delete(
    "/accounts/{username}/tokens/{token_id}",
    status_code=204,
    summary="吊销令牌 Revoke a token",
    response_class=Response,
    responses={**NOT_FOUND},
)
def revoke_token(
    username: Username, token_id: TokenId, services: ServicesDep, principal: Principal = Depends(manage)
) -> Response:
    """Stop the token from working, at once."""
    services.tokens.revoke_token(principal, username, token_id)
    return Response(status_code=204)
