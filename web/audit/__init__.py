"""Tamper evidence: inclusion proofs of events in the signed log."""

from web.audit import api
from web.shared.routing import joined

api_router = joined(api.router)

__all__ = ["api_router"]
