"""Inclusion proofs over the sealed event log, for inspectors only (a proof carries the event itself)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel

from application.shared.access import Permission, Principal
from web.deps import ServicesDep, api_allow
from web.shared.schemas import NOT_FOUND

router = APIRouter(tags=["防篡改 Tamper evidence"])


class ProofOut(BaseModel):
    """An event, its audit path and the signed checkpoint (check with `ganxin audit verify-proof`).

    An account event (`ganxin:Account.*`) comes without its content: `event.state` is null and
    `event.state_withheld` says why; its leaf hash is still proved to be in the signed tree.
    """

    format: str
    event: dict[str, Any]
    leaf_hash: str
    tree_size: int
    audit_path: list[str]
    checkpoint: dict[str, Any]


@router.get("/audit/proofs/{notification_id}", response_model=ProofOut, responses={**NOT_FOUND})
def get_proof(
    services: ServicesDep,
    notification_id: int = Path(ge=1, le=2**62),
    principal: Principal = Depends(api_allow(Permission.PROVE_EVENTS)),
) -> dict:
    """The inclusion proof of one event against the latest signed checkpoint (404 if not yet sealed)."""
    return services.proofs.prove_event(principal, notification_id)
